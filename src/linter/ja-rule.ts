/**
 * One pattern of the Japanese for gridfence's English problem messages (ja-problems.ts and the
 * ja-*-errors.ts files): the English as a regular expression, the Japanese as a replacement string
 * ($1 …) or a function of the match and its groups.
 */
export type JaRule = [RegExp, string | ((...m: string[]) => string)];

/** The message in Japanese by this rule, or undefined when the rule does not match it. */
export function applyJaRule([re, to]: JaRule, message: string): string | undefined {
  if (!re.test(message)) return undefined;
  return typeof to === 'string' ? message.replace(re, to) : message.replace(re, (...m: unknown[]) => to(...(m.slice(0, -2) as string[])));
}

/** The message in Japanese by the first of `rules` that matches it; unchanged when none does. */
export function applyJaRules(rules: readonly JaRule[], message: string): string {
  for (const rule of rules) {
    const ja = applyJaRule(rule, message);
    if (ja !== undefined) return ja;
  }
  return message;
}
