/**
 * Reduced ordered binary decision diagrams over a fixed number of variables, ordered by index
 * (variable 0 is tested first).
 *
 * Contracts:
 * - Canonical: two handles from the same `Bdd` are equal iff they denote the same Boolean function,
 *   so set equality is `===` and emptiness is `=== FALSE`.
 * - Handles are plain integers, valid until `reset()`; nodes are never freed one by one (a long-lived
 *   user resets between independent analyses).
 * - Recursion depth of every operation is bounded by `varCount` plus a constant, because each level
 *   descends at least one variable.
 *
 * Layout, chosen so that one step of an operation touches few cache lines:
 * - The node table is one Int32Array of 4 slots per node (variable, low child, high child, next node
 *   in the same unique-table bucket) that doubles when full. Terminals are nodes 0 and 1 and carry
 *   the variable `varCount`, so "tests an earlier variable" is a plain `<`.
 * - The unique table is an Int32Array of bucket heads (chained hashing through the nodes' fourth
 *   slot, 0 ends a chain: terminals are never inserted), as many buckets as node slots.
 * - The operation cache is direct-mapped and lossy, 4 slots per entry (operation packed with the
 *   first operand, second operand, third operand, result). A collision overwrites, which costs
 *   recomputation, never a wrong answer, since every entry stores its full key.
 */

export type BddNode = number;
export const FALSE: BddNode = 0;
export const TRUE: BddNode = 1;

const OP_AND = 1;
const OP_OR = 2;
const OP_NOT = 3;
const OP_DIFF = 4;
const OP_ITE = 5;
const OP_EXISTS = 6;
const OP_IMPLIES = 7;

/** Node indices stay below 2^OP_SHIFT so the operation fits above them in one cache slot. */
const OP_SHIFT = 28;
const MAX_NODES = 1 << OP_SHIFT;

const INITIAL_NODES = 1 << 12;
/** The most a size hint may ask for at the start (64 MB of node table); beyond it the table doubles as it fills. */
const MAX_HINTED_NODES = 1 << 22;
/**
 * The cache follows the node table's capacity up to this many entries (16 bytes each, 1 MiB). Its
 * lines are touched at random, so every page of it is fresh memory paid for in page faults: 2^18
 * entries made a 3000-group lint 2.6 % slower and a 10 000-rule iptables lint 3 % slower than 2^16,
 * the recomputation that a smaller cache causes costing less than those pages (2^15: the same as 2^16).
 */
const MAX_CACHE = 1 << 16;

export class Bdd {
  readonly varCount: number;

  /** 4 slots per node: variable, low, high, next in bucket. */
  private nodes: Int32Array;
  private capacity: number;
  private count = 2;
  private heads: Int32Array;
  private headMask: number;
  /** 4 slots per entry: op << OP_SHIFT | a, b, c, result. */
  private cache: Int32Array;
  private cacheMask: number;
  /** The conjunction of each variable list `exists` was given, by the list itself. */
  private cubes = new WeakMap<readonly number[], BddNode>();

  /**
   * `expectedNodes` sizes the tables from the start (rounded up to a power of two, at least
   * INITIAL_NODES): each doubling copies them into fresh memory, which costs page faults on first
   * touch, so a caller that can tell the size of its problem should.
   */
  constructor(varCount: number, expectedNodes = INITIAL_NODES) {
    if (!Number.isInteger(varCount) || varCount < 0 || varCount > 1 << 20) {
      throw new RangeError(`Bdd: variable count must be an integer in 0..2^20, got ${varCount}`);
    }
    this.varCount = varCount;
    let size = INITIAL_NODES;
    while (size < expectedNodes && size < MAX_HINTED_NODES) size *= 2;
    this.capacity = size;
    this.nodes = new Int32Array(size * 4);
    this.heads = new Int32Array(size);
    this.headMask = size - 1;
    const entries = Math.min(size, MAX_CACHE);
    this.cache = new Int32Array(entries * 4);
    this.cacheMask = entries - 1;
    this.initTerminals();
  }

  /** Internal nodes currently allocated (terminals excluded); 0 right after construction or `reset()`. */
  get nodeCount(): number {
    return this.count - 2;
  }

  /** Counts `reset()` calls, so that a holder of handles can tell that they are no longer valid. */
  get epoch(): number {
    return this.resets;
  }
  private resets = 0;

  /** Forgets every node and cached result; earlier handles other than FALSE and TRUE become invalid. */
  reset(): void {
    this.resets++;
    this.cubes = new WeakMap();
    this.count = 2;
    this.heads.fill(0);
    this.cache.fill(0);
    this.initTerminals();
  }

  // ---- inspection -------------------------------------------------------------------------------

  /** The variable tested at the root of `a`; `varCount` for the terminals. */
  topVar(a: BddNode): number {
    return this.nodes[a * 4]!;
  }

  /** The cofactor of `a` with its top variable at 0 (`a` itself for a terminal). */
  low(a: BddNode): BddNode {
    return a < 2 ? a : this.nodes[a * 4 + 1]!;
  }

  /** The cofactor of `a` with its top variable at 1 (`a` itself for a terminal). */
  high(a: BddNode): BddNode {
    return a < 2 ? a : this.nodes[a * 4 + 2]!;
  }

  // ---- construction -----------------------------------------------------------------------------

  /**
   * The node "if var v then high else low". Both children must test only variables after `v`
   * (that is what keeps the diagram ordered); equal children give the child itself.
   */
  mk(v: number, low: BddNode, high: BddNode): BddNode {
    this.checkVar(v);
    this.checkNode(low);
    this.checkNode(high);
    if (this.nodes[low * 4]! <= v || this.nodes[high * 4]! <= v) {
      throw new RangeError(`Bdd.mk: children must test variables after ${v}`);
    }
    return this.make(v, low, high);
  }

  variable(i: number): BddNode {
    this.checkVar(i);
    return this.make(i, FALSE, TRUE);
  }

  nvariable(i: number): BddNode {
    this.checkVar(i);
    return this.make(i, TRUE, FALSE);
  }

  // ---- operations -------------------------------------------------------------------------------
  // Each reads both operands' top nodes before recursing: a recursive call may grow (replace) the
  // node table, so no typed array is held across one.

  and(a: BddNode, b: BddNode): BddNode {
    return this.apply(OP_AND, a, b);
  }

  or(a: BddNode, b: BddNode): BddNode {
    return this.apply(OP_OR, a, b);
  }

  not(a: BddNode): BddNode {
    if (a < 2) return 1 - a;
    const hit = this.lookup(OP_NOT, a, 0, 0);
    if (hit >= 0) return hit;
    const nodes = this.nodes;
    const v = nodes[a * 4]!;
    const a0 = nodes[a * 4 + 1]!;
    const a1 = nodes[a * 4 + 2]!;
    const lo = this.not(a0);
    const r = this.make(v, lo, this.not(a1));
    this.store(OP_NOT, a, 0, 0, r);
    return r;
  }

  /** a ∧ ¬b, without building ¬b. */
  diff(a: BddNode, b: BddNode): BddNode {
    return this.apply(OP_DIFF, a, b);
  }

  /** if f then g else h. */
  ite(f: BddNode, g: BddNode, h: BddNode): BddNode {
    if (f === TRUE) return g;
    if (f === FALSE) return h;
    if (g === h) return g;
    if (g === TRUE && h === FALSE) return f;
    if (g === FALSE && h === TRUE) return this.not(f);
    if (g === TRUE || f === g) return this.or(f, h);
    if (h === FALSE || f === h) return this.and(f, g);
    if (g === FALSE) return this.diff(h, f);
    if (h === TRUE) return this.not(this.diff(f, g));
    const hit = this.lookup(OP_ITE, f, g, h);
    if (hit >= 0) return hit;
    const nodes = this.nodes;
    const vf = nodes[f * 4]!;
    const vg = nodes[g * 4]!;
    const vh = nodes[h * 4]!;
    let v = vf < vg ? vf : vg;
    if (vh < v) v = vh;
    const f0 = vf === v ? nodes[f * 4 + 1]! : f;
    const f1 = vf === v ? nodes[f * 4 + 2]! : f;
    const g0 = vg === v ? nodes[g * 4 + 1]! : g;
    const g1 = vg === v ? nodes[g * 4 + 2]! : g;
    const h0 = vh === v ? nodes[h * 4 + 1]! : h;
    const h1 = vh === v ? nodes[h * 4 + 2]! : h;
    const lo = this.ite(f0, g0, h0);
    const r = this.make(v, lo, this.ite(f1, g1, h1));
    this.store(OP_ITE, f, g, h, r);
    return r;
  }

  /** Conjunction of all; see `combine` for the order. */
  andAll(xs: Iterable<BddNode>): BddNode {
    const list: BddNode[] = [];
    for (const x of xs) {
      if (x === FALSE) return FALSE;
      if (x !== TRUE) list.push(x);
    }
    return this.combine(list, TRUE, (a, b) => this.and(a, b));
  }

  /** Disjunction of all; see `combine` for the order. */
  orAll(xs: Iterable<BddNode>): BddNode {
    const list: BddNode[] = [];
    for (const x of xs) {
      if (x === TRUE) return TRUE;
      if (x !== FALSE) list.push(x);
    }
    return this.combine(list, FALSE, (a, b) => this.or(a, b));
  }

  /** ∃ vars . a — the variables in `vars` become free (duplicates and order do not matter). */
  exists(a: BddNode, vars: readonly number[]): BddNode {
    // Callers project over the same few variable lists thousands of times: the cube is kept per list
    // (a list passed here must not change afterwards).
    let cube = this.cubes.get(vars);
    if (cube === undefined) {
      const sorted = [...new Set(vars)].sort((x, y) => y - x);
      cube = TRUE;
      for (const v of sorted) {
        this.checkVar(v);
        cube = this.make(v, FALSE, cube);
      }
      this.cubes.set(vars, cube);
    }
    return this.existsCube(a, cube);
  }

  /** Whether a ⊆ b (every assignment satisfying a satisfies b); builds no nodes. */
  implies(a: BddNode, b: BddNode): boolean {
    if (a === FALSE || b === TRUE || a === b) return true;
    if (a === TRUE || b === FALSE) return false;
    const hit = this.lookup(OP_IMPLIES, a, b, 0);
    if (hit >= 0) return hit === 1;
    const nodes = this.nodes;
    const va = nodes[a * 4]!;
    const vb = nodes[b * 4]!;
    const v = va < vb ? va : vb;
    const a0 = va === v ? nodes[a * 4 + 1]! : a;
    const a1 = va === v ? nodes[a * 4 + 2]! : a;
    const b0 = vb === v ? nodes[b * 4 + 1]! : b;
    const b1 = vb === v ? nodes[b * 4 + 2]! : b;
    const r = this.implies(a0, b0) && this.implies(a1, b1);
    this.store(OP_IMPLIES, a, b, 0, r ? 1 : 0);
    return r;
  }

  // ---- queries ----------------------------------------------------------------------------------

  /**
   * One satisfying assignment (full: one entry per variable, 0 or 1), or undefined when a is FALSE.
   * For a variable the path leaves free, and at every branching where both children are satisfiable,
   * `prefer(v)` decides which value to take (default 0). Every non-FALSE node of a reduced diagram
   * has a path to TRUE, so the walk never backtracks.
   */
  satOne(a: BddNode, prefer?: (v: number) => 0 | 1): Uint8Array | undefined {
    if (a === FALSE) return undefined;
    const nodes = this.nodes;
    const out = new Uint8Array(this.varCount);
    let n = a;
    for (let v = 0; v < this.varCount; v++) {
      const choice = prefer ? prefer(v) : 0;
      if (nodes[n * 4]! !== v) {
        out[v] = choice;
        continue;
      }
      const lo = nodes[n * 4 + 1]!;
      const hi = nodes[n * 4 + 2]!;
      const bit = lo === FALSE ? 1 : hi === FALSE ? 0 : choice;
      out[v] = bit;
      n = bit === 1 ? hi : lo;
    }
    return out;
  }

  /** Value of `a` under a full assignment (index = variable). */
  evaluate(a: BddNode, assignment: ArrayLike<number>): boolean {
    const nodes = this.nodes;
    let n = a;
    while (n >= 2) n = assignment[nodes[n * 4]!] ? nodes[n * 4 + 2]! : nodes[n * 4 + 1]!;
    return n === TRUE;
  }

  /** Number of satisfying assignments over all `varCount` variables, as a float (exact below 2^53). */
  satCount(a: BddNode): number {
    const nodes = this.nodes;
    const memo = new Map<BddNode, number>();
    // Assignments of the variables topVar(n) .. varCount-1.
    const count = (n: BddNode): number => {
      if (n < 2) return n;
      const known = memo.get(n);
      if (known !== undefined) return known;
      const v = nodes[n * 4]!;
      const lo = nodes[n * 4 + 1]!;
      const hi = nodes[n * 4 + 2]!;
      const c = count(lo) * 2 ** (nodes[lo * 4]! - v - 1) + count(hi) * 2 ** (nodes[hi * 4]! - v - 1);
      memo.set(n, c);
      return c;
    };
    return count(a) * 2 ** nodes[a * 4]!;
  }

  /** Internal nodes reachable from `a` (0 for the terminals). */
  size(a: BddNode): number {
    if (a < 2) return 0;
    const nodes = this.nodes;
    const seen = new Uint8Array(this.count);
    const stack = [a];
    seen[a] = 1;
    let n = 0;
    while (stack.length > 0) {
      const x = stack.pop()!;
      n++;
      for (const c of [nodes[x * 4 + 1]!, nodes[x * 4 + 2]!]) {
        if (c >= 2 && !seen[c]) {
          seen[c] = 1;
          stack.push(c);
        }
      }
    }
    return n;
  }

  // ---- internals --------------------------------------------------------------------------------

  private initTerminals(): void {
    for (const t of [FALSE, TRUE]) {
      this.nodes[t * 4] = this.varCount;
      this.nodes[t * 4 + 1] = t;
      this.nodes[t * 4 + 2] = t;
      this.nodes[t * 4 + 3] = 0;
    }
  }

  private checkVar(v: number): void {
    if (!Number.isInteger(v) || v < 0 || v >= this.varCount) {
      throw new RangeError(`Bdd: variable ${v} is outside 0..${this.varCount - 1}`);
    }
  }

  private checkNode(a: BddNode): void {
    if (!Number.isInteger(a) || a < 0 || a >= this.count) throw new RangeError(`Bdd: ${a} is not a live node`);
  }

  /**
   * The binary operations `and`, `or` and `diff` (a ∧ ¬b): terminal cases per operation, then one
   * Shannon expansion on the earlier top variable. The commutative ones order their operands so that
   * (a, b) and (b, a) share a cache entry.
   */
  private apply(op: number, a: BddNode, b: BddNode): BddNode {
    if (op === OP_AND) {
      if (a === b) return a;
      if (a === FALSE || b === FALSE) return FALSE;
      if (a === TRUE) return b;
      if (b === TRUE) return a;
    } else if (op === OP_OR) {
      if (a === b) return a;
      if (a === TRUE || b === TRUE) return TRUE;
      if (a === FALSE) return b;
      if (b === FALSE) return a;
    } else {
      if (a === FALSE || b === TRUE || a === b) return FALSE;
      if (b === FALSE) return a;
      if (a === TRUE) return this.not(b);
    }
    if (a > b && op !== OP_DIFF) {
      const t = a;
      a = b;
      b = t;
    }
    const hit = this.lookup(op, a, b, 0);
    if (hit >= 0) return hit;
    const nodes = this.nodes;
    const va = nodes[a * 4]!;
    const vb = nodes[b * 4]!;
    const v = va < vb ? va : vb;
    const a0 = va === v ? nodes[a * 4 + 1]! : a;
    const a1 = va === v ? nodes[a * 4 + 2]! : a;
    const b0 = vb === v ? nodes[b * 4 + 1]! : b;
    const b1 = vb === v ? nodes[b * 4 + 2]! : b;
    const lo = this.apply(op, a0, b0);
    const r = this.make(v, lo, this.apply(op, a1, b1));
    this.store(op, a, b, 0, r);
    return r;
  }

  private existsCube(a: BddNode, cube: BddNode): BddNode {
    if (a < 2) return a;
    const nodes = this.nodes;
    const va = nodes[a * 4]!;
    while (cube !== TRUE && nodes[cube * 4]! < va) cube = nodes[cube * 4 + 2]!;
    if (cube === TRUE) return a;
    const hit = this.lookup(OP_EXISTS, a, cube, 0);
    if (hit >= 0) return hit;
    const a0 = nodes[a * 4 + 1]!;
    const a1 = nodes[a * 4 + 2]!;
    let r: BddNode;
    if (nodes[cube * 4]! === va) {
      const rest = nodes[cube * 4 + 2]!;
      const lo = this.existsCube(a0, rest);
      r = lo === TRUE ? TRUE : this.or(lo, this.existsCube(a1, rest));
    } else {
      const lo = this.existsCube(a0, cube);
      r = this.make(va, lo, this.existsCube(a1, cube));
    }
    this.store(OP_EXISTS, a, cube, 0, r);
    return r;
  }

  /**
   * Folds an operation over a list. Up to 16 operands are taken deepest first: by top variable,
   * then by the top variable of the first cofactor that is not FALSE (which sees past the version
   * bit that every address constraint starts with). A rule's per-field constraints then each wrap
   * the result built so far and only their own nodes are copied. Longer lists (unions of many
   * rules) are combined pairwise in a balanced tree, which keeps the intermediate results small.
   */
  private combine(list: BddNode[], unit: BddNode, op: (a: BddNode, b: BddNode) => BddNode): BddNode {
    if (list.length === 0) return unit;
    if (list.length <= 16) {
      const nodes = this.nodes;
      const depth = (x: BddNode): number => {
        const below = nodes[x * 4 + 1] === FALSE ? nodes[x * 4 + 2]! : nodes[x * 4 + 1]!;
        return nodes[x * 4]! * (this.varCount + 1) + nodes[below * 4]!;
      };
      list.sort((x, y) => depth(y) - depth(x));
      let acc = list[0]!;
      for (let i = 1; i < list.length; i++) acc = op(list[i]!, acc);
      return acc;
    }
    while (list.length > 1) {
      let w = 0;
      for (let i = 0; i + 1 < list.length; i += 2) list[w++] = op(list[i]!, list[i + 1]!);
      if (list.length % 2 === 1) list[w++] = list[list.length - 1]!;
      list.length = w;
    }
    return list[0]!;
  }

  /** Finds or creates the node (v, low, high); the caller guarantees ordering. */
  private make(v: number, low: BddNode, high: BddNode): BddNode {
    if (low === high) return low;
    let nodes = this.nodes;
    let bucket = hash3(v, low, high) & this.headMask;
    for (let n = this.heads[bucket]!; n !== 0; n = nodes[n * 4 + 3]!) {
      if (nodes[n * 4] === v && nodes[n * 4 + 1] === low && nodes[n * 4 + 2] === high) return n;
    }
    if (this.count === this.capacity) {
      this.grow();
      nodes = this.nodes;
      bucket = hash3(v, low, high) & this.headMask;
    }
    const n = this.count++;
    nodes[n * 4] = v;
    nodes[n * 4 + 1] = low;
    nodes[n * 4 + 2] = high;
    nodes[n * 4 + 3] = this.heads[bucket]!;
    this.heads[bucket] = n;
    return n;
  }

  /** Doubles the node table and the buckets (rehashing every node) and widens the cache. */
  private grow(): void {
    const cap = this.capacity * 2;
    if (cap > MAX_NODES) throw new RangeError(`Bdd: more than ${MAX_NODES} nodes`);
    const nodes = new Int32Array(cap * 4);
    nodes.set(this.nodes);
    const heads = new Int32Array(cap);
    const mask = cap - 1;
    for (let n = 2; n < this.count; n++) {
      const bucket = hash3(nodes[n * 4]!, nodes[n * 4 + 1]!, nodes[n * 4 + 2]!) & mask;
      nodes[n * 4 + 3] = heads[bucket]!;
      heads[bucket] = n;
    }
    this.nodes = nodes;
    this.capacity = cap;
    this.heads = heads;
    this.headMask = mask;
    const entries = this.cacheMask + 1;
    if (entries < cap && entries < MAX_CACHE) {
      // Results computed so far stay valid (nodes keep their indices): they move to the wider cache.
      const old = this.cache;
      const size = Math.min(cap, MAX_CACHE);
      this.cache = new Int32Array(size * 4);
      this.cacheMask = size - 1;
      for (let i = 0; i < old.length; i += 4) {
        const head = old[i]!;
        if (head === 0) continue;
        const op = head >>> OP_SHIFT;
        const a = head & (MAX_NODES - 1);
        this.store(op, a, old[i + 1]!, old[i + 2]!, old[i + 3]!);
      }
    }
  }

  /** The cached result, or -1. */
  private lookup(op: number, a: number, b: number, c: number): number {
    const i = (hash4(op, a, b, c) & this.cacheMask) * 4;
    const cache = this.cache;
    if (cache[i] === ((op << OP_SHIFT) | a) && cache[i + 1] === b && cache[i + 2] === c) return cache[i + 3]!;
    return -1;
  }

  private store(op: number, a: number, b: number, c: number, r: number): void {
    // The index is recomputed: the cache may have been reallocated while the result was built.
    const i = (hash4(op, a, b, c) & this.cacheMask) * 4;
    const cache = this.cache;
    cache[i] = (op << OP_SHIFT) | a;
    cache[i + 1] = b;
    cache[i + 2] = c;
    cache[i + 3] = r;
  }
}

function hash3(v: number, lo: number, hi: number): number {
  let h = Math.imul(v, 0x27d4eb2d) ^ Math.imul(lo, 0x9e3779b1) ^ Math.imul(hi, 0x85ebca77);
  h ^= h >>> 15;
  h = Math.imul(h, 0x2c1b3c6d);
  return h ^ (h >>> 13);
}

function hash4(op: number, a: number, b: number, c: number): number {
  let h = Math.imul(a, 0x9e3779b1) ^ Math.imul(b, 0x85ebca77) ^ Math.imul(c + op, 0xc2b2ae3d);
  h ^= h >>> 15;
  h = Math.imul(h, 0x2c1b3c6d);
  return h ^ (h >>> 13);
}
