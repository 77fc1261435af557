/**
 * Plan values read plain (JSON.parse) against the same plan read with positions throughout: the same
 * resources, the same attributes (unknowns with the same reason, place and reference), and the same
 * place for every value, on every plan of the fixtures, of the corpus, and on the small plan with
 * random `after_unknown` marks (which send some resources down the positioned path).
 */
import fs from 'node:fs';
import path from 'node:path';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { loadPlan } from '../../src/loaders/plan/load.js';
import type { ModelResource } from '../../src/model/resource.js';
import { SourceFile } from '../../src/model/source.js';
import { TfSet, Unknown, isObject, type Value } from '../../src/model/value.js';
import { corpusDir, corpusNote, hasCorpus, repoRoot } from '../support/files.js';

/** A value with every Unknown spelled out (its reason, the offsets of its place, its reference) and objects as their entries in order. */
function spelled(v: Value): unknown {
  if (v instanceof Unknown) return { unknown: v.reason, at: v.at ? [v.at.file.path, v.at.start, v.at.end] : null, ref: v.ref ?? null };
  if (Array.isArray(v)) return v.map(spelled);
  if (v instanceof TfSet) return { set: v.items.map(spelled) };
  if (isObject(v)) return { entries: Object.keys(v).map((k) => [k, spelled(v[k]!)]) };
  // -0 and 0 differ here as they would in a report.
  return Object.is(v, -0) ? '-0' : v;
}

function described(resources: readonly ModelResource[]): unknown[] {
  return resources.map((r) => ({
    address: r.address,
    span: [r.span.start, r.span.end],
    attributes: spelled(r.attributes),
    sources: [...r.sources].map(([k, s]) => [k, s.start, s.end]),
  }));
}

/** Both readings of a plan's text agree; also path by path, asked before the index is built whole. */
function agree(name: string, text: string): void {
  const plain = loadPlan(new SourceFile(name, text));
  const positioned = loadPlan(new SourceFile(name, text), 'positioned');
  const lookups = loadPlan(new SourceFile(name, text));
  const reference = described(positioned.resources);
  for (const [i, r] of lookups.resources.entries()) {
    for (const [k, start, end] of (reference[i] as { sources: Array<[string, number, number]> }).sources) {
      const got = r.sources.get(k);
      expect([k, got?.start, got?.end]).toEqual([k, start, end]);
    }
  }
  expect(described(plain.resources)).toEqual(reference);
  expect(plain.variables).toEqual(positioned.variables);
}

function plansUnder(dir: string): string[] {
  const out: string[] = [];
  for (const e of fs.readdirSync(dir, { withFileTypes: true })) {
    const p = path.join(dir, e.name);
    if (e.isDirectory()) out.push(...plansUnder(p));
    else if (e.name.endsWith('.json') && fs.readFileSync(p, 'utf8').includes('"planned_values"')) out.push(p);
  }
  return out;
}

const SMALL = path.join(repoRoot, 'fixtures/plan/small/plan.json');

describe('plan values read plain', () => {
  it('agree with the positioned reading on every plan of the fixtures', () => {
    const plans = plansUnder(path.join(repoRoot, 'fixtures'));
    expect(plans.length).toBeGreaterThanOrEqual(3);
    for (const p of plans) agree(path.relative(repoRoot, p), fs.readFileSync(p, 'utf8'));
  });

  it('agree on values JSON.parse reads its own way: escapes, __proto__, keys written twice, integer-like keys, -0, 1e400', () => {
    const values = String.raw`{"b": "x\u00e9\ud83d\ude00\"", "__proto__": {"p": 1}, "10": "ten", "a": 1, "a": 2, "z": -0, "big": 1e400, "tiny": -1e-400, "tags": {"2": "b", "1": "a", "": "empty"}, "list": [{"k": [1, {"__proto__": null}]}]}`;
    const marks = ['{}', '{"list": [{"k": [false, true]}]}', '{"tags": {"3": true}}', '{"list": [true]}', '{"b": true}', '{"absent": {"x": true}}'];
    for (const m of marks) {
      const text = `{"format_version": "1.2", "planned_values": {"root_module": {"resources": [{"address": "aws_instance.a", "mode": "managed", "type": "aws_instance", "name": "a", "values": ${values}}]}}, "resource_changes": [{"address": "aws_instance.a", "change": {"actions": ["create"], "after_unknown": ${m}}}]}`;
      agree('edge.json', text);
    }
  });

  it('agree when after_unknown marks values that are present, nested or not (random marks on the small plan)', () => {
    type Module = { resources?: Array<{ address: string; values?: Record<string, unknown> }>; child_modules?: Module[] };
    const plan = JSON.parse(fs.readFileSync(SMALL, 'utf8')) as { planned_values: { root_module: Module }; resource_changes: Array<{ address: string; change: { after_unknown?: unknown } }> };
    const planned = new Map<string, Record<string, unknown>>();
    const walk = (m: Module): void => {
      for (const r of m.resources ?? []) planned.set(r.address, r.values ?? {});
      m.child_modules?.forEach(walk);
    };
    walk(plan.planned_values.root_module);
    const valuesOf = plan.resource_changes.map((rc) => planned.get(rc.address) ?? {});
    const keys = valuesOf.map((v) => Object.keys(v));
    /** A mark for a value: unknown, known, or (for lists and objects) marks inside it. */
    const markFor = (v: unknown, pick: number): unknown => {
      if (pick % 3 === 0) return true;
      if (pick % 3 === 1 || v === null || typeof v !== 'object') return false;
      if (Array.isArray(v)) return [...v.map((x, i) => markFor(x, pick + i)), ...(pick % 2 ? [true] : [])];
      // Marks for the keys written, and (some of the time) for one the values leave out.
      return Object.fromEntries([...Object.entries(v).map(([k, x], i) => [k, markFor(x, pick + i + 1)]), ...(pick % 4 === 2 ? [['left_out', true]] : [])]);
    };
    fc.assert(
      fc.property(fc.array(fc.array(fc.nat(20), { minLength: 0, maxLength: 6 }), { minLength: keys.length, maxLength: keys.length }), (picks) => {
        const copy = structuredClone(plan);
        copy.resource_changes.forEach((rc, i) => {
          const after = valuesOf[i]!;
          const marks: Record<string, unknown> = {};
          picks[i]!.forEach((pick, j) => {
            const k = keys[i]![(pick + j) % Math.max(1, keys[i]!.length)];
            if (k !== undefined) marks[k] = markFor(after[k], pick);
          });
          rc.change.after_unknown = marks;
        });
        agree('plan.json', JSON.stringify(copy, null, 2));
      }),
      { numRuns: 150 },
    );
  });
});

describe.skipIf(!hasCorpus)(`plan values read plain: the shared corpus's plans${corpusNote}`, () => {
  it('agree with the positioned reading on every readable plan of the corpus', () => {
    let read = 0;
    for (const f of fs.readdirSync(path.join(corpusDir, 'plan')).filter((n) => n.endsWith('.json'))) {
      const buf = fs.readFileSync(path.join(corpusDir, 'plan', f));
      const text = buf[0] === 0xff && buf[1] === 0xfe ? buf.subarray(2).toString('utf16le') : buf.toString('utf8');
      let ok = true;
      try {
        loadPlan(new SourceFile(f, text), 'positioned');
      } catch {
        ok = false;
      }
      if (!ok) {
        // An invalid plan is refused alike, with the same message at the same place.
        expect(() => loadPlan(new SourceFile(f, text))).toThrow();
        const message = (fn: () => unknown): string => {
          try {
            fn();
            return '';
          } catch (e) {
            const span = (e as { span?: { start: number; end: number } }).span;
            return `${(e as Error).message} ${span ? `${span.start}-${span.end}` : 'nowhere'}`;
          }
        };
        expect(message(() => loadPlan(new SourceFile(f, text)))).toBe(message(() => loadPlan(new SourceFile(f, text), 'positioned')));
        continue;
      }
      agree(f, text);
      read++;
    }
    expect(read).toBeGreaterThanOrEqual(8);
  });
});
