/**
 * The JSON Schema of gridfence.yaml (schemas/gridfence.schema.json, shipped in the package) and its
 * validation. ajv's errors are turned into `ConfigIssue`s: a path, whether the key or the value is at
 * fault, and a message for people (unknown keys with the nearest valid key, enums with the nearest
 * value, formats with examples taken from the schema's own `title` and `examples`).
 */
import { readFileSync } from 'node:fs';
import type { Ajv2020, ErrorObject, ValidateFunction } from 'ajv/dist/2020.js';
import { ajv2020 } from './ajv-loader.js';
import configIsValid from './generated/config-is-valid.js';
import { type ConfigPath, pathToPointer, pointerToPath } from './locate.js';
import { messages } from './messages.js';
import { nearest } from './suggest.js';

/** A problem found in the configuration's data, not yet placed in the file. */
export interface ConfigIssue {
  path: ConfigPath;
  /** Whether the key at `path` or its value is at fault (an unknown key vs. a wrong value). */
  at: 'key' | 'value';
  message: string;
  severity: 'error' | 'warning';
}

type SchemaObject = Record<string, unknown>;

/** Location of the schema file, both from src/config (tests) and from dist/config (the package). */
export const SCHEMA_URL = new URL('../../schemas/gridfence.schema.json', import.meta.url);
const SCHEMA_KEY = 'gridfence';

interface Compiled {
  schema: SchemaObject;
  ajv: Ajv2020;
  validate: ValidateFunction;
  /** JSON pointer (without '#') of every object in the schema, to address anyOf branches. */
  pointers: Map<object, string>;
}

let compiled: Compiled | undefined;

/** The parsed schema document. */
export function configSchema(): SchemaObject {
  return compile().schema;
}

// Compiled on first use only: `gridfence --version` and runs without a configuration never pay for it.
function compile(): Compiled {
  if (compiled) return compiled;
  const schema = JSON.parse(readFileSync(SCHEMA_URL, 'utf8')) as SchemaObject;
  // allErrors: report every problem of a file in one run; verbose: errors carry their schema and data.
  // Loaded here, not at the top: a valid configuration never needs ajv (see validateAgainstSchema).
  const { Ajv2020: Ajv } = ajv2020();
  const ajv = new Ajv({ allErrors: true, verbose: true, strict: true });
  ajv.addSchema(schema, SCHEMA_KEY);
  const validate = ajv.getSchema(SCHEMA_KEY)!;
  const pointers = new Map<object, string>();
  const walk = (node: unknown, pointer: string): void => {
    if (typeof node !== 'object' || node === null) return;
    pointers.set(node, pointer);
    for (const [k, v] of Object.entries(node)) walk(v, `${pointer}/${k.replace(/~/g, '~0').replace(/\//g, '~1')}`);
  };
  walk(schema, '');
  compiled = { schema, ajv, validate, pointers };
  return compiled;
}

/**
 * Validates plain data (YAML already converted) against the schema. A valid configuration is
 * confirmed by the precompiled validator (generated/config-is-valid.ts) without compiling the
 * schema; only an invalid one pays for ajv's detailed, all-errors pass that the messages need.
 */
export function validateAgainstSchema(data: unknown): ConfigIssue[] {
  if (configIsValid(data)) return [];
  const c = compile();
  if (c.validate(data)) return [];
  return reduceAlternatives(c, c.validate.errors ?? [], '').flatMap((e) => translate(c, e));
}

/**
 * ajv reports an anyOf failure together with the failures of every branch, most of which are noise
 * ("3 must be a string" and "3 must be a mapping"). When the value's type fits exactly one branch,
 * that branch's own errors are the useful ones; otherwise the anyOf error alone is kept.
 */
function reduceAlternatives(c: Compiled, errors: readonly ErrorObject[], prefix: string): ErrorObject[] {
  const out: ErrorObject[] = [];
  const under = (e: ErrorObject, p: string) => e.instancePath === p || e.instancePath.startsWith(p + '/');
  for (const raw of errors) {
    const e = prefix ? { ...raw, instancePath: prefix + raw.instancePath } : raw;
    if (e.keyword !== 'anyOf') {
      out.push(e);
      continue;
    }
    // Branch errors come right before their anyOf error.
    while (out.length > 0 && under(out[out.length - 1]!, e.instancePath)) out.pop();
    const branches = (e.schema as unknown[]).map((b) => resolveRef(c, b));
    const fitting = branches.map((b, i) => [b, i] as const).filter(([b]) => typeFits(b, e.data));
    const owner = c.pointers.get(e.parentSchema as object);
    if (fitting.length === 1 && owner !== undefined) {
      const branch = c.ajv.getSchema(`${SCHEMA_KEY}#${owner}/anyOf/${fitting[0]![1]}`);
      if (branch && !branch(e.data)) {
        out.push(...reduceAlternatives(c, branch.errors ?? [], e.instancePath));
        continue;
      }
    }
    out.push(e);
  }
  return out;
}

function resolveRef(c: Compiled, schema: unknown): SchemaObject {
  const s = schema as SchemaObject;
  const ref = s.$ref;
  if (typeof ref !== 'string' || !ref.startsWith('#/')) return s;
  let node: unknown = c.schema;
  for (const seg of pointerToPath(ref.slice(1))) node = (node as SchemaObject)[seg];
  return (node as SchemaObject | undefined) ?? s;
}

function jsonType(value: unknown): string {
  if (value === null || value === undefined) return 'null';
  if (Array.isArray(value)) return 'array';
  if (typeof value === 'number') return Number.isInteger(value) ? 'integer' : 'number';
  return typeof value;
}

function typeFits(schema: SchemaObject, value: unknown): boolean {
  const t = schema.type;
  if (t === undefined) return true;
  const types = Array.isArray(t) ? (t as string[]) : [t as string];
  const actual = jsonType(value);
  return types.includes(actual) || (actual === 'integer' && types.includes('number'));
}

function translate(c: Compiled, e: ErrorObject): ConfigIssue[] {
  const path = pointerToPath(e.instancePath);
  const where = pathToPointer(path);
  const parent = (e.parentSchema ?? {}) as SchemaObject;
  const issue = (message: string, at: 'key' | 'value' = 'value', p: ConfigPath = path): ConfigIssue[] => [
    { path: p, at, message, severity: 'error' },
  ];
  // Errors inside `propertyNames` repeat what the propertyNames error itself says.
  if ((e as ErrorObject & { propertyName?: string }).propertyName !== undefined) return [];

  switch (e.keyword) {
    case 'additionalProperties': {
      const key = String((e.params as { additionalProperty: string }).additionalProperty);
      const known = Object.keys((parent.properties ?? {}) as SchemaObject);
      return issue(messages.unknownKey(key, where, nearest(key, known)), 'key', [...path, key]);
    }
    case 'required': {
      const key = String((e.params as { missingProperty: string }).missingProperty);
      return issue(messages.missingKey(key, where), 'key');
    }
    case 'type': {
      const expected = String((e.params as { type: string | string[] }).type).split(',');
      return issue(messages.wrongType(where, expected, e.data));
    }
    case 'enum': {
      const allowed = (e.params as { allowedValues: unknown[] }).allowedValues;
      const strings = allowed.filter((a): a is string => typeof a === 'string');
      const suggestion = typeof e.data === 'string' ? nearest(e.data, strings) : undefined;
      return issue(messages.notInEnum(where, e.data, strings.length > 0 ? strings : allowed, suggestion));
    }
    case 'const':
      if (where === '/version') return issue(messages.badVersion(e.data));
      return issue(messages.schemaOther(where, `must be ${JSON.stringify((e.params as { allowedValue: unknown }).allowedValue)}`));
    case 'pattern':
    case 'minLength':
      if (typeof e.data === 'string' && e.data.trim() === '') return issue(messages.blank(where));
      if (parent === (c.schema.$defs as SchemaObject).cidr) return issue(messages.badCidr(where, String(e.data)));
      if (e.keyword === 'minLength' && (e.params as { limit: number }).limit > 1) {
        return issue(messages.tooShort(where, e.data, (e.params as { limit: number }).limit));
      }
      return issue(messages.badFormat(where, e.data, parent.title as string | undefined, parent.examples as unknown[] | undefined));
    case 'propertyNames': {
      const name = String((e.params as { propertyName: string }).propertyName);
      const rule = resolveRef(c, parent.propertyNames);
      return issue(messages.badName(where, name, rule.title as string | undefined, rule.description as string | undefined), 'key', [...path, name]);
    }
    case 'minimum':
      return issue(messages.tooSmall(where, (e.params as { limit: number }).limit));
    case 'maximum':
      return issue(messages.tooLarge(where, (e.params as { limit: number }).limit));
    case 'minItems':
      return issue(messages.tooFewItems(where, (e.params as { limit: number }).limit));
    case 'uniqueItems': {
      const { i, j } = e.params as { i: number; j: number };
      const later = Math.max(i, j);
      return issue(messages.duplicateItem(where, (e.data as unknown[])[later]), 'value', [...path, later]);
    }
    case 'anyOf': {
      const branches = (e.schema as unknown[]).map((b) => resolveRef(c, b));
      const types = [...new Set(branches.flatMap((b) => (b.type === undefined ? [] : ([] as string[]).concat(b.type as string | string[]))))];
      if (!branches.some((b) => typeFits(b, e.data))) return issue(messages.wrongType(where, types, e.data));
      return issue(messages.noForm(where, e.data, parent.title as string | undefined));
    }
    default:
      return issue(messages.schemaOther(where, e.message ?? e.keyword));
  }
}
