/**
 * Hashes of strings (their UTF-8 bytes) and name-based UUIDs. Functions whose result is random
 * (uuid, bcrypt) or needs a private key (rsadecrypt) are Unknown: their values exist only when
 * Terraform runs.
 */
import { createHash } from 'node:crypto';
import { Unknown } from '../../../model/value.js';
import { base64Of } from './encoding.js';
import { CallError, define } from './signature.js';
import type { TfFunction } from './types.js';
import { table } from '../../../model/table.js';

export type HashName = 'md5' | 'sha1' | 'sha256' | 'sha512';

export function digest(algorithm: HashName, data: Uint8Array | string): Uint8Array {
  return new Uint8Array(createHash(algorithm).update(data).digest());
}

export const hex = (bytes: Uint8Array): string => Buffer.from(bytes).toString('hex');

const stringHash = (name: string, algorithm: HashName, encode: (b: Uint8Array) => string) =>
  define(name, {
    params: [{ name: 'str', type: 'string' }],
    impl: ([s]) => encode(digest(algorithm, Buffer.from(s as string, 'utf8'))),
  });

const NAMESPACES: Record<string, string> = table({
  dns: '6ba7b810-9dad-11d1-80b4-00c04fd430c8',
  url: '6ba7b811-9dad-11d1-80b4-00c04fd430c8',
  oid: '6ba7b812-9dad-11d1-80b4-00c04fd430c8',
  x500: '6ba7b814-9dad-11d1-80b4-00c04fd430c8',
});

/** github.com/google/uuid's Parse: the 36-character form, optionally as urn:uuid: or in braces, or 32 bare hex digits. */
function parseUuid(s: string): Uint8Array | string {
  let body: string;
  if (s.length === 36) body = s;
  else if (s.length === 45) {
    if (s.slice(0, 9).toLowerCase() !== 'urn:uuid:') return `invalid urn prefix: ${s.slice(0, 9)}`;
    body = s.slice(9);
  } else if (s.length === 38) body = s.slice(1, -1);
  else if (s.length === 32) {
    if (!/^[0-9A-Fa-f]{32}$/.test(s)) return 'invalid UUID format';
    return new Uint8Array(Buffer.from(s, 'hex'));
  } else return `invalid UUID length: ${s.length}`;
  if (!/^[0-9A-Fa-f]{8}-[0-9A-Fa-f]{4}-[0-9A-Fa-f]{4}-[0-9A-Fa-f]{4}-[0-9A-Fa-f]{12}$/.test(body)) return 'invalid UUID format';
  return new Uint8Array(Buffer.from(body.replace(/-/g, ''), 'hex'));
}

const uuidv5 = define('uuidv5', {
  params: [
    { name: 'namespace', type: 'string' },
    { name: 'name', type: 'string' },
  ],
  impl: ([ns, name]) => {
    const parsed = parseUuid(NAMESPACES[ns as string] ?? (ns as string));
    if (typeof parsed === 'string') throw new CallError(`uuidv5() doesn't support namespace ${ns as string} (${parsed})`);
    const h = digest('sha1', Buffer.concat([parsed, Buffer.from(name as string, 'utf8')])).slice(0, 16);
    h[6] = (h[6]! & 0x0f) | 0x50;
    h[8] = (h[8]! & 0x3f) | 0x80;
    const x = hex(h);
    return `${x.slice(0, 8)}-${x.slice(8, 12)}-${x.slice(12, 16)}-${x.slice(16, 20)}-${x.slice(20)}`;
  },
});

const uuid = define('uuid', {
  params: [],
  impl: () => new Unknown('uuid() is known only at apply time: it returns a new random value on every run'),
});

const bcrypt = define('bcrypt', {
  params: [{ name: 'str', type: 'string' }],
  variadic: { name: 'cost', type: 'number' },
  check: (args) => {
    if (args.length > 2) throw new CallError('bcrypt() takes no more than two arguments');
  },
  impl: () => new Unknown('bcrypt() is known only at apply time: its salt is random'),
});

const rsadecrypt = define('rsadecrypt', {
  params: [
    { name: 'ciphertext', type: 'string' },
    { name: 'privatekey', type: 'string' },
  ],
  impl: () => new Unknown('rsadecrypt() is not evaluated: gridfence does not decrypt secrets'),
});

export const cryptoFunctions: Record<string, TfFunction> = {
  md5: stringHash('md5', 'md5', hex),
  sha1: stringHash('sha1', 'sha1', hex),
  sha256: stringHash('sha256', 'sha256', hex),
  sha512: stringHash('sha512', 'sha512', hex),
  base64sha256: stringHash('base64sha256', 'sha256', base64Of),
  base64sha512: stringHash('base64sha512', 'sha512', base64Of),
  uuidv5,
  uuid,
  bcrypt,
  rsadecrypt,
};
