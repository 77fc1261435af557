/**
 * `gridfence init [PATH]`: writes a starter gridfence.yaml guessed from the Terraform under PATH.
 * Never replaces an existing configuration without --force (exit 2). The written file is loaded back
 * with the configuration loader; a file that does not pass is an internal error.
 */
import fs from 'node:fs';
import path from 'node:path';
import { CONFIG_FILE_NAMES, loadConfig, parseConfig, resolveZones, type LoadResult } from '../config/index.js';
import { proposeConfig } from '../init/index.js';
import { loadTerraform } from '../loaders/terraform/load.js';
import type { VarArg } from '../loaders/terraform/tfvars.js';
import { zoneCandidates } from '../loaders/terraform/zone-candidates.js';
import { partitionRoots } from '../linter/root-parts.js';
import type { InputProblem } from '../model/errors.js';
import type { ModelResource, TerraformModel } from '../model/resource.js';
import { EXIT_INPUT_ERROR, EXIT_OK } from './exit-codes.js';
import { writeOut } from './run-options.js';
import { errorLang, jaUsageMessage } from './ja-usage.js';

export interface InitOptions {
  force?: boolean;
  output?: string;
  var: Array<{ name: string; value: string }>;
  varFile: string[];
  /** --var and --var-file in command-line order (options.ts addVarOptions); absent when neither is given. */
  varArgs?: VarArg[];
}

export function runInit(target: string | undefined, opts: InitOptions, cwd: string = process.cwd()): number {
  const input = path.resolve(cwd, target ?? '.');
  if (!fs.existsSync(input)) {
    process.stderr.write(`gridfence: ${said(`${shown(cwd, input)}: no such file or directory`)}\n`);
    return EXIT_INPUT_ERROR;
  }
  const dir = fs.statSync(input).isDirectory() ? input : path.dirname(input);

  // Where to write, and what must not be overwritten.
  let output: string;
  if (opts.output) {
    output = path.resolve(cwd, opts.output);
    if (fs.existsSync(output) && fs.statSync(output).isDirectory()) {
      process.stderr.write(`gridfence: --output ${opts.output} is a directory; give a file name\n`);
      return EXIT_INPUT_ERROR;
    }
    if (exists(output) && !opts.force) return refuse(cwd, [output]);
    if (!fs.existsSync(path.dirname(output))) {
      process.stderr.write(`gridfence: --output ${opts.output}: the directory ${shown(cwd, path.dirname(output))} does not exist\n`);
      return EXIT_INPUT_ERROR;
    }
  } else {
    const present = CONFIG_FILE_NAMES.map((n) => path.join(dir, n)).filter(exists);
    if (present.length > 1) {
      process.stderr.write(`gridfence: both ${present.map((p) => shown(cwd, p)).join(' and ')} exist; remove one of them first (init replaces one file only)\n`);
      return EXIT_INPUT_ERROR;
    }
    if (present.length === 1 && !opts.force) return refuse(cwd, present);
    // --force replaces the configuration that is there, under its own name.
    output = present[0] ?? path.join(dir, CONFIG_FILE_NAMES[0]);
  }

  const varArgs = (opts.varArgs ?? []).map((a) => (a.kind === 'file' ? { kind: 'file' as const, path: path.resolve(cwd, a.path) } : a));
  const tf = loadTerraform({ paths: [input], cwd, vars: [], varFiles: [], varArgs });
  for (const p of tf.problems) process.stderr.write(`${formatProblem(p)}\n`);
  if (tf.problems.some((p) => p.severity === 'error')) {
    process.stderr.write('gridfence: init needs inputs that load without errors; nothing was written\n');
    return EXIT_INPUT_ERROR;
  }
  if (tf.model.resources.length === 0) {
    process.stderr.write(`gridfence: no Terraform resources found under ${shown(cwd, input)}; nothing was written\n`);
    return EXIT_INPUT_ERROR;
  }

  const parts = partitionRoots(tf.model.resources)?.map((p) => p.resources);
  const proposal = proposeConfig(tf, { system: path.basename(dir), source: shown(path.dirname(output), input), ...(parts ? { parts } : {}) });
  const display = shown(cwd, output);
  // Checked before writing, so that a bad proposal never lands on disk, and read back after.
  verify(parseConfig(proposal.text, display), display, tf.model.resources);
  // Without --force, created only if nothing holds the name: a file written meanwhile, or a link to
  // somewhere else, is not written through.
  writeOut(opts.output ? '--output' : 'configuration file', output, proposal.text, display, !opts.force);
  verify(loadConfig(output, display), display, tf.model.resources);

  const lintArgs = [shown(cwd, input), ...(opts.output ? ['--config', display] : [])].join(' ');
  process.stdout.write(summary(display, proposal, lintArgs));
  return EXIT_OK;
}

/** The file must pass its own schema and checks, and place no resource in two zones; anything else is our bug. */
function verify(loaded: LoadResult, display: string, resources: TerraformModel['resources']): void {
  const errors = loaded.problems.filter((p) => p.severity === 'error');
  if (!loaded.config || errors.length) {
    throw new Error(`the generated ${display} does not pass the configuration checks: ${errors.map(formatProblem).join('; ')}`);
  }
  // Judged as lint judges it: roots that declare the same address (envs/dev and envs/prod) each on their own.
  const parts: ReadonlyArray<readonly ModelResource[]> = partitionRoots(resources)?.map((p) => p.resources) ?? [resources];
  const conflicts = parts.flatMap((part) => resolveZones(loaded.config!, zoneCandidates(part)).problems.filter((p) => p.severity === 'error'));
  if (conflicts.length) throw new Error(`the generated ${display} places resources in two zones: ${conflicts.map((p) => p.message).join('; ')}`);
}

/** Whether something holds the name, a link whose target is missing included. */
function exists(p: string): boolean {
  try {
    fs.lstatSync(p);
    return true;
  } catch {
    return false;
  }
}

function refuse(cwd: string, existing: string[]): number {
  const names = existing.map((p) => shown(cwd, p)).join(', ');
  process.stderr.write(`gridfence: ${said(`${names} already exists; init does not overwrite it (use --force to replace it)`)}\n`);
  return EXIT_INPUT_ERROR;
}

function summary(display: string, p: ReturnType<typeof proposeConfig>, lintArgs: string): string {
  const out: string[] = [`Wrote ${display}: ${count(p.zones.length, 'zone')}, ${count(p.externals.length, 'external network')}.`];
  const pad = (s: string, n: number) => s.padEnd(n);
  if (p.zones.length) {
    const w = Math.max(...p.zones.map((z) => z.name.length));
    out.push('', 'Zones:');
    for (const z of p.zones) {
      const how = z.from === 'tag' ? `tag gridfence-zone=${z.name}` : `subnet names (${count(z.match?.addresses?.length ?? 0, 'subnet')})`;
      out.push(`  ${pad(z.name, w)}  ${pad(z.role, 15)}  ${how}, ${count(z.resources, 'resource')}${z.roleSure ? '' : '  [role unsure]'}`);
    }
  }
  if (p.externals.length) {
    const w = Math.max(...p.externals.map((x) => x.name.length));
    out.push('', 'Externals:');
    for (const x of p.externals) out.push(`  ${pad(x.name, w)}  ${pad(x.role, 15)}  ${x.cidrs.join(', ')}${x.roleSure ? '' : '  [role unsure]'}`);
  }
  out.push('', 'To confirm (every guess in the file is marked "要確認 / confirm"):');
  for (const c of p.confirm) out.push(`  - ${c}`);
  out.push('  - every zone role and external network against your network diagram', '', `Then run: gridfence lint ${lintArgs}`);
  return out.join('\n') + '\n';
}

function count(n: number, word: string): string {
  return `${n} ${word}${n === 1 ? '' : 's'}`;
}

function shown(cwd: string, p: string): string {
  const rel = path.relative(cwd, p);
  return (rel === '' ? '.' : rel.startsWith('..') ? p : rel).split(path.sep).join('/');
}

function formatProblem(p: InputProblem): string {
  const where = p.location ? `${p.location.file}:${p.location.line}:${p.location.column}: ` : '';
  return `${where}${p.severity}: ${p.message}`;
}

/** A message of the command line, in Japanese under a Japanese locale. */
function said(message: string): string {
  return errorLang(process.argv.slice(2)) === 'ja' ? jaUsageMessage(message) : message;
}
