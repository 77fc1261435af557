import { describe, expect, it } from 'vitest';
import { rangeOf, runRule } from '../support/rule-tester.js';

const ID = 'vpn-crypto-strength';

const strong = (t: number) =>
  [
    `  tunnel${t}_ike_versions                = ["ikev2"]`,
    `  tunnel${t}_phase1_integrity_algorithms = ["SHA2-256"]`,
    `  tunnel${t}_phase2_integrity_algorithms = ["SHA2-256"]`,
    `  tunnel${t}_phase1_dh_group_numbers     = [19, 20]`,
    `  tunnel${t}_phase2_dh_group_numbers     = [19]`,
  ].join('\n');

const vpn = (body: string) => `resource "aws_vpn_connection" "onprem" {\n  customer_gateway_id = "cgw-0a1b2c3d"\n  vpn_gateway_id      = "vgw-0a1b2c3d"\n  type                = "ipsec.1"\n${body}\n}\n`;

const cfnTunnel = (ike: string, integrity: string, groups: string) =>
  `        - IKEVersions: [{ Value: ${ike} }]\n          Phase1IntegrityAlgorithms: [{ Value: ${integrity} }]\n          Phase2IntegrityAlgorithms: [{ Value: ${integrity} }]\n          Phase1DHGroupNumbers: [{ Value: ${groups} }]\n          Phase2DHGroupNumbers: [{ Value: ${groups} }]\n`;
const cfn = (t1: string, t2: string) =>
  `Resources:\n  OnPrem:\n    Type: AWS::EC2::VPNConnection\n    Properties:\n      Type: ipsec.1\n      CustomerGatewayId: cgw-0a1b2c3d\n      VpnGatewayId: vgw-0a1b2c3d\n      VpnTunnelOptionsSpecifications:\n${t1}${t2}`;

describe(ID, () => {
  describe('valid', () => {
    it('Terraform: both tunnels set to IKEv2, SHA2 and groups of 14 or more', () => {
      expect(runRule(ID, { 'main.tf': vpn(`${strong(1)}\n${strong(2)}`) })).toEqual([]);
    });
    it('CloudFormation: both tunnel option specifications strong', () => {
      expect(runRule(ID, { 'vpn.yaml': cfn(cfnTunnel('ikev2', 'SHA2-256', '19'), cfnTunnel('ikev2', 'SHA2-384', '20')) })).toEqual([]);
    });
  });

  describe('invalid', () => {
    it('Terraform: every option unset: AWS offers IKEv1, SHA1 and groups 2 and 5, one finding per tunnel', () => {
      const main = vpn('');
      const found = runRule(ID, { 'main.tf': main }).sort((a, b) => (a.data['tunnel']! < b.data['tunnel']! ? -1 : 1));
      expect(found).toEqual(
        [1, 2].map((t) =>
          expect.objectContaining({
            messageId: 'defaults',
            resource: 'aws_vpn_connection.onprem',
            line: 1,
            column: 1,
            data: {
              tunnel: `tunnel${t}`,
              vpn: 'aws_vpn_connection.onprem',
              weak: 'IKEv1, SHA1 (phase 1), SHA1 (phase 2), DH group 2 (phase 1), DH groups 2, 5 (phase 2)',
              settings: ['ike_versions', 'phase1_integrity_algorithms', 'phase2_integrity_algorithms', 'phase1_dh_group_numbers', 'phase2_dh_group_numbers'].map((s) => `tunnel${t}_${s}`).join(', '),
            },
          }),
        ),
      );
    });
    it('Terraform: IKEv1 allowed on tunnel 2, at the setting', () => {
      const main = vpn(`${strong(1)}\n${strong(2).replace('["ikev2"]', '["ikev1", "ikev2"]')}`);
      expect(runRule(ID, { 'main.tf': main })).toEqual([
        expect.objectContaining({ messageId: 'weak', data: { tunnel: 'tunnel2', vpn: 'aws_vpn_connection.onprem', weak: 'IKEv1' }, ...rangeOf(main, 'tunnel2_ike_versions                = ["ikev1", "ikev2"]'), certainty: 'definite' }),
      ]);
    });
    it('Terraform: a group not known before apply may be weak', () => {
      const main = 'variable "groups" {}\n' + vpn(`${strong(1).replace('[19, 20]', 'var.groups')}\n${strong(2)}`);
      expect(runRule(ID, { 'main.tf': main })).toEqual([expect.objectContaining({ messageId: 'weak', data: expect.objectContaining({ tunnel: 'tunnel1', weak: 'DH group 2 (phase 1)' }), certainty: 'possible' })]);
    });
    it('Terraform: one item of a list not known before apply may be weak', () => {
      const main = 'variable "ike" {}\n' + vpn(`${strong(1)}\n${strong(2).replace('["ikev2"]', '[var.ike]')}`);
      expect(runRule(ID, { 'main.tf': main })).toEqual([expect.objectContaining({ messageId: 'weak', data: expect.objectContaining({ tunnel: 'tunnel2', weak: 'IKEv1' }), certainty: 'possible' })]);
    });
    it('CloudFormation: SHA1 and group 2 on the first tunnel, at its options', () => {
      const t = cfn(cfnTunnel('ikev2', 'SHA1', '2'), cfnTunnel('ikev2', 'SHA2-256', '19'));
      const found = runRule(ID, { 'vpn.yaml': t });
      expect(found).toEqual([expect.objectContaining({ messageId: 'weak', resource: 'OnPrem', file: 'vpn.yaml', data: { tunnel: 'tunnel1', vpn: 'OnPrem', weak: 'SHA1 (phase 1), SHA1 (phase 2), DH group 2 (phase 1), DH group 2 (phase 2)' } })]);
      expect(found[0]!.line).toBe(rangeOf(t, 'Phase1IntegrityAlgorithms').line);
    });
  });
});
