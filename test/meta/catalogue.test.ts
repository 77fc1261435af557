/**
 * `gridfence rules --format json` is the rule catalogue of the product's contract (its §5): exactly
 * these ids, each with its clause, severity, a Japanese and an English title, whether it uses the
 * reachability engine and the inputs it judges. The list below is the contract's; where the
 * contract itself sits beside the repository (a development checkout), it is read and compared too.
 */
import fs from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { gridfence } from '../support/cli.js';
import { inLanguage, ruleEntries } from '../../src/cli/rules-command.js';
import { displayWidth } from '../../src/report/compliance-words.js';
import { repoRoot } from '../support/files.js';

const CONTRACT: Record<string, [clause: string, severity: 'error' | 'warning']> = {
  'dispatch-link-internet-isolation': ['(4)ア', 'error'],
  'dispatch-link-buffer-zone': ['(4)ア', 'error'],
  'dispatch-link-no-public-address': ['(4)ア', 'error'],
  'connection-points-minimal': ['(4)イ①', 'error'],
  'connection-point-defended': ['(4)イ①', 'error'],
  'dispatch-channel-conformance': ['(4)イ①', 'error'],
  'partner-attestation': ['(4)イ②', 'error'],
  'external-traffic-encrypted': ['(4)ウ①', 'error'],
  'tls-minimum-version': ['(4)ウ①', 'error'],
  'interconnection-authenticated': ['(4)ウ①', 'error'],
  'vpn-crypto-strength': ['(4)ウ②', 'warning'],
  'management-access-restricted': ['(4)ウ②', 'error'],
  'admin-privileges-scoped': ['(4)エ', 'error'],
  'instance-metadata-v2': ['(4)エ', 'warning'],
  'patch-and-malware-coverage': ['(4)エ', 'warning'],
  'asset-inventory-tags': ['(4)エ', 'warning'],
  'ingress-from-declared-sources': ['(4)オ', 'error'],
  'zone-segmentation': ['(4)オ', 'error'],
  'field-protocols-contained': ['(4)オ', 'error'],
  'default-security-group-closed': ['(4)オ', 'warning'],
  'source-dest-check': ['(4)オ', 'warning'],
  'data-at-rest-encrypted': ['(5)イ', 'warning'],
  'no-public-data-stores': ['(5)イ', 'error'],
  'flow-logs-enabled': ['(6)ア', 'error'],
  'audit-trail-tamper-evident': ['(6)ア', 'warning'],
  'connection-point-logging': ['(6)ア', 'warning'],
  'firewall-shadowed-rule': ['(4)イ①', 'warning'],
  'firewall-default-accept': ['(4)イ①', 'error'],
};

interface Entry {
  id: string;
  clause: string;
  severity: string;
  title: { en: string; ja: string };
  reachability: boolean;
  inputs: string[];
}

describe('gridfence rules --format json', () => {
  const r = gridfence(['rules', '--format', 'json']);
  const entries = JSON.parse(r.stdout) as Entry[];

  it('lists exactly the rules of the contract, with their clause and severity', () => {
    expect(r.code).toBe(0);
    expect(entries.map((e) => e.id).sort()).toEqual(Object.keys(CONTRACT).sort());
    for (const e of entries) expect([e.clause, e.severity], e.id).toEqual(CONTRACT[e.id]);
  });

  it('gives every rule a Japanese and an English title, whether it walks paths, and its inputs', () => {
    for (const e of entries) {
      expect(e.title.en, e.id).toMatch(/^[A-Z]/);
      expect(e.title.ja, e.id).toMatch(/[\u3040-\u30ff\u4e00-\u9fff]/);
      expect(e.inputs.length, e.id).toBeGreaterThan(0);
    }
    const byId = new Map(entries.map((e) => [e.id, e]));
    expect(byId.get('dispatch-link-internet-isolation')).toMatchObject({ reachability: true, inputs: ['terraform', 'plan', 'cloudformation', 'iptables', 'nftables'] });
    expect(byId.get('firewall-shadowed-rule')).toMatchObject({ reachability: false, inputs: ['iptables', 'nftables'] });
    expect(byId.get('vpn-crypto-strength')).toMatchObject({ reachability: false, inputs: ['terraform', 'plan', 'cloudformation'] });
  });

  const contract = path.join(repoRoot, '../shared/docs/product.md');
  it.skipIf(!fs.existsSync(contract))('matches the rule table of the contract itself (skipped where the contract is not beside the repository)', () => {
    const text = fs.readFileSync(contract, 'utf8');
    const section = text.slice(text.indexOf('## 5. Rules'), text.indexOf('## 6.'));
    const rows = [...section.matchAll(/^\| `([a-z0-9-]+)` \| (\(\d\)[^\s|]+) \| ([EW]) \|/gm)].map((m) => [m[1]!, m[2]!, m[3] === 'E' ? 'error' : 'warning']);
    expect(Object.fromEntries(rows.map(([id, c, s]) => [id, [c, s]]))).toEqual(CONTRACT);
  });
});

describe('gridfence explain', () => {
  it.each(Object.keys(CONTRACT))('%s: its doc has a Japanese section, which comes first in Japanese', (id) => {
    const doc = fs.readFileSync(path.join(repoRoot, 'docs/rules', `${id}.md`), 'utf8');
    const ja = inLanguage(doc, 'ja');
    expect(ja.indexOf('## 日本語の説明')).toBeGreaterThan(0);
    expect(ja.indexOf('## 日本語の説明')).toBeLessThan(ja.indexOf('## What it checks'));
    expect(ja.length).toBe(doc.length + 1);
    expect(inLanguage(doc, 'en')).toBe(doc);
  });

  it('prints it from the command line', () => {
    const r = gridfence(['explain', 'tls-minimum-version', '--lang', 'ja']);
    expect(r.code).toBe(0);
    expect(r.stdout).toMatch(/^tls-minimum-version — TLS ?エンドポイント.*\n\(4\)ウ① 認証・暗号化 \/ Authentication and encryption\n/);
    expect(r.stdout).toMatch(/## 日本語の説明[\s\S]*## What it checks/);
  });

  it('the text table lines its columns up in a terminal, in English and in Japanese', () => {
    for (const lang of ['en', 'ja']) {
      const lines = gridfence(['rules', '--lang', lang]).stdout.trimEnd().split('\n');
      expect(lines.length).toBe(ruleEntries().length + 1); // a heading line, then one line per rule
      // Where the inputs column starts, in terminal columns: the same on every line.
      const at = lines.map((l) => displayWidth(l.slice(0, l.search(/ (cloud|all|firewall|inputs|入力) /) + 1)));
      expect(new Set(at).size, lang).toBe(1);
    }
  });

  it('explains the run\'s own check waiver-expired too, which rules does not list', () => {
    const r = gridfence(['explain', 'waiver-expired']);
    expect(r.code).toBe(0);
    expect(r.stdout).toMatch(/^waiver-expired — A waiver has passed its end date\n\(2\)ア 文書管理 \/ Document management\n/);
    const list = gridfence(['rules']);
    expect([list.code, list.stdout]).toEqual([0, expect.stringContaining('tls-minimum-version')]);
    expect(list.stdout).not.toContain('waiver-expired');
    const typo = gridfence(['explain', 'waiver-expird']);
    expect([typo.code, typo.stderr.trim()]).toEqual([2, 'gridfence: No rule "waiver-expird"; did you mean "waiver-expired"? (gridfence rules lists them)']);
  });
});
