/**
 * Runs one rule on an in-memory configuration (files map, optional gridfence.yaml) and returns its
 * findings in a compact, assertable form: message id, data, exact range, certainty, callers.
 */
import { expect } from 'vitest';
import { lint, type LintResult } from '../../src/linter/lint.js';
import { writeTree } from './files.js';

export interface Found {
  messageId: string;
  data: Record<string, string>;
  resource: string;
  file: string;
  line: number;
  column: number;
  endLine: number;
  endColumn: number;
  certainty: 'definite' | 'possible';
  unknowns: string[];
  callers: string[];
}

export function runRule(ruleId: string, files: Record<string, string>, opts: { config?: string; lang?: 'en' | 'ja' } = {}): Found[] {
  return summarize(lintFiles(ruleId, files, opts));
}

export function lintFiles(ruleId: string, files: Record<string, string>, opts: { config?: string; lang?: 'en' | 'ja' } = {}): LintResult {
  const dir = writeTree(opts.config ? { ...files, 'gridfence.yaml': opts.config } : files, `gridfence-${ruleId}-`);
  const result = lint({ paths: [dir], cwd: dir, vars: [], varFiles: [], lang: opts.lang ?? 'en', only: [ruleId], today: '2026-11-29' });
  expect(result.errors.filter((e) => e.severity === 'error')).toEqual([]);
  return result;
}

function summarize(r: LintResult): Found[] {
  return r.findings.map((f) => ({
    messageId: f.messageId,
    data: f.data,
    resource: f.resource,
    file: f.location.file,
    line: f.location.line,
    column: f.location.column,
    endLine: f.location.endLine,
    endColumn: f.location.endColumn,
    certainty: f.certainty,
    unknowns: f.unknowns.map((u) => u.reason),
    callers: f.callers.map((c) => `${c.file}:${c.line}`),
  }));
}

/** The zones of the reference architecture, for tests that need declared zones. */
export const ZONES_YAML = `version: 1
zones:
  dispatch: { role: dispatch-link }
  dmz: { role: buffer }
  core: { role: internal }
  ops: { role: management }
externals:
  dispatch-system: { role: dispatch-system, cidrs: ["203.0.113.10/32"], services: ["tcp/443"], transport: internet }
  partner: { role: partner, cidrs: ["192.0.2.0/24"], attestation: { confirmed: 2026-04-01, expires: 2027-03-31 } }
`;

/** The exact 1-based range of the first occurrence of `needle` in `text` (end column exclusive). */
export function rangeOf(text: string, needle: string, from = 0): { line: number; column: number; endLine: number; endColumn: number } {
  const start = text.indexOf(needle, from);
  if (start < 0) throw new Error(`"${needle}" not in the test input`);
  const pos = (o: number) => {
    const before = text.slice(0, o).split('\n');
    return { line: before.length, column: before[before.length - 1]!.length + 1 };
  };
  const a = pos(start);
  const b = pos(start + needle.length);
  return { line: a.line, column: a.column, endLine: b.line, endColumn: b.column };
}
