/** `gridfence lint [PATH…]`: findings as text, JSON, SARIF, JUnit XML or Markdown; exit 0, 1 (findings at --fail-on) or 2. */
import path from 'node:path';
import { compareToBaseline, readBaseline } from '../linter/baseline.js';
import { hasErrors } from '../linter/load-system.js';
import { failsAt, lint, summarize, type LintOptions } from '../linter/lint.js';
import { lintMergeBase } from '../linter/diff-base.js';
import type { Lang, Severity } from '../model/finding.js';
import { lintJson } from '../report/lint-json.js';
import { lintMarkdown } from '../report/lint-markdown.js';
import { lintJunit } from '../report/junit.js';
import { lintSarif, sarifBase } from '../report/sarif.js';
import { lintText } from '../report/lint-text.js';
import { makeStyle } from '../report/style.js';
import { EXIT_FINDINGS, EXIT_INPUT_ERROR, EXIT_OK } from './exit-codes.js';
import { emit, jsonReport, loadOptions, progressLine, useColor, writeOut, type InputOptions, type ReportOut } from './run-options.js';
import { toolVersion } from './version.js';
import { holdYoungGeneration } from '../model/young-generation.js';

export interface LintCommandOptions extends InputOptions {
  format: 'text' | 'json' | 'sarif' | 'junit' | 'markdown';
  output?: string;
  failOn: Severity | 'never';
  lang: Lang;
  rule: string[];
  now?: string;
  color?: boolean;
  quiet?: boolean;
  /** An earlier JSON report: its findings are unchanged, only new ones fail the run. */
  baseline?: string;
  /** Write this run's JSON report here, as the next baseline. */
  writeBaseline?: string;
  /** Report only what the change adds against the merge base of this git reference and HEAD. */
  diffBase?: string;
}

export function runLint(paths: string[], opts: LintCommandOptions): number {
  holdYoungGeneration();
  const progress = progressLine();
  const options: LintOptions = {
    ...loadOptions(paths, opts, (m) => progress.update(m)),
    lang: opts.lang,
    only: opts.rule,
    ...(opts.now ? { today: opts.now } : {}),
  };
  const result = lint(options);
  // The next baseline holds every finding of this run, not only those the change adds.
  const everyFinding = result.findings;
  if (opts.diffBase) {
    // What the change adds: the merge base's findings are the baseline, and only new ones are reported.
    progress.update(`linting the merge base of ${opts.diffBase}`);
    const base = lintMergeBase(opts.diffBase, options);
    result.baseline = compareToBaseline(result.findings, base.entries, `merge base ${base.commit.slice(0, 12)} of ${opts.diffBase}`);
    result.findings = result.findings.filter((f) => f.baselineState === 'new');
    result.summary = summarize(result.findings);
  }
  if (opts.baseline) {
    const entries = readBaseline(path.resolve(opts.baseline), opts.baseline);
    if (Array.isArray(entries)) result.baseline = compareToBaseline(result.findings, entries, opts.baseline);
    else result.errors.push(entries);
  }
  if (opts.writeBaseline) {
    const whole = everyFinding === result.findings ? result : { ...result, findings: everyFinding, summary: summarize(everyFinding) };
    writeOut('--write-baseline', opts.writeBaseline, jsonReport(lintJson(whole, toolVersion()), false));
  }
  // Judged on every finding before --quiet trims the report: --quiet changes what is shown, never the exit code.
  const judged = result.baseline ? result.findings.filter((f) => f.baselineState !== 'unchanged') : result.findings;
  const fails = failsAt(judged, opts.failOn);
  if (opts.quiet) {
    // Warnings and notes are left out unless --fail-on makes them fail the run: a finding that fails it is always shown.
    result.errors = result.errors.filter((e) => e.severity === 'error');
    result.findings = result.findings.filter((f) => f.severity === 'error' || f.waived || failsAt([f], opts.failOn));
  }
  progress.done();
  let out: ReportOut;
  switch (opts.format) {
    case 'json':
      out = jsonReport(lintJson(result, toolVersion()), !opts.output && process.stdout.isTTY === true);
      break;
    case 'junit':
      out = lintJunit(result, opts.lang);
      break;
    case 'markdown':
      out = lintMarkdown(result, opts.lang);
      break;
    case 'sarif':
      out = jsonReport(lintSarif(result, toolVersion(), opts.lang, sarifBase(process.cwd())), !opts.output && process.stdout.isTTY === true);
      break;
    default:
      out = lintText(result, opts.lang, makeStyle(!opts.output && useColor(opts, process.stdout)), !opts.quiet);
  }
  emit(opts.output, out);
  if (hasErrors(result.errors)) return EXIT_INPUT_ERROR;
  // With a baseline, only what is new fails the run.
  return fails ? EXIT_FINDINGS : EXIT_OK;
}

