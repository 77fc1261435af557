/**
 * Constraints on a run of `width` consecutive variables starting at `offset`, read as an unsigned
 * number most significant bit first. Each builder creates only the nodes of its result, with `Bdd.mk`,
 * so no Boolean operation (and no intermediate diagram) is needed.
 */
import { FALSE, TRUE, type Bdd, type BddNode } from './bdd.js';

/** Bits of `value` (low `width` bits), index 0 = most significant; converts 32 bits at a time. */
function bitsOf(value: bigint, width: number): Uint8Array {
  const out = new Uint8Array(width);
  let v = value;
  for (let end = width; end > 0; end -= 32) {
    const word = Number(v & 0xffffffffn);
    v >>= 32n;
    for (let i = end - 1, k = 0; i >= 0 && k < 32; i--, k++) out[i] = (word >>> k) & 1;
  }
  return out;
}

/** The top `bits` bits equal those of `value` (a prefix); the rest are free. `bits = width` is equality. */
export function prefixChain(bdd: Bdd, offset: number, width: number, value: bigint, bits: number): BddNode {
  const b = bitsOf(value, width);
  let node: BddNode = TRUE;
  for (let i = bits - 1; i >= 0; i--) node = b[i] ? bdd.mk(offset + i, FALSE, node) : bdd.mk(offset + i, node, FALSE);
  return node;
}

/**
 * lo ≤ number ≤ hi (FALSE when lo > hi). Walks down from the top bit tracking whether the bits so
 * far still equal those of lo and of hi; once neither does, the rest is free. Only reachable states
 * become nodes, so the result is built directly with at most 2·width nodes.
 */
export function rangeChain(bdd: Bdd, offset: number, width: number, lo: bigint, hi: bigint): BddNode {
  if (lo > hi) return FALSE;
  const lb = bitsOf(lo, width);
  const hb = bitsOf(hi, width);
  // Node per (depth, still at lo, still at hi); -1 while not built.
  const memo = new Int32Array(width * 4).fill(-1);
  const build = (d: number, atLo: boolean, atHi: boolean): BddNode => {
    if (d === width || (!atLo && !atHi)) return TRUE;
    const key = d * 4 + (atLo ? 2 : 0) + (atHi ? 1 : 0);
    const known = memo[key]!;
    if (known >= 0) return known;
    // A 0 here drops below lo if lo has a 1; a 1 here rises above hi if hi has a 0.
    const zero = atLo && lb[d] ? FALSE : build(d + 1, atLo && !lb[d], atHi && !hb[d]);
    const one = atHi && !hb[d] ? FALSE : build(d + 1, atLo && lb[d] === 1, atHi && hb[d] === 1);
    const node = bdd.mk(offset + d, zero, one);
    memo[key] = node;
    return node;
  };
  return build(0, true, true);
}
