/**
 * The reference architecture's on-premise variant (test/fixtures/onprem, domain.md): one Linux
 * gateway with a leg per zone, as iptables-save and as nft list ruleset output of the same policy.
 * Both must give the same findings; the variant with one forward rule open from the internet into
 * the dispatch segment must be reported with that rule in the trace.
 */
import fs from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { lint } from '../../src/linter/lint.js';
import { repoRoot, writeTree } from '../support/files.js';

const fixtures = path.join(repoRoot, 'test/fixtures/onprem');

function run(name: string) {
  const dir = path.join(fixtures, name);
  return lint({ paths: [dir], cwd: dir, vars: [], varFiles: [], lang: 'en', only: [], today: '2026-11-29' });
}

/** A finding without what names the ruleset's format: rule addresses and file lines differ by design. */
function neutral(f: ReturnType<typeof run>['findings'][number]): string {
  const rule = f.resource.replace(/:(?:filter\/FORWARD|inet filter\/forward)#/, ':forward#').replace(/:(?:filter\/INPUT|inet filter\/input)#/, ':input#');
  const text = f.message.replace(/filter\/FORWARD|inet filter\/forward/g, 'forward').replace(/filter\/INPUT|inet filter\/input/g, 'input');
  return `${f.ruleId} ${f.messageId} ${f.severity} ${f.certainty} ${rule} ${text}`;
}

describe('the on-premise variant of the reference architecture', () => {
  it('reads both rulesets without a problem', () => {
    for (const name of ['iptables', 'nftables', 'iptables-hole', 'nftables-hole']) {
      const r = run(name);
      expect(r.errors, name).toEqual([]);
      expect(r.system.hosts.map((h) => `${h.name} ${h.format}`), name).toEqual([`gw1 ${name.split('-')[0]}`]);
    }
  });

  it('the clean system has no findings, from either ruleset', () => {
    expect(run('iptables').findings.map(neutral)).toEqual([]);
    expect(run('nftables').findings.map(neutral)).toEqual([]);
  });

  it('the hole is reported alike from iptables and nftables', () => {
    const ipt = run('iptables-hole').findings.map(neutral).sort();
    const nft = run('nftables-hole').findings.map(neutral).sort();
    expect(ipt.length).toBeGreaterThan(0);
    expect(nft).toEqual(ipt);
  });

  it.each([
    ['iptables-hole', 'gw1:filter/FORWARD#12', 'firewall/gw1.rules', 25, 1],
    ['nftables-hole', 'gw1:inet filter/forward#12', 'firewall/gw1.nft', 28, 3],
  ])('%s: dispatch-link-internet-isolation names the forward rule that opens it, in the trace and as the place', (name, rule, file, line, column) => {
    const f = run(name).findings.filter((x) => x.ruleId === 'dispatch-link-internet-isolation');
    expect(f).toHaveLength(1);
    expect(f[0]).toMatchObject({ messageId: 'inbound', resource: rule, certainty: 'definite', location: { file, line, column } });
    expect(f[0]!.message).toBe('tcp/22 from the internet reaches gw1:eth1 on the dispatch link (zone dispatch)');
    const hop = f[0]!.trace!.find((h) => h.step?.includes(rule));
    expect(hop).toMatchObject({ node: 'gw1:eth1 (before POSTROUTING)', location: { file, line } });
    expect(hop!.step).toContain('"vendor-remote-support"');
    expect(f[0]!.trace!.map((h) => h.node)).toEqual(['internet', 'gw1:eth0 (in)', 'gw1:eth0 (after PREROUTING)', 'gw1:eth1 (before POSTROUTING)', 'gw1:eth1 (out)', 'gw1:eth1']);
  });

  it('the gateway interfaces the dispatch segment crosses are its connection points, each defended by the forward chain', () => {
    const text = fs.readFileSync(path.join(fixtures, 'iptables/gridfence.yaml'), 'utf8').replace(/connection-points:\n  max: 3\n  declared: .*\n/, 'connection-points:\n  max: 1\n  declared: ["gw1:eth0"]\n');
    const dir = writeTree({ 'gridfence.yaml': text, 'firewall/gw1.rules': fs.readFileSync(path.join(fixtures, 'iptables/firewall/gw1.rules'), 'utf8') }, 'gridfence-onprem-');
    const r = lint({ paths: [dir], cwd: dir, vars: [], varFiles: [], lang: 'en', only: ['connection-points-minimal', 'connection-point-defended'], today: '2026-11-29' });
    expect(r.findings.map((f) => `${f.ruleId} ${f.messageId} ${f.resource}`).sort()).toEqual([
      'connection-points-minimal tooMany gw1:eth4',
      'connection-points-minimal undeclared gw1:eth2',
      'connection-points-minimal undeclared gw1:eth4',
    ]);
    expect(r.findings.find((f) => f.messageId === 'tooMany')!.message).toBe('the dispatch link (zone dispatch) has 3 connection points (gw1:eth0, gw1:eth2, gw1:eth4), more than connection-points.max = 1');
  });

  it('an allow-any forward rule leaves its connection point undefended', () => {
    const rules = fs.readFileSync(path.join(fixtures, 'iptables/firewall/gw1.rules'), 'utf8');
    const line = rules.split('\n').find((l) => l.includes('Z2-to-TSO-443'))!;
    const open = rules.replace(line, '-A FORWARD -i eth1 -o eth0 -m comment --comment "Z2-anything-out" -j ACCEPT');
    const dir = writeTree({ 'gridfence.yaml': fs.readFileSync(path.join(fixtures, 'iptables/gridfence.yaml'), 'utf8'), 'firewall/gw1.rules': open }, 'gridfence-onprem-');
    const r = lint({ paths: [dir], cwd: dir, vars: [], varFiles: [], lang: 'en', only: ['connection-point-defended'], today: '2026-11-29' });
    expect(r.findings.map((f) => `${f.messageId} ${f.resource} ${f.location.file}:${f.location.line}`)).toEqual(['undefended gw1:eth0 gridfence.yaml:40']);
    expect(r.findings[0]!.trace!.some((h) => h.step?.includes('"Z2-anything-out"'))).toBe(true);
  });
});
