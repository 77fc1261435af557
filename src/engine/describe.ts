/**
 * Text for the projections of a header set, for findings and reports. Each field is projected on
 * its own; lists are joined with ", ", and an empty projection reads "none".
 */
import { formatPrefix } from '../model/net/cidr.js';
import type { BddNode } from './bdd.js';
import type { HeaderSpace } from './header-space.js';
import { PROTO, type IpField } from './packet.js';
import { prefixCover } from './intervals.js';

const PROTOCOL_NAMES: ReadonlyMap<number, string> = new Map(Object.entries(PROTO).map(([name, n]) => [n, name]));

export function describeSet(
  hs: HeaderSpace,
  set: BddNode,
): { protocol: string; source: string; destination: string; ports: string } {
  return {
    protocol: protocols(hs.ranges(set, 'protocol')),
    source: addresses(hs, set, 'srcIp'),
    destination: addresses(hs, set, 'dstIp'),
    ports: numbers(hs.ranges(set, 'dstPort'), 65535, String),
  };
}

/** "any" for the whole field; single values by `name`, runs as "lo-hi" in numbers. */
function numbers(ranges: Array<[number, number]>, max: number, name: (n: number) => string): string {
  if (ranges.length === 0) return 'none';
  if (ranges.length === 1 && ranges[0]![0] === 0 && ranges[0]![1] === max) return 'any';
  return ranges.map(([lo, hi]) => (lo === hi ? name(lo) : `${lo}-${hi}`)).join(', ');
}

/** Protocols by name; all but one or two of them as "any but tcp" (what a packet that asks for no reply may be). */
function protocols(ranges: Array<[number, number]>): string {
  const name = (n: number): string => PROTOCOL_NAMES.get(n) ?? String(n);
  const missing: number[] = [];
  let next = 0;
  for (const [lo, hi] of [...ranges, [256, 256] as [number, number]]) {
    for (let n = next; n < lo && missing.length <= 2; n++) missing.push(n);
    next = hi + 1;
  }
  if (ranges.length > 0 && missing.length > 0 && missing.length <= 2) return `any but ${missing.map(name).join(', ')}`;
  return numbers(ranges, 255, name);
}

/** Minimal prefix covers, IPv4 before IPv6, each in ascending order. */
function addresses(hs: HeaderSpace, set: BddNode, field: IpField): string {
  const { v4, v6 } = hs.ipRanges(set, field);
  const out: string[] = [];
  for (const [version, list, width] of [
    [4, v4, 32],
    [6, v6, 128],
  ] as const) {
    for (const [lo, hi] of list) {
      for (const [network, bits] of prefixCover(lo, hi, width)) out.push(formatPrefix(version, network, bits));
    }
  }
  return out.length === 0 ? 'none' : out.join(', ');
}
