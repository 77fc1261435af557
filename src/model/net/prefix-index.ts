/**
 * Prefixes indexed for "which of them hold this address": one map per prefix length present, so a
 * lookup costs one probe per length rather than a scan of every prefix (systems hold thousands of
 * subnets and addresses, and few distinct lengths).
 */
import { prefixMask, type Prefix } from './cidr.js';

export class PrefixIndex<T> {
  private readonly byLength = new Map<string, { version: 4 | 6; bits: number; at: Map<bigint, T[]> }>();

  add(p: Prefix, value: T): void {
    const key = `${p.version}/${p.bits}`;
    let level = this.byLength.get(key);
    if (!level) this.byLength.set(key, (level = { version: p.version, bits: p.bits, at: new Map() }));
    const list = level.at.get(p.network);
    if (list) list.push(value);
    else level.at.set(p.network, [value]);
  }

  /** The values of every prefix that holds `x` (an address as a full-length prefix, or a prefix). */
  holding(x: Prefix): T[] {
    const out: T[] = [];
    for (const level of this.byLength.values()) {
      if (level.version !== x.version || level.bits > x.bits) continue;
      const list = level.at.get(x.network & prefixMask(x.version, level.bits));
      if (list) out.push(...list);
    }
    return out;
  }
}
