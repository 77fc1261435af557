/** Shared fixtures for the function tests: a call helper, an in-memory file context, value builders. */
import { FunctionError } from '../../src/model/errors.js';
import { newObject, TfSet, Unknown, type ObjectValue, type Value } from '../../src/model/value.js';
import { functions, type FunctionContext } from '../../src/loaders/terraform/functions/index.js';

export const files = new Map<string, Uint8Array>([
  ['hello.txt', new TextEncoder().encode('Hello World')],
  ['backends.tftpl', new TextEncoder().encode('%{ for addr in ip_addrs ~}\nbackend ${addr}:${port}\n%{ endfor ~}\n')],
  ['latin1.bin', new Uint8Array([0xff, 0xfe, 0x00])],
]);

export const rendered: { text: string; path: string; vars: ObjectValue }[] = [];

export const ctx: FunctionContext = {
  readFile: (p) => new TextDecoder().decode(files.get(p)!),
  readFileBytes: (p) => files.get(p)!,
  fileExists: (p) => files.has(p),
  renderTemplate: (text, path, vars) => {
    rendered.push({ text, path, vars });
    return `rendered ${path}`;
  },
  renderTemplateString: (text, vars) => {
    rendered.push({ text, path: '', vars });
    return `rendered string`;
  },
};

export function call(name: string, ...args: Value[]): Value {
  const fn = functions.get(name);
  if (!fn) throw new Error(`no function ${name}`);
  return fn(args, ctx);
}

/** The FunctionError message a call produces; fails the test when the call succeeds. */
export function callError(name: string, ...args: Value[]): string {
  try {
    const r = call(name, ...args);
    throw new Error(`${name} succeeded with ${JSON.stringify(r)}`);
  } catch (e) {
    if (e instanceof FunctionError) return e.message;
    throw e;
  }
}

export const unknown = (reason = 'aws_vpc.main.id is known only after apply'): Unknown => new Unknown(reason);
export const obj = (o: Record<string, Value>): ObjectValue => newObject(Object.entries(o));
export const set = (...items: Value[]): TfSet => new TfSet(items);

/** Plain data for toEqual: objects lose their null prototype, sets become { set: [...] }. */
export function plain(v: Value): unknown {
  if (v instanceof Unknown) return { unknown: v.reason };
  if (v instanceof TfSet) return { set: v.items.map(plain) };
  if (Array.isArray(v)) return v.map(plain);
  if (v !== null && typeof v === 'object') return Object.fromEntries(Object.entries(v).map(([k, x]) => [k, plain(x)]));
  return v;
}
