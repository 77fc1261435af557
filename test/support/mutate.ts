/** Mutations for the parsers' property tests: a few small edits that make or break a text's syntax. */
import fc from 'fast-check';

/** At a position (taken modulo the text's length + 1), remove so many characters and insert a piece. */
export type Splice = [at: number, remove: number, insert: string];

/** One to `maxEdits` splices, each removing up to `maxRemove` characters and inserting one of `pieces`. */
export function splices(pieces: readonly string[], maxRemove: number, maxEdits: number): fc.Arbitrary<Splice[]> {
  return fc.array(fc.tuple(fc.nat(), fc.nat(maxRemove), fc.constantFrom(...pieces)), { minLength: 1, maxLength: maxEdits });
}

/** `text` with the splices applied in order, each to the result of the one before. */
export function spliced(text: string, edits: readonly Splice[]): string {
  let t = text;
  for (const [at, remove, insert] of edits) {
    const k = at % (t.length + 1);
    t = t.slice(0, k) + insert + t.slice(k + remove);
  }
  return t;
}
