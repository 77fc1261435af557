/** Exit codes, ESLint's convention (product.md §2). */
export const EXIT_OK = 0;
/** Findings at or above --fail-on. */
export const EXIT_FINDINGS = 1;
/** Usage error, invalid configuration, or an input that could not be read or parsed. */
export const EXIT_INPUT_ERROR = 2;
