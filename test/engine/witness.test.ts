import { describe, it, expect } from 'vitest';
import fc from 'fast-check';
import { HeaderSpace, PROTO, type Packet } from '../../src/engine/header-space.js';
import { formatIp, parseIp } from '../../src/model/net/cidr.js';
import { buildSet, cidr, holds, setRecipe } from './arbitraries.js';

const ip = (text: string): bigint => parseIp(text)!.value;
const show = (p: Packet): string =>
  `${p.protocol} ${formatIp(p.version, p.srcIp)}:${p.srcPort} > ${formatIp(p.version, p.dstIp)}:${p.dstPort}`;

describe('witness', () => {
  const hs = new HeaderSpace();
  const b = hs.bdd;

  it('is always inside the set, and follows the protocol and port preferences', () => {
    fc.assert(
      fc.property(setRecipe, (recipe) => {
        const set = buildSet(hs, recipe);
        const w = hs.witness(set);
        if (set === hs.none) {
          expect(w).toBeUndefined();
          return;
        }
        expect(w).toBeDefined();
        expect(hs.contains(set, w!)).toBe(true);
        expect(holds(recipe, w!)).toBe(true);
        expect(b.implies(hs.packet(w!), set)).toBe(true);
        const tcp = b.and(set, hs.protocol(PROTO.tcp));
        if (tcp !== hs.none) {
          expect(w!.protocol).toBe(PROTO.tcp);
          if (b.and(tcp, hs.value('dstPort', 443)) !== hs.none) expect(w!.dstPort).toBe(443);
        } else if (b.and(set, hs.protocol(PROTO.udp)) !== hs.none) {
          expect(w!.protocol).toBe(PROTO.udp);
        }
      }),
      { numRuns: 300 },
    );
  });

  it('over IPv6 too: from a public host to a private one, never from a host to itself', () => {
    const w = hs.witness(hs.version(6))!;
    expect(show(w)).toBe('6 2001:4860:4860::8888:49152 > fd00::1:443');
  });

  it('reads like a connection attempt from the internet to a private host when everything is allowed', () => {
    const w = hs.witness(hs.all)!;
    expect(w).toEqual({
      version: 4,
      srcIp: ip('8.8.8.8'),
      dstIp: ip('10.0.0.1'),
      protocol: PROTO.tcp,
      srcPort: 49152,
      dstPort: 443,
      icmpType: 0,
      icmpCode: 0,
      syn: true,
      ack: false,
      ctState: 'new',
    });
  });

  it('picks 8.8.8.8 for an internet source and a host address in private space', () => {
    const set = b.andAll([
      hs.prefix('srcIp', cidr('0.0.0.0/0')),
      hs.prefix('dstIp', cidr('10.0.1.0/24')),
      hs.protocol(PROTO.tcp),
      hs.value('dstPort', 22),
    ]);
    expect(show(hs.witness(set)!)).toBe('6 8.8.8.8:49152 > 10.0.1.1:22');
    const notGoogle = b.diff(hs.prefix('srcIp', cidr('0.0.0.0/0')), hs.prefix('srcIp', cidr('8.8.8.8/32')));
    expect(formatIp(4, hs.witness(notGoogle)!.srcIp)).toBe('1.1.1.1');
    expect(formatIp(4, hs.witness(hs.prefix('srcIp', cidr('172.20.0.0/16')))!.srcIp)).toBe('172.20.0.1');
    expect(formatIp(4, hs.witness(hs.prefix('srcIp', cidr('100.64.0.0/10')))!.srcIp)).toBe('100.64.0.1');
    expect(formatIp(4, hs.witness(hs.prefix('srcIp', cidr('100.64.0.0/32')))!.srcIp)).toBe('100.64.0.0');
  });

  it('never reads as a host talking to itself: a public destination after 8.8.8.8 is another host, a shared range a neighbour', () => {
    const privateDst = b.orAll(['10.0.0.0/8', '172.16.0.0/12', '192.168.0.0/16'].map((c) => hs.prefix('dstIp', cidr(c))));
    const w = hs.witness(b.and(hs.version(4), b.not(privateDst)))!;
    expect([formatIp(4, w.srcIp), formatIp(4, w.dstIp)]).toEqual(['8.8.8.8', '1.1.1.1']);
    const subnet = b.and(hs.prefix('srcIp', cidr('10.0.2.0/24')), hs.prefix('dstIp', cidr('10.0.2.0/24')));
    const s = hs.witness(subnet)!;
    expect([formatIp(4, s.srcIp), formatIp(4, s.dstIp)]).toEqual(['10.0.2.1', '10.0.2.2']);
    // One host on both ends is what the set says: it stays.
    const one = b.and(hs.prefix('srcIp', cidr('10.0.2.9/32')), hs.prefix('dstIp', cidr('10.0.2.9/32')));
    expect(formatIp(4, hs.witness(one)!.dstIp)).toBe('10.0.2.9');
    // The top of a range moves down, not out of it.
    const last = b.and(hs.prefix('srcIp', cidr('10.0.2.255/32')), hs.prefix('dstIp', cidr('10.0.2.254/31')));
    expect(formatIp(4, hs.witness(last)!.dstIp)).toBe('10.0.2.254');
  });

  it('falls back to udp, icmp echo and IPv6 when that is all the set allows', () => {
    const dns = b.and(hs.protocol(PROTO.udp), hs.value('dstPort', 53));
    const w = hs.witness(dns)!;
    expect([w.protocol, w.dstPort, w.srcPort, w.syn]).toEqual([PROTO.udp, 53, 49152, false]);

    const ping = hs.witness(hs.protocol(PROTO.icmp))!;
    expect([ping.protocol, ping.icmpType, ping.icmpCode, ping.dstPort]).toEqual([PROTO.icmp, 8, 0, 0]);

    const v6 = hs.witness(b.and(hs.prefix('srcIp', cidr('::/0')), hs.prefix('dstIp', cidr('2001:db8:5::/48'))))!;
    expect(v6.version).toBe(6);
    expect(formatIp(6, v6.srcIp)).toBe('2001:4860:4860::8888');
    expect(formatIp(6, v6.dstIp)).toBe('2001:db8:5::1');

    const esp = hs.witness(hs.range('protocol', 50, 51))!;
    expect(esp.protocol).toBe(PROTO.esp);
  });

  it('honours the caller\'s preferences when the set allows them', () => {
    const web = b.and(hs.protocol(PROTO.tcp), b.or(hs.value('dstPort', 443), hs.value('dstPort', 8080)));
    expect(hs.witness(web, { dstPorts: [8080] })!.dstPort).toBe(8080);
    expect(hs.witness(web, { dstPorts: [9999] })!.dstPort).toBe(443);
    expect(hs.witness(hs.all, { protocols: [PROTO.udp] })!.protocol).toBe(PROTO.udp);
    const w = hs.witness(hs.all, { srcIps: [ip('192.0.2.7')], dstIps: [ip('198.51.100.9')] })!;
    expect([formatIp(4, w.srcIp), formatIp(4, w.dstIp)]).toEqual(['192.0.2.7', '198.51.100.9']);
    // A preferred address outside the set is skipped, not forced.
    const inside = hs.witness(hs.prefix('srcIp', cidr('10.0.0.0/8')), { srcIps: [ip('192.0.2.7')] })!;
    expect(formatIp(4, inside.srcIp)).toBe('10.0.0.1');
  });

  it('prefers a connection attempt, else a plain segment, and the lowest port otherwise', () => {
    const open = hs.witness(b.and(hs.protocol(PROTO.tcp), hs.flag('ack', false)))!;
    expect([open.syn, open.ack]).toEqual([true, false]);
    // When the set needs ack, syn=1 ack=0 is impossible and the flags fall back to clear bits.
    const established = hs.witness(b.and(hs.protocol(PROTO.tcp), hs.flag('ack', true)))!;
    expect([established.syn, established.ack]).toEqual([false, true]);
    const high = hs.witness(b.and(hs.protocol(PROTO.tcp), hs.range('dstPort', 30000, 30010)))!;
    expect(high.dstPort).toBe(30000);
    const ctOnly = hs.witness(hs.ctState('established'))!;
    expect(ctOnly.ctState).toBe('established');
  });
});
