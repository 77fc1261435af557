/** The `lint` JSON report (product.md §6), described by schemas/report.schema.json. */
import type { LintResult } from '../linter/lint.js';
import type { InputProblem } from '../model/errors.js';
import type { Finding } from '../model/finding.js';

export interface LintJson {
  version: 1;
  tool: { name: 'gridfence'; version: string };
  system?: string;
  zonesDeclared: boolean;
  rules: string[];
  findings: Array<Omit<Finding, 'data'> & { data: Record<string, string> }>;
  errors: InputProblem[];
  summary: LintResult['summary'];
  /** The compliance view: every clause of the guideline and its status for this system. */
  compliance: LintResult['compliance'];
  /** Against `--baseline`: counts, and the baseline's findings this run no longer has. */
  baseline?: NonNullable<LintResult['baseline']>;
}

export function lintJson(result: LintResult, toolVersion: string): LintJson {
  return {
    version: 1,
    tool: { name: 'gridfence', version: toolVersion },
    ...(result.system.config?.system ? { system: result.system.config.system } : {}),
    zonesDeclared: !result.system.zonesImplicit,
    rules: result.rulesRun,
    findings: result.findings,
    errors: result.errors,
    summary: result.summary,
    compliance: result.compliance,
    ...(result.baseline ? { baseline: result.baseline } : {}),
  };
}
