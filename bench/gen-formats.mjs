#!/usr/bin/env node
/**
 * Writes the system of a Terraform directory (gen_system.py's output) again as a CloudFormation JSON
 * template and as a `terraform show -json` plan, for `npm run bench`: the same resources, the same
 * references, shaped like the corpus files (a plan with after_unknown and configuration references;
 * a template with Ref). Reads the directory with the built loaders (npm run build first).
 *
 * usage: node bench/gen-formats.mjs TF_DIR CFN_OUT_DIR PLAN_OUT_DIR
 */
import fs from 'node:fs';
import path from 'node:path';
import { loadTerraform } from '../dist/loaders/terraform/load.js';
import { Unknown, TfSet } from '../dist/model/value.js';

const [src, cfnOut, planOut] = process.argv.slice(2).map((p) => path.resolve(p));
const { model, problems } = loadTerraform({ paths: [src], cwd: src, vars: [], varFiles: [] });
if (problems.some((p) => p.severity === 'error')) {
  console.error(problems);
  process.exit(2);
}
const resources = model.resources.filter((r) => r.mode === 'managed');

// ---- CloudFormation --------------------------------------------------------------------------

const CFN_TYPE = {
  aws_vpc: 'AWS::EC2::VPC',
  aws_internet_gateway: 'AWS::EC2::InternetGateway',
  aws_flow_log: 'AWS::EC2::FlowLog',
  aws_subnet: 'AWS::EC2::Subnet',
  aws_eip: 'AWS::EC2::EIP',
  aws_nat_gateway: 'AWS::EC2::NatGateway',
  aws_route_table: 'AWS::EC2::RouteTable',
  aws_route_table_association: 'AWS::EC2::SubnetRouteTableAssociation',
  aws_network_acl: 'AWS::EC2::NetworkAcl',
  aws_ec2_transit_gateway: 'AWS::EC2::TransitGateway',
  aws_security_group: 'AWS::EC2::SecurityGroup',
  aws_instance: 'AWS::EC2::Instance',
};
const logical = (address) => address.replace(/^aws_/, '').split(/[^A-Za-z0-9]+/).map((p) => p.charAt(0).toUpperCase() + p.slice(1)).join('');
const ref = (v) => (v instanceof Unknown && v.ref ? { Ref: logical(v.ref) } : v instanceof Unknown ? { 'Fn::ImportValue': 'unknown' } : v);
const tags = (t) => (t && typeof t === 'object' && !(t instanceof Unknown) ? Object.entries(t).map(([Key, Value]) => ({ Key, Value })) : undefined);
const list = (v) => (Array.isArray(v) ? v : v instanceof TfSet ? v.items : []);
const clean = (o) => Object.fromEntries(Object.entries(o).filter(([, v]) => v !== undefined && v !== null));

const template = { AWSTemplateFormatVersion: '2010-09-09', Description: `The system of ${path.basename(src)}, written as CloudFormation`, Resources: {} };
const put = (id, Type, Properties) => (template.Resources[id] = { Type, Properties: clean(Properties) });
for (const r of resources) {
  const a = r.attributes;
  const id = logical(r.address);
  switch (r.type) {
    case 'aws_vpc':
      put(id, CFN_TYPE[r.type], { CidrBlock: a.cidr_block, Tags: tags(a.tags) });
      break;
    case 'aws_internet_gateway':
      put(id, CFN_TYPE[r.type], {});
      put(`${id}Attachment`, 'AWS::EC2::VPCGatewayAttachment', { VpcId: ref(a.vpc_id), InternetGatewayId: { Ref: id } });
      break;
    case 'aws_flow_log':
      put(id, CFN_TYPE[r.type], { ResourceType: 'VPC', ResourceId: ref(a.vpc_id), TrafficType: a.traffic_type, LogDestination: a.log_destination, LogDestinationType: 's3' });
      break;
    case 'aws_subnet':
      put(id, CFN_TYPE[r.type], { VpcId: ref(a.vpc_id), CidrBlock: a.cidr_block, Tags: tags(a.tags) });
      break;
    case 'aws_eip':
      put(id, CFN_TYPE[r.type], { Domain: 'vpc' });
      break;
    case 'aws_nat_gateway':
      put(id, CFN_TYPE[r.type], { AllocationId: { 'Fn::GetAtt': [logical(a.allocation_id.ref), 'AllocationId'] }, SubnetId: ref(a.subnet_id) });
      break;
    case 'aws_route_table':
      put(id, CFN_TYPE[r.type], { VpcId: ref(a.vpc_id) });
      list(a.route).forEach((rt, i) =>
        put(`${id}Route${i}`, 'AWS::EC2::Route', { RouteTableId: { Ref: id }, DestinationCidrBlock: rt.cidr_block, GatewayId: rt.gateway_id ? ref(rt.gateway_id) : undefined, NatGatewayId: rt.nat_gateway_id ? ref(rt.nat_gateway_id) : undefined, TransitGatewayId: rt.transit_gateway_id ? ref(rt.transit_gateway_id) : undefined }),
      );
      break;
    case 'aws_route_table_association':
      put(id, CFN_TYPE[r.type], { SubnetId: ref(a.subnet_id), RouteTableId: ref(a.route_table_id) });
      break;
    case 'aws_network_acl':
      put(id, CFN_TYPE[r.type], { VpcId: ref(a.vpc_id) });
      list(a.subnet_ids).forEach((s, i) => put(`${id}Association${i}`, 'AWS::EC2::SubnetNetworkAclAssociation', { NetworkAclId: { Ref: id }, SubnetId: ref(s) }));
      for (const [dir, egress] of [['ingress', false], ['egress', true]]) {
        list(a[dir]).forEach((e, i) =>
          put(`${id}${dir === 'ingress' ? 'In' : 'Out'}${i}`, 'AWS::EC2::NetworkAclEntry', {
            NetworkAclId: { Ref: id },
            RuleNumber: e.rule_no,
            Egress: egress,
            Protocol: e.protocol === '-1' ? -1 : e.protocol === 'tcp' ? 6 : e.protocol === 'udp' ? 17 : e.protocol,
            RuleAction: e.action,
            CidrBlock: e.cidr_block,
            PortRange: e.protocol === '-1' ? undefined : { From: e.from_port, To: e.to_port },
          }),
        );
      }
      break;
    case 'aws_ec2_transit_gateway':
      put(id, CFN_TYPE[r.type], {});
      break;
    case 'aws_security_group': {
      const rule = (x, peerKey) =>
        clean({ IpProtocol: x.protocol, FromPort: x.from_port, ToPort: x.to_port, CidrIp: list(x.cidr_blocks)[0], [peerKey]: list(x.security_groups)[0] ? ref(list(x.security_groups)[0]) : undefined });
      put(id, CFN_TYPE[r.type], {
        GroupDescription: a.name,
        GroupName: a.name,
        VpcId: ref(a.vpc_id),
        SecurityGroupIngress: list(a.ingress).map((x) => rule(x, 'SourceSecurityGroupId')),
        SecurityGroupEgress: list(a.egress).map((x) => rule(x, 'DestinationSecurityGroupId')),
        Tags: tags(a.tags),
      });
      break;
    }
    case 'aws_instance':
      put(id, CFN_TYPE[r.type], {
        ImageId: a.ami,
        InstanceType: a.instance_type,
        SubnetId: ref(a.subnet_id),
        SecurityGroupIds: list(a.vpc_security_group_ids).map(ref),
        MetadataOptions: { HttpTokens: list(a.metadata_options)[0]?.http_tokens },
        Tags: tags(a.tags),
      });
      break;
    default:
      console.error(`gen-formats: ${r.type} is not written`);
  }
}
fs.mkdirSync(cfnOut, { recursive: true });
fs.writeFileSync(path.join(cfnOut, 'template.json'), JSON.stringify(template, null, 1) + '\n');

// ---- Plan ------------------------------------------------------------------------------------

/** A value as the plan writes it: known parts in `values`, `true` in after_unknown where unknown. */
function split(v) {
  if (v instanceof Unknown) return { known: undefined, unknown: true };
  if (Array.isArray(v) || v instanceof TfSet) {
    const items = list(v).map(split);
    // A list holding an unknown is unknown as a whole, as Terraform plans sets of blocks.
    if (items.some((i) => i.unknown === true || containsUnknown(i.unknown))) return { known: undefined, unknown: true };
    return { known: items.map((i) => i.known), unknown: items.map((i) => i.unknown ?? false) };
  }
  if (v && typeof v === 'object') {
    const known = {};
    const unknown = {};
    for (const [k, x] of Object.entries(v)) {
      const s = split(x);
      if (s.known !== undefined) known[k] = s.known;
      if (s.unknown) unknown[k] = s.unknown;
    }
    return { known, unknown };
  }
  return { known: v, unknown: undefined };
}
const containsUnknown = (u) => u === true || (Array.isArray(u) ? u.some(containsUnknown) : u && typeof u === 'object' ? Object.values(u).some(containsUnknown) : false);

/** The configuration's expression of a value: constants, references for unknowns, blocks as lists. */
function expression(v) {
  if (v instanceof Unknown) return v.ref ? { references: [`${v.ref}.id`, v.ref] } : {};
  if ((Array.isArray(v) || v instanceof TfSet) && list(v).every((x) => x && typeof x === 'object' && !Array.isArray(x) && !(x instanceof Unknown))) {
    if (list(v).length && list(v).some((x) => Object.values(x).some((y) => y instanceof Unknown || list(y).some((z) => z instanceof Unknown)))) {
      return list(v).map((x) => Object.fromEntries(Object.entries(x).map(([k, y]) => [k, expression(y)])));
    }
  }
  if ((Array.isArray(v) || v instanceof TfSet) && list(v).some((x) => x instanceof Unknown)) {
    const refs = list(v).filter((x) => x instanceof Unknown && x.ref).flatMap((x) => [`${x.ref}.id`, x.ref]);
    return { references: refs };
  }
  return { constant_value: JSON.parse(JSON.stringify(v)) };
}

const planned = [];
const changes = [];
const configured = [];
for (const r of resources) {
  const s = split(r.attributes);
  const unknown = { ...(s.unknown ?? {}), id: true };
  planned.push({ address: r.address, mode: 'managed', type: r.type, name: r.name, provider_name: 'registry.terraform.io/hashicorp/aws', schema_version: 0, values: s.known ?? {}, sensitive_values: {} });
  changes.push({ address: r.address, mode: 'managed', type: r.type, name: r.name, provider_name: 'registry.terraform.io/hashicorp/aws', change: { actions: ['create'], before: null, after: s.known ?? {}, after_unknown: unknown } });
  configured.push({ address: r.address, mode: 'managed', type: r.type, name: r.name, provider_config_key: 'aws', expressions: Object.fromEntries(Object.entries(r.attributes).map(([k, v]) => [k, expression(v)])), schema_version: 0 });
}
const plan = {
  format_version: '1.2',
  terraform_version: '1.9.5',
  planned_values: { root_module: { resources: planned } },
  resource_changes: changes,
  configuration: { provider_config: { aws: { name: 'aws', full_name: 'registry.terraform.io/hashicorp/aws' } }, root_module: { resources: configured } },
  timestamp: '2026-11-29T00:00:00Z',
  applyable: true,
  complete: true,
  errored: false,
};
fs.mkdirSync(planOut, { recursive: true });
fs.writeFileSync(path.join(planOut, 'plan.json'), JSON.stringify(plan) + '\n');
for (const out of [cfnOut, planOut]) {
  const cfg = path.join(src, 'gridfence.yaml');
  if (fs.existsSync(cfg)) fs.copyFileSync(cfg, path.join(out, 'gridfence.yaml'));
}
console.log(`${Object.keys(template.Resources).length} CloudFormation resources, ${planned.length} plan resources`);
