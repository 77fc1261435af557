/**
 * Systems that meet networks the configuration names but does not hold (fixtures/outside): what
 * lies there is not known, so flows through it are possible — never dropped, and never more than
 * what the unknown allows.
 */
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { PathAnalysis } from '../../src/graph/analysis.js';
import { pathQuery, type PathQuery } from '../../src/graph/query.js';
import { lint } from '../../src/linter/lint.js';
import { loadSystem } from '../../src/linter/load-system.js';
import { repoRoot } from '../support/files.js';

const DIR = path.join(repoRoot, 'fixtures/outside');
const CONFIG = path.join(DIR, 'gridfence.yaml');

function analyse(name: string): PathAnalysis {
  const dir = path.join(DIR, name);
  const sys = loadSystem({ paths: [dir], cwd: dir, config: CONFIG, vars: [], varFiles: [] });
  expect(sys.problems.filter((p) => p.severity === 'error')).toEqual([]);
  return new PathAnalysis(sys.model.resources, sys.config, (a) => sys.zoneOf.get(a), sys.placedHosts);
}

/** Each flow as "source → destination certainty". */
function flows(pa: PathAnalysis, q: Omit<PathQuery, 'protocol'>): string[] {
  const r = pathQuery(pa, { protocol: 'any', ...q });
  if (!r.ok) throw new Error(r.error);
  return r.flows.map((f) => `${f.source} → ${f.destination} ${f.answer.unknowns.length ? 'possible' : 'definite'}`);
}

describe('networks the configuration names but does not hold', () => {
  it('a VPC named by its id still has its transit gateway attachment: the dispatch link reaches the partner, and the partner it', () => {
    const pa = analyse('tgw-vpc-by-id');
    expect(flows(pa, { from: 'dispatch', to: 'partner', port: 443 })).toEqual(['aws_instance.d → partner definite']);
    expect(flows(pa, { from: 'partner', to: 'dispatch', port: 443 })).toEqual(['partner → aws_instance.d possible']);
  });

  it('an internet gateway attached to a VPC named by its id leads to the public host there', () => {
    expect(flows(analyse('igw-attachment-by-id'), { from: 'internet', to: 'dispatch', port: 22 })).toEqual(['internet → aws_instance.d possible']);
  });

  it('a host in a VPC read with a data source reaches the dispatch link through the peering, possibly', () => {
    expect(flows(analyse('peering-to-data-vpc'), { from: 'aws_instance.bh', to: 'dispatch', port: 443 })).toEqual(['aws_instance.bh → aws_instance.d possible']);
  });

  it('one host in a subnet not held does not open the private dispatch host to the partner', () => {
    const pa = analyse('one-host-outside');
    expect(flows(pa, { from: 'partner', to: 'dispatch', port: 22 })).toEqual([]);
    // It may itself be reached from there.
    expect(flows(pa, { from: 'partner', to: 'aws_instance.x', port: 22 })).toEqual(['partner → aws_instance.x possible']);
  });

  it('an instance launched with a network_interface block has its interface\'s groups: a closed group lets nothing out', () => {
    const dir = path.join(DIR, 'eni-block-instance');
    const r = lint({ paths: [dir], cwd: dir, config: CONFIG, vars: [], varFiles: [], lang: 'en', only: ['dispatch-link-internet-isolation'] });
    expect(r.findings).toEqual([]);
    expect(analyse('eni-block-instance').net.endpoints.get('aws_instance.d')?.groups).toEqual(['aws_security_group.closed']);
  });

  it('a dual-homed instance is its primary interface: the internet reaches it there', () => {
    // The primary interface is an endpoint of its own too, in the instance's zone.
    expect(flows(analyse('dual-homed-instance'), { from: 'internet', to: 'dispatch', port: 22 }).map((f) => f.split(' ')[2])).toContain('aws_instance.d');
  });

  it('a forwarder in a subnet not held may be sent anything there, and forwards it on to the dispatch link', () => {
    expect(flows(analyse('forwarder-outside'), { from: 'partner', to: 'dispatch', port: 443 })).toEqual(['partner → aws_instance.d possible']);
  });

  it('a peering into a VPC whose range is not known carries what lies beyond only possibly', () => {
    expect(flows(analyse('peering-transit'), { from: 'partner', to: 'dispatch' })).toEqual(['partner → aws_instance.d possible']);
  });

  it('a primary interface named by an id not held leaves the instance\'s subnet and groups not known', () => {
    const pa = analyse('eni-by-id');
    expect(pa.net.endpoints.get('aws_instance.d')?.groupsUnknown?.reason).toBe('the primary network interface of aws_instance.d is not in the configuration: its subnet and security groups are not known');
    expect(flows(pa, { from: 'internet', to: 'dispatch' })).toEqual(['internet → aws_instance.d possible']);
  });

  it('an internet gateway that names its VPC by an id serves the held subnets that route to it', () => {
    expect(flows(analyse('held-vpc-named-by-id'), { from: 'internet', to: 'dispatch', port: 22 })).toEqual(['internet → aws_instance.d definite']);
  });

  it('the interfaces an instance is launched with are one host with it: what reaches its second interface in the core subnet reaches the dispatch link', () => {
    const dir = path.join(DIR, 'secondary-interface-zone');
    const r = lint({ paths: [dir], cwd: dir, config: CONFIG, vars: [], varFiles: [], lang: 'en', only: ['field-protocols-contained'] });
    expect(r.findings.map((f) => `${f.certainty} ${f.message}`)).toEqual([
      'definite Modbus/TCP (tcp/502) from aws_instance.c (zone core) reaches aws_instance.d (zone dispatch), across a zone boundary',
    ]);
  });

  it('an instance whose primary interface forwards (source/destination check off) passes what routes send it', () => {
    expect(flows(analyse('forwarding-primary-interface'), { from: 'dispatch', to: 'partner', port: 443 })).toEqual(['aws_instance.d → partner possible']);
  });
});
