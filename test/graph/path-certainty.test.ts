/**
 * Certainty across the path rules (fixtures/certainty/): a finding is definite when a path that
 * rests on no unknown shows it, possible when only a path through a setting of unknown place does,
 * and never lost because a possible path was found first or only a certain one was looked at.
 */
import fs from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { lint } from '../../src/linter/lint.js';
import { NETWORK } from '../support/dispatch-network.js';
import { writeTree } from '../support/files.js';

const ROOT = path.resolve(__dirname, '../../fixtures/certainty');

/**
 * A folder with `part.tf` holds what it adds to the tests' shared network (test/support/dispatch-network.ts
 * `NETWORK`), linted as one main.tf that starts with the network; one with `main.tf` stands alone.
 */
function run(folder: string, rule: string) {
  const given = path.join(ROOT, folder);
  const part = path.join(given, 'part.tf');
  const dir = fs.existsSync(part) ? writeTree({ 'main.tf': NETWORK + fs.readFileSync(part, 'utf8'), 'gridfence.yaml': fs.readFileSync(path.join(given, 'gridfence.yaml'), 'utf8') }, 'gridfence-certainty-') : given;
  const r = lint({ paths: [dir], cwd: dir, vars: [], varFiles: [], lang: 'en', only: [rule], today: '2026-11-29' });
  expect(r.errors.filter((e) => e.severity === 'error')).toEqual([]);
  return r.findings.map((f) => ({ messageId: f.messageId, certainty: f.certainty, resource: f.resource, at: `${f.location.line}:${f.location.column}`, unknowns: f.unknowns.map((u) => u.reason) }));
}

const definite = (messageId: string, resource: string, at: string) => ({ messageId, certainty: 'definite', resource, at, unknowns: [] });
const possible = (messageId: string, resource: string, at: string, ...because: RegExp[]) => ({ messageId, certainty: 'possible', resource, at, unknowns: because.map((r) => expect.stringMatching(r)) });

describe('a certain path is shown and reported as certain', () => {
  it('the trace of a certain answer takes no edge that rests on an unknown (a possible route beside the NAT path)', () => {
    expect(run('trace-through-uncertain', 'dispatch-link-internet-isolation')).toEqual([definite('outbound', 'aws_security_group.ven', '52:3')]);
  });

  it('dispatch-link-internet-isolation: a certain way out to the partner beats a possible one to the internet', () => {
    expect(run('iso-break-on-possible', 'dispatch-link-internet-isolation')).toEqual([definite('outbound', 'aws_security_group.ven', '53:3')]);
  });

  it('dispatch-link-buffer-zone: a certain path to an undeclared network beats a possible one from the internet', () => {
    expect(run('buffer-zone-break-on-possible', 'dispatch-link-buffer-zone')).toEqual([definite('notBuffer', 'aws_instance.x', '80:1')]);
  });

  it('dispatch-channel-conformance: an undeclared service over a certain path beats one over a possible path', () => {
    expect(run('dcc-break-on-possible', 'dispatch-channel-conformance')).toEqual([definite('service', 'aws_security_group.ven', '52:3')]);
  });

  it('partner-attestation: the one finding per opener comes from a certain flow when one exists', () => {
    expect(run('pa-dedupe-possible-first', 'partner-attestation')).toEqual([definite('missing', 'aws_security_group.app', '9:3')]);
  });
});

describe('a path that rests on an unknown is possible, never definite', () => {
  it('interconnection-authenticated: the way in from the partner, over a peering toward a VPC not held, stays on the path', () => {
    expect(run('ia-peering-first-edge', 'interconnection-authenticated')).toEqual([possible('direct', 'aws_security_group.app', '34:3', /^the VPC that aws_vpc_peering_connection\.partner leads to is not in the configuration/)]);
  });

  it('dispatch-link-buffer-zone: a NAT gateway that carries the link\'s traffic only through a route of unknown table', () => {
    expect(run('buffer-zone-uncertain-exchange', 'dispatch-link-buffer-zone')).toEqual([
      possible('notBuffer', 'aws_nat_gateway.dmz', '23:1', /^the route table of aws_route\.via_nat is not known/, /^the private address of aws_nat_gateway\.dmz is assigned at launch/),
    ]);
  });
});

describe('a possible flow beside a certain one is judged too', () => {
  it('dispatch-channel-conformance: the channel may also leave straight through the internet gateway, from an address that is no Elastic IP', () => {
    expect(run('dcc-lost-egress', 'dispatch-channel-conformance')).toEqual([possible('unfixedSource', 'aws_instance.ven', '59:1', /^the subnet of aws_route_table_association\.public is not known/)]);
  });

  it('connection-point-defended: what only a group rule of unknown group lets out is undefended at the NAT gateway', () => {
    expect(run('cpd-possible-undefended', 'connection-point-defended')).toEqual([possible('undefended', 'aws_nat_gateway.dmz', '23:1', /^the security group of aws_security_group_rule\.any_out is not known/)]);
  });

  it('connection-points-minimal: a route of unknown table makes the NAT gateway a possible second connection point', () => {
    expect(run('cpm-lost-point', 'connection-points-minimal')).toEqual([
      possible('tooMany', 'aws_nat_gateway.dmz', '23:1', /^the route table of aws_route\.via_nat is not known/),
      possible('undeclared', 'aws_nat_gateway.dmz', '23:1', /^the route table of aws_route\.via_nat is not known/),
    ]);
  });

  it('zone-segmentation: one association of unknown subnet gives its table to one subnet, never to both sides', () => {
    expect(run('zs-one-association', 'zone-segmentation')).toEqual([]);
  });

  it('zone-segmentation: a table and a group that settings of unknown place may share with the dispatch link', () => {
    expect(run('zs-maybe-shared', 'zone-segmentation')).toEqual([
      possible('sharedRouteTable', 'aws_route_table.core', '29:1', /^the subnet of aws_route_table_association\.extra is not known/),
      possible('sharedGroup', 'aws_security_group.core', '43:1', /^the interface of aws_network_interface_sg_attachment\.extra is not known/),
    ]);
  });
});
