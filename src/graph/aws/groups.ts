/**
 * Security groups: inline `ingress`/`egress` blocks, `aws_security_group_rule` and the
 * `aws_vpc_security_group_{ingress,egress}_rule` resources. A group managed by Terraform without
 * egress blocks has no egress rule: Terraform removes AWS's default allow-all (SG2); the VPC's
 * default group, when `aws_default_security_group` manages it, has exactly the rules written.
 * A rule that cannot be read (its protocol or ports not known, a dynamic block over an unknown list)
 * is a possible rule of any service, with the peers it names, in its own direction only: what the
 * group says in the other direction stays certain.
 */
import type { GroupRule, Peer, SecurityGroup, Service } from '../../model/network.js';
import type { Span } from '../../model/source.js';
import { spanOf } from '../../model/read.js';
import type { ModelResource } from '../../model/resource.js';
import { Unknown, type ObjectValue } from '../../model/value.js';
import { blockList, bool, cidrPeers, groupPeers, prefixListPeers, refTo, serviceOf, serviceUnknown, vpcOf, type ResourceIndex } from './common.js';

export function readGroups(index: ResourceIndex): Map<string, SecurityGroup> {
  const groups = new Map<string, SecurityGroup>();
  // A group named by its name (a default VPC's rules may name groups so) is the held group of that name.
  const addresses = new Set<string>();
  const byName = new Map<string, string>();
  for (const r of index.ofType('aws_security_group', 'aws_default_security_group')) {
    addresses.add(r.address);
    const n = r.attributes['name'];
    if (typeof n === 'string' && !byName.has(n)) byName.set(n, r.address);
  }
  const byNameToo = (peers: Peer[]): Peer[] => peers.map((p) => (p.kind === 'group' && !addresses.has(p.group) && byName.has(p.group) ? { kind: 'group', group: byName.get(p.group)! } : p));
  for (const r of index.ofType('aws_security_group', 'aws_default_security_group')) {
    const g: SecurityGroup = { id: r.address, vpc: vpcOf(r), ingress: [], egress: [], span: r.span, isDefault: r.type === 'aws_default_security_group' };
    for (const dir of ['ingress', 'egress'] as const) {
      const list = blockList(r, dir);
      if (list instanceof Unknown) {
        // Rules not known in this direction (a dynamic block over an unknown list): any traffic from
        // or to anywhere, possibly; the other direction keeps what it says.
        g[dir].push({ service: ALL_TRAFFIC, peers: [{ kind: 'unknown', unknown: list }], span: r.span, declaredBy: r.address, label: `${r.address} ${dir}`, presence: list });
        continue;
      }
      list.forEach((b, i) => {
        const label = `${dir}[${i}]`;
        const rule = inlineRule(r, b, label, g, byNameToo);
        if (rule) g[dir].push(rule);
      });
    }
    groups.set(r.address, g);
  }
  const held = [...groups.values()];
  for (const r of index.ofType('aws_security_group_rule')) {
    const a = r.attributes;
    // A direction not known before apply may be either: the rule is in both, possibly.
    const type = a['type'];
    const either = type instanceof Unknown ? new Unknown(`the direction of ${r.address} is not known (${type.reason}): the rule may be an ingress or an egress rule`, r.span) : undefined;
    const dirs: Array<'ingress' | 'egress'> = either ? ['ingress', 'egress'] : [type === 'egress' ? 'egress' : 'ingress'];
    const service = serviceOf(a['protocol'], a['from_port'], a['to_port']);
    for (const { g, presence } of groupsOfRule(groups, held, r, byName)) {
      const peers: Peer[] = cidrPeers(a['cidr_blocks'], a['ipv6_cidr_blocks']);
      peers.push(...byNameToo(groupPeers(a['source_security_group_id'])));
      if (bool(a['self']) === true) peers.push({ kind: 'group', group: g.id });
      peers.push(...prefixListPeers(a['prefix_list_ids']));
      for (const dir of dirs) pushRule(g, dir, service, peers, r, r.span, r.address, presence ?? either);
    }
  }
  for (const r of index.ofType('aws_vpc_security_group_ingress_rule', 'aws_vpc_security_group_egress_rule')) {
    const a = r.attributes;
    const dir = r.type.endsWith('ingress_rule') ? 'ingress' : 'egress';
    const service = serviceOf(a['ip_protocol'], a['from_port'], a['to_port']);
    for (const { g, presence } of groupsOfRule(groups, held, r, byName)) {
      const peers: Peer[] = cidrPeers(a['cidr_ipv4'], a['cidr_ipv6']);
      peers.push(...byNameToo(groupPeers(a['referenced_security_group_id'])));
      peers.push(...prefixListPeers(a['prefix_list_id']));
      pushRule(g, dir, service, peers, r, r.span, r.address, presence);
    }
  }
  return groups;
}

/**
 * The group a rule resource belongs to; when its `security_group_id` is not known before apply (a
 * variable without value, a data source, an import, another resource's output), every group held,
 * each resting on that. A group
 * named by its id as text is not held: the rule changes none of them; one named by the name of a
 * held group (a default VPC's form) is that group.
 */
function groupsOfRule(groups: Map<string, SecurityGroup>, held: SecurityGroup[], r: ModelResource, byName: ReadonlyMap<string, string>): Array<{ g: SecurityGroup; presence?: Unknown }> {
  const v = r.attributes['security_group_id'];
  const g = groups.get(refTo(v) ?? (typeof v === 'string' ? (byName.get(v) ?? '') : ''));
  if (g) return [{ g }];
  if (!(v instanceof Unknown)) return [];
  const presence = new Unknown(`the security group of ${r.address} is not known (${v.reason}): the rule may be in any security group of the configuration`, r.span);
  return held.map((x) => ({ g: x, presence }));
}

function inlineRule(r: ModelResource, b: ObjectValue, label: string, g: SecurityGroup, named: (peers: Peer[]) => Peer[]): GroupRule | undefined {
  const service = serviceOf(b['protocol'], b['from_port'], b['to_port']);
  const peers: Peer[] = cidrPeers(b['cidr_blocks'], b['ipv6_cidr_blocks']);
  peers.push(...named(groupPeers(b['security_groups'])));
  if (bool(b['self']) === true) peers.push({ kind: 'group', group: g.id });
  peers.push(...prefixListPeers(b['prefix_list_ids']));
  if (!service) {
    // Protocol or ports not known: any service from (or to) the peers it names, possibly, in its own
    // direction only.
    const presence = serviceUnknown(`${r.address} ${label}`, b['protocol'], b['from_port'], b['to_port']);
    return { service: ALL_TRAFFIC, peers: peers.slice(), span: spanOf(r, label), declaredBy: r.address, label: `${r.address} ${label}`, presence };
  }
  // An exact copy: a list grown by push keeps room for 17, and a system has thousands of rules.
  return new InlineRule(service, peers.slice(), r, label);
}

/**
 * An inline `ingress`/`egress` block as a group rule. Its span and label are found when a trace
 * shows them: systems hold thousands of rules, and few of them ever appear in a finding.
 */
class InlineRule implements GroupRule {
  constructor(
    readonly service: Service,
    readonly peers: Peer[],
    private readonly r: ModelResource,
    private readonly path: string,
  ) {}

  get span(): Span {
    return spanOf(this.r, this.path);
  }

  get declaredBy(): string {
    return this.r.address;
  }

  get label(): string {
    return `${this.r.address} ${this.path}`;
  }
}

const ALL_TRAFFIC: Service = Object.freeze({ protocol: -1 });

function pushRule(g: SecurityGroup, dir: 'ingress' | 'egress', service: ReturnType<typeof serviceOf>, peers: Peer[], r: ModelResource, span: ModelResource['span'], label: string, presence?: Unknown): void {
  if (!service && presence) {
    // Neither the group nor the service known: possibly anything, in any group.
    g[dir].push({ service: ALL_TRAFFIC, peers: peers.slice(), span, declaredBy: r.address, label, presence });
    return;
  }
  if (!service) {
    // As an inline rule whose service is not known: anything with these peers, possibly, in this direction.
    const a = r.attributes;
    g[dir].push({ service: ALL_TRAFFIC, peers: peers.slice(), span, declaredBy: r.address, label, presence: serviceUnknown(r.address, a['protocol'] ?? a['ip_protocol'], a['from_port'], a['to_port']) });
    return;
  }
  g[dir].push({ service, peers: peers.slice(), span, declaredBy: r.address, label, ...(presence ? { presence } : {}) });
}
