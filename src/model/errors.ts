/**
 * Input and configuration problems. They are never findings: they go to the report's `errors`
 * and make the run exit 2 (fail closed). A warning is kept in `errors` too but does not fail the run.
 */
import { type Location, type Span, toLocation } from './source.js';

export interface InputProblem {
  severity: 'error' | 'warning';
  /** Stable machine-readable kind, e.g. "hcl-syntax", "eval", "sandbox", "config". */
  code: string;
  message: string;
  location?: Location;
}

/**
 * An error about the input, never shown as a stack trace, of which a run may throw thousands (a
 * count over a short list, `try` over many values): it captures no stack, which would cost more
 * than the evaluation that meets it.
 */
export class QuietError extends Error {
  constructor(message?: string) {
    const limit = Error.stackTraceLimit;
    Error.stackTraceLimit = 0;
    super(message);
    Error.stackTraceLimit = limit;
  }
}

/** Thrown to abandon a file or module; collected into the run's errors, never shown as a stack trace. */
export class InputError extends QuietError {
  constructor(
    readonly code: string,
    message: string,
    readonly span?: Span,
  ) {
    super(message);
    this.name = 'InputError';
  }

  toProblem(): InputProblem {
    return { severity: 'error', code: this.code, message: this.message, ...(this.span ? { location: toLocation(this.span) } : {}) };
  }
}

/** Thrown by Terraform functions; the evaluator locates it at the call and `try`/`can` catch it. */
export class FunctionError extends QuietError {
  constructor(message: string) {
    super(message);
    this.name = 'FunctionError';
  }
}
