import { fileURLToPath } from 'node:url';
import fc from 'fast-check';
import { describe, expect, it, vi } from 'vitest';
import { loadConfig, parseConfig, sourceOf, type LoadResult } from '../../src/config/index.js';

const fixture = (name: string) => fileURLToPath(new URL(`./fixtures/${name}`, import.meta.url));
const load = (name: string) => loadConfig(fixture(name), `fixtures/${name}`);

/** The parts of a problem a user reads: severity, position, message. */
const brief = (r: LoadResult) =>
  r.problems.map((p) => ({ severity: p.severity, code: p.code, file: p.location?.file, line: p.location?.line, column: p.location?.column, message: p.message }));

describe('loadConfig', () => {
  it('loads the full example of product.md §4', () => {
    const r = load('full.yaml');
    expect(r.problems).toEqual([]);
    const c = r.config!;
    expect(c.version).toBe(1);
    expect(c.system).toBe('Example VPP aggregator');
    expect(Object.keys(c.zones!)).toEqual(['dispatch', 'dmz', 'core', 'ops']);
    expect(c.zones!.dispatch).toEqual({
      role: 'dispatch-link',
      match: {
        tags: { 'gridfence-zone': 'dispatch' },
        addresses: ['module.dispatch.*', 'aws_subnet.dispatch_*'],
        cidrs: ['10.10.1.0/24'],
        hosts: ['gw1:eth1'],
      },
    });
    expect(c.externals!['dispatch-system']).toEqual({
      role: 'dispatch-system',
      cidrs: ['203.0.113.10/32'],
      services: ['tcp/443'],
      transport: 'internet',
      'registered-sources': ['198.51.100.10/32'],
      tls: { 'min-version': '1.2', mutual: true },
    });
    // YAML 1.2: dates stay strings, `off` stays a string.
    expect(c.externals!['ra-north']!.attestation).toEqual({ confirmed: '2026-04-01', expires: '2027-03-31', evidence: 'docs/attestations/ra-north.pdf' });
    expect(c.hosts!.gw1!.interfaces!.tun0).toEqual({ link: 'aws_vpn_connection.onprem' });
    expect(c['connection-points']).toEqual({ max: 2, declared: ['aws_nat_gateway.dmz', 'aws_vpn_connection.onprem'] });
    expect(c.rules).toEqual({
      'asset-inventory-tags': { severity: 'warning', options: { required: ['owner', 'asset-id'] } },
      'instance-metadata-v2': 'off',
    });
    expect(c.waivers).toEqual([
      { rule: 'ingress-from-declared-sources', resource: 'aws_security_group.legacy_vendor', reason: 'vendor VPN migrates to PrivateLink, ticket SEC-142', expires: '2027-01-31' },
    ]);
  });

  it('remembers where a loaded configuration came from', () => {
    const c = load('full.yaml').config!;
    expect(sourceOf(c)!.keyLocation(['zones', 'dmz'])).toMatchObject({ file: 'fixtures/full.yaml', line: 12, column: 3, endColumn: 6 });
  });

  it('reports an unknown key at the key, with the nearest valid key', () => {
    expect(brief(load('unknown-key.yaml'))).toEqual([
      { severity: 'error', code: 'config', file: 'fixtures/unknown-key.yaml', line: 3, column: 1, message: 'unknown key "zone" in /; did you mean "zones"?' },
    ]);
    expect(load('unknown-key.yaml').config).toBeUndefined();
  });

  it('reports an unknown nested key with its path and end column', () => {
    const r = parseConfig('version: 1\nzones:\n  dmz:\n    role: buffer\n    macth: {}\n', 'g.yaml');
    expect(r.problems).toEqual([
      {
        severity: 'error',
        code: 'config',
        message: 'unknown key "macth" in /zones/dmz; did you mean "match"?',
        location: { file: 'g.yaml', line: 5, column: 5, endLine: 5, endColumn: 10 },
      },
    ]);
  });

  it('reports a wrong role at its value, with the nearest role', () => {
    expect(brief(load('bad-role.yaml'))).toEqual([
      {
        severity: 'error',
        code: 'config',
        file: 'fixtures/bad-role.yaml',
        line: 4,
        column: 11,
        message:
          '/zones/dmz/role is "bufer", which is not one of dispatch-link, buffer, internal, management, der-ingress, partner-ingress; did you mean "buffer"?',
      },
    ]);
  });

  it('reports an external role that is a zone role', () => {
    const r = parseConfig('version: 1\nexternals:\n  x: { role: buffer }\n', 'g.yaml');
    expect(brief(r)).toEqual([
      expect.objectContaining({ line: 3, column: 14, message: expect.stringMatching(/^\/externals\/x\/role is "buffer", which is not one of dispatch-system, partner, der-site, other$/) }),
    ]);
  });

  it('reports a CIDR that does not parse, at its line', () => {
    expect(brief(load('bad-cidr.yaml'))).toEqual([
      {
        severity: 'error',
        code: 'config',
        file: 'fixtures/bad-cidr.yaml',
        line: 8,
        column: 11,
        message: '/zones/dispatch/match/cidrs/1 is "10.10.300.0/24", which is not a valid CIDR prefix',
      },
    ]);
  });

  it('suggests a prefix length for a bare address', () => {
    const r = parseConfig('version: 1\nexternals:\n  tso: { role: dispatch-system, cidrs: [203.0.113.10] }\n', 'g.yaml');
    expect(brief(r)).toEqual([
      expect.objectContaining({
        line: 3,
        column: 41,
        message: '/externals/tso/cidrs/0 is "203.0.113.10", which is not a valid CIDR prefix; a single address is written with its length, e.g. "203.0.113.10/32"',
      }),
    ]);
  });

  it('says how long a waiver reason must be', () => {
    const r = parseConfig('version: 1\nwaivers:\n  - rule: tls-minimum-version\n    resource: aws_lb_listener.vtn\n    reason: "later"\n', 'g.yaml');
    expect(brief(r)).toEqual([expect.objectContaining({ severity: 'error', line: 5, column: 13, message: '/waivers/0/reason is "later", shorter than the 10 characters it needs' })]);
  });

  it('warns about claimed prefixes with host bits set, and still loads', () => {
    const r = parseConfig('version: 1\nzones:\n  z: { role: internal, match: { cidrs: [10.0.0.5/24] } }\n', 'g.yaml');
    expect(r.config).toBeDefined();
    expect(brief(r)).toEqual([expect.objectContaining({ severity: 'warning', line: 3, message: expect.stringContaining('read as 10.0.0.0/24') })]);
  });

  it('reports dates that do not exist and dates in the wrong form', () => {
    expect(brief(load('bad-date.yaml'))).toEqual([
      {
        severity: 'error',
        code: 'config',
        file: 'fixtures/bad-date.yaml',
        line: 7,
        column: 18,
        message: '/externals/ra-north/attestation/confirmed is "2026-02-30", which is not a calendar date (YYYY-MM-DD)',
      },
      {
        severity: 'error',
        code: 'config',
        file: 'fixtures/bad-date.yaml',
        line: 12,
        column: 14,
        message: '/waivers/0/expires is "2027-1-31", which is not a valid date (for example "2027-03-31")',
      },
    ]);
  });

  it('reports a YAML syntax error with line and column, and nothing else', () => {
    expect(brief(load('syntax-error.yaml'))).toEqual([
      { severity: 'error', code: 'config', file: 'fixtures/syntax-error.yaml', line: 5, column: 1, message: 'YAML syntax error: All mapping items must start at the same column' },
    ]);
  });

  it('reports an unclosed flow mapping', () => {
    const r = parseConfig('version: 1\nzones:\n  dmz: { role: buffer\n', 'g.yaml');
    expect(r.config).toBeUndefined();
    expect(r.problems).toHaveLength(1);
    expect(r.problems[0]).toMatchObject({ code: 'config', location: { line: 4 }, message: expect.stringMatching(/^YAML syntax error: .*\}/) });
  });

  it('reports duplicate keys', () => {
    const r = parseConfig('version: 1\nzones: {}\nzones: {}\n', 'g.yaml');
    expect(brief(r)).toEqual([expect.objectContaining({ line: 3, column: 1, message: 'YAML syntax error: Map keys must be unique' })]);
  });

  it('reports a mapping used as a zone name at it, and prints no warning of the YAML library', () => {
    const warned = vi.spyOn(process, 'emitWarning').mockImplementation(() => undefined);
    try {
      const r = parseConfig('version: 1\nzones:\n  ? { addresses: ["aws_subnet.d"] }\n  : { role: internal }\n', 'g.yaml');
      expect(brief(r)).toEqual([expect.objectContaining({ severity: 'error', line: 3, column: 3, message: expect.stringContaining('is not a valid zone or external name') })]);
      expect(warned).not.toHaveBeenCalled();
    } finally {
      warned.mockRestore();
    }
  });

  it('reports an empty file (and one with only comments) as an error', () => {
    expect(brief(load('empty.yaml'))).toEqual([
      { severity: 'error', code: 'config', file: 'fixtures/empty.yaml', line: 1, column: 1, message: 'the configuration is empty; it needs at least "version: 1"' },
    ]);
    expect(parseConfig('# nothing yet\n', 'g.yaml').problems.map((p) => p.message)).toEqual(['the configuration is empty; it needs at least "version: 1"']);
  });

  it('requires version 1', () => {
    expect(brief(parseConfig('system: x\n', 'g.yaml'))).toEqual([expect.objectContaining({ line: 1, column: 1, message: 'missing required key "version" in /' })]);
    expect(brief(parseConfig('version: 2\n', 'g.yaml'))).toEqual([
      expect.objectContaining({ line: 1, column: 10, message: 'unsupported configuration version 2; this gridfence reads version 1' }),
    ]);
    expect(parseConfig('version: "1"\n', 'g.yaml').problems[0]!.message).toBe('/version is the string "1"; write it as a number: version: 1');
  });

  it('reports a missing role at the zone key', () => {
    const r = parseConfig('version: 1\nzones:\n  dmz:\n    match: { cidrs: [10.0.0.0/24] }\n', 'g.yaml');
    expect(brief(r)).toEqual([expect.objectContaining({ line: 3, column: 3, message: 'missing required key "role" in /zones/dmz' })]);
  });

  it('points at the key of an empty value', () => {
    const r = parseConfig('version: 1\nzones:\n', 'g.yaml');
    expect(brief(r)).toEqual([expect.objectContaining({ line: 2, column: 1, message: '/zones must be a mapping, not nothing' })]);
  });

  it('reports wrong types, hinting to quote numbers where strings are expected', () => {
    const r = parseConfig('version: 1\nzones:\n  z:\n    role: internal\n    match: { tags: { cost-centre: 42 } }\n', 'g.yaml');
    expect(r.problems.map((p) => p.message)).toEqual(['/zones/z/match/tags/cost-centre must be a string, not 42 (quote it to make it a string)']);
  });

  describe('rule entries', () => {
    it('accept a severity, off, or an object', () => {
      const r = parseConfig('version: 1\nrules:\n  a: error\n  b: off\n  c: { options: { x: 1 } }\n  d: { severity: note }\n', 'g.yaml');
      expect(r.problems).toEqual([]);
      expect(r.config!.rules).toEqual({ a: 'error', b: 'off', c: { options: { x: 1 } }, d: { severity: 'note' } });
    });

    it('report only the errors of the form that the value has', () => {
      const r = parseConfig('version: 1\nrules:\n  a: fatal\n  b: 3\n  c: { severity: warn, optoins: {} }\n', 'g.yaml');
      expect(brief(r).map(({ line, column, message }) => ({ line, column, message }))).toEqual([
        { line: 3, column: 6, message: '/rules/a is "fatal", which is not one of error, warning, note, off' },
        { line: 4, column: 6, message: '/rules/b must be a string or a mapping, not 3' },
        { line: 5, column: 18, message: '/rules/c/severity is "warn", which is not one of error, warning, note, off; did you mean "warning"?' },
        { line: 5, column: 24, message: 'unknown key "optoins" in /rules/c; did you mean "options"?' },
      ]);
    });
  });

  it('normalises a numeric TLS version to the string the types promise', () => {
    const r = parseConfig('version: 1\nexternals:\n  tso: { role: dispatch-system, tls: { min-version: 1.3 } }\n', 'g.yaml');
    expect(r.config!.externals!.tso!.tls).toEqual({ 'min-version': '1.3' });
  });

  it('checks names and references between sections', () => {
    const text = [
      'version: 1',
      'zones:',
      '  dmz: { role: buffer, match: { cidrs: [10.0.0.0/16] } }',
      '  core: { role: internal, match: { cidrs: [10.0.5.0/24] } }',
      '  internet: { role: internal }',
      'externals:',
      '  dmz: { role: other }',
      '  partner-a: { role: partner, services: [tcp/70000], attestation: { confirmed: 2026-04-01, expires: 2026-01-01 } }',
      'hosts:',
      '  gw1:',
      '    interfaces:',
      '      eth0: { zone: dzm }',
      '      eth1: { link: partner-b }',
      '      eth2: { link: internet }',
      '      tun0: { link: aws_vpn_connection.onprem }',
      '',
    ].join('\n');
    expect(brief(parseConfig(text, 'g.yaml')).map(({ line, column, message }) => ({ line, column, message }))).toEqual([
      { line: 4, column: 44, message: 'zone "core" claims 10.0.5.0/24, which overlaps 10.0.0.0/16 of zone "dmz"; an address belongs to one zone only' },
      { line: 5, column: 3, message: '"internet" in /zones is reserved for the implicit network of that name; choose another name' },
      { line: 7, column: 3, message: '"dmz" is declared both as a zone and as an external; a network is either ours or not' },
      { line: 8, column: 42, message: '/externals/partner-a/services/0 is "tcp/70000": ports run from 0 to 65535, the first not above the last' },
      { line: 8, column: 101, message: '/externals/partner-a/attestation: the attestation expires before it was confirmed' },
      { line: 12, column: 21, message: '/hosts/gw1/interfaces/eth0/zone names zone "dzm", which is not declared under /zones; did you mean "dmz"?' },
      { line: 13, column: 21, message: '/hosts/gw1/interfaces/eth1/link is "partner-b", which is neither internet, a declared external, nor a resource address; did you mean "partner-a"?' },
    ]);
  });

  it('reports an unreadable file without throwing', () => {
    const r = loadConfig(fixture('does-not-exist.yaml'), 'fixtures/does-not-exist.yaml');
    expect(r.config).toBeUndefined();
    expect(r.problems).toEqual([
      expect.objectContaining({ severity: 'error', code: 'config', message: 'cannot read configuration file fixtures/does-not-exist.yaml: no such file' }),
    ]);
  });

  it('never throws, and every problem has a location in the file', () => {
    const yamlish = fc.oneof(
      fc.string(),
      fc.jsonValue().map((v) => JSON.stringify(v)),
      fc.constantFrom('version: 1\n', 'zones:\n  a: *x\n', '- [\n', 'a: &a [*a]\n', ': :\n', '? [a]\n: b\n', '\t\n', '%YAML 1.1\n---\nrules: { a: off }\n'),
    );
    fc.assert(
      fc.property(fc.array(yamlish, { maxLength: 3 }), (parts) => {
        const r = parseConfig(parts.join('\n'), 'g.yaml');
        expect(r.config !== undefined || r.problems.some((p) => p.severity === 'error')).toBe(true);
        for (const p of r.problems) expect(p.location?.line).toBeGreaterThanOrEqual(1);
      }),
      { numRuns: 300 },
    );
  });

  it('never throws on configurations shaped like the real one', () => {
    const value = fc.oneof(fc.string({ maxLength: 6 }), fc.integer(), fc.constant(null), fc.boolean());
    const zone = fc.record({ role: value, match: fc.option(fc.record({ cidrs: fc.array(value), tags: fc.dictionary(fc.string({ maxLength: 4 }), value) }), { nil: undefined }) }, { requiredKeys: [] });
    const config = fc.record(
      {
        version: fc.constantFrom(1, 2, '1'),
        zones: fc.oneof(fc.dictionary(fc.string({ maxLength: 5 }), zone), value),
        rules: fc.dictionary(fc.string({ maxLength: 5 }), fc.oneof(value, fc.record({ severity: value, options: value }, { requiredKeys: [] }))),
        waivers: fc.array(fc.record({ rule: value, resource: value, reason: value, expires: value }, { requiredKeys: [] })),
      },
      { requiredKeys: [] },
    );
    fc.assert(
      fc.property(config, (c) => {
        const r = parseConfig(JSON.stringify(c), 'g.json.yaml');
        for (const p of r.problems) expect(p.location?.line).toBe(1);
      }),
      { numRuns: 300 },
    );
  });
});
