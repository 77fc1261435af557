#!/usr/bin/env node
/**
 * `npm run bench`: speed and memory on generated aggregator systems of 1000, 3000 and 10000
 * security groups (../shared/tools/gen_system.py, or --dir DIR for a system of your own), written as
 * Terraform and, by bench/gen-formats.mjs, as a CloudFormation template and a plan; and a generated
 * iptables ruleset of BENCH_FIREWALL_RULES rules (default 10000, bench/gen-iptables.mjs).
 * Prints a table; nothing here is asserted by the tests. Runs on the built code (npm run build).
 */
import { spawnSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const generator = path.resolve(root, '../shared/tools/gen_system.py');
const args = process.argv.slice(2);
const dirArg = args.indexOf('--dir') >= 0 ? args[args.indexOf('--dir') + 1] : undefined;
const sizes = dirArg ? [undefined] : (process.env.BENCH_SIZES ?? '1000,3000,10000').split(',').map(Number);

if (!fs.existsSync(path.join(root, 'dist/bin/gridfence.cjs'))) {
  console.error('bench: build first (npm run build)');
  process.exit(2);
}
if (!dirArg && !fs.existsSync(generator)) {
  console.error(`bench: the system generator is not beside this checkout (${path.relative(process.cwd(), generator)}); pass --dir DIR`);
  process.exit(2);
}

/** The linter core's first rules: resource-level, no reachability analysis. */
const CORE_RULES = ['ingress-from-declared-sources', 'dispatch-link-no-public-address', 'tls-minimum-version', 'flow-logs-enabled', 'default-security-group-closed', 'instance-metadata-v2'];

/** Rounds of every command and of the tree-sitter reference, side by side (BENCH_ROUNDS, default 3). */
const ROUNDS = Math.max(1, Number.parseInt(process.env.BENCH_ROUNDS ?? '', 10) || 3);
const median = (xs) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)];
const rows = [];
/** The same commands against the reference timed as a whole run. */
const runRows = [];
const work = fs.mkdtempSync(path.join(os.tmpdir(), 'gridfence-bench-'));
// The bin's code cache (README, "Files it writes") starts empty here: a command's first run (the first
// round of the first size) writes it, later runs read it, as every run after a user's first does.
process.env.GRIDFENCE_CACHE_DIR = path.join(work, 'code-cache');
// NODE_EXTRA_CA_CERTS makes every Node process parse a certificate bundle before any code of its
// own runs (tens of ms; gridfence opens no connection). The reference parse below is timed inside
// its process, so that cost is a property of the machine, not of gridfence: the timed commands run
// without it, and the figure is printed. BENCH_KEEP_ENV=1 keeps the environment as it is.
const caNote = extraCaCost();
if (caNote && !process.env.BENCH_KEEP_ENV) delete process.env.NODE_EXTRA_CA_CERTS;
for (const n of sizes) {
  let dir = dirArg;
  if (!dir) {
    dir = path.join(work, `sys${n}`);
    spawnSync('python3', [generator, dir, String(n)], { stdio: 'ignore' });
  }
  // The stages in fresh processes, each figure the median of ROUNDS runs: a cold parse is one
  // short measurement, and a single one swings with the machine.
  const phaseRuns = [];
  for (let round = 0; round < ROUNDS; round++) {
    const child = spawnSync(process.execPath, [path.join(root, 'bench/phases.mjs'), dir], { encoding: 'utf8' });
    if (child.status !== 0) {
      console.error(child.stderr);
      process.exit(1);
    }
    phaseRuns.push(JSON.parse(child.stdout));
  }
  const phases = Object.fromEntries(Object.keys(phaseRuns[0]).map((k) => [k, median(phaseRuns.map((r) => r[k]))]));
  // The whole commands as a user runs them (process start, load, evaluate, report to a file), and
  // the budget's reference, a native tree-sitter-hcl parse of the same files, sampled in the same
  // rounds: this machine's speed drifts from minute to minute, and a ratio is fair only between
  // runs made side by side. Each "x ts" figure is the median of the rounds' ratios. The reference
  // is timed two ways: its parse alone, inside its process ("x ts", the stricter), and its whole
  // run as each command is timed ("x run"; the budget's "about 1.5 s here" is that figure).
  const bin = path.join(root, 'dist/bin/gridfence.cjs');
  const commands = {
    inventory: [bin, 'inventory', dir, '--format', 'json', '--output', path.join(work, 'out.json')],
    lint: [bin, 'lint', dir, '--format', 'json', '--output', path.join(work, 'lint.json')],
    // The linter core's first rules alone (resource rules, no path analysis), as the core's own budget is set.
    lintCore: [bin, 'lint', dir, '--format', 'json', '--output', path.join(work, 'lint.json'), ...CORE_RULES.flatMap((r) => ['--rule', r])],
  };
  if (!dirArg) {
    // The same system as a CloudFormation template and as a plan (bench/gen-formats.mjs), linted alike.
    const cfnDir = path.join(work, `cfn${n}`);
    const planDir = path.join(work, `plan${n}`);
    spawnSync(process.execPath, [path.join(root, 'bench/gen-formats.mjs'), dir, cfnDir, planDir], { stdio: 'ignore' });
    commands.cfn = [bin, 'lint', cfnDir, '--format', 'json', '--output', path.join(work, 'lint.json')];
    commands.plan = [bin, 'lint', planDir, '--format', 'json', '--output', path.join(work, 'lint.json')];
  }
  const times = Object.fromEntries(Object.keys(commands).map((k) => [k, []]));
  const tsTimes = [];
  /** The reference as a whole run (process start, loading the grammar, reading, parsing), as every command is timed. */
  const tsRuns = [];
  let code = 0;
  for (let round = 0; round < ROUNDS; round++) {
    for (const [name, argv] of Object.entries(commands)) {
      const t0 = process.hrtime.bigint();
      const r = spawnSync(process.execPath, argv, { encoding: 'utf8' });
      times[name].push(Number(process.hrtime.bigint() - t0) / 1e6);
      if (name === 'inventory') code = r.status ?? -1;
    }
    const t0 = process.hrtime.bigint();
    const ts = spawnSync(process.execPath, [path.join(root, 'bench/tree-sitter.cjs'), dir], { encoding: 'utf8' });
    const tsWall = Number(process.hrtime.bigint() - t0) / 1e6;
    const tsResult = ts.status === 0 ? JSON.parse(ts.stdout) : { missing: true };
    if (!tsResult.missing) {
      tsTimes.push(tsResult.ms);
      tsRuns.push(tsWall);
    }
  }
  const ms = (name) => (times[name] ? median(times[name]).toFixed(0) : 'n/a');
  const ratioTo = (ref) => (name) => (times[name] && ref.length === ROUNDS ? median(times[name].map((t, i) => t / ref[i])).toFixed(2) : 'n/a');
  const ratio = ratioTo(tsTimes);
  const runRatio = ratioTo(tsRuns);
  runRows.push({
    system: n ? `${n} SGs` : path.basename(dir),
    'tree-sitter run ms': tsRuns.length ? median(tsRuns).toFixed(0) : 'n/a',
    'inventory x run': runRatio('inventory'),
    'lint x run': runRatio('lint'),
    'core rules x run': runRatio('lintCore'),
    'CFN x run': runRatio('cfn'),
    'plan x run': runRatio('plan'),
  });
  const once = spawnSync(process.execPath, [path.join(root, 'bench/lint-once.mjs'), dir], { encoding: 'utf8' });
  const lintPhase = once.status === 0 ? JSON.parse(once.stdout) : { lintMs: NaN, maxRssKb: NaN, findings: NaN };
  rows.push({
    system: n ? `${n} SGs` : path.basename(dir),
    MB: (phases.bytes / 1e6).toFixed(2),
    files: phases.files,
    resources: phases.resources,
    'parse cold MB/s': (phases.bytes / 1e6 / (phases.parseColdMs / 1000)).toFixed(1),
    'parse warm MB/s': (phases.bytes / 1e6 / (phases.parseWarmMs / 1000)).toFixed(1),
    'load+eval ms': phases.loadMs.toFixed(0),
    'zones ms': phases.zonesMs.toFixed(0),
    'json ms': phases.jsonMs.toFixed(0),
    'tree-sitter parse ms': tsTimes.length ? median(tsTimes).toFixed(0) : 'n/a',
    'inventory ms': ms('inventory'),
    'inventory x ts': ratio('inventory'),
    exit: code,
    'peak RSS MB': (phases.maxRssKb / 1024).toFixed(0),
    'lint ms': ms('lint'),
    'lint x ts': ratio('lint'),
    'core rules lint ms': ms('lintCore'),
    'core x ts': ratio('lintCore'),
    'lint peak RSS MB': (lintPhase.maxRssKb / 1024).toFixed(0),
    'lint CFN ms': ms('cfn'),
    'CFN x ts': ratio('cfn'),
    'lint plan ms': ms('plan'),
    'plan x ts': ratio('plan'),
    findings: lintPhase.findings,
  });
}
// A firewall ruleset: parse + shadowing in process (median of 3), and the whole lint command on it.
const fwRules = Number(process.env.BENCH_FIREWALL_RULES ?? 10000);
const fwFile = path.join(work, 'gw1.rules');
spawnSync(process.execPath, [path.join(root, 'bench/gen-iptables.mjs'), fwFile, String(fwRules)], { stdio: 'ignore' });
const fwRuns = [];
for (let i = 0; i < 3; i++) {
  const r = spawnSync(process.execPath, [path.join(root, 'bench/firewall.mjs'), fwFile], { encoding: 'utf8' });
  if (r.status === 0) fwRuns.push(JSON.parse(r.stdout));
}
fwRuns.sort((a, b) => a.totalMs - b.totalMs);
const fwLint = [];
for (let i = 0; i < 3; i++) {
  const t = process.hrtime.bigint();
  spawnSync(process.execPath, [path.join(root, 'dist/bin/gridfence.cjs'), 'lint', fwFile, '--format', 'json', '--output', path.join(work, 'fw.json')], { encoding: 'utf8' });
  fwLint.push(Number(process.hrtime.bigint() - t) / 1e6);
}
fwLint.sort((a, b) => a - b);
const fw = fwRuns[1];

/** Median of 5 runs of the CLI with these arguments alone (no input read). */
function startupMs(args) {
  const runs = [];
  for (let i = 0; i < 5; i++) {
    const t0 = process.hrtime.bigint();
    spawnSync(process.execPath, [path.join(root, 'dist/bin/gridfence.cjs'), ...args]);
    runs.push(Number(process.hrtime.bigint() - t0) / 1e6);
  }
  return runs.sort((a, b) => a - b)[2];
}
// --version is answered before the command line parser loads; --help loads it.
const startup = startupMs(['--version']);
const helpStartup = startupMs(['--help']);

console.table(rows);
console.log('The same commands against the reference timed as a whole process (node, the native grammar, reading and parsing the files), as each command is timed:');
console.table(runRows);
if (fw) {
  console.log(`iptables ruleset of ${fw.rules} rules (bench/gen-iptables.mjs): parse ${fw.parseMs.toFixed(0)} ms + model ${fw.modelMs.toFixed(0)} ms + shadowing ${fw.shadowMs.toFixed(0)} ms = ${fw.totalMs.toFixed(0)} ms in process (median of 3), ${fw.unreachable} unreachable rules; gridfence lint on it: ${fwLint[1].toFixed(0)} ms`);
}
console.log(`startup (gridfence --version): ${startup.toFixed(0)} ms, gridfence --help: ${helpStartup.toFixed(0)} ms (medians of 5)`);
console.log(`parse, load+eval, zones, json and peak RSS: medians of ${ROUNDS} fresh processes (bench/phases.mjs)`);
console.log(`core rules: lint with only the linter core's first rules (${CORE_RULES.join(', ')}): resource checks, no path analysis`);
console.log(`CLI times: median of ${ROUNDS} rounds, each running every command once and then the tree-sitter parse; a command's first run writes its code cache, later ones read it. "x ts": the median of the rounds' ratios to the tree-sitter parse of the same round`);
if (caNote) console.log(`NODE_EXTRA_CA_CERTS is set here: it adds ${caNote} ms to every Node start (median of 5); ${process.env.BENCH_KEEP_ENV ? 'kept (BENCH_KEEP_ENV)' : 'the timed commands ran without it (BENCH_KEEP_ENV=1 keeps it)'}`);
console.log(`node ${process.version}, ${os.cpus().length} × ${os.cpus()[0]?.model ?? 'cpu'}`);
if (rows.some((r) => r['tree-sitter parse ms'] === 'n/a')) {
  console.log('tree-sitter parse: not installed; for the budget\'s reference run npm i --no-save tree-sitter@0.25 @tree-sitter-grammars/tree-sitter-hcl@1.2.0');
}
fs.rmSync(work, { recursive: true, force: true });

/** What NODE_EXTRA_CA_CERTS adds to an empty Node start, in ms (median of 5), or undefined when it is not set. */
function extraCaCost() {
  if (!process.env.NODE_EXTRA_CA_CERTS) return undefined;
  const without = { ...process.env };
  delete without.NODE_EXTRA_CA_CERTS;
  const time = (env) => {
    const runs = [];
    for (let i = 0; i < 5; i++) {
      const t0 = process.hrtime.bigint();
      spawnSync(process.execPath, ['-e', '0'], { env });
      runs.push(Number(process.hrtime.bigint() - t0) / 1e6);
    }
    return runs.sort((a, b) => a - b)[2];
  };
  return Math.max(0, time(process.env) - time(without)).toFixed(0);
}
