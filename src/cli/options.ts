/**
 * Parsing of option values shared by the commands, and the input options of the commands that load a
 * system, as commander declares them. What the commands use once running is in run-options.ts, so
 * that their bundles leave commander out.
 */
import { Command, Option } from 'commander';
import { INPUT_FORMATS } from '../linter/input-formats.js';
import type { VarArg } from '../loaders/terraform/tfvars.js';
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

/**
 * `--var` and `--var-file`, repeatable. Besides each option's own list, the command's `varArgs`
 * holds both in command-line order (file paths as written), since Terraform applies them in that order (the later wins).
 * Commander runs an option's own parser first, then these listeners, once per occurrence.
 */
export function addVarOptions(cmd: Command): Command {
  cmd
    .option('--var <name=value>', 'set a root-module variable (repeatable)', collectVar, [])
    .option('--var-file <file>', 'read root-module variables from a .tfvars or .tfvars.json file (repeatable)', collectList, []);
  const record = (a: VarArg): void => {
    cmd.setOptionValue('varArgs', [...((cmd.getOptionValue('varArgs') as VarArg[] | undefined) ?? []), a]);
  };
  cmd.on('option:var', () => {
    const given = cmd.getOptionValue('var') as Array<{ name: string; value: string }>;
    record({ kind: 'var', ...given[given.length - 1]! });
  });
  cmd.on('option:var-file', (file: string) => record({ kind: 'file', path: file }));
  return cmd;
}

/** The options by which inventory, lint and path say what to read. */
export function addInputOptions(cmd: Command): Command {
  return addVarOptions(cmd.option('-c, --config <file>', 'configuration file (default: gridfence.yaml or .gridfence.yaml in the path or its parents)'))
    .option('--cfn-param <name=value>', 'set a CloudFormation template parameter (repeatable)', collectParam, [])
    .addOption(new Option('--input-format <format>', 'read only this format, every candidate file as it (default: detected by content)').choices([...INPUT_FORMATS]))
    .option('--source-dir <dir>', 'the .tf sources of the plans under the paths: findings point into them');
}
