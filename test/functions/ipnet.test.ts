import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { parseCidr, prefixContains, parseIp, type Prefix } from '../../src/model/net/cidr.js';
import type { Value } from '../../src/model/value.js';
import { call, callError, plain, unknown } from './helpers.js';

type Case = [string, Value[], Value];

describe('cidr functions: documented examples', () => {
  const cases: Case[] = [
    ['cidrsubnet', ['172.16.0.0/12', 4, 2], '172.18.0.0/16'],
    ['cidrsubnet', ['10.1.2.0/24', 4, 15], '10.1.2.240/28'],
    // The documentation (and Go) give a200; the brief's "a2::" would be netnum 162 shifted 48 bits, not 56.
    ['cidrsubnet', ['fd00:fd12:3456:7890::/56', 16, 162], 'fd00:fd12:3456:7800:a200::/72'],
    ['cidrhost', ['10.12.112.0/20', 16], '10.12.112.16'],
    ['cidrhost', ['10.12.112.0/20', 268], '10.12.113.12'],
    // The /72 mask keeps only the zero high byte of "00a2", so the host lands in ...7890::.
    ['cidrhost', ['fd00:fd12:3456:7890:00a2::/72', 34], 'fd00:fd12:3456:7890::22'],
    ['cidrhost', ['10.1.2.240/28', 1], '10.1.2.241'],
    ['cidrhost', ['10.1.2.240/28', 14], '10.1.2.254'],
    ['cidrnetmask', ['172.16.0.0/12'], '255.240.0.0'],
    ['cidrsubnets', ['10.1.0.0/16', 4, 4, 8, 4], ['10.1.0.0/20', '10.1.16.0/20', '10.1.32.0/24', '10.1.48.0/20']],
    [
      'cidrsubnets',
      ['fd00:fd12:3456:7890::/56', 16, 16, 16, 32],
      ['fd00:fd12:3456:7800::/72', 'fd00:fd12:3456:7800:100::/72', 'fd00:fd12:3456:7800:200::/72', 'fd00:fd12:3456:7800:300::/88'],
    ],
  ];
  it.each(cases)('%s(%j)', (name, args, want) => {
    expect(plain(call(name, ...args))).toEqual(want);
  });

  it('nests cidrsubnets as in the documentation', () => {
    const outer = call('cidrsubnets', '10.0.0.0/8', 8, 8, 8, 8) as string[];
    expect(outer.map((b) => call('cidrsubnets', b, 4, 4))).toEqual([
      ['10.0.0.0/20', '10.0.16.0/20'],
      ['10.1.0.0/20', '10.1.16.0/20'],
      ['10.2.0.0/20', '10.2.16.0/20'],
      ['10.3.0.0/20', '10.3.16.0/20'],
    ]);
  });
});

describe('cidr functions: Terraform behaviour', () => {
  const cases: Case[] = [
    ['cidrhost', ['192.168.1.0/24', 5], '192.168.1.5'],
    ['cidrhost', ['192.168.1.0/24', -5], '192.168.1.251'],
    ['cidrhost', ['192.168.1.0/24', -256], '192.168.1.0'],
    ['cidrhost', ['192.168.1.0/24', -1], '192.168.1.255'],
    // Leading zeros are decimal (Terraform's fork of the Go 1.16 parser), and the result is canonical.
    ['cidrhost', ['010.001.0.0/24', 6], '10.1.0.6'],
    ['cidrhost', ['10.0.0.0/8', '5'], '10.0.0.5'],
    ['cidrhost', ['fd00::/64', '18446744073709551615'], 'fd00::ffff:ffff:ffff:ffff'],
    ['cidrhost', ['::/0', '340282366920938463463374607431768211455'], 'ffff:ffff:ffff:ffff:ffff:ffff:ffff:ffff'],
    ['cidrhost', ['2001:db8::/32', -1], '2001:db8:ffff:ffff:ffff:ffff:ffff:ffff'],
    ['cidrhost', ['10.1.2.3/8', 0], '10.0.0.0'],
    ['cidrnetmask', ['192.168.1.0/24'], '255.255.255.0'],
    ['cidrnetmask', ['192.168.1.0/32'], '255.255.255.255'],
    ['cidrnetmask', ['0.0.0.0/0'], '0.0.0.0'],
    ['cidrnetmask', ['010.001.0.0/24'], '255.255.255.0'],
    ['cidrsubnet', ['192.168.2.0/20', 4, 6], '192.168.6.0/24'],
    ['cidrsubnet', ['fe80::/48', 16, 6], 'fe80:0:0:6::/64'],
    ['cidrsubnet', ['fe80::/48', 33, 6], 'fe80::3:0:0:0/81'],
    ['cidrsubnet', ['010.001.0.0/24', 4, 1], '10.1.0.16/28'],
    ['cidrsubnet', ['10.0.0.0/8', 0, 0], '10.0.0.0/8'],
    ['cidrsubnet', ['10.1.2.3/8', 8, 4], '10.4.0.0/16'],
    ['cidrsubnet', ['10.0.0.0/8', '8', '255'], '10.255.0.0/16'],
    ['cidrsubnet', ['2001:db8::/32', 64, '18446744073709551615'], '2001:db8:ffff:ffff:ffff:ffff::/96'],
    // An IPv4-mapped IPv6 prefix prints as IPv4, its length less 96.
    ['cidrsubnet', ['::ffff:192.168.0.0/112', 8, 6], '192.168.6.0/24'],
    ['cidrnetmask', ['::ffff:10.0.0.0/104'], 'ffff:ffff:ffff:ffff:ffff:ffff:ff00:0'],
    // go-cidr inserts a mapped prefix's host number 96 bits up; Terraform returns that address.
    ['cidrhost', ['::ffff:192.168.0.0/112', 5], '0:5::ffff:c0a8:0'],
    [
      'cidrsubnets',
      ['10.0.0.0/21', 3, 3, 3, 4, 4, 4, 7, 7, 7],
      ['10.0.0.0/24', '10.0.1.0/24', '10.0.2.0/24', '10.0.3.0/25', '10.0.3.128/25', '10.0.4.0/25', '10.0.4.128/28', '10.0.4.144/28', '10.0.4.160/28'],
    ],
    ['cidrsubnets', ['010.0.0.0/21', 3], ['10.0.0.0/24']],
    ['cidrsubnets', ['10.0.0.0/8'], []],
    ['cidrsubnets', ['10.0.0.0/8', '8'], ['10.0.0.0/16']],
    ['cidrsubnets', ['128.0.0.0/1', 1, 1], ['128.0.0.0/2', '192.0.0.0/2']],
    ['cidrsubnets', ['10.0.0.0/16', 8, 4], ['10.0.0.0/24', '10.0.16.0/20']],
  ];
  it.each(cases)('%s(%j)', (name, args, want) => {
    expect(plain(call(name, ...args))).toEqual(want);
  });
});

describe('cidr functions: errors', () => {
  const cases: [string, Value[], string][] = [
    ['cidrhost', ['192.168.1.0/30', 255], 'Call to function "cidrhost" failed: prefix of 30 does not accommodate a host numbered 255.'],
    // go-cidr reports the negative number after rebasing it on the top of the range.
    ['cidrhost', ['192.168.1.0/30', -255], 'Call to function "cidrhost" failed: prefix of 30 does not accommodate a host numbered -251.'],
    ['cidrhost', ['192.168.1.0/24', 256], 'Call to function "cidrhost" failed: prefix of 24 does not accommodate a host numbered 256.'],
    ['cidrhost', ['192.168.1.0/24', -257], 'Call to function "cidrhost" failed: prefix of 24 does not accommodate a host numbered -1.'],
    ['cidrhost', ['not-a-cidr', 6], 'Call to function "cidrhost" failed: invalid CIDR expression: invalid CIDR address: not-a-cidr.'],
    ['cidrhost', ['10.256.0.0/8', 6], 'Call to function "cidrhost" failed: invalid CIDR expression: invalid CIDR address: 10.256.0.0/8.'],
    ['cidrhost', ['10.0.0.0/33', 6], 'Call to function "cidrhost" failed: invalid CIDR expression: invalid CIDR address: 10.0.0.0/33.'],
    ['cidrhost', ['10.0.0.0', 6], 'Call to function "cidrhost" failed: invalid CIDR expression: invalid CIDR address: 10.0.0.0.'],
    // The number is checked before the prefix, as in Terraform.
    ['cidrhost', ['10.256.0.0/8', 0.75], 'Call to function "cidrhost" failed: value must be a whole number.'],
    ['cidrhost', ['10.0.0.0/8', 'x'], 'Invalid value for "hostnum" parameter: a number is required.'],
    ['cidrhost', ['10.0.0.0/8', true], 'Invalid value for "hostnum" parameter: number required, but have bool.'],
    ['cidrhost', ['10.0.0.0/8', null], 'Invalid value for "hostnum" parameter: argument must not be null.'],
    ['cidrhost', [['10.0.0.0/8'], 1], 'Invalid value for "prefix" parameter: string required, but have tuple.'],
    ['cidrnetmask', ['1::/64'], 'Call to function "cidrnetmask" failed: IPv6 addresses cannot have a netmask: 1::/64.'],
    ['cidrnetmask', ['110.256.0.0/8'], 'Call to function "cidrnetmask" failed: invalid CIDR expression: invalid CIDR address: 110.256.0.0/8.'],
    ['cidrsubnet', ['192.168.0.0/30', 4, 6], 'Call to function "cidrsubnet" failed: insufficient address space to extend prefix of 30 by 4.'],
    ['cidrsubnet', ['10.0.0.0/24', 10, 0], 'Call to function "cidrsubnet" failed: insufficient address space to extend prefix of 24 by 10.'],
    ['cidrsubnet', ['192.168.0.0/16', 2, 16], 'Call to function "cidrsubnet" failed: prefix extension of 2 does not accommodate a subnet numbered 16.'],
    ['cidrsubnet', ['192.168.0.0/168', 2, 16], 'Call to function "cidrsubnet" failed: invalid CIDR expression: invalid CIDR address: 192.168.0.0/168.'],
    ['cidrsubnet', ['10.256.0.0/8', 2 / 3, 0.75], 'Call to function "cidrsubnet" failed: value must be a whole number, between -9223372036854775808 and 9223372036854775807.'],
    ['cidrsubnet', ['10.0.0.0/8', 4, 0.5], 'Call to function "cidrsubnet" failed: value must be a whole number.'],
    ['cidrsubnets', ['10.0.0.0/30', 1, 3], 'Invalid value for "newbits" parameter: would extend prefix to 33 bits, which is too long for an IPv4 address.'],
    ['cidrsubnets', ['10.0.0.0/8', 1, 1, 1], 'Invalid value for "newbits" parameter: not enough remaining address space for a subnet with a prefix of 9 bits after 10.128.0.0/9.'],
    ['cidrsubnets', ['10.0.0.0/8', 1, 0], 'Invalid value for "newbits" parameter: must extend prefix by at least one bit.'],
    ['cidrsubnets', ['10.0.0.0/8', 1, -1], 'Invalid value for "newbits" parameter: must extend prefix by at least one bit.'],
    ['cidrsubnets', ['fe80::/48', 1, 33], 'Invalid value for "newbits" parameter: may not extend prefix by more than 32 bits.'],
    ['cidrsubnets', ['fe80::/120', 9], 'Invalid value for "newbits" parameter: would extend prefix to 129 bits, which is too long for an IPv6 address.'],
    ['cidrsubnets', ['nope', 1], 'Invalid value for "prefix" parameter: invalid CIDR expression: invalid CIDR address: nope.'],
    ['cidrsubnets', ['10.0.0.0/8', 1.5], 'Invalid value for "newbits" parameter: value must be a whole number, between -9223372036854775808 and 9223372036854775807.'],
    // hashicorp/terraform#35486: go-cidr sees a rollover when the base address is all zeros.
    ['cidrsubnets', ['0.0.0.0/1', 1, 1], 'Invalid value for "newbits" parameter: not enough remaining address space for a subnet with a prefix of 2 bits after 192.0.0.0/2.'],
    ['cidrsubnets', ['::/64', 8], 'Invalid value for "newbits" parameter: not enough remaining address space for a subnet with a prefix of 72 bits after ffff:ffff:ffff:ffff:ff00::/72.'],
    ['cidrsubnets', ['::ffff:10.0.0.0/104', 8], 'Invalid value for "newbits" parameter: not enough remaining address space for a subnet with a prefix of 112 bits after <nil>.'],
    ['cidrhost', [], 'Function "cidrhost" expects 2 argument(s). Missing value for "prefix".'],
    ['cidrhost', ['10.0.0.0/8'], 'Function "cidrhost" expects 2 argument(s). Missing value for "hostnum".'],
    ['cidrhost', ['10.0.0.0/8', 1, 2], 'Function "cidrhost" expects only 2 argument(s).'],
  ];
  it.each(cases)('%s(%j)', (name, args, message) => {
    expect(callError(name, ...args)).toBe(message);
  });

  it('checks netnum against its low 64 bits only, as go-cidr does', () => {
    // 2^64 fits in 72 new bits, and its low 64 bits are zero: Terraform computes the subnet.
    expect(call('cidrsubnet', '2001:db8::/32', 72, '18446744073709551616')).toBe('2001:db8:100::/104');
    // 2^64+1 passes the 8-bit check (low bits = 1) and then overflows the address: go-cidr panics.
    expect(callError('cidrsubnet', '10.0.0.0/8', 8, '18446744073709551617')).toBe(
      'Call to function "cidrsubnet" failed: panic in function implementation: runtime error: index out of range [-1].',
    );
  });
});

describe('cidr functions: unknown arguments', () => {
  const u = unknown();
  it.each([
    ['cidrhost', [u, 1]],
    ['cidrhost', ['10.0.0.0/8', u]],
    ['cidrsubnet', ['10.0.0.0/8', u, 1]],
    ['cidrsubnet', [u, 8, 1]],
    ['cidrnetmask', [u]],
    ['cidrsubnets', ['10.0.0.0/8', 8, u]],
  ] as [string, Value[]][])('%s(%j) is the unknown argument', (name, args) => {
    expect(call(name, ...args)).toBe(u);
  });

  // Terraform 1.11 holds these numbers exactly: cidrhost("fd00::/64", 18446744073709551615) is
  // "fd00::ffff:ffff:ffff:ffff", cidrhost("fd00::/64", 9007199254740993) is "fd00::20:0:0:1" and
  // cidrsubnet("fd00::/8", 64, 18446744073709551615) is "fdff:ffff:ffff:ffff:ff00::/72". As doubles
  // they read as 2^64 and 2^53, which gave fd00:0:0:1:: (outside the /64), fd00::20:0:0:0 and fd00::/72.
  it.each([
    ['cidrhost', ['fd00::/64', Number('18446744073709551615')]],
    ['cidrhost', ['fd00::/64', Number('9007199254740993')]],
    ['cidrhost', ['fd00::/64', -Number('9007199254740993')]],
    ['cidrsubnet', ['fd00::/8', 64, Number('18446744073709551615')]],
  ] as [string, Value[]][])('%s(%j): a number beyond 2^53 is unknown, not a neighbouring address', (name, args) => {
    expect(plain(call(name, ...args))).toEqual({ unknown: expect.stringContaining('beyond 2^53') });
  });

  it('keeps exact answers at 2^53 - 1 and for digits given as a string', () => {
    expect(call('cidrhost', 'fd00::/64', 9007199254740991)).toBe('fd00::1f:ffff:ffff:ffff');
    expect(call('cidrhost', 'fd00::/64', '9007199254740993')).toBe('fd00::20:0:0:1');
    expect(call('cidrsubnet', 'fd00::/8', 64, '18446744073709551615')).toBe('fdff:ffff:ffff:ffff:ff00::/72');
  });

  it('still reports a bad known argument next to an unknown one', () => {
    expect(callError('cidrsubnet', u, 'x', 1)).toBe('Invalid value for "newbits" parameter: a number is required.');
  });
});

const ipv4Prefix = fc.record({ addr: fc.nat({ max: 0xffffffff }), bits: fc.integer({ min: 0, max: 32 }) });
const ipv6Prefix = fc.record({ addr: fc.bigInt({ min: 1n << 120n, max: (1n << 128n) - 1n }), bits: fc.integer({ min: 0, max: 128 }) });

const v4Text = (a: number, bits: number): string => `${a >>> 24}.${(a >>> 16) & 255}.${(a >>> 8) & 255}.${a & 255}/${bits}`;
const v6Text = (a: bigint, bits: number): string =>
  `${Array.from({ length: 8 }, (_, i) => ((a >> BigInt(112 - 16 * i)) & 0xffffn).toString(16)).join(':')}/${bits}`;

function prefixOf(text: string): Prefix {
  const p = parseCidr(text);
  if (!p) throw new Error(`unparsable ${text}`);
  return p;
}

describe('cidr functions: properties', () => {
  it('cidrsubnets results lie inside the base prefix and never overlap', () => {
    fc.assert(
      fc.property(ipv4Prefix, fc.array(fc.integer({ min: 1, max: 8 }), { minLength: 1, maxLength: 12 }), ({ addr, bits }, newbits) => {
        fc.pre(addr !== 0 && bits <= 24);
        const base = v4Text(addr, bits);
        let result: string[];
        try {
          result = call('cidrsubnets', base, ...newbits) as string[];
        } catch {
          return; // out of space (or too long): Terraform errors too
        }
        const outer = prefixOf(base);
        const subs = result.map(prefixOf);
        subs.forEach((s, i) => {
          expect(s.bits).toBe(bits + newbits[i]!);
          expect(prefixContains(outer, s)).toBe(true);
        });
        for (let i = 0; i < subs.length; i++) {
          for (let j = i + 1; j < subs.length; j++) expect(prefixContains(subs[i]!, subs[j]!) || prefixContains(subs[j]!, subs[i]!)).toBe(false);
        }
      }),
      { numRuns: 300 },
    );
  });

  it('cidrsubnets allocates in increasing address order', () => {
    fc.assert(
      fc.property(fc.array(fc.integer({ min: 1, max: 16 }), { minLength: 2, maxLength: 10 }), (newbits) => {
        let result: string[];
        try {
          result = call('cidrsubnets', 'fd00::/48', ...newbits) as string[];
        } catch {
          return;
        }
        const starts = result.map((s) => prefixOf(s).network);
        for (let i = 1; i < starts.length; i++) expect(starts[i]! > starts[i - 1]!).toBe(true);
      }),
    );
  });

  it('cidrhost(p, i) lies inside p for every valid i, counting negative i from the end', () => {
    fc.assert(
      fc.property(ipv4Prefix, fc.double({ min: 0, max: 1, noNaN: true }), fc.boolean(), ({ addr, bits }, frac, negative) => {
        const size = 2 ** (32 - bits);
        const i = Math.min(size - 1, Math.floor(frac * size));
        const prefix = v4Text(addr, bits);
        const host = call('cidrhost', prefix, negative ? -(i + 1) : i) as string;
        const ip = parseIp(host)!;
        const p = prefixOf(prefix);
        expect(ip.version).toBe(4);
        expect(ip.value).toBe(p.network + BigInt(negative ? size - 1 - i : i));
        expect(prefixContains(p, prefixOf(`${host}/32`))).toBe(true);
      }),
      { numRuns: 300 },
    );
  });

  it('cidrhost is exact for IPv6 host numbers beyond 2^53', () => {
    fc.assert(
      fc.property(ipv6Prefix, fc.bigInt({ min: 0n, max: (1n << 63n) - 1n }), ({ addr, bits }, raw) => {
        const hostBits = 128 - bits;
        const n = hostBits >= 63 ? raw : raw % (1n << BigInt(hostBits));
        const prefix = v6Text(addr, bits);
        const host = call('cidrhost', prefix, n.toString()) as string;
        expect(parseIp(host)!.value).toBe(prefixOf(prefix).network + n);
      }),
      { numRuns: 300 },
    );
  });

  it('cidrsubnet(p, n, k) is the k-th subnet of its size inside p', () => {
    fc.assert(
      fc.property(ipv4Prefix, fc.integer({ min: 0, max: 8 }), fc.nat(), ({ addr, bits }, newbits, k) => {
        fc.pre(bits + newbits <= 32);
        const num = k % 2 ** newbits;
        const prefix = v4Text(addr, bits);
        const sub = prefixOf(call('cidrsubnet', prefix, newbits, num) as string);
        const p = prefixOf(prefix);
        expect(sub.bits).toBe(bits + newbits);
        expect(prefixContains(p, sub)).toBe(true);
        expect(sub.network).toBe(p.network + (BigInt(num) << BigInt(32 - bits - newbits)));
      }),
      { numRuns: 300 },
    );
  });
});
