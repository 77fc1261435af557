/**
 * The GitHub Action (action.yml): `gridfence lint` inside the runner's Node, with no shell and no
 * download. Inputs come from `@actions/core` (INPUT_* variables), never through a shell; the report
 * is written to `output` in `format`; the job summary gets the Markdown report; findings become
 * workflow annotations, the worst first, within GitHub's limits per step; the step fails as
 * `fail-on` says, and on any input or configuration error.
 */
import fs from 'node:fs';
import path from 'node:path';
import * as core from '@actions/core';
import { failsAt, lint, type LintResult } from '../linter/lint.js';
import { hasErrors } from '../linter/load-system.js';
import { SEVERITIES, type Finding, type Lang, type Severity } from '../model/finding.js';
import { lintJson } from '../report/lint-json.js';
import { lintJunit } from '../report/junit.js';
import { lintMarkdown } from '../report/lint-markdown.js';
import { lintSarif, sarifBase } from '../report/sarif.js';
import { lintText } from '../report/lint-text.js';
import { makeStyle } from '../report/style.js';
import { toolVersion } from '../cli/version.js';
import { holdYoungGeneration } from '../model/young-generation.js';

/** GitHub shows at most 10 annotations of each level per step (and 50 per job). */
const ANNOTATIONS_PER_LEVEL = 10;

const FORMATS = ['sarif', 'json', 'junit', 'markdown', 'text'] as const;
const FAIL_ON = ['error', 'warning', 'note', 'never'] as const;

function choice<T extends string>(name: string, allowed: readonly T[], fallback: T): T {
  const v = core.getInput(name).trim() || fallback;
  if (!(allowed as readonly string[]).includes(v)) throw new Error(`input ${name}: "${v}" is not one of ${allowed.join(', ')}`);
  return v as T;
}

/** A boolean input in YAML 1.2's spelling (true/True/TRUE, false/False/FALSE); empty means the default. */
function flag(name: string, fallback: boolean): boolean {
  const v = core.getInput(name).trim();
  if (!v) return fallback;
  if (/^(true|True|TRUE)$/.test(v)) return true;
  if (/^(false|False|FALSE)$/.test(v)) return false;
  throw new Error(`input ${name}: "${v}" is not true or false`);
}

export function run(): number {
  holdYoungGeneration();
  const workspace = process.env['GITHUB_WORKSPACE'] || process.cwd();
  const paths = core.getMultilineInput('path').flatMap((l) => l.split(/\s+/)).filter(Boolean);
  const config = core.getInput('config').trim();
  const failOn = choice('fail-on', FAIL_ON, 'error');
  const format = choice('format', FORMATS, 'sarif');
  const output = core.getInput('output').trim() || `gridfence.${format === 'junit' ? 'xml' : format === 'markdown' ? 'md' : format === 'text' ? 'txt' : format}`;
  const lang = choice<Lang>('lang', ['en', 'ja'], 'en');
  const summary = flag('summary', true);
  const annotations = flag('annotations', true);

  const result = lint({ paths: paths.length ? paths : ['.'], cwd: workspace, ...(config ? { config } : {}), vars: [], varFiles: [], lang, only: [] });
  const report = render(result, format, lang, workspace);
  const outPath = path.resolve(workspace, output);
  fs.mkdirSync(path.dirname(outPath), { recursive: true });
  fs.writeFileSync(outPath, report);

  if (annotations) annotate(result.findings);
  for (const e of result.errors.filter((x) => x.severity === 'error')) {
    core.error(e.message, e.location ? { file: e.location.file, startLine: e.location.line, startColumn: e.location.column, title: 'gridfence input error' } : { title: 'gridfence input error' });
  }
  if (summary && process.env['GITHUB_STEP_SUMMARY']) {
    // The summary is written asynchronously: a failure still fails the step, never goes unheard.
    core.summary
      .addRaw(lintMarkdown(result, lang))
      .write({ overwrite: false })
      .catch((e: unknown) => {
        core.setFailed(`gridfence: cannot write the job summary: ${(e as Error).message}`);
        process.exitCode = 2;
      });
  }

  core.setOutput('sarif-file', format === 'sarif' ? output : '');
  core.setOutput('errors', String(result.summary.error));
  core.setOutput('warnings', String(result.summary.warning));
  if (hasErrors(result.errors)) {
    core.setFailed('gridfence: input or configuration errors (see the annotations and the report)');
    return 2;
  }
  if (failsAt(result.findings, failOn)) {
    // Only what fails the step is counted: a warning is not "at or above" fail-on=error.
    const failing = SEVERITIES.filter((sev) => failOn !== 'never' && SEVERITIES.indexOf(sev) <= SEVERITIES.indexOf(failOn) && result.summary[sev] > 0);
    core.setFailed(`gridfence: ${failing.map((sev) => `${result.summary[sev]} ${sev}(s)`).join(', ')} at or above fail-on=${failOn}`);
    return 1;
  }
  return 0;
}

function render(result: LintResult, format: (typeof FORMATS)[number], lang: Lang, workspace: string): string {
  switch (format) {
    case 'sarif':
      return JSON.stringify(lintSarif(result, toolVersion(), lang, sarifBase(workspace)), null, 2) + '\n';
    case 'json':
      return JSON.stringify(lintJson(result, toolVersion()), null, 2) + '\n';
    case 'junit':
      return lintJunit(result, lang);
    case 'markdown':
      return lintMarkdown(result, lang);
    default:
      return lintText(result, lang, makeStyle(false), true);
  }
}

const LEVEL: Record<Severity, 'error' | 'warning' | 'notice'> = { error: 'error', warning: 'warning', note: 'notice' };

/** Unwaived findings as annotations: per level the first ANNOTATIONS_PER_LEVEL, definite before possible. */
function annotate(findings: readonly Finding[]): void {
  for (const sev of ['error', 'warning', 'note'] as const) {
    const list = findings.filter((f) => !f.waived && f.severity === sev).sort((a, b) => Number(a.certainty === 'possible') - Number(b.certainty === 'possible'));
    for (const f of list.slice(0, ANNOTATIONS_PER_LEVEL)) {
      const props = { title: `${f.ruleId} ${f.clause}`, file: f.location.file, startLine: f.location.line, endLine: f.location.endLine, ...(f.location.line === f.location.endLine ? { startColumn: f.location.column, endColumn: f.location.endColumn } : {}) };
      const text = f.certainty === 'possible' ? `${f.message} (possible: ${f.unknowns.map((u) => u.reason).join('; ')})` : f.message;
      if (LEVEL[sev] === 'error') core.error(text, props);
      else if (LEVEL[sev] === 'warning') core.warning(text, props);
      else core.notice(text, props);
    }
    if (list.length > ANNOTATIONS_PER_LEVEL) core.info(`gridfence: ${list.length - ANNOTATIONS_PER_LEVEL} more ${sev} finding(s) not annotated (GitHub shows ${ANNOTATIONS_PER_LEVEL} per level): see the report`);
  }
}
