/**
 * cidrhost, cidrnetmask, cidrsubnet, cidrsubnets: Terraform's results and errors bit for bit.
 *
 * Terraform parses prefixes with a fork of Go 1.16's net package (IPv4 octets may have leading
 * zeros, read as decimal) and computes with github.com/apparentlymart/go-cidr. Both have quirks
 * that decide whether Terraform errors, and they are reproduced here on purpose:
 * - an IPv4-mapped IPv6 prefix (::ffff:a.b.c.d/n) is printed as IPv4 with n−96 bits, and cidrhost
 *   on it shifts the host number by 96 bits;
 * - cidrsubnet's range check on netnum looks only at the low 64 bits (`uint64` arithmetic);
 * - cidrhost's range check goes through `int64(num.Uint64())`;
 * - cidrsubnets cannot start from the all-zero address (hashicorp/terraform#35486).
 * Where go-cidr would panic on an over-long address, Terraform reports the panic as an error; so do we.
 */
import { Unknown, type Value } from '../../../model/value.js';
import { formatIpv4, formatIpv6 } from '../../../model/net/cidr.js';
import { ConversionError, toBigInteger, toInt, toNumber } from './coerce.js';
import { ArgError, CallError, define } from './signature.js';
import type { TfFunction } from './types.js';

/** A parsed prefix as Go holds it: the byte length of the address (4, or 16 for anything written as IPv6), the masked address, the prefix length. */
interface GoNet {
  len: 4 | 16;
  ip: bigint;
  bits: number;
}

const BIG = 0xffffff;

/** Go's dtoi: leading decimal digits, with an overflow guard. */
function dtoi(s: string): { n: number; used: number } | undefined {
  let n = 0;
  let i = 0;
  for (; i < s.length && s[i]! >= '0' && s[i]! <= '9'; i++) {
    n = n * 10 + s.charCodeAt(i) - 48;
    if (n >= BIG) return undefined;
  }
  return i === 0 ? undefined : { n, used: i };
}

function xtoi(s: string): { n: number; used: number } | undefined {
  let n = 0;
  let i = 0;
  for (; i < s.length && /[0-9A-Fa-f]/.test(s[i]!); i++) {
    n = n * 16 + parseInt(s[i]!, 16);
    if (n >= BIG) return undefined;
  }
  return i === 0 ? undefined : { n, used: i };
}

function parseV4(s: string): bigint | undefined {
  let v = 0n;
  for (let i = 0; i < 4; i++) {
    if (s === '') return undefined;
    if (i > 0) {
      if (s[0] !== '.') return undefined;
      s = s.slice(1);
    }
    const d = dtoi(s);
    if (!d || d.n > 0xff) return undefined;
    s = s.slice(d.used);
    v = (v << 8n) | BigInt(d.n);
  }
  return s === '' ? v : undefined;
}

function parseV6(s: string): bigint | undefined {
  const bytes = new Array<number>(16).fill(0);
  let ellipsis = -1;
  if (s.startsWith('::')) {
    ellipsis = 0;
    s = s.slice(2);
    if (s === '') return 0n;
  }
  let i = 0;
  while (i < 16) {
    const x = xtoi(s);
    if (!x || x.n > 0xffff) return undefined;
    if (x.used < s.length && s[x.used] === '.') {
      if ((ellipsis < 0 && i !== 12) || i + 4 > 16) return undefined;
      const v4 = parseV4(s);
      if (v4 === undefined) return undefined;
      for (let k = 0; k < 4; k++) bytes[i + k] = Number((v4 >> BigInt(24 - 8 * k)) & 0xffn);
      s = '';
      i += 4;
      break;
    }
    bytes[i] = x.n >> 8;
    bytes[i + 1] = x.n & 0xff;
    i += 2;
    s = s.slice(x.used);
    if (s === '') break;
    if (s[0] !== ':' || s.length === 1) return undefined;
    s = s.slice(1);
    if (s[0] === ':') {
      if (ellipsis >= 0) return undefined;
      ellipsis = i;
      s = s.slice(1);
      if (s === '') break;
    }
  }
  if (s !== '') return undefined;
  if (i < 16) {
    if (ellipsis < 0) return undefined;
    const n = 16 - i;
    for (let j = i - 1; j >= ellipsis; j--) bytes[j + n] = bytes[j]!;
    for (let j = ellipsis + n - 1; j >= ellipsis; j--) bytes[j] = 0;
  } else if (ellipsis >= 0) {
    return undefined;
  }
  return bytes.reduce((acc, b) => (acc << 8n) | BigInt(b), 0n);
}

const ones = (n: number): bigint => (1n << BigInt(n)) - 1n;
const maskOf = (width: number, bits: number): bigint => ones(width) ^ ones(width - bits);

/** Go's net.ParseCIDR as forked by Terraform. */
function parseGoCidr(s: string): GoNet | undefined {
  const slash = s.indexOf('/');
  if (slash < 0) return undefined;
  const addr = s.slice(0, slash);
  const maskText = s.slice(slash + 1);
  let len: 4 | 16 = 4;
  let ip = parseV4(addr);
  if (ip === undefined) {
    len = 16;
    ip = parseV6(addr);
  }
  const d = dtoi(maskText);
  if (ip === undefined || !d || d.used !== maskText.length || d.n > len * 8) return undefined;
  return { len, ip: ip & maskOf(len * 8, d.n), bits: d.n };
}

function parseOrFail(prefix: string): GoNet {
  const net = parseGoCidr(prefix);
  if (!net) throw new CallError(`invalid CIDR expression: invalid CIDR address: ${prefix}`);
  return net;
}

/** An IPv4-mapped IPv6 address (::ffff:a.b.c.d), which Go prints and treats as IPv4. */
const isMapped = (len: number, ip: bigint): boolean => len === 16 && ip >> 32n === 0xffffn;

/** Go's net.IP.String. */
function ipString(len: number, ip: bigint): string {
  if (len === 4) return formatIpv4(ip);
  if (isMapped(len, ip)) return formatIpv4(ip & 0xffffffffn);
  return formatIpv6(ip);
}

/** Go's net.IPNet.String; `bits` outside 0..width means a nil mask. */
function netString(len: number, ip: bigint, bits: number): string {
  if (bits < 0 || bits > len * 8) return '<nil>';
  if (isMapped(len, ip)) return `${formatIpv4(ip & 0xffffffffn)}/${Math.max(0, bits - 96)}`;
  return `${ipString(len, ip)}/${bits}`;
}

/** go-cidr's intToIP, which panics when the number does not fit the address. */
function fitAddress(len: number, v: bigint): bigint {
  const abs = v < 0n ? -v : v;
  if (abs >> BigInt(len * 8) !== 0n) throw new CallError('panic in function implementation: runtime error: index out of range [-1]');
  return abs;
}

function asCallError<T>(f: () => T): T {
  try {
    return f();
  } catch (e) {
    if (e instanceof ConversionError) throw new CallError(e.message);
    throw e;
  }
}

/** HCL converts a number parameter's argument before the call; a big-integer parameter keeps strings for exactness but must still be numeric. */
function checkNumeric(v: Value, index: number): void {
  if (v === null || v instanceof Unknown) return;
  try {
    toNumber(v);
  } catch (e) {
    if (e instanceof ConversionError) throw new ArgError(index, e.message);
    throw e;
  }
}

/**
 * Terraform takes the host or network number as an exact integer (a number literal is held with
 * 512 bits of precision), while gridfence holds numbers as doubles: beyond 2^53 a double stands for
 * several integers (18446744073709551615 reads as 2^64), and the address built from it would be
 * another one, outside the prefix. Such a number gives an Unknown instead; a string argument keeps
 * its digits and is exact.
 */
function inexactNumber(v: Value, what: string): Unknown | undefined {
  if (typeof v !== 'number' || !Number.isInteger(v) || Number.isSafeInteger(v)) return undefined;
  return new Unknown(`a ${what} beyond 2^53 (read as ${v}), where gridfence holds numbers only approximately; Terraform computes the address from the exact integer (write it as a string to keep every digit)`);
}

const cidrhost = define('cidrhost', {
  params: [{ name: 'prefix', type: 'string' }, { name: 'hostnum' }],
  check: (args) => checkNumeric(args[1]!, 1),
  impl: ([prefix, hostnum]) => {
    const inexact = inexactNumber(hostnum!, 'host number');
    if (inexact) return inexact;
    let num = asCallError(() => toBigInteger(hostnum!));
    const net = parseOrFail(prefix as string);
    const hostLen = net.len * 8 - net.bits;
    const maxHost = ones(hostLen);
    let checked: bigint;
    if (num < 0n) {
      checked = -num - 1n;
      num = maxHost - checked;
    } else {
      checked = BigInt.asIntN(64, num);
    }
    if (checked > maxHost) throw new CallError(`prefix of ${net.bits} does not accommodate a host numbered ${num}`);
    // go-cidr inserts the number at the bit length of the address's IPv4 form, if it has one.
    const shift = isMapped(net.len, net.ip) ? 96n : 0n;
    return ipString(net.len, fitAddress(net.len, net.ip | (num << shift)));
  },
});

const cidrnetmask = define('cidrnetmask', {
  params: [{ name: 'prefix', type: 'string' }],
  impl: ([prefix]) => {
    const net = parseOrFail(prefix as string);
    if (net.len !== 4 && !isMapped(net.len, net.ip)) throw new CallError(`IPv6 addresses cannot have a netmask: ${prefix as string}`);
    return ipString(net.len, maskOf(net.len * 8, net.bits));
  },
});

const cidrsubnet = define('cidrsubnet', {
  params: [{ name: 'prefix', type: 'string' }, { name: 'newbits', type: 'number' }, { name: 'netnum' }],
  check: (args) => checkNumeric(args[2]!, 2),
  impl: ([prefix, newbitsArg, netnumArg]) => {
    const newbits = asCallError(() => toInt(newbitsArg as number));
    const inexact = inexactNumber(netnumArg!, 'network number');
    if (inexact) return inexact;
    const netnum = asCallError(() => toBigInteger(netnumArg!));
    const net = parseOrFail(prefix as string);
    const width = net.len * 8;
    const newLen = net.bits + newbits;
    if (newLen > width) throw new CallError(`insufficient address space to extend prefix of ${net.bits} by ${newbits}`);
    // uint64(1<<uint64(newbits)) - 1, compared with the low 64 bits of |netnum|.
    const maxNetNum = newbits >= 0 && newbits < 64 ? ones(newbits) : ones(64);
    if (BigInt.asUintN(64, netnum < 0n ? -netnum : netnum) > maxNetNum) {
      throw new CallError(`prefix extension of ${newbits} does not accommodate a subnet numbered ${netnum}`);
    }
    const ip = fitAddress(net.len, net.ip | (netnum << BigInt(width - newLen)));
    return netString(net.len, ip, newLen);
  },
});

const cidrsubnets = define('cidrsubnets', {
  params: [{ name: 'prefix', type: 'string' }],
  variadic: { name: 'newbits', type: 'number' },
  impl: (args) => {
    const net = parseGoCidr(args[0] as string);
    if (!net) throw new ArgError(0, `invalid CIDR expression: invalid CIDR address: ${args[0] as string}`);
    if (args.length === 1) return [];
    const toLength = (i: number): number => {
      try {
        return toInt(args[i] as number);
      } catch (e) {
        if (e instanceof ConversionError) throw new ArgError(i, e.message);
        throw e;
      }
    };
    const width = net.len * 8;
    const mapped = isMapped(net.len, net.ip);
    const firstLength = toLength(1) + net.bits;
    // go-cidr's PreviousSubnet: the address before the base, masked to the first length.
    let current = { ip: firstLength <= width ? ((net.ip - 1n) & ones(width)) & maskOf(width, firstLength) : 0n, bits: firstLength };
    const out: string[] = [];
    for (let i = 1; i < args.length; i++) {
      let length = toLength(i);
      if (length < 1) throw new ArgError(i, 'must extend prefix by at least one bit');
      if (length > 32) throw new ArgError(i, 'may not extend prefix by more than 32 bits');
      length += net.bits;
      if (length > width) {
        throw new ArgError(i, `would extend prefix to ${length} bits, which is too long for an ${net.len === 4 ? 'IPv4' : 'IPv6'} address`);
      }
      if (mapped) {
        // go-cidr converts the mapped address to its 4-byte form and then masks it with a 128-bit
        // prefix length, which yields no address at all.
        throw new ArgError(i, `not enough remaining address space for a subnet with a prefix of ${length} bits after <nil>`);
      }
      // go-cidr's NextSubnet: the first aligned block of the new length after the current one.
      const currentLast = current.ip | ones(width - current.bits);
      const last = (currentLast & maskOf(width, length)) | ones(width - length);
      const next = (last + 1n) & ones(width);
      const rollover = next === 0n;
      const inside = (next & maskOf(width, net.bits)) === net.ip && !isMapped(net.len, next);
      if (rollover || !inside) {
        throw new ArgError(i, `not enough remaining address space for a subnet with a prefix of ${length} bits after ${netString(net.len, current.ip, current.bits)}`);
      }
      current = { ip: next, bits: length };
      out.push(netString(net.len, current.ip, current.bits));
    }
    return out;
  },
});

export const ipnetFunctions: Record<string, TfFunction> = { cidrhost, cidrnetmask, cidrsubnet, cidrsubnets };
