/**
 * VPC Block Public Access (VPC BPA): a Region's setting that blocks traffic through internet gateways
 * and egress-only internet gateways for every VPC and subnet of the account in that Region, save
 * those excluded. `block-bidirectional` blocks both directions; `block-ingress` blocks what the
 * internet starts (only NAT gateways and egress-only gateways may still go out). An exclusion
 * (`allow-bidirectional`, or `allow-egress` under `block-bidirectional`) lifts the block for a VPC
 * or a subnet; only `allow-bidirectional` lets the internet start connections.
 *
 * The graph applies the block to what the internet starts toward an endpoint delivered by an
 * internet gateway (GW1), as a filter a blocked-path answer names. What leaves, and what a gateway
 * route table diverts to an appliance first, stays as it is without the setting: the analysis
 * answers more than AWS lets through there, never less.
 *
 * The setting is regional, and the configuration says a resource's Region only through its provider
 * and its own `region` argument: the block is applied to a subnet declared in the same root and
 * module instance, with the same provider configuration (in a plan, the one its `configuration`
 * names) and the same `region` (both unset, or the same text) as the setting.
 * A subnet elsewhere keeps every path. A mode, an exclusion's mode, target or Region, or a count not
 * known before apply leaves the path possible, resting on that value; so does an exclusion declared
 * apart from the setting that names the subnet, which may be of the setting's Region all the same.
 */
import type { ModelResource } from '../../model/resource.js';
import type { Subnet } from '../../model/network.js';
import { spanOf } from '../../model/read.js';
import { declaredFrom } from '../../model/roots.js';
import { Unknown, type Value } from '../../model/value.js';
import { refTo, type ResourceIndex } from './common.js';
import { table } from '../../model/table.js';

/** What VPC BPA does to what the internet starts toward one subnet's endpoints. */
export type IngressBlock = NonNullable<Subnet['internetIngressBlock']>;

const OPTIONS: Record<string, string> = table({ aws_vpc_block_public_access_options: 'internet_gateway_block_mode', 'AWS::EC2::VPCBlockPublicAccessOptions': 'InternetGatewayBlockMode' });
const EXCLUSIONS: Record<string, { mode: string; vpc: string; subnet: string }> = table({
  aws_vpc_block_public_access_exclusion: { mode: 'internet_gateway_exclusion_mode', vpc: 'vpc_id', subnet: 'subnet_id' },
  'AWS::EC2::VPCBlockPublicAccessExclusion': { mode: 'InternetGatewayExclusionMode', vpc: 'VpcId', subnet: 'SubnetId' },
});
const BLOCKING = new Set(['block-bidirectional', 'block-ingress']);

/** Marks the subnets whose endpoints VPC BPA keeps the internet from reaching (Subnet.internetIngressBlock), and how surely. */
export function readIngressBlocks(index: ResourceIndex, subnets: ReadonlyMap<string, Subnet>): void {
  for (const o of index.ofType(...Object.keys(OPTIONS))) {
    const key = OPTIONS[o.type]!;
    const mode = o.attributes[key];
    if (!(mode instanceof Unknown) && !(typeof mode === 'string' && BLOCKING.has(mode))) continue;
    // A setting that may not exist (count or Condition not known) blocks only possibly.
    const doubt = mode instanceof Unknown ? mode : o.expansion;
    const shown = typeof mode === 'string' ? mode : 'a mode not known before apply';
    for (const s of subnets.values()) {
      const held = index.byAddress.get(s.id);
      const region = held && !s.outside ? sameRegion(o, held) : false;
      if (region === false) continue;
      const lifted = exclusion(index, s, o);
      if (lifted === true) continue;
      const unknown = doubt ?? (region instanceof Unknown ? region : undefined) ?? (lifted || undefined);
      const block: IngressBlock = { name: `VPC Block Public Access (${shown}) of ${o.address} blocks what the internet starts toward ${s.id}`, span: spanOf(o, key), ...(unknown ? { unknown } : {}) };
      // Of two settings (two roots' or aliases' alike), a certain block wins.
      if (!s.internetIngressBlock || s.internetIngressBlock.unknown) s.internetIngressBlock = block;
    }
  }
}

/**
 * Whether both are declared in one root, under one provider configuration of one module instance:
 * the only sign of one Region (and one account) the configuration gives.
 */
function sameRegion(a: ModelResource, b: ModelResource): boolean | Unknown {
  if (a.module !== b.module || a.provider !== b.provider || declaredFrom(a) !== declaredFrom(b)) return false;
  const [x, y] = [ownRegion(a), ownRegion(b)];
  // A Region not known before apply may be the other's: the block is then possible.
  if (x instanceof Unknown) return x;
  if (y instanceof Unknown) return y;
  return x === y;
}

/** A resource's own `region` argument (the AWS provider's per-resource Region, version 6 on): null when unset. */
function ownRegion(r: ModelResource): Value {
  return r.attributes['region'] ?? null;
}

/**
 * Whether an exclusion lets the internet start connections toward the subnet: true for certain, an
 * Unknown when one may (its mode, its target or its existence not known), false when none does.
 */
function exclusion(index: ResourceIndex, s: Subnet, options: ModelResource): boolean | Unknown {
  let maybe: Unknown | undefined;
  for (const x of index.ofType(...Object.keys(EXCLUSIONS))) {
    const keys = EXCLUSIONS[x.type]!;
    const mode = x.attributes[keys.mode];
    if (typeof mode === 'string' && mode !== 'allow-bidirectional') continue;
    const covers = coversSubnet(index, x.attributes[keys.vpc], x.attributes[keys.subnet], s, x);
    if (covers === false) continue;
    // One declared elsewhere (another root, module or provider configuration) may still be of the
    // setting's Region: never a certain lift, but a possible one, as one whose Region is not known.
    const region = sameRegion(options, x);
    const elsewhere = region === false ? new Unknown(`${x.address} is declared apart from ${options.address}, and may be of its Region`, x.span) : region instanceof Unknown ? region : undefined;
    const doubt = mode instanceof Unknown ? mode : covers instanceof Unknown ? covers : (elsewhere ?? x.expansion);
    if (!doubt && mode === 'allow-bidirectional') return true;
    maybe ??= doubt ?? new Unknown(`the exclusion mode of ${x.address} is not known`, x.span);
  }
  return maybe ?? false;
}

/**
 * Whether an exclusion's VPC or subnet is this subnet's. An Unknown when it may be: a target not
 * known before apply, or named by what the configuration does not hold (an id as text, a data
 * source), which may be this subnet or its VPC as it exists.
 */
function coversSubnet(index: ResourceIndex, vpc: Value | undefined, subnet: Value | undefined, s: Subnet, x: ModelResource): boolean | Unknown {
  for (const [v, own] of [[subnet, s.id], [vpc, s.vpc]] as const) {
    if (v === undefined || v === null) continue;
    const ref = refTo(v);
    if (ref !== undefined && index.byAddress.has(ref)) return ref === own;
    if (v instanceof Unknown) return v;
    return new Unknown(`${x.address} excludes ${JSON.stringify(v)}, which the configuration does not hold under that name: it may be ${s.id} or its VPC`, x.span);
  }
  return false;
}
