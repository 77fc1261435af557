import { describe, it, expect } from 'vitest';
import fc from 'fast-check';
import { FIELD, VAR_COUNT, fieldVars } from '../../src/engine/fields.js';
import { HeaderSpace, PROTO, type Packet } from '../../src/engine/header-space.js';
import { AddressSet } from '../../src/model/net/address-set.js';
import { parseIp, prefixMask, prefixRange } from '../../src/model/net/cidr.js';
import {
  NUM_FIELDS,
  NUM_WIDTH,
  addressNear,
  buildSet,
  cidr,
  fieldValue,
  holds,
  packet,
  packetOf,
  prefix,
  setRecipe,
  version,
  address,
} from './arbitraries.js';

const ip = (text: string): bigint => parseIp(text)!.value;

const basePacket: Packet = {
  version: 4,
  srcIp: ip('192.0.2.10'),
  dstIp: ip('10.0.0.5'),
  protocol: PROTO.tcp,
  srcPort: 50000,
  dstPort: 443,
  icmpType: 0,
  icmpCode: 0,
  syn: true,
  ack: false,
  ctState: 'new',
};

describe('layout', () => {
  it('puts the fields in the documented order, most significant bit first', () => {
    expect(FIELD.v6).toEqual({ offset: 0, width: 1 });
    expect(FIELD.dstIp).toEqual({ offset: 1, width: 128 });
    expect(FIELD.srcIp).toEqual({ offset: 129, width: 128 });
    expect(FIELD.dstPort).toEqual({ offset: 257, width: 16 });
    expect(FIELD.ctState).toEqual({ offset: 315, width: 2 });
    expect(FIELD.pub).toEqual({ offset: 317, width: 1 });
    expect(VAR_COUNT).toBe(318);
    expect(fieldVars('tcpFlags')).toEqual([313, 314]);
    expect(fieldVars('srcIp')).toHaveLength(128);
    const hs = new HeaderSpace();
    // Port 32768 has only its top bit set, so it is decided by the field's first variable.
    const sat = hs.bdd.satOne(hs.value('dstPort', 32768))!;
    expect(sat[FIELD.dstPort.offset]).toBe(1);
    // IPv4 lives in the low 32 bits: 0.0.0.1 sets the very last bit of the field.
    const host = hs.bdd.satOne(hs.ipRange('srcIp', 4, 1n, 1n))!;
    expect(host[FIELD.srcIp.offset + 127]).toBe(1);
  });
});

describe('membership against plain arithmetic', () => {
  const hs = new HeaderSpace();

  it('prefix', () => {
    fc.assert(
      fc.property(
        prefix.chain((p) => fc.tuple(fc.constant(p), fc.constantFrom<'srcIp' | 'dstIp'>('srcIp', 'dstIp'), packetOf(p.version, addressNear(p), addressNear(p)), packet)),
        ([p, field, near, far]) => {
          const set = hs.prefix(field, p);
          for (const q of [near, far]) {
            const expected = q.version === p.version && (q[field] & prefixMask(p.version, p.bits)) === p.network;
            expect(hs.contains(set, q)).toBe(expected);
          }
          expect(hs.bdd.implies(set, hs.version(p.version))).toBe(true);
        },
      ),
      { numRuns: 400 },
    );
  });

  it('prefix sets are remembered until the diagrams are reset, then built again', () => {
    const own = new HeaderSpace();
    const p = { version: 4 as const, address: ip('10.1.0.0'), network: ip('10.1.0.0'), bits: 16 };
    const q = { ...basePacket, dstIp: ip('10.1.2.3') };
    const first = own.prefix('dstIp', p);
    expect(own.prefix('dstIp', { ...p })).toBe(first);
    expect(own.prefix('srcIp', p)).not.toBe(first);
    own.bdd.reset();
    expect(own.bdd.epoch).toBe(1);
    expect(own.bdd.nodeCount).toBe(0);
    const again = own.prefix('dstIp', p);
    expect(own.bdd.nodeCount).toBeGreaterThan(0);
    expect(own.contains(again, q)).toBe(true);
    expect(own.contains(again, { ...q, dstIp: ip('10.2.0.1') })).toBe(false);
  });

  it('range and value on every numeric field', () => {
    fc.assert(
      fc.property(
        fc.constantFrom(...NUM_FIELDS).chain((f) => fc.tuple(fc.constant(f), fieldValue(f), fieldValue(f), fc.array(fieldValue(f), { minLength: 1, maxLength: 8 }))),
        ([field, x, y, probes]) => {
          const [lo, hi] = [Math.min(x, y), Math.max(x, y)];
          const set = hs.range(field, lo, hi);
          for (const v of [...probes, lo, hi, lo - 1, hi + 1].filter((v) => v >= 0 && v < 2 ** NUM_WIDTH[field])) {
            const q = { ...basePacket, [field]: v };
            expect(hs.contains(set, q)).toBe(lo <= v && v <= hi);
            expect(hs.contains(hs.value(field, v), q)).toBe(true);
            expect(hs.contains(hs.value(field, lo), q)).toBe(v === lo);
          }
          // O(width) nodes: at most two per bit.
          expect(hs.bdd.size(set)).toBeLessThanOrEqual(2 * NUM_WIDTH[field]);
          expect(hs.range(field, hi, lo)).toBe(lo === hi ? set : hs.none);
        },
      ),
      { numRuns: 400 },
    );
  });

  it('addresses and ipRange', () => {
    fc.assert(
      fc.property(
        fc.array(prefix, { minLength: 1, maxLength: 6 }).chain((ps) =>
          fc.tuple(fc.constant(ps), fc.array(fc.constantFrom(...ps).chain((p) => packetOf(p.version, addressNear(p), addressNear(p))), { maxLength: 6 }), fc.array(packet, { maxLength: 4 })),
        ),
        ([ps, near, far]) => {
          const set = AddressSet.of(ps);
          const node = hs.addresses('dstIp', set);
          expect(node).toBe(hs.bdd.orAll(ps.map((p) => hs.prefix('dstIp', p))));
          expect(hs.prefixes('dstIp', ps)).toBe(node);
          expect(hs.prefixes('dstIp', ps.slice(0, 1))).toBe(hs.addresses('dstIp', AddressSet.of(ps.slice(0, 1))));
          for (const q of [...near, ...far]) {
            const inside = set.intervals(q.version).some(([lo, hi]) => lo <= q.dstIp && q.dstIp <= hi);
            expect(hs.contains(node, q)).toBe(inside);
          }
        },
      ),
      { numRuns: 200 },
    );
    fc.assert(
      fc.property(version.chain((v) => fc.tuple(fc.constant(v), address(v), address(v), address(v))), ([v, x, y, probe]) => {
        const [lo, hi] = x < y ? [x, y] : [y, x];
        const set = hs.ipRange('srcIp', v, lo, hi);
        for (const a of [probe, lo, hi]) {
          expect(hs.contains(set, { ...basePacket, version: v, srcIp: a, dstIp: 0n })).toBe(lo <= a && a <= hi);
        }
      }),
      { numRuns: 300 },
    );
  });

  it('composite sets built from recipes', () => {
    fc.assert(
      fc.property(setRecipe, fc.array(packet, { minLength: 1, maxLength: 10 }), (recipe, packets) => {
        const set = buildSet(hs, recipe);
        for (const q of packets) expect(hs.contains(set, q)).toBe(holds(recipe, q));
      }),
      { numRuns: 300 },
    );
  });

  it('packet() holds exactly its packet', () => {
    fc.assert(
      fc.property(packet, packet, (p, q) => {
        const set = hs.packet(p);
        expect(hs.contains(set, p)).toBe(true);
        const same = JSON.stringify(p, (_, x) => (typeof x === 'bigint' ? x.toString() : x)) === JSON.stringify(q, (_, x) => (typeof x === 'bigint' ? x.toString() : x));
        expect(hs.contains(set, q)).toBe(same);
        // IPv4 leaves the upper 96 bits of both address fields free; the sender bit is no field of a Packet.
        expect(hs.bdd.satCount(set)).toBe(p.version === 4 ? 2 ** 193 : 2);
      }),
      { numRuns: 200 },
    );
  });

  it('flags and connection states', () => {
    for (const s of ['new', 'established', 'related', 'invalid'] as const) {
      expect(hs.contains(hs.ctState(s), { ...basePacket, ctState: s })).toBe(true);
      expect(hs.contains(hs.ctState(s), { ...basePacket, ctState: s === 'new' ? 'invalid' : 'new' })).toBe(false);
    }
    expect(hs.contains(hs.flag('syn', true), basePacket)).toBe(true);
    expect(hs.contains(hs.flag('ack', true), basePacket)).toBe(false);
    expect(hs.bdd.orAll(['new', 'established', 'related', 'invalid'].map((s) => hs.ctState(s as Packet['ctState'])))).toBe(hs.all);
  });

  it('rejects values outside a field', () => {
    expect(() => hs.range('dstPort', 0, 65536)).toThrow(RangeError);
    expect(() => hs.value('protocol', 256)).toThrow(RangeError);
    expect(() => hs.value('icmpType', 1.5)).toThrow(RangeError);
    expect(() => hs.ipRange('dstIp', 4, 0n, 1n << 32n)).toThrow(RangeError);
    expect(() => hs.packet({ ...basePacket, srcPort: -1 })).toThrow(RangeError);
  });
});

describe('IPv4 and IPv6 stay apart', () => {
  const hs = new HeaderSpace();
  const b = hs.bdd;

  it('never share addresses', () => {
    expect(b.and(hs.version(4), hs.version(6))).toBe(hs.none);
    expect(b.or(hs.version(4), hs.version(6))).toBe(hs.all);
    expect(b.and(hs.prefix('dstIp', cidr('0.0.0.0/0')), hs.prefix('dstIp', cidr('::/0')))).toBe(hs.none);
    expect(b.or(hs.prefix('srcIp', cidr('0.0.0.0/0')), hs.prefix('srcIp', cidr('::/0')))).toBe(hs.all);
    expect(hs.prefix('dstIp', cidr('0.0.0.0/0'))).toBe(hs.version(4));
    // An IPv4-mapped IPv6 address is IPv6 space, not the IPv4 address it embeds.
    const mapped: Packet = { ...basePacket, version: 6, srcIp: ip('::ffff:10.0.0.5'), dstIp: ip('::ffff:10.0.0.5') };
    expect(hs.contains(hs.prefix('dstIp', cidr('10.0.0.0/8')), mapped)).toBe(false);
    expect(hs.contains(hs.prefix('dstIp', cidr('::ffff:0:0/96')), mapped)).toBe(true);
    expect(hs.contains(hs.prefix('dstIp', cidr('::ffff:0:0/96')), basePacket)).toBe(false);
  });

  it('a prefix of one version does not depend on the unused bits of the other', () => {
    const set = hs.prefix('srcIp', cidr('10.0.0.0/8'));
    const v4 = hs.bdd.exists(set, Array.from({ length: 96 }, (_, i) => FIELD.srcIp.offset + i));
    expect(v4).toBe(set);
    expect(hs.bdd.satCount(set)).toBe(2 ** (VAR_COUNT - 1 - 8));
  });
});

describe('projections', () => {
  const hs = new HeaderSpace();

  /** Sorted, merged ranges by plain arithmetic. */
  function merge(list: ReadonlyArray<readonly [bigint, bigint]>): Array<[bigint, bigint]> {
    const sorted = [...list].sort((x, y) => (x[0] < y[0] ? -1 : x[0] > y[0] ? 1 : 0));
    const out: Array<[bigint, bigint]> = [];
    for (const [lo, hi] of sorted) {
      const last = out[out.length - 1];
      if (last && lo <= last[1] + 1n) {
        if (hi > last[1]) last[1] = hi;
      } else out.push([lo, hi]);
    }
    return out;
  }
  const mergeNumbers = (list: Array<[number, number]>): Array<[number, number]> =>
    merge(list.map(([lo, hi]) => [BigInt(lo), BigInt(hi)])).map(([lo, hi]) => [Number(lo), Number(hi)]);

  it('ranges() of a union of random ranges is the merged list', () => {
    fc.assert(
      fc.property(
        fc.constantFrom(...NUM_FIELDS).chain((f) =>
          fc.tuple(fc.constant(f), fc.array(fc.tuple(fieldValue(f), fieldValue(f)).map(([x, y]): [number, number] => [Math.min(x, y), Math.max(x, y)]), { maxLength: 6 })),
        ),
        fc.constantFrom('10.0.0.0/8', '2001:db8::/32', '0.0.0.0/0'),
        ([field, list], other) => {
          const union = hs.bdd.orAll(list.map(([lo, hi]) => hs.range(field, lo, hi)));
          expect(hs.ranges(union, field)).toEqual(mergeNumbers(list));
          // Constraining other fields does not change the projection.
          const boxed = hs.bdd.and(union, hs.prefix('dstIp', cidr(other)));
          expect(hs.ranges(boxed, field)).toEqual(mergeNumbers(list));
        },
      ),
      { numRuns: 200 },
    );
  });

  it('ipRanges() of an address set is its intervals, per version', () => {
    fc.assert(
      fc.property(fc.array(prefix, { maxLength: 6 }), fc.constantFrom<'srcIp' | 'dstIp'>('srcIp', 'dstIp'), (ps, field) => {
        const set = AddressSet.of(ps);
        const node = hs.bdd.and(hs.addresses(field, set), hs.protocol(PROTO.udp));
        const got = hs.ipRanges(node, field);
        expect(got.v4).toEqual(set.intervals(4).map(([lo, hi]) => [lo, hi]));
        expect(got.v6).toEqual(set.intervals(6).map(([lo, hi]) => [lo, hi]));
        expect(got.v4).toEqual(merge(ps.filter((p) => p.version === 4).map(prefixRange)));
      }),
      { numRuns: 200 },
    );
  });

  it('projects each field of a union of boxes on its own', () => {
    const b = hs.bdd;
    const set = b.or(b.and(hs.protocol(PROTO.tcp), hs.value('dstPort', 80)), b.and(hs.protocol(PROTO.udp), hs.value('dstPort', 53)));
    expect(hs.ranges(set, 'dstPort')).toEqual([
      [53, 53],
      [80, 80],
    ]);
    expect(hs.ranges(set, 'protocol')).toEqual([
      [6, 6],
      [17, 17],
    ]);
    expect(hs.ranges(set, 'srcPort')).toEqual([[0, 65535]]);
    expect(hs.ranges(hs.none, 'dstPort')).toEqual([]);
    expect(hs.ipRanges(hs.all, 'dstIp')).toEqual({ v4: [[0n, 2n ** 32n - 1n]], v6: [[0n, 2n ** 128n - 1n]] });
    expect(hs.ipRanges(hs.prefix('srcIp', cidr('10.0.0.0/8')), 'srcIp')).toEqual({ v4: [[ip('10.0.0.0'), ip('10.255.255.255')]], v6: [] });
  });
});
