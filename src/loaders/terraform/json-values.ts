/**
 * Plain JSON documents (`*.tfvars.json`) turned into values, with JSON syntax errors located by
 * line and column.
 */
import { InputError } from '../../model/errors.js';
import type { SourceFile } from '../../model/source.js';
import { newObject, type Value } from '../../model/value.js';

export function parseJsonValue(file: SourceFile): Value {
  let raw: unknown;
  try {
    raw = JSON.parse(file.text.charCodeAt(0) === 0xfeff ? file.text.slice(1) : file.text);
  } catch (e) {
    const msg = (e as Error).message;
    const m = /position (\d+)/.exec(msg);
    const at = m ? Number(m[1]) : 0;
    throw new InputError('json-syntax', `Invalid JSON: ${msg.replace(/ in JSON at position \d+.*$/, '')}`, { file, start: at, end: at + 1 });
  }
  return fromJson(raw);
}

export function fromJson(raw: unknown): Value {
  if (raw === null || typeof raw === 'string' || typeof raw === 'number' || typeof raw === 'boolean') return raw;
  if (Array.isArray(raw)) return raw.map(fromJson);
  return newObject(Object.entries(raw as Record<string, unknown>).map(([k, v]) => [k, fromJson(v)]));
}
