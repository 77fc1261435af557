/**
 * Custom path policies: YAML files validated by schemas/policy.schema.json, from the `policies/`
 * folder beside gridfence.yaml (the scanned repository's) and from gridfence.yaml's `policies:` list.
 * Every problem — YAML, schema, a name gridfence.yaml does not declare, an id taken by a built-in
 * rule or another policy — is a configuration error at the file, line and column of the key or
 * value at fault; a run with one does not lint. A YAML file in that folder that is not a policy
 * (a rule pack, with `rules:` and no `forbid:`) is left alone.
 */
import fs from 'node:fs';
import path from 'node:path';
import { parseDocument } from 'yaml';
import { ajv2020 } from '../config/ajv-loader.js';
import { CONFIG_PROBLEM_CODE, ConfigSourceMap, nearest, pointerToPath, sourceOf, type ConfigPath, type GridfenceConfig } from '../config/index.js';
import { guidelinePack } from '../rules/pack.js';
import type { InputProblem } from '../model/errors.js';
import { matchesGlob } from '../config/glob.js';
import { parsePrefixOrAddress } from '../model/net/cidr.js';
import { SourceFile, toLocation, type Span } from '../model/source.js';
import type { CustomPolicy, Place } from './types.js';
import { table } from '../model/table.js';

const POLICY_SCHEMA_URL = new URL('../../schemas/policy.schema.json', import.meta.url);

export interface PolicyLoad {
  policies: CustomPolicy[];
  problems: InputProblem[];
}

/**
 * The policy files of a run: `<configDir>/policies/*.y(a)ml` (sorted), then gridfence.yaml's
 * `policies:` entries, each once. `display` turns an absolute path into the one shown in problems.
 * With the system's resource `addresses`, an `address` place whose glob matches none of them is a
 * warning: the policy would hold there for want of anything to check.
 */
export function loadPolicies(
  config: GridfenceConfig | undefined,
  configFile: string | undefined,
  builtIn: ReadonlySet<string>,
  display: (abs: string) => string,
  addresses?: readonly string[],
): PolicyLoad {
  const out: PolicyLoad = { policies: [], problems: [] };
  const files: Array<{ abs: string; listed: boolean; at?: ConfigPath }> = [];
  const base = configFile ? path.dirname(configFile) : undefined;
  if (base) {
    const dir = path.join(base, 'policies');
    if (isDir(dir)) for (const f of fs.readdirSync(dir).filter((n) => /\.ya?ml$/i.test(n)).sort()) files.push({ abs: path.join(dir, f), listed: false });
  }
  (config?.policies ?? []).forEach((p, i) => {
    const abs = path.resolve(base ?? '.', p);
    if (!files.some((f) => f.abs === abs)) files.push({ abs, listed: true, at: ['policies', i] });
  });
  const ids = new Map<string, string>();
  for (const f of files) {
    let text: string;
    try {
      text = fs.readFileSync(f.abs, 'utf8');
    } catch (e) {
      const at = f.at && config ? sourceOf(config)?.valueLocation(f.at) : undefined;
      out.problems.push({ severity: 'error', code: CONFIG_PROBLEM_CODE, message: `policy file ${display(f.abs)}: ${(e as NodeJS.ErrnoException).code === 'ENOENT' ? 'no such file' : (e as Error).message}`, ...(at ? { location: at } : {}) });
      continue;
    }
    const r = parsePolicy(text, display(f.abs), !f.listed);
    out.problems.push(...r.problems);
    if (!r.policy) continue;
    const p = r.policy;
    const idAt = r.map!.valueLocation(['id']);
    if (builtIn.has(p.id)) out.problems.push(problem(`custom policy: id "${p.id}" is the id of a built-in rule: choose another`, idAt));
    else if (ids.has(p.id)) out.problems.push(problem(`custom policy: id "${p.id}" is already used by ${ids.get(p.id)}`, idAt));
    else {
      const unknown = namesUnknown(p, config);
      for (const u of unknown) out.problems.push(problem(u.message, r.map!.valueLocation(u.path)));
      if (unknown.length === 0) {
        ids.set(p.id, display(f.abs));
        out.policies.push(p);
        if (addresses) {
          for (const [, place, at] of placesWithPaths(p)) {
            if (place.address === undefined || addresses.some((a) => matchesGlob(place.address!, a))) continue;
            const location = r.map!.valueLocation([...at, 'address']);
            out.problems.push({ severity: 'warning', code: CONFIG_PROBLEM_CODE, message: `custom policy: ${at.join('.')}.address: "${place.address}" matches no resource of the system, so policy ${p.id} checks nothing there`, ...(location ? { location } : {}) });
          }
        }
      }
    }
  }
  return out;
}

/** One policy file's text. `optional`: a YAML document that is no policy at all is skipped, not an error. */
export function parsePolicy(text: string, file: string, optional = false): { policy?: CustomPolicy; problems: InputProblem[]; map?: ConfigSourceMap } {
  const source = new SourceFile(file, text.startsWith('\uFEFF') ? text.slice(1) : text);
  const at = (start: number, end: number) => toLocation({ file: source, start, end } satisfies Span);
  // logLevel 'error': the library's warnings (a collection as a key, made text) would reach stderr as Node warnings; what they warn of is checked here.
  const doc = parseDocument(source.text, { prettyErrors: false, uniqueKeys: true, version: '1.2', logLevel: 'error' });
  if (doc.errors.length) return { problems: doc.errors.map((e) => problem(`custom policy: ${e.message.split('\n')[0]}`, at(e.pos[0], e.pos[1]))) };
  let data: unknown;
  try {
    // Aliases are expanded with yaml's default cap, which defeats "billion laughs" documents.
    data = doc.toJS();
  } catch (e) {
    return { problems: [problem(`custom policy: ${(e as Error).message}`, at(0, 0))] };
  }
  // In the policies/ folder, a rule pack (rules: and no forbid:) is another kind of file; anything
  // else is read as a policy, so that a misspelt key is an error, not a policy silently gone.
  if (optional && isRecord(data) && 'rules' in data && !('forbid' in data)) return { problems: [] };
  const map = new ConfigSourceMap(source, doc);
  const validate = validator();
  if (!validate(data)) {
    const problems = (validate.errors ?? []).map((e) => {
      const p = pointerToPath(e.instancePath);
      const extra = e.keyword === 'additionalProperties' ? (e.params as { additionalProperty: string }).additionalProperty : undefined;
      const where = extra ? map.keyLocation([...p, extra]) : map.valueLocation(p);
      const name = p.join('.') || '(top level)';
      const near = extra ? nearest(extra, KNOWN_KEYS[p.length === 0 ? 'top' : p[0] === 'forbid' && p.length === 1 ? 'forbid' : p[0] === 'title' || p[0] === 'description' ? 'bilingual' : 'place']!) : undefined;
      const what = extra ? `unknown key "${extra}"${near ? ` (did you mean "${near}"?)` : ''}` : e.keyword === 'enum' ? `must be one of ${(e.params as { allowedValues: unknown[] }).allowedValues.join(', ')}` : (e.message ?? 'invalid');
      return problem(`custom policy: ${name}: ${what}`, where);
    });
    return { problems: dedupe(problems), map };
  }
  const policy = data as CustomPolicy;
  const problems: InputProblem[] = [];
  for (const [k, place, at] of placesWithPaths(policy)) {
    const name = at.join('.');
    if (place.cidr !== undefined && !parsePrefixOrAddress(place.cidr)) problems.push(problem(`custom policy: ${name}.cidr: "${place.cidr}" is not an IPv4 or IPv6 prefix`, map.valueLocation([...at, 'cidr'])));
    if (k === 'unless-through' && place.cidr !== undefined) problems.push(problem(`custom policy: ${name}: a waypoint is a zone, role, external, address or the internet, not a CIDR`, map.keyLocation([...at, 'cidr'])));
    if (k !== 'to' && place.anywhere) problems.push(problem(`custom policy: ${name}: "anywhere" is a destination only`, map.keyLocation([...at, 'anywhere'])));
  }
  const services = policy.forbid.services;
  if (Array.isArray(services)) {
    services.forEach((svc, i) => {
      const m = /^(?:tcp|udp)\/(\d+)(?:-(\d+))?$/.exec(svc);
      const lo = m ? Number(m[1]) : 0;
      const hi = m?.[2] !== undefined ? Number(m[2]) : lo;
      if (m && (hi > 65535 || lo > hi)) problems.push(problem(`custom policy: forbid.services.${i}: "${svc}" is not a port or port range within 0-65535`, map.valueLocation(['forbid', 'services', i])));
    });
  }
  if (!(policy.clause in guidelinePack().clauses)) {
    problems.push(problem(`custom policy: clause: "${policy.clause}" is not a clause of the guideline (${Object.keys(guidelinePack().clauses).join(', ')})`, map.valueLocation(['clause'])));
  }
  policy.file = file;
  return problems.length ? { problems, map } : { policy, problems, map };
}

/** Zone and external names the configuration does not declare, and roles nothing has, with where they are written. */
function namesUnknown(p: CustomPolicy, config: GridfenceConfig | undefined): Array<{ message: string; path: ConfigPath }> {
  const zones = Object.keys(config?.zones ?? {});
  const externals = Object.keys(config?.externals ?? {});
  const out: Array<{ message: string; path: ConfigPath }> = [];
  for (const [, place, at] of placesWithPaths(p)) {
    const name = at.join('.');
    if (place.zone !== undefined && !zones.includes(place.zone) && !externals.includes(place.zone)) {
      out.push({ message: `custom policy: ${name}.zone: no zone or external network "${place.zone}" in gridfence.yaml (zones: ${zones.join(', ') || 'none'})`, path: [...at, 'zone'] });
    }
    if (place.role !== undefined && !Object.values(config?.zones ?? {}).some((z) => z.role === place.role) && !Object.values(config?.externals ?? {}).some((x) => x.role === place.role)) {
      out.push({ message: `custom policy: ${name}.role: no zone or external network in gridfence.yaml has the role "${place.role}", so the policy would check nothing`, path: [...at, 'role'] });
    }
    if (place.external !== undefined && !externals.includes(place.external)) {
      out.push({ message: `custom policy: ${name}.external: no external network "${place.external}" in gridfence.yaml (externals: ${externals.join(', ') || 'none'})`, path: [...at, 'external'] });
    }
  }
  return out;
}

/** Every place of a policy with its path in the file (`forbid.from`, `forbid.to.1`). */
function placesWithPaths(p: CustomPolicy): Array<['from' | 'to' | 'unless-through', Place, Array<string | number>]> {
  const out: Array<['from' | 'to' | 'unless-through', Place, Array<string | number>]> = [];
  for (const k of ['from', 'to', 'unless-through'] as const) {
    const v = p.forbid[k];
    if (Array.isArray(v)) v.forEach((place, i) => out.push([k, place, ['forbid', k, i]]));
    else if (v) out.push([k, v, ['forbid', k]]);
  }
  return out;
}

const KNOWN_KEYS: Record<string, string[]> = table({
  top: ['id', 'clause', 'severity', 'title', 'description', 'forbid'],
  forbid: ['from', 'to', 'services', 'unless-through'],
  bilingual: ['en', 'ja'],
  place: ['zone', 'role', 'external', 'address', 'cidr', 'internet', 'anywhere'],
});

type Validate = ((d: unknown) => boolean) & { errors?: Array<{ instancePath: string; keyword: string; params: unknown; message?: string }> | null };
let compiled: Validate | undefined;

/** Compiled on first use: only runs with custom policies pay for ajv. */
function validator(): Validate {
  if (compiled) return compiled;
  const { Ajv2020 } = ajv2020();
  const schema = JSON.parse(fs.readFileSync(POLICY_SCHEMA_URL, 'utf8')) as object;
  compiled = new Ajv2020({ allErrors: true, strict: true }).compile(schema) as unknown as Validate;
  return compiled;
}

function problem(message: string, location: InputProblem['location']): InputProblem {
  return { severity: 'error', code: CONFIG_PROBLEM_CODE, message, ...(location ? { location } : {}) };
}

function dedupe(list: InputProblem[]): InputProblem[] {
  const seen = new Set<string>();
  return list.filter((p) => {
    const k = `${p.message} ${p.location?.line}:${p.location?.column}`;
    return !seen.has(k) && (seen.add(k), true);
  });
}

function isRecord(v: unknown): v is Record<string, unknown> {
  return typeof v === 'object' && v !== null && !Array.isArray(v);
}

function isDir(p: string): boolean {
  try {
    return fs.statSync(p).isDirectory();
  } catch {
    return false;
  }
}
