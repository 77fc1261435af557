/** Parsing of option values shared by the commands. */
import { InputError } from '../model/errors.js';

/** `--var NAME=VALUE`, repeatable. */
export function collectVar(value: string, previous: Array<{ name: string; value: string }> = []): Array<{ name: string; value: string }> {
  const eq = value.indexOf('=');
  if (eq <= 0 || !/^[A-Za-z_][A-Za-z0-9_-]*$/.test(value.slice(0, eq))) {
    throw new InputError('usage', `--var expects NAME=VALUE, got "${value}"`);
  }
  return [...previous, { name: value.slice(0, eq), value: value.slice(eq + 1) }];
}

/** `--now YYYY-MM-DD`: a calendar date that exists. */
export function parseDate(value: string): string {
  const m = /^(\d{4})-(\d{2})-(\d{2})$/.exec(value);
  const d = m ? new Date(Date.UTC(Number(m[1]), Number(m[2]) - 1, Number(m[3]))) : undefined;
  if (!d || d.toISOString().slice(0, 10) !== value) throw new InputError('usage', `--now expects a date YYYY-MM-DD, got "${value}"`);
  return value;
}

/** `--port N`: 0–65535. */
export function parsePort(value: string): number {
  const n = Number(value);
  if (!/^\d+$/.test(value) || n > 65535) throw new InputError('usage', `--port expects a port number 0-65535, got "${value}"`);
  return n;
}

export function collectList(value: string, previous: string[] = []): string[] {
  return [...previous, value];
}

export function useColor(opts: { color?: boolean }, stream: NodeJS.WriteStream): boolean {
  if (opts.color === false || process.env['NO_COLOR']) return false;
  if (process.env['FORCE_COLOR'] && process.env['FORCE_COLOR'] !== '0') return true;
  return stream.isTTY === true;
}

/**
 * JSON for a person reading a terminal is indented; JSON for a file or a pipe (a program) is
 * compact, which halves the size and the time to write an inventory of thousands of resources.
 */
export function jsonText(value: unknown, toTerminal: boolean): string {
  return (toTerminal ? JSON.stringify(value, null, 2) : JSON.stringify(value)) + '\n';
}

/**
 * A progress line on stderr for long runs: shown only on a terminal, and only once a run has taken
 * more than about a second; cleared before the report is written.
 */
export function progressLine(stream: NodeJS.WriteStream = process.stderr): { update(message: string): void; done(): void } {
  const started = Date.now();
  let shown = false;
  return {
    update(message) {
      if (!stream.isTTY || Date.now() - started < 1000) return;
      stream.write(`\r\x1b[2Kgridfence: ${message} (${((Date.now() - started) / 1000).toFixed(1)} s)`);
      shown = true;
    },
    done() {
      if (shown) stream.write('\r\x1b[2K');
    },
  };
}
