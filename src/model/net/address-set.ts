/**
 * Sets of IP addresses as sorted, disjoint, non-adjacent intervals of bigints, one list per IP
 * version. Union and containment are exact, so 0.0.0.0/1 + 128.0.0.0/1 is the whole IPv4 space and
 * 10.0.0.0/17 + 10.0.128.0/17 is exactly one /16.
 */
import { prefixRange, type IpVersion, type Prefix } from './cidr.js';

type Interval = [bigint, bigint];

/** The last address of each version. */
const LAST4 = (1n << 32n) - 1n;
const LAST6 = (1n << 128n) - 1n;

/** Sorts intervals and merges overlapping or adjacent ones, in place. */
function normalize(list: Interval[]): void {
  if (list.length < 2) return;
  list.sort((a, b) => (a[0] < b[0] ? -1 : a[0] > b[0] ? 1 : 0));
  const merged: Interval[] = [];
  for (const iv of list) {
    const last = merged[merged.length - 1];
    if (last && iv[0] <= last[1] + 1n) {
      if (iv[1] > last[1]) last[1] = iv[1];
    } else merged.push([iv[0], iv[1]]);
  }
  list.splice(0, list.length, ...merged);
}

export class AddressSet {
  private readonly v4: Interval[] = [];
  private readonly v6: Interval[] = [];

  static of(prefixes: Iterable<Prefix>): AddressSet {
    const s = new AddressSet();
    for (const p of prefixes) (p.version === 4 ? s.v4 : s.v6).push(prefixRange(p));
    normalize(s.v4);
    normalize(s.v6);
    return s;
  }

  add(p: Prefix): this {
    const list = p.version === 4 ? this.v4 : this.v6;
    list.push(prefixRange(p));
    normalize(list);
    return this;
  }

  isEmpty(version?: IpVersion): boolean {
    if (version === 4) return this.v4.length === 0;
    if (version === 6) return this.v6.length === 0;
    return this.v4.length === 0 && this.v6.length === 0;
  }

  /** Whether the set holds every address of the version (the whole internet, 0.0.0.0/0 or ::/0). */
  isAll(version: IpVersion): boolean {
    const list = version === 4 ? this.v4 : this.v6;
    return list.length === 1 && list[0]![0] === 0n && list[0]![1] === (version === 4 ? LAST4 : LAST6);
  }

  /** Number of addresses in the largest contiguous run. */
  largestRun(version: IpVersion): bigint {
    const list = version === 4 ? this.v4 : this.v6;
    let best = 0n;
    for (const [lo, hi] of list) {
      const n = hi - lo + 1n;
      if (n > best) best = n;
    }
    return best;
  }

  /** The set's addresses of one version as sorted, disjoint, non-adjacent inclusive intervals. */
  intervals(version: IpVersion): ReadonlyArray<readonly [bigint, bigint]> {
    return (version === 4 ? this.v4 : this.v6).map(([lo, hi]) => [lo, hi] as const);
  }

  containsPrefix(p: Prefix): boolean {
    const list = p.version === 4 ? this.v4 : this.v6;
    const [lo, hi] = prefixRange(p);
    return list.some(([a, b]) => a <= lo && hi <= b);
  }
}
