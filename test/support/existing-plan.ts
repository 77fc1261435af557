/**
 * A loaded Terraform system written as the plan of a system that exists already (`terraform show
 * -json` after apply, nothing to change): every managed resource gets an id and an ARN, and every
 * reference to another resource's id or ARN is that text, as Terraform writes it once the resources
 * exist. A VPC's default table or ACL names itself and its VPC. Values that stay unknown are left out
 * of `values` and marked in `after_unknown`, whole attribute at a time.
 */
import type { ModelResource } from '../../src/model/resource.js';
import { TfSet, Unknown, UnknownEncoding, type Value } from '../../src/model/value.js';

const PREFIX: Record<string, string> = {
  aws_vpc: 'vpc',
  aws_subnet: 'subnet',
  aws_security_group: 'sg',
  aws_default_security_group: 'sg',
  aws_instance: 'i',
  aws_internet_gateway: 'igw',
  aws_nat_gateway: 'nat',
  aws_route_table: 'rtb',
  aws_default_route_table: 'rtb',
  aws_eip: 'eipalloc',
  aws_network_acl: 'acl',
  aws_default_network_acl: 'acl',
  aws_network_interface: 'eni',
  aws_vpn_gateway: 'vgw',
  aws_customer_gateway: 'cgw',
  aws_vpn_connection: 'vpn',
  aws_ec2_transit_gateway: 'tgw',
  aws_vpc_endpoint: 'vpce',
  aws_flow_log: 'fl',
  aws_route_table_association: 'rtbassoc',
};

export function existingPlan(resources: readonly ModelResource[]): object {
  const managed = resources.filter((r) => r.mode === 'managed');
  const ids = new Map<string, { id: string; arn: string }>();
  managed.forEach((r, i) => {
    const id = `${PREFIX[r.type] ?? r.type.replace(/^aws_/, '').replace(/_/g, '-')}-${(i + 1).toString(16).padStart(17, '0')}`;
    ids.set(r.address, { id, arn: `arn:aws:${r.type.split('_')[1]}:ap-northeast-1:111122223333:${r.type}/${id}` });
  });
  const rs = managed.map((r) => {
    const own = ids.get(r.address)!;
    const unknown: string[] = [];
    let vpc: string | undefined;
    const conv = (v: Value): Value | undefined => {
      if (v instanceof UnknownEncoding) {
        const inner = conv(v.value);
        return inner === undefined ? undefined : JSON.stringify(inner);
      }
      if (v instanceof Unknown) {
        const target = v.ref ? ids.get(v.ref) : undefined;
        const attr = v.ref && v.reason.startsWith(`${v.ref}.`) ? v.reason.slice(v.ref.length + 1).replace(/ is known only after apply$/, '') : undefined;
        if (target && (attr === 'id' || attr === 'arn')) return target[attr];
        if (target && (attr === 'default_route_table_id' || attr === 'default_network_acl_id')) {
          vpc = target.id;
          return own.id;
        }
        return undefined;
      }
      if (v instanceof TfSet) return conv(v.items);
      if (Array.isArray(v)) {
        const out = v.map(conv);
        return out.includes(undefined) ? undefined : (out as Value[]);
      }
      if (v !== null && typeof v === 'object') {
        const out: Record<string, Value> = {};
        for (const k of Object.keys(v)) {
          const c = conv(v[k]!);
          if (c === undefined) return undefined;
          out[k] = c;
        }
        return out;
      }
      return v;
    };
    const values: Record<string, Value> = { ...own };
    for (const k of Object.keys(r.attributes)) {
      const c = conv(r.attributes[k]!);
      if (c === undefined) unknown.push(k);
      else values[k] = c;
    }
    if (vpc) values['vpc_id'] = vpc;
    return { r, values, unknown };
  });
  return {
    format_version: '1.2',
    terraform_version: '1.9.8',
    planned_values: { root_module: { resources: rs.map(({ r, values }) => ({ address: r.address, mode: 'managed', type: r.type, name: r.name, provider_name: 'registry.terraform.io/hashicorp/aws', values })) } },
    resource_changes: rs.map(({ r, values, unknown }) => ({ address: r.address, mode: 'managed', type: r.type, name: r.name, change: { actions: ['no-op'], before: values, after: values, after_unknown: Object.fromEntries(unknown.map((k) => [k, true])) } })),
  };
}
