/**
 * Baselines: an earlier JSON report (`--baseline FILE`) against which a run's findings are new or
 * unchanged, by fingerprint — which line shifts and the report's language leave alone. Findings of
 * the baseline that the run no longer has are absent (fixed, or gone with their resource). A file
 * that is not such a report is an input error at its place, never an empty baseline.
 */
import fs from 'node:fs';
import type { InputProblem } from '../model/errors.js';
import type { Finding } from '../model/finding.js';
import type { Location } from '../model/source.js';

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
  let data: unknown;
  try {
    data = JSON.parse(text.replace(/^\uFEFF/, ''));
  } catch (e) {
    const pos = /position (\d+)/.exec((e as Error).message);
    const offset = pos ? Number(pos[1]) : 0;
    const before = text.slice(0, offset).split('\n');
    return { severity: 'error', code: 'baseline', message: `baseline ${display}: not JSON (${(e as Error).message})`, location: at(before.length, before[before.length - 1]!.length + 1) };
  }
  const findings = (data as { version?: unknown; findings?: unknown }).findings;
  if ((data as { version?: unknown }).version !== 1 || !Array.isArray(findings)) {
    return { severity: 'error', code: 'baseline', message: `baseline ${display}: not a gridfence JSON report (gridfence lint --format json, or --write-baseline)`, location: at() };
  }
  const out: BaselineEntry[] = [];
  for (const [i, f] of findings.entries()) {
    const x = f as Partial<Finding>;
    if (typeof x.fingerprint !== 'string' || typeof x.ruleId !== 'string') {
      return { severity: 'error', code: 'baseline', message: `baseline ${display}: finding ${i} has no fingerprint or rule id`, location: at() };
    }
    out.push({ fingerprint: x.fingerprint, ruleId: x.ruleId, resource: String(x.resource ?? ''), message: String(x.message ?? ''), ...(x.location ? { location: x.location } : {}) });
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
