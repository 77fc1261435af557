/**
 * Real rulesets of the shared corpus: every one is read (no input error, exit 0 or 1), the text
 * and JSON forms of one nftables ruleset mean the same, and for the ruleset that comes with the
 * Isabelle-verified tool's approximations (Iptables_Semantics, `*.Ln.INP.lower/upper`), the
 * services gridfence computes open to any source on INPUT lie between the two.
 */
import fs from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { fieldVars, type Field } from '../../src/engine/fields.js';
import { HeaderSpace } from '../../src/engine/header-space.js';
import { NetfilterCompiler } from '../../src/graph/netfilter/compile.js';
import { fixedInterfaces } from '../../src/graph/netfilter/interfaces.js';
import { parseIptables } from '../../src/loaders/iptables/parse.js';
import { iptablesToModel } from '../../src/loaders/iptables/to-model.js';
import { parseNftJson, parseNftText } from '../../src/loaders/nftables/parse.js';
import { nftablesToModel } from '../../src/loaders/nftables/to-model.js';
import type { FirewallRuleset, FwCondition, FwRule } from '../../src/model/firewall.js';
import { parseCidr } from '../../src/model/net/cidr.js';
import { SourceFile } from '../../src/model/source.js';
import { lint } from '../../src/linter/lint.js';
import { corpusDir, corpusNote, hasCorpus, REFUSED, repoRoot } from '../support/files.js';

const firewallDir = path.join(corpusDir, 'firewall');

describe.skipIf(!hasCorpus)(`firewall rulesets of the shared corpus${corpusNote}`, () => {
  const files = hasCorpus
    ? ['iptables', 'nftables'].flatMap((d) => fs.readdirSync(path.join(firewallDir, d)).filter((f) => !f.includes('.Ln.')).map((f) => path.join(firewallDir, d, f)))
    : [];

  // The command line over the whole folder (exit codes, no stack trace) is test/cli/corpus.test.ts.
  it.each(files.map((f) => [path.basename(f), f]).filter(([n]) => !REFUSED[n!]))('%s is read and linted on its own, with no input error', (_name, file) => {
    const r = lint({ paths: [file], cwd: path.dirname(file), vars: [], varFiles: [], lang: 'en', only: [], today: '2026-11-29' });
    expect(r.errors.filter((e) => e.severity === 'error')).toEqual([]);
    expect(r.system.hosts).toHaveLength(1);
  });

  it.each(Object.entries(REFUSED))('%s, which iptables-restore refuses, is an input error at the line it refuses', (name, [message, line, column]) => {
    const file = path.join(firewallDir, 'iptables', name);
    const r = lint({ paths: [file], cwd: path.dirname(file), vars: [], varFiles: [], lang: 'en', only: [], today: '2026-11-29' });
    expect(r.errors.filter((e) => e.severity === 'error').map((e) => [e.message, e.location?.line, e.location?.column])).toEqual([[expect.stringMatching(message), line, column]]);
  });

  it('INPUT of medium-sized-company opens to any source what lies between the verified lower and upper approximations', () => {
    const base = path.join(firewallDir, 'iptables/medium-sized-company__iptables-save');
    const hs = new HeaderSpace();
    const b = hs.bdd;
    // A new connection from an address no rule names, on an interface no rule names.
    const generic = b.andAll([hs.ctState('new'), hs.prefix('srcIp', parseCidr('203.0.113.77/32')!), hs.prefix('dstIp', parseCidr('172.16.2.1/32')!)]);
    const services = (set: number): number => b.exists(set, (['srcIp', 'dstIp', 'srcPort', 'icmpType', 'icmpCode', 'tcpFlags', 'ctState'] as Field[]).flatMap((f) => fieldVars(f)));
    const read = (p: string): FirewallRuleset => iptablesToModel('h', p, parseIptables(new SourceFile(p, fs.readFileSync(p, 'utf8'))));
    const ours = services(new NetfilterCompiler(hs, read(base), fixedInterfaces(hs, 'eth1', undefined)).hook('input', generic));
    const oracle = (suffix: string): number => services(new NetfilterCompiler(hs, listing(`${base}.Ln.INP.${suffix}`), fixedInterfaces(hs, 'eth1', undefined)).hook('input', generic));
    const lower = oracle('lower');
    const upper = oracle('upper');
    expect(b.implies(lower, ours), 'the lower approximation is open in gridfence').toBe(true);
    expect(b.implies(ours, upper), 'gridfence opens nothing beyond the upper approximation').toBe(true);
    // What gridfence finds open, for the record: ICMP echo, DNS over TCP and UDP, 7122, OpenVPN.
    expect(hs.ranges(b.and(ours, hs.protocol(6)), 'dstPort')).toEqual([[53, 53], [7122, 7122]]);
    expect(hs.ranges(b.and(ours, hs.protocol(17)), 'dstPort')).toEqual([[53, 53], [1194, 1194]]);
    expect(b.and(ours, hs.protocol(1))).not.toBe(hs.none);
  });
});

describe('nftables text and JSON of one ruleset', () => {
  it('map to the same chains and rules (fixture: test/fixtures/onprem, nft list ruleset and nft -j list ruleset)', () => {
    const dir = path.join(repoRoot, 'test/fixtures/onprem');
    const text = nftablesToModel('gw1', 'gw1.nft', parseNftText(new SourceFile('gw1.nft', fs.readFileSync(path.join(dir, 'nftables/firewall/gw1.nft'), 'utf8'))));
    const json = nftablesToModel('gw1', 'gw1.json', parseNftJson(new SourceFile('gw1.json', fs.readFileSync(path.join(dir, 'gw1.json'), 'utf8'))));
    const shape = (rs: FirewallRuleset) =>
      [...rs.chains.values()].map((c) => ({ id: c.id, hook: c.hook, priority: c.priority, policy: c.policy, rules: c.rules.map((r: FwRule) => ({ address: r.address, action: r.action, logs: r.logs, comment: r.comment, conditions: r.conditions.map(plain) })) }));
    expect(shape(json)).toEqual(shape(text));
    expect([...text.chains.values()].reduce((n, c) => n + c.rules.length, 0)).toBeGreaterThan(10);
  });
});

function plain(c: FwCondition): unknown {
  return c.kind === 'opaque' ? { kind: 'opaque' } : c;
}

/**
 * An `iptables -L -n` listing (the oracle files) as a ruleset of one INPUT chain: target, protocol,
 * source, destination and `tcp dpt:N` / `udp dpt:N`.
 */
function listing(file: string): FirewallRuleset {
  const src = new SourceFile(file, fs.readFileSync(file, 'utf8'));
  const lines = src.text.split('\n');
  const rules: FwRule[] = [];
  let policy: 'accept' | 'drop' = 'accept';
  let inInput = false;
  let offset = 0;
  for (const line of lines) {
    const start = offset;
    offset += line.length + 1;
    const head = /^Chain (\S+) \(policy (\w+)\)/.exec(line);
    if (head) {
      inInput = head[1] === 'INPUT';
      if (inInput) policy = head[2] === 'DROP' ? 'drop' : 'accept';
      continue;
    }
    const m = /^(ACCEPT|DROP|REJECT)\s+(\w+)\s+--\s+(\S+)\s+(\S+)\s*(.*)$/.exec(line);
    if (!inInput || !m) continue;
    const conditions: FwCondition[] = [];
    const proto = { tcp: 6, udp: 17, icmp: 1 }[m[2]!];
    if (proto !== undefined) conditions.push({ kind: 'protocol', protocols: [proto], negated: false });
    for (const [field, text] of [['srcIp', m[3]!], ['dstIp', m[4]!]] as const) if (text !== '0.0.0.0/0') conditions.push({ kind: field, prefixes: [parseCidr(text)!], negated: false });
    const dpt = /dpt:(\d+)/.exec(m[5]!);
    if (dpt) conditions.push({ kind: 'dstPort', ranges: [[Number(dpt[1]), Number(dpt[1])]], negated: false });
    const index = rules.length + 1;
    rules.push({ address: `oracle:filter/INPUT#${index}`, chain: 'filter/INPUT', index, span: { file: src, start, end: start + line.length }, conditions, action: { kind: m[1] === 'ACCEPT' ? 'accept' : 'drop' }, target: m[1]!, logs: false });
  }
  const span = { file: src, start: 0, end: 0 };
  return { host: 'oracle', format: 'iptables', file, chains: new Map([['filter/INPUT', { id: 'filter/INPUT', table: 'filter', name: 'INPUT', hook: 'input', priority: 0, policy, type: 'filter', versions: [4], span, rules }]]) };
}
