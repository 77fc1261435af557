/** Parsing of option values shared by the commands, and the input options of the commands that load a system. */
import { Command, Option } from 'commander';
import { INPUT_FORMATS, type InputFormat } from '../linter/input-formats.js';
import type { LoadOptions } from '../linter/load-system.js';
import { InputError } from '../model/errors.js';

/** A repeatable `NAME=VALUE` option's parser, named in its error. */
function pairs(option: string, name: RegExp) {
  return (value: string, previous: Array<{ name: string; value: string }> = []): Array<{ name: string; value: string }> => {
    const eq = value.indexOf('=');
    if (eq <= 0 || !name.test(value.slice(0, eq))) {
      throw new InputError('usage', `${option} expects NAME=VALUE, got "${value}"`);
    }
    return [...previous, { name: value.slice(0, eq), value: value.slice(eq + 1) }];
  };
}

/** `--var NAME=VALUE`, repeatable. */
export const collectVar = pairs('--var', /^[A-Za-z_][A-Za-z0-9_-]*$/);
/** `--cfn-param NAME=VALUE`, repeatable (pseudo parameters such as AWS::Region too). */
const collectParam = pairs('--cfn-param', /^(AWS::)?[A-Za-z0-9]+$/);

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

/** What `--config`, `--var`, `--var-file`, `--cfn-param`, `--input-format` and `--source-dir` give. */
export interface InputOptions {
  config?: string;
  var: Array<{ name: string; value: string }>;
  varFile: string[];
  cfnParam?: Array<{ name: string; value: string }>;
  inputFormat?: InputFormat;
  sourceDir?: string;
}

/** The options by which inventory, lint and path say what to read. */
export function addInputOptions(cmd: Command): Command {
  return cmd
    .option('-c, --config <file>', 'configuration file (default: gridfence.yaml or .gridfence.yaml in the path or its parents)')
    .option('--var <name=value>', 'set a root-module variable (repeatable)', collectVar, [])
    .option('--var-file <file>', 'read root-module variables from a .tfvars or .tfvars.json file (repeatable)', collectList, [])
    .option('--cfn-param <name=value>', 'set a CloudFormation template parameter (repeatable)', collectParam, [])
    .addOption(new Option('--input-format <format>', 'read only this format, every candidate file as it (default: detected by content)').choices([...INPUT_FORMATS]))
    .option('--source-dir <dir>', 'the .tf sources of the plans under the paths: findings point into them');
}

/** The load options of a command's paths and input options, with a progress line. */
export function loadOptions(paths: string[], opts: InputOptions, onProgress: (message: string) => void): LoadOptions {
  return {
    paths: paths.length ? paths : ['.'],
    cwd: process.cwd(),
    ...(opts.config ? { config: opts.config } : {}),
    vars: opts.var,
    varFiles: opts.varFile,
    cfnParams: opts.cfnParam ?? [],
    ...(opts.inputFormat ? { inputFormat: opts.inputFormat } : {}),
    ...(opts.sourceDir ? { sourceDir: opts.sourceDir } : {}),
    onProgress,
  };
}
