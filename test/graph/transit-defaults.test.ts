/**
 * Transit gateway settings that change where an attachment's traffic goes without a route or an
 * association of its own: a default association table set apart, and a prefix list reference. The
 * fixtures (test/fixtures/transit/) send the dispatch link's traffic to a transit gateway whose table
 * for the dispatch VPC leads to an egress VPC with a NAT and an internet gateway.
 */
import fs from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { repoRoot } from '../support/files.js';
import { lintFiles } from '../support/rule-tester.js';

const fixture = (name: string) => {
  const dir = path.join(repoRoot, 'test/fixtures/transit', name);
  return { main: fs.readFileSync(path.join(dir, 'main.tf'), 'utf8'), config: fs.readFileSync(path.join(dir, 'gridfence.yaml'), 'utf8') };
};
const egress = (main: string, config: string) =>
  lintFiles('dispatch-link-internet-isolation', { 'main.tf': main }, { config }).findings.map((f) => `${f.messageId} ${f.certainty} ${f.data['target'] ?? ''}`);

describe('transit gateway defaults and prefix list references', () => {
  it('a default association table set apart: new attachments look up their traffic there, and the dispatch link reaches the internet through the egress VPC', () => {
    const { main, config } = fixture('default-association');
    expect(egress(main, config)).toEqual([expect.stringMatching(/^outbound definite /)]);
    // Without it the attachment associates with the implicit default table, which routes nowhere.
    const without = main.replace(/resource "aws_ec2_transit_gateway_default_route_table_association" "shared" \{[^}]*\}\n/, '').replace('  depends_on         = [aws_ec2_transit_gateway_default_route_table_association.shared]\n', '');
    expect(egress(without, config)).toEqual([]);
    // Set apart to a table the configuration does not hold: the lookup may lead anywhere.
    const unheld = main.replace('transit_gateway_route_table_id = aws_ec2_transit_gateway_route_table.vpc.id\n}\n# the declared channel only', 'transit_gateway_route_table_id = "tgw-rtb-0123456789abcdef0"\n}\n# the declared channel only');
    expect(unheld).not.toBe(main);
    expect(egress(unheld, config)).toEqual([expect.stringMatching(/^outbound possible /)]);
  });

  it('a prefix list reference routes each entry of the list to its attachment', () => {
    const { main, config } = fixture('prefix-list-reference');
    expect(egress(main, config)).toEqual([expect.stringMatching(/^outbound definite /)]);
    // As a blackhole it drops them.
    const blackhole = main.replace('  transit_gateway_attachment_id  = aws_ec2_transit_gateway_vpc_attachment.egress.id\n  transit_gateway_route_table_id = aws_ec2_transit_gateway_route_table.vpc.id\n}\n', '  blackhole                      = true\n  transit_gateway_route_table_id = aws_ec2_transit_gateway_route_table.vpc.id\n}\n');
    expect(blackhole).not.toBe(main);
    expect(egress(blackhole, config)).toEqual([]);
  });
});
