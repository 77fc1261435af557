import { describe, expect, it } from 'vitest';
import { type GridfenceConfig, parseConfig, resolveZones, type ZoneCandidate } from '../../src/config/index.js';

/** A configuration from YAML lines, failing the test if it does not load. */
function config(...lines: string[]): GridfenceConfig {
  const r = parseConfig(['version: 1', ...lines, ''].join('\n'), 'gridfence.yaml');
  expect(r.problems).toEqual([]);
  return r.config!;
}

const zonesOf = (c: GridfenceConfig | undefined, candidates: ZoneCandidate[]) => Object.fromEntries(resolveZones(c, candidates).zoneOf);

const threeZones = config(
  'zones:',
  '  dispatch:',
  '    role: dispatch-link',
  '    match:',
  '      addresses: ["module.dispatch.*", "aws_subnet.dispatch_?"]',
  '      cidrs: ["10.10.1.0/24"]',
  '  dmz: { role: buffer }',
  '  core:',
  '    role: internal',
  '    match: { tags: { tier: core, env: prod } }',
);

describe('resolveZones', () => {
  it('selects by the default tag gridfence-zone=<zone name>', () => {
    expect(zonesOf(threeZones, [{ address: 'aws_subnet.web', type: 'aws_subnet', tags: { 'gridfence-zone': 'dmz' } }])).toEqual({ 'aws_subnet.web': 'dmz' });
  });

  it('applies the default tag also to zones that have their own match', () => {
    expect(zonesOf(threeZones, [{ address: 'aws_instance.x', type: 'aws_instance', tags: { 'gridfence-zone': 'core' } }])).toEqual({ 'aws_instance.x': 'core' });
  });

  it('selects by match.tags only when every listed tag matches', () => {
    const r = zonesOf(threeZones, [
      { address: 'aws_instance.a', type: 'aws_instance', tags: { tier: 'core', env: 'prod', owner: 'x' } },
      { address: 'aws_instance.b', type: 'aws_instance', tags: { tier: 'core', env: 'dev' } },
    ]);
    expect(r).toEqual({ 'aws_instance.a': 'core' });
  });

  it('lets an empty match.tags select nothing', () => {
    const c = config('zones:', '  z: { role: internal, match: { tags: {} } }');
    expect(zonesOf(c, [{ address: 'aws_vpc.main', type: 'aws_vpc', tags: {} }])).toEqual({});
  });

  it('selects by address glob against the whole address, across dots and brackets', () => {
    const r = zonesOf(threeZones, [
      { address: 'module.dispatch.aws_subnet.a["x"]', type: 'aws_subnet' },
      { address: 'module.dispatch.module.inner.aws_instance.ven[0]', type: 'aws_instance' },
      { address: 'aws_subnet.dispatch_a', type: 'aws_subnet' },
      { address: 'aws_subnet.dispatch_ab', type: 'aws_subnet' },
      { address: 'module.dispatcher.aws_subnet.a', type: 'aws_subnet' },
      { address: 'module.x.module.dispatch.aws_subnet.a', type: 'aws_subnet' },
    ]);
    expect(r).toEqual({
      'module.dispatch.aws_subnet.a["x"]': 'dispatch',
      'module.dispatch.module.inner.aws_instance.ven[0]': 'dispatch',
      'aws_subnet.dispatch_a': 'dispatch',
    });
  });

  it('selects by CIDR when a prefix of the resource lies inside a zone prefix', () => {
    const r = zonesOf(threeZones, [
      { address: 'aws_subnet.a', type: 'aws_subnet', cidrs: ['10.10.1.128/25'] },
      { address: 'aws_instance.b', type: 'aws_instance', cidrs: ['10.10.1.7/32'] },
      { address: 'aws_instance.c', type: 'aws_instance', cidrs: ['10.10.1.8'] },
      { address: 'aws_vpc.main', type: 'aws_vpc', cidrs: ['10.10.0.0/16'] },
      { address: 'aws_subnet.dual', type: 'aws_subnet', cidrs: ['2001:db8::/64', '10.10.1.0/26'] },
      { address: 'aws_subnet.other', type: 'aws_subnet', cidrs: ['10.10.2.0/24', 'not-a-cidr'] },
    ]);
    expect(r).toEqual({ 'aws_subnet.a': 'dispatch', 'aws_instance.b': 'dispatch', 'aws_instance.c': 'dispatch', 'aws_subnet.dual': 'dispatch' });
  });

  it('places host interfaces by match.hosts and by hosts.<host>.interfaces.<if>.zone', () => {
    const c = config(
      'zones:',
      '  dispatch: { role: dispatch-link, match: { hosts: ["gw1:eth1"] } }',
      '  ops: { role: management, match: { hosts: ["gw2:*"] } }',
      'hosts:',
      '  gw1:',
      '    interfaces:',
      '      eth0: { address: 10.20.0.1/24, zone: ops }',
      '      eth1: { link: internet }',
    );
    expect(zonesOf(c, [
      { address: 'gw1:eth0', type: 'host-interface' },
      { address: 'gw1:eth1', type: 'host-interface' },
      { address: 'gw2:eth5', type: 'host-interface' },
    ])).toEqual({ 'gw1:eth0': 'ops', 'gw1:eth1': 'dispatch', 'gw2:eth5': 'ops' });
  });

  it('reports a resource selected by two zones, naming both, and gives it no zone', () => {
    const r = resolveZones(threeZones, [
      { address: 'module.dispatch.aws_instance.jump', type: 'aws_instance', tags: { 'gridfence-zone': 'dmz' } },
      { address: 'aws_instance.ok', type: 'aws_instance', tags: { 'gridfence-zone': 'dmz' } },
    ]);
    expect(Object.fromEntries(r.zoneOf)).toEqual({ 'aws_instance.ok': 'dmz' });
    expect(r.problems).toEqual([
      {
        severity: 'error',
        code: 'config',
        message: 'module.dispatch.aws_instance.jump is selected by zones "dispatch" and "dmz"; a resource belongs to one zone only — narrow the selectors',
        location: { file: 'gridfence.yaml', line: 8, column: 3, endLine: 8, endColumn: 6 },
      },
    ]);
  });

  it('is not a conflict when two selectors of the same zone match', () => {
    const r = resolveZones(threeZones, [{ address: 'module.dispatch.aws_subnet.a', type: 'aws_subnet', cidrs: ['10.10.1.0/24'], tags: { 'gridfence-zone': 'dispatch' } }]);
    expect(r.problems).toEqual([]);
    expect(r.zoneOf.get('module.dispatch.aws_subnet.a')).toBe('dispatch');
  });

  it('reports conflicts without a location for a configuration built in code', () => {
    const c: GridfenceConfig = { version: 1, zones: { a: { role: 'internal' }, b: { role: 'buffer', match: { addresses: ['*'] } } } };
    const r = resolveZones(c, [{ address: 'x.y', type: 'x', tags: { 'gridfence-zone': 'a' } }]);
    expect(r.problems).toEqual([expect.objectContaining({ code: 'config', message: expect.stringContaining('"a" and "b"') })]);
    expect(r.problems[0]!.location).toBeUndefined();
  });

  it('inherits through attachedTo, transitively', () => {
    const r = zonesOf(threeZones, [
      { address: 'aws_subnet.dispatch_a', type: 'aws_subnet' },
      { address: 'aws_network_interface.ven', type: 'aws_network_interface', attachedTo: ['aws_subnet.dispatch_a'] },
      { address: 'aws_instance.ven', type: 'aws_instance', attachedTo: ['aws_network_interface.ven'] },
      { address: 'aws_security_group.ven', type: 'aws_security_group', attachedTo: ['aws_instance.ven'] },
    ]);
    expect(r).toEqual({
      'aws_subnet.dispatch_a': 'dispatch',
      'aws_network_interface.ven': 'dispatch',
      'aws_instance.ven': 'dispatch',
      'aws_security_group.ven': 'dispatch',
    });
  });

  it('prefers a resource’s own selector over what it is attached to', () => {
    const r = zonesOf(threeZones, [
      { address: 'aws_subnet.dispatch_a', type: 'aws_subnet' },
      { address: 'aws_instance.x', type: 'aws_instance', tags: { 'gridfence-zone': 'dmz' }, attachedTo: ['aws_subnet.dispatch_a'] },
    ]);
    expect(r['aws_instance.x']).toBe('dmz');
  });

  it('inherits nothing, and reports nothing, when attached things are in different zones', () => {
    const r = resolveZones(threeZones, [
      { address: 'aws_instance.a', type: 'aws_instance', tags: { 'gridfence-zone': 'dmz' } },
      { address: 'aws_instance.b', type: 'aws_instance', tags: { 'gridfence-zone': 'core' } },
      { address: 'aws_instance.c', type: 'aws_instance' },
      { address: 'aws_security_group.shared', type: 'aws_security_group', attachedTo: ['aws_instance.a', 'aws_instance.b', 'aws_instance.c', 'aws_instance.gone'] },
      { address: 'aws_security_group.one', type: 'aws_security_group', attachedTo: ['aws_instance.a', 'aws_instance.c'] },
    ]);
    expect(r.problems).toEqual([]);
    expect(r.zoneOf.has('aws_security_group.shared')).toBe(false);
    expect(r.zoneOf.get('aws_security_group.one')).toBe('dmz');
  });

  it('a resource left with no zone because a tag or an address range a zone selects by is not known is an error, never a resource in no zone', () => {
    const at = { file: 'main.tf', line: 3, column: 10, endLine: 3, endColumn: 15 };
    const r = resolveZones(threeZones, [
      { address: 'aws_instance.tag', type: 'aws_instance', unknowns: [{ on: 'tags', key: 'gridfence-zone', reason: 'its tag gridfence-zone: var.z has no value', location: at }] },
      { address: 'aws_instance.all', type: 'aws_instance', unknowns: [{ on: 'tags', reason: 'its tags: var.tags has no value' }] },
      { address: 'aws_subnet.cidr', type: 'aws_subnet', unknowns: [{ on: 'cidrs', reason: 'its address range: var.c has no value' }] },
      // Not read by any zone: an unknown Name tag; an interface in a subnet whose zone it takes.
      { address: 'aws_instance.name', type: 'aws_instance', tags: { 'gridfence-zone': 'dmz' }, unknowns: [{ on: 'tags', key: 'Name', reason: 'its tag Name: unknown' }] },
      { address: 'aws_network_interface.eni', type: 'aws_network_interface', attachedTo: ['aws_subnet.d'], unknowns: [{ on: 'cidrs', reason: 'its address range: known only after apply' }] },
      { address: 'aws_subnet.d', type: 'aws_subnet', cidrs: ['10.10.1.0/24'] },
      // Selected all the same (by its address): what is unknown does not matter.
      { address: 'module.dispatch.aws_instance.x', type: 'aws_instance', unknowns: [{ on: 'tags', reason: 'its tags: unknown' }] },
    ]);
    expect(r.problems.map((p) => `${p.severity} ${p.code} ${p.location ? `${p.location.line}:${p.location.column} ` : ''}${p.message}`)).toEqual([
      'error zone-unknown 3:10 The zone of aws_instance.tag cannot be known: its tag gridfence-zone: var.z has no value — give the value (--var, a tfvars file, --cfn-param) or select the resource by its address in the configuration',
      'error zone-unknown The zone of aws_instance.all cannot be known: its tags: var.tags has no value — give the value (--var, a tfvars file, --cfn-param) or select the resource by its address in the configuration',
      'error zone-unknown The zone of aws_subnet.cidr cannot be known: its address range: var.c has no value — give the value (--var, a tfvars file, --cfn-param) or select the resource by its address in the configuration',
    ]);
    expect(Object.fromEntries(r.zoneOf)).toEqual({ 'aws_instance.name': 'dmz', 'aws_network_interface.eni': 'dispatch', 'aws_subnet.d': 'dispatch', 'module.dispatch.aws_instance.x': 'dispatch' });
    // The error stands whatever the resource sits in: it still takes that zone, for the rules to judge.
    const attached = resolveZones(threeZones, [
      { address: 'aws_vpc.v', type: 'aws_vpc', tags: { 'gridfence-zone': 'core' } },
      { address: 'aws_subnet.s', type: 'aws_subnet', attachedTo: ['aws_vpc.v'], unknowns: [{ on: 'tags', reason: 'its tags: unknown' }] },
    ]);
    expect(attached.problems.map((p) => p.code)).toEqual(['zone-unknown']);
    expect(attached.zoneOf.get('aws_subnet.s')).toBe('core');
  });

  it('survives attachment cycles, whatever the order of the candidates', () => {
    const candidates: ZoneCandidate[] = [
      { address: 'a.a', type: 'a', attachedTo: ['b.b'] },
      { address: 'b.b', type: 'b', attachedTo: ['a.a', 'c.c'] },
      { address: 'c.c', type: 'c', tags: { 'gridfence-zone': 'core' } },
      { address: 'd.d', type: 'd', attachedTo: ['e.e'] },
      { address: 'e.e', type: 'e', attachedTo: ['d.d'] },
    ];
    const expected = { 'a.a': 'core', 'b.b': 'core', 'c.c': 'core' };
    expect(zonesOf(threeZones, candidates)).toEqual(expected);
    expect(zonesOf(threeZones, [...candidates].reverse())).toEqual(expected);
  });

  it('is implicit when the configuration declares no zones', () => {
    const tagged: ZoneCandidate[] = [{ address: 'aws_subnet.a', type: 'aws_subnet', tags: { 'gridfence-zone': 'dmz' } }];
    for (const c of [undefined, config('system: x'), config('zones: {}')]) {
      const r = resolveZones(c, tagged);
      expect(r).toEqual({ zoneOf: new Map(), problems: [], implicit: true, spanning: new Map() });
    }
    expect(resolveZones(threeZones, tagged).implicit).toBe(false);
  });
});
