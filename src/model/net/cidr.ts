/**
 * IPv4 and IPv6 addresses and prefixes as bigints: parsing, formatting (RFC 5952 for IPv6, as Go's
 * net package prints them, which is what Terraform shows) and containment. Never string tests.
 */

export type IpVersion = 4 | 6;

export interface IpAddress {
  version: IpVersion;
  value: bigint;
}

/** A prefix. `address` is the address as written (host bits may be set); `network` has them cleared. */
export interface Prefix {
  version: IpVersion;
  address: bigint;
  network: bigint;
  bits: number;
}

export const addressBits = (v: IpVersion): number => (v === 4 ? 32 : 128);

export function parseIpv4(s: string): bigint | undefined {
  const parts = s.split('.');
  if (parts.length !== 4) return undefined;
  let v = 0n;
  for (const p of parts) {
    if (!/^\d{1,3}$/.test(p) || (p.length > 1 && p[0] === '0')) return undefined;
    const n = Number(p);
    if (n > 255) return undefined;
    v = (v << 8n) | BigInt(n);
  }
  return v;
}

export function parseIpv6(s: string): bigint | undefined {
  if (!/^[0-9a-fA-F:.]+$/.test(s)) return undefined;
  let tail: bigint[] = [];
  let str = s;
  // An embedded IPv4 address in the last 32 bits.
  const lastColon = str.lastIndexOf(':');
  if (str.includes('.', lastColon)) {
    const v4 = parseIpv4(str.slice(lastColon + 1));
    if (v4 === undefined) return undefined;
    tail = [(v4 >> 16n) & 0xffffn, v4 & 0xffffn];
    str = str.slice(0, lastColon + 1) + (str[lastColon - 1] === ':' ? '' : '0');
    if (str.endsWith(':0')) str = str.slice(0, -2);
    else if (str.endsWith('::')) {
      /* keep */
    } else return undefined;
    if (str.endsWith(':') && !str.endsWith('::')) str = str.slice(0, -1);
  }
  const halves = str.split('::');
  if (halves.length > 2) return undefined;
  const parse = (h: string): bigint[] | undefined => {
    if (h === '') return [];
    const groups = h.split(':');
    const out: bigint[] = [];
    for (const g of groups) {
      if (!/^[0-9a-fA-F]{1,4}$/.test(g)) return undefined;
      out.push(BigInt(parseInt(g, 16)));
    }
    return out;
  };
  const head = parse(halves[0]!);
  if (!head) return undefined;
  let groups: bigint[];
  if (halves.length === 2) {
    const rest = parse(halves[1]!);
    if (!rest) return undefined;
    const missing = 8 - head.length - rest.length - tail.length;
    if (missing < 1) return undefined;
    groups = [...head, ...new Array<bigint>(missing).fill(0n), ...rest, ...tail];
  } else {
    groups = [...head, ...tail];
  }
  if (groups.length !== 8) return undefined;
  return groups.reduce((acc, g) => (acc << 16n) | g, 0n);
}

export function parseIp(s: string): IpAddress | undefined {
  if (s.includes(':')) {
    const v = parseIpv6(s);
    return v === undefined ? undefined : { version: 6, value: v };
  }
  const v = parseIpv4(s);
  return v === undefined ? undefined : { version: 4, value: v };
}

/** Parses "a.b.c.d/n" or "x::y/n". Returns undefined when the text is not a prefix. */
export function parseCidr(s: string): Prefix | undefined {
  const slash = s.indexOf('/');
  if (slash < 0) return undefined;
  const ip = parseIp(s.slice(0, slash));
  const bitsText = s.slice(slash + 1);
  if (!ip || !/^\d{1,3}$/.test(bitsText)) return undefined;
  const bits = Number(bitsText);
  if (bits > addressBits(ip.version)) return undefined;
  return { version: ip.version, address: ip.value, network: ip.value & prefixMask(ip.version, bits), bits };
}

/** A prefix from CIDR text, or a bare address as its host prefix (/32, /128); undefined otherwise. */
export function parsePrefixOrAddress(text: string): Prefix | undefined {
  const p = parseCidr(text);
  if (p) return p;
  const ip = parseIp(text);
  if (!ip) return undefined;
  return { version: ip.version, address: ip.value, network: ip.value, bits: addressBits(ip.version) };
}

/**
 * parsePrefixOrAddress, remembered by text: systems repeat the same few CIDR strings thousands of
 * times. The prefixes it returns are shared, so they must never be modified (no one does). Bounded,
 * so that a long-lived caller keeps no more than PARSED_LIMIT texts.
 */
export function parsePrefixOrAddressCached(text: string): Prefix | undefined {
  if (parsed.has(text)) return parsed.get(text);
  const p = parsePrefixOrAddress(text);
  if (parsed.size < PARSED_LIMIT) parsed.set(text, p);
  return p;
}
const parsed = new Map<string, Prefix | undefined>();
const PARSED_LIMIT = 100_000;

export function prefixMask(version: IpVersion, bits: number): bigint {
  const width = BigInt(addressBits(version));
  const all = (1n << width) - 1n;
  return all ^ ((1n << (width - BigInt(bits))) - 1n);
}

/** First and last address covered by a prefix. */
export function prefixRange(p: Prefix): [bigint, bigint] {
  const hostBits = BigInt(addressBits(p.version) - p.bits);
  return [p.network, p.network | ((1n << hostBits) - 1n)];
}

export function prefixContains(outer: Prefix, inner: Prefix): boolean {
  if (outer.version !== inner.version || inner.bits < outer.bits) return false;
  return (inner.network & prefixMask(outer.version, outer.bits)) === outer.network;
}

export function formatIpv4(v: bigint): string {
  return [24n, 16n, 8n, 0n].map((s) => ((v >> s) & 255n).toString()).join('.');
}

/** RFC 5952: lower case, leading zeros dropped, the longest run (≥ 2) of zero groups as "::". */
export function formatIpv6(v: bigint): string {
  const groups: number[] = [];
  for (let i = 7; i >= 0; i--) groups.push(Number((v >> BigInt(i * 16)) & 0xffffn));
  // IPv4-mapped addresses print with a dotted tail, as Go does.
  if (groups.slice(0, 5).every((g) => g === 0) && groups[5] === 0xffff) return '::ffff:' + formatIpv4(v & 0xffffffffn);
  let bestStart = -1;
  let bestLen = 1;
  for (let i = 0; i < 8; ) {
    if (groups[i] !== 0) {
      i++;
      continue;
    }
    let j = i;
    while (j < 8 && groups[j] === 0) j++;
    if (j - i > bestLen) {
      bestStart = i;
      bestLen = j - i;
    }
    i = j;
  }
  const hex = groups.map((g) => g.toString(16));
  if (bestStart < 0) return hex.join(':');
  return hex.slice(0, bestStart).join(':') + '::' + hex.slice(bestStart + bestLen).join(':');
}

export function formatIp(version: IpVersion, v: bigint): string {
  return version === 4 ? formatIpv4(v) : formatIpv6(v);
}

export function formatPrefix(version: IpVersion, network: bigint, bits: number): string {
  return `${formatIp(version, network)}/${bits}`;
}
