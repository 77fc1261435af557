/**
 * Source positions. Every node keeps byte-free character offsets into its file's text; line and
 * column are derived on demand from a line table, so parsing stays cheap. Lines and columns are
 * 1-based; columns count UTF-16 code units (SARIF's default `columnKind`).
 */

/** One input file, its path relative to the scan root (POSIX separators) and its text. */
export class SourceFile {
  private lineStarts: Int32Array | undefined;
  /**
   * A file of a module `terraform init` installed (under .terraform/modules): not the user's to
   * edit, and outside what a pull request shows. Findings in it are placed at the module call.
   */
  installed = false;
  constructor(
    readonly path: string,
    readonly text: string,
  ) {}

  /** 1-based line and column of a character offset. */
  position(offset: number): { line: number; column: number } {
    const starts = (this.lineStarts ??= computeLineStarts(this.text));
    let lo = 0;
    let hi = starts.length - 1;
    while (lo < hi) {
      const mid = (lo + hi + 1) >> 1;
      if (starts[mid]! <= offset) lo = mid;
      else hi = mid - 1;
    }
    return { line: lo + 1, column: offset - starts[lo]! + 1 };
  }
}

/** Offsets where lines start, counted first so that the table is one exact typed array. */
function computeLineStarts(text: string): Int32Array {
  let lines = 1;
  for (let i = text.indexOf('\n'); i !== -1; i = text.indexOf('\n', i + 1)) lines++;
  const starts = new Int32Array(lines);
  let k = 1;
  for (let i = text.indexOf('\n'); i !== -1; i = text.indexOf('\n', i + 1)) starts[k++] = i + 1;
  return starts;
}

/** A half-open range [start, end) of character offsets in one file. */
export interface Span {
  readonly file: SourceFile;
  readonly start: number;
  readonly end: number;
}

/** The user-facing form of a span: 1-based, end column exclusive (as SARIF's endColumn). */
export interface Location {
  file: string;
  line: number;
  column: number;
  endLine: number;
  endColumn: number;
}

export function toLocation(span: Span): Location {
  const a = span.file.position(span.start);
  const b = span.file.position(span.end);
  return { file: span.file.path, line: a.line, column: a.column, endLine: b.line, endColumn: b.column };
}
