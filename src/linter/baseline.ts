/**
 * Baselines: an earlier JSON report (`--baseline FILE`) against which a run's findings are new or
 * unchanged, by fingerprint — which line shifts and the report's language leave alone. Findings of
 * the baseline that the run no longer has are absent (fixed, or gone with their resource). A file
 * that is not such a report is an input error at its place, never an empty baseline.
 */
import fs from 'node:fs';
import { parsePositionedJson, type PositionedJson } from '../loaders/json.js';
import { InputError, type InputProblem } from '../model/errors.js';
import type { Finding } from '../model/finding.js';
import { SourceFile, type Location } from '../model/source.js';

/** What a baseline keeps of a finding: enough to name it when it has gone. */
export interface BaselineEntry {
  fingerprint: string;
  ruleId: string;
  resource: string;
  message: string;
  location?: Location;
}

export interface BaselineComparison {
  file: string;
  new: number;
  unchanged: number;
  absent: BaselineEntry[];
}

export function readBaseline(file: string, display: string): BaselineEntry[] | InputProblem {
  const at = (line = 1, column = 1) => ({ file: display, line, column, endLine: line, endColumn: column });
  let text: string;
  try {
    text = fs.readFileSync(file, 'utf8');
  } catch (e) {
    return { severity: 'error', code: 'baseline', message: `baseline ${display}: ${(e as NodeJS.ErrnoException).code === 'ENOENT' ? 'no such file' : (e as Error).message}`, location: at() };
  }
  // Parsed with positions, so that a broken file is reported where it breaks.
  let data: unknown;
  try {
    data = plainJson(parsePositionedJson(new SourceFile(display, text.replace(/^\uFEFF/, '')), 'baseline'));
  } catch (e) {
    if (!(e instanceof InputError)) throw e;
    const p = e.toProblem();
    return { ...p, message: `baseline ${display}: not JSON (${p.message})` };
  }
  const report = isObject(data) ? data : {};
  const findings = report['findings'];
  if (report['version'] !== 1 || !Array.isArray(findings)) {
    return { severity: 'error', code: 'baseline', message: `baseline ${display}: not a gridfence JSON report (gridfence lint --format json, or --write-baseline)`, location: at() };
  }
  const out: BaselineEntry[] = [];
  for (const [i, f] of findings.entries()) {
    const x = isObject(f) ? f : {};
    if (typeof x['fingerprint'] !== 'string' || typeof x['ruleId'] !== 'string') {
      return { severity: 'error', code: 'baseline', message: `baseline ${display}: finding ${i} has no fingerprint or rule id`, location: at() };
    }
    const loc = x['location'];
    const location = isObject(loc) && typeof loc['file'] === 'string' && ['line', 'column', 'endLine', 'endColumn'].every((k) => Number.isInteger(loc[k])) ? (loc as unknown as Location) : undefined;
    out.push({ fingerprint: x['fingerprint'], ruleId: x['ruleId'], resource: String(x['resource'] ?? ''), message: String(x['message'] ?? ''), ...(location ? { location } : {}) });
  }
  return out;
}

/** Marks each finding new or unchanged; returns the counts and the baseline's findings now absent. */
export function compareToBaseline(findings: Finding[], entries: readonly BaselineEntry[], file: string): BaselineComparison {
  const known = new Set(entries.map((e) => e.fingerprint));
  const present = new Set<string>();
  let fresh = 0;
  for (const f of findings) {
    present.add(f.fingerprint);
    f.baselineState = known.has(f.fingerprint) ? 'unchanged' : 'new';
    if (f.baselineState === 'new') fresh++;
  }
  const seen = new Set<string>();
  const absent = entries.filter((e) => !present.has(e.fingerprint) && !seen.has(e.fingerprint) && (seen.add(e.fingerprint), true));
  return { file, new: fresh, unchanged: findings.length - fresh, absent };
}

function isObject(v: unknown): v is Record<string, unknown> {
  return v !== null && typeof v === 'object' && !Array.isArray(v);
}

/** A positioned JSON value as plain data. */
function plainJson(j: PositionedJson): unknown {
  if (j.t === 'object') return Object.fromEntries(j.entries.map((e) => [e.key, plainJson(e.value)]));
  if (j.t === 'array') return j.items.map(plainJson);
  return j.t === 'null' ? null : j.value;
}
