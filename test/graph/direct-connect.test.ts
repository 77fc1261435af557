/**
 * A Direct Connect private virtual interface on the VPC's virtual private gateway announces the
 * on-premise prefixes by BGP: a route table that propagates the gateway's routes may send anything
 * there, as a dynamic VPN's does. A Verified Access endpoint admits internet users past the graph:
 * said as not modelled.
 */
import { describe, expect, it } from 'vitest';
import { CHANNEL_EGRESS, DISPATCH_YAML, NETWORK, ROUTE, securityGroup, sgRule, ven } from '../support/dispatch-network.js';
import { lintFiles } from '../support/rule-tester.js';

/** The dispatch table propagates the virtual private gateway's routes; the VEN may open tcp/443 anywhere. */
const BASE = `${NETWORK}resource "aws_vpn_gateway" "main" {
  vpc_id = aws_vpc.main.id
}
resource "aws_route_table" "dispatch" {
  vpc_id           = aws_vpc.main.id
  propagating_vgws = [aws_vpn_gateway.main.id]
  route {
    ${ROUTE.channel}
  }
}
${securityGroup('ven', CHANNEL_EGRESS, sgRule('egress', 'tcp', 443, 443, '0.0.0.0/0'))}${ven()}`;
const VIF = `resource "aws_dx_private_virtual_interface" "onprem" {
  connection_id  = "dxcon-fg5678gh"
  name           = "onprem"
  vlan           = 4094
  address_family = "ipv4"
  bgp_asn        = 65352
  vpn_gateway_id = aws_vpn_gateway.main.id
}
`;

const found = (main: string, rule: string, lang: 'en' | 'ja' = 'en') => lintFiles(rule, { 'main.tf': main }, { config: DISPATCH_YAML, lang }).findings;

describe('Direct Connect and Verified Access', () => {
  it('without anything behind the gateway, its propagated routes lead nowhere', () => {
    expect(found(BASE, 'partner-attestation')).toEqual([]);
  });

  it('a private virtual interface on the gateway: the dispatch link possibly reaches an undeclared network through it, resting on the routes BGP learns', () => {
    const [f, ...rest] = found(BASE + VIF, 'partner-attestation');
    expect(rest).toEqual([]);
    expect(f).toEqual(expect.objectContaining({ certainty: 'possible', message: 'zone dispatch reaches address space beyond aws_vpn_gateway.main, an external network that gridfence.yaml does not declare' }));
    expect(f!.unknowns.map((u) => u.reason)).toContain('aws_dx_private_virtual_interface.onprem routes by BGP: the prefixes the on-premise network advertises over Direct Connect, which aws_vpn_gateway.main propagates, are not known');
    const [ja] = found(BASE + VIF, 'partner-attestation', 'ja');
    expect(ja!.unknowns.map((u) => u.reason)).toContain('aws_dx_private_virtual_interface.onprem は BGP でルーティングします: オンプレミスのネットワークが Direct Connect 経由で広告し、aws_vpn_gateway.main が伝播するプレフィックスは不明です');
  });

  it('a Verified Access endpoint on an interface is said as not modelled', () => {
    const main = `${BASE}resource "aws_verifiedaccess_endpoint" "ven" {
  application_domain     = "ven.example.com"
  attachment_type        = "vpc"
  endpoint_type          = "network-interface"
  domain_certificate_arn = "arn:aws:acm:ap-northeast-1:123456789012:certificate/example"
  endpoint_domain_prefix = "ven"
  verified_access_group_id = "vagr-0123456789abcdef0"
  network_interface_options {
    network_interface_id = aws_instance.ven.primary_network_interface_id
    port                 = 443
    protocol             = "https"
  }
}
`;
    const r = lintFiles('dispatch-link-internet-isolation', { 'main.tf': main }, { config: DISPATCH_YAML });
    expect(r.errors.filter((e) => e.code === 'not-modelled').map((e) => e.message)).toEqual([
      'aws_verifiedaccess_endpoint.ven: Verified Access endpoints are not followed: the users they admit from the internet reach the load balancer or interface they name, and those flows are not checked',
    ]);
  });
});
