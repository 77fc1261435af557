/**
 * A plan of a system that exists already names resources by their ids (`subnet_id =
 * "subnet-0123…"`): those ids join the resources as references do for resources not yet created, so
 * zones are inherited, the graph places the instance and the path rules see it.
 */
import fs from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { lint } from '../../src/linter/lint.js';
import { loadSystem } from '../../src/linter/load-system.js';
import { KnownId, Unknown } from '../../src/model/value.js';
import { repoRoot, writeTree } from '../support/files.js';

const DIR = path.join(repoRoot, 'fixtures/plan/existing');
const ID = '0123456789abcdef0';

describe('plan JSON: ids of resources that exist', () => {
  const sys = loadSystem({ paths: [DIR], cwd: DIR, vars: [], varFiles: [] });
  const byAddress = new Map(sys.model.resources.map((r) => [r.address, r]));

  it('reads an id or ARN that names exactly one other resource as a reference to it, the text kept', () => {
    const subnet = byAddress.get('aws_instance.ven')!.attributes['subnet_id'];
    expect(subnet).toBeInstanceOf(KnownId);
    expect((subnet as Unknown).ref).toBe('aws_subnet.dispatch');
    expect(JSON.stringify(subnet)).toBe(`"subnet-${ID}"`);
    const groups = byAddress.get('aws_instance.ven')!.attributes['vpc_security_group_ids'] as Unknown[];
    expect(groups.map((g) => g.ref)).toEqual(['aws_security_group.ven']);
    const route = (byAddress.get('aws_route_table.dispatch')!.attributes['route'] as Array<Record<string, Unknown>>)[0]!;
    expect(route['gateway_id']!.ref).toBe('aws_internet_gateway.igw');
  });

  it('leaves a resource\'s own id, tags, and ids that two resources share as they are', () => {
    const subnet = byAddress.get('aws_subnet.dispatch')!.attributes;
    expect(subnet['id']).toBe(`subnet-${ID}`);
    expect((subnet['tags'] as Record<string, unknown>)['Name']).toBe(`subnet-${ID}`);
    // A bucket's sub-resources carry the bucket's id: which one a text names is not said.
    expect(byAddress.get('aws_s3_bucket_versioning.logs')!.attributes['bucket']).toBe('gridfence-logs-0123');
  });

  it('inherits zones through ids, and the path rules find the internet reaching the dispatch link', () => {
    expect(sys.zoneOf.get('aws_instance.ven')).toBe('dispatch');
    const r = lint({ paths: [DIR], cwd: DIR, vars: [], varFiles: [], lang: 'en', only: ['dispatch-link-internet-isolation'] });
    expect(r.errors).toEqual([]);
    expect(r.findings.map((f) => `${f.ruleId} ${f.certainty} ${f.location.line}:${f.location.column} ${f.message}`)).toEqual([
      'dispatch-link-internet-isolation definite 102:15 tcp/22 from the internet reaches aws_instance.ven on the dispatch link (zone dispatch)',
    ]);
  });

  it('joins across the plans of one run: a stack\'s plan names the network another stack\'s plan holds', () => {
    const split = path.join(repoRoot, 'fixtures/plan/split');
    const two = loadSystem({ paths: [split], cwd: split, vars: [], varFiles: [] });
    const instance = two.model.resources.find((r) => r.address === 'aws_instance.ven')!;
    expect(instance.span.file.path).toBe('compute.json');
    expect((instance.attributes['subnet_id'] as Unknown).ref).toBe('aws_subnet.dispatch');
    expect(two.zoneOf.get('aws_instance.ven')).toBe('dispatch');
    const r = lint({ paths: [split], cwd: split, vars: [], varFiles: [], lang: 'en', only: ['dispatch-link-internet-isolation'] });
    expect(r.findings.map((f) => `${f.ruleId} ${f.certainty} ${f.location.file}`)).toEqual(['dispatch-link-internet-isolation definite compute.json']);
  });

  /** A plan of resources that exist (no-op), from [address, values] pairs, in a folder with a zone file. */
  const existing = (resources: Array<[string, Record<string, unknown>]>, zones = 'zones:\n  dispatch: { role: dispatch-link }\n'): string => {
    const rs = resources.map(([address, values]) => ({ address, mode: 'managed', type: address.split('.')[0], name: address.split('.')[1], provider_name: 'registry.terraform.io/hashicorp/aws', values }));
    const plan = { format_version: '1.2', planned_values: { root_module: { resources: rs } }, resource_changes: rs.map((r) => ({ address: r.address, mode: 'managed', type: r.type, name: r.name, change: { actions: ['no-op'], before: r.values, after: r.values, after_unknown: {} } })) };
    return writeTree({ 'plan.json': JSON.stringify(plan, null, 1), 'gridfence.yaml': `version: 1\n${zones}` }, 'gridfence-known-ids-');
  };
  const NET: Array<[string, Record<string, unknown>]> = [
    ['aws_vpc.main', { id: `vpc-${ID}`, cidr_block: '10.0.0.0/16' }],
    ['aws_internet_gateway.igw', { id: `igw-${ID}`, vpc_id: `vpc-${ID}` }],
    ['aws_subnet.dispatch', { id: `subnet-${ID}`, vpc_id: `vpc-${ID}`, cidr_block: '10.0.1.0/24', tags: { 'gridfence-zone': 'dispatch' } }],
    ['aws_security_group.ven', { id: `sg-${ID}`, vpc_id: `vpc-${ID}`, ingress: [{ from_port: 443, to_port: 443, protocol: 'tcp', cidr_blocks: ['0.0.0.0/0'] }], egress: [] }],
  ];
  const VEN: [string, Record<string, unknown>] = ['aws_instance.ven', { id: `i-${ID}`, subnet_id: `subnet-${ID}`, vpc_security_group_ids: [`sg-${ID}`], associate_public_ip_address: true, private_ip: '10.0.1.10' }];
  const internetFindings = (dir: string): string[] =>
    lint({ paths: [dir], cwd: dir, vars: [], varFiles: [], lang: 'en', only: ['dispatch-link-internet-isolation'] }).findings.map((f) => `${f.certainty} ${f.message}`);

  it('a VPC\'s default route table, whose id the plan gives as its own, belongs to the VPC its vpc_id names', () => {
    const main = ['aws_default_route_table.main', { id: `rtb-${ID}`, default_route_table_id: `rtb-${ID}`, vpc_id: `vpc-${ID}`, route: [{ cidr_block: '0.0.0.0/0', gateway_id: `igw-${ID}` }] }] as [string, Record<string, unknown>];
    expect(internetFindings(existing([...NET, main, VEN]))).toEqual(['definite tcp/443 from the internet reaches aws_instance.ven on the dispatch link (zone dispatch)']);
  });

  it('a sub-resource that carries its parent\'s id and names it (an instance\'s state) does not hide the parent', () => {
    const main = ['aws_default_route_table.main', { id: `rtb-${ID}`, default_route_table_id: `rtb-${ID}`, vpc_id: `vpc-${ID}`, route: [{ cidr_block: '0.0.0.0/0', gateway_id: `igw-${ID}` }] }] as [string, Record<string, unknown>];
    const state = ['aws_ec2_instance_state.ven', { id: `i-${ID}`, instance_id: `i-${ID}`, state: 'running' }] as [string, Record<string, unknown>];
    const sys = loadSystem({ paths: [existing([...NET, main, VEN, state])], cwd: repoRoot, vars: [], varFiles: [] });
    const named = sys.model.resources.find((r) => r.address === 'aws_ec2_instance_state.ven')!.attributes['instance_id'];
    expect((named as Unknown).ref).toBe('aws_instance.ven');
  });

  it('the same plan given twice still joins by id: one address is one owner', () => {
    const text = fs.readFileSync(path.join(DIR, 'plan.json'), 'utf8');
    const dir = writeTree({ 'plan.json': text, 'plan-copy.json': text, 'gridfence.yaml': fs.readFileSync(path.join(DIR, 'gridfence.yaml'), 'utf8') }, 'gridfence-known-ids-');
    expect(internetFindings(dir).length).toBeGreaterThan(0);
    const twice = loadSystem({ paths: [dir], cwd: dir, vars: [], varFiles: [] });
    expect(twice.model.resources.filter((r) => r.address === 'aws_instance.ven').map((r) => (r.attributes['subnet_id'] as Unknown).ref)).toEqual(['aws_subnet.dispatch', 'aws_subnet.dispatch']);
  });
});
