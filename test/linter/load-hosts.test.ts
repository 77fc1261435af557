/** The firewall hosts of gridfence.yaml: each ruleset read by content, problems located. */
import fs from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { loadSystem } from '../../src/linter/load-system.js';
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
      expect.stringMatching(/^broken\.rules:3:\d+ /),
    ]);
  });
});
