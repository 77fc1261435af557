/**
 * Templates as a whole: recognising them, exact places of resources and properties in YAML and
 * JSON, syntax errors at their place, the two small fixtures (YAML and the same template in JSON
 * give the same resources), and every template of the shared corpus read without an exception.
 */
import fs from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { stringify } from 'yaml';
import { looksLikeTemplate, loadTemplate, mayBeTemplate } from '../../src/loaders/cfn/template.js';
import { findTemplates } from '../../src/loaders/cfn/discover.js';
import { translate } from '../../src/loaders/cfn/translate.js';
import { InputError } from '../../src/model/errors.js';
import { SourceFile, toLocation } from '../../src/model/source.js';
import { Unknown, toJSON } from '../../src/model/value.js';
import { loadSystem } from '../../src/linter/load-system.js';
import { corpusDir, corpusNote, hasCorpus, listFiles, repoRoot, writeTree } from '../support/files.js';
import { load, problemsAt, resource, where } from './helpers.js';

const read = (rel: string): SourceFile => new SourceFile(rel, fs.readFileSync(path.join(repoRoot, rel), 'utf8'));
const YAML = read('fixtures/cfn/small/template.yaml');
const JSON_ = read('fixtures/cfn/small-json/template.json');

/** "line:column" of the first occurrence of a needle (at its start) in a text. */
const at = (text: string, needle: string, nth = 0): string => {
  let i = -1;
  for (let k = 0; k <= nth; k++) i = text.indexOf(needle, i + 1);
  const before = text.slice(0, i).split('\n');
  return `${before.length}:${before[before.length - 1]!.length + 1}`;
};

describe('looksLikeTemplate', () => {
  it('recognises templates by their head, in YAML and JSON', () => {
    expect(looksLikeTemplate(YAML.text)).toBe(true);
    expect(looksLikeTemplate(JSON_.text)).toBe(true);
    expect(looksLikeTemplate('Resources:\n  X:\n    Type: AWS::S3::Bucket\n')).toBe(true);
    expect(looksLikeTemplate('{"Resources": {"X": {"Type": "Custom::Thing"}}}')).toBe(true);
    expect(looksLikeTemplate('name: ci\non: push\njobs: {}\n')).toBe(false);
    expect(looksLikeTemplate('{"format_version": "1.2", "planned_values": {}}')).toBe(false);
    expect(looksLikeTemplate('Resources:\n  - kubernetes\nType: Deployment\n')).toBe(false);
  });

  it('counts only a top-level Resources: a Serverless Framework file\'s `resources: Resources:` is not a template', () => {
    const serverless = 'service: telemetry\nprovider:\n  name: aws\nresources:\n  Resources:\n    RawBucket:\n      Type: AWS::S3::Bucket\n';
    expect(looksLikeTemplate(serverless)).toBe(false);
    // A document indented as a whole is still a template: its top level is its first key's indentation.
    expect(looksLikeTemplate('---\n  AWSTemplateFormatVersion: "2010-09-09"\n  Resources:\n    Vpc:\n      Type: AWS::EC2::VPC\n')).toBe(true);
    expect(looksLikeTemplate('  # indented\n  Resources:\n    Vpc:\n      Type: AWS::EC2::VPC\n')).toBe(true);
    expect(looksLikeTemplate('{"service": "x", "resources": {"Resources": {"B": {"Type": "AWS::S3::Bucket"}}}}')).toBe(false);
    expect(looksLikeTemplate('# comment\n"Resources":\n  B: { Type: "AWS::S3::Bucket" }\n')).toBe(true);
    expect(looksLikeTemplate('{"Description": "a \\"Resources\\": b", "Resources": {"B": {"Type": "AWS::S3::Bucket"}}}')).toBe(true);
  });

  it('finds a template whose Resources come after the first 64 KiB (a large Mappings first), and reads big files of other kinds only by their head', () => {
    const mappings = Array.from({ length: 2000 }, (_, i) => `"r${i}": {"AMI": "ami-${String(i).padStart(17, '0')}"}`).join(',\n');
    const late = `{\n"Mappings": {"Ami": {\n${mappings}\n}},\n"Resources": {"Vpc": {"Type": "AWS::EC2::VPC", "Properties": {"CidrBlock": "10.0.0.0/16"}}}\n}\n`;
    expect(late.indexOf('"Resources"')).toBeGreaterThan(65536);
    const other = `{"items": [\n${mappings}\n], "Resources": {"Vpc": {"Type": "AWS::EC2::VPC"}}}\n`;
    const dir = writeTree({ 'late.json': late, 'other.json': other, 'small.yaml': 'Resources:\n  Vpc:\n    Type: AWS::EC2::VPC\n' }, 'gridfence-cfn-');
    expect(findTemplates([dir], dir, new Set()).map((f) => path.basename(f))).toEqual(['late.json', 'small.yaml']);
    expect(mayBeTemplate(late.slice(0, 65536))).toBe(true);
    expect(mayBeTemplate(other.slice(0, 65536))).toBe(false);
    const sys = loadSystem({ paths: [dir], cwd: dir, vars: [], varFiles: [] });
    expect(sys.model.resources.map((r) => `${r.address} ${toLocation(r.span).file}:${toLocation(r.span).line}`)).toEqual(['late.Vpc late.json:2004', 'small.Vpc small.yaml:2']);
  });
});

describe('places', () => {
  it('YAML: a resource from its logical id through its value; properties from key through value; list items by themselves', () => {
    const t = loadTemplate(YAML, {});
    const sg = resource(t, 'WebSecurityGroup');
    const l = toLocation(sg.span);
    expect(`${l.line}:${l.column}`).toBe(at(YAML.text, 'WebSecurityGroup:'));
    expect(`${l.endLine}:${l.endColumn}`).toBe('107:33');
    expect(where(sg, 'GroupDescription')).toBe(`${at(YAML.text, 'GroupDescription: Web server')}-90:35`);
    expect(where(sg, 'SecurityGroupIngress[0]')).toBe(`${at(YAML.text, 'IpProtocol: tcp', 0)}-96:28`);
    expect(where(sg, 'SecurityGroupIngress[0].CidrIp')).toBe(`${at(YAML.text, 'CidrIp: 0.0.0.0/0', 0)}-96:28`);
    // The If in the middle removed its element (IsProd): index 1 is the written third element.
    expect(where(sg, 'SecurityGroupIngress[1].CidrIp')).toBe(`${at(YAML.text, 'CidrIp: !Ref AdminCidr')}-107:33`);
    expect(where(sg, 'SecurityGroupIngress[2]')).toBe('none');
    const vpc = resource(t, 'Vpc');
    expect(where(vpc, 'Tags[0].Value')).toBe('27:11-27:46');
    expect(where(vpc, 'CidrBlock')).toBe(`${at(YAML.text, 'CidrBlock: !Ref VpcCidr')}-23:30`);
  });

  it('JSON: the same paths at their places in the JSON text', () => {
    const t = loadTemplate(JSON_, {});
    const sg = resource(t, 'WebSecurityGroup');
    expect(where(sg, 'SecurityGroupIngress[0].CidrIp').split('-')[0]).toBe(at(JSON_.text, '"CidrIp": "0.0.0.0/0"'));
    expect(where(sg, 'SecurityGroupIngress[1].CidrIp').split('-')[0]).toBe(at(JSON_.text, '"CidrIp": {'));
    expect(toLocation(sg.span).line).toBe(Number(at(JSON_.text, '"WebSecurityGroup": {').split(':')[0]));
    const acl = resource(t, 'PublicAclInboundHttps');
    expect(where(acl, 'PortRange.From')).toBe(`${at(JSON_.text, '"From": 443')}-${at(JSON_.text, '"From": 443').split(':')[0]}:${Number(at(JSON_.text, '"From": 443').split(':')[1]) + 11}`);
  });

  it('a syntax error is an InputError at its place, in YAML and in JSON', () => {
    const cases: Array<[string, string, string]> = [
      ['t.yaml', 'Resources:\n  A:\n    Type: [x\n', '4:1'],
      ['t.json', '{"Resources": {"A": {"Type": "AWS::EC2::VPC",}}}', '1:46'],
      // A list or a mapping as a key (a logical id, a property name) has no text: refused at the key.
      ['t.yaml', 'Resources:\n  ? [a, b]\n  : Type: AWS::EC2::VPC\n', '2:5'],
      ['t.yaml', 'Resources:\n  Vpc:\n    Type: AWS::EC2::VPC\n    Properties:\n      ? { x: 1 }\n      : 10.0.0.0/16\n', '5:9'],
    ];
    for (const [name, text, place] of cases) {
      let err: unknown;
      try {
        loadTemplate(new SourceFile(name, text), {});
      } catch (e) {
        err = e;
      }
      expect(err).toBeInstanceOf(InputError);
      const l = toLocation((err as InputError).span!);
      expect(`${l.line}:${l.column}`).toBe(place);
    }
    expect(() => load('- a\n- b\n')).toThrow(InputError);
    expect(() => load('Resources:\n  ? [a, b]\n  : Type: AWS::EC2::VPC\n')).toThrow('A key must be text, not a list or a mapping: CloudFormation refuses the template');
    // An alias as a key is the text it names.
    const aliased = load('Metadata:\n  name: &n Vpc\nResources:\n  ? *n\n  : Type: AWS::EC2::VPC\n    Properties: { CidrBlock: 10.0.0.0/16 }\n');
    expect(aliased.resources.map((r) => r.logicalId)).toEqual(['Vpc']);
  });

  it('aliases that multiply a few lines into billions of nodes are an error at the alias, not a hang', () => {
    const levels = ['a: &a [x, x, x, x, x, x, x, x, x]'];
    for (let i = 1; i < 9; i++) levels.push(`${String.fromCharCode(97 + i)}: &${String.fromCharCode(97 + i)} [${Array(9).fill(`*${String.fromCharCode(96 + i)}`).join(', ')}]`);
    let err: unknown;
    try {
      load(`AWSTemplateFormatVersion: "2010-09-09"\nMetadata:\n${levels.map((l) => `  ${l}`).join('\n')}\nResources: {}\n`);
    } catch (e) {
      err = e;
    }
    expect(err).toBeInstanceOf(InputError);
    expect((err as InputError).message).toBe('YAML aliases expand the template too far (CloudFormation does not accept aliases)');
    // A few aliases are read through.
    expect(problemsAt(load('AWSTemplateFormatVersion: "2010-09-09"\nMetadata:\n  a: &a [1, 2]\n  b: *a\nResources:\n  Vpc:\n    Type: AWS::EC2::VPC\n    Properties: { CidrBlock: 10.0.0.0/16 }\n'))).toEqual([]);
  });

  it('--cfn-param for a parameter no template declares is a usage error naming the nearest one; pseudo parameters pass', () => {
    const dir = writeTree({ 'template.yaml': 'Parameters:\n  Src:\n    Type: String\n    Default: 10.9.9.9/32\nResources:\n  Vpc:\n    Type: AWS::EC2::VPC\n    Properties: { CidrBlock: 10.0.0.0/16 }\n' });
    const run = (cfnParams: Array<{ name: string; value: string }>) => loadSystem({ paths: [dir], cwd: dir, vars: [], varFiles: [], cfnParams }).problems.map((p) => `${p.code} ${p.message}`);
    expect(run([{ name: 'SRC', value: '0.0.0.0/0' }])).toEqual(['usage --cfn-param SRC=…: no template declares a parameter "SRC"; did you mean "Src"?']);
    expect(run([{ name: 'Src', value: '0.0.0.0/0' }, { name: 'AWS::Region', value: 'ap-northeast-1' }])).toEqual([]);
    // With no template among the inputs, a warning: the value sets nothing.
    const tfOnly = writeTree({ 'main.tf': 'resource "aws_vpc" "v" {\n  cidr_block = "10.0.0.0/16"\n}\n' });
    const problems = loadSystem({ paths: [tfOnly], cwd: tfOnly, vars: [], varFiles: [], cfnParams: [{ name: 'Src', value: 'x' }, { name: 'AWS::Region', value: 'y' }] }).problems;
    expect(problems.map((p) => `${p.severity} ${p.code} ${p.message}`)).toEqual(['warning usage --cfn-param Src: no CloudFormation template is among the inputs, so it sets nothing']);
  });

  it('a tab indent, Resources written as a list, a missing Resources: each an error at its place', () => {
    let err: unknown;
    try {
      load('AWSTemplateFormatVersion: "2010-09-09"\nResources:\n\tVpc:\n\t\tType: AWS::EC2::VPC\n');
    } catch (e) {
      err = e;
    }
    expect(err).toBeInstanceOf(InputError);
    expect(`${(err as InputError).code} ${toLocation((err as InputError).span!).line}:${toLocation((err as InputError).span!).column} ${(err as InputError).message}`).toBe(
      'cfn-syntax 3:1 Invalid YAML: Tabs are not allowed as indentation',
    );
    expect(problemsAt(load('AWSTemplateFormatVersion: "2010-09-09"\nResources:\n  - Type: AWS::EC2::VPC\n'))).toEqual([
      'error 3:3 The Resources of a template must be a mapping (logical id: resource)',
    ]);
    expect(problemsAt(load('AWSTemplateFormatVersion: "2010-09-09"\n'))).toEqual(['error 1:1 The template has no Resources mapping']);
  });

  it('a JSON template with a UTF-8 byte-order mark reads as without it', () => {
    const text = '{"Resources": {"Vpc": {"Type": "AWS::EC2::VPC", "Properties": {"CidrBlock": "10.0.0.0/16"}}}}';
    const t = load(`\ufeff${text}`, {}, 't.json');
    expect(t.problems).toEqual([]);
    expect(resource(t, 'Vpc').properties['CidrBlock']).toBe('10.0.0.0/16');
    expect(where(resource(t, 'Vpc'), 'CidrBlock')).toBe(`1:${text.indexOf('"CidrBlock"') + 2}-1:${text.indexOf('"}}}}') + 3}`);
  });

  it('a key written twice is an error where it makes the system, a warning elsewhere (the later value stands)', () => {
    const grave = loadTemplate(new SourceFile('t.yaml', 'Resources:\n  A:\n    Type: AWS::EC2::VPC\n  A:\n    Type: AWS::EC2::Subnet\n'), {});
    expect(grave.problems.map((p) => `${p.severity} ${p.location?.line}:${p.location?.column} ${p.message}`)).toEqual([
      'error 4:3 The key Resources.A is written twice; which one CloudFormation takes is not certain',
    ]);
    const mild = loadTemplate(new SourceFile('t.yaml', 'Resources:\n  A:\n    Type: AWS::EC2::VPC\nOutputs:\n  X:\n    Value: 1\n  X:\n    Value: 2\n'), {});
    expect(mild.problems.map((p) => `${p.severity} ${p.location?.line}:${p.location?.column}`)).toEqual(['warning 7:3']);
    expect(mild.resources.map((r) => r.type)).toEqual(['AWS::EC2::VPC']);
  });

  it('JSON as YAML: a key written twice is reported at the later key, in a resource, its properties or a list item, and the later value stands', () => {
    const text = [
      '{',
      '  "Resources": {',
      '    "Sg": {',
      '      "Type": "AWS::EC2::SecurityGroup",',
      '      "Properties": {',
      '        "SecurityGroupIngress": [{ "IpProtocol": "tcp", "FromPort": 22, "FromPort": 23 }],',
      '        "GroupDescription": "a",',
      '        "GroupDescription": "b"',
      '      }',
      '    },',
      '    "Sg": { "Type": "AWS::EC2::VPC" }',
      '  },',
      '  "Outputs": { "X": { "Value": 1 }, "X": { "Value": 2 } }',
      '}',
    ].join('\n');
    const t = loadTemplate(new SourceFile('t.json', text), {});
    expect(t.problems.map((p) => `${p.severity} ${p.location?.file}:${p.location?.line}:${p.location?.column} ${p.message}`)).toEqual([
      'error t.json:6:73 The key Resources.Sg.Properties.SecurityGroupIngress.0.FromPort is written twice; which one CloudFormation takes is not certain',
      'error t.json:8:9 The key Resources.Sg.Properties.GroupDescription is written twice; which one CloudFormation takes is not certain',
      'error t.json:11:5 The key Resources.Sg is written twice; which one CloudFormation takes is not certain',
      'warning t.json:13:37 The key Outputs.X is written twice; the later one is read',
    ]);
    expect(t.resources.map((r) => `${r.logicalId} ${r.type}`)).toEqual(['Sg AWS::EC2::VPC']);
    const props = loadTemplate(new SourceFile('p.json', text.replace(',\n    "Sg": { "Type": "AWS::EC2::VPC" }', '')), {});
    expect(toJSON(resource(props, 'Sg').properties)).toEqual({ SecurityGroupIngress: [{ IpProtocol: 'tcp', FromPort: 23 }], GroupDescription: 'b' });
  });
});

describe('YAML 1.1 booleans, as CloudFormation reads them', () => {
  it('yes/no and on/off in their spellings are booleans; quoted, tagged, as keys or a lone y/n they stay text', () => {
    const text = [
      'Parameters:',
      '  No: { Type: String, Default: x }',
      'Resources:',
      '  Sub:',
      '    Type: AWS::EC2::Subnet',
      '    Properties:',
      '      MapPublicIpOnLaunch: yes',
      '      AssignIpv6AddressOnCreation: Off',
      '      Flags: [On, NO, y, N, true, "yes", !Ref No, Yes2]',
    ].join('\n');
    const t = load(text);
    expect(t.problems).toEqual([]);
    expect(toJSON(resource(t, 'Sub').properties)).toEqual({ MapPublicIpOnLaunch: true, AssignIpv6AddressOnCreation: false, Flags: [true, false, 'y', 'N', true, 'yes', 'x', 'Yes2'] });
    expect(translate(t.resources).find((m) => m.address === 'Sub')!.attributes['map_public_ip_on_launch']).toBe(true);
  });
});

describe('the small fixture', () => {
  const yaml = loadTemplate(YAML, {});
  const json = loadTemplate(JSON_, {});

  it('reads every resource with known and Unknown values where deployment decides', () => {
    expect(yaml.problems).toEqual([]);
    expect(yaml.resources.map((r) => r.logicalId)).toEqual([
      'Vpc', 'PublicSubnet', 'PrivateSubnet', 'InternetGateway', 'GatewayAttachment', 'PublicRouteTable', 'PublicDefaultRoute',
      'PublicSubnetRouteTable', 'NatEip', 'NatGateway', 'PrivateRouteTable', 'PrivateDefaultRoute', 'PrivateSubnetRouteTable',
      'WebSecurityGroup', 'DatabaseSecurityGroup', 'DatabaseFromWeb', 'DebugAccess', 'PublicAcl', 'PublicAclInboundHttps',
      'PublicAclOutbound', 'PublicSubnetAcl', 'WebInstance',
    ]);
    const p = (id: string) => toJSON(resource(yaml, id).properties) as Record<string, unknown>;
    expect(p('PublicSubnet').CidrBlock).toBe('10.20.0.0/24');
    expect(p('PrivateSubnet').CidrBlock).toBe('10.20.1.0/24');
    expect(p('PublicSubnet').VpcId).toEqual({ $unknown: 'Vpc is known only after deployment' });
    expect(p('WebSecurityGroup').SecurityGroupIngress).toEqual([
      { IpProtocol: 'tcp', FromPort: 443, ToPort: 443, CidrIp: '0.0.0.0/0' },
      { IpProtocol: 'tcp', FromPort: 22, ToPort: 22, CidrIp: '203.0.113.0/24' },
    ]);
    const ingress = resource(yaml, 'DatabaseFromWeb').properties;
    expect((ingress.SourceSecurityGroupId as Unknown).ref).toBe('WebSecurityGroup');
    expect(resource(yaml, 'DebugAccess').condition?.reason).toBe('AWS::Region is known only at deployment');
    expect(p('WebInstance').InstanceType).toBe('m6i.large');
    expect(p('WebInstance').KeyName).toEqual({ $unknown: 'parameter KeyName has no value' });
    expect(p('Vpc').Tags).toEqual([{ Key: 'Name', Value: { $unknown: 'AWS::StackName is known only at deployment' } }]);
  });

  it('parameters change what is read: dev keeps the 8080 rule; a region decides the condition', () => {
    const dev = loadTemplate(YAML, { Environment: 'dev', 'AWS::Region': 'eu-west-1', KeyName: 'ops' });
    expect((resource(dev, 'WebSecurityGroup').properties.SecurityGroupIngress as unknown[]).length).toBe(3);
    expect(dev.resources.some((r) => r.logicalId === 'DebugAccess')).toBe(false);
    expect(resource(dev, 'WebInstance').properties.KeyName).toBe('ops');
    expect(resource(dev, 'WebInstance').properties.InstanceType).toBe('t3.micro');
  });

  it('the JSON form gives the same resources and values', () => {
    expect(json.problems).toEqual([]);
    const norm = (t: typeof yaml) => t.resources.map((r) => ({ id: r.logicalId, type: r.type, props: toJSON(r.properties), cond: r.condition?.reason, paths: [...r.sources.keys()] }));
    expect(norm(json)).toEqual(norm(yaml));
  });

  it('keeps Metadata aws:cdk:path', () => {
    const t = load('Resources:\n  V:\n    Type: AWS::EC2::VPC\n    Metadata:\n      aws:cdk:path: Stack/Vpc/Resource\n');
    expect(resource(t, 'V').cdkPath).toBe('Stack/Vpc/Resource');
  });
});

describe('corpus' + corpusNote, () => {
  const dir = path.join(corpusDir, 'cfn');
  it.skipIf(!hasCorpus || !fs.existsSync(dir))('reads every template without an exception (problems allowed)', () => {
    const files = listFiles(dir, (n) => /\.(ya?ml|json|template)$/.test(n));
    expect(files.length).toBeGreaterThan(0);
    let read = 0;
    for (const f of files) {
      const text = fs.readFileSync(f, 'utf8');
      if (!looksLikeTemplate(text)) continue;
      read++;
      try {
        const t = loadTemplate(new SourceFile(path.relative(dir, f), text), {});
        for (const r of t.resources) expect(typeof r.type).toBe('string');
      } catch (e) {
        // A template that cannot be read stops at its place.
        expect(e).toBeInstanceOf(InputError);
        expect((e as InputError).span).toBeDefined();
      }
    }
    expect(read).toBe(files.length);
  });
});

/**
 * A JSON template's resources are read apart, one built at a time (parseJsonDeferring); a YAML
 * template is built whole. The same template in both must load to the same resources and problems.
 */
describe('JSON templates, read a resource at a time, load as their YAML rendering does' + corpusNote, () => {
  const shape = (t: ReturnType<typeof loadTemplate>) => ({
    resources: t.resources.map((r) => ({
      logicalId: r.logicalId,
      type: r.type,
      properties: toJSON(r.properties),
      sources: [...r.sources.keys()],
      condition: r.condition?.reason,
      cdkPath: r.cdkPath,
      waivers: r.waivers?.map((w) => [w.rule, w.reason, w.expires]),
    })),
    problems: t.problems.map((p) => [p.severity, p.message]),
  });
  const jsonTemplates = [
    ...listFiles(path.join(repoRoot, 'fixtures'), (n) => n.endsWith('.json')),
    ...(hasCorpus ? listFiles(path.join(corpusDir, 'cfn'), (n) => n.endsWith('.json') || n.endsWith('.template')) : []),
  ].filter((f) => {
    const text = fs.readFileSync(f, 'utf8');
    return text.trimStart().startsWith('{') && looksLikeTemplate(text);
  });

  it('on every JSON template of the fixtures (and of the corpus when present)', () => {
    expect(jsonTemplates.length).toBeGreaterThan(2);
    for (const f of jsonTemplates) {
      const text = fs.readFileSync(f, 'utf8');
      const json = loadTemplate(new SourceFile('t.json', text), {});
      const yaml = loadTemplate(new SourceFile('t.yaml', stringify(JSON.parse(text.replace(/^\ufeff/, '')), { aliasDuplicateObjects: false })), {});
      expect(shape(json), f).toEqual(shape(yaml));
    }
  });
});

describe('route targets', () => {
  it('keeps every target a route may name, so that none reads as a blackhole', () => {
    const l = load(`Resources:
  Rt:
    Type: AWS::EC2::RouteTable
    Properties: { VpcId: vpc-1 }
  ToCarrier:
    Type: AWS::EC2::Route
    Properties: { RouteTableId: !Ref Rt, DestinationCidrBlock: 0.0.0.0/0, CarrierGatewayId: cagw-1 }
  ToLocal:
    Type: AWS::EC2::Route
    Properties: { RouteTableId: !Ref Rt, DestinationCidrBlock: 10.9.0.0/16, LocalGatewayId: lgw-1 }
  ToCore:
    Type: AWS::EC2::Route
    Properties: { RouteTableId: !Ref Rt, DestinationCidrBlock: 10.8.0.0/16, CoreNetworkArn: arn:aws:networkmanager::1:core-network/cn-1 }
`);
    const attrs = translate(l.resources).filter((r) => r.type === 'aws_route').map((r) => toJSON(r.attributes));
    expect(attrs).toEqual([
      expect.objectContaining({ destination_cidr_block: '0.0.0.0/0', carrier_gateway_id: 'cagw-1' }),
      expect.objectContaining({ destination_cidr_block: '10.9.0.0/16', local_gateway_id: 'lgw-1' }),
      expect.objectContaining({ destination_cidr_block: '10.8.0.0/16', core_network_arn: 'arn:aws:networkmanager::1:core-network/cn-1' }),
    ]);
  });

  it('a gateway route table association names its gateway, as Terraform writes it', () => {
    const l = load(`Resources:
  Igw:
    Type: AWS::EC2::InternetGateway
  Edge:
    Type: AWS::EC2::RouteTable
    Properties: { VpcId: vpc-1 }
  EdgeAssoc:
    Type: AWS::EC2::GatewayRouteTableAssociation
    Properties: { GatewayId: !Ref Igw, RouteTableId: !Ref Edge }
`);
    const assoc = translate(l.resources).find((r) => r.address === 'EdgeAssoc')!;
    expect(assoc.type).toBe('aws_route_table_association');
    expect([(assoc.attributes['gateway_id'] as Unknown).ref, (assoc.attributes['route_table_id'] as Unknown).ref, assoc.attributes['subnet_id']]).toEqual(['Igw', 'Edge', undefined]);
  });

  it('a transit gateway VPC attachment\'s Options.ApplianceModeSupport is its appliance_mode_support, as Terraform writes it', () => {
    const l = load(`Resources:
  On:
    Type: AWS::EC2::TransitGatewayVpcAttachment
    Properties: { TransitGatewayId: tgw-1, VpcId: vpc-1, SubnetIds: [subnet-1, subnet-2], Options: { ApplianceModeSupport: Enable } }
  Off:
    Type: AWS::EC2::TransitGatewayAttachment
    Properties: { TransitGatewayId: tgw-1, VpcId: vpc-1, SubnetIds: [subnet-1, subnet-2] }
`);
    expect(translate(l.resources).map((r) => [r.address, r.type, r.attributes['appliance_mode_support']])).toEqual([
      ['On', 'aws_ec2_transit_gateway_vpc_attachment', 'enable'],
      ['Off', 'aws_ec2_transit_gateway_vpc_attachment', undefined],
    ]);
  });
});

describe('tags', () => {
  it('a Tags entry not known before deployment may set the zone tag: the zone cannot be known, an error at the entry, never a resource in no zone', () => {
    const template = [
      'Conditions:',
      '  InTokyo: !Equals [!Ref AWS::Region, ap-northeast-1]',
      'Resources:',
      '  Sub:',
      '    Type: AWS::EC2::Subnet',
      '    Properties:',
      '      CidrBlock: 10.0.1.0/24',
      '      Tags:',
      '        - { Key: Name, Value: sub }',
      '        - !If [InTokyo, { Key: gridfence-zone, Value: dispatch }, !Ref AWS::NoValue]',
      '',
    ].join('\n');
    const dir = writeTree({ 'template.yaml': template, 'gridfence.yaml': 'version: 1\nzones:\n  dispatch: { role: dispatch-link }\n' }, 'gridfence-cfn-tags-');
    const sys = loadSystem({ paths: [dir], cwd: dir, vars: [], varFiles: [] });
    expect(sys.problems.map((p) => `${p.severity} ${p.code} ${p.location?.line}:${p.location?.column}`)).toEqual(['error zone-unknown 10:11']);
    expect(sys.model.resources.find((r) => r.address === 'Sub')!.attributes['tags']).toBeInstanceOf(Unknown);
  });
});

describe('transforms', () => {
  it('a transform is not run: a warning at it says what is not analysed (the serverless resources, or anything a macro does); the language extensions need none', () => {
    const body = 'Resources:\n  Fn:\n    Type: AWS::Serverless::Function\n    Properties: { Handler: a.b }\n  Vpc:\n    Type: AWS::EC2::VPC\n';
    expect(problemsAt(load(`Transform: AWS::Serverless-2016-10-31\n${body}`))).toEqual(['warning 1:12 The transform AWS::Serverless-2016-10-31 is not expanded: what its resources (Fn) create is not analysed']);
    expect(problemsAt(load(`Transform: [AWS::LanguageExtensions, Shared::Macro]\n${body}`))).toEqual(['warning 1:38 The transform Shared::Macro is not run: what it adds to or changes in the template is not analysed']);
    expect(load(`Transform: AWS::LanguageExtensions\n${body}`).problems).toEqual([]);
    expect(load(`Transform: AWS::Serverless-2016-10-31\n${body.replace('AWS::Serverless::Function', 'AWS::Lambda::Function')}`).problems).toEqual([]);
  });
});

describe('YAML merge keys', () => {
  it('are merged as the packaging tools do: the mapping\'s own keys first, then the merged mappings in order; a merged entry keeps its place in the anchor', () => {
    const text = [
      'Resources:',
      '  Sg:',
      '    Type: AWS::EC2::SecurityGroup',
      '    Properties:',
      '      GroupDescription: x',
      '      SecurityGroupIngress:',
      '        - &open { IpProtocol: tcp, FromPort: 443, ToPort: 443, CidrIp: 0.0.0.0/0 }',
      '        - &admin { Description: admin, CidrIp: 10.0.0.0/8 }',
      '        - <<: *open',
      '          FromPort: 22',
      '          ToPort: 22',
      '        - <<: [*admin, *open]',
      '        - { "<<": kept }',
    ].join('\n');
    const t = load(text);
    expect(t.problems).toEqual([]);
    const sg = resource(t, 'Sg');
    expect(toJSON(sg.properties['SecurityGroupIngress']!)).toEqual([
      { IpProtocol: 'tcp', FromPort: 443, ToPort: 443, CidrIp: '0.0.0.0/0' },
      { Description: 'admin', CidrIp: '10.0.0.0/8' },
      { FromPort: 22, ToPort: 22, IpProtocol: 'tcp', CidrIp: '0.0.0.0/0' },
      { Description: 'admin', CidrIp: '10.0.0.0/8', IpProtocol: 'tcp', FromPort: 443, ToPort: 443 },
      { '<<': 'kept' },
    ]);
    expect(where(sg, 'SecurityGroupIngress[2].CidrIp')).toBe(`7:${text.split('\n')[6]!.indexOf('CidrIp') + 1}-7:${text.split('\n')[6]!.indexOf(' }') + 1}`);
  });
});
