import { describe, expect, it } from 'vitest';
import { checkRuleIds, type GridfenceConfig, parseConfig } from '../../src/config/index.js';

const known = ['asset-inventory-tags', 'instance-metadata-v2', 'ingress-from-declared-sources', 'zone-segmentation'];

describe('checkRuleIds', () => {
  it('accepts known ids in rules and waivers', () => {
    const c = parseConfig('version: 1\nrules:\n  zone-segmentation: off\nwaivers:\n  - { rule: instance-metadata-v2, resource: aws_instance.a, reason: legacy AMI }\n', 'g.yaml').config!;
    expect(checkRuleIds(c, known)).toEqual([]);
  });

  it('reports unknown ids at their line, with the nearest known id', () => {
    const text = [
      'version: 1',
      'rules:',
      '  instance-metadata-v1: off',
      '  no-such-thing: warning',
      'waivers:',
      '  - rule: ingress-from-declared-source',
      '    resource: aws_security_group.legacy',
      '    reason: vendor migration',
      '',
    ].join('\n');
    const c = parseConfig(text, 'g.yaml').config!;
    expect(checkRuleIds(c, known).map((p) => ({ line: p.location?.line, column: p.location?.column, code: p.code, message: p.message }))).toEqual([
      { line: 3, column: 3, code: 'config', message: 'unknown rule "instance-metadata-v1" in /rules; did you mean "instance-metadata-v2"?' },
      { line: 4, column: 3, code: 'config', message: 'unknown rule "no-such-thing" in /rules' },
      { line: 6, column: 11, code: 'config', message: 'unknown rule "ingress-from-declared-source" in /waivers/0/rule; did you mean "ingress-from-declared-sources"?' },
    ]);
  });

  it('works without locations for a configuration built in code', () => {
    const c: GridfenceConfig = { version: 1, rules: { 'asset-inventory-tag': 'off' } };
    expect(checkRuleIds(c, known)).toEqual([
      { severity: 'error', code: 'config', message: 'unknown rule "asset-inventory-tag" in /rules; did you mean "asset-inventory-tags"?' },
    ]);
  });
});

describe('rule options', () => {
  it('an unknown option is named at its key, with the nearest option the rule has', async () => {
    const { activeRules } = await import('../../src/linter/rule-settings.js');
    const c = parseConfig('version: 1\nrules:\n  asset-inventory-tags:\n    severity: warning\n    options:\n      requird: [owner]\n', 'g.yaml').config!;
    const problems: Parameters<typeof activeRules>[2] = [];
    activeRules(c, [], problems);
    expect(problems.map((p) => ({ line: p.location?.line, column: p.location?.column, message: p.message }))).toEqual([
      { line: 6, column: 7, message: 'rules.asset-inventory-tags.options: unknown option "requird"; did you mean "required"?' },
    ]);
  });
});
