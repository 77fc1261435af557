/**
 * The reference architecture of domain.md (c) — the bundled example — and its negative cases that
 * concern the path rules: the compliant system has no finding of them; each mutation trips the rule
 * named for it, and only where the path really exists (a security group open to the world in front
 * of a host with no public address is no path from the internet).
 */
import { afterAll, describe, expect, it } from 'vitest';
import { lint } from '../../src/linter/lint.js';
import { rules } from '../../src/rules/index.js';
import { N4, RELAY_IN, VEN_EGRESS, VEN_INGRESS, partnerLbOpen, variants, type Edit } from '../support/example-variants.js';

const PATH_RULES = [...rules.values()].filter((r) => r.reachability).map((r) => r.id);
const v = variants('gridfence-negatives-');
afterAll(() => v.dispose());

/** The example with edits applied and files appended to; linted with the path rules. */
function variant(edits: Edit[], append: Record<string, string> = {}, today = '2026-11-29') {
  const dir = v.make({ edits, append });
  const r = lint({ paths: [dir], cwd: dir, vars: [], varFiles: [], lang: 'en', only: PATH_RULES, today });
  expect(r.errors.filter((e) => e.severity === 'error')).toEqual([]);
  return r.findings.map((f) => ({ rule: f.ruleId, id: f.messageId, resource: f.resource, message: f.message, certainty: f.certainty, trace: f.trace?.map((t) => t.node) }));
}

const rulesOf = (fs: Array<{ rule: string }>) => [...new Set(fs.map((f) => f.rule))].sort();


describe('the reference architecture (examples/vpp-aggregator)', () => {
  it('has the path rules to check', () => {
    expect(PATH_RULES.length).toBe(12);
  });

  it('compliant: no finding of any path rule', () => {
    expect(variant([])).toEqual([]);
  });

  it('N1: the VEN group open to 0.0.0.0/0 on 443, but the VEN has no public address: no path, no finding', () => {
    const found = variant([['security.tf', VEN_INGRESS, `${VEN_INGRESS},\n        { description = "N1", protocol = "tcp", port = 443, cidrs = ["0.0.0.0/0"] }`]]);
    expect(found.filter((f) => f.rule === 'dispatch-link-internet-isolation')).toEqual([]);
  });

  it('N2: a public address and a default route to the internet gateway: the internet reaches the VEN', () => {
    const found = variant(
      [
        ['security.tf', VEN_INGRESS, `${VEN_INGRESS},\n        { description = "N2", protocol = "tcp", port = 443, cidrs = ["0.0.0.0/0"] }`],
        ['compute.tf', 'associate_public_ip_address = false # dispatch-link-no-public-address, guideline (4)ア', 'associate_public_ip_address = true'],
      ],
      { 'network.tf': 'resource "aws_route" "n2" {\n  route_table_id         = aws_route_table.zone["dispatch"].id\n  destination_cidr_block = "0.0.0.0/0"\n  gateway_id             = aws_internet_gateway.main.id\n}' },
    );
    const iso = found.filter((f) => f.rule === 'dispatch-link-internet-isolation');
    expect(iso.map((f) => f.message)).toContain('tcp/443 from the internet reaches aws_instance.ven on the dispatch link (zone dispatch)');
    expect(iso.find((f) => f.id === 'inbound')!.trace).toEqual(['internet', 'aws_internet_gateway.main', 'aws_instance.ven']);
  });

  it('N3: the VEN may send anything anywhere: the channel is left and no filter defends the NAT gateway path', () => {
    const found = variant([['security.tf', VEN_EGRESS, `${VEN_EGRESS},\n        { description = "N3", protocol = "-1", port = 0, cidrs = ["0.0.0.0/0"] }`]]);
    expect(rulesOf(found)).toEqual(['connection-point-defended', 'dispatch-channel-conformance', 'dispatch-link-internet-isolation', 'field-protocols-contained', 'external-traffic-encrypted'].sort());
    const iso = found.find((f) => f.rule === 'dispatch-link-internet-isolation')!;
    expect(iso.message).toMatch(/^aws_instance\.ven on the dispatch link \(zone dispatch\) can open tcp\/\d+ connections to dispatch-system on the internet/);
    expect(iso.trace).toEqual(['aws_instance.ven', 'aws_subnet.zone["dispatch"]', 'aws_nat_gateway.dmz', 'aws_nat_gateway.dmz', 'aws_subnet.zone["dmz_a"]', 'aws_internet_gateway.main', 'dispatch-system (over the internet)']);
  });

  it('N4: a transit gateway route between the corporate network and the dispatch link is a direct path', () => {
    const found = variant(N4.edits!, N4.append);
    const seg = found.filter((f) => f.rule === 'zone-segmentation');
    expect(seg.map((f) => f.message)).toEqual(['corporate (other network) reaches aws_instance.ven on the dispatch link directly with tcp/8443, through no proxy']);
    expect(seg[0]!.trace).toEqual(['corporate', 'aws_vpn_connection.corp_tgw (inbound)', 'aws_subnet.zone["dispatch"]', 'aws_instance.ven']);
    expect(rulesOf(found)).toContain('connection-points-minimal');
  });

  it('N5: a partner whose attestation has expired', () => {
    const found = variant([], {}, '2030-04-01');
    const att = found.filter((f) => f.rule === 'partner-attestation');
    expect(att.length).toBeGreaterThan(0);
    expect(att[0]!.message).toBe('flows between partner ra-north and our zones are allowed, but its attestation expired on 2030-03-31');
  });

  it('N10/N11: MQTT and Modbus from the whole internet to the public partner load balancer', () => {
    const open = partnerLbOpen(['N10', 1883], ['N11', 502]);
    const found = variant(open.edits, open.append);
    // The listeners that open the ports take HTTP from anyone: no peer is authenticated there either.
    expect(rulesOf(found)).toEqual(['external-traffic-encrypted', 'field-protocols-contained', 'interconnection-authenticated']);
    expect(found.find((f) => f.rule === 'external-traffic-encrypted')!.message).toBe(
      'tcp/1883 from the internet reaches aws_lb.edge["partner"] without IPsec or TLS (by port, tcp/1883 is not a TLS-only service)',
    );
  });

  it('N12: Telnet from the corporate network to the relay, with a route back over the VPN', () => {
    const found = variant(
      [['security.tf', RELAY_IN, `${RELAY_IN}\n        { description = "N12", protocol = "tcp", port = 23, cidrs = [var.corporate_cidr] },`]],
      { 'network.tf': 'resource "aws_route" "n12" {\n  route_table_id         = aws_route_table.zone["dmz"].id\n  destination_cidr_block = var.corporate_cidr\n  gateway_id             = aws_vpn_gateway.main.id\n}' },
    );
    const mgmt = found.filter((f) => f.rule === 'management-access-restricted');
    expect(mgmt.map((f) => f.message)).toEqual(['tcp/23 (Telnet) on aws_instance.host["relay"] in zone dmz is reachable from external network corporate, which is not a management zone']);
  });

  it('N12 without the route back: the reply cannot return, so there is no path', () => {
    const found = variant([['security.tf', RELAY_IN, `${RELAY_IN}\n        { description = "N12", protocol = "tcp", port = 23, cidrs = [var.corporate_cidr] },`]]);
    expect(found.filter((f) => f.rule === 'management-access-restricted')).toEqual([]);
  });

  it('the NAT gateway outside the buffer zone', () => {
    const found = variant([['network.tf', /(Name += "\$\{local.name\}-nat"\n\s+gridfence-zone = )"dmz"/, '$1"core"']]);
    const buf = found.filter((f) => f.rule === 'dispatch-link-buffer-zone');
    expect(buf.map((f) => f.message)).toEqual(['aws_nat_gateway.dmz (zone core) exchanges traffic with the dispatch link (zone dispatch) and has a path to or from the internet, but is not in a buffer zone']);
  });

  it('an undeclared connection point', () => {
    const found = variant([['gridfence.yaml', '    - aws_nat_gateway.dmz          # the way to the dispatch system\n', '']]);
    expect(found.filter((f) => f.rule === 'connection-points-minimal').map((f) => f.message)).toEqual([
      'aws_nat_gateway.dmz is a connection point of the dispatch link (zone dispatch) that connection-points.declared does not list',
    ]);
  });

  it('the dispatch channel leaving from an unregistered address', () => {
    const found = variant([['gridfence.yaml', 'registered-sources: ["198.51.100.10/32"]', 'registered-sources: ["198.51.100.99/32"]']]);
    expect(found.filter((f) => f.rule === 'dispatch-channel-conformance').map((f) => f.message)).toEqual([
      'the dispatch channel to dispatch-system leaves through aws_nat_gateway.dmz with source 198.51.100.10/32, which registered-sources does not list',
    ]);
  });
});
