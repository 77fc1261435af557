/** Random packets, prefixes and header sets for the engine's property tests. */
import fc from 'fast-check';
import type { BddNode } from '../../src/engine/bdd.js';
import type { HeaderSpace, NumField, Packet } from '../../src/engine/header-space.js';
import { parseCidr, prefixMask, type IpVersion, type Prefix } from '../../src/model/net/cidr.js';

export const NUM_FIELDS: readonly NumField[] = ['dstPort', 'srcPort', 'protocol', 'icmpType', 'icmpCode'];
export const NUM_WIDTH: Readonly<Record<NumField, number>> = { dstPort: 16, srcPort: 16, protocol: 8, icmpType: 8, icmpCode: 8 };

export const cidr = (text: string): Prefix => {
  const p = parseCidr(text);
  if (!p) throw new Error(`bad test prefix ${text}`);
  return p;
};

const maxAddress = (v: IpVersion): bigint => (1n << (v === 4 ? 32n : 128n)) - 1n;

export const version: fc.Arbitrary<IpVersion> = fc.constantFrom<IpVersion>(4, 6);

export const address = (v: IpVersion): fc.Arbitrary<bigint> => fc.bigInt({ min: 0n, max: maxAddress(v) });

export const prefix: fc.Arbitrary<Prefix> = version.chain((v) =>
  fc.tuple(address(v), fc.integer({ min: 0, max: v === 4 ? 32 : 128 })).map(([a, bits]) => ({
    version: v,
    address: a,
    network: a & prefixMask(v, bits),
    bits,
  })),
);

/** Addresses near `p`: inside it half of the time, so membership tests see both answers. */
export const addressNear = (p: Prefix): fc.Arbitrary<bigint> =>
  fc.oneof(
    address(p.version),
    address(p.version).map((x) => p.network | (x & ~prefixMask(p.version, p.bits) & maxAddress(p.version))),
  );

export const packetOf = (v: IpVersion, src: fc.Arbitrary<bigint>, dst: fc.Arbitrary<bigint>): fc.Arbitrary<Packet> =>
  fc.record({
    version: fc.constant(v),
    srcIp: src,
    dstIp: dst,
    protocol: fc.oneof(fc.constantFrom(1, 6, 17, 58), fc.integer({ min: 0, max: 255 })),
    srcPort: fc.integer({ min: 0, max: 65535 }),
    dstPort: fc.oneof(fc.constantFrom(22, 80, 443), fc.integer({ min: 0, max: 65535 })),
    icmpType: fc.integer({ min: 0, max: 255 }),
    icmpCode: fc.integer({ min: 0, max: 255 }),
    syn: fc.boolean(),
    ack: fc.boolean(),
    ctState: fc.constantFrom<Packet['ctState']>('new', 'established', 'related', 'invalid'),
  });

export const packet: fc.Arbitrary<Packet> = version.chain((v) => packetOf(v, address(v), address(v)));

/** A value of a numeric field, with the edges of the field over-represented. */
export const fieldValue = (f: NumField): fc.Arbitrary<number> =>
  fc.oneof(fc.integer({ min: 0, max: 2 ** NUM_WIDTH[f] - 1 }), fc.constantFrom(0, 1, 2 ** NUM_WIDTH[f] - 1));

/** A recipe for a header set, so a test can build it in a HeaderSpace and also judge packets directly. */
export type SetRecipe =
  | { k: 'prefix'; field: 'srcIp' | 'dstIp'; p: Prefix }
  | { k: 'range'; field: NumField; lo: number; hi: number }
  | { k: 'flag'; f: 'syn' | 'ack'; on: boolean }
  | { k: 'state'; s: Packet['ctState'] }
  | { k: 'and' | 'or' | 'diff'; a: SetRecipe; b: SetRecipe };

const leaf: fc.Arbitrary<SetRecipe> = fc.oneof(
  fc.tuple(fc.constantFrom<'srcIp' | 'dstIp'>('srcIp', 'dstIp'), prefix).map(([field, p]): SetRecipe => ({ k: 'prefix', field, p })),
  fc
    .constantFrom(...NUM_FIELDS)
    .chain((field) => fc.tuple(fc.constant(field), fieldValue(field), fieldValue(field)))
    .map(([field, x, y]): SetRecipe => ({ k: 'range', field, lo: Math.min(x, y), hi: Math.max(x, y) })),
  fc.tuple(fc.constantFrom<'syn' | 'ack'>('syn', 'ack'), fc.boolean()).map(([f, on]): SetRecipe => ({ k: 'flag', f, on })),
  fc.constantFrom<Packet['ctState']>('new', 'established', 'related', 'invalid').map((s): SetRecipe => ({ k: 'state', s })),
);

export const setRecipe: fc.Arbitrary<SetRecipe> = fc.letrec<{ set: SetRecipe }>((tie) => ({
  set: fc.oneof(
    { depthSize: 'small', withCrossShrink: true },
    leaf,
    fc
      .tuple(fc.constantFrom('and', 'or', 'diff') as fc.Arbitrary<'and' | 'or' | 'diff'>, tie('set'), tie('set'))
      .map(([k, a, b]): SetRecipe => ({ k, a, b })),
  ),
})).set;

export function buildSet(hs: HeaderSpace, r: SetRecipe): BddNode {
  switch (r.k) {
    case 'prefix':
      return hs.prefix(r.field, r.p);
    case 'range':
      return hs.range(r.field, r.lo, r.hi);
    case 'flag':
      return hs.flag(r.f, r.on);
    case 'state':
      return hs.ctState(r.s);
    case 'and':
      return hs.bdd.and(buildSet(hs, r.a), buildSet(hs, r.b));
    case 'or':
      return hs.bdd.or(buildSet(hs, r.a), buildSet(hs, r.b));
    case 'diff':
      return hs.bdd.diff(buildSet(hs, r.a), buildSet(hs, r.b));
  }
}

/** Membership decided by plain arithmetic on the packet. */
export function holds(r: SetRecipe, p: Packet): boolean {
  switch (r.k) {
    case 'prefix':
      return p.version === r.p.version && (p[r.field] & prefixMask(r.p.version, r.p.bits)) === r.p.network;
    case 'range':
      return r.lo <= p[r.field] && p[r.field] <= r.hi;
    case 'flag':
      return p[r.f] === r.on;
    case 'state':
      return p.ctState === r.s;
    case 'and':
      return holds(r.a, p) && holds(r.b, p);
    case 'or':
      return holds(r.a, p) || holds(r.b, p);
    case 'diff':
      return holds(r.a, p) && !holds(r.b, p);
  }
}
