/**
 * The `lint` report as SARIF 2.1.0 (product.md §6), for GitHub code scanning and other SARIF viewers.
 *
 * Two runs, as tflint writes them:
 * - run 1, tool `gridfence`: one reporting descriptor per rule that ran (title in the chosen
 *   language, the guideline clause in Japanese and English, help, `security-severity`) and one
 *   result per finding — full start/end regions, the resource as a logical location, related
 *   locations, the reachability trace as a code flow, `partialFingerprints` from the finding's
 *   line-free fingerprint, and `suppressions` for waived findings;
 * - run 2, tool `gridfence-errors`: no results; the input and configuration problems as tool
 *   execution notifications, `executionSuccessful` false when any of them is an error. Its driver
 *   name differs from run 1's because GitHub's upload rejects two runs of one file that share tool
 *   and category.
 *
 * Paths are relative to the repository root (`%SRCROOT%`, whose absolute location is deliberately
 * not written), as GitHub code scanning places them: the caller says where the directory gridfence
 * ran from lies in the repository (`options.base`), so a run from `infra/` writes `infra/main.tf`.
 * Without a repository they stay relative to the directory gridfence ran from. Columns are UTF-16 code units, end column exclusive, as in
 * `Location`. `lintSarif` is pure (no I/O beyond the guideline pack); `sarifBase` looks for the repository.
 */
import path from 'node:path';
import { jaPlace } from '../linter/ja-text.js';
import { jaPorts, jaProtocol } from '../linter/flow-words.js';
import type { LintResult } from '../linter/lint.js';
import { normalizeRuleSetting, repositoryBase } from '../config/index.js';
import type { InputProblem } from '../model/errors.js';
import type { Finding, Lang, Severity } from '../model/finding.js';
import type { Location } from '../model/source.js';
import type { Pack } from '../rules/pack.js';
import { howToFix } from './rule-docs.js';
import type { BaselineEntry } from '../linter/baseline.js';
import { rules as registry } from '../rules/index.js';

export const SARIF_SCHEMA = 'https://json.schemastore.org/sarif-2.1.0.json';
export const INFORMATION_URI = 'https://github.com/gridfence/gridfence';
export const SRCROOT = '%SRCROOT%';
/** Key of the finding's fingerprint in `partialFingerprints`. */
export const FINGERPRINT_KEY = 'gridfence/v1';

/** GitHub's scale: >= 9.0 critical, 7.0–8.9 high, 4.0–6.9 medium, 0.1–3.9 low. */
const SECURITY_SEVERITY: Record<Severity, string> = { error: '8.0', warning: '5.0', note: '2.0' };
const TAGS = ['security', 'meti-aggregator-guideline'];

const WORDS = {
  en: {
    srcroot: 'The directory gridfence was run from',
    repoRoot: 'The root of the repository',
    clause: 'Guideline clause',
    rule: 'Rule',
    severity: 'Severity',
    reports: 'What it reports',
    docs: 'Documentation',
    policy: 'Custom policy',
    fix: 'How to fix',
    unknown: (reason: string) => `value not known statically: ${reason}`,
    hop: (node: string, step?: string) => (step ? `${node}: ${step}` : node),
    flow: (f: NonNullable<Finding['flow']>) => `${f.protocol} ${f.ports} from ${f.source} to ${f.destination}`,
    path: 'Path of the traffic',
  },
  ja: {
    srcroot: 'gridfence を実行したディレクトリ',
    repoRoot: 'リポジトリのルート',
    clause: '指針の項目',
    rule: 'ルール',
    severity: '重大度',
    reports: '報告する内容',
    docs: 'ドキュメント',
    policy: 'カスタムポリシー',
    fix: '修正方法',
    unknown: (reason: string) => `静的に決まらない値: ${reason}`,
    hop: (node: string, step?: string) => (step ? `${jaPlace(node)}: ${step}` : jaPlace(node)),
    flow: (f: NonNullable<Finding['flow']>) => `${jaPlace(f.source)} から ${jaPlace(f.destination)} への ${jaProtocol(f.protocol)} ${jaPorts(f.ports)}`,
    path: '通信の経路',
  },
} as const;

type Json = Record<string, unknown>;

export interface SarifOptions {
  /**
   * Where the directory gridfence ran from lies in its repository, relative to the root with `/`
   * separators ('' at the root); undefined outside a repository. Display paths are relative to
   * that directory; URIs are made relative to the root with it.
   */
  base?: string;
}

export function lintSarif(result: LintResult, toolVersion: string, lang: Lang, options: SarifOptions = {}): object {
  const pack = result.pack;
  const base = options.base ?? '';
  const w = WORDS[lang];
  const ruleIds = [...result.rulesRun];
  for (const f of result.findings) if (!ruleIds.includes(f.ruleId)) ruleIds.push(f.ruleId);
  const ruleIndex = new Map(ruleIds.map((id, i) => [id, i]));
  const configured = (id: string): Severity | undefined => {
    const setting = result.system.config?.rules?.[id];
    if (setting === undefined) return undefined;
    const s = normalizeRuleSetting(setting).severity;
    return s && s !== 'off' ? s : undefined;
  };
  const rules = ruleIds.map((id) => {
    const severity = configured(id) ?? result.findings.find((f) => f.ruleId === id)?.severity ?? pack.rules[id]?.severity ?? 'warning';
    return reportingDescriptor(id, severity, pack, lang);
  });
  const semver = /^\d+\.\d+\.\d+(?:-[0-9A-Za-z.-]+)?(?:\+[0-9A-Za-z.-]+)?$/.test(toolVersion);
  const driver = (name: string, withRules: boolean): Json => ({
    name,
    version: toolVersion,
    ...(semver ? { semanticVersion: toolVersion } : {}),
    informationUri: INFORMATION_URI,
    rules: withRules ? rules : [],
  });
  const originalUriBaseIds = { [SRCROOT]: { description: { text: options.base === undefined ? w.srcroot : w.repoRoot } } };
  // One category per configuration (GitHub keeps the latest upload of each): the configuration file
  // from the repository root, so that two systems linted each from its own folder do not replace each
  // other; 'no-config' without one. The run id after the last slash is left to GitHub.
  const configFile = result.system.configPath === undefined ? 'no-config' : underBase(base, result.system.configPath);
  const category = configFile.replace(/[^A-Za-z0-9._/-]/g, '_');
  const automation = (tool: string): Json => ({ automationDetails: { id: `${tool}/${category}/` } });

  const findingsRun: Json = {
    tool: { driver: driver('gridfence', true) },
    ...automation('gridfence'),
    originalUriBaseIds,
    columnKind: 'utf16CodeUnits',
    results: [
      ...result.findings.map((f) => sarifResult(f, ruleIndex.get(f.ruleId)!, w, base)),
      // Against a baseline, its findings that this run no longer has, so that code scanning closes them.
      ...(result.baseline?.absent ?? []).map((e) => absentResult(e, ruleIndex.get(e.ruleId), base)),
    ],
  };
  const errorsRun: Json = {
    tool: { driver: driver('gridfence-errors', false) },
    ...automation('gridfence-errors'),
    originalUriBaseIds,
    columnKind: 'utf16CodeUnits',
    invocations: [
      {
        executionSuccessful: !result.errors.some((e) => e.severity === 'error'),
        toolExecutionNotifications: result.errors.map((p) => notification(p, base)),
      },
    ],
    results: [],
  };
  return { $schema: SARIF_SCHEMA, version: '2.1.0', runs: [findingsRun, errorsRun] };
}

function reportingDescriptor(id: string, severity: Severity, pack: Pack, lang: Lang): Json {
  const meta = pack.rules[id];
  const clause = meta ? pack.clauses[meta.clause] : undefined;
  // A custom policy's documentation is its own file in the repository, not a page of ours.
  const helpUri = meta?.source ? undefined : `${INFORMATION_URI}/blob/main/docs/rules/${id}.md`;
  const fix = meta?.source ? undefined : howToFix(id, lang);
  const w = WORDS[lang];
  const title = meta?.title[lang] ?? id;
  const clauseHead = meta ? `${meta.clause} ${clause ? `${clause.title.ja} (${clause.title.en})` : ''}`.trim() : undefined;
  const fullText = clause && clauseHead ? `${clauseHead}\n\n${clause.text.ja}\n\n${clause.text.en}` : title;
  const fullMarkdown = clause && clauseHead ? `**${md(clauseHead)}**\n\n${md(clause.text.ja)}\n\n${md(clause.text.en)}` : md(title);
  const helpText = [
    `${w.rule}: ${id} — ${title}`,
    ...(meta && meta.title.en !== title ? [meta.title.en] : []),
    `${w.severity}: ${severity}`,
    ...(clauseHead ? [`${w.clause}: ${clauseHead}`] : []),
    ...(clause ? [clause.text.ja, clause.text.en] : []),
    ...(fix ? [`${w.fix}:\n${fix}`] : []),
    helpUri ? `${w.docs}: ${helpUri}` : `${w.policy}: ${meta?.source}`,
  ].join('\n\n');
  const helpMarkdown = [
    `**${md(title)}**${meta && meta.title.en !== title ? ` (${md(meta.title.en)})` : ''}`,
    `${w.severity}: \`${severity}\` · ${w.rule}: \`${id}\``,
    ...(clause && clauseHead ? [`### ${w.clause} ${md(clauseHead)}`, quote(clause.text.ja), quote(clause.text.en)] : []),
    ...(fix ? [`### ${w.fix}`, fix] : []),
    helpUri ? `[${w.docs}](${helpUri})` : `${w.policy}: \`${meta?.source}\``,
  ].join('\n\n');
  return {
    id,
    name: pascalCase(id),
    shortDescription: { text: title },
    fullDescription: { text: fullText, markdown: fullMarkdown },
    ...(helpUri ? { helpUri } : {}),
    help: { text: helpText, markdown: helpMarkdown },
    defaultConfiguration: { level: severity },
    properties: {
      ...(meta ? { clause: meta.clause } : {}),
      tags: TAGS,
      'security-severity': SECURITY_SEVERITY[severity],
      // Path rules stand on the packets the model lets through (proven paths, possible ones marked);
      // resource rules read one setting.
      precision: registry.get(id)?.reachability || meta?.source ? 'high' : 'very-high',
    },
  };
}

/** A finding of the baseline that is gone: its rule, message and last place, with baselineState absent. */
function absentResult(e: BaselineEntry, ruleIndex: number | undefined, base: string): Json {
  const primary = e.location ? physicalLocation(e.location, base) : undefined;
  return {
    ruleId: e.ruleId,
    ...(ruleIndex !== undefined ? { ruleIndex } : {}),
    kind: 'pass',
    level: 'none',
    message: { text: e.message || e.ruleId },
    locations: [{ ...(primary ? { physicalLocation: primary } : {}), logicalLocations: [{ fullyQualifiedName: e.resource, kind: 'resource' }] }],
    partialFingerprints: { [FINGERPRINT_KEY]: e.fingerprint },
    baselineState: 'absent',
  };
}

function sarifResult(f: Finding, ruleIndex: number, w: (typeof WORDS)[Lang], base: string): Json {
  const related: Json[] = [];
  const addRelated = (location: Partial<Location> | undefined, text: string): void => {
    const physical = location ? physicalLocation(location, base) : undefined;
    if (physical) related.push({ id: related.length + 1, physicalLocation: physical, message: { text } });
  };
  for (const r of f.related) addRelated(r.location, r.message);
  for (const s of f.trace ?? []) addRelated(s.location, w.hop(s.node, s.step));
  for (const u of f.unknowns) addRelated(u.location, w.unknown(u.reason));

  const primary = physicalLocation(f.location, base);
  const out: Json = {
    ruleId: f.ruleId,
    ruleIndex,
    level: f.severity,
    message: { text: f.message },
    locations: [
      {
        ...(primary ? { physicalLocation: primary } : {}),
        logicalLocations: [{ fullyQualifiedName: f.resource, kind: 'resource' }],
      },
    ],
    ...(related.length ? { relatedLocations: related } : {}),
    partialFingerprints: { [FINGERPRINT_KEY]: f.fingerprint },
    ...(f.baselineState ? { baselineState: f.baselineState } : {}),
  };
  if (f.trace?.length) {
    out['codeFlows'] = [
      {
        message: { text: f.flow ? w.flow(f.flow) : w.path },
        threadFlows: [
          {
            locations: f.trace.map((s) => {
              const physical = s.location ? physicalLocation(s.location, base) : undefined;
              return {
                location: {
                  ...(physical ? { physicalLocation: physical } : {}),
                  logicalLocations: [{ fullyQualifiedName: s.node }],
                  message: { text: w.hop(s.node, s.step) },
                },
              };
            }),
          },
        ],
      },
    ];
  }
  if (f.waived && f.waiver) {
    const where = f.waiver.location ? physicalLocation(f.waiver.location, base) : undefined;
    out['suppressions'] = [
      {
        kind: f.waiver.kind === 'inline' ? 'inSource' : 'external',
        status: 'accepted',
        justification: f.waiver.reason,
        ...(where ? { location: { physicalLocation: where } } : {}),
        ...(f.waiver.expires ? { properties: { expires: f.waiver.expires } } : {}),
      },
    ];
  } else if (f.waived) {
    out['suppressions'] = [{ kind: 'external', status: 'accepted' }];
  }
  out['properties'] = {
    clause: f.clause,
    certainty: f.certainty,
    unknowns: f.unknowns,
    resource: f.resource,
    messageId: f.messageId,
    data: f.data,
    ...(f.flow ? { flow: f.flow } : {}),
  };
  return out;
}

function notification(p: InputProblem, base: string): Json {
  const physical = p.location ? physicalLocation(p.location, base) : undefined;
  return {
    level: p.severity,
    message: { text: p.message },
    descriptor: { id: p.code },
    ...(physical ? { locations: [{ physicalLocation: physical }] } : {}),
  };
}

/** An artifact location relative to %SRCROOT% and a region that SARIF accepts, or none without a file. */
function physicalLocation(loc: Partial<Location>, base: string): Json | undefined {
  if (typeof loc.file !== 'string' || loc.file === '') return undefined;
  const r = region(loc);
  return { artifactLocation: { uri: relativeUri(underBase(base, loc.file)), uriBaseId: SRCROOT }, ...(r ? { region: r } : {}) };
}

/** The SARIF options of a run from `cwd`: its place in the repository that holds it, if any. */
export function sarifBase(cwd: string): SarifOptions {
  const base = repositoryBase(cwd);
  return base === undefined ? {} : { base };
}

/** A display path (relative to the directory gridfence ran from) made relative to the repository root, `base` being that directory's place in it. */
export function underBase(base: string, file: string): string {
  const posix = file.replace(/\\/g, '/');
  if (base === '' || base === '.') return posix;
  return path.posix.normalize(`${base}/${posix}`);
}

/**
 * Only values SARIF allows: lines and columns ≥ 1, and an end that does not precede the start. An
 * end that is missing or inconsistent is left out (SARIF then reads the region as the start line,
 * from the start column to the end of the line).
 */
export function region(loc: Partial<Location>): Json | undefined {
  const pos = (n: unknown): n is number => typeof n === 'number' && Number.isInteger(n) && n >= 1;
  if (!pos(loc.line)) return undefined;
  const out: Json = { startLine: loc.line };
  const startColumn = pos(loc.column) ? loc.column : undefined;
  if (startColumn !== undefined) out['startColumn'] = startColumn;
  if (pos(loc.endLine) && loc.endLine >= loc.line) {
    const endColumn = pos(loc.endColumn) ? loc.endColumn : undefined;
    if (loc.endLine > loc.line) {
      out['endLine'] = loc.endLine;
      if (endColumn !== undefined) out['endColumn'] = endColumn;
    } else if (endColumn !== undefined && endColumn >= (startColumn ?? 1)) {
      out['endLine'] = loc.endLine;
      out['endColumn'] = endColumn;
    }
  }
  return out;
}

/**
 * A relative URI reference for a display path: POSIX separators, every segment percent-encoded
 * (spaces, `#`, `?`, `%`, `:` and non-ASCII characters), `..` segments kept.
 */
export function relativeUri(file: string): string {
  return file
    .replace(/\\/g, '/')
    .split('/')
    .map((seg) => (seg === '.' || seg === '..' ? seg : encodeURIComponent(seg)))
    .join('/');
}

/** `ingress-from-declared-sources` → `IngressFromDeclaredSources`. */
export function pascalCase(id: string): string {
  return id
    .split(/[^A-Za-z0-9]+/)
    .filter(Boolean)
    .map((p) => p[0]!.toUpperCase() + p.slice(1))
    .join('');
}

/** Escapes the characters Markdown would read as formatting. */
function md(text: string): string {
  return text.replace(/([\\`*_[\]<>#|])/g, '\\$1');
}

function quote(text: string): string {
  return text
    .split('\n')
    .map((l) => `> ${md(l)}`)
    .join('\n');
}
