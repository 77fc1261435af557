import { describe, it, expect } from 'vitest';
import fc from 'fast-check';
import { decidedBy, foldFirstMatch, unreachableLines, type AclLine } from '../../src/engine/acl.js';
import { Bdd, FALSE, type BddNode } from '../../src/engine/bdd.js';
import { HeaderSpace, PROTO } from '../../src/engine/header-space.js';
import { cidr } from './arbitraries.js';

/** An abstract 8-variable space small enough to decide every assignment by brute force. */
const N = 8;
const ROWS = 1 << N;
const row = (r: number): Uint8Array => Uint8Array.from({ length: N }, (_, v) => (r >> v) & 1);

/** A match as a union of up to three cubes, each a partial assignment; an empty union matches nothing. */
type Cube = Array<0 | 1 | null>;
const cubeArb: fc.Arbitrary<Cube> = fc.array(fc.constantFrom<0 | 1 | null>(0, 1, null, null), { minLength: N, maxLength: N });
const lineArb = fc.record({
  cubes: fc.array(cubeArb, { maxLength: 3 }),
  action: fc.constantFrom<'permit' | 'deny'>('permit', 'deny'),
});
const listArb = fc.array(lineArb, { maxLength: 12 });

function matchOf(bdd: Bdd, cubes: Cube[]): BddNode {
  return bdd.orAll(cubes.map((c) => bdd.andAll(c.flatMap((bit, v) => (bit === null ? [] : [bit ? bdd.variable(v) : bdd.nvariable(v)])))));
}
const inCube = (c: Cube, r: number): boolean => c.every((bit, v) => bit === null || ((r >> v) & 1) === bit);
/** Index of the first line matching row r, or -1. */
const firstMatch = (spec: Array<{ cubes: Cube[] }>, r: number): number => spec.findIndex((l) => l.cubes.some((c) => inCube(c, r)));

describe('first-match lists against brute force', () => {
  it('foldFirstMatch gives the action of the first matching line, else the implicit one', () => {
    const bdd = new Bdd(N);
    fc.assert(
      fc.property(listArb, fc.constantFrom<'permit' | 'deny'>('permit', 'deny'), (spec, implicit) => {
        const lines: AclLine[] = spec.map((l) => ({ match: matchOf(bdd, l.cubes), action: l.action }));
        const { permit, deny } = foldFirstMatch(bdd, lines, implicit);
        expect(bdd.and(permit, deny)).toBe(FALSE);
        expect(bdd.or(permit, deny)).toBe(bdd.not(FALSE));
        const expected = Array.from({ length: ROWS }, (_, r) => {
          const i = firstMatch(spec, r);
          return (i < 0 ? implicit : spec[i]!.action) === 'permit';
        });
        expect(Array.from({ length: ROWS }, (_, r) => bdd.evaluate(permit, row(r)))).toEqual(expected);
        // The nested ite the fold stands for.
        const nested = lines.reduceRight<BddNode>((rest, l) => bdd.ite(l.match, l.action === 'permit' ? bdd.not(FALSE) : FALSE, rest), implicit === 'permit' ? bdd.not(FALSE) : FALSE);
        expect(permit).toBe(nested);
      }),
      { numRuns: 300 },
    );
  });

  it('defaults the implicit action to deny', () => {
    const bdd = new Bdd(2);
    expect(foldFirstMatch(bdd, []).permit).toBe(FALSE);
    expect(foldFirstMatch(bdd, [], 'permit').deny).toBe(FALSE);
    expect(foldFirstMatch(bdd, [{ match: bdd.variable(0), action: 'permit' }]).permit).toBe(bdd.variable(0));
  });

  it('decidedBy partitions the matched packets by their deciding line', () => {
    const bdd = new Bdd(N);
    fc.assert(
      fc.property(listArb, (spec) => {
        const lines: AclLine[] = spec.map((l) => ({ match: matchOf(bdd, l.cubes), action: l.action }));
        const parts = decidedBy(bdd, lines);
        expect(parts.length).toBe(lines.length);
        const owners = Array.from({ length: ROWS }, (_, r) => parts.flatMap((p, i) => (bdd.evaluate(p, row(r)) ? [i] : [])));
        const expected = Array.from({ length: ROWS }, (_, r) => {
          const i = firstMatch(spec, r);
          return i < 0 ? [] : [i];
        });
        expect(owners).toEqual(expected);
        expect(bdd.orAll(parts)).toBe(bdd.orAll(lines.map((l) => l.match)));
      }),
      { numRuns: 300 },
    );
  });

  it('unreachableLines reports exactly the lines that decide nothing, with a covering `by`', () => {
    const bdd = new Bdd(N);
    fc.assert(
      fc.property(listArb, (spec) => {
        const lines: AclLine[] = spec.map((l) => ({ match: matchOf(bdd, l.cubes), action: l.action }));
        const found = unreachableLines(bdd, lines);
        const deciding = new Set(Array.from({ length: ROWS }, (_, r) => firstMatch(spec, r)));
        const expected = lines.flatMap((_, i) => (deciding.has(i) ? [] : [i]));
        expect(found.map((f) => f.index)).toEqual(expected);
        for (const f of found) {
          const m = lines[f.index]!.match;
          expect(f.kind).toBe(m === FALSE ? 'unmatchable' : 'shadowed');
          if (f.kind === 'unmatchable') {
            expect(f.by).toEqual([]);
            continue;
          }
          expect(f.by.every((j) => j < f.index)).toBe(true);
          expect(bdd.implies(m, bdd.orAll(f.by.map((j) => lines[j]!.match)))).toBe(true);
          const conflicting = lines.slice(0, f.index).some((l) => l.action !== lines[f.index]!.action && bdd.and(l.match, m) !== FALSE);
          expect(f.by.some((j) => lines[j]!.action !== lines[f.index]!.action)).toBe(conflicting);
        }
      }),
      { numRuns: 300 },
    );
  });
});

describe('unreachableLines on a real list', () => {
  const hs = new HeaderSpace();
  const b = hs.bdd;
  const tcpTo = (prefix: string, port: number): BddNode =>
    b.andAll([hs.prefix('dstIp', cidr(prefix)), hs.protocol(PROTO.tcp), hs.value('dstPort', port)]);

  it('finds a line shadowed only by the union of two earlier lines, and an unmatchable one', () => {
    const lines: Array<AclLine<string>> = [
      { match: tcpTo('10.0.0.0/25', 22), action: 'permit', ref: 'low half' },
      { match: tcpTo('10.0.0.128/25', 22), action: 'permit', ref: 'high half' },
      { match: tcpTo('10.0.0.0/24', 80), action: 'permit', ref: 'web' },
      { match: tcpTo('10.0.0.0/24', 22), action: 'deny', ref: 'whole /24' },
      { match: b.and(hs.protocol(PROTO.tcp), hs.protocol(PROTO.udp)), action: 'permit', ref: 'tcp and udp' },
      { match: hs.all, action: 'deny', ref: 'rest' },
    ];
    // Neither half covers the /24 on its own.
    expect(b.implies(lines[3]!.match, lines[0]!.match)).toBe(false);
    expect(b.implies(lines[3]!.match, lines[1]!.match)).toBe(false);
    expect(unreachableLines(b, lines)).toEqual([
      { index: 3, kind: 'shadowed', by: [0, 1] },
      { index: 4, kind: 'unmatchable', by: [] },
    ]);
  });

  it('orders `by` by overlap and adds a conflicting line when the deciders agree with the shadowed line', () => {
    const lines: AclLine[] = [
      { match: tcpTo('10.0.0.0/26', 22), action: 'permit' },
      { match: tcpTo('10.0.0.0/24', 22), action: 'permit' },
      { match: tcpTo('10.0.0.0/24', 22), action: 'deny' },
      { match: tcpTo('10.0.0.0/28', 22), action: 'permit' },
    ];
    expect(unreachableLines(b, lines)).toEqual([
      // The /24 line decides 192 of the 256 addresses, the /26 line 64.
      { index: 2, kind: 'shadowed', by: [1, 0] },
      // Decided entirely by line 0, which agrees; line 2 overlaps with the other action.
      { index: 3, kind: 'shadowed', by: [0, 2] },
    ]);
  });
});
