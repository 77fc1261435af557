/**
 * A flow on every protocol and every port reads alike in Japanese in every report that shows it: the
 * text report's flow line, SARIF's code-flow message and the path answer say 全プロトコル and
 * 全ポート, and a message naming a service on every port ("tcp/any port") says 全ポート too, in the
 * JSON report, the text report and SARIF alike.
 */
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { PathAnalysis } from '../../src/graph/analysis.js';
import { pathQuery } from '../../src/graph/query.js';
import { JA_ALL_PORTS, JA_ALL_PROTOCOLS, jaPorts, jaProtocol } from '../../src/linter/flow-words.js';
import { lint } from '../../src/linter/lint.js';
import { loadSystem } from '../../src/linter/load-system.js';
import { lintJson } from '../../src/report/lint-json.js';
import { lintText } from '../../src/report/lint-text.js';
import { pathText } from '../../src/report/path.js';
import { lintSarif } from '../../src/report/sarif.js';
import { makeStyle } from '../../src/report/style.js';
import { repoRoot, writeTree } from '../support/files.js';

/** SARIF is walked as plain JSON here. */
type Sarif = any;

const FORWARDER = path.join(repoRoot, 'fixtures/outside/forwarder-outside');

const runJa = (dir: string, cwd = repoRoot) => lint({ paths: [dir], cwd, vars: [], varFiles: [], lang: 'ja', only: [], today: '2026-11-29' });

describe('the Japanese words of a flow', () => {
  it('are 全プロトコル and 全ポート for any, the port named after ポート otherwise', () => {
    expect([jaProtocol('any'), jaPorts('any')]).toEqual([JA_ALL_PROTOCOLS, JA_ALL_PORTS]);
    expect([JA_ALL_PROTOCOLS, JA_ALL_PORTS]).toEqual(['全プロトコル', '全ポート']);
    expect([jaProtocol('tcp'), jaPorts('443'), jaPorts('8000-8100')]).toEqual(['tcp', 'ポート 443', 'ポート 8000-8100']);
    expect([jaProtocol('any but tcp'), jaProtocol('any but 0, tcp')]).toEqual([`tcp 以外の${JA_ALL_PROTOCOLS}`, `0、tcp 以外の${JA_ALL_PROTOCOLS}`]);
  });

  it('are the same in the text report and in SARIF for one finding', () => {
    const result = runJa(FORWARDER);
    const f = result.findings.find((x) => x.ruleId === 'dispatch-link-internet-isolation' && x.resource === 'aws_security_group.sg' && x.flow?.source === 'the internet');
    expect(f?.flow).toEqual({ protocol: 'any', source: 'the internet', destination: '10.0.1.10/32', ports: 'any' });
    const text = lintText(result, 'ja', makeStyle(false), false).split('\n');
    const at = text.findIndex((l) => l.trim() === f!.message);
    expect(at).toBeGreaterThan(0);
    const flowLine = text.slice(at).find((l) => l.trim().startsWith('フロー: '));
    expect(flowLine?.trim()).toBe('フロー: 全プロトコル インターネット → 10.0.1.10/32 全ポート');
    const sarif = lintSarif(result, '0.0.0', 'ja') as Sarif;
    const res = (sarif.runs[0].results as Sarif[]).find((r) => r.partialFingerprints['gridfence/v1'] === f!.fingerprint);
    expect(res.codeFlows[0].message.text).toBe('インターネット から 10.0.1.10/32 への 全プロトコル 全ポート');
    for (const line of [flowLine!, res.codeFlows[0].message.text as string]) expect(line).not.toContain('すべて');
  });

  it('are the path answer’s too', () => {
    const sys = loadSystem({ paths: [FORWARDER], cwd: repoRoot, vars: [], varFiles: [] });
    const pa = new PathAnalysis(sys.model.resources, sys.config, (a) => sys.zoneOf.get(a), sys.placedHosts);
    const q = { from: 'internet', to: 'aws_instance.d', protocol: 'any' as const };
    const r = pathQuery(pa, q);
    if (!r.ok) throw new Error(r.error);
    const text = pathText(pa, q, r, makeStyle(false), 'ja');
    expect(text).toContain('インターネットから aws_instance.d へのフロー 1 件（全プロトコル）:');
    const flows = text.split('\n').filter((l) => l.startsWith('インターネット → aws_instance.d: '));
    expect(flows).toHaveLength(1);
    // The flow's sources are the internet, named so as in findings, not spelt out as prefixes.
    expect(flows[0]).toBe('インターネット → aws_instance.d: 全プロトコル インターネット → 10.0.1.10/32、全ポート（可能性あり）');
  });

  it('name a service on every port alike in the JSON report’s message, the text report and SARIF', () => {
    const dir = writeTree(
      {
        'gridfence.yaml': 'version: 1\nzones:\n  dmz: { role: buffer }\n',
        'main.tf': `resource "aws_vpc" "main" {
  cidr_block = "10.0.0.0/16"
  tags       = { "gridfence-zone" = "dmz" }
}

resource "aws_security_group" "wide" {
  vpc_id = aws_vpc.main.id
  tags   = { "gridfence-zone" = "dmz" }

  ingress {
    protocol    = "tcp"
    from_port   = 0
    to_port     = 65535
    cidr_blocks = ["0.0.0.0/0"]
  }
}
`,
      },
      'gridfence-flow-words-',
    );
    const result = runJa(dir, dir);
    const wanted = 'aws_security_group.wide がインターネット全体（0.0.0.0/0）からの tcp/全ポートを許可しています';
    const json = lintJson(result, '0.0.0').findings.filter((f) => f.ruleId === 'ingress-from-declared-sources');
    expect(json.map((f) => [f.resource, f.location.file, f.location.line, f.location.column, f.certainty, f.message])).toEqual([
      ['aws_security_group.wide', 'main.tf', 14, 5, 'definite', wanted],
    ]);
    expect(json[0]!.data['service']).toBe('tcp/any port');
    expect(lintText(result, 'ja', makeStyle(false), false).split('\n').map((l) => l.trim())).toContain(wanted);
    const sarif = lintSarif(result, '0.0.0', 'ja') as Sarif;
    expect((sarif.runs[0].results as Sarif[]).filter((r) => r.ruleId === 'ingress-from-declared-sources').map((r) => r.message.text)).toEqual([wanted]);
  });
});
