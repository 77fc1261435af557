/**
 * A plan of a system that exists already names resources by their ids (`subnet_id =
 * "subnet-0123…"`): those ids join the resources as references do for resources not yet created, so
 * zones are inherited, the graph places the instance and the path rules see it.
 */
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { lint } from '../../src/linter/lint.js';
import { loadSystem } from '../../src/linter/load-system.js';
import { KnownId, Unknown } from '../../src/model/value.js';
import { repoRoot } from '../support/files.js';

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
});
