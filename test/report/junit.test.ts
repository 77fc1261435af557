/** The JUnit XML report: well-formed, one case per rule × resource with a finding, waived as skipped, input errors apart. */
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { lint } from '../../src/linter/lint.js';
import { lintJunit } from '../../src/report/junit.js';
import { repoRoot, writeTree } from '../support/files.js';

const run = (dir: string) => lint({ paths: [dir], cwd: repoRoot, vars: [], varFiles: [], lang: 'en', only: [], today: '2026-11-29' });

/** Elements open and close in order; attributes are quoted; no raw & or <. */
function wellFormed(xml: string): void {
  const body = xml.replace(/^<\?xml[^>]*\?>\n/, '');
  const stack: string[] = [];
  for (const m of body.matchAll(/<(\/?)([A-Za-z]+)((?:\s+[a-z]+="[^"<&]*(?:&(?:amp|lt|gt|quot);[^"<&]*)*")*)\s*(\/?)>|([^<]+)/g)) {
    if (m[5] !== undefined) {
      expect(m[5]).not.toMatch(/&(?!amp;|lt;|gt;|quot;)/);
      continue;
    }
    if (m[1]) expect(stack.pop()).toBe(m[2]);
    else if (!m[4]) stack.push(m[2]!);
  }
  expect(stack).toEqual([]);
}

describe('lintJunit', () => {
  it('the bundled example: a suite per rule, the two findings as failures with their place', () => {
    const xml = lintJunit(run(path.join(repoRoot, 'examples/vpp-aggregator')), 'en');
    wellFormed(xml);
    expect(xml).toMatch(/^<\?xml version="1.0" encoding="UTF-8"\?>\n<testsuites name="gridfence" tests="28" failures="2" errors="0" skipped="0">/);
    expect(xml).toContain('<testcase classname="tls-minimum-version" name="aws_lb_listener.partner_https" file="examples/vpp-aggregator/edge.tf" line="102">');
    expect(xml).toContain('<failure type="error" message="aws_lb_listener.partner_https (HTTPS) has no ssl_policy, so AWS applies ELBSecurityPolicy-2016-08, which accepts TLS 1.0">examples/vpp-aggregator/edge.tf:102:3 ');
    expect(xml).toContain('<testcase classname="flow-logs-enabled" name="no findings"/>');
  });

  it('waived findings are skipped with their reason; input errors are errors; text is escaped', () => {
    const dir = writeTree(
      {
        'main.tf': 'resource "aws_vpc" "main" {\n  cidr_block = "10.0.0.0/16"\n  tags       = { owner = "ops" }\n}\n',
        'bad.yaml': 'AWSTemplateFormatVersion: "2010-09-09"\nResources:\n  Bad: [\n',
        'gridfence.yaml': 'version: 1\nwaivers:\n  - rule: flow-logs-enabled\n    resource: aws_vpc.main\n    reason: "logs <central> & kept by the network team"\n',
      },
      'gridfence-junit-',
    );
    const xml = lintJunit(run(dir), 'en');
    wellFormed(xml);
    expect(xml).toContain('<skipped message="waived: logs &lt;central&gt; &amp; kept by the network team"/>');
    expect(xml).toMatch(/<testsuite name="input errors" tests="1" failures="0" errors="1" skipped="0">\n {4}<testcase classname="input" name="[^"]*bad.yaml:4:1">/);
  });
});
