/**
 * IPv6 addressing: a VPC's IPv6 ranges join its local route, a subnet has its range, and hosts,
 * load balancers and databases their IPv6 addresses. Over IPv6 an internet gateway reaches every
 * address of the VPC, no public address needed (build.ts), and an egress-only gateway lets out
 * what the VPC sends and nothing in.
 *
 * An Amazon-provided range (and a subnet's range cut from it) is assigned at apply: its value is
 * not known, but it is one range of public addresses, apart from every other. It stands in the
 * graph as a range of the documentation prefix 2001:db8::/32 (RFC 3849) — a /56 per VPC, a /64 of
 * it per subnet — so that a path over it is found as surely as over a known range; each stand-in
 * is said once, as a warning at the resource, so that an address shown in a path is read right.
 * A range written from a value not known before apply (a variable without value) gets one too, its
 * warning giving the reason: it is read as a range apart from every other, as AWS's own are.
 * A setting not known before apply that may give a subnet a range or a host addresses is taken to
 * do so: one more way in is never left out.
 */
import { formatPrefix, prefixContains, type Prefix } from '../../model/net/cidr.js';
import type { Endpoint, Network, Subnet, Vpc } from '../../model/network.js';
import type { ModelResource } from '../../model/resource.js';
import { Unknown, type ObjectValue, type Value } from '../../model/value.js';
import { elements } from '../../model/read.js';
import { bool, listedIpv6, prefixesOf, refTo, vpcOf, type ResourceIndex } from './common.js';

/** 2001:db8::/32, where stand-ins are cut: VPC n at 2001:db8:n::/56 (n below 2^24), subnet k of it at its k-th /64. */
const STAND_IN_BASE = 0x20010db8n << 96n;

type Notes = Network['notModelled'];

/**
 * Whether argument `k` is given: a value (a reference known only after apply counts), not one the
 * provider computes — a plan marks every computed attribute unknown, IPv6 ones included, whether
 * or not the system uses IPv6 (ModelResource.computed).
 */
function given(r: ModelResource, a: ObjectValue, k: string): boolean {
  const v = a[k];
  return v !== undefined && v !== null && v !== '' && v !== false && !(v instanceof Unknown && r.computed?.has(k) === true) && !(Array.isArray(v) && v.length === 0);
}

/** A boolean argument that is true, or not known before apply (and not computed): it may be true. */
function mayBeOn(r: ModelResource, a: ObjectValue, k: string): boolean {
  const v = a[k];
  return bool(v) === true || (v instanceof Unknown && r.computed?.has(k) !== true);
}

/** Why a range is a stand-in: assigned at apply, or written from a value not known before apply. */
function notYet(v: Value | undefined, r: ModelResource, k: string): string {
  return v instanceof Unknown && r.computed?.has(k) !== true ? `is not known before apply (${v.reason})` : 'is assigned at apply';
}

/**
 * The IPv6 ranges of VPCs and subnets; stand-ins for those assigned at apply, each said in `notes`.
 * A stand-in never overlaps a range written in the configuration or a prefix of `declared` (the
 * zones' and externals' of gridfence.yaml), which would otherwise claim its packets.
 */
export function readIpv6(index: ResourceIndex, vpcs: Map<string, Vpc>, subnets: Map<string, Subnet>, notes: Notes, declared: readonly Prefix[] = []): void {
  const written = [
    ...index.ofType('aws_vpc', 'aws_vpc_ipv6_cidr_block_association', 'aws_subnet').map((r) => r.attributes['ipv6_cidr_block']),
    ...index.ofType('AWS::EC2::SubnetCidrBlock').map((r) => r.attributes['Ipv6CidrBlock']),
  ].flatMap((v) => prefixesOf(v ?? null).prefixes.filter((p) => p.version === 6));
  const avoid = [...declared.filter((p) => p.version === 6), ...written];
  /** Whether `p` overlaps nothing written or declared, but what holds `within` (the range it is cut from). */
  const clear = (p: Prefix, within?: Prefix): boolean => !avoid.some((x) => !(within && prefixContains(x, within)) && (prefixContains(x, p) || prefixContains(p, x)));
  /** Stand-in /56s by VPC (or by a subnet whose VPC is not held). */
  const standIns = new Map<string, Prefix>();
  let nextVpc = 1;
  const vpcStandIn = (key: string, v: Vpc | undefined, r: ModelResource, why: string): Prefix => {
    let p = standIns.get(key);
    if (!p) {
      do {
        const network = STAND_IN_BASE | (BigInt(nextVpc++) << 72n);
        p = { version: 6, address: network, network, bits: 56 };
      } while (!clear(p));
      standIns.set(key, p);
      v?.cidrs.push(p);
      notes.push({ address: r.address, span: r.span, what: `${why}: ${formatPrefix(6, p.network, 56)} stands for it in paths, and a /64 of it for each subnet's range cut from it at apply` });
    }
    return p;
  };
  /** The next free /64 of `range` (counted per range), or undefined when none is left. */
  const cut = new Map<Prefix, number>();
  const next64 = (range: Prefix): Prefix | undefined => {
    const slots = 2 ** (64 - range.bits);
    for (let i = cut.get(range) ?? 0; i < slots; i++) {
      const network = range.network | (BigInt(i) << 64n);
      const p: Prefix = { version: 6, address: network, network, bits: 64 };
      if (!clear(p, range)) continue;
      cut.set(range, i + 1);
      return p;
    }
    cut.set(range, slots);
    return undefined;
  };

  for (const r of index.ofType('aws_vpc')) {
    const v = vpcs.get(r.address);
    if (!v) continue;
    const a = r.attributes;
    const six = prefixesOf(a['ipv6_cidr_block'] ?? null).prefixes.filter((p) => p.version === 6);
    if (six.length) v.cidrs.push(...six);
    else if (given(r, a, 'ipv6_cidr_block') || given(r, a, 'ipv6_ipam_pool_id') || mayBeOn(r, a, 'assign_generated_ipv6_cidr_block')) {
      const sure = bool(a['assign_generated_ipv6_cidr_block']) === true || given(r, a, 'ipv6_cidr_block') || given(r, a, 'ipv6_ipam_pool_id');
      vpcStandIn(v.id, v, r, sure ? `its IPv6 range ${notYet(a['ipv6_cidr_block'], r, 'ipv6_cidr_block')}` : 'whether it has an IPv6 range is not known before apply, and it is taken to have one, assigned at apply');
    }
  }
  for (const r of index.ofType('aws_vpc_ipv6_cidr_block_association')) {
    const v = vpcs.get(vpcOf(r) ?? '');
    if (!v) continue;
    const six = prefixesOf(r.attributes['ipv6_cidr_block'] ?? null).prefixes.filter((p) => p.version === 6);
    if (six.length) v.cidrs.push(...six);
    else vpcStandIn(v.id, v, r, `the IPv6 range it gives ${v.id} ${notYet(r.attributes['ipv6_cidr_block'], r, 'ipv6_cidr_block')}`);
  }

  // Subnets: those written first (their ranges join the VPC's local route), then the stand-ins.
  const ranges = new Map<string, { r: ModelResource; value: Value | undefined; key: string; needs: boolean }>();
  for (const r of index.ofType('aws_subnet')) {
    const s = subnets.get(r.address);
    if (!s) continue;
    const a = r.attributes;
    if (bool(a['ipv6_native']) === true) s.ipv6Native = true;
    const assign = a['assign_ipv6_address_on_creation'];
    // An interface in an IPv6-only subnet has an IPv6 address, or none at all.
    if (bool(assign) === true || s.ipv6Native) s.assignIpv6 = true;
    else if (assign instanceof Unknown && r.computed?.has('assign_ipv6_address_on_creation') !== true) s.assignIpv6 = assign;
    const needs = given(r, a, 'ipv6_cidr_block') || s.assignIpv6 !== undefined;
    ranges.set(s.id, { r, value: a['ipv6_cidr_block'], key: 'ipv6_cidr_block', needs });
  }
  // CloudFormation gives a subnet its IPv6 range by a resource of its own.
  for (const r of index.ofType('AWS::EC2::SubnetCidrBlock')) {
    const s = subnets.get(refTo(r.attributes['SubnetId']) ?? '');
    if (s) ranges.set(s.id, { r, value: r.attributes['Ipv6CidrBlock'], key: 'Ipv6CidrBlock', needs: true });
  }
  const later: Array<{ s: Subnet; r: ModelResource; why: string }> = [];
  for (const [id, { r, value, key, needs }] of ranges) {
    const s = subnets.get(id)!;
    const known = prefixesOf(value ?? null).prefixes.find((p) => p.version === 6);
    if (known) {
      s.ipv6 = known;
      const v = vpcs.get(s.vpc ?? '');
      if (v && !v.cidrs.some((p) => prefixContains(p, known))) v.cidrs.push(known);
    } else if (needs) later.push({ s, r, why: `the IPv6 range of ${s.id} ${notYet(value, r, key)}` });
  }
  for (const { s, r, why } of later) {
    const v = vpcs.get(s.vpc ?? '');
    // Cut from the VPC's stand-in, else from the first written range of the VPC that holds a /64
    // (said here, since no stand-in of the VPC says it), else from a stand-in of its own.
    const standIn = v ? standIns.get(v.id) : undefined;
    const range = standIn ?? v?.cidrs.find((x) => x.version === 6 && x.bits <= 64);
    const p = range ? next64(range) : undefined;
    if (p) {
      s.ipv6 = p;
      if (!standIn) notes.push({ address: r.address, span: r.span, what: `${why}: ${formatPrefix(6, p.network, 64)}, within its VPC's range, stands for it in paths` });
      continue;
    }
    const own = vpcStandIn(`subnet ${s.id}`, v, r, v ? `${why}, and its VPC's range has no /64 left for it` : `${why}, in a VPC the configuration does not hold`);
    s.ipv6 = next64(own);
  }
}

/**
 * The IPv6 addresses of an endpoint in `subnets` from its own settings (`a`, of resource `r`):
 * listed addresses as they are; a count, or a subnet that gives every interface one, by the
 * subnets' ranges, as a private address assigned at launch stands for its subnet's. Settings not
 * known before apply that may give it addresses do, and `unknown` says so when nothing sure does:
 * flows over IPv6 to and from it rest on that (Endpoint.ipv6Unknown).
 */
export function hostIpv6(r: ModelResource, a: ObjectValue, e: Endpoint, subnets: Map<string, Subnet>, keys: { list?: string[]; count?: string; alsoCount?: string; dualStack?: (a: ObjectValue) => boolean | Unknown }): { prefixes: Prefix[]; unknown?: Unknown } {
  const ranges = (): Prefix[] => e.subnets.map((id) => subnets.get(id)?.ipv6).filter((p): p is Prefix => p !== undefined);
  let sure = false;
  let maybe: Unknown | undefined;
  const listed: Prefix[] = [];
  for (const k of keys.list ?? []) {
    if (!given(r, a, k)) continue;
    const { prefixes, unknown } = prefixesOf(elements(a[k]).map(listedIpv6));
    listed.push(...prefixes.filter((p) => p.version === 6));
    if (unknown) maybe ??= unknown;
  }
  // A count of addresses, or of delegated prefixes (ipv6_prefix_count: a /80 each), AWS picks from the subnet's range.
  for (const k of [keys.count, keys.alsoCount]) {
    if (!k || !given(r, a, k)) continue;
    const n = a[k];
    if (n instanceof Unknown) maybe ??= n;
    else if (typeof n === 'number' && n > 0) sure = true;
  }
  const dual = keys.dualStack?.(a);
  if (dual === true) sure = true;
  else if (dual instanceof Unknown) maybe ??= dual;
  // A subnet that gives every interface created in it an address (or may) gives this one one too.
  if (keys.count) {
    for (const id of e.subnets) {
      const assign = subnets.get(id)?.assignIpv6;
      if (assign === true) sure = true;
      else if (assign) maybe ??= assign;
    }
  }
  if (!sure && !maybe) return { prefixes: listed };
  const prefixes = [...listed, ...ranges()];
  if (sure || listed.length) return { prefixes };
  return { prefixes, unknown: new Unknown(`whether ${e.id} has IPv6 addresses is not known before apply (${maybe!.reason}): it is taken to have one of ${e.subnets.join(', ')}`, maybe!.at ?? r.span) };
}

/** Whether a load balancer's or database's address type gives it IPv6 addresses; the Unknown when that is not known before apply. */
export function dualStack(r: ModelResource, a: ObjectValue, key: string, values: readonly string[]): boolean | Unknown {
  const v = a[key];
  if (v instanceof Unknown) return r.computed?.has(key) === true ? false : v;
  return typeof v === 'string' && values.includes(v.toLowerCase());
}
