/** The firewall hosts of gridfence.yaml: each ruleset read by content, problems located. */
import fs from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { hasErrors, loadSystem } from '../../src/linter/load-system.js';
import { inventoryText } from '../../src/report/inventory.js';
import { makeStyle } from '../../src/report/style.js';
import { repoRoot, writeTree } from '../support/files.js';

const gw1 = fs.readFileSync(path.join(repoRoot, 'fixtures/iptables/gw1.rules'), 'utf8');
const gw2 = fs.readFileSync(path.join(repoRoot, 'fixtures/nftables/gw2.nft'), 'utf8');
const gw2json = fs.readFileSync(path.join(repoRoot, 'fixtures/nftables/gw2.json'), 'utf8');

function load(files: Record<string, string>) {
  const dir = writeTree({ 'main.tf': 'resource "aws_vpc" "v" {\n  cidr_block = "10.0.0.0/16"\n}\n', ...files }, 'gridfence-hosts-');
  return loadSystem({ paths: [dir], cwd: dir, vars: [], varFiles: [] });
}

describe('firewall hosts', () => {
  it('reads iptables-save, nft text and nft JSON rulesets by content, relative to the configuration', () => {
    const sys = load({
      'gridfence.yaml': 'version: 1\nhosts:\n  gw1:\n    config: firewall/gw1.rules\n  gw2:\n    config: firewall/gw2.conf\n  gw3:\n    config: firewall/gw3.json\n',
      'firewall/gw1.rules': gw1,
      'firewall/gw2.conf': gw2,
      'firewall/gw3.json': gw2json,
    });
    expect(sys.problems.filter((p) => p.severity === 'error')).toEqual([]);
    expect(sys.hosts.map((h) => `${h.name} ${h.format} ${h.file}`)).toEqual(['gw1 iptables firewall/gw1.rules', 'gw2 nftables firewall/gw2.conf', 'gw3 nftables firewall/gw3.json']);
    expect(sys.hosts[1]!.rules).toBe(sys.hosts[2]!.rules);
    expect(inventoryText(sys, makeStyle(false))).toContain('firewall hosts — 3');
  });

  it('says where a host names a file that is missing or not a ruleset, and where a ruleset breaks', () => {
    const sys = load({
      'gridfence.yaml': 'version: 1\nhosts:\n  gw1:\n    config: gone.rules\n  gw2:\n    config: notes.txt\n  gw3:\n    config: broken.rules\n',
      'notes.txt': 'nothing to see\n',
      'broken.rules': '*filter\n:INPUT DROP [0:0]\n-A INPUT -s 10.0.0.300/8 -j ACCEPT\nCOMMIT\n',
    });
    expect(sys.problems.map((p) => `${p.location?.file}:${p.location?.line}:${p.location?.column} ${p.message}`)).toEqual([
      'gridfence.yaml:4:13 The ruleset of host gw1 (gone.rules) does not exist',
      'gridfence.yaml:6:13 The ruleset of host gw2 (notes.txt) is neither iptables-save output nor an nftables ruleset (nft list ruleset, nft -j list ruleset)',
      'broken.rules:3:13 "10.0.0.300/8" is not an address or prefix',
    ]);
    expect(sys.hosts).toEqual([]);
  });

  it('says where a ruleset is a folder, or breaks mid-line (an unclosed quote, an unclosed brace)', () => {
    const sys = load({
      'gridfence.yaml': 'version: 1\nhosts:\n  gw1:\n    config: rules.d\n  gw2:\n    config: quote.rules\n  gw3:\n    config: brace.nft\n',
      'rules.d/a.rules': gw1,
      'quote.rules': '*filter\n:INPUT DROP [0:0]\n-A INPUT -m comment --comment "open -j ACCEPT\nCOMMIT\n',
      'brace.nft': 'table inet f {\n  chain input {\n    type filter hook input priority 0; policy drop;\n    tcp dport 22 accept\n',
    });
    expect(sys.problems.map((p) => `${p.code} ${p.location?.file}:${p.location?.line}:${p.location?.column} ${p.message}`)).toEqual([
      'host-config gridfence.yaml:4:13 The ruleset of host gw1 (rules.d) is not a file',
      'iptables quote.rules:3:31 Unbalanced double quote: the quoted argument is not closed on this line',
      'nftables brace.nft:2:3 Chain block is not closed',
      'ipset-missing rules.d/a.rules:29:65 Set tso-dispatch is not given (no ipset save file: a.ipset beside the ruleset): the condition is not modelled',
    ]);
    // The ruleset inside the folder is still read, on its own (a host named after its file).
    expect(sys.hosts.map((h) => `${h.name} ${h.file}`)).toEqual(['a rules.d/a.rules']);
  });

  it('says where an ipset file is missing, or breaks, and fails the run', () => {
    const sys = load({
      'gridfence.yaml': 'version: 1\nhosts:\n  gw1:\n    config: gw1.rules\n    ipsets: gone.ipset\n  gw2:\n    config: gw2.rules\n    ipsets: bad.ipset\n',
      'gw1.rules': gw1,
      'gw2.rules': gw1,
      'bad.ipset': 'create tso-dispatch hash:ip\nflush tso-dispatch\n',
    });
    expect(sys.problems.filter((p) => p.severity === 'error').map((p) => `${p.code} ${p.location?.file}:${p.location?.line}:${p.location?.column} ${p.message}`)).toEqual([
      'host-config gridfence.yaml:5:13 The ipset file of host gw1 (gone.ipset) does not exist or is not a file',
      'ipset bad.ipset:2:1 Expected "create NAME TYPE …" or "add NAME MEMBER …" (ipset save output)',
    ]);
    expect(hasErrors(sys.problems)).toBe(true);
  });

  it('refuses a ruleset outside the scan root — by `..`, by absolute path, by symbolic link — and never reads it', () => {
    const outside = writeTree({ 'gw.rules': gw1 }, 'gridfence-hosts-outside-');
    const dir = writeTree({ 'main.tf': '', 'inside.rules': gw1 }, 'gridfence-hosts-');
    fs.symlinkSync(path.join(outside, 'gw.rules'), path.join(dir, 'linked.rules'));
    const up = path.relative(dir, path.join(outside, 'gw.rules')).split(path.sep).join('/');
    fs.writeFileSync(
      path.join(dir, 'gridfence.yaml'),
      `version: 1\nhosts:\n  up:\n    config: ${up}\n  abs:\n    config: ${JSON.stringify(path.join(outside, 'gw.rules'))}\n  linked:\n    config: linked.rules\n  inside:\n    config: ./inside.rules\n`,
    );
    // main.tf named alone: a walk of the folder would refuse the link outside before the hosts are read.
    const sys = loadSystem({ paths: [path.join(dir, 'main.tf')], cwd: dir, vars: [], varFiles: [] });
    expect(sys.problems.map((p) => `${p.code} ${p.location?.file}:${p.location?.line} ${p.message.replace(path.join(outside, 'gw.rules'), 'OUTSIDE').replace(up, 'UP')}`)).toEqual([
      'sandbox gridfence.yaml:4 The ruleset of host up: Refused to read "UP": the path leaves the scan root',
      'sandbox gridfence.yaml:6 The ruleset of host abs: Refused to read "OUTSIDE": absolute paths are outside the scan root, and gridfence reads only below it',
      'sandbox gridfence.yaml:8 The ruleset of host linked: Refused to read "linked.rules": a symbolic link leads out of the scan root',
      'ipset-missing inside.rules:29 Set tso-dispatch is not given (no ipset save file: hosts.inside.ipsets in the configuration): the condition is not modelled',
    ]);
    expect(sys.hosts.map((h) => `${h.name} ${h.file}`)).toEqual(['inside inside.rules']);
  });
});
