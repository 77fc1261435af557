/** The Markdown report: summary, compliance view, findings by clause with collapsible paths, waived apart, the 1 MiB cap. */
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { lint } from '../../src/linter/lint.js';
import { lintMarkdown } from '../../src/report/lint-markdown.js';
import { host, internetRouteTable, portRule, PUBLIC, zonedVpc } from '../support/dispatch-network.js';
import { repoRoot, writeTree } from '../support/files.js';

const example = path.join(repoRoot, 'examples/vpp-aggregator');
const run = (dir: string, lang: 'en' | 'ja' = 'en') => lint({ paths: [dir], cwd: repoRoot, vars: [], varFiles: [], lang, only: [], today: '2026-11-29' });

describe('lintMarkdown', () => {
  it('the bundled example: counts, every clause with its status, findings under their clause', () => {
    const md = lintMarkdown(run(example), 'en');
    expect(md.startsWith('# gridfence report — Example VPP aggregator\n')).toBe(true);
    expect(md).toContain('| 1 | 1 | 0 | 0 | 0 | 70 | 28 |');
    expect(md).toContain('| (4)ウ① | Authentication and encryption | ✖ FAIL (1 error) | `external-traffic-encrypted` ✔<br>`interconnection-authenticated` ✔<br>`tls-minimum-version` ✖ | The procedure for issuing and revoking client certificates |');
    expect(md).toContain('| (1)ア | Organisation | · manual | — |');
    expect(md).toContain('`firewall-default-accept` · n/a');
    const findings = md.slice(md.indexOf('## Findings by clause'));
    expect(findings).toMatch(/### \(4\)ウ① Authentication and encryption[\s\S]*### \(4\)エ Malware countermeasures/);
    expect(findings).toContain('- ✖ **error** `tls-minimum-version` `examples/vpp-aggregator/edge.tf:102:3` `aws_lb_listener.partner_https`');
  });

  it('in Japanese', () => {
    const md = lintMarkdown(run(example, 'ja'), 'ja');
    expect(md).toContain('## 指針への適合状況');
    expect(md).toContain('| (4)ウ① | 認証・暗号化 | ✖ 不適合 (エラー 1 件) |');
    expect(md).toContain('- ✖ **エラー** `tls-minimum-version`');
  });

  it('paths fold into a details block; waived findings are listed apart with their reason', () => {
    const dir = writeTree(
      {
        'main.tf': [
          zonedVpc({ web: '10.10.1.0/24' }),
          internetRouteTable('web'),
          'resource "aws_route_table_association" "web" {\n  subnet_id      = aws_subnet.web.id\n  route_table_id = aws_route_table.web.id\n}\n',
          host('web', 'web', '10.10.1.10', portRule('ingress', 23, '["0.0.0.0/0"]'), PUBLIC),
        ].join('\n'),
        'gridfence.yaml': 'version: 1\nwaivers:\n  - rule: flow-logs-enabled\n    resource: aws_vpc.main\n    reason: "flow logs | collected <centrally>"\n    expires: 2027-01-31\n',
      },
      'gridfence-md-',
    );
    const md = lintMarkdown(run(dir), 'en');
    expect(md).toMatch(/<details><summary>Path \(3 hops\)<\/summary>\n\n {2}1\. `internet`/);
    expect(md).toContain('## Waived findings (1)');
    expect(md).toContain('waived: flow logs \\| collected &lt;centrally&gt; (until 2027-01-31)');
  });

  it('stays within the limit of a job summary, saying how many findings it left out', () => {
    const r = run(example);
    const full = lintMarkdown(r, 'en');
    const limit = Buffer.byteLength(full) - 100;
    const cut = lintMarkdown(r, 'en', limit);
    expect(Buffer.byteLength(cut)).toBeLessThanOrEqual(limit);
    expect(cut).toContain('_1 more finding left out to stay within the 1 MiB limit of a job summary: see the JSON or SARIF report._');
    expect(cut).toContain('`tls-minimum-version`');
    expect(cut).not.toContain('`instance-metadata-v2` `');
    expect(cut).toContain('## Compliance with the guideline');
  });

  it('keeps thousands of input problems within the limit too: errors first, then findings, then warnings', () => {
    const r = run(example);
    const warning = (i: number) => ({ severity: 'warning' as const, code: 'not-modelled', message: `aws_thing.t${i}: a resource type the model does not know, treated conservatively ${'x'.repeat(200)}`, location: { file: 'main.tf', line: i + 1, column: 1, endLine: i + 1, endColumn: 2 } });
    r.errors = [...Array.from({ length: 6000 }, (_, i) => warning(i)), { severity: 'error', code: 'hcl-syntax', message: 'Unclosed configuration block' }];
    const md = lintMarkdown(r, 'en');
    expect(Buffer.byteLength(md)).toBeLessThanOrEqual(1024 * 1024);
    expect(md).toContain('- **error** Unclosed configuration block');
    // Both findings fit; the warnings fill what is left.
    expect(md).toContain('`tls-minimum-version`');
    expect(md).toContain('`instance-metadata-v2` `');
    expect(md).toMatch(/_\d+ more input problems left out to stay within the 1 MiB limit of a job summary: see the JSON or SARIF report\._\n$/);
    const small = lintMarkdown(r, 'en', 20_000);
    expect(Buffer.byteLength(small)).toBeLessThanOrEqual(20_000);
    expect(small).toContain('- **error** Unclosed configuration block');
  });
});
