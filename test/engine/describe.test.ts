import { describe, it, expect } from 'vitest';
import fc from 'fast-check';
import { HeaderSpace, PROTO } from '../../src/engine/header-space.js';
import { prefixCover } from '../../src/engine/intervals.js';
import { parseIp } from '../../src/model/net/cidr.js';
import { cidr } from './arbitraries.js';

const ip = (text: string): bigint => parseIp(text)!.value;

describe('prefixCover', () => {
  /** Fewest aligned blocks tiling [lo, hi], by exhaustive search over an 8-bit space. */
  function fewest(lo: number, hi: number): number {
    const best = new Map<number, number>();
    const go = (x: number): number => {
      if (x > hi) return 0;
      const known = best.get(x);
      if (known !== undefined) return known;
      let b = Infinity;
      for (let size = 1; size <= 256 && x % size === 0 && x + size - 1 <= hi; size *= 2) b = Math.min(b, 1 + go(x + size));
      best.set(x, b);
      return b;
    };
    return go(lo);
  }

  it('tiles the interval exactly with the fewest prefixes', () => {
    fc.assert(
      fc.property(fc.integer({ min: 0, max: 255 }), fc.integer({ min: 0, max: 255 }), (x, y) => {
        const [lo, hi] = [Math.min(x, y), Math.max(x, y)];
        const cover = prefixCover(BigInt(lo), BigInt(hi), 8);
        let next = BigInt(lo);
        for (const [network, bits] of cover) {
          expect(network).toBe(next);
          const size = 1n << BigInt(8 - bits);
          expect(network % size).toBe(0n);
          next = network + size;
        }
        expect(next).toBe(BigInt(hi) + 1n);
        expect(cover.length).toBe(fewest(lo, hi));
      }),
      { numRuns: 500 },
    );
  });

  it('covers whole spaces with one prefix', () => {
    expect(prefixCover(0n, 2n ** 32n - 1n, 32)).toEqual([[0n, 0]]);
    expect(prefixCover(0n, 2n ** 128n - 1n, 128)).toEqual([[0n, 0]]);
  });
});

describe('describe()', () => {
  const hs = new HeaderSpace();
  const b = hs.bdd;

  it('renders tcp/443 from the IPv4 internet', () => {
    const set = b.andAll([hs.prefix('srcIp', cidr('0.0.0.0/0')), hs.protocol(PROTO.tcp), hs.value('dstPort', 443)]);
    expect(hs.describe(set)).toEqual({ protocol: 'tcp', source: '0.0.0.0/0', destination: '0.0.0.0/0', ports: '443' });
  });

  it('renders everything and nothing', () => {
    expect(hs.describe(hs.all)).toEqual({ protocol: 'any', source: '0.0.0.0/0, ::/0', destination: '0.0.0.0/0, ::/0', ports: 'any' });
    expect(hs.describe(hs.none)).toEqual({ protocol: 'none', source: 'none', destination: 'none', ports: 'none' });
  });

  it('renders a non-aligned interval as its minimal prefix cover', () => {
    const set = b.and(hs.ipRange('dstIp', 4, ip('10.0.0.1'), ip('10.0.0.6')), hs.prefix('srcIp', cidr('10.0.0.0/8')));
    expect(hs.describe(set)).toEqual({
      protocol: 'any',
      source: '10.0.0.0/8',
      destination: '10.0.0.1/32, 10.0.0.2/31, 10.0.0.4/31, 10.0.0.6/32',
      ports: 'any',
    });
  });

  it('renders port ranges, protocol lists and IPv6', () => {
    const set = b.andAll([
      b.or(hs.protocol(PROTO.tcp), hs.protocol(PROTO.udp)),
      b.orAll([hs.value('dstPort', 22), hs.range('dstPort', 1024, 65535)]),
      hs.prefix('srcIp', cidr('2001:db8::/32')),
      b.or(hs.prefix('dstIp', cidr('2001:db8:1::/48')), hs.prefix('dstIp', cidr('2001:db8:2::/48'))),
    ]);
    expect(hs.describe(set)).toEqual({
      protocol: 'tcp, udp',
      source: '2001:db8::/32',
      destination: '2001:db8:1::/48, 2001:db8:2::/48',
      ports: '22, 1024-65535',
    });
    expect(hs.describe(b.or(hs.protocol(132), hs.range('protocol', 200, 210))).protocol).toBe('132, 200-210');
    expect(hs.describe(hs.protocol(PROTO.icmpv6)).protocol).toBe('icmpv6');
  });

  it('names all protocols but one or two by what is left out', () => {
    expect(hs.describe(b.not(hs.protocol(PROTO.tcp))).protocol).toBe('any but tcp');
    expect(hs.describe(b.not(b.or(hs.protocol(PROTO.tcp), hs.protocol(0)))).protocol).toBe('any but 0, tcp');
    expect(hs.describe(b.not(hs.protocol(255))).protocol).toBe('any but 255');
    expect(hs.describe(b.not(b.orAll([hs.protocol(PROTO.tcp), hs.protocol(PROTO.udp), hs.protocol(PROTO.icmp)]))).protocol).toBe('0, 2-5, 7-16, 18-255');
  });

  it('merges adjacent prefixes and lists IPv4 before IPv6', () => {
    const set = b.orAll([
      hs.prefix('srcIp', cidr('10.0.0.0/17')),
      hs.prefix('srcIp', cidr('10.0.128.0/17')),
      hs.prefix('srcIp', cidr('fd00::/8')),
      hs.prefix('srcIp', cidr('192.168.1.0/24')),
    ]);
    expect(hs.describe(set).source).toBe('10.0.0.0/16, 192.168.1.0/24, fd00::/8');
  });
});
