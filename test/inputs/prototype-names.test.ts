/**
 * Names that Object.prototype holds ("constructor", "toString", "__proto__", "hasOwnProperty") read
 * from an input are names like any other: a resource type, a protocol, a match module, a target, a
 * tag key. Each run here ended in an internal error while the lookup tables were object literals.
 */
import { describe, expect, it } from 'vitest';
import { gridfence } from '../support/cli.js';
import { writeTree } from '../support/files.js';

const NAMES = ['constructor', 'toString', '__proto__', 'hasOwnProperty', 'valueOf'];

/** lint and inventory of a tree as JSON: no internal error, and what the input errors say. */
function run(files: Record<string, string>): { lint: number; inventory: number; errors: string[]; resources: string[] } {
  const dir = writeTree(files, 'gridfence-proto-');
  const lint = gridfence(['lint', dir, '--format', 'json'], dir);
  const inventory = gridfence(['inventory', dir, '--format', 'json'], dir);
  for (const r of [lint, inventory]) expect(r.stderr).not.toMatch(/internal error/);
  const report = JSON.parse(lint.stdout) as { errors: Array<{ message: string }> };
  const listed = JSON.parse(inventory.stdout) as { resources: Array<{ address: string }> };
  return { lint: lint.code, inventory: inventory.code, errors: report.errors.map((e) => e.message), resources: listed.resources.map((r) => r.address) };
}

describe('names of Object.prototype members in inputs', () => {
  it('Terraform resource types and tag keys', () => {
    const tf = NAMES.map((n, i) => `resource "${n}" "r${i}" {\n  tags = { "${n}" = "x" }\n}\n`).join('');
    const r = run({ 'main.tf': tf });
    expect([r.lint, r.inventory]).toEqual([0, 0]);
    expect(r.resources).toEqual(NAMES.map((n, i) => `${n}.r${i}`));
  });

  it('CloudFormation resource types and protocols', () => {
    const resources = Object.fromEntries(NAMES.map((n, i) => [`R${i}`, { Type: n, Properties: { [n]: 1 } }]));
    const template = {
      AWSTemplateFormatVersion: '2010-09-09',
      Resources: { ...resources, Sg: { Type: 'AWS::EC2::SecurityGroup', Properties: { GroupDescription: 'x', SecurityGroupIngress: [{ IpProtocol: 'constructor', CidrIp: '10.0.0.0/8', FromPort: 1, ToPort: 2 }] } } },
    };
    const r = run({ 'template.json': JSON.stringify(template, null, 2) });
    expect(r.lint).not.toBe(2);
    expect(r.resources).toContain('Sg');
  });

  it('CloudFormation parameters, mappings and conditions', () => {
    const template = {
      AWSTemplateFormatVersion: '2010-09-09',
      Parameters: { constructor: { Type: 'String', Default: '10.0.0.0/16' }, toString: { Type: 'String', Default: 'a' } },
      Mappings: { constructor: { toString: { valueOf: 'mapped' } } },
      Conditions: { hasOwnProperty: { 'Fn::Equals': [{ Ref: 'toString' }, 'a'] } },
      Resources: {
        Vpc: { Type: 'AWS::EC2::VPC', Properties: { CidrBlock: { Ref: 'constructor' }, Tags: [{ Key: 'k', Value: { 'Fn::FindInMap': ['constructor', 'toString', 'valueOf'] } }] } },
        Subnet: { Type: 'AWS::EC2::Subnet', Condition: 'hasOwnProperty', Properties: { VpcId: { Ref: 'Vpc' }, CidrBlock: '10.0.1.0/24' } },
      },
    };
    const dir = writeTree({ 'template.json': JSON.stringify(template, null, 2) }, 'gridfence-proto-');
    const r = gridfence(['inventory', dir, '--format', 'json'], dir);
    expect([r.code, r.stderr]).toEqual([0, '']);
    const resources = (JSON.parse(r.stdout) as { resources: Array<{ address: string; attributes: Record<string, unknown> }> }).resources;
    expect(resources.map((x) => [x.address, x.attributes['cidr_block'], x.attributes['tags']])).toEqual([
      ['Vpc', '10.0.0.0/16', { k: 'mapped' }],
      ['Subnet', '10.0.1.0/24', undefined],
    ]);
  });

  it('Terraform variables, locals, modules and outputs', () => {
    const r = gridfence(['inventory', writeTree({
      'main.tf': 'variable "constructor" {\n  default = "a"\n}\nlocals {\n  toString = var.constructor\n}\nresource "aws_vpc" "v" {\n  cidr_block = "10.0.0.0/16"\n  tags = { constructor = local.toString, m = module.toString.valueOf }\n}\nmodule "toString" {\n  source = "./m"\n  hasOwnProperty = 2\n}\n',
      'm/main.tf': 'variable "hasOwnProperty" {\n  default = 1\n}\noutput "valueOf" {\n  value = var.hasOwnProperty\n}\n',
    }, 'gridfence-proto-'), '--format', 'json']);
    expect([r.code, r.stderr]).toEqual([0, '']);
    expect((JSON.parse(r.stdout) as { resources: Array<{ attributes: Record<string, unknown> }> }).resources[0]!.attributes['tags']).toEqual({ constructor: 'a', m: 2 });
  });

  it('iptables protocols, match modules, targets and connection states', () => {
    const rules = ['-p constructor -j ACCEPT', '-m toString -j ACCEPT', '-j hasOwnProperty', '-m state --state constructor -j ACCEPT', '-j DNAT --to-destination 10.0.0.1'];
    const errors = rules.map((rule) => run({ 'gw.rules': `*filter\n:INPUT DROP [0:0]\n:FORWARD DROP [0:0]\n:OUTPUT ACCEPT [0:0]\n-A INPUT ${rule}\nCOMMIT\n` }).errors);
    expect(errors.slice(0, 4)).toEqual([
      ['Unknown protocol "constructor": the rule is kept, but its protocol is not modelled'],
      ['Unknown match module toString: the rule is kept, but its conditions are not modelled'],
      ['Unknown target hasOwnProperty (not a chain of table filter): the rule is kept, but its verdict is not modelled'],
      ['"constructor" is not a connection state (NEW, ESTABLISHED, RELATED, INVALID, UNTRACKED, SNAT, DNAT)'],
    ]);
    expect(errors[4]!.length).toBe(1);
  });

  it('nftables hooks, protocols and states', () => {
    const nft = (family: string, body: string) => run({ 'gw.nft': `table ${family} f {\n chain c { ${body} }\n}\n` }).errors;
    expect(nft('constructor', 'type filter hook input priority filter;')).toHaveLength(1);
    expect(nft('inet', 'type filter hook toString priority filter;')).toEqual(['The inet family has no hook "toString": nft refuses the chain']);
    expect(nft('inet', 'type filter hook input priority filter; meta l4proto constructor accept;')).toEqual(['Could not resolve protocol name "constructor": nft refuses it']);
  });
});
