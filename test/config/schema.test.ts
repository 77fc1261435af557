import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { configSchema, EXTERNAL_ROLES, validateAgainstSchema, ZONE_ROLES } from '../../src/config/index.js';

type Schema = Record<string, unknown>;
const schema = configSchema();
const defs = schema.$defs as Record<string, Schema>;

/** Every schema that describes a key a user can write: `properties` entries and map values. */
function propertySchemas(node: unknown, pointer: string, out: [string, Schema][] = []): [string, Schema][] {
  if (typeof node !== 'object' || node === null) return out;
  const s = node as Schema;
  for (const [name, sub] of Object.entries((s.properties ?? {}) as Record<string, Schema>)) out.push([`${pointer}/properties/${name}`, sub]);
  if (typeof s.additionalProperties === 'object') out.push([`${pointer}/additionalProperties`, s.additionalProperties as Schema]);
  for (const [k, v] of Object.entries(s)) {
    if (Array.isArray(v)) v.forEach((x, i) => propertySchemas(x, `${pointer}/${k}/${i}`, out));
    else propertySchemas(v, `${pointer}/${k}`, out);
  }
  return out;
}

describe('schemas/gridfence.schema.json', () => {
  it('is JSON Schema 2020-12 and the file the package ships', () => {
    expect(schema.$schema).toBe('https://json-schema.org/draft/2020-12/schema');
    const shipped = JSON.parse(readFileSync(new URL('../../schemas/gridfence.schema.json', import.meta.url), 'utf8'));
    expect(shipped).toEqual(schema);
  });

  it('has a description on every property', () => {
    const all = propertySchemas(schema, '#');
    expect(all.length).toBeGreaterThan(40);
    const missing = all.filter(([, s]) => typeof s.description !== 'string' || s.description.trim() === '').map(([p]) => p);
    expect(missing).toEqual([]);
  });

  it('closes every mapping with a fixed set of keys', () => {
    const open = propertySchemas(schema, '#')
      .map(([p, s]) => [p, s.$ref ? defs[String(s.$ref).replace('#/$defs/', '')]! : s] as const)
      .filter(([, s]) => s.properties !== undefined && s.additionalProperties !== false)
      .map(([p]) => p);
    expect(open).toEqual([]);
    expect(schema.additionalProperties).toBe(false);
  });

  it('enumerates the roles of product.md §4 exactly', () => {
    const zone = (defs.zone!.properties as Record<string, Schema>).role!;
    const external = (defs.external!.properties as Record<string, Schema>).role!;
    expect(zone.enum).toEqual(['dispatch-link', 'buffer', 'internal', 'management', 'der-ingress', 'partner-ingress']);
    expect(external.enum).toEqual(['dispatch-system', 'partner', 'der-site', 'other']);
    expect(zone.enum).toEqual(ZONE_ROLES);
    expect(external.enum).toEqual(EXTERNAL_ROLES);
  });

  it('uses every definition, and its examples are valid', () => {
    const text = JSON.stringify(schema);
    for (const [name, def] of Object.entries(defs)) {
      expect(text, name).toContain(`"#/$defs/${name}"`);
      for (const example of (def.examples ?? []) as string[]) expect(new RegExp(String(def.pattern)).test(example), `${name}: ${example}`).toBe(true);
    }
  });

  it('requires version 1 and nothing else', () => {
    expect(validateAgainstSchema({ version: 1 })).toEqual([]);
    expect(validateAgainstSchema({}).map((i) => i.message)).toEqual(['missing required key "version" in /']);
  });

  it('accepts rule entries as a severity or an object, and rejects other forms', () => {
    for (const ok of ['error', 'warning', 'note', 'off', {}, { severity: 'off' }, { options: { maxPrefix: 16 } }]) {
      expect(validateAgainstSchema({ version: 1, rules: { r: ok } }), JSON.stringify(ok)).toEqual([]);
    }
    for (const bad of ['fatal', 0, true, null, [], { severity: 'x' }, { options: 3 }, { extra: 1 }]) {
      expect(validateAgainstSchema({ version: 1, rules: { r: bad } }), JSON.stringify(bad)).toHaveLength(1);
    }
  });
});
