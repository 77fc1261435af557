/**
 * `lint --format sarif` (product.md §6). Real runs over the fixtures and a scratch system (open
 * security group, inline and config waivers, a path outside the working directory with a space and
 * Japanese in it), plus a hand-built path finding with a trace, are written as SARIF and checked by
 * Microsoft's SARIF Multitool (`validate --rule-kind Sarif;Gh`: the SARIF 2.1.0 schema, the SARIF
 * rules and GitHub code scanning's rules) in one invocation; then the specific properties GitHub
 * relies on are asserted.
 */
import { spawnSync } from 'node:child_process';
import fs from 'node:fs';
import { createRequire } from 'node:module';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { Ajv2020 } from 'ajv/dist/2020.js';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { lint, type LintOptions, type LintResult } from '../../src/linter/lint.js';
import type { Lang } from '../../src/model/finding.js';
import { lintSarif, pascalCase, region, relativeUri, sarifBase, underBase } from '../../src/report/sarif.js';
import { guidelinePack } from '../../src/rules/pack.js';
import { compareToBaseline } from '../../src/linter/baseline.js';
import { rules } from '../../src/rules/index.js';
import { repoRoot, writeTree } from '../support/files.js';
import { pathFinding, pathLoc, SCRATCH_FILE, SCRATCH_TF, withOnly, writeScratch } from '../support/scratch-system.js';

/** SARIF is walked as plain JSON here. */
type Sarif = any;



function run(paths: string[], cwd = repoRoot, extra: Partial<LintOptions> = {}): LintResult {
  return lint({ paths, cwd, vars: [], varFiles: [], lang: 'en', only: [], today: '2026-06-01', ...extra });
}

/** The hand-built path finding, whose last hop has an inconsistent end (before its start on the same line). */
function handBuilt(base: LintResult): LintResult {
  const hops = pathFinding().trace!;
  const last = hops[hops.length - 1]!;
  return withOnly(base, pathFinding({ trace: [...hops.slice(0, -1), { ...last, location: pathLoc(13, 9, 13, 2) }] }));
}

/**
 * The Multitool's binary (a self-contained .NET program in @microsoft/sarif-multitool-<platform>),
 * run directly, never through its bin wrapper or a shell.
 */
const multitool = createRequire(import.meta.url)('@microsoft/sarif-multitool') as string;

/** Rule SARIF2006 fetches every URI in the log; nothing here may reach the network. */
const MULTITOOL_CONFIG = `<?xml version="1.0" encoding="utf-8"?>
<Properties>
  <Properties Key="SARIF2006.UrisShouldBeReachable.Options">
    <Property Key="RuleEnabled" Value="Disabled" />
  </Properties>
</Properties>
`;

interface Problem {
  file: string;
  level: string;
  ruleId: string;
  text: string;
}

/** Validates every file in one Multitool run; returns its results (errors and warnings) by file. */
function multitoolValidate(files: string[], workDir: string): { problems: Problem[]; log: Sarif; output: string } {
  const config = path.join(workDir, 'multitool.xml');
  fs.writeFileSync(config, MULTITOOL_CONFIG);
  const out = path.join(workDir, `validation-${Date.now()}.sarif`);
  const r = spawnSync(multitool, ['validate', '--rule-kind', 'Sarif;Gh', '--config', config, ...files, '-o', out], {
    encoding: 'utf8',
    timeout: 60_000,
    env: { ...process.env, DOTNET_SYSTEM_GLOBALIZATION_INVARIANT: '1', DOTNET_CLI_TELEMETRY_OPTOUT: '1', DOTNET_NOLOGO: '1' },
  });
  const output = `${r.stdout ?? ''}${r.stderr ?? ''}${r.error ? String(r.error) : ''}`;
  if (r.status !== 0 || !fs.existsSync(out)) throw new Error(`SARIF Multitool failed (status ${r.status}):\n${output}`);
  const log = JSON.parse(fs.readFileSync(out, 'utf8')) as Sarif;
  const problems: Problem[] = [];
  for (const vrun of log.runs ?? []) {
    const rules = vrun.tool?.driver?.rules ?? [];
    for (const res of vrun.results ?? []) {
      const rule = rules[res.ruleIndex] ?? rules.find((x: Sarif) => x.id === res.ruleId);
      const template: string | undefined = res.message?.text ?? rule?.messageStrings?.[res.message?.id]?.text;
      const args: string[] = res.message?.arguments ?? [];
      const text = template ? template.replace(/\{(\d+)\}/g, (_m, i: string) => args[Number(i)] ?? '') : `${res.message?.id}: ${args.join(' | ')}`;
      const uri: string = res.locations?.[0]?.physicalLocation?.artifactLocation?.uri ?? '';
      const file = uri.startsWith('file:') ? fileURLToPath(uri) : decodeURIComponent(uri);
      problems.push({ file: path.basename(file), level: res.level ?? 'warning', ruleId: res.ruleId, text });
    }
  }
  return { problems, log, output };
}

describe('lintSarif', () => {
  let dir: string;
  let scratch: string;
  const sarif: Record<string, Sarif> = {};
  const results: Record<string, LintResult> = {};
  let validation: { problems: Problem[]; log: Sarif; output: string };

  beforeAll(() => {
    dir = fs.mkdtempSync(path.join(os.tmpdir(), 'gridfence-sarif-'));
    scratch = path.join(dir, 'scratch');
    writeScratch(scratch);
    const cases: Array<[string, () => LintResult, Lang]> = [
      ['reference', () => run(['fixtures/terraform/reference-aws']), 'en'],
      ['unknown', () => run(['fixtures/terraform/unknown-cidrs']), 'en'],
      ['syntax', () => run(['fixtures/terraform/syntax-errors']), 'en'],
      ['scratch', () => run(['../infra dir'], path.join(scratch, 'sub')), 'en'],
      ['scratch-ja', () => run(['../infra dir'], path.join(scratch, 'sub'), { lang: 'ja' }), 'ja'],
      ['hand', () => handBuilt(run(['fixtures/terraform/syntax-errors'])), 'en'],
      // Real path findings (trace and flow) and CloudFormation / CDK sources.
      ['paths', () => run(['fixtures/four-ways/hcl'], repoRoot, { config: 'fixtures/four-ways/gridfence.yaml' }), 'en'],
      ['cdk', () => run(['fixtures/cdk']), 'ja'],
      // The bundled example, the on-premise gateway (firewall rules as places) and CloudFormation.
      ['example', () => run(['examples/vpp-aggregator']), 'en'],
      ['onprem', () => run(['test/fixtures/onprem/iptables-hole']), 'en'],
      ['onprem-nft', () => run(['test/fixtures/onprem/nftables-hole']), 'ja'],
      ['cfn', () => run(['fixtures/four-ways/cfn'], repoRoot, { config: 'fixtures/four-ways/gridfence.yaml' }), 'en'],
      // An expired waiver (a finding of its own, rule waiver-expired) beside a waived finding.
      ['waivers', () => {
        const copy = path.join(dir, 'waivers');
        fs.cpSync(path.join(repoRoot, 'examples/vpp-aggregator'), copy, { recursive: true });
        fs.appendFileSync(path.join(copy, 'gridfence.yaml'), 'waivers:\n  - rule: flow-logs-enabled\n    resource: aws_vpc.*\n    reason: flow logs go to the central account next quarter\n    expires: 2026-01-31\n  - rule: instance-metadata-v2\n    resource: aws_instance.log_collector\n    reason: the log agent still reads IMDSv1, vendor fix due in Q1\n');
        return run(['.'], copy, { lang: 'ja' });
      }, 'ja'],
      // Against a baseline: new, unchanged and absent results.
      ['baseline', () => {
        const r = run(['examples/vpp-aggregator']);
        const gone = { fingerprint: 'f'.repeat(32), ruleId: 'flow-logs-enabled', resource: 'aws_vpc.old', message: 'aws_vpc.old has no flow logs', location: { file: 'examples/vpp-aggregator/network.tf', line: 3, column: 1, endLine: 5, endColumn: 2 } };
        r.baseline = compareToBaseline(r.findings, [{ fingerprint: r.findings[0]!.fingerprint, ruleId: r.findings[0]!.ruleId, resource: r.findings[0]!.resource, message: '' }, gone], 'baseline.json');
        return r;
      }, 'en'],
    ];
    const files: string[] = [];
    for (const [name, make, lang] of cases) {
      results[name] = make();
      sarif[name] = lintSarif(results[name], '0.1.0', lang);
      const file = path.join(dir, `${name}.sarif`);
      fs.writeFileSync(file, JSON.stringify(sarif[name], null, 2));
      files.push(file);
    }
    // A control: the validator must see this one's broken region, or it checked nothing.
    const broken = structuredClone(sarif['scratch']);
    broken.runs[0].results[0].locations[0].physicalLocation.region = { startLine: 0, startColumn: 1 };
    const control = path.join(dir, 'control-broken.sarif');
    fs.writeFileSync(control, JSON.stringify(broken, null, 2));
    files.push(control);
    validation = multitoolValidate(files, dir);
  }, 60_000);

  afterAll(() => {
    if (dir) fs.rmSync(dir, { recursive: true, force: true });
  });

  it('passes the SARIF Multitool (SARIF 2.1.0 schema and rules, GitHub rules) with no error', () => {
    const inv = validation.log.runs?.[0]?.invocations?.[0];
    expect(inv?.executionSuccessful, validation.output).toBe(true);
    const ours = validation.problems.filter((p) => p.file !== 'control-broken.sarif');
    const errors = ours.filter((p) => p.level === 'error');
    expect(errors.map((p) => `${p.file}: ${p.ruleId}: ${p.text}`).join('\n')).toBe('');
    // No warning either. One rule is turned off (MULTITOOL_CONFIG): SARIF2006 fetches every URI over
    // the network, and helpUri and informationUri point at the project's public pages.
    expect(ours.filter((p) => p.level !== 'error').map((p) => `${p.file}: ${p.ruleId}: ${p.text}`)).toEqual([]);
    // Every file was read: the control's startLine 0 is caught.
    const control = validation.problems.filter((p) => p.file === 'control-broken.sarif' && p.level === 'error');
    expect(control.length, validation.output).toBeGreaterThan(0);
  });

  it('matches the SARIF 2.1.0 JSON schema the Multitool ships (which also checks enums its validator lets through)', () => {
    const schema = JSON.parse(fs.readFileSync(path.join(path.dirname(multitool), 'sarif-2.1.0.json'), 'utf8')) as object;
    const ajv = new Ajv2020({ allErrors: true, strict: false, validateFormats: false });
    const validate = ajv.compile(schema);
    for (const [name, log] of Object.entries(sarif)) {
      const ok = validate(log);
      expect(ok, `${name}.sarif: ${ajv.errorsText(validate.errors, { separator: '\n' })}`).toBe(true);
    }
  });

  it('describes each rule that ran, with clause, help, severity and the title in the chosen language', () => {
    const pack = guidelinePack();
    for (const [name, lang] of [['scratch', 'en'], ['scratch-ja', 'ja']] as const) {
      const driver = sarif[name].runs[0].tool.driver;
      expect(driver).toMatchObject({ name: 'gridfence', version: '0.1.0', informationUri: 'https://github.com/gridfence/gridfence' });
      expect(driver.rules.map((r: Sarif) => r.id)).toEqual(results[name]!.rulesRun);
      for (const rule of driver.rules) {
        const meta = pack.rules[rule.id]!;
        const clause = pack.clauses[meta.clause]!;
        expect(rule.name).toBe(pascalCase(rule.id));
        expect(rule.name).toMatch(/^[A-Z][A-Za-z0-9]*$/);
        expect(rule.shortDescription.text).toBe(meta.title[lang]);
        expect(rule.fullDescription.text).toContain(clause.title.ja);
        expect(rule.fullDescription.text).toContain(clause.title.en);
        expect(rule.fullDescription.text).toContain(clause.text.ja);
        expect(rule.fullDescription.text).toContain(clause.text.en);
        expect(rule.helpUri).toBe(`https://github.com/gridfence/gridfence/blob/main/docs/rules/${rule.id}.md`);
        expect(rule.help.text).toBeTruthy();
        expect(rule.help.markdown).toContain(rule.helpUri);
        expect(rule.defaultConfiguration.level).toBe(meta.severity);
        expect(rule.properties).toEqual({
          clause: meta.clause,
          tags: ['security', 'meti-aggregator-guideline'],
          'security-severity': { error: '8.0', warning: '5.0', note: '2.0' }[meta.severity],
          precision: rules.get(rule.id)!.reachability ? 'high' : 'very-high',
        });
        expect(rule.help.markdown).toMatch(/### (How to fix|修正方法)/);
      }
    }
    expect(pascalCase('instance-metadata-v2')).toBe('InstanceMetadataV2');
  });

  it('locates a known finding: rule, level, full region, relative URI under %SRCROOT%, resource', () => {
    const lr = results['scratch']!;
    const f = lr.findings.find((x) => x.ruleId === 'ingress-from-declared-sources' && x.resource === 'aws_security_group.web')!;
    expect(f).toBeDefined();
    const i = lr.findings.indexOf(f);
    const res = sarif['scratch'].runs[0].results[i];
    const rules = sarif['scratch'].runs[0].tool.driver.rules;
    expect(res.ruleId).toBe('ingress-from-declared-sources');
    expect(rules[res.ruleIndex].id).toBe(res.ruleId);
    expect(res.level).toBe('error');
    expect(res.message.text).toBe(f.message);
    const loc = res.locations[0];
    expect(loc.physicalLocation.artifactLocation).toEqual({
      uri: '../infra%20dir/%E3%83%8D%E3%83%83%E3%83%88%E3%83%AF%E3%83%BC%E3%82%AF.tf',
      uriBaseId: '%SRCROOT%',
    });
    expect(decodeURIComponent(loc.physicalLocation.artifactLocation.uri)).toBe(SCRATCH_FILE);
    const r = loc.physicalLocation.region;
    expect(r).toEqual({ startLine: f.location.line, startColumn: f.location.column, endLine: f.location.endLine, endColumn: f.location.endColumn });
    // The region is the source that opens the hole: it covers the 0.0.0.0/0 of the web group.
    const lines = SCRATCH_TF.split('\n');
    const text = lines.slice(r.startLine - 1, r.endLine).join('\n');
    const cut = r.startLine === r.endLine ? text.slice(r.startColumn - 1, r.endColumn - 1) : text.slice(r.startColumn - 1);
    expect(cut).toContain('0.0.0.0/0');
    expect(r.startLine).toBeGreaterThanOrEqual(6);
    expect(r.endLine).toBeLessThanOrEqual(17);
    expect(loc.logicalLocations).toEqual([{ fullyQualifiedName: 'aws_security_group.web', kind: 'resource' }]);
    expect(res.relatedLocations.map((x: Sarif) => x.message.text)).toContain('resource aws_security_group.web');
    expect(res.properties).toMatchObject({ clause: '(4)オ', certainty: 'definite', resource: 'aws_security_group.web', messageId: f.messageId, data: f.data });
    expect(res.suppressions).toBeUndefined();
  });

  it('writes no absolute path and no file: URI', () => {
    const originals = sarif['scratch'].runs.map((r: Sarif) => r.originalUriBaseIds);
    for (const o of originals) expect(o).toEqual({ '%SRCROOT%': { description: { text: 'The directory gridfence was run from' } } });
    for (const name of Object.keys(sarif)) {
      const text = JSON.stringify(sarif[name]);
      expect(text).not.toContain(repoRoot);
      expect(text).not.toContain(dir);
      expect(text).not.toContain('file:');
      const uris = [...text.matchAll(/"uri":"([^"]*)"/g)].map((m) => m[1]!);
      for (const u of uris) expect(u).not.toMatch(/^\/|^[a-z]+:/i);
    }
  });

  it('gives every result a line-free fingerprint that survives unrelated edits', () => {
    const before = sarif['scratch'].runs[0].results as Sarif[];
    expect(before.every((r) => /^[0-9a-f]{32}$/.test(r.partialFingerprints?.['gridfence/v1']))).toBe(true);
    const again = lintSarif(run(['../infra dir'], path.join(scratch, 'sub')), '0.1.0', 'en') as Sarif;
    expect(again.runs[0].results.map((r: Sarif) => r.partialFingerprints)).toEqual(before.map((r) => r.partialFingerprints));
    // Shift every line: the regions move, the fingerprints do not.
    const shifted = path.join(dir, 'shifted');
    writeScratch(shifted, `# network of the scratch system\n\n\n${SCRATCH_TF}`);
    const moved = lintSarif(run(['../infra dir'], path.join(shifted, 'sub')), '0.1.0', 'en') as Sarif;
    const key = (r: Sarif) => `${r.ruleId} ${r.properties.resource} ${r.partialFingerprints['gridfence/v1']}`;
    expect(moved.runs[0].results.map(key).sort()).toEqual(before.map(key).sort());
    const line = (rs: Sarif[]) => rs.map((r) => r.locations[0].physicalLocation.region.startLine).sort((a, b) => a - b);
    expect(line(moved.runs[0].results)).toEqual(line(before).map((n) => n + 3));
  });

  it('marks waived findings with suppressions: inSource for an inline comment, external for gridfence.yaml', () => {
    const res = sarif['scratch'].runs[0].results as Sarif[];
    const inline = res.find((r) => r.properties.resource === 'aws_security_group.landing' && r.ruleId === 'ingress-from-declared-sources');
    expect(inline.suppressions).toEqual([
      {
        kind: 'inSource',
        status: 'accepted',
        justification: 'public landing page, accepted by the CISO',
        location: { physicalLocation: { artifactLocation: { uri: relativeUri(SCRATCH_FILE), uriBaseId: '%SRCROOT%' }, region: { startLine: 19, startColumn: 1, endLine: 19, endColumn: 1 } } },
      },
    ]);
    const config = res.find((r) => r.ruleId === 'flow-logs-enabled');
    expect(config.suppressions).toHaveLength(1);
    expect(config.suppressions[0]).toMatchObject({ kind: 'external', status: 'accepted', justification: 'flow logs are collected centrally' });
    expect(config.suppressions[0].location.physicalLocation.artifactLocation.uri).toBe('../gridfence.yaml');
    expect(res.filter((r) => r.suppressions).length).toBe(results['scratch']!.findings.filter((f) => f.waived).length);
  });

  it('reports an expired waiver as a warning result of rule waiver-expired, described under clause (2)ア', () => {
    const log = sarif['waivers'];
    const expired = (log.runs[0].results as Sarif[]).filter((r) => r.ruleId === 'waiver-expired');
    expect(expired).toHaveLength(1);
    expect(expired[0]).toMatchObject({ level: 'warning', message: { text: 'aws_vpc.* に対する flow-logs-enabled の適用除外は 2026-01-31 に期限が切れ、適用されなくなりました。期限を更新するか、対象を修正してください' } });
    expect(expired[0].suppressions).toBeUndefined();
    expect(expired[0].locations[0].physicalLocation.artifactLocation.uri).toBe('gridfence.yaml');
    const rule = log.runs[0].tool.driver.rules[expired[0].ruleIndex];
    expect(rule).toMatchObject({ id: 'waiver-expired', properties: { clause: '(2)ア' }, defaultConfiguration: { level: 'warning' } });
    expect(rule.help.markdown).toContain('### 修正方法');
    const waived = (log.runs[0].results as Sarif[]).find((r) => r.ruleId === 'instance-metadata-v2');
    expect(waived.suppressions[0]).toMatchObject({ kind: 'external', justification: 'the log agent still reads IMDSv1, vendor fix due in Q1' });
  });

  it('renders the trace as a code flow and as related locations', () => {
    const res = sarif['hand'].runs[0].results[0];
    const steps = res.codeFlows[0].threadFlows[0].locations as Sarif[];
    expect(res.codeFlows[0].message.text).toBe('tcp 443 from 0.0.0.0/0 to 10.10.1.10');
    expect(steps.map((s) => s.location.message.text)).toEqual([
      'internet',
      'aws_internet_gateway.main: route 0.0.0.0/0',
      'aws_subnet.dispatch_a: nacl allow rule 100',
      'aws_instance.ven: security group aws_security_group.ven allows tcp/443 from 0.0.0.0/0',
    ]);
    expect(steps[0].location.physicalLocation).toBeUndefined();
    expect(steps[1].location.physicalLocation.region).toEqual({ startLine: 30, startColumn: 3, endLine: 30, endColumn: 40 });
    expect(steps[3].location.physicalLocation.region).toEqual({ startLine: 13, startColumn: 9 });
    const related = res.relatedLocations as Sarif[];
    expect(related.map((r) => r.id)).toEqual(related.map((_r, i) => i + 1));
    expect(related.map((r) => r.message.text)).toEqual(['resource aws_security_group.ven', 'aws_internet_gateway.main: route 0.0.0.0/0', 'aws_instance.ven: security group aws_security_group.ven allows tcp/443 from 0.0.0.0/0']);
    expect(res.properties.flow).toEqual({ protocol: 'tcp', source: '0.0.0.0/0', destination: '10.10.1.10', ports: '443' });
    expect(res.suppressions).toEqual([
      {
        kind: 'external',
        status: 'accepted',
        justification: 'dispatch gateway re-homed in Q3',
        location: { physicalLocation: { artifactLocation: { uri: 'gridfence.yaml', uriBaseId: '%SRCROOT%' }, region: { startLine: 20, startColumn: 5, endLine: 23, endColumn: 1 } } },
        properties: { expires: '2026-09-30' },
      },
    ]);
  });

  it('names the unknown values of a possible finding', () => {
    const lr = results['unknown']!;
    const possible = lr.findings.findIndex((f) => f.certainty === 'possible');
    expect(possible).toBeGreaterThanOrEqual(0);
    const res = sarif['unknown'].runs[0].results[possible];
    expect(res.properties.certainty).toBe('possible');
    expect(res.properties.unknowns).toEqual(lr.findings[possible]!.unknowns);
    const located = lr.findings[possible]!.unknowns.filter((u) => u.location);
    for (const u of located) expect(res.relatedLocations.map((r: Sarif) => r.message.text)).toContain(`value not known statically: ${u.reason}`);
  });

  it('reports input problems as notifications of a second run, failing it on errors', () => {
    const lr = results['syntax']!;
    const errorsRun = sarif['syntax'].runs[1];
    expect(errorsRun.tool.driver).toMatchObject({ name: 'gridfence-errors', version: '0.1.0' });
    expect(errorsRun.results).toEqual([]);
    const inv = errorsRun.invocations[0];
    expect(inv.executionSuccessful).toBe(false);
    const notes = inv.toolExecutionNotifications as Sarif[];
    expect(notes).toHaveLength(lr.errors.length);
    expect(notes.length).toBeGreaterThan(0);
    notes.forEach((n, i) => {
      const p = lr.errors[i]!;
      expect(n.level).toBe(p.severity);
      expect(n.message.text).toBe(p.message);
      expect(n.descriptor).toEqual({ id: p.code });
      expect(n.locations[0].physicalLocation.artifactLocation).toEqual({ uri: p.location!.file, uriBaseId: '%SRCROOT%' });
      expect(n.locations[0].physicalLocation.region.startLine).toBe(p.location!.line);
    });
    const unclosed = notes.find((n) => n.locations[0].physicalLocation.artifactLocation.uri === 'fixtures/terraform/syntax-errors/bad-unclosed-brace.tf');
    expect(unclosed).toMatchObject({ level: 'error', descriptor: { id: 'hcl-syntax' }, locations: [{ physicalLocation: { region: { startLine: 1, startColumn: 42 } } }] });
    // A clean run succeeds; warnings alone do not fail it.
    expect(sarif['reference'].runs[1].invocations[0]).toEqual({ executionSuccessful: true, toolExecutionNotifications: [] });
    const unknown = sarif['unknown'].runs[1].invocations[0];
    expect(unknown.toolExecutionNotifications.some((n: Sarif) => n.level === 'warning')).toBe(true);
    expect(unknown.executionSuccessful).toBe(true);
    // Runs of one file need distinct tools: GitHub's upload rejects two runs with one tool and category.
    expect(sarif['syntax'].runs[0].tool.driver.name).not.toBe(errorsRun.tool.driver.name);
  });

  it('writes only regions SARIF accepts', () => {
    expect(region({ file: 'a', line: 3, column: 5, endLine: 3, endColumn: 9 })).toEqual({ startLine: 3, startColumn: 5, endLine: 3, endColumn: 9 });
    expect(region({ file: 'a', line: 3, column: 5, endLine: 3, endColumn: 5 })).toEqual({ startLine: 3, startColumn: 5, endLine: 3, endColumn: 5 });
    expect(region({ file: 'a', line: 3, column: 5, endLine: 4, endColumn: 1 })).toEqual({ startLine: 3, startColumn: 5, endLine: 4, endColumn: 1 });
    expect(region({ file: 'a', line: 3, column: 5, endLine: 3, endColumn: 2 })).toEqual({ startLine: 3, startColumn: 5 });
    expect(region({ file: 'a', line: 3, column: 5, endLine: 2, endColumn: 9 })).toEqual({ startLine: 3, startColumn: 5 });
    expect(region({ file: 'a', line: 3, column: 0, endLine: 3, endColumn: 0 })).toEqual({ startLine: 3 });
    expect(region({ file: 'a', line: 30 })).toEqual({ startLine: 30 });
    expect(region({ file: 'a', line: 0, column: 1, endLine: 1, endColumn: 1 })).toBeUndefined();
    expect(relativeUri('../a b/c#d?.tf')).toBe('../a%20b/c%23d%3F.tf');
    expect(relativeUri('mod/x:y/100%.tf')).toBe('mod/x%3Ay/100%25.tf');
  });
});

describe('automationDetails', () => {
  it('names one category per configuration, distinct for the findings run and the errors run', () => {
    const example = path.join(repoRoot, 'examples/vpp-aggregator');
    const r = lint({ paths: [example], cwd: repoRoot, vars: [], varFiles: [], lang: 'en', only: ['tls-minimum-version'], today: '2026-11-29' });
    const log = lintSarif(r, '1.2.3', 'en') as { runs: Array<{ automationDetails: { id: string } }> };
    expect(log.runs.map((x) => x.automationDetails.id)).toEqual(['gridfence/examples/vpp-aggregator/gridfence.yaml/', 'gridfence-errors/examples/vpp-aggregator/gridfence.yaml/']);
  });
});

describe('SARIF URIs are relative to the repository root', () => {
  it('a run from a subdirectory of a repository names its files from the root, as GitHub code scanning places them', () => {
    const dir = writeTree({ 'infra/main.tf': 'resource "aws_vpc" "v" {\n  cidr_block = "10.0.0.0/16"\n}\n', 'infra/gridfence.yaml': 'version: 1\n' });
    const cwd = path.join(dir, 'infra');
    const r = run(['.'], cwd, { only: ['flow-logs-enabled'] });
    expect(r.findings.map((f) => f.location.file)).toEqual(['main.tf']);
    expect(sarifBase(cwd)).toEqual({ base: 'infra' });
    const log = lintSarif(r, '0.1.0', 'en', sarifBase(cwd)) as Sarif;
    expect(log.runs[0].results.map((x: Sarif) => x.locations[0].physicalLocation.artifactLocation)).toEqual([{ uri: 'infra/main.tf', uriBaseId: '%SRCROOT%' }]);
    for (const vrun of log.runs) expect(vrun.originalUriBaseIds).toEqual({ '%SRCROOT%': { description: { text: 'The root of the repository' } } });
    // The category names the configuration from the root too: another system's folder gets its own.
    expect(log.runs.map((x: Sarif) => x.automationDetails.id)).toEqual(['gridfence/infra/gridfence.yaml/', 'gridfence-errors/infra/gridfence.yaml/']);
    // At the root nothing changes; a path that climbs out of the directory is resolved against it.
    expect(sarifBase(dir)).toEqual({ base: '' });
    expect((lintSarif(r, '0.1.0', 'en', { base: '' }) as Sarif).runs[0].results[0].locations[0].physicalLocation.artifactLocation.uri).toBe('main.tf');
    expect(underBase('infra/aws', '../modules/vpc/main.tf')).toBe('infra/modules/vpc/main.tf');
    expect(underBase('infra', '../../elsewhere.tf')).toBe('../elsewhere.tf');
    // Outside a repository the paths stay relative to where gridfence ran, and the base says so.
    const loose = fs.mkdtempSync(path.join(os.tmpdir(), 'gridfence-norepo-'));
    if (sarifBase(loose).base === undefined) expect((lintSarif(r, '0.1.0', 'en', sarifBase(loose)) as Sarif).runs[0].originalUriBaseIds['%SRCROOT%'].description.text).toBe('The directory gridfence was run from');
    fs.rmSync(loose, { recursive: true, force: true });
  });
});
