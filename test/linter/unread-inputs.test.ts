/**
 * Inputs that give nothing to read are errors, never a pass over nothing (product.md §2): a file
 * no loader takes, a folder with no input, a cloud assembly whose stack template is missing; a plan
 * written with sorted keys is still told by its content.
 */
import fs from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { loadSystem } from '../../src/linter/load-system.js';
import { repoRoot, writeTree } from '../support/files.js';

const load = (dir: string, paths: string[], inputFormat?: 'plan') => loadSystem({ paths, cwd: dir, vars: [], varFiles: [], ...(inputFormat ? { inputFormat } : {}) });
const problems = (sys: ReturnType<typeof load>) => sys.problems.map((p) => `${p.severity} ${p.code} ${p.location ? `${p.location.file}:${p.location.line}:${p.location.column} ` : ''}${p.message}`);
const FORMATS = 'Terraform (.tf, .tf.json), a plan (terraform show -json), a CloudFormation template, a cdk.out folder, or an iptables or nftables ruleset';

/** JSON with its object keys sorted, as `jq -S` writes it. */
function sortedJson(v: unknown): string {
  const sort = (x: unknown): unknown => (Array.isArray(x) ? x.map(sort) : x && typeof x === 'object' ? Object.fromEntries(Object.entries(x).sort(([a], [b]) => (a < b ? -1 : 1)).map(([k, y]) => [k, sort(y)])) : x);
  return JSON.stringify(sort(v), null, 2);
}

describe('inputs that give nothing to read', () => {
  it('a file named on the command line that is no input gridfence reads', () => {
    const dir = writeTree({ 'notes.json': '{"hello": 1}\n', 'main.tf': 'resource "aws_vpc" "v" {\n  cidr_block = "10.0.0.0/16"\n}\n' });
    expect(problems(load(dir, ['notes.json']))).toEqual([`error no-input notes.json:1:1 notes.json is not an input gridfence reads (${FORMATS}); --input-format names the format of a file that is one`]);
    expect(problems(load(dir, ['main.tf']))).toEqual([]);
  });

  it('a folder with no input under it; a folder with Terraform but read as another format; a ruleset that does not parse is read, its error says so', () => {
    const empty = writeTree({ 'README.md': '# nothing here\n' });
    expect(problems(load(empty, ['.']))).toEqual([`error no-input Nothing under . is an input gridfence reads: ${FORMATS}`]);
    const tf = writeTree({ 'main.tf': 'resource "aws_vpc" "v" {\n  cidr_block = "10.0.0.0/16"\n}\n' });
    expect(problems(load(tf, ['.']))).toEqual([]);
    expect(problems(load(tf, ['.'], 'plan'))).toEqual([`error no-input Nothing under . is an input gridfence reads: ${FORMATS}`]);
    const broken = writeTree({ 'gw.nft': 'table inet t {\n\tchain c {\n\t\tfrobnicate {\n' });
    expect(problems(load(broken, ['.'])).map((p) => p.split(' ')[1])).toEqual(['nftables']);
  });

  it('an iptables-save table of rules without chain declaration lines, beside Terraform, is read (with the warning its missing policy line gives), not passed over', () => {
    const dir = writeTree({
      'main.tf': 'resource "aws_vpc" "v" {\n  cidr_block = "10.0.0.0/16"\n}\n',
      'gw1.rules': '*filter\n-A INPUT -p tcp --dport 23 -j ACCEPT\nCOMMIT\n',
    });
    const sys = load(dir, ['.']);
    expect(problems(sys)).toEqual(['warning iptables-undeclared-chain gw1.rules:2:4 Built-in chain INPUT has no ":INPUT POLICY" line: its policy is whatever the kernel had, read as ACCEPT']);
    expect(sys.hosts.map((h) => [h.file, h.format, h.rules])).toEqual([['gw1.rules', 'iptables', 1]]);
  });

  it('a file named as a ruleset (.nft, .iptables) that gridfence does not read, beside Terraform, is an error; a .rules file of another tool is left alone', () => {
    const dir = writeTree({
      'main.tf': 'resource "aws_vpc" "v" {\n  cidr_block = "10.0.0.0/16"\n}\n',
      'gw2.nft': 'add table inet fw\nadd chain inet fw input { type filter hook input priority 0; policy accept; }\n',
      'alerts.rules': 'groups:\n  - name: node\n',
    });
    expect(problems(load(dir, ['.']))).toEqual(['error no-input gw2.nft:1:1 gw2.nft is named as a firewall ruleset but is neither iptables-save output nor an nftables ruleset as nft list ruleset prints it']);
  });

  it('a cloud assembly whose manifest names a stack template that is not there', () => {
    const manifest = JSON.stringify({ version: '36.0.0', artifacts: { App: { type: 'aws:cloudformation:stack', properties: { templateFile: 'App.template.json' } } } });
    const dir = writeTree({ 'cdk.out/manifest.json': manifest });
    expect(problems(load(dir, ['cdk.out']))).toEqual([
      `error cdk-manifest cdk.out/manifest.json:1:${manifest.indexOf('"App.template.json"') + 1} The stack App of this cloud assembly has no template: App.template.json is not there`,
    ]);
  });

  it('a plan whose keys are sorted, its configuration first and longer than the head read to tell formats', () => {
    const plan = JSON.parse(fs.readFileSync(path.join(repoRoot, 'fixtures/plan/small/plan.json'), 'utf8')) as Record<string, unknown>;
    const padded = { ...plan, configuration: { ...(plan['configuration'] as object), aaa_padding: 'x'.repeat(70_000) } };
    const dir = writeTree({ 'plan.json': sortedJson(padded) });
    const sys = load(dir, ['plan.json']);
    expect(problems(sys)).toEqual([]);
    expect(sys.model.resources.length).toBeGreaterThan(5);
  });
});

describe('one configuration per run', () => {
  it('a later path with a configuration of its own is an error, not judged by the first path\'s', () => {
    const vpc = (cidr: string) => `resource "aws_vpc" "v" {\n  cidr_block = "${cidr}"\n}\n`;
    const dir = writeTree({
      'dev/main.tf': vpc('10.0.0.0/16'),
      'dev/gridfence.yaml': 'version: 1\nrules:\n  flow-logs-enabled: off\n',
      'prod/main.tf': vpc('10.1.0.0/16'),
      'prod/gridfence.yaml': 'version: 1\n',
      'prod/net/main.tf': vpc('10.2.0.0/16'),
    });
    expect(problems(load(dir, ['dev', 'prod']))).toEqual([
      'error config prod/gridfence.yaml:1:1 prod has its own configuration prod/gridfence.yaml, but this run applies dev/gridfence.yaml (found from dev): lint prod on its own, or choose one with --config',
    ]);
    // Paths under one configuration, or a configuration named with --config, are fine.
    expect(problems(load(dir, ['prod', 'prod/net']))).toEqual([]);
    expect(problems(loadSystem({ paths: ['dev', 'prod'], cwd: dir, vars: [], varFiles: [], config: 'prod/gridfence.yaml' }))).toEqual([]);
  });
});
