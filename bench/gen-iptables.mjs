#!/usr/bin/env node
/**
 * Writes a generated iptables-save ruleset of about N rules (default 10000) for `npm run bench`: a
 * gateway with six interfaces, one user chain per interface pair reached by jumps from FORWARD,
 * host-to-host service rules with comments (single ports, multiport lists, ranges), conntrack,
 * REJECT/LOG/DROP endings, a NAT table, and a few rules that earlier ones shadow — the shape of an
 * enterprise gateway's ruleset after years of tickets. Deterministic (a fixed seed).
 * Usage: node bench/gen-iptables.mjs OUT [N]
 */
import fs from 'node:fs';

const [out, nArg] = process.argv.slice(2);
if (!out) {
  console.error('usage: gen-iptables.mjs OUT [N]');
  process.exit(2);
}
const n = Number(nArg ?? 10000);
let seed = 42;
const rnd = (k) => {
  seed = (seed * 1103515245 + 12345) % 2147483648;
  return seed % k;
};
const ifaces = ['eth0', 'eth1', 'eth2', 'eth3', 'eth4', 'eth5'];
const nets = { eth0: null, eth1: '10.1', eth2: '10.2', eth3: '10.3', eth4: '10.4', eth5: '10.5' };
const host = (i) => (nets[i] ? `${nets[i]}.${rnd(64)}.${1 + rnd(254)}` : `${1 + rnd(223)}.${rnd(256)}.${rnd(256)}.${1 + rnd(254)}`);
const ports = [22, 25, 53, 80, 123, 161, 389, 443, 445, 502, 636, 1433, 1883, 3306, 3389, 5432, 6514, 8080, 8443, 8883];

const chains = [];
for (const a of ifaces) for (const b of ifaces) if (a !== b) chains.push([a, b, `${a}-${b}`]);
const lines = ['*nat', ':PREROUTING ACCEPT [0:0]', ':INPUT ACCEPT [0:0]', ':OUTPUT ACCEPT [0:0]', ':POSTROUTING ACCEPT [0:0]'];
for (let k = 0; k < 20; k++) lines.push(`-A PREROUTING -d 198.51.100.2/32 -i eth0 -p tcp -m tcp --dport ${9000 + k} -j DNAT --to-destination 10.2.0.${10 + k}:443`);
lines.push('-A POSTROUTING -o eth0 -j MASQUERADE', 'COMMIT', '*filter', ':INPUT DROP [0:0]', ':FORWARD DROP [0:0]', ':OUTPUT ACCEPT [0:0]');
for (const [, , name] of chains) lines.push(`:${name} - [0:0]`);
lines.push('-A INPUT -i lo -j ACCEPT', '-A INPUT -m conntrack --ctstate RELATED,ESTABLISHED -j ACCEPT', '-A INPUT -m conntrack --ctstate INVALID -j DROP');
lines.push('-A INPUT -s 10.4.0.0/16 -i eth4 -p tcp -m tcp --dport 22 -j ACCEPT', '-A INPUT -p icmp -m icmp --icmp-type 8 -j ACCEPT', '-A INPUT -j LOG --log-prefix "input-drop "', '-A INPUT -j DROP');
lines.push('-A FORWARD -m conntrack --ctstate RELATED,ESTABLISHED -j ACCEPT', '-A FORWARD -m conntrack --ctstate INVALID -j DROP');
for (const [a, b, name] of chains) lines.push(`-A FORWARD -i ${a} -o ${b} -j ${name}`);
lines.push('-A FORWARD -j LOG --log-prefix "forward-drop "', '-A FORWARD -j DROP');
const body = Math.max(0, n - lines.length - chains.length * 2);
const per = Math.ceil(body / chains.length);
let ticket = 1000;
for (const [a, b, name] of chains) {
  const mine = [];
  for (let k = 0; k < per; k++) {
    const c = `-m comment --comment "CHG-${ticket++}"`;
    const r = rnd(10);
    if (r < 6) mine.push(`-A ${name} -s ${host(a)}/32 -d ${host(b)}/32 -p tcp -m tcp --dport ${ports[rnd(ports.length)]} ${c} -j ACCEPT`);
    else if (r < 8) mine.push(`-A ${name} -s ${host(a).replace(/\.\d+$/, '.0')}/24 -d ${host(b)}/32 -p tcp -m multiport --dports ${ports[rnd(20)]},${ports[rnd(20)]},${ports[rnd(20)]} ${c} -j ACCEPT`);
    else if (r < 9) mine.push(`-A ${name} -d ${host(b)}/32 -p udp -m udp --dport ${1024 + rnd(60000)}:65535 ${c} -j ACCEPT`);
    else if (mine.length) mine.push(mine[rnd(mine.length)].replace(/-j ACCEPT$/, '-j DROP')); // a later duplicate: shadowed
    else mine.push(`-A ${name} -s ${host(a)}/32 -p tcp -m tcp --dport 22 ${c} -j REJECT --reject-with tcp-reset`);
  }
  lines.push(...mine, `-A ${name} -j LOG --log-prefix "${name} "`, `-A ${name} -j DROP`);
}
lines.push('COMMIT', '');
fs.writeFileSync(out, lines.join('\n'));
console.log(JSON.stringify({ rules: lines.filter((l) => l.startsWith('-A ')).length, bytes: Buffer.byteLength(lines.join('\n')) }));
