/**
 * `lint`: load → zones → rules → waivers → result. Rules get the model and the zones through a
 * context; their reports become findings in the chosen language. Input and configuration problems
 * stay in `errors`, never among the findings.
 */
import type { InputProblem } from '../model/errors.js';
import { SEVERITIES, summarize, type Finding, type Lang, type Severity, type Summary } from '../model/finding.js';
import type { ModelResource } from '../model/resource.js';
import { toLocation, type SourceFile } from '../model/source.js';
import { PathAnalysis } from '../graph/analysis.js';
import { fingerprint, makeFinding } from './findings.js';
import { addTo } from '../model/multimap.js';
import { loadSystem, type LoadedSystem, type LoadOptions } from './load-system.js';
import { activeRules } from './rule-settings.js';
import path from 'node:path';
import { displayPath } from '../loaders/input-file.js';
import { loadPolicies } from '../policies/load.js';
import { policyRule } from '../policies/rule.js';
import { rules } from '../rules/index.js';
import { guidelinePack, type Pack } from '../rules/pack.js';
import type { AnyRule } from '../rules/rule.js';
import { complianceView, type ClauseView } from '../compliance/view.js';
import { scopeFacts } from '../compliance/facts.js';
import type { BaselineComparison } from './baseline.js';
import { applyWaivers } from './waivers.js';
import { expiredWaiverFinding, WAIVER_EXPIRED, WAIVER_EXPIRED_META } from './waiver-expired.js';
import { zoneView } from './zone-view.js';
import { declaredFrom } from './root-parts.js';
import { jaProblem } from './ja-problems.js';
import { checkYoungGeneration } from '../model/young-generation.js';

export interface LintOptions extends LoadOptions {
  lang: Lang;
  /** --rule: run only these. */
  only: string[];
  /** Today's date (YYYY-MM-DD) for waiver expiry; default: the current UTC date. */
  today?: string;
}

export type { Summary } from '../model/finding.js';
export { summarize };

export interface LintResult {
  system: LoadedSystem;
  findings: Finding[];
  errors: InputProblem[];
  summary: Summary;
  rulesRun: string[];
  /** The guideline pack with the run's custom policies: clause, severity and titles of every rule run. */
  pack: Pack;
  /** Every clause of the guideline with its rules' status for this system. */
  compliance: ClauseView[];
  /** Set by the caller that compares the run with a baseline (`--baseline`). */
  baseline?: BaselineComparison;
}

export function lint(opts: LintOptions): LintResult {
  const system = loadSystem(opts);
  const problems = system.problems;
  const configFile = system.configPath !== undefined ? path.resolve(opts.cwd, system.configPath) : undefined;
  const allResources = [...system.model.resources, ...system.firewallResources];
  const addresses = allResources.map((r) => r.address);
  const custom = loadPolicies(system.config, configFile, new Set(rules.keys()), (abs) => displayPath(opts.cwd, abs), addresses);
  problems.push(...custom.problems);
  const customRules = custom.policies.map((p) => ({ rule: policyRule(p), meta: { clause: p.clause, severity: p.severity, title: p.title, ...(p.file ? { source: p.file } : {}) } }));
  const active = activeRules(system.config, opts.only, problems, customRules);
  const firewalls = [...system.placedHosts, ...system.standaloneHosts].filter((h) => h.ruleset !== undefined);
  const findings: Finding[] = [];
  /** Each finding's resource, whose root (declaredFrom: its root module's folder, or its template, plan or ruleset) is read only where roots matter. */
  const resourceOf = new Map<Finding, ModelResource>();
  const rootOf = (f: Finding): string => {
    const r = resourceOf.get(f);
    return r ? declaredFrom(r) : '';
  };
  const today = opts.today ?? new Date().toISOString().slice(0, 10);
  opts.onProgress?.(`checking ${active.length} rules`);
  // Each part is judged on its own (roots declaring the same address are never in one part), so
  // that no resource passes on another root's resource of its address. A resource in several
  // parts (a root that conflicts with none) is judged in each: a finding alike in an earlier part
  // (fingerprint, root and place) is reported once; one that differs is reported too.
  const several = system.parts.length > 1;
  const seen = new Set<string>();
  const notModelled = new Set<string>();
  for (const part of system.parts) {
    const partResources = several ? [...part.resources, ...system.firewallResources] : allResources;
    const byAddress = new Map<string, ModelResource>(partResources.map((r) => [r.address, r]));
    const model = several ? { ...system.model, roots: part.roots, resources: part.resources } : system.model;
    const zones = zoneView(system.config, part.zoneOf, system.zonesImplicit, part.zonesSpanned);
    const fresh: Finding[] = several ? [] : findings;
    let analysis: PathAnalysis | undefined;
    const paths = (): PathAnalysis => (analysis ??= new PathAnalysis(part.resources, system.config, (a) => part.zoneOf.get(a), system.placedHosts));
    for (const a of active) {
      checkYoungGeneration();
      a.rule.check({
        model,
        config: system.config,
        options: a.options,
        lang: opts.lang,
        zones,
        firewalls,
        resource: (address) => byAddress.get(address),
        paths,
        today,
        report: (r) => {
          const f = makeFinding(a.rule, a.severity, a.clause, opts.lang, r);
          fresh.push(f);
          resourceOf.set(f, r.resource);
        },
      });
    }
    if (several) {
      const keys = fresh.map((f) => `${f.fingerprint}\0${rootOf(f)}\0${f.location.file}:${f.location.line}:${f.location.column}`);
      fresh.forEach((f, i) => seen.has(keys[i]!) || findings.push(f));
      for (const k of keys) seen.add(k);
    }
    // What the graph read but does not follow is said once, where it is written (product.md §5).
    for (const n of analysis?.net.notModelled ?? []) {
      const problem: InputProblem = { severity: n.severity ?? 'warning', code: 'not-modelled', message: `${n.address}: ${n.what}`, location: toLocation(n.span) };
      const key = several ? JSON.stringify(problem) : '';
      if (several && notModelled.has(key)) continue;
      notModelled.add(key);
      problems.push(problem);
    }
  }
  const files = new Set<SourceFile>();
  // Firewall rulesets hold inline waivers too, on `#` comment lines before a rule.
  for (const r of allResources) {
    files.add(r.span.file);
    for (const c of r.callers) files.add(c.file);
  }
  const allRules = new Map<string, AnyRule>([...rules, ...customRules.map((c) => [c.rule.id, c.rule] as const)]);
  const rulesRun = active.map((a) => a.rule.id);
  const expired = applyWaivers(findings, files, system.config, today, problems, new Set(allRules.keys()), allResources, new Set(rulesRun));
  // An expired waiver of a rule this run checks is a finding of its own (--rule narrows it like the rest).
  for (const w of expired) if (w.rules.some((r) => rulesRun.includes(r))) findings.push(expiredWaiverFinding(w, opts.lang));
  separateFingerprints(findings, rootOf);
  findings.sort(
    (x, y) =>
      cmp(x.location.file, y.location.file) || x.location.line - y.location.line || x.location.column - y.location.column || cmp(x.ruleId, y.ruleId) || cmp(x.fingerprint, y.fingerprint),
  );
  const summary = summarize(findings);
  const base = guidelinePack();
  const extra: Array<[string, Pack['rules'][string]]> = [...customRules.map((c) => [c.rule.id, c.meta] as [string, Pack['rules'][string]])];
  if (findings.some((f) => f.ruleId === WAIVER_EXPIRED)) extra.push([WAIVER_EXPIRED, WAIVER_EXPIRED_META]);
  const pack: Pack = extra.length ? { ...base, rules: { ...base.rules, ...Object.fromEntries(extra) } } : base;
  const facts = scopeFacts({ resources: system.model.resources, config: system.config, zonesImplicit: system.zonesImplicit, placedHosts: system.placedHosts.length, firewalls: firewalls.length });
  const compliance = complianceView({ pack, rules: allRules, rulesRun, findings, errors: problems, facts });
  // Problems are sentences for people, as findings' messages are: in the run's language.
  return { system, findings, errors: opts.lang === 'ja' ? problems.map(jaProblem) : problems, summary, rulesRun, pack, compliance };
}

/**
 * A fingerprint names a finding by rule, resource address, message and values, so that it survives
 * edits. Two roots read in one run (envs/dev and envs/prod, two templates) can hold the same address,
 * and their findings would then share a fingerprint: code scanning would merge their alerts into one,
 * and a baseline would take the one for the other. Only such findings also hash their root; every
 * other fingerprint stays as it was.
 */
function separateFingerprints(findings: Finding[], rootOf: (f: Finding) => string): void {
  const alike = new Map<string, Finding[]>();
  for (const f of findings) addTo(alike, f.fingerprint, f);
  for (const group of alike.values()) {
    if (group.length < 2 || new Set(group.map(rootOf)).size < 2) continue;
    // From the fingerprint, not from `data`, which holds words in the report's language.
    for (const f of group) f.fingerprint = fingerprint(f.ruleId, f.resource, f.messageId, { fingerprint: f.fingerprint, root: rootOf(f) });
  }
}

function cmp(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0;
}

/** Whether a run fails: an unwaived finding at or above the threshold. */
export function failsAt(findings: readonly Finding[], failOn: Severity | 'never'): boolean {
  if (failOn === 'never') return false;
  const limit = SEVERITIES.indexOf(failOn);
  return findings.some((f) => !f.waived && SEVERITIES.indexOf(f.severity) <= limit);
}
