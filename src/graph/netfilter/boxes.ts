/**
 * Bounding boxes of firewall rules: per header field, one interval that holds every value the rule's
 * conditions allow. Two rules whose boxes are disjoint share no packet, so the search for rules that
 * cover another (hygiene.ts) compares packet sets only for rules whose boxes meet. A box is an
 * over-approximation: negated or opaque conditions leave their field whole.
 */
import type { FwCondition, FwRule } from '../../model/firewall.js';
import type { Prefix } from '../../model/net/cidr.js';

/** Inclusive bounds as numbers: exact for IPv4, ports and protocols; IPv6 addresses by their top 53 bits (see `ipKey`). */
type Range = [number, number];

/**
 * An address as a number that keeps order: IPv4 exactly, IPv6 by its top 53 bits (floor). Intervals
 * and points mapped this way still meet whenever the originals do, which is all a box promises.
 */
export function ipKey(version: 4 | 6, v: bigint): number {
  return version === 4 ? Number(v) : Number(v >> 75n);
}

export interface Box {
  /** IP versions the rule may match: bit 1 for IPv4, bit 2 for IPv6. */
  versions: number;
  src?: Range;
  dst?: Range;
  sport?: Range;
  dport?: Range;
  protocol?: Range;
  iif?: Range;
  oif?: Range;
  /**
   * No condition is negated and no field is tested twice: the packet set is then a product of
   * non-empty per-field sets exactly when no interval of the box is empty (opaque conditions are not
   * part of the packet set the analysis builds).
   */
  simple: boolean;
}

const bits = (p: Prefix): number => (p.version === 4 ? 32 : 128);

function prefixRange(p: Prefix): Range {
  return [ipKey(p.version, p.network), ipKey(p.version, p.network + (1n << BigInt(bits(p) - p.bits)) - 1n)];
}

function hull(ranges: readonly Range[]): Range | undefined {
  if (!ranges.length) return undefined;
  let lo = ranges[0]![0];
  let hi = ranges[0]![1];
  for (const [a, b] of ranges) {
    if (a < lo) lo = a;
    if (b > hi) hi = b;
  }
  return [lo, hi];
}

function meet(a: Range | undefined, b: Range): Range {
  if (!a) return b;
  return [a[0] > b[0] ? a[0] : b[0], a[1] < b[1] ? a[1] : b[1]];
}

/** `ifaceIndices`: the interface classes a name condition can match, as indices. */
export function ruleBox(rule: FwRule, ifaceIndices: (c: Extract<FwCondition, { kind: 'iif' | 'oif' }>) => number[]): Box {
  // A verdict map's keys narrow the match beyond the box: its emptiness is not read from the box.
  const box: Box = { versions: 3, simple: rule.action.kind !== 'vmap' };
  const seen = new Set<string>();
  const narrow = (field: 'src' | 'dst' | 'sport' | 'dport' | 'protocol' | 'iif' | 'oif', ranges: Range[]): void => {
    const h = hull(ranges);
    if (seen.has(field)) box.simple = false;
    seen.add(field);
    box[field] = h ? meet(box[field], h) : [1, 0];
  };
  const ip = (field: 'src' | 'dst', version: 4 | 6, ranges: Range[]): void => {
    box.versions &= version === 4 ? 1 : 2;
    narrow(field, ranges);
  };
  for (const c of rule.conditions) {
    switch (c.kind) {
      case 'srcIp':
      case 'dstIp': {
        const versions = new Set(c.prefixes.map((p) => p.version));
        if (c.negated || versions.size !== 1) {
          box.simple = false;
          if (versions.size === 1 && c.negated) box.versions &= [...versions][0] === 4 ? 1 : 2;
          break;
        }
        ip(c.kind === 'srcIp' ? 'src' : 'dst', [...versions][0]!, c.prefixes.map(prefixRange));
        break;
      }
      case 'srcRange':
      case 'dstRange':
        if (c.negated) {
          box.simple = false;
          box.versions &= c.version === 4 ? 1 : 2;
        } else ip(c.kind === 'srcRange' ? 'src' : 'dst', c.version, c.ranges.map(([a, b]) => [ipKey(c.version, a), ipKey(c.version, b)]));
        break;
      case 'protocol':
        if (c.negated) box.simple = false;
        else narrow('protocol', c.protocols.map((p) => [p, p]));
        break;
      case 'srcPort':
      case 'dstPort':
        if (c.negated) box.simple = false;
        else narrow(c.kind === 'srcPort' ? 'sport' : 'dport', c.ranges.map(([a, b]) => [a, b]));
        break;
      case 'iif':
      case 'oif': {
        const idx = ifaceIndices(c);
        if (c.negated) box.simple = false;
        narrow(c.kind, idx.map((i) => [i, i]));
        break;
      }
      case 'version':
        box.versions &= c.version === 4 ? 1 : 2;
        break;
      case 'anyOf': {
        // Set members: the hull of their addresses when each is one address condition on one field.
        box.simple = false;
        const only = c.options.every((o) => o.length === 1 && (o[0]!.kind === 'srcIp' || o[0]!.kind === 'dstIp') && !o[0]!.negated);
        const fields = new Set(c.options.map((o) => o[0]?.kind));
        if (c.negated || !only || fields.size !== 1) break;
        const ranges = c.options.flatMap((o) => (o[0]!.kind === 'srcIp' || o[0]!.kind === 'dstIp' ? o[0]!.prefixes : []));
        const versions = new Set(ranges.map((p) => p.version));
        if (versions.size === 1) ip([...fields][0] === 'srcIp' ? 'src' : 'dst', [...versions][0]!, ranges.map(prefixRange));
        break;
      }
      case 'icmp': {
        // The types are not boxed; their protocols are.
        const protocols = [...new Set(c.types.map((t) => t.protocol))];
        if (c.negated) box.simple = false;
        else narrow('protocol', protocols.map((p) => [p, p]));
        break;
      }
      case 'state':
        // Not boxed: the field stays whole; one positive test keeps the box simple.
        if (c.negated || seen.has(c.kind)) box.simple = false;
        seen.add(c.kind);
        break;
      case 'opaque':
        box.simple = false;
        break;
    }
  }
  return box;
}

const FIELDS = ['src', 'dst', 'sport', 'dport', 'protocol', 'iif', 'oif'] as const;

export function boxesMeet(a: Box, b: Box): boolean {
  if ((a.versions & b.versions) === 0) return false;
  for (const f of FIELDS) {
    const x = a[f];
    const y = b[f];
    if (x && y && (x[0] > y[1] || y[0] > x[1])) return false;
  }
  return true;
}

/** The box's rule matches some packet (known only for a simple box; else false: not known). */
export function boxNonEmpty(a: Box): boolean {
  if (!a.simple || a.versions === 0) return false;
  return FIELDS.every((f) => !a[f] || a[f][0] <= a[f][1]);
}

/** A packet's header values, as a box test reads them. */
/** Addresses as `ipKey` maps them. */
export interface Point {
  version: 4 | 6;
  src: number;
  dst: number;
  sport: number;
  dport: number;
  protocol: number;
  iif: number;
  oif: number;
}

export function boxHolds(a: Box, p: Point): boolean {
  if ((a.versions & (p.version === 4 ? 1 : 2)) === 0) return false;
  for (const f of FIELDS) {
    const r = a[f];
    if (r && (p[f] < r[0] || p[f] > r[1])) return false;
  }
  return true;
}
