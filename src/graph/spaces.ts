/**
 * The address spaces the graph starts from: each external network's prefixes, and the implicit
 * `internet` — every address outside the private ranges (RFC 1918, RFC 6598 shared space, loopback,
 * link-local, 0.0.0.0/8, IPv6 unique-local and link-local) that no zone or external claims (product.md §4).
 */
import type { BddNode } from '../engine/bdd.js';
import type { HeaderSpace, IpField } from '../engine/header-space.js';
import type { GridfenceConfig } from '../config/types.js';
import { parseCidr, type Prefix } from '../model/net/cidr.js';

const PRIVATE_RANGES = ['10.0.0.0/8', '172.16.0.0/12', '192.168.0.0/16', '100.64.0.0/10', '127.0.0.0/8', '169.254.0.0/16', '0.0.0.0/8', 'fc00::/7', 'fe80::/10', '::1/128'];

export interface ExternalSpace {
  name: string;
  role: string;
  prefixes: Prefix[];
  transport?: 'internet' | 'closed';
}

function externalSpaces(config: GridfenceConfig | undefined): ExternalSpace[] {
  return Object.entries(config?.externals ?? {}).map(([name, e]) => ({
    name,
    role: e.role,
    prefixes: (e.cidrs ?? []).map((c) => parseCidr(c)).filter((p): p is Prefix => p !== undefined),
    transport: e.transport,
  }));
}

export interface Spaces {
  externals: ExternalSpace[];
  /** Per external name, its addresses on a field. */
  external(name: string, field: IpField): BddNode;
  /** The internet on a field: public space that nothing declared claims. */
  internet(field: IpField): BddNode;
  /**
   * Public space that no zone claims, the externals' included: the source addresses a datagram from
   * the internet can claim. Private ranges are left out, as the internet's border filters drop them (BCP 38).
   */
  forgeable(field: IpField): BddNode;
  /** Addresses that belong to some declared external. */
  anyExternal(field: IpField): BddNode;
  /** A zone's `match.cidrs`. */
  zoneCidrs(zone: string): Prefix[];
  /** Every prefix of gridfence.yaml: the externals' and the zones'. */
  declared: Prefix[];
}

export function spaces(hs: HeaderSpace, config: GridfenceConfig | undefined): Spaces {
  const externals = externalSpaces(config);
  const zoneCidrs = Object.values(config?.zones ?? {}).flatMap((z) => (z.match?.cidrs ?? []).map((c) => parseCidr(c)).filter((p): p is Prefix => p !== undefined));
  const privateRanges = PRIVATE_RANGES.map((c) => parseCidr(c)!);
  const memo = new Map<string, BddNode>();
  const cached = (key: string, f: () => BddNode): BddNode => {
    let v = memo.get(key);
    if (v === undefined) memo.set(key, (v = f()));
    return v;
  };
  const anyExternal = (field: IpField): BddNode => cached(`ext ${field}`, () => hs.prefixes(field, externals.flatMap((e) => e.prefixes)));
  return {
    externals,
    declared: [...externals.flatMap((e) => e.prefixes), ...zoneCidrs],
    external: (name, field) => cached(`${name} ${field}`, () => hs.prefixes(field, externals.find((e) => e.name === name)?.prefixes ?? [])),
    anyExternal,
    zoneCidrs: (zone) => (config?.zones?.[zone]?.match?.cidrs ?? []).map((c) => parseCidr(c)).filter((p): p is Prefix => p !== undefined),
    forgeable: (field) => cached(`forgeable ${field}`, () => hs.bdd.not(hs.prefixes(field, [...privateRanges, ...zoneCidrs]))),
    internet: (field) => cached(`internet ${field}`, () => hs.bdd.diff(hs.bdd.not(hs.prefixes(field, [...privateRanges, ...zoneCidrs])), anyExternal(field))),
  };
}
