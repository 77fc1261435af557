/**
 * Shell-style words of one iptables-save line. iptables-save quotes arguments that hold spaces or
 * shell metacharacters (`--comment "bastion only"`, `--log-prefix "gw drop: "`), so splitting on
 * whitespace would cut them; iptables-restore itself reads double quotes with backslash escapes, and
 * hand-edited files also use single quotes. Each word keeps the offsets of its source text, quotes
 * included, so a match's span covers exactly what was written.
 */
import { InputError } from '../../model/errors.js';
import type { SourceFile } from '../../model/source.js';

export interface Word {
  /** The word with quotes removed and escapes resolved. */
  text: string;
  /** Offsets into the file, [start, end). */
  start: number;
  end: number;
  /** Whether any part of the word was quoted or escaped: such a word is always a value, never an option or `!`. */
  quoted: boolean;
}

/**
 * Splits the text between `from` and `to` (one line, without its line break) into words. Inside
 * double quotes a backslash escapes the next character; single quotes take everything literally;
 * outside quotes a backslash escapes the next character. An unclosed quote is an InputError at the
 * quote.
 */
export function splitWords(file: SourceFile, from: number, to: number): Word[] {
  const s = file.text;
  const words: Word[] = [];
  let i = from;
  while (i < to) {
    const c = s[i]!;
    if (c === ' ' || c === '\t' || c === '\r' || c === '\f' || c === '\v' || c === '\n') {
      i++;
      continue;
    }
    // A shell line continuation (only inside the range commandLines gives for a script's command).
    const cont = continuation(s, i, to);
    if (cont > 0) {
      i += cont;
      continue;
    }
    const start = i;
    let text = '';
    let quoted = false;
    // Runs of plain characters are copied as slices; only quotes and escapes are read one by one.
    let plain = i;
    while (i < to) {
      const ch = s[i]!;
      if (ch === ' ' || ch === '\t' || ch === '\r' || ch === '\f' || ch === '\v' || ch === '\n' || continuation(s, i, to) > 0) break;
      if (ch !== '"' && ch !== "'" && ch !== '\\') {
        i++;
        continue;
      }
      text += s.slice(plain, i);
      quoted = true;
      if (ch === '\\') {
        if (i + 1 >= to) {
          // A trailing backslash would continue the line in a shell; iptables-restore has no continuation lines.
          throw new InputError('iptables', 'A backslash at the end of a line escapes nothing (iptables-restore has no continuation lines)', { file, start: i, end: i + 1 });
        }
        text += s[i + 1]!;
        i += 2;
        plain = i;
        continue;
      }
      const open = i;
      i++;
      let closed = false;
      while (i < to) {
        const q = s[i]!;
        if (q === ch) {
          closed = true;
          i++;
          break;
        }
        if (ch === '"' && q === '\\' && i + 1 < to) {
          text += s[i + 1]!;
          i += 2;
          continue;
        }
        text += q;
        i++;
      }
      if (!closed) throw new InputError('iptables', `Unbalanced ${ch === '"' ? 'double' : 'single'} quote: the quoted argument is not closed on this line`, { file, start: open, end: open + 1 });
      plain = i;
    }
    text += s.slice(plain, i);
    words.push({ text, start, end: i, quoted });
  }
  return words;
}

/** The length of a backslash-newline at `i` before `to` (2); 0 when there is none (a shell's `\\\r\n` escapes the return). */
function continuation(s: string, i: number, to: number): number {
  return s[i] === '\\' && s[i + 1] === '\n' && i + 1 < to ? 2 : 0;
}

/**
 * The words of each command that is neither blank nor a `#` comment, in file order. With
 * `continued`, a line that ends in a backslash goes on on the next one, as in a shell script.
 */
export function* commandLines(file: SourceFile, continued = false): Generator<Word[]> {
  const text = file.text;
  let pos = 0;
  while (pos <= text.length) {
    let eol = text.indexOf('\n', pos);
    if (eol < 0) eol = text.length;
    // A backslash continues a line only right before its newline (before `\r\n` it escapes the return).
    while (continued && eol < text.length && endsInBackslash(text, pos, eol)) {
      const next = text.indexOf('\n', eol + 1);
      eol = next < 0 ? text.length : next;
    }
    // A line's CRLF ending is left out of its words, but in a script a backslash before it escapes the
    // return, which becomes a word (the shell passes it on).
    const cr = eol > pos && text[eol - 1] === '\r' && !(continued && endsInBackslash(text, pos, eol - 1));
    const words = splitWords(file, pos, cr ? eol - 1 : eol);
    if (words.length && !words[0]!.text.startsWith('#')) yield words;
    if (eol === text.length) break;
    pos = eol + 1;
  }
}

/** Whether the line [from, to) ends in a backslash that is not itself escaped. */
function endsInBackslash(text: string, from: number, to: number): boolean {
  let n = 0;
  while (to - 1 - n >= from && text[to - 1 - n] === '\\') n++;
  return n % 2 === 1;
}
