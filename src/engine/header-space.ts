/**
 * Sets of packets as BDDs over the header layout of `fields.ts`: constructors for the constraints
 * firewall rules express, membership, projections and a readable witness.
 *
 * Contracts:
 * - Every set built here that mentions an address or prefix also fixes the IP version, so IPv4 and
 *   IPv6 space never overlap; IPv4 constraints never constrain the upper 96 bits of an IP field.
 * - `contains(set, p)` holds iff `set ∧ packet(p)` is non-empty, so the unused upper bits of an IPv4
 *   packet and the sender bit (`pub`, no field of a Packet) never decide membership.
 * - Numbers outside a field's width, non-integers and malformed prefixes throw a RangeError rather
 *   than silently wrapping.
 */
import { AddressSet } from '../model/net/address-set.js';
import { addressBits, type IpVersion, type Prefix } from '../model/net/cidr.js';
import { Bdd, FALSE, TRUE, type BddNode } from './bdd.js';
import { prefixChain, rangeChain } from './bit-chains.js';
import { describeSet } from './describe.js';
import { ACK_VAR, FIELD, SYN_VAR, VAR_COUNT } from './fields.js';
import { intervalsOf } from './intervals.js';
import { CT_STATES, ipBits, type IpField, type NumField, type Packet } from './packet.js';
import { findWitness, type WitnessPrefs } from './witness.js';

export type { WitnessPrefs } from './witness.js';
export { CT_STATES, PROTO, ipBits } from './packet.js';
export type { IpField, NumField, Packet } from './packet.js';

export class HeaderSpace {
  readonly bdd: Bdd;
  readonly all: BddNode = TRUE;
  readonly none: BddNode = FALSE;

  /** Variables outside a run, keyed "offset:width", for projections. */
  private readonly outside = new Map<string, number[]>();

  /**
   * `extraVars` variables after the header's (numbered from VAR_COUNT) are the caller's own, such as
   * interface classes; sets that test them must be projected off them before `witness`, `describe`
   * or `contains`. `expectedNodes` sizes the diagram tables (see `Bdd`).
   */
  constructor(extraVars = 0, expectedNodes?: number) {
    this.bdd = new Bdd(VAR_COUNT + extraVars, expectedNodes);
  }

  version(v: IpVersion): BddNode {
    return v === 4 ? this.bdd.nvariable(FIELD.v6.offset) : this.bdd.variable(FIELD.v6.offset);
  }

  prefix(field: IpField, p: Prefix): BddNode {
    // Thousands of rules and subnets name the same few prefixes; the memo lives as long as the handles.
    if (this.prefixEpoch !== this.bdd.epoch) {
      this.prefixMemo.clear();
      this.prefixEpoch = this.bdd.epoch;
    }
    const key = `${field} ${p.version} ${p.network} ${p.bits}`;
    let set = this.prefixMemo.get(key);
    if (set === undefined) {
      const width = addressBits(p.version);
      if (!Number.isInteger(p.bits) || p.bits < 0 || p.bits > width) throw new RangeError(`prefix length ${p.bits} is out of range`);
      checkAddress(p.version, p.network);
      const at = ipBits(field, p.version);
      set = this.withVersion(p.version, prefixChain(this.bdd, at.offset, at.width, p.network, p.bits));
      this.prefixMemo.set(key, set);
    }
    return set;
  }
  private readonly prefixMemo = new Map<string, BddNode>();
  private prefixEpoch = 0;

  /** The union of the prefixes (empty for none). */
  prefixes(field: IpField, list: readonly Prefix[]): BddNode {
    // One prefix (an endpoint's address, a rule's CIDR): the same set by canonicity, and remembered.
    if (list.length === 1) return this.prefix(field, list[0]!);
    return this.addresses(field, AddressSet.of(list));
  }

  /** The union of the set's IPv4 and IPv6 intervals. */
  addresses(field: IpField, set: AddressSet): BddNode {
    const parts: BddNode[] = [];
    for (const version of [4, 6] as const) {
      for (const [lo, hi] of set.intervals(version)) parts.push(this.ipRange(field, version, lo, hi));
    }
    return this.bdd.orAll(parts);
  }

  /**
   * Addresses lo..hi inclusive of one version. Built as "≥ lo ∧ ≤ hi" in O(width) nodes; by
   * canonicity this is the same handle as the union of the interval's minimal prefix cover.
   */
  ipRange(field: IpField, version: IpVersion, lo: bigint, hi: bigint): BddNode {
    checkAddress(version, lo);
    checkAddress(version, hi);
    if (lo > hi) return FALSE;
    const at = ipBits(field, version);
    return this.withVersion(version, rangeChain(this.bdd, at.offset, at.width, lo, hi));
  }

  /** lo..hi inclusive; empty when lo > hi. */
  range(field: NumField, lo: number, hi: number): BddNode {
    const { offset, width } = FIELD[field];
    checkUint(field, lo, width);
    checkUint(field, hi, width);
    return rangeChain(this.bdd, offset, width, BigInt(lo), BigInt(hi));
  }

  value(field: NumField, v: number): BddNode {
    const { offset, width } = FIELD[field];
    checkUint(field, v, width);
    return prefixChain(this.bdd, offset, width, BigInt(v), width);
  }

  protocol(p: number): BddNode {
    return this.value('protocol', p);
  }

  ctState(s: Packet['ctState']): BddNode {
    const code = CT_STATES.indexOf(s);
    if (code < 0) throw new RangeError(`unknown connection state ${String(s)}`);
    const { offset, width } = FIELD.ctState;
    return prefixChain(this.bdd, offset, width, BigInt(code), width);
  }

  /** Packets whose sending host has (`on`) or has not a public address (fields.ts `pub`). */
  publicOrigin(on: boolean): BddNode {
    return on ? this.bdd.variable(FIELD.pub.offset) : this.bdd.nvariable(FIELD.pub.offset);
  }

  flag(f: 'syn' | 'ack', on: boolean): BddNode {
    const v = f === 'syn' ? SYN_VAR : ACK_VAR;
    return on ? this.bdd.variable(v) : this.bdd.nvariable(v);
  }

  /** The set holding exactly this packet; for IPv4 the upper 96 bits of both IP fields stay free. */
  packet(p: Packet): BddNode {
    const want = packetBits(p, this.bdd.varCount);
    let node: BddNode = TRUE;
    for (let v = want.length - 1; v >= 0; v--) {
      const bit = want[v]!;
      if (bit !== 2) node = bit ? this.bdd.mk(v, FALSE, node) : this.bdd.mk(v, node, FALSE);
    }
    return node;
  }

  contains(set: BddNode, p: Packet): boolean {
    return this.membership(p)(set);
  }

  /**
   * Membership of one packet in many sets: the packet's bits are laid out once. `membership(p)(s)`
   * is `contains(s, p)`; for a packet, `set ∧ packet(p)` is non-empty iff this holds, so a search
   * that follows one packet can test sets without building their conjunction.
   */
  membership(p: Packet): (set: BddNode) => boolean {
    // 0 or 1 per fixed bit, 2 where the packet leaves a bit free (IPv4's upper 96 bits, the sender bit).
    const want = packetBits(p, this.bdd.varCount);
    const bdd = this.bdd;
    return (set) => {
      const dead = new Set<BddNode>();
      const sat = (n: BddNode): boolean => {
        while (n >= 2) {
          const bit = want[bdd.topVar(n)]!;
          if (bit === 2) {
            if (dead.has(n)) return false;
            const ok = sat(bdd.low(n)) || sat(bdd.high(n));
            if (!ok) dead.add(n);
            return ok;
          }
          n = bit === 1 ? bdd.high(n) : bdd.low(n);
        }
        return n === TRUE;
      };
      return sat(set);
    };
  }

  /** A readable packet in `set`, or undefined when it is empty; see `witness.ts` for the choices. */
  witness(set: BddNode, prefs?: WitnessPrefs): Packet | undefined {
    return findWitness(this, set, prefs ?? {});
  }

  /** Projection of `set` onto one numeric field as sorted, disjoint, merged inclusive ranges. */
  ranges(set: BddNode, field: NumField): Array<[number, number]> {
    const { offset, width } = FIELD[field];
    return this.project(set, offset, width).map(([lo, hi]) => [Number(lo), Number(hi)]);
  }

  /** Projection of `set` onto an IP field, per version, as sorted, disjoint, merged inclusive ranges. */
  ipRanges(set: BddNode, field: IpField): { v4: Array<[bigint, bigint]>; v6: Array<[bigint, bigint]> } {
    const run = (version: IpVersion): Array<[bigint, bigint]> => {
      const at = ipBits(field, version);
      return this.project(this.bdd.and(set, this.version(version)), at.offset, at.width);
    };
    return { v4: run(4), v6: run(6) };
  }

  /**
   * Readable projections of `set`, each taken on its own (so together they describe the smallest
   * box around the set, not the set): protocols ("tcp", "udp, icmp", "6-17", "any"), source and
   * destination as minimal prefix lists, IPv4 first ("0.0.0.0/0, ::/0", "10.0.0.0/8"), destination
   * ports ("443", "1024-65535", "any"). An empty projection reads "none".
   */
  describe(set: BddNode): { protocol: string; source: string; destination: string; ports: string } {
    return describeSet(this, set);
  }

  /** version(v) ∧ node, for a node that does not test the version bit. */
  private withVersion(v: IpVersion, node: BddNode): BddNode {
    const at = FIELD.v6.offset;
    return v === 4 ? this.bdd.mk(at, node, FALSE) : this.bdd.mk(at, FALSE, node);
  }

  /** The values of the run offset..offset+width-1 that some packet of `set` takes. */
  private project(set: BddNode, offset: number, width: number): Array<[bigint, bigint]> {
    if (set === FALSE) return [];
    const key = `${offset}:${width}`;
    let others = this.outside.get(key);
    if (!others) {
      others = [];
      for (let v = 0; v < VAR_COUNT; v++) if (v < offset || v >= offset + width) others.push(v);
      this.outside.set(key, others);
    }
    return intervalsOf(this.bdd, this.bdd.exists(set, others), offset, width);
  }
}

function checkUint(what: string, v: number, width: number): void {
  if (!Number.isInteger(v) || v < 0 || v >= 2 ** width) throw new RangeError(`${what}: ${v} is not a ${width}-bit value`);
}

function checkAddress(version: IpVersion, a: bigint): void {
  if (a < 0n || a >= 1n << BigInt(addressBits(version))) throw new RangeError(`${a} is not an IPv${version} address`);
}

/**
 * 0 or 1 for every header bit `p` fixes, 2 for the bits it leaves free (IPv4's unused upper bits,
 * and any variables after the header's). Fields are written least significant bit last; wide
 * ones a 32-bit word at a time, so that BigInt arithmetic runs per word, not per bit.
 */
function packetBits(p: Packet, varCount: number): Uint8Array {
  const want = new Uint8Array(varCount).fill(2);
  const word = (end: number, from: number, w: number): void => {
    for (let i = end - 1; i >= from; i--) {
      want[i] = w & 1;
      w >>>= 1;
    }
  };
  const put = (offset: number, width: number, value: bigint): void => {
    let v = value;
    for (let end = offset + width; end > offset; end -= 32) {
      word(end, Math.max(offset, end - 32), Number(BigInt.asUintN(32, v)));
      v >>= 32n;
    }
  };
  const num = (field: NumField, v: number): void => {
    const { offset, width } = FIELD[field];
    checkUint(field, v, width);
    word(offset + width, offset, v);
  };
  if (p.version !== 4 && p.version !== 6) throw new RangeError(`unknown IP version ${String(p.version)}`);
  want[FIELD.v6.offset] = p.version === 6 ? 1 : 0;
  for (const field of ['dstIp', 'srcIp'] as const) {
    checkAddress(p.version, p[field]);
    const at = ipBits(field, p.version);
    put(at.offset, at.width, p[field]);
  }
  num('dstPort', p.dstPort);
  num('srcPort', p.srcPort);
  num('protocol', p.protocol);
  num('icmpType', p.icmpType);
  num('icmpCode', p.icmpCode);
  want[SYN_VAR] = p.syn ? 1 : 0;
  want[ACK_VAR] = p.ack ? 1 : 0;
  const state = CT_STATES.indexOf(p.ctState);
  if (state < 0) throw new RangeError(`unknown connection state ${String(p.ctState)}`);
  word(FIELD.ctState.offset + FIELD.ctState.width, FIELD.ctState.offset, state);
  return want;
}
