/**
 * Loads everything a command works on: the configuration file with its firewall hosts' rulesets,
 * the inputs under the given paths (Terraform, plans, CloudFormation templates), and the zone of
 * every resource. All input and configuration problems are collected into
 * `problems`; a command fails (exit 2) when any of them is an error.
 */
import fs from 'node:fs';
import { isInside } from '../loaders/terraform/sandbox.js';
import path from 'node:path';
import { declaresZones, findConfig, loadConfig, resolveZones, type GridfenceConfig } from '../config/index.js';
import type { InputFormat } from './input-formats.js';
import { firewallResources, loadHosts, type LoadedHost } from './load-hosts.js';
import { loadTemplates } from './load-templates.js';
import { findTemplates, missingCdkTemplates } from '../loaders/cfn/discover.js';
import { findPlans } from '../loaders/plan/discover.js';
import { joinKnownIds } from '../loaders/plan/known-ids.js';
import { loadPlan } from '../loaders/plan/load.js';
import { displayPath, readInputText } from '../loaders/input-file.js';
import { listConfigFiles, loadTerraform } from '../loaders/terraform/load.js';
import type { PlanValues, VarArg } from '../loaders/terraform/tfvars.js';
import { zoneCandidates } from '../loaders/terraform/zone-candidates.js';
import { partitionRoots } from './root-parts.js';
import { unreadInputs } from './unread-inputs.js';
import { invalidValues } from '../graph/aws/invalid.js';
import { InputError, type InputProblem } from '../model/errors.js';
import { formatPrefix } from '../model/net/cidr.js';
import type { FirewallHost } from '../model/firewall.js';
import type { ModelResource, TerraformModel } from '../model/resource.js';
import { SourceFile } from '../model/source.js';
import { pushAll } from '../model/arrays.js';


export interface LoadOptions {
  paths: string[];
  cwd: string;
  /** --config FILE. */
  config?: string;
  /** Root-module variable settings, applied after `varFiles`. */
  vars: Array<{ name: string; value: string }>;
  /** Variable files (relative to cwd), applied in this order. */
  varFiles: string[];
  /** --var and --var-file in command-line order (files relative to cwd), applied last, the later winning. */
  varArgs?: VarArg[];
  /** --cfn-param NAME=VALUE: CloudFormation parameter values, over the templates' defaults. */
  cfnParams?: Array<{ name: string; value: string }>;
  /** --input-format: read only this format, and every candidate file as it (not detected by content). */
  inputFormat?: InputFormat;
  /** --source-dir: the .tf sources of the plans under the paths (evaluated with the plans' variables). */
  sourceDir?: string;
  /** Told when a stage ends, for a progress line on long runs. */
  onProgress?: (message: string) => void;
}

/**
 * Roots judged together: a whole run, or, when several of its roots declare the same address, one
 * of the parts in which no two roots do (root-parts.ts). Its zones are resolved from its own
 * resources only.
 */
export interface SystemPart {
  /** The roots of the part (root folders, templates, plans). */
  roots: string[];
  resources: ModelResource[];
  zoneOf: Map<string, string>;
  zonesSpanned: Map<string, string[]>;
}

export interface LoadedSystem {
  config?: GridfenceConfig;
  /** Display path of the configuration file, when one was found. */
  configPath?: string;
  model: TerraformModel;
  /**
   * Zones by address, and resources spanning several (below), for a run that is one part. When
   * `parts` has more than one, an address may name a resource of each of several roots, and these
   * are the first part's only: a consumer goes through `parts` (or `zoneOfResource`).
   */
  zoneOf: Map<string, string>;
  /** No zone is declared: every resource counts as protected. */
  zonesImplicit: boolean;
  /** Resources in no zone of their own that sit in several (config/zones.ts). */
  zonesSpanned: Map<string, string[]>;
  /**
   * The parts judged on their own: one (the whole run, sharing `model.resources` and `zoneOf`)
   * unless roots of the run declare the same address.
   */
  parts: SystemPart[];
  problems: InputProblem[];
  /** The firewall rulesets read: those of gridfence.yaml's hosts, then those found on their own. */
  hosts: LoadedHost[];
  /** Hosts of gridfence.yaml, placed in the network by their interfaces. */
  placedHosts: FirewallHost[];
  /** Rulesets found among the inputs, each a host of its own with no place in the network. */
  standaloneHosts: FirewallHost[];
  /** Hosts, interfaces, chains and rules as resources, for findings (not part of `model`). */
  firewallResources: ModelResource[];
}

export function loadSystem(opts: LoadOptions): LoadedSystem {
  const problems: InputProblem[] = [];
  const first = path.resolve(opts.cwd, opts.paths[0] ?? '.');
  const startDir = fs.existsSync(first) && fs.statSync(first).isDirectory() ? first : path.dirname(first);
  const found = findConfig(startDir, opts.config ? path.resolve(opts.cwd, opts.config) : undefined, (abs) => displayPath(opts.cwd, abs));
  pushAll(problems, found.problems);
  let config: GridfenceConfig | undefined;
  let configPath: string | undefined;
  if (found.path) {
    configPath = displayPath(opts.cwd, found.path);
    const loaded = loadConfig(found.path, configPath);
    pushAll(problems, loaded.problems);
    config = loaded.config;
  }
  const paths = opts.paths.length ? opts.paths : ['.'];
  // One configuration applies to a run, found from the first path. A later path that has a
  // configuration of its own would be judged by another's zones, rules and waivers without a word:
  // that is an error, resolved by linting it on its own or by naming one with --config.
  if (!opts.config) {
    for (const given of paths.slice(1)) {
      const abs = path.resolve(opts.cwd, given);
      if (!fs.existsSync(abs)) continue;
      const own = findConfig(fs.statSync(abs).isDirectory() ? abs : path.dirname(abs));
      if (own.path && own.path !== found.path) {
        const theirs = displayPath(opts.cwd, own.path);
        problems.push({
          severity: 'error',
          code: 'config',
          message: `${given} has its own configuration ${theirs}, but this run applies ${configPath ?? 'none'} (found from ${paths[0]}): lint ${given} on its own, or choose one with --config`,
          location: { file: theirs, line: 1, column: 1, endLine: 1, endColumn: 1 },
        });
      }
    }
  }
  // Plans: beside their .tf sources, the sources are evaluated (findings point into them) with the
  // plan's variable values; alone, the plan's planned values are the system.
  const wants = (f: InputFormat): boolean => opts.inputFormat === undefined || opts.inputFormat === f;
  const forced = opts.inputFormat !== undefined;
  const sourceDir = opts.sourceDir ? path.resolve(opts.cwd, opts.sourceDir) : undefined;
  const plans = (wants('plan') ? findPlans(paths, opts.cwd, forced, problems) : []).map((abs) => ({ abs, display: displayPath(opts.cwd, abs) }));
  const planValues = new Map<string, PlanValues>();
  const planResources: ModelResource[] = [];
  const planRoots: string[] = [];
  for (const p of plans) {
    try {
      const loaded = loadPlan(new SourceFile(p.display, readInputText(p.abs, p.display)));
      const root = planRoot(p.abs, sourceDir);
      // With its sources read instead, their removed block says it (loaders/terraform/load.ts).
      if (!root) {
        for (const f of loaded.forgotten) {
          problems.push({ ...new InputError('tf-removed-kept', `The plan forgets ${f.address}: the object stays in the cloud but leaves Terraform's management, and what it allows or changes is not judged`, f.span).toProblem(), severity: 'warning' });
        }
      }
      // A plan's variables are its own root module's: another root gets none of them.
      if (root) planValues.set(root, { origin: p.display, values: [...(planValues.get(root)?.values ?? []), ...loaded.variables] });
      else {
        pushAll(planResources, loaded.resources);
        planRoots.push(p.display);
      }
    } catch (e) {
      if (e instanceof InputError) problems.push(e.toProblem());
      else throw e;
    }
  }
  // Across every plan of the run: a stack's plan names the network another stack's plan holds by id.
  joinKnownIds(planResources);
  // Terraform sources: the paths themselves, and the plans' sources (beside them or in --source-dir).
  // A --source-dir that is not there is named as given (reports hold no absolute path).
  const sourceDirExists = sourceDir !== undefined && fs.existsSync(sourceDir);
  if (sourceDir && !sourceDirExists) problems.push({ severity: 'error', code: 'io', message: `--source-dir ${opts.sourceDir}: no such directory` });
  // A plan named by itself (`lint infra/plan.json`, the pre-deploy gate) brings its sources too:
  // they are what is analysed, and the plan lends them only its variables.
  // A folder already under a Terraform path is read from there, once.
  const tfGiven = wants('terraform') ? paths : [];
  const underGiven = (d: string): boolean =>
    tfGiven.some((given) => {
      const g = path.resolve(opts.cwd, given);
      return fs.existsSync(g) && fs.statSync(g).isDirectory() && isInside(d, g);
    });
  const planSources = plans.map((p) => planRoot(p.abs, sourceDir)).filter((d): d is string => d !== undefined && (d !== sourceDir || sourceDirExists) && !underGiven(d));
  const tfPaths = [...tfGiven, ...planSources];
  const tf = loadTerraform({
    paths: [...new Set(tfPaths)],
    cwd: opts.cwd,
    vars: opts.vars,
    planValues,
    varFiles: opts.varFiles.map((f) => path.resolve(opts.cwd, f)),
    varArgs: (opts.varArgs ?? []).map((a) => (a.kind === 'file' ? { kind: 'file', path: path.resolve(opts.cwd, a.path) } : a)),
  });
  pushAll(tf.model.resources, planResources);
  tf.model.roots.push(...planRoots);
  // CloudFormation templates (and CDK output): logical ids are the addresses (load-templates.ts).
  const templates = wants('cloudformation') ? findTemplates(paths, opts.cwd, new Set(plans.map((p) => p.abs)), forced, problems) : [];
  const cfn = loadTemplates(templates, opts.cwd, Object.fromEntries((opts.cfnParams ?? []).map((p) => [p.name, p.value])));
  pushAll(tf.model.resources, cfn.resources);
  tf.model.roots.push(...cfn.roots);
  pushAll(problems, cfn.problems);
  // Values AWS refuses (a CIDR block that is none, a rule list that is no list) are said wherever
  // they are written, whichever rules run (graph/aws/invalid.ts).
  pushAll(problems, invalidValues(tf.model.resources));
  if (wants('cloudformation')) pushAll(problems, missingCdkTemplates(paths, opts.cwd));
  pushAll(problems, tf.problems);
  opts.onProgress?.(`evaluated ${tf.model.resources.length} resources`);
  const firewall = wants('iptables') ? 'iptables' : wants('nftables') ? 'nftables' : undefined;
  const hosts = loadHosts({ config, configAbs: found.path, cwd: opts.cwd, paths, only: forced ? firewall ?? false : undefined }, problems);
  // Host interfaces are zone members as the configuration places them (hosts.<h>.interfaces.<i>.zone,
  // match.hosts) or by their address when they lead to no link.
  const interfaces = hosts.placed.flatMap((h) => h.interfaces.map((i) => ({ address: `${h.name}:${i.name}`, type: 'firewall_interface', ...(i.address && !i.link ? { cidrs: [formatPrefix(i.address.version, i.address.address, i.address.version === 4 ? 32 : 128)] } : {}) })));
  // One pass tells whether two roots declare the same address; only then is the run split.
  let repeated = false;
  const candidates = zoneCandidates(tf.model.resources, () => (repeated = true));
  const split = repeated ? partitionRoots(tf.model.resources) : undefined;
  let parts: SystemPart[];
  if (!split) {
    const zones = resolveZones(config, [...candidates, ...interfaces]);
    pushAll(problems, zones.problems);
    parts = [{ roots: tf.model.roots, resources: tf.model.resources, zoneOf: zones.zoneOf, zonesSpanned: zones.spanning }];
  } else {
    parts = split.map((p) => {
      const zones = resolveZones(config, [...zoneCandidates(p.resources), ...interfaces]);
      // A resource in several parts has its zone problems said once (onceEach, below).
      pushAll(problems, zones.problems);
      return { roots: p.roots, resources: p.resources, zoneOf: zones.zoneOf, zonesSpanned: zones.spanning };
    });
  }
  // The configuration is an input itself when it describes hosts.
  // A file some loader took but could not read (a ruleset with a syntax error) was read too: its
  // error says what is wrong, not that it is no input.
  const read = [
    ...plans.map((p) => p.abs),
    ...templates,
    ...hosts.listed.map((h) => path.resolve(opts.cwd, h.file)),
    ...(found.path && hosts.placed.length ? [found.path] : []),
    ...problems.flatMap((p) => (p.location ? [path.resolve(opts.cwd, p.location.file)] : [])),
  ];
  pushAll(problems, unreadInputs(paths, opts.cwd, read, wants('terraform')));
  return {
    ...(config ? { config } : {}),
    ...(configPath ? { configPath } : {}),
    model: tf.model,
    zoneOf: parts[0]!.zoneOf,
    // No zone declared: the configuration's alone, alike in every part (as resolveZones decides it).
    zonesImplicit: !declaresZones(config),
    zonesSpanned: parts[0]!.zonesSpanned,
    parts,
    // Each loader walks the input folders: a link refused or a folder unreadable is said once.
    problems: onceEach(problems),
    hosts: hosts.listed,
    placedHosts: hosts.placed,
    standaloneHosts: hosts.standalone,
    firewallResources: firewallResources([...hosts.placed, ...hosts.standalone]),
  };
}

/**
 * The root module a plan was made from, as an absolute folder: --source-dir when given (the user
 * says where the sources are), else the plan's own folder when it holds .tf sources; undefined
 * when neither (the plan alone is the system).
 */
function planRoot(planFile: string, sourceDir: string | undefined): string | undefined {
  if (sourceDir) return sourceDir;
  const dir = path.dirname(planFile);
  return listConfigFiles(dir).length ? dir : undefined;
}

/** Problems without repeats (same code, message and place), in their order. */
function onceEach(problems: readonly InputProblem[]): InputProblem[] {
  const seen = new Set<string>();
  return problems.filter((p) => {
    const l = p.location;
    const key = `${p.code}\0${p.message}\0${l ? `${l.file}:${l.line}:${l.column}:${l.endLine}:${l.endColumn}` : ''}`;
    if (seen.has(key)) return false;
    seen.add(key);
    return true;
  });
}

/**
 * A resource's zone, read in a part that holds it: with one part, by its address; with several, an
 * address alone may name another root's resource.
 */
export function zoneOfResource(sys: LoadedSystem): (r: ModelResource) => string | undefined {
  if (sys.parts.length <= 1) return (r) => sys.zoneOf.get(r.address);
  const zone = new Map<ModelResource, string | undefined>();
  for (const p of sys.parts) for (const r of p.resources) if (!zone.has(r)) zone.set(r, p.zoneOf.get(r.address));
  return (r) => zone.get(r);
}

export function hasErrors(problems: readonly InputProblem[]): boolean {
  return problems.some((p) => p.severity === 'error');
}
