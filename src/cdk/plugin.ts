/**
 * `gridfence/cdk`: the same rules during `cdk synth`, as an AWS CDK policy validation plugin (the
 * `IPolicyValidationPluginBeta1` interface that cdk-nag v3 also implements):
 *
 *   new App({ policyValidationBeta1: [new GridfenceValidator({ config: 'gridfence.yaml' })] })
 *
 * The CDK hands the synthesised templates; gridfence lints them as CloudFormation and reports one
 * violation per rule, each resource by its logical id, template and place. The shapes are written
 * here structurally, so aws-cdk-lib stays a peer of the user's app, never a dependency of ours.
 */
import path from 'node:path';
import { failsAt, lint } from '../linter/lint.js';
import type { Finding, Lang, Severity } from '../model/finding.js';
import { toolVersion } from '../cli/version.js';
import { rules } from '../rules/index.js';
import { addTo } from '../model/multimap.js';

export interface GridfenceValidatorOptions {
  /** gridfence.yaml to use (default: found from the working directory upwards). */
  config?: string;
  /** Fail synthesis at findings of this severity or above (default error). */
  failOn?: Severity | 'never';
  /** Run only these rules. */
  rules?: string[];
  /** Language of messages (default en). */
  lang?: Lang;
  /** The run's date (YYYY-MM-DD) for attestations and waivers. */
  now?: string;
}

/** The parts of the CDK's validation interfaces this plugin uses. */
export interface ValidationContext {
  readonly templatePaths: string[];
}
export interface ViolatingResource {
  readonly resourceLogicalId: string;
  readonly templatePath: string;
  readonly locations: string[];
}
export interface Violation {
  readonly ruleName: string;
  readonly description: string;
  readonly violatingResources: ViolatingResource[];
  readonly fix?: string;
  readonly severity?: string;
  readonly ruleMetadata?: Record<string, string>;
}
export interface ValidationReport {
  readonly success: boolean;
  readonly violations: Violation[];
  readonly pluginVersion?: string;
  readonly metadata?: Record<string, string>;
}

export class GridfenceValidator {
  readonly name = 'gridfence';
  readonly version = toolVersion();
  readonly ruleIds: string[];

  constructor(private readonly opts: GridfenceValidatorOptions = {}) {
    this.ruleIds = opts.rules ?? [...rules.keys()];
  }

  validate(context: ValidationContext): ValidationReport {
    const cwd = process.cwd();
    const result = lint({
      paths: context.templatePaths,
      cwd,
      vars: [],
      varFiles: [],
      inputFormat: 'cloudformation',
      lang: this.opts.lang ?? 'en',
      only: this.opts.rules ?? [],
      ...(this.opts.config ? { config: this.opts.config } : {}),
      ...(this.opts.now ? { today: this.opts.now } : {}),
    });
    const failOn = this.opts.failOn ?? 'error';
    const names = new Map(result.system.model.resources.map((r) => [r.address, r.name]));
    const pack = result.pack;
    const byRule = new Map<string, Finding[]>();
    for (const f of result.findings) if (!f.waived) addTo(byRule, f.ruleId, f);
    // The CDK decides a report's success again from its violations' severities once any rule is
    // acknowledged (success = no "error" or "fatal" violation left): a violation fails synthesis
    // exactly when it is "error", so one at or above failOn is "error" and one below it a
    // "warning". gridfence's own severity is kept in the rule metadata.
    const violations: Violation[] = [...byRule].map(([ruleId, list]) => ({
      ruleName: ruleId,
      description: `${pack.rules[ruleId]?.title[this.opts.lang ?? 'en'] ?? ruleId} — ${list.map((f) => f.message).join('; ')}`,
      severity: failsAt(list, failOn) ? 'error' : 'warning',
      fix: `gridfence explain ${ruleId}`,
      ruleMetadata: { clause: list[0]!.clause, severity: list[0]!.severity },
      violatingResources: list.map((f) => ({
        resourceLogicalId: names.get(f.resource) ?? f.resource,
        templatePath: path.resolve(cwd, f.location.file),
        locations: [`${f.location.line}:${f.location.column}`],
      })),
    }));
    // Input and configuration errors fail the synthesis too: a template gridfence cannot read is not a
    // pass. Warnings (a nested stack or a transform left unread) are reported too, as warnings, so
    // that what the analysis did not see is in the report rather than only in a command line run's.
    for (const e of result.errors) {
      violations.push({
        ruleName: `gridfence-${e.code}`,
        description: e.message,
        severity: e.severity === 'error' ? 'error' : 'warning',
        violatingResources: e.location ? [{ resourceLogicalId: '', templatePath: path.resolve(cwd, e.location.file), locations: [`${e.location.line}:${e.location.column}`] }] : [],
      });
    }
    const failed = failsAt(result.findings, failOn) || result.errors.some((x) => x.severity === 'error');
    return { success: !failed, violations, pluginVersion: this.version, metadata: { findings: String(result.findings.length) } };
  }
}
