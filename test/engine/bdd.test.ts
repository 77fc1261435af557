import { describe, it, expect } from 'vitest';
import fc from 'fast-check';
import { Bdd, FALSE, TRUE, type BddNode } from '../../src/engine/bdd.js';

/** Random Boolean formulas over `n` variables, and their truth tables computed without any BDD. */
type Formula =
  | { k: 'var'; i: number }
  | { k: 'const'; v: boolean }
  | { k: 'not'; a: Formula }
  | { k: 'and' | 'or' | 'diff'; a: Formula; b: Formula }
  | { k: 'ite'; f: Formula; g: Formula; h: Formula }
  | { k: 'exists'; a: Formula; vars: number[] };

const N = 8;
const ROWS = 1 << N;
/** Row r assigns variable v the bit (r >> v) & 1. */
const bitOf = (r: number, v: number): number => (r >> v) & 1;
const assignment = (r: number): Uint8Array => Uint8Array.from({ length: N }, (_, v) => bitOf(r, v));

function formulaArb(n: number): fc.Arbitrary<Formula> {
  const { formula } = fc.letrec<{ formula: Formula }>((tie) => ({
    formula: fc.oneof(
      { depthSize: 'small', withCrossShrink: true },
      fc.integer({ min: 0, max: n - 1 }).map((i): Formula => ({ k: 'var', i })),
      fc.boolean().map((v): Formula => ({ k: 'const', v })),
      tie('formula').map((a): Formula => ({ k: 'not', a })),
      fc
        .tuple(fc.constantFrom('and', 'or', 'diff') as fc.Arbitrary<'and' | 'or' | 'diff'>, tie('formula'), tie('formula'))
        .map(([k, a, b]): Formula => ({ k, a, b })),
      fc.tuple(tie('formula'), tie('formula'), tie('formula')).map(([f, g, h]): Formula => ({ k: 'ite', f, g, h })),
      fc
        .tuple(tie('formula'), fc.uniqueArray(fc.integer({ min: 0, max: n - 1 }), { maxLength: 3 }))
        .map(([a, vars]): Formula => ({ k: 'exists', a, vars })),
    ),
  }));
  return formula;
}

function table(f: Formula): Uint8Array {
  const t = new Uint8Array(ROWS);
  switch (f.k) {
    case 'var':
      for (let r = 0; r < ROWS; r++) t[r] = bitOf(r, f.i);
      return t;
    case 'const':
      return t.fill(f.v ? 1 : 0);
    case 'not': {
      const a = table(f.a);
      for (let r = 0; r < ROWS; r++) t[r] = 1 - a[r]!;
      return t;
    }
    case 'and':
    case 'or':
    case 'diff': {
      const a = table(f.a);
      const b = table(f.b);
      for (let r = 0; r < ROWS; r++) {
        t[r] = f.k === 'and' ? a[r]! & b[r]! : f.k === 'or' ? a[r]! | b[r]! : a[r]! & (1 - b[r]!);
      }
      return t;
    }
    case 'ite': {
      const c = table(f.f);
      const g = table(f.g);
      const h = table(f.h);
      for (let r = 0; r < ROWS; r++) t[r] = c[r] ? g[r]! : h[r]!;
      return t;
    }
    case 'exists': {
      const a = table(f.a);
      const mask = f.vars.reduce((m, v) => m | (1 << v), 0);
      // A row is in when some row differing only on the quantified variables is.
      for (let r = 0; r < ROWS; r++) {
        if (!a[r]) continue;
        for (let s = 0; s < ROWS; s++) if ((s & ~mask) === (r & ~mask)) t[s] = 1;
      }
      return t;
    }
  }
}

function build(bdd: Bdd, f: Formula): BddNode {
  switch (f.k) {
    case 'var':
      return bdd.variable(f.i);
    case 'const':
      return f.v ? TRUE : FALSE;
    case 'not':
      return bdd.not(build(bdd, f.a));
    case 'and':
      return bdd.and(build(bdd, f.a), build(bdd, f.b));
    case 'or':
      return bdd.or(build(bdd, f.a), build(bdd, f.b));
    case 'diff':
      return bdd.diff(build(bdd, f.a), build(bdd, f.b));
    case 'ite':
      return bdd.ite(build(bdd, f.f), build(bdd, f.g), build(bdd, f.h));
    case 'exists':
      return bdd.exists(build(bdd, f.a), f.vars);
  }
}

function tableOf(bdd: Bdd, a: BddNode): Uint8Array {
  return Uint8Array.from({ length: ROWS }, (_, r) => (bdd.evaluate(a, assignment(r)) ? 1 : 0));
}

/** The same function built a second way: the disjunction of its minterms. */
function fromTable(bdd: Bdd, t: Uint8Array): BddNode {
  const minterms: BddNode[] = [];
  for (let r = 0; r < ROWS; r++) {
    if (!t[r]) continue;
    minterms.push(bdd.andAll(Array.from({ length: N }, (_, v) => (bitOf(r, v) ? bdd.variable(v) : bdd.nvariable(v)))));
  }
  return bdd.orAll(minterms);
}

const ones = (t: Uint8Array): number => t.reduce((s, x) => s + x, 0);

describe('Bdd against truth tables', () => {
  it('and, or, not, diff, ite and exists compute the right function, canonically', () => {
    const bdd = new Bdd(N);
    fc.assert(
      fc.property(formulaArb(N), (f) => {
        const node = build(bdd, f);
        const expected = table(f);
        expect(tableOf(bdd, node)).toEqual(expected);
        expect(fromTable(bdd, expected)).toBe(node);
        expect(bdd.satCount(node)).toBe(ones(expected));
      }),
      { numRuns: 400 },
    );
  });

  it('implies is set inclusion', () => {
    const bdd = new Bdd(N);
    fc.assert(
      fc.property(formulaArb(N), formulaArb(N), (f, g) => {
        const a = build(bdd, f);
        const b = build(bdd, g);
        const ta = table(f);
        const tb = table(g);
        const inclusion = ta.every((x, r) => !x || tb[r] === 1);
        expect(bdd.implies(a, b)).toBe(inclusion);
        expect(bdd.implies(bdd.and(a, b), a)).toBe(true);
        expect(bdd.implies(a, bdd.or(a, b))).toBe(true);
      }),
      { numRuns: 300 },
    );
  });

  it('andAll and orAll agree with folding and and or', () => {
    const bdd = new Bdd(N);
    fc.assert(
      fc.property(fc.array(formulaArb(N), { maxLength: 20 }), (fs) => {
        const xs = fs.map((f) => build(bdd, f));
        expect(bdd.andAll(xs)).toBe(xs.reduce((acc, x) => bdd.and(acc, x), TRUE));
        expect(bdd.orAll(xs)).toBe(xs.reduce((acc, x) => bdd.or(acc, x), FALSE));
      }),
      { numRuns: 200 },
    );
  });
});

describe('canonicity', () => {
  it('gives one handle per function however it is built', () => {
    const bdd = new Bdd(4);
    const [a, b, c] = [0, 1, 2].map((i) => bdd.variable(i)) as [BddNode, BddNode, BddNode];
    // Distribution, De Morgan, and ite as a mux.
    expect(bdd.and(a, bdd.or(b, c))).toBe(bdd.or(bdd.and(a, b), bdd.and(a, c)));
    expect(bdd.not(bdd.and(a, b))).toBe(bdd.or(bdd.not(a), bdd.not(b)));
    expect(bdd.ite(a, b, c)).toBe(bdd.or(bdd.and(a, b), bdd.diff(c, a)));
    expect(bdd.nvariable(3)).toBe(bdd.not(bdd.variable(3)));
    expect(bdd.or(a, bdd.not(a))).toBe(TRUE);
    expect(bdd.and(a, bdd.not(a))).toBe(FALSE);
    expect(bdd.exists(bdd.and(a, b), [0])).toBe(b);
  });

  it('stays canonical across growth of the node table', () => {
    const bdd = new Bdd(16);
    // 4096 full cubes over 16 variables: far more nodes than the initial table holds.
    const cubes: BddNode[] = [];
    for (let x = 0; x < 1 << 12; x++) {
      cubes.push(bdd.andAll(Array.from({ length: 16 }, (_, v) => ((x * 2654435761) >>> v) & 1 ? bdd.variable(v) : bdd.nvariable(v))));
    }
    expect(bdd.nodeCount).toBeGreaterThan(4096);
    const union = bdd.orAll(cubes);
    expect(bdd.orAll([...cubes].reverse())).toBe(union);
    expect(bdd.satCount(union)).toBe(new Set(cubes).size);
  });

  it('handles hundreds of variables without deep recursion trouble', () => {
    const n = 400;
    const bdd = new Bdd(n);
    const all = bdd.andAll(Array.from({ length: n }, (_, v) => (v % 2 ? bdd.variable(v) : bdd.nvariable(v))));
    expect(bdd.size(all)).toBe(n);
    const parity = Array.from({ length: n }, (_, v) => v).reduce(
      (acc, v) => bdd.ite(bdd.variable(v), bdd.not(acc), acc),
      FALSE as BddNode,
    );
    expect(bdd.size(parity)).toBe(2 * n - 1);
    expect(bdd.satCount(parity)).toBe(2 ** (n - 1));
    expect(bdd.satCount(bdd.variable(0))).toBe(2 ** (n - 1));
    expect(bdd.implies(all, bdd.variable(n - 1))).toBe(true);
    expect(bdd.exists(all, Array.from({ length: n }, (_, v) => v))).toBe(TRUE);
    const sat = bdd.satOne(all)!;
    expect(Array.from(sat)).toEqual(Array.from({ length: n }, (_, v) => v % 2));
  });
});

describe('satOne', () => {
  /** The greedy choice the contract describes, by brute force over the truth table. */
  function greedy(t: Uint8Array, prefer: (v: number) => 0 | 1): number[] {
    const fixed: number[] = [];
    const completes = (bits: number[]): boolean => {
      for (let r = 0; r < ROWS; r++) if (t[r] && bits.every((b, v) => bitOf(r, v) === b)) return true;
      return false;
    };
    for (let v = 0; v < N; v++) {
      const p = prefer(v);
      fixed.push(completes([...fixed, p]) ? p : 1 - p);
    }
    return fixed;
  }

  it('returns a satisfying assignment that follows the preference', () => {
    const bdd = new Bdd(N);
    fc.assert(
      fc.property(formulaArb(N), fc.array(fc.constantFrom<0 | 1>(0, 1), { minLength: N, maxLength: N }), (f, prefs) => {
        const node = build(bdd, f);
        const t = table(f);
        if (ones(t) === 0) {
          expect(bdd.satOne(node)).toBeUndefined();
          return;
        }
        const prefer = (v: number): 0 | 1 => prefs[v]!;
        const sat = bdd.satOne(node, prefer)!;
        expect(sat.length).toBe(N);
        expect(bdd.evaluate(node, sat)).toBe(true);
        expect(Array.from(sat)).toEqual(greedy(t, prefer));
        expect(Array.from(bdd.satOne(node)!)).toEqual(greedy(t, () => 0));
      }),
      { numRuns: 300 },
    );
  });

  it('sets free variables to the preferred value', () => {
    const bdd = new Bdd(4);
    expect(Array.from(bdd.satOne(bdd.variable(1), () => 1)!)).toEqual([1, 1, 1, 1]);
    expect(Array.from(bdd.satOne(bdd.nvariable(1), () => 1)!)).toEqual([1, 0, 1, 1]);
    expect(Array.from(bdd.satOne(TRUE)!)).toEqual([0, 0, 0, 0]);
    expect(bdd.satOne(FALSE)).toBeUndefined();
  });
});

describe('bookkeeping', () => {
  it('counts nodes, sizes diagrams and forgets everything on reset', () => {
    const bdd = new Bdd(6);
    expect(bdd.nodeCount).toBe(0);
    const x = bdd.and(bdd.variable(0), bdd.or(bdd.variable(3), bdd.variable(5)));
    expect(bdd.size(x)).toBe(3);
    expect(bdd.size(TRUE)).toBe(0);
    expect(bdd.nodeCount).toBeGreaterThanOrEqual(3);
    bdd.reset();
    expect(bdd.nodeCount).toBe(0);
    const y = bdd.and(bdd.variable(0), bdd.or(bdd.variable(3), bdd.variable(5)));
    expect(bdd.size(y)).toBe(3);
    expect(bdd.satCount(y)).toBe(24);
    expect(bdd.nodeCount).toBe(bdd.size(bdd.variable(0)) + 4);
  });

  it('grows past its first tables: handles stay valid and results, those answered from the moved cache included, stay right; with a size hint too', () => {
    for (const hint of [undefined, 1 << 16]) {
      const bdd = new Bdd(40, hint);
      // Parity of 0..n-1 as a function; then thousands of unrelated nodes force the tables to double.
      const parity = (n: number): BddNode => {
        let p = FALSE;
        for (let i = 0; i < n; i++) p = bdd.or(bdd.and(p, bdd.nvariable(i)), bdd.diff(bdd.variable(i), p));
        return p;
      };
      const before = parity(20);
      const orBefore = bdd.or(before, bdd.variable(30));
      let junk = FALSE;
      for (let k = 0; k < 6000; k++) junk = bdd.or(junk, bdd.and(bdd.variable(k % 40), bdd.nvariable((k * 7 + 1) % 40)));
      const chains = Array.from({ length: 2000 }, (_, k) => Array.from({ length: 12 }, (_, i) => ((k >> i) & 1 ? bdd.variable(i + 20) : bdd.nvariable(i + 20))).reduce((a, b) => bdd.and(a, b), TRUE as BddNode));
      expect(bdd.nodeCount).toBeGreaterThan(4096);
      expect(parity(20)).toBe(before);
      expect(bdd.or(before, bdd.variable(30))).toBe(orBefore);
      expect(bdd.satCount(before)).toBe(2 ** 39);
      expect(new Set(chains).size).toBe(2000);
    }
  });

  it('rejects variables out of range and unordered nodes', () => {
    const bdd = new Bdd(3);
    expect(() => bdd.variable(3)).toThrow(RangeError);
    expect(() => bdd.variable(-1)).toThrow(RangeError);
    expect(() => bdd.mk(2, bdd.variable(1), FALSE)).toThrow(RangeError);
    expect(bdd.mk(0, bdd.variable(1), bdd.variable(1))).toBe(bdd.variable(1));
    expect(bdd.mk(1, FALSE, TRUE)).toBe(bdd.variable(1));
  });
});
