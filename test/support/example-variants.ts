/**
 * Variants of the bundled example (examples/vpp-aggregator, the reference architecture of domain.md
 * (c)): a copy with edits applied — each must match —, text appended to its files, and optional
 * custom policies; and the mutations the negative cases share.
 */
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { repoRoot } from './files.js';

export const EXAMPLE = path.join(repoRoot, 'examples/vpp-aggregator');

export type Edit = [file: string, from: string | RegExp, to: string];

export interface Variant {
  edits?: Edit[];
  append?: Record<string, string>;
  /** Files of the copy's policies/ folder. */
  policies?: Record<string, string>;
}

/** Makes variants in one temporary folder; `dispose` removes it. */
export function variants(prefix: string): { make(v: Variant): string; dispose(): void } {
  const work = fs.mkdtempSync(path.join(os.tmpdir(), prefix));
  let n = 0;
  return {
    make(v) {
      const dir = path.join(work, `v${n++}`);
      fs.cpSync(EXAMPLE, dir, { recursive: true });
      // The repository root: gridfence.yaml is looked up no higher.
      fs.mkdirSync(path.join(dir, '.git'));
      for (const [file, from, to] of v.edits ?? []) {
        const p = path.join(dir, file);
        const text = fs.readFileSync(p, 'utf8');
        const next = text.replace(from, to);
        if (next === text) throw new Error(`edit of ${file} matched nothing: ${String(from)}`);
        fs.writeFileSync(p, next);
      }
      for (const [file, text] of Object.entries(v.append ?? {})) fs.appendFileSync(path.join(dir, file), `\n${text}\n`);
      if (v.policies) {
        fs.mkdirSync(path.join(dir, 'policies'));
        for (const [file, text] of Object.entries(v.policies)) fs.writeFileSync(path.join(dir, 'policies', file), text);
      }
      return dir;
    },
    dispose: () => fs.rmSync(work, { recursive: true, force: true }),
  };
}

/** Rules of the example that the negative cases add to. */
export const VEN_INGRESS = '{ description = "F3 dispatch plans from the relay", protocol = "tcp", port = 8443, cidrs = [local.cidr.dmz_a] }';
export const VEN_EGRESS = '{ description = "F1 OpenADR 2.0b to the dispatch system", protocol = "tcp", port = 443, cidrs = [var.dispatch_system_cidr] }';
export const PARTNER_IN = '{ description = "F4 OpenADR from attested partners", protocol = "tcp", port = 443, cidrs = var.partner_cidrs },';
export const RELAY_IN = '{ description = "F2 dispatch plans from the controller", protocol = "tcp", port = 8443, cidrs = [local.cidr.core] },';

/** N4: the corporate network reaches the dispatch link through a transit gateway (over its own VPN attachment). */
export const N4: Variant = {
  edits: [['security.tf', VEN_INGRESS, `${VEN_INGRESS},\n        { description = "N4", protocol = "tcp", port = 8443, cidrs = [var.corporate_cidr] }`]],
  append: {
    'network.tf': [
      'resource "aws_ec2_transit_gateway" "corp" {}',
      'resource "aws_ec2_transit_gateway_vpc_attachment" "corp" {\n  transit_gateway_id = aws_ec2_transit_gateway.corp.id\n  vpc_id             = aws_vpc.main.id\n  subnet_ids         = [aws_subnet.zone["dispatch"].id]\n}',
      'resource "aws_route" "n4" {\n  route_table_id         = aws_route_table.zone["dispatch"].id\n  destination_cidr_block = var.corporate_cidr\n  transit_gateway_id     = aws_ec2_transit_gateway.corp.id\n}',
      'resource "aws_vpn_connection" "corp_tgw" {\n  transit_gateway_id  = aws_ec2_transit_gateway.corp.id\n  customer_gateway_id = aws_customer_gateway.peer["corporate"].id\n  type                = "ipsec.1"\n  static_routes_only  = true\n}',
      'resource "aws_ec2_transit_gateway_route" "corp" {\n  destination_cidr_block         = var.corporate_cidr\n  transit_gateway_attachment_id  = aws_vpn_connection.corp_tgw.transit_gateway_attachment_id\n  transit_gateway_route_table_id = aws_ec2_transit_gateway.corp.association_default_route_table_id\n}',
    ].join('\n'),
  },
};

/**
 * N10/N11: rules at the partner load balancer's group, from the whole internet, each with a listener
 * on its port (without one nothing listens there, and no connection gets through).
 */
export function partnerLbOpen(...opened: Array<[label: string, port: number]>): Required<Pick<Variant, 'edits' | 'append'>> {
  const rules = opened.map(([label, port]) => `\n        { description = "${label}", protocol = "tcp", port = ${port}, cidrs = ["0.0.0.0/0"] },`).join('');
  const listeners = opened.map(
    ([label, port]) =>
      `resource "aws_lb_listener" "${label.toLowerCase()}" {\n  load_balancer_arn = aws_lb.edge["partner"].arn\n  port              = ${port}\n  protocol          = "HTTP"\n\n  default_action {\n    type             = "forward"\n    target_group_arn = aws_lb_target_group.vtn["partner"].arn\n  }\n}`,
  );
  return { edits: [['security.tf', PARTNER_IN, `${PARTNER_IN}${rules}`]], append: { 'edge.tf': listeners.join('\n') } };
}
