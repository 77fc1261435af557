/**
 * A witness packet for a header set, chosen to read well in a finding ("tcp 8.8.8.8:49152 →
 * 10.0.0.1:443") rather than whatever the diagram's leftmost path happens to be.
 *
 * The set is REFINED field by field: each step intersects it with the first candidate that keeps it
 * non-empty (and keeps it unchanged when none does), so every later choice stays consistent with the
 * earlier ones and the result is always a member. Order and candidates:
 * 1. protocol: the caller's `protocols`, else tcp, udp, icmp, icmpv6; failing those, the lowest one
 *    the set allows. The protocol is therefore fixed from here on.
 * 2. for port-carrying protocols (tcp, udp, sctp): destination port from the caller's `dstPorts`,
 *    else 443, 80, 22, else the lowest allowed; source port an ephemeral one (≥ 49152) when allowed,
 *    else the lowest allowed.
 * 3. source, then destination address: the caller's `srcIps` / `dstIps` (a value below 2^32 is tried
 *    as IPv4 first, then as IPv6), else well-known public hosts (8.8.8.8, 1.1.1.1, 203.0.113.1), else
 *    private space (10.0.0.0/8, 172.16.0.0/12, 192.168.0.0/16), else the IPv6 counterparts
 *    (2001:4860:4860::8888, 2606:4700:4700::1111, 2001:db8::1, fd00::/8). A destination after a
 *    source that is one of the public hosts tries private space first, of either version, and never
 *    that host again.
 * 4. tcp: syn set and ack clear together (a connection attempt); when the set rules that out, the
 *    flags are left to the final step, which reads as a plain segment (ack alone, or neither).
 *    icmp / icmpv6: echo request, then code 0.
 * 5. connection state new.
 * Whatever is still free is settled by `Bdd.satOne` preferring 0, except the last bit of each address,
 * which prefers 1, so a free address reads as a host (10.0.0.1) rather than a network (10.0.0.0).
 * A destination that settles on the source's own address moves to a neighbour the set holds.
 * Preferred values outside a field's range are skipped.
 */
import { parseIp } from '../model/net/cidr.js';
import { FALSE, type BddNode } from './bdd.js';
import { FIELD, VAR_COUNT } from './fields.js';
import { CT_STATES, PROTO, ipBits, type IpField, type NumField, type Packet } from './packet.js';
import type { HeaderSpace } from './header-space.js';

export interface WitnessPrefs {
  dstPorts?: number[];
  protocols?: number[];
  srcIps?: bigint[];
  dstIps?: bigint[];
}

const DEFAULT_PROTOCOLS = [PROTO.tcp, PROTO.udp, PROTO.icmp, PROTO.icmpv6];
const PORT_PROTOCOLS: ReadonlySet<number> = new Set([PROTO.tcp, PROTO.udp, 132]);
const DEFAULT_DST_PORTS = [443, 80, 22];
const EPHEMERAL: readonly [number, number] = [49152, 65535];
const ECHO_REQUEST: Readonly<Record<number, number>> = { [PROTO.icmp]: 8, [PROTO.icmpv6]: 128 };

/** Address candidates as [text, prefix length]; a full-length entry is a single host. */
const PUBLIC_V4: ReadonlyArray<readonly [string, number]> = [
  ['8.8.8.8', 32],
  ['1.1.1.1', 32],
  ['203.0.113.1', 32],
];
const PRIVATE_V4: ReadonlyArray<readonly [string, number]> = [
  ['10.0.0.0', 8],
  ['172.16.0.0', 12],
  ['192.168.0.0', 16],
];
const PUBLIC_V6: ReadonlyArray<readonly [string, number]> = [
  ['2001:4860:4860::8888', 128],
  ['2606:4700:4700::1111', 128],
  ['2001:db8::1', 128],
];
const PRIVATE_V6: ReadonlyArray<readonly [string, number]> = [['fd00::', 8]];
const DEFAULT_ADDRESSES = [...PUBLIC_V4, ...PRIVATE_V4, ...PUBLIC_V6, ...PRIVATE_V6];
const PUBLIC_HOSTS: ReadonlySet<readonly [string, number]> = new Set([...PUBLIC_V4, ...PUBLIC_V6]);
/** After a public source: a destination that may be anything reads as a private host. */
const PRIVATE_FIRST = [...PRIVATE_V4, ...PUBLIC_V4, ...PRIVATE_V6, ...PUBLIC_V6];

export function findWitness(hs: HeaderSpace, set: BddNode, prefs: WitnessPrefs): Packet | undefined {
  if (set === FALSE) return undefined;
  const bdd = hs.bdd;
  let s = set;
  const refine = (candidates: Iterable<BddNode>): boolean => {
    for (const c of candidates) {
      const r = bdd.and(s, c);
      if (r !== FALSE) {
        s = r;
        return true;
      }
    }
    return false;
  };
  const lowest = (field: NumField): BddNode => hs.value(field, hs.ranges(s, field)[0]![0]);
  const values = function* (field: NumField, list: Iterable<number>): Generator<BddNode> {
    const max = 2 ** FIELD[field].width;
    for (const v of list) if (Number.isInteger(v) && v >= 0 && v < max) yield hs.value(field, v);
  };

  if (!refine(values('protocol', prefs.protocols ?? DEFAULT_PROTOCOLS))) refine([lowest('protocol')]);
  const protocol = hs.ranges(s, 'protocol')[0]![0];

  if (PORT_PROTOCOLS.has(protocol)) {
    if (!refine(values('dstPort', prefs.dstPorts ?? DEFAULT_DST_PORTS))) refine([lowest('dstPort')]);
    if (!refine([hs.range('srcPort', EPHEMERAL[0], EPHEMERAL[1])])) refine([lowest('srcPort')]);
  }

  // From a public host, a destination that may be anything reads as a private one (8.8.8.8 →
  // 10.0.0.1), never as the source itself.
  const from: { host?: readonly [string, number] } = {};
  refine(addressCandidates(hs, 'srcIp', prefs.srcIps, undefined, from));
  refine(addressCandidates(hs, 'dstIp', prefs.dstIps, from.host));

  if (protocol === PROTO.tcp) refine([bdd.and(hs.flag('syn', true), hs.flag('ack', false))]);
  const echo = ECHO_REQUEST[protocol];
  if (echo !== undefined) {
    refine([hs.value('icmpType', echo)]);
    refine([hs.value('icmpCode', 0)]);
  }
  refine([hs.ctState('new')]);

  const hostBits = new Set([ipBits('srcIp', 6), ipBits('dstIp', 6)].map((at) => at.offset + at.width - 1));
  const bits = bdd.satOne(s, (v) => (hostBits.has(v) ? 1 : 0))!;
  const p = decode(bits);
  if (!hs.contains(set, p)) throw new Error('witness: internal error, the chosen packet is outside the set');
  return p.srcIp === p.dstIp ? (apart(hs, set, p) ?? p) : p;
}

/**
 * Address candidates in order. The refinement stops at the first that fits, so `chosen.host`, set as
 * each default is offered, ends naming the public host taken, if one was. After a public source host
 * (`after`) the defaults put private space first and skip that host, so a destination that must be
 * public reads as another one (8.8.8.8 → 1.1.1.1).
 */
function* addressCandidates(hs: HeaderSpace, field: IpField, mine: readonly bigint[] | undefined, after?: readonly [string, number], chosen?: { host?: readonly [string, number] }): Generator<BddNode> {
  for (const a of mine ?? []) {
    if (a >= 0n && a < 1n << 32n) yield hs.ipRange(field, 4, a, a);
    if (a >= 0n && a < 1n << 128n) yield hs.ipRange(field, 6, a, a);
  }
  for (const entry of after ? PRIVATE_FIRST : DEFAULT_ADDRESSES) {
    if (entry === after) continue;
    const [text, bits] = entry;
    const ip = parseIp(text)!;
    if (chosen) chosen.host = PUBLIC_HOSTS.has(entry) ? entry : undefined;
    yield hs.prefix(field, { version: ip.version, address: ip.value, network: ip.value, bits });
  }
  if (chosen) chosen.host = undefined;
}

/**
 * Two hosts of one range both settle on its first host (10.0.2.1 → 10.0.2.1), which reads as a
 * host talking to itself: the destination moves to a neighbouring address the set also holds.
 */
function apart(hs: HeaderSpace, set: BddNode, p: Packet): Packet | undefined {
  const top = 1n << (p.version === 4 ? 32n : 128n);
  for (const d of [p.dstIp + 1n, p.dstIp - 1n]) {
    if (d < 0n || d >= top) continue;
    const q = { ...p, dstIp: d };
    if (hs.contains(set, q)) return q;
  }
  return undefined;
}

function decode(bits: Uint8Array): Packet {
  const read = (offset: number, width: number): bigint => {
    let v = 0n;
    for (let i = 0; i < width; i++) v = (v << 1n) | BigInt(bits[offset + i]!);
    return v;
  };
  const num = (field: NumField | 'ctState'): number => Number(read(FIELD[field].offset, FIELD[field].width));
  // Variables after the header's belong to the caller (HeaderSpace's extraVars) and are not decoded.
  if (bits.length < VAR_COUNT) throw new Error('witness: assignment has the wrong length');
  const version = bits[FIELD.v6.offset] ? 6 : 4;
  const ip = (field: IpField): bigint => {
    const at = ipBits(field, version);
    return read(at.offset, at.width);
  };
  return {
    version,
    srcIp: ip('srcIp'),
    dstIp: ip('dstIp'),
    protocol: num('protocol'),
    srcPort: num('srcPort'),
    dstPort: num('dstPort'),
    icmpType: num('icmpType'),
    icmpCode: num('icmpCode'),
    syn: bits[FIELD.tcpFlags.offset] === 1,
    ack: bits[FIELD.tcpFlags.offset + 1] === 1,
    ctState: CT_STATES[num('ctState')]!,
  };
}
