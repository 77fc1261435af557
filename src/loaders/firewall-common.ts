/** Vocabulary shared by the iptables and nftables mappings into model/firewall.ts. */
import { parseIp, parsePrefixOrAddress, type Prefix } from '../model/net/cidr.js';
import type { CtStateName } from '../model/firewall.js';

/** ICMP type names as iptables and nft print them (icmp(7), nft(8) ICMP TYPE TYPE). */
const ICMP4: Readonly<Record<string, number>> = {
  'echo-reply': 0, pong: 0, 'destination-unreachable': 3, 'source-quench': 4, redirect: 5, 'echo-request': 8, ping: 8,
  'router-advertisement': 9, 'router-solicitation': 10, 'time-exceeded': 11, 'ttl-exceeded': 11, 'parameter-problem': 12,
  'timestamp-request': 13, 'timestamp-reply': 14, 'info-request': 15, 'info-reply': 16, 'address-mask-request': 17, 'address-mask-reply': 18,
};
const ICMP6: Readonly<Record<string, number>> = {
  'destination-unreachable': 1, 'packet-too-big': 2, 'time-exceeded': 3, 'ttl-exceeded': 3, 'parameter-problem': 4,
  'echo-request': 128, ping: 128, 'echo-reply': 129, pong: 129, 'mld-listener-query': 130, 'mld-listener-report': 131,
  'mld-listener-done': 132, 'mld-listener-reduction': 132, 'nd-router-solicit': 133, 'router-solicitation': 133,
  'nd-router-advert': 134, 'router-advertisement': 134, 'nd-neighbor-solicit': 135, 'neighbour-solicitation': 135,
  'neighbor-solicitation': 135, 'nd-neighbor-advert': 136, 'neighbour-advertisement': 136, 'neighbor-advertisement': 136,
  'nd-redirect': 137, redirect: 137, 'mld2-listener-report': 143,
};

/**
 * An ICMP type as written (`echo-request`, `8`, `8/0`, `3/any`), for protocol 1 or 58; undefined
 * when the name is not known (the caller keeps the condition opaque) and `any` for every type.
 */
export function icmpType(text: string, protocol: 1 | 58): { type: number; code?: number } | 'any' | undefined {
  const t = text.trim().toLowerCase();
  if (t === 'any') return 'any';
  const m = /^(\d+)(?:\/(\d+|any))?$/.exec(t);
  if (m) {
    const type = Number(m[1]);
    if (type > 255) return undefined;
    if (m[2] === undefined || m[2] === 'any') return { type };
    const code = Number(m[2]);
    return code > 255 ? undefined : { type, code };
  }
  const n = (protocol === 1 ? ICMP4 : ICMP6)[t];
  return n === undefined ? undefined : { type: n };
}

const STATES: Readonly<Record<string, CtStateName>> = {
  new: 'new', established: 'established', related: 'related', invalid: 'invalid', untracked: 'untracked', snat: 'snat', dnat: 'dnat',
};

/** Connection states as written (either case); undefined when one is not a state. */
export function ctStates(names: readonly string[]): CtStateName[] | undefined {
  const out: CtStateName[] = [];
  for (const n of names) {
    const s = STATES[n.trim().toLowerCase()];
    if (!s) return undefined;
    out.push(s);
  }
  return out;
}

/**
 * A NAT destination `ADDR`, `ADDR:PORT`, `ADDR:LO-HI`, `[V6]:PORT`, `:PORT` or `ADDR-ADDR`
 * (a range of addresses is read as unknown beyond its first address: undefined).
 */
export function natTarget(text: string): { address?: Prefix; ports?: [number, number] } | undefined {
  let t = text.trim();
  let ports: [number, number] | undefined;
  let addr = t;
  const v6 = /^\[([^\]]+)\](?::(\d+)(?:-(\d+))?)?$/.exec(t);
  if (v6) {
    addr = v6[1]!;
    if (v6[2]) ports = [Number(v6[2]), Number(v6[3] ?? v6[2])];
  } else if ((t.match(/:/g) ?? []).length <= 1) {
    const m = /^([^:]*)(?::(\d+)(?:-(\d+))?)?$/.exec(t);
    if (!m) return undefined;
    addr = m[1]!;
    if (m[2]) ports = [Number(m[2]), Number(m[3] ?? m[2])];
  }
  t = addr;
  if (t === '') return ports ? { ports } : undefined;
  if (t.includes('-')) return undefined;
  const p = parsePrefixOrAddress(t);
  if (!p || !parseIp(t.split('/')[0]!)) return undefined;
  return { address: p, ...(ports ? { ports } : {}) };
}
