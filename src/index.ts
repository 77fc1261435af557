/**
 * gridfence as a library: `lint` reads a system the way the command line does and returns its
 * findings, input problems, summary and compliance view; the report functions render a result.
 *
 *   import { failsAt, lint } from 'gridfence';
 *   const result = lint({ paths: ['infra'], cwd: process.cwd(), vars: [], varFiles: [], lang: 'en', only: [] });
 *   if (failsAt(result.findings, 'error')) process.exitCode = 1;
 */
export { lint, failsAt, type LintOptions, type LintResult, type Summary } from './linter/lint.js';
export type { Finding, Severity, Lang, TraceStep, Flow } from './model/finding.js';
export type { Location } from './model/source.js';
export type { InputProblem } from './model/errors.js';
export type { ClauseView, RuleView, ClauseStatus, RuleStatus } from './compliance/view.js';
export { lintJson } from './report/lint-json.js';
export { lintSarif, sarifBase, type SarifOptions } from './report/sarif.js';
export { lintJunit } from './report/junit.js';
export { lintMarkdown } from './report/lint-markdown.js';
export { rules } from './rules/index.js';
