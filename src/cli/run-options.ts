/** What the commands use while they run: their input options as load options, colour, JSON reports, progress, output. */
import fs from 'node:fs';
import type { LoadOptions } from '../linter/load-system.js';
import { InputError } from '../model/errors.js';
import { writeText } from './json-out.js';

/**
 * What `--config`, `--var`, `--var-file`, `--cfn-param`, `--input-format` and `--source-dir` give:
 * the load options under commander's names (the library's names are LoadOptions').
 */
export type InputOptions = Pick<LoadOptions, 'config' | 'inputFormat' | 'sourceDir'> & {
  var: LoadOptions['vars'];
  varFile: LoadOptions['varFiles'];
  /** --var and --var-file together in command-line order (options.ts addVarOptions); absent when neither is given. */
  varArgs?: LoadOptions['varArgs'];
  cfnParam?: LoadOptions['cfnParams'];
};

/** The load options of a command's paths and input options, with a progress line. */
export function loadOptions(paths: string[], opts: InputOptions, onProgress: (message: string) => void): LoadOptions {
  return {
    paths: paths.length ? paths : ['.'],
    cwd: process.cwd(),
    ...(opts.config ? { config: opts.config } : {}),
    // Both options go in command-line order: Terraform applies them so, the later winning.
    vars: [],
    varFiles: [],
    varArgs: opts.varArgs ?? [],
    cfnParams: opts.cfnParam ?? [],
    ...(opts.inputFormat ? { inputFormat: opts.inputFormat } : {}),
    ...(opts.sourceDir ? { sourceDir: opts.sourceDir } : {}),
    onProgress,
  };
}

export function useColor(opts: { color?: boolean }, stream: NodeJS.WriteStream): boolean {
  if (opts.color === false || process.env['NO_COLOR']) return false;
  if (process.env['FORCE_COLOR'] && process.env['FORCE_COLOR'] !== '0') return true;
  return stream.isTTY === true;
}

/**
 * What a command reports: text, or a JSON value. JSON for a person reading a terminal is indented;
 * JSON for a file or a pipe (a program) is compact, which halves the size and the time to write an
 * inventory of thousands of resources; a file is written a slice at a time (json-out.ts).
 */
export type ReportOut = string | { json: unknown; pretty: boolean };

export function jsonReport(value: unknown, toTerminal: boolean): ReportOut {
  return { json: value, pretty: toTerminal };
}

/** The report as one text. */
export function reportText(out: ReportOut): string {
  if (typeof out === 'string') return out;
  // JSON.stringify gives undefined for a value JSON cannot hold (undefined itself): written as null.
  return `${(out.pretty ? JSON.stringify(out.json, null, 2) : JSON.stringify(out.json)) ?? 'null'}\n`;
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

/**
 * Writes a file the run produces; one that cannot be written is a usage error (exit 2), not a crash.
 * `shown` is how the message names the file (default: as given). `create` writes only a file that
 * is not there yet, not even as a dangling link, decided in the same call that writes it.
 */
export function writeOut(option: string, file: string, out: ReportOut, shown = file, create = false): void {
  try {
    // Serialised before the file is opened: a value JSON cannot hold fails the run as an internal
    // error and leaves the file as it was (a baseline among them).
    const text = reportText(out);
    const fd = fs.openSync(file, create ? 'wx' : 'w');
    try {
      writeText(fd, text);
    } finally {
      fs.closeSync(fd);
    }
  } catch (e) {
    // Only the file system's refusals are the user's to mend; anything else is an internal error.
    const code = (e as NodeJS.ErrnoException).code;
    if (!code) throw e;
    if (create && code === 'EEXIST') throw new InputError('usage', `${shown} already exists; init does not overwrite it (use --force to replace it)`);
    throw new InputError('usage', `${option} ${shown}: cannot write it (${code})`);
  }
}

/** A command's report: to the `--output` file when one is given, else to standard output. */
export function emit(output: string | undefined, out: ReportOut): void {
  if (output) writeOut('--output', output, out);
  else process.stdout.write(reportText(out));
}
