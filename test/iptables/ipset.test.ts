import { describe, expect, it } from 'vitest';
import { parseIpset } from '../../src/loaders/iptables/ipset.js';
import { iptablesToModel } from '../../src/loaders/iptables/to-model.js';
import { parseIptables } from '../../src/loaders/iptables/parse.js';
import { InputError } from '../../src/model/errors.js';
import { SourceFile } from '../../src/model/source.js';

const SAVE = `create admins hash:ip family inet hashsize 1024 maxelem 65536
add admins 10.9.0.1
add admins 10.9.0.2 comment "bastion"
create svc hash:ip,port family inet
add svc 10.2.0.20,udp:123
create v6 hash:net family inet6
add v6 2001:db8::/32
create all list:set size 8
add all admins
create holes hash:net family inet
add holes 10.0.0.0/8
add holes 10.1.0.0/16 nomatch
`;

describe('ipset save files', () => {
  it('reads sets, members, families and places', () => {
    const { sets, problems } = parseIpset(new SourceFile('gw.ipset', SAVE));
    expect([...sets.values()].map((s) => `${s.name} ${s.type} ${s.family} ${s.members.map((m) => m.text).join(' ')}${s.partial ? ' (partial)' : ''}`)).toEqual([
      'admins hash:ip inet 10.9.0.1 10.9.0.2',
      'svc hash:ip,port inet 10.2.0.20,udp:123',
      'v6 hash:net inet6 2001:db8::/32',
      'all list:set inet admins',
      'holes hash:net inet 10.0.0.0/8 10.1.0.0/16 (partial)',
    ]);
    expect(problems.map((p) => `${p.code} ${p.location?.line}`)).toEqual(['ipset-nomatch 12']);
  });

  it('an add before its create, or a line that is not ipset save output, is an error at its line', () => {
    for (const [text, line, message] of [
      ['add nope 10.0.0.1\n', 1, 'Set nope is not created before this add'],
      ['create a hash:ip\nflush a\n', 2, 'Expected "create NAME TYPE …" or "add NAME MEMBER …" (ipset save output)'],
    ] as const) {
      try {
        parseIpset(new SourceFile('x.ipset', text));
        throw new Error('no error');
      } catch (e) {
        expect(e).toBeInstanceOf(InputError);
        expect((e as InputError).toProblem()).toMatchObject({ message, location: { line } });
      }
    }
  });

  it('-m set becomes one conjunction per member; a list:set takes its sets; a partial set stays opaque', () => {
    const rules = '*filter\n:INPUT DROP [0:0]\n:FORWARD DROP [0:0]\n:OUTPUT ACCEPT [0:0]\n-A FORWARD -m set --match-set svc dst,dst -j ACCEPT\n-A FORWARD -m set ! --match-set all src -j DROP\n-A FORWARD -m set --match-set holes src -j ACCEPT\nCOMMIT\n';
    const { sets } = parseIpset(new SourceFile('gw.ipset', SAVE));
    const rs = iptablesToModel('gw', 'gw.rules', parseIptables(new SourceFile('gw.rules', rules)), sets);
    const [svc, all, holes] = rs.chains.get('filter/FORWARD')!.rules.map((r) => r.conditions);
    expect(svc).toMatchObject([{ kind: 'anyOf', negated: false, options: [[{ kind: 'dstIp' }, { kind: 'protocol', protocols: [17] }, { kind: 'dstPort', ranges: [[123, 123]] }]] }]);
    expect(all).toMatchObject([{ kind: 'anyOf', negated: true, options: [[{ kind: 'srcIp' }], [{ kind: 'srcIp' }]] }]);
    expect(holes).toMatchObject([{ kind: 'opaque', text: '--match-set holes src' }]);
  });
});
