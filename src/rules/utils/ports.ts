/** Human text for a protocol and port range as security groups write them. */
import type { Value } from '../../model/value.js';
import { num } from '../../graph/aws/common.js';
import { table } from '../../model/table.js';

const PROTOCOL_NAMES: Record<string, string> = table({ '-1': 'all', all: 'all', '6': 'tcp', '17': 'udp', '1': 'icmp', '58': 'icmpv6' });

/** A protocol that is not text or a number (unknown, or malformed) is named as every protocol: it may be any. */
export function protocolName(p: Value | undefined): string {
  if (typeof p !== 'string' && typeof p !== 'number') return 'all';
  const s = String(p).toLowerCase();
  return PROTOCOL_NAMES[s] ?? s;
}

/** "tcp/443", "tcp/8000-8100", "all traffic"; `p` is the protocol as protocolName names it. */
export function serviceText(p: string, from: Value | undefined, to: Value | undefined): string {
  if (p === 'all') return 'all traffic';
  if (from === undefined || from === null || typeof from === 'object') return p;
  const f = String(from);
  const t = to === undefined || to === null || typeof to === 'object' ? f : String(to);
  if ((f === '0' && (t === '0' || t === '65535')) || f === '-1') return `${p}/any port`;
  return f === t ? `${p}/${f}` : `${p}/${f}-${t}`;
}

/**
 * A numeric port range, or undefined for every port (protocol all, or 0-0 / -1 / 0-65535, or a port
 * that is not a number: unknown or malformed); `p` as for serviceText.
 */
export function portRange(p: string, from: Value | undefined, to: Value | undefined): [number, number] | undefined {
  if (p === 'all') return undefined;
  const f = portNumber(from);
  const t = to === undefined || to === null ? f : portNumber(to);
  if (!Number.isFinite(f) || !Number.isFinite(t) || f < 0 || (f === 0 && (t === 0 || t === 65535))) return undefined;
  return [f, t];
}

/** A port written as a number or its text; NaN for anything else. */
function portNumber(v: Value | undefined): number {
  return num(v) ?? NaN;
}
