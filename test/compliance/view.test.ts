/** The compliance view: every clause of the guideline with its status for this system. */
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { lint } from '../../src/linter/lint.js';
import { repoRoot, writeTree } from '../support/files.js';

const example = path.join(repoRoot, 'examples/vpp-aggregator');
const run = (dir: string, only: string[] = []) => lint({ paths: [dir], cwd: dir, vars: [], varFiles: [], lang: 'en', only, today: '2026-11-29' });
const statuses = (r: ReturnType<typeof run>) => Object.fromEntries(r.compliance.map((c) => [c.clause, c.status]));

describe('compliance view', () => {
  const ex = run(example);

  it('covers the whole guideline in its order: the organisational sections are manual, with evidence to keep', () => {
    expect(ex.compliance.map((c) => c.clause)).toEqual(['(1)ア', '(1)イ', '(1)ウ', '(2)ア', '(3)ア', '(3)イ', '(4)ア', '(4)イ①', '(4)イ②', '(4)ウ①', '(4)ウ②', '(4)エ', '(4)オ', '(5)ア', '(5)イ', '(6)ア', '(6)イ', '(6)ウ', '(6)エ']);
    for (const c of ex.compliance) {
      expect(c.title.ja, c.clause).toMatch(/[\u3040-\u30ff\u4e00-\u9fff]/);
      expect(c.evidence.length, c.clause).toBeGreaterThan(0);
      if (c.rules.length === 0) expect(c.status, c.clause).toBe('manual');
    }
    // Every checkable clause of 2(4), 2(5)イ and 2(6)ア has rules.
    for (const clause of ['(4)ア', '(4)イ①', '(4)イ②', '(4)ウ①', '(4)ウ②', '(4)エ', '(4)オ', '(5)イ', '(6)ア']) expect(ex.compliance.find((c) => c.clause === clause)!.rules.length, clause).toBeGreaterThan(0);
  });

  it('the bundled example: two clauses fail with their counts, the firewall rules are not applicable', () => {
    expect(statuses(ex)).toEqual({
      '(1)ア': 'manual', '(1)イ': 'manual', '(1)ウ': 'manual', '(2)ア': 'manual', '(3)ア': 'manual', '(3)イ': 'manual',
      '(4)ア': 'pass', '(4)イ①': 'pass', '(4)イ②': 'pass', '(4)ウ①': 'fail', '(4)ウ②': 'pass', '(4)エ': 'fail', '(4)オ': 'pass',
      '(5)ア': 'manual', '(5)イ': 'pass', '(6)ア': 'pass', '(6)イ': 'manual', '(6)ウ': 'manual', '(6)エ': 'manual',
    });
    const auth = ex.compliance.find((c) => c.clause === '(4)ウ①')!;
    expect(auth.counts).toEqual({ error: 1, warning: 0, note: 0, possible: 0, waived: 0 });
    expect(auth.rules.map((r) => [r.id, r.status])).toEqual([['external-traffic-encrypted', 'pass'], ['interconnection-authenticated', 'pass'], ['tls-minimum-version', 'fail']]);
    const defend = ex.compliance.find((c) => c.clause === '(4)イ①')!;
    expect(defend.rules.filter((r) => r.status === 'not-applicable').map((r) => r.id)).toEqual(['firewall-default-accept', 'firewall-shadowed-rule']);
  });

  it('a system with nothing a clause judges is not applicable there; rules left out are not checked', () => {
    const dir = writeTree({ 'main.tf': 'resource "aws_s3_bucket" "reports" {\n  bucket = "reports"\n  tags   = { owner = "ops" }\n}\n' }, 'gridfence-compliance-');
    const r = run(dir);
    const s = statuses(r);
    expect(s['(4)ア']).toBe('not-applicable');
    expect(s['(4)ウ②']).toBe('not-applicable');
    expect(s['(5)イ']).toBe('pass');
    expect(s['(4)エ']).toBe('pass'); // asset-inventory-tags judges the bucket
    const only = statuses(run(dir, ['no-public-data-stores']));
    expect(only['(5)イ']).toBe('pass');
    expect(only['(4)エ']).toBe('not-checked');
  });

  it('input errors make a clean clause incomplete, never a pass', () => {
    const dir = writeTree({ 'main.tf': 'resource "aws_s3_bucket" "reports" {\n  bucket = "reports"\n}\n', 'broken.tf': 'resource "aws_db_instance" "db" {\n  engine = \n}\n' }, 'gridfence-compliance-');
    const r = run(dir);
    expect(r.errors.some((e) => e.severity === 'error')).toBe(true);
    expect(statuses(r)['(5)イ']).toBe('incomplete');
  });

  it('networks the path analysis does not model (Azure, Google Cloud) leave the path rules incomplete, never a pass, and say why', () => {
    const gcp = writeTree(
      {
        'main.tf':
          'resource "google_compute_network" "dispatch" {\n  name                    = "dispatch"\n  auto_create_subnetworks = false\n}\n' +
          'resource "google_compute_firewall" "https" {\n  name          = "https"\n  network       = google_compute_network.dispatch.name\n  source_ranges = ["10.0.0.0/8"]\n  allow {\n    protocol = "tcp"\n    ports    = ["443"]\n  }\n}\n',
      },
      'gridfence-compliance-',
    );
    const r = run(gcp);
    expect(r.errors.filter((e) => e.severity === 'error')).toEqual([]);
    const isolation = r.compliance.find((c) => c.clause === '(4)ア')!;
    expect(isolation.status).toBe('incomplete');
    expect(isolation.why?.en).toBe("the path analysis does not model the system's Azure or Google Cloud networks: its rules cannot vouch for them");
    expect(isolation.rules.find((x) => x.id === 'dispatch-link-internet-isolation')).toEqual(expect.objectContaining({ status: 'incomplete', why: isolation.why }));
    // A resource rule judges what it reads: ingress-from-declared-sources reads the firewall (10.0.0.0/8 is no declared source).
    expect(r.compliance.find((c) => c.clause === '(4)オ')!.rules.find((x) => x.id === 'ingress-from-declared-sources')!.status).toBe('fail');
    expect(r.errors.filter((e) => e.code === 'not-modelled').map((e) => `${e.location?.line} ${e.message}`)).toEqual([
      '1 google_compute_network.dispatch: Google Cloud VPC networks are not modelled by the path analysis: flows to, from and within them are not checked',
    ]);
    const azure = writeTree({ 'main.tf': 'resource "azurerm_virtual_network" "vnet" {\n  name                = "vnet"\n  location            = "japaneast"\n  resource_group_name = "rg"\n  address_space       = ["10.1.0.0/16"]\n}\n' }, 'gridfence-compliance-');
    expect(statuses(run(azure))['(4)ア']).toBe('incomplete');
  });

  it('a module gridfence does not fetch leaves every clean clause incomplete, in scope or not, saying so', () => {
    const dir = writeTree(
      {
        'main.tf': 'module "vpc" {\n  source  = "terraform-aws-modules/vpc/aws"\n  version = "5.8.1"\n}\nresource "aws_s3_bucket" "reports" {\n  bucket = "reports"\n  tags   = { owner = "ops" }\n}\n',
      },
      'gridfence-compliance-',
    );
    const r = run(dir);
    expect(r.errors.map((e) => e.code)).toContain('tf-remote-module');
    const s = statuses(r);
    expect(s['(5)イ']).toBe('incomplete');
    expect(s['(4)ア']).toBe('incomplete');
    expect(r.compliance.find((c) => c.clause === '(4)ア')!.why?.en).toBe('modules or nested stacks gridfence does not fetch were not read (run terraform init first): what they hold is not judged');
    expect(s['(1)ア']).toBe('manual');
  });

  it('waived findings count apart and do not fail the clause', () => {
    const dir = writeTree(
      {
        'main.tf': 'resource "aws_vpc" "main" {\n  cidr_block = "10.0.0.0/16"\n  tags       = { owner = "ops" }\n}\n',
        'gridfence.yaml': 'version: 1\nwaivers:\n  - rule: flow-logs-enabled\n    resource: aws_vpc.main\n    reason: "flow logs are collected by the central network account"\n',
      },
      'gridfence-compliance-',
    );
    const logs = run(dir).compliance.find((c) => c.clause === '(6)ア')!;
    expect(logs.rules.find((r) => r.id === 'flow-logs-enabled')!.counts.waived).toBe(1);
    expect(logs.rules.find((r) => r.id === 'flow-logs-enabled')!.status).toBe('pass');
    expect(logs.counts.waived).toBe(1);
  });
});
