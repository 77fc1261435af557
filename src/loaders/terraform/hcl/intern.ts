/**
 * Identifier interning: the same name ("cidr_blocks", "aws_security_group") met again returns the
 * string already made, found by a hash of the source characters, so that parsing a large
 * configuration does not allocate one string per occurrence. Shared across files; bounded.
 */
const table = new Map<number, string[]>();
let size = 0;
const MAX_ENTRIES = 50_000;

export function internSlice(src: string, start: number, end: number): string {
  const len = end - start;
  if (len > 64) return src.slice(start, end);
  let h = len;
  for (let i = start; i < end; i++) h = (Math.imul(h, 31) + src.charCodeAt(i)) | 0;
  const bucket = table.get(h);
  if (bucket) {
    outer: for (const s of bucket) {
      if (s.length !== len) continue;
      for (let j = 0; j < len; j++) if (s.charCodeAt(j) !== src.charCodeAt(start + j)) continue outer;
      return s;
    }
  }
  // Flattened copy, so that the interned string does not keep the whole file alive.
  const s = (' ' + src.slice(start, end)).slice(1);
  if (size < MAX_ENTRIES) {
    size++;
    if (bucket) bucket.push(s);
    else table.set(h, [s]);
  }
  return s;
}
