/** Vocabulary shared by the iptables and nftables mappings into model/firewall.ts. */
import { parseIp, parsePrefixOrAddress, type Prefix } from '../model/net/cidr.js';
import type { CtStateName } from '../model/firewall.js';
import { table } from '../model/table.js';

/**
 * ICMP type names as nft knows them (`nft describe icmp type`, `nft describe icmpv6 type`); nft
 * refuses any other. iptables has names of its own, with codes (iptables/parse.ts).
 */
const ICMP4: Readonly<Record<string, number>> = table({
  'echo-reply': 0, 'destination-unreachable': 3, 'source-quench': 4, redirect: 5, 'echo-request': 8, 'router-advertisement': 9,
  'router-solicitation': 10, 'time-exceeded': 11, 'parameter-problem': 12, 'timestamp-request': 13, 'timestamp-reply': 14,
  'info-request': 15, 'info-reply': 16, 'address-mask-request': 17, 'address-mask-reply': 18,
});
const ICMP6: Readonly<Record<string, number>> = table({
  'destination-unreachable': 1, 'packet-too-big': 2, 'time-exceeded': 3, 'parameter-problem': 4, 'echo-request': 128, 'echo-reply': 129,
  'mld-listener-query': 130, 'mld-listener-report': 131, 'mld-listener-done': 132, 'mld-listener-reduction': 132, 'nd-router-solicit': 133,
  'nd-router-advert': 134, 'nd-neighbor-solicit': 135, 'nd-neighbor-advert': 136, 'nd-redirect': 137, 'router-renumbering': 138,
  'ind-neighbor-solicit': 141, 'ind-neighbor-advert': 142, 'mld2-listener-report': 143,
});

/**
 * A number as iptables (strtoul with base 0) and nft read it: `0x16` is hex, a leading 0 makes it
 * octal (`022` is 18, `010` is 8), other digits are decimal (nft reads `08` as 8; iptables refuses
 * it). Undefined for text that is not such a number.
 */
export function numberLiteral(text: string): number | undefined {
  if (/^0x[0-9a-f]+$/i.test(text)) return parseInt(text.slice(2), 16);
  if (/^0[0-7]+$/.test(text)) return parseInt(text, 8);
  return /^\d+$/.test(text) ? Number(text) : undefined;
}

/**
 * An ICMP type by nft's name or as a number with iptables' code (`echo-request`, `8`, `8/0`), for
 * protocol 1 or 58; undefined when the name is not known (the caller keeps the condition opaque) and
 * `any` for every type. nft's own numbers, ranges and prefixes are read by nftables/parse.ts
 * nftIcmpTypes, iptables' names by iptables/parse.ts iptablesIcmpType.
 */
export function icmpType(text: string, protocol: 1 | 58): { type: number; code?: number } | 'any' | undefined {
  const t = text.trim().toLowerCase();
  if (t === 'any') return 'any';
  const m = /^(0x[0-9a-f]+|\d+)(?:\/(0x[0-9a-f]+|\d+))?$/.exec(t);
  if (m) {
    const type = numberLiteral(m[1]!);
    if (type === undefined || type > 255) return undefined;
    if (m[2] === undefined) return { type };
    const code = numberLiteral(m[2]);
    if (code === undefined) return undefined;
    return code > 255 ? undefined : { type, code };
  }
  const n = (protocol === 1 ? ICMP4 : ICMP6)[t];
  return n === undefined ? undefined : { type: n };
}

/**
 * Service names as iptables and nft resolve them through /etc/services (Debian's netbase, the names
 * firewall rules use; one port per name, TCP and UDP alike). A name not listed is unknown to the
 * loaders, never guessed.
 */
/**
 * The protocol names nft reads (`meta l4proto`, `ip protocol`, `ip6 nexthdr`): those of netbase's
 * /etc/protocols with their aliases, case as written there (getprotobyname: `TCP` and `tcp`, not
 * `Tcp`), and nft's own keywords `comp` and `icmpv6`. mptcp is 262 there; nft keeps its low byte (6).
 */
export const NFT_PROTOCOLS: Readonly<Record<string, number>> = table({
  ip: 0, IP: 0, hopopt: 0, HOPOPT: 0, icmp: 1, ICMP: 1, igmp: 2, IGMP: 2, ggp: 3, GGP: 3, ipencap: 4,
  'IP-ENCAP': 4, st: 5, ST: 5, tcp: 6, TCP: 6, egp: 8, EGP: 8, igp: 9, IGP: 9, pup: 12, PUP: 12, udp: 17,
  UDP: 17, hmp: 20, HMP: 20, 'xns-idp': 22, 'XNS-IDP': 22, rdp: 27, RDP: 27, 'iso-tp4': 29, 'ISO-TP4': 29,
  dccp: 33, DCCP: 33, xtp: 36, XTP: 36, ddp: 37, DDP: 37, 'idpr-cmtp': 38, 'IDPR-CMTP': 38, ipv6: 41,
  IPv6: 41, 'ipv6-route': 43, 'IPv6-Route': 43, 'ipv6-frag': 44, 'IPv6-Frag': 44, idrp: 45, IDRP: 45,
  rsvp: 46, RSVP: 46, gre: 47, GRE: 47, esp: 50, 'IPSEC-ESP': 50, ah: 51, 'IPSEC-AH': 51, skip: 57, SKIP: 57,
  'ipv6-icmp': 58, 'IPv6-ICMP': 58, 'ipv6-nonxt': 59, 'IPv6-NoNxt': 59, 'ipv6-opts': 60, 'IPv6-Opts': 60,
  rspf: 73, RSPF: 73, CPHB: 73, vmtp: 81, VMTP: 81, eigrp: 88, EIGRP: 88, ospf: 89, OSPFIGP: 89, 'ax.25': 93,
  'AX.25': 93, ipip: 94, IPIP: 94, etherip: 97, ETHERIP: 97, encap: 98, ENCAP: 98, pim: 103, PIM: 103,
  ipcomp: 108, IPCOMP: 108, vrrp: 112, VRRP: 112, l2tp: 115, L2TP: 115, isis: 124, ISIS: 124, sctp: 132,
  SCTP: 132, fc: 133, FC: 133, 'mobility-header': 135, 'Mobility-Header': 135, udplite: 136, UDPLite: 136,
  'mpls-in-ip': 137, 'MPLS-in-IP': 137, manet: 138, hip: 139, HIP: 139, shim6: 140, Shim6: 140, wesp: 141,
  WESP: 141, rohc: 142, ROHC: 142, ethernet: 143, Ethernet: 143, mptcp: 6, MPTCP: 6, comp: 108, icmpv6: 58
});

/** A protocol by nft's name for it (NFT_PROTOCOLS); undefined for a name nft does not read. */
export function nftProtocol(name: string): number | undefined {
  return Object.hasOwn(NFT_PROTOCOLS, name) ? NFT_PROTOCOLS[name] : undefined;
}

const SERVICES: Readonly<Record<string, number>> = table({
  tcpmux: 1, echo: 7, discard: 9, daytime: 13, qotd: 17, chargen: 19, 'ftp-data': 20, ftp: 21, ssh: 22, telnet: 23, smtp: 25,
  time: 37, whois: 43, tacacs: 49, domain: 53, bootps: 67, bootpc: 68, tftp: 69, gopher: 70, finger: 79, http: 80, www: 80,
  kerberos: 88, pop3: 110, sunrpc: 111, portmapper: 111, auth: 113, ident: 113, nntp: 119, ntp: 123, epmap: 135,
  'netbios-ns': 137, 'netbios-dgm': 138, 'netbios-ssn': 139, imap2: 143, imap: 143, snmp: 161, 'snmp-trap': 162,
  snmptrap: 162, xdmcp: 177, bgp: 179, 'ptp-event': 319, 'ptp-general': 320, ldap: 389, svrloc: 427, https: 443, snpp: 444,
  'microsoft-ds': 445, kpasswd: 464, submissions: 465, ssmtp: 465, smtps: 465, isakmp: 500, ipsec: 500, modbus: 502,
  exec: 512, biff: 512, login: 513, shell: 514, syslog: 514, printer: 515, talk: 517, ntalk: 518, route: 520, router: 520,
  uucp: 540, klogin: 543, kshell: 544, 'dhcpv6-client': 546, 'dhcpv6-server': 547, afpovertcp: 548, rtsp: 554, nntps: 563,
  submission: 587, ipp: 631, ldaps: 636, 'kerberos-adm': 749, 'domain-s': 853, rsync: 873, 'ftps-data': 989, ftps: 990,
  telnets: 992, imaps: 993, pop3s: 995, socks: 1080, openvpn: 1194, 'ms-sql-s': 1433, 'ms-sql-m': 1434, l2tp: 1701,
  radius: 1812, 'radius-acct': 1813, radacct: 1813, mqtt: 1883, nfs: 2049, 'iec-104': 2404, cvspserver: 2401, svn: 3690, mysql: 3306,
  'ms-wbt-server': 3389, sieve: 4190, 'ipsec-nat-t': 4500, sip: 5060, 'sip-tls': 5061, 'xmpp-client': 5222,
  'xmpp-server': 5269, mdns: 5353, postgresql: 5432, postgres: 5432, amqps: 5671, amqp: 5672, x11: 6000, redis: 6379,
  'syslog-tls': 6514, ircd: 6667, 'http-alt': 8080, webcache: 8080, puppet: 8140, git: 9418, webmin: 10000,
  'zabbix-agent': 10050, 'zabbix-trapper': 10051,
});

/** A port given as a number (0-65535) or a service name; undefined when it is neither. */
export function servicePort(text: string): number | undefined {
  const n = numberLiteral(text);
  if (n !== undefined) return n <= 65535 ? n : undefined;
  return Object.hasOwn(SERVICES, text) ? SERVICES[text] : undefined;
}

const STATES: Readonly<Record<string, CtStateName>> = table({
  new: 'new', established: 'established', related: 'related', invalid: 'invalid', untracked: 'untracked', snat: 'snat', dnat: 'dnat',
});

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
 * The ports of a NAT target (`53`, `8000-8010`), numbers read as numberLiteral reads them, as both
 * tools do (`022` is 18, `0x16` 22); undefined for any other text.
 */
export function natPorts(text: string): [number, number] | undefined {
  const m = /^([^-]+)(?:-([^-]+))?$/.exec(text);
  const lo = m ? numberLiteral(m[1]!) : undefined;
  const hi = m?.[2] === undefined ? lo : numberLiteral(m[2]);
  return lo !== undefined && hi !== undefined && hi <= 65535 ? [lo, hi] : undefined;
}

/**
 * A NAT destination `ADDR`, `ADDR:PORT`, `ADDR:LO-HI`, `[V6]:PORT`, `:PORT` or `ADDR-ADDR`
 * (a range of addresses is read as unknown beyond its first address: undefined).
 */
export function natTarget(text: string): { address?: Prefix; ports?: [number, number] } | undefined {
  let t = text.trim();
  let portText: string | undefined;
  let addr = t;
  const v6 = /^\[([^\]]+)\](?::(.+))?$/.exec(t);
  if (v6) [, addr = '', portText] = v6;
  else if ((t.match(/:/g) ?? []).length <= 1) {
    const m = /^([^:]*)(?::(.+))?$/.exec(t);
    if (!m) return undefined;
    [, addr = '', portText] = m;
  }
  const ports = portText === undefined ? undefined : natPorts(portText);
  if (portText !== undefined && !ports) return undefined;
  t = addr;
  if (t === '') return ports ? { ports } : undefined;
  if (t.includes('-')) return undefined;
  const p = parsePrefixOrAddress(t);
  if (!p || !parseIp(t.split('/')[0]!)) return undefined;
  return { address: p, ...(ports ? { ports } : {}) };
}
