/**
 * Transit gateway settings that change where an attachment's traffic goes without a route or an
 * association of its own: a default association table set apart, and a prefix list reference. The
 * fixture (test/fixtures/transit/egress-vpc/) sends the dispatch link's traffic to a transit gateway
 * whose table for the dispatch VPC, the default association table set apart, routes 198.51.100.0/24
 * to an egress VPC with a NAT and an internet gateway; each case below is one edit of it.
 */
import fs from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { repoRoot } from '../support/files.js';
import { lintFiles } from '../support/rule-tester.js';

const dir = path.join(repoRoot, 'test/fixtures/transit/egress-vpc');
const main = fs.readFileSync(path.join(dir, 'main.tf'), 'utf8');
const config = fs.readFileSync(path.join(dir, 'gridfence.yaml'), 'utf8');
/** `text` with `from` replaced, which must be in it. */
const edit = (text: string, from: string | RegExp, to: string): string => {
  const out = text.replace(from, to);
  expect(out).not.toBe(text);
  return out;
};
const SAAS_ROUTE = `resource "aws_ec2_transit_gateway_route" "saas" {
  destination_cidr_block         = "198.51.100.0/24"
  transit_gateway_attachment_id  = aws_ec2_transit_gateway_vpc_attachment.egress.id
  transit_gateway_route_table_id = aws_ec2_transit_gateway_route_table.vpc.id
}
`;
const egress = (tf: string) => lintFiles('dispatch-link-internet-isolation', { 'main.tf': tf }, { config }).findings.map((f) => `${f.messageId} ${f.certainty}`);

describe('transit gateway defaults and prefix list references', () => {
  it('a default association table set apart: new attachments look up their traffic there, and the dispatch link reaches the internet through the egress VPC', () => {
    expect(egress(main)).toEqual(['outbound definite']);
    // Without it the attachment associates with the implicit default table, which routes nowhere.
    const without = edit(edit(main, /resource "aws_ec2_transit_gateway_default_route_table_association" "shared" \{[^}]*\}\n/, ''), '  depends_on         = [aws_ec2_transit_gateway_default_route_table_association.shared]\n', '');
    expect(egress(without)).toEqual([]);
    // Set apart to a table the configuration does not hold: the lookup may lead anywhere.
    const unheld = edit(main, 'transit_gateway_route_table_id = aws_ec2_transit_gateway_route_table.vpc.id\n}\n# the declared channel only', 'transit_gateway_route_table_id = "tgw-rtb-0123456789abcdef0"\n}\n# the declared channel only');
    expect(egress(unheld)).toEqual(['outbound possible']);
  });

  it('a prefix list reference routes each entry of the list to its attachment; as a blackhole it drops them', () => {
    const reference = (target: string) =>
      edit(main, SAAS_ROUTE, `resource "aws_ec2_managed_prefix_list" "saas" {\n  name           = "saas"\n  address_family = "IPv4"\n  max_entries    = 5\n  entry {\n    cidr = "198.51.100.0/24"\n  }\n}\nresource "aws_ec2_transit_gateway_prefix_list_reference" "saas" {\n  prefix_list_id                 = aws_ec2_managed_prefix_list.saas.id\n  ${target}\n  transit_gateway_route_table_id = aws_ec2_transit_gateway_route_table.vpc.id\n}\n`);
    expect(egress(edit(main, SAAS_ROUTE, ''))).toEqual([]);
    expect(egress(reference('transit_gateway_attachment_id  = aws_ec2_transit_gateway_vpc_attachment.egress.id'))).toEqual(['outbound definite']);
    expect(egress(reference('blackhole                      = true'))).toEqual([]);
  });
});
