/**
 * The JSON parser checks V8's young generation between the elements of shallow lists (a plan's
 * resources), so that a command-line run is held before the bulk of a large plan is read
 * (model/young-generation.ts; measured: a 10 000-group plan's lint ends with a new space of 16 MiB
 * without these checks, 8 MiB — two semi-spaces of 4 — with them).
 */
import { describe, expect, it, vi } from 'vitest';

const checks = vi.hoisted(() => ({ count: 0 }));
vi.mock('../../src/model/young-generation.js', () => ({ checkYoungGeneration: () => void checks.count++, holdYoungGeneration: () => {} }));

const { parseJsonSections, parsePositionedJson } = await import('../../src/loaders/json.js');
const { SourceFile } = await import('../../src/model/source.js');

describe('the young generation, checked by the JSON parser', () => {
  const resources = (n: number) => JSON.stringify(Array.from({ length: n }, (_, i) => ({ address: `a.b${i}`, values: { x: [i] } })));

  it('once per element of a plan\'s resources, read plain or with positions', () => {
    checks.count = 0;
    parseJsonSections(new SourceFile('p.json', `{"planned_values": {"root_module": {"resources": ${resources(7)}}}}`), 'test', new Set(['planned_values']), { plainItems: 'resources' });
    expect(checks.count).toBe(7);
    checks.count = 0;
    parsePositionedJson(new SourceFile('p.json', `{"planned_values": {"root_module": {"resources": ${resources(5)}}}}`), 'test');
    expect(checks.count).toBe(5);
  });

  it('not inside deeper lists, where a check per element would cost more than it saves', () => {
    checks.count = 0;
    parsePositionedJson(new SourceFile('p.json', `{"a": {"b": {"c": {"d": ${resources(6)}}}}}`), 'test');
    expect(checks.count).toBe(0);
  });
});
