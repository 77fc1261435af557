import { describe, expect, it } from 'vitest';
import { editDistance, matchesGlob, nearest } from '../../src/config/index.js';

describe('matchesGlob', () => {
  it.each([
    ['module.dispatch.*', 'module.dispatch.aws_subnet.a["x"]', true],
    ['module.dispatch.*', 'module.dispatch', false],
    ['aws_subnet.dispatch_?', 'aws_subnet.dispatch_a', true],
    ['aws_subnet.dispatch_?', 'aws_subnet.dispatch_', false],
    ['aws_instance.ven[0]', 'aws_instance.ven[0]', true],
    ['aws_instance.ven[0]', 'aws_instance.ven0', false],
    ['aws_subnet.zone["*"]', 'aws_subnet.zone["dispatch"]', true],
    ['*.aws_vpc.main', 'module.a.module.b.aws_vpc.main', true],
    ['aws_vpc.main', 'module.a.aws_vpc.main', false],
    ['a+b(c)$', 'a+b(c)$', true],
    ['gw1:*', 'gw1:eth0.100', true],
    ['**a**', 'xxa', true],
  ])('%s ~ %s → %s', (glob, address, expected) => {
    expect(matchesGlob(glob, address)).toBe(expected);
  });
});

describe('nearest', () => {
  it('counts a transposition as one edit', () => {
    expect(editDistance('tsl', 'tls')).toBe(1);
    expect(editDistance('kitten', 'sitting')).toBe(3);
  });

  it('suggests near candidates, abbreviations, and nothing that is far', () => {
    expect(nearest('zone', ['version', 'system', 'zones', 'externals'])).toBe('zones');
    expect(nearest('Zones', ['zones'])).toBe('zones');
    expect(nearest('registered_sources', ['cidrs', 'registered-sources'])).toBe('registered-sources');
    expect(nearest('warn', ['error', 'warning', 'note', 'off'])).toBe('warning');
    expect(nearest('firewall', ['zones', 'hosts', 'rules'])).toBeUndefined();
    expect(nearest('ab', ['xy'])).toBeUndefined();
  });
});
