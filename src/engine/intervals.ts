/**
 * Between BDDs over one field and lists of inclusive intervals of numbers.
 */
import { FALSE, TRUE, type Bdd, type BddNode } from './bdd.js';

/**
 * The values of a run of `width` variables at `offset` (most significant first) that satisfy `node`,
 * as sorted, disjoint, merged inclusive intervals. `node` must test no variable outside the run
 * (project it with `Bdd.exists` first); otherwise this throws.
 */
export function intervalsOf(bdd: Bdd, node: BddNode, offset: number, width: number): Array<[bigint, bigint]> {
  const out: Array<[bigint, bigint]> = [];
  const emit = (lo: bigint, hi: bigint): void => {
    const last = out[out.length - 1];
    if (last && last[1] + 1n === lo) last[1] = hi;
    else out.push([lo, hi]);
  };
  // Depth-first, low branch first, so intervals come out in ascending order.
  const walk = (n: BddNode, depth: number, prefix: bigint): void => {
    if (n === FALSE) return;
    const span = BigInt(width - depth);
    if (n === TRUE) {
      const lo = prefix << span;
      emit(lo, lo | ((1n << span) - 1n));
      return;
    }
    const k = bdd.topVar(n) - offset;
    if (k < depth || k >= width) throw new RangeError(`intervalsOf: variable ${bdd.topVar(n)} is outside the field`);
    const here = k === depth;
    walk(here ? bdd.low(n) : n, depth + 1, prefix << 1n);
    walk(here ? bdd.high(n) : n, depth + 1, (prefix << 1n) | 1n);
  };
  walk(node, 0, 0n);
  return out;
}

/**
 * The fewest prefixes whose union is exactly [lo, hi] in a `width`-bit space, in ascending order,
 * as [network, prefix length].
 */
export function prefixCover(lo: bigint, hi: bigint, width: number): Array<[bigint, number]> {
  const out: Array<[bigint, number]> = [];
  let cur = lo;
  while (cur <= hi) {
    // The largest aligned block starting at `cur` that stays inside the interval.
    let hostBits = 0;
    while (hostBits < width) {
      const size = 1n << BigInt(hostBits + 1);
      if ((cur & (size - 1n)) !== 0n || cur + size - 1n > hi) break;
      hostBits++;
    }
    out.push([cur, width - hostBits]);
    cur += 1n << BigInt(hostBits);
  }
  return out;
}
