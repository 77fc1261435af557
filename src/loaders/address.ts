/**
 * Resource addresses and references as Terraform writes them (`module.a["x.y"].aws_subnet.s[0]`),
 * read as traversals: the plan loader's references, and the instances of a resource that zone
 * membership places together.
 */

/**
 * A reference or address as Terraform writes it, split into its steps: names, and index steps
 * with their brackets (`["10.30.1.0/24"]`, `[0]`). A quoted key may hold dots, brackets and
 * escaped quotes, so the text is read as a traversal, never split on every dot. Undefined when
 * the text is not one.
 */
export function traversalSteps(text: string): string[] | undefined {
  const steps: string[] = [];
  let i = 0;
  while (i < text.length) {
    if (text[i] === '[') {
      const end = indexEnd(text, i);
      if (end === undefined) return undefined;
      steps.push(text.slice(i, end));
      i = end;
      continue;
    }
    if (steps.length > 0) {
      if (text[i] !== '.') return undefined;
      i++;
    }
    const m = /^[A-Za-z_][A-Za-z0-9_-]*/.exec(text.slice(i));
    if (!m) return undefined;
    steps.push(m[0]);
    i += m[0].length;
  }
  return steps.length > 0 ? steps : undefined;
}

/** The end (after "]") of the index step opening at `start`: a quoted key with its escapes, or a number or splat. */
function indexEnd(text: string, start: number): number | undefined {
  let i = start + 1;
  if (text[i] === '"') {
    for (i++; i < text.length && text[i] !== '"'; i++) if (text[i] === '\\') i++;
    if (i >= text.length) return undefined;
    i++;
  } else {
    while (i < text.length && /[0-9*]/.test(text[i]!)) i++;
  }
  return text[i] === ']' && i > start + 1 ? i + 1 : undefined;
}

/** Whether a step is an index (`[0]`, `["k"]`, `[*]`) rather than a name. */
export function isIndex(step: string): boolean {
  return step.startsWith('[');
}

/** Steps back as text: names joined by dots, index steps appended as written. */
export function joinSteps(steps: string[]): string {
  return steps.map((s, i) => (i === 0 || isIndex(s) ? s : `.${s}`)).join('');
}

/**
 * An address without its last instance key (`aws_x.y["a.b"]` → `aws_x.y`): the resource of an
 * instance; any other address, or text that is no traversal, unchanged.
 */
export function withoutLastKey(address: string): string {
  // Only an index step ends in "]": the common address without a key is not parsed.
  if (!address.endsWith(']')) return address;
  const steps = traversalSteps(address);
  return steps && isIndex(steps[steps.length - 1]!) ? joinSteps(steps.slice(0, -1)) : address;
}
