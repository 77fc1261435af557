/**
 * The negative cases N1–N16 of the reference architecture (domain.md (c)) as mutations of the
 * bundled example, each with the rule named for it and every rule it trips besides; and the fix of
 * the example's deliberate weakness that makes the compliant system they start from.
 */
import { N4, RELAY_IN, VEN_EGRESS, VEN_INGRESS, partnerLbOpen, type Edit } from './example-variants.js';

/** The fix of the example's deliberate weakness: the partner listener gets the TLS 1.2+ policy. */
export const FIX: Edit = ['edge.tf', '  certificate_arn   = var.partner_certificate_arn\n', '  certificate_arn   = var.partner_certificate_arn\n  ssl_policy        = var.tls_policy\n'];

const PARTNER_MTLS = '    mode            = "verify"\n    trust_store_arn = aws_lb_trust_store.edge["partner"].arn';
export interface Case {
  id: string;
  mutation: string;
  rule: string;
  edits?: Edit[];
  append?: Record<string, string>;
  /** Every rule the mutation trips beyond the compliant system's findings. */
  trips: string[];
}

export const CASES: Case[] = [
  { id: 'N1', mutation: 'the VEN group open to 0.0.0.0/0 on 443', rule: 'ingress-from-declared-sources', edits: [['security.tf', VEN_INGRESS, `${VEN_INGRESS},\n        { description = "N1", protocol = "tcp", port = 443, cidrs = ["0.0.0.0/0"] }`]], trips: ['ingress-from-declared-sources'] },
  {
    id: 'N2',
    mutation: 'a public address on the VEN and a default route to the internet gateway',
    rule: 'dispatch-link-no-public-address',
    edits: [['compute.tf', 'associate_public_ip_address = false # dispatch-link-no-public-address', 'associate_public_ip_address = true # dispatch-link-no-public-address']],
    append: { 'network.tf': 'resource "aws_route" "n2" {\n  route_table_id         = aws_route_table.zone["dispatch"].id\n  destination_cidr_block = "0.0.0.0/0"\n  gateway_id             = aws_internet_gateway.main.id\n}' },
    // The VEN's group still lets in only the relay, and the route to the dispatch system stays more specific: no path changes.
    trips: ['dispatch-link-no-public-address'],
  },
  {
    id: 'N3',
    mutation: 'the VEN may send anything anywhere',
    rule: 'dispatch-channel-conformance',
    edits: [['security.tf', VEN_EGRESS, `${VEN_EGRESS},\n        { description = "N3", protocol = "-1", port = 0, cidrs = ["0.0.0.0/0"] }`]],
    trips: ['connection-point-defended', 'dispatch-channel-conformance', 'dispatch-link-internet-isolation', 'external-traffic-encrypted', 'field-protocols-contained'],
  },
  {
    id: 'N4',
    mutation: 'a transit gateway route between the corporate network and the dispatch link',
    rule: 'zone-segmentation',
    ...N4,
    // The transit gateway's VPN also brings networks no one declared: the bastion's SSH paths and the log collector's reach widen with it.
    trips: ['connection-points-minimal', 'dispatch-link-buffer-zone', 'management-access-restricted', 'vpn-crypto-strength', 'zone-segmentation'],
  },
  { id: 'N5', mutation: 'the partner allowed with no attestation', rule: 'partner-attestation', edits: [['gridfence.yaml', '    attestation:\n      confirmed: 2026-10-01\n      expires: 2030-03-31\n', '    attestation:\n      confirmed: 2026-10-01\n      expires: 2026-11-01\n']], trips: ['partner-attestation'] },
  { id: 'N6', mutation: 'an HTTPS listener without ssl_policy (the example as shipped)', rule: 'tls-minimum-version', trips: ['tls-minimum-version'] },
  { id: 'N7', mutation: 'mutual_authentication off on the partner ALB', rule: 'interconnection-authenticated', edits: [['edge.tf', PARTNER_MTLS, '    mode = "off"']], trips: ['interconnection-authenticated'] },
  {
    // nginx is not an input: the same weakness written where gridfence reads it, the TLS policy of
    // the door the relay path starts at.
    id: 'N8',
    mutation: 'TLS 1.0 accepted at the customer-site door (ssl_protocols TLSv1 in nginx, as a listener policy)',
    rule: 'tls-minimum-version',
    edits: [['edge.tf', 'ssl_policy        = var.tls_policy # TLS 1.2 and 1.3 only', 'ssl_policy        = "ELBSecurityPolicy-TLS-1-0-2015-04"']],
    trips: ['tls-minimum-version'],
  },
  { id: 'N9', mutation: 'a GCM-only policy on the partner-facing listener', rule: 'interconnection-authenticated', edits: [['edge.tf', '  ssl_policy        = var.tls_policy\n', '  ssl_policy        = "ELBSecurityPolicy-TLS13-1-2-Res-2021-06"\n']], trips: ['interconnection-authenticated'] },
  { id: 'N10', mutation: 'MQTT 1883 from 0.0.0.0/0 at the partner load balancer', rule: 'external-traffic-encrypted', ...partnerLbOpen(['N10', 1883]), trips: ['external-traffic-encrypted', 'field-protocols-contained', 'ingress-from-declared-sources', 'interconnection-authenticated'] },
  { id: 'N11', mutation: 'Modbus 502 from 0.0.0.0/0 at the partner load balancer', rule: 'field-protocols-contained', ...partnerLbOpen(['N11', 502]), trips: ['external-traffic-encrypted', 'field-protocols-contained', 'ingress-from-declared-sources', 'interconnection-authenticated'] },
  {
    id: 'N12',
    mutation: 'Telnet to the relay from the corporate network, with a route back over the VPN',
    rule: 'management-access-restricted',
    edits: [['security.tf', RELAY_IN, `${RELAY_IN}\n        { description = "N12", protocol = "tcp", port = 23, cidrs = [var.corporate_cidr] },`]],
    append: { 'network.tf': 'resource "aws_route" "n12" {\n  route_table_id         = aws_route_table.zone["dmz"].id\n  destination_cidr_block = var.corporate_cidr\n  gateway_id             = aws_vpn_gateway.main.id\n}' },
    trips: ['management-access-restricted'],
  },
  {
    id: 'N13',
    // 3DES cannot be written for an AWS tunnel (the provider refuses it: an input error of its own,
    // test/graph/invalid-values.test.ts): the proposal's SHA-1 and MODP-1024 are what AWS takes.
    mutation: 'IPsec proposal 3des-sha1-modp1024 on the VPN tunnels, as far as AWS takes it (sha1-modp1024)',
    rule: 'vpn-crypto-strength',
    edits: [['vpn.tf', '  tunnel1_phase1_integrity_algorithms  = ["SHA2-384"]\n  tunnel1_phase1_dh_group_numbers      = [20]', '  tunnel1_phase1_integrity_algorithms  = ["SHA1"]\n  tunnel1_phase1_dh_group_numbers      = [2]']],
    trips: ['vpn-crypto-strength'],
  },
  { id: 'N14', mutation: 'no flow logs on the VPC', rule: 'flow-logs-enabled', edits: [['logging.tf', 'resource "aws_flow_log" "vpc" {\n  vpc_id ', 'resource "aws_flow_log" "vpc" {\n  subnet_id = aws_subnet.zone["ops"].id\n  # vpc_id ']], trips: ['flow-logs-enabled'] },
  {
    id: 'N15',
    mutation: 'an RDS database with storage_encrypted = false in the core zone',
    rule: 'data-at-rest-encrypted',
    append: {
      'compute.tf':
        'resource "aws_db_subnet_group" "history" {\n  name       = "history"\n  subnet_ids = [aws_subnet.zone["core"].id]\n}\nresource "aws_db_instance" "history" {\n  identifier             = "history"\n  engine                 = "postgres"\n  instance_class         = "db.t4g.small"\n  allocated_storage      = 20\n  storage_encrypted      = false\n  publicly_accessible    = false\n  db_subnet_group_name   = aws_db_subnet_group.history.name\n  vpc_security_group_ids = [module.sg["controller"].id]\n  tags                   = { gridfence-zone = "core" }\n}',
    },
    trips: ['data-at-rest-encrypted'],
  },
  {
    id: 'N16',
    mutation: 'an EC2 instance in the dispatch zone without tags (launched through a provider configuration without default tags)',
    rule: 'asset-inventory-tags',
    append: {
      'compute.tf':
        'provider "aws" {\n  alias  = "legacy"\n  region = var.region\n}\nresource "aws_instance" "n16" {\n  provider      = aws.legacy\n  ami           = var.ami_id\n  instance_type = "t3.micro"\n  subnet_id     = aws_subnet.zone["dispatch"].id\n  metadata_options {\n    http_tokens = "required"\n  }\n  root_block_device {\n    encrypted = true\n  }\n  tags = { gridfence-zone = "dispatch" }\n}',
    },
    trips: ['asset-inventory-tags'],
  },
];
