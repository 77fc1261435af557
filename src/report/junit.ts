/**
 * The `lint` report as JUnit XML, for CI systems that show test results: one test suite per rule
 * run, one test case per rule × resource with a finding (a failure, or skipped when every finding
 * on it is waived), and a single passing case for a rule with none; input problems form a suite of
 * their own, as errors.
 */
import type { LintResult } from '../linter/lint.js';
import type { Finding, Lang } from '../model/finding.js';
import { addTo } from '../model/multimap.js';

export function lintJunit(result: LintResult, lang: Lang): string {
  const out: string[] = [];
  const byRule = new Map<string, Finding[]>();
  for (const f of result.findings) addTo(byRule, f.ruleId, f);
  const ruleIds = [...new Set([...result.rulesRun, ...byRule.keys()])];
  let tests = 0;
  let failures = 0;
  let skipped = 0;
  const suites: string[] = [];
  for (const id of ruleIds) {
    const meta = result.pack.rules[id];
    const findings = byRule.get(id) ?? [];
    const byResource = new Map<string, Finding[]>();
    for (const f of findings) addTo(byResource, f.resource, f);
    const cases: string[] = [];
    let suiteFailures = 0;
    let suiteSkipped = 0;
    for (const [resource, list] of byResource) {
      const open = list.filter((f) => !f.waived);
      const first = list[0]!;
      const attrs = `classname="${x(id)}" name="${x(resource)}" file="${x(first.location.file)}" line="${first.location.line}"`;
      if (open.length === 0) {
        suiteSkipped++;
        cases.push(`    <testcase ${attrs}>\n      <skipped message="${x(`waived: ${list[0]!.waiver?.reason ?? ''}`)}"/>\n    </testcase>`);
        continue;
      }
      suiteFailures++;
      const text = open.map((f) => [`${f.location.file}:${f.location.line}:${f.location.column} ${f.message}`, ...(f.trace ?? []).map((t, i) => `  ${i + 1}. ${t.node}${t.step ? ` — ${t.step}` : ''}`)].join('\n')).join('\n\n');
      cases.push(`    <testcase ${attrs}>\n      <failure type="${open[0]!.severity}" message="${x(open[0]!.message)}">${x(text)}</failure>\n    </testcase>`);
    }
    if (byResource.size === 0) cases.push(`    <testcase classname="${x(id)}" name="${x(lang === 'ja' ? '指摘なし' : 'no findings')}"/>`);
    tests += cases.length;
    failures += suiteFailures;
    skipped += suiteSkipped;
    const title = meta ? `${meta.clause} ${meta.title[lang]}` : id;
    suites.push(`  <testsuite name="${x(id)}" tests="${cases.length}" failures="${suiteFailures}" errors="0" skipped="${suiteSkipped}">\n    <properties>\n      <property name="clause" value="${x(meta?.clause ?? '')}"/>\n      <property name="title" value="${x(title)}"/>\n    </properties>\n${cases.join('\n')}\n  </testsuite>`);
  }
  const problems = result.errors.filter((e) => e.severity === 'error');
  if (problems.length) {
    const cases = problems.map((e) => `    <testcase classname="input" name="${x(e.location ? `${e.location.file}:${e.location.line}:${e.location.column}` : e.code)}">\n      <error type="${x(e.code)}" message="${x(e.message)}"/>\n    </testcase>`);
    tests += cases.length;
    suites.push(`  <testsuite name="input errors" tests="${cases.length}" failures="0" errors="${cases.length}" skipped="0">\n${cases.join('\n')}\n  </testsuite>`);
  }
  out.push('<?xml version="1.0" encoding="UTF-8"?>');
  out.push(`<testsuites name="gridfence" tests="${tests}" failures="${failures}" errors="${problems.length}" skipped="${skipped}">`);
  out.push(...suites, '</testsuites>');
  return out.join('\n') + '\n';
}

/** Text safe in an XML attribute or element; characters XML 1.0 cannot hold are dropped. */
function x(s: string): string {
  return s
    .replace(/[^\t\n\r\u0020-\uD7FF\uE000-\uFFFD\u{10000}-\u{10FFFF}]/gu, '')
    .replace(/&/g, '&amp;')
    .replace(/</g, '&lt;')
    .replace(/>/g, '&gt;')
    .replace(/"/g, '&quot;');
}
