/**
 * The addresses the configuration declares: zone and external CIDRs, registered sources, and the
 * prefixes of resources placed in zones (a zone's subnets). A source outside them is undeclared.
 */
import { AddressSet } from '../../model/net/address-set.js';
import { parsePrefixOrAddress, type Prefix } from '../../model/net/cidr.js';
import type { RuleContext } from '../rule.js';
import { elements } from '../../model/read.js';

const OWN_PREFIXES = ['cidr_block', 'ipv6_cidr_block', 'address_prefixes', 'ip_cidr_range'];

export function declaredAddresses(ctx: RuleContext<unknown>): AddressSet {
  const prefixes: Prefix[] = [];
  const add = (t: unknown): void => {
    if (typeof t !== 'string') return;
    const p = parsePrefixOrAddress(t);
    if (p) prefixes.push(p);
  };
  for (const z of Object.values(ctx.config?.zones ?? {})) for (const c of z.match?.cidrs ?? []) add(c);
  for (const x of Object.values(ctx.config?.externals ?? {})) {
    for (const c of x.cidrs ?? []) add(c);
    for (const c of x['registered-sources'] ?? []) add(c);
  }
  for (const r of ctx.model.resources) {
    if (!ctx.zones.zoneOf(r.address)) continue;
    for (const k of OWN_PREFIXES) for (const v of elements(r.attributes[k])) add(v);
  }
  return AddressSet.of(prefixes);
}
