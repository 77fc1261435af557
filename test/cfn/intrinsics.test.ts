/**
 * Intrinsic functions, parameters, pseudo parameters and conditions: known values computed, the
 * rest Unknown with the reason and the resource it comes from; malformed or unknown references are
 * located errors, unsupported intrinsics warnings, and nothing throws.
 */
import { describe, expect, it } from 'vitest';
import { Unknown } from '../../src/model/value.js';
import { load, problemsAt, props, resource, where } from './helpers.js';

const PARAMS = `Parameters:
  Cidr:
    Type: String
    Default: 10.1.0.0/16
  NoDefault:
    Type: String
  Zones:
    Type: CommaDelimitedList
    Default: "a, b,c"
  Ids:
    Type: List<AWS::EC2::Subnet::Id>
    Default: subnet-1,subnet-2
  Port:
    Type: Number
    Default: 443
  Ami:
    Type: AWS::SSM::Parameter::Value<AWS::EC2::Image::Id>
    Default: /aws/service/ami
Mappings:
  Net:
    prod:
      Cidr: 10.9.0.0/16
      Zones: [x, y]
Conditions:
  Same: !Equals [a, a]
  Differ: !Equals [!Ref Cidr, 10.0.0.0/8]
  Maybe: !Equals [!Ref 'AWS::Region', eu-west-1]
  NotDiffer: !Not [!Condition Differ]
  Both: !And [!Condition Same, !Condition Maybe]
  Either: !Or [!Condition Same, !Condition Maybe]
  AllFalse: !And [!Condition Differ, !Condition Maybe]`;

const unknown = (v: unknown): Unknown => {
  expect(v).toBeInstanceOf(Unknown);
  return v as Unknown;
};

describe('parameters', () => {
  it('reads defaults, lets given values override them, and leaves a parameter without either Unknown', () => {
    const { raw, load: l } = props(PARAMS, 'A: !Ref Cidr\nB: !Ref NoDefault\nC: !Ref Zones\nD: !Ref Ids\nE: !Ref Port\nF: !Ref Ami');
    expect(raw.A).toBe('10.1.0.0/16');
    expect(unknown(raw.B).reason).toBe('parameter NoDefault has no value');
    expect(raw.C).toEqual(['a', 'b', 'c']);
    expect(raw.D).toEqual(['subnet-1', 'subnet-2']);
    expect(raw.E).toBe('443');
    expect(unknown(raw.F).reason).toMatch(/Systems Manager/);
    expect(l.problems).toEqual([]);
    const o = props(PARAMS, 'A: !Ref Cidr\nB: !Ref NoDefault\nC: !Ref Zones', { Cidr: '172.16.0.0/12', NoDefault: 'x', Zones: 'q' }).raw;
    expect([o.A, o.B, o.C]).toEqual(['172.16.0.0/12', 'x', ['q']]);
  });

  it('an SSM-typed parameter given a value (by --cfn-param or a parent stack) takes it as the Systems Manager name: the value stays Unknown', () => {
    const head = PARAMS.replace('Mappings:', '  Env:\n    Type: AWS::SSM::Parameter::Value<String>\n  Envs:\n    Type: AWS::SSM::Parameter::Value<List<String>>\nMappings:');
    const { raw, load: l } = props(head, 'F: !Ref Ami\nG: !Ref Env\nH: !Ref Envs', { Ami: 'ami-1', Env: '/app/env' });
    expect(unknown(raw.F).reason).toBe('parameter Ami is read from Systems Manager at deployment');
    expect(unknown(raw.G).reason).toBe('parameter Env is read from Systems Manager at deployment');
    // Neither given nor defaulted: no name to read, as for any parameter without a value.
    expect(unknown(raw.H).reason).toBe('parameter Envs has no value');
    expect(l.problems).toEqual([]);
  });

  it('reports a Ref to nothing at its place', () => {
    const { raw, load: l } = props('', 'A: !Ref Missing');
    expect(unknown(raw.A)).toBeTruthy();
    expect(problemsAt(l)).toEqual(['error 10:10 Ref to "Missing", which is neither a parameter nor a resource of the template']);
  });

  it('finds the places of properties when asked, evaluating again without reporting a problem twice', () => {
    const { load: l } = props('', 'A: !Ref Missing\nB: [x, !Sub "${Missing2}"]');
    expect(l.problems).toHaveLength(2);
    const r = resource(l, 'R');
    expect([where(r, 'A'), where(r, 'B[1]')]).toEqual(['10:7-10:22', '11:14-11:32']);
    expect([...r.sources.keys()]).toEqual(['A', 'B', 'B[0]', 'B[1]']);
    expect(l.problems).toHaveLength(2);
  });
});

describe('pseudo parameters', () => {
  it('knows the partition and URL suffix, not the region or account unless given', () => {
    const body = 'P: !Ref AWS::Partition\nU: !Ref AWS::URLSuffix\nR: !Ref AWS::Region\nA: !Ref AWS::AccountId\nS: !Ref AWS::StackName\nI: !Ref AWS::StackId\nN: !Ref AWS::NotificationARNs';
    const { raw } = props('', body);
    expect([raw.P, raw.U]).toEqual(['aws', 'amazonaws.com']);
    for (const k of ['R', 'A', 'S', 'I', 'N']) expect(unknown(raw[k]).reason).toMatch(/known only at deployment/);
    expect(props('', body, { 'AWS::Region': 'ap-northeast-1' }).raw.R).toBe('ap-northeast-1');
  });

  it('AWS::NoValue removes the property or the list element', () => {
    const { values, load: l } = props(PARAMS, 'A: !Ref AWS::NoValue\nB: [1, !Ref AWS::NoValue, 3]\nC: !If [Same, !Ref AWS::NoValue, x]\nD:\n  - !If [Differ, x, !Ref AWS::NoValue]\n  - k: !Ref AWS::NoValue\n    j: 1');
    expect(values).toEqual({ B: [1, 3], D: [{ j: 1 }] });
    const r = resource(l, 'R');
    expect([...r.sources.keys()]).toEqual(['B', 'B[0]', 'B[1]', 'D', 'D[0]', 'D[0].j']);
  });
});

describe('references to resources', () => {
  it('Ref and attributes not written in the template are known only after deployment, naming the resource', () => {
    const { raw, load: l } = props('', 'A: !Ref Other\nB: !GetAtt Other.VpcId\nC: !GetAtt [Other, DefaultSecurityGroup]\nD:\n  Fn::GetAtt: [Other, CidrBlock]\nE: !GetAtt Other.CidrBlock');
    const a = unknown(raw.A);
    expect([a.reason, a.ref]).toEqual(['Other is known only after deployment', 'Other']);
    expect(unknown(raw.B).ref).toBe('Other');
    expect(unknown(raw.C).reason).toBe('Other.DefaultSecurityGroup is known only after deployment');
    expect([raw.D, raw.E]).toEqual(['10.0.0.0/16', '10.0.0.0/16']);
    expect(l.problems).toEqual([]);
  });

  it('a GetAtt of a resource that does not exist is a located error', () => {
    const { raw, load: l } = props('', 'A: !GetAtt Nope.Id\nB: !GetAtt [Other]');
    expect(raw.A).toBeInstanceOf(Unknown);
    expect(raw.B).toBeInstanceOf(Unknown);
    expect(problemsAt(l)).toEqual([
      'error 10:10 Fn::GetAtt of "Nope", which is not a resource of the template',
      'error 11:10 Fn::GetAtt takes [LogicalId, Attribute] or "LogicalId.Attribute"',
    ]);
  });

  it('Fn::ImportValue is exported by another stack', () => {
    const { raw } = props('', 'A: !ImportValue shared-vpc-id\nB:\n  Fn::ImportValue: !Sub "${AWS::StackName}-x"');
    expect(unknown(raw.A).reason).toBe('shared-vpc-id is exported by another stack');
    expect(unknown(raw.B).reason).toMatch(/exported by another stack/);
  });
});

describe('string and list functions', () => {
  it('Fn::Sub with parameters, variables, escapes, resources and attributes', () => {
    const body = [
      'A: !Sub "${Cidr}-${AWS::Partition}"',
      'B: !Sub ["${x}/${Port}", {x: !Select [1, !Ref Zones]}]',
      'C: !Sub "${!Literal} ${Cidr}"',
      'D: !Sub "arn:${AWS::Partition}:ec2:::vpc/${Other}"',
      'E: !Sub "${Other.CidrBlock}"',
      'F:',
      '  Fn::Sub: "${AWS::Region}-${Other.Id}"',
    ].join('\n');
    const { raw, load: l } = props(PARAMS, body);
    expect([raw.A, raw.B, raw.C, raw.E]).toEqual(['10.1.0.0/16-aws', 'b/443', '${Literal} 10.1.0.0/16', '10.0.0.0/16']);
    const d = unknown(raw.D);
    expect([d.reason, d.ref]).toEqual(['Other is known only after deployment', 'Other']);
    expect(unknown(raw.F).ref).toBe('Other');
    expect(l.problems).toEqual([]);
  });

  it('Fn::Join, Fn::Select, Fn::Split, Fn::Base64, Fn::FindInMap', () => {
    const body = [
      'A: !Join [":", [a, !Ref Cidr, 3]]',
      'B: !Select ["1", [x, y, z]]',
      'C: !Split [",", "p,q"]',
      'D: !Base64 hello',
      'E: !FindInMap [Net, prod, Cidr]',
      'F: !Select [1, !FindInMap [Net, prod, Zones]]',
      'G: !Join ["", [a, !Ref Other]]',
      'H: !Join [",", !Ref Zones]',
    ].join('\n');
    const { raw, load: l } = props(PARAMS, body);
    expect([raw.A, raw.B, raw.C, raw.D, raw.E, raw.F, raw.H]).toEqual(['a:10.1.0.0/16:3', 'y', ['p', 'q'], 'aGVsbG8=', '10.9.0.0/16', 'y', 'a,b,c']);
    expect(unknown(raw.G).ref).toBe('Other');
    expect(l.problems).toEqual([]);
  });

  it('Fn::FindInMap with a missing key and Fn::Select out of range are located errors', () => {
    const { raw, load: l } = props(PARAMS, 'A: !FindInMap [Net, dev, Cidr]\nB: !Select [5, [a]]');
    expect(raw.A).toBeInstanceOf(Unknown);
    expect(raw.B).toBeInstanceOf(Unknown);
    expect(problemsAt(l)).toEqual([
      "error 40:10 Fn::FindInMap: Net/dev/Cidr is not in the template's Mappings",
      'error 41:10 Fn::Select index 5 is out of range for a list of 1',
    ]);
  });

  it('Fn::Cidr computes equal subnets; a block too small is an error', () => {
    const { raw, load: l } = props(PARAMS, 'A: !Cidr [!Ref Cidr, 3, 8]\nB: !Cidr ["2001:db8::/56", 2, 64]\nC: !Cidr [10.0.0.0/24, 4, 8]\nD: !Cidr [!GetAtt Other.Ipv6, 2, 8]');
    expect(raw.A).toEqual(['10.1.0.0/24', '10.1.1.0/24', '10.1.2.0/24']);
    expect(raw.B).toEqual(['2001:db8::/64', '2001:db8:0:1::/64']);
    expect(raw.C).toBeInstanceOf(Unknown);
    expect(unknown(raw.D).ref).toBe('Other');
    expect(problemsAt(l)).toEqual(['error 42:10 10.0.0.0/24 has no room for 4 subnets of 8 host bits']);
  });

  it('Fn::GetAZs is an Unknown list, and what is selected from it Unknown', () => {
    const { raw } = props('', "A: !GetAZs ''\nB: !Select [0, !GetAZs '']\nC: !Join [',', !GetAZs '']");
    for (const k of ['A', 'B', 'C']) expect(unknown(raw[k]).reason).toMatch(/Availability Zones/);
  });
});

describe('dynamic references', () => {
  it('text holding {{resolve:…}} is replaced at deployment: Unknown, written whole or built with Fn::Sub or Fn::Join', () => {
    const { raw, load: l } = props(PARAMS, "A: '{{resolve:ssm:/net/admin-cidr}}'\nB: !Sub '{{resolve:ssm:/${Cidr}/x}}'\nC: !Join ['', ['{{resolve:secretsmanager:', !Ref Cidr, '}}']]\nD: 'plain {{text}}'");
    expect(unknown(raw.A).reason).toBe('{{resolve:ssm:/net/admin-cidr}} is a dynamic reference, resolved at deployment');
    expect(unknown(raw.B).reason).toMatch(/is a dynamic reference, resolved at deployment$/);
    expect(unknown(raw.C).reason).toMatch(/is a dynamic reference, resolved at deployment$/);
    expect(raw.D).toBe('plain {{text}}');
    expect(l.problems).toEqual([]);
    // A parameter whose default or given value holds one is replaced alike where a Ref puts it.
    const given = props(PARAMS, 'A: !Ref Cidr\nB: !Sub "${Cidr}"', { Cidr: '{{resolve:ssm:/net/admin-cidr}}' }).raw;
    expect(unknown(given.A).reason).toBe('{{resolve:ssm:/net/admin-cidr}} is a dynamic reference, resolved at deployment');
    expect(unknown(given.B).reason).toMatch(/is a dynamic reference, resolved at deployment$/);
  });
});

describe('conditions', () => {
  it('evaluates Equals, Not, And, Or and Condition to true, false or unknown; Fn::If picks or is Unknown', () => {
    const body = ['Y: !If [Same, 1, 2]', 'N: !If [Differ, 1, 2]', 'M: !If [Maybe, 1, 2]', 'NN: !If [NotDiffer, 1, 2]', 'B: !If [Both, 1, 2]', 'E: !If [Either, 1, 2]', 'F: !If [AllFalse, 1, 2]'].join('\n');
    const { raw, load: l } = props(PARAMS, body);
    expect([raw.Y, raw.N, raw.NN, raw.E, raw.F]).toEqual([1, 2, 1, 1, 2]);
    expect(unknown(raw.M).reason).toBe('AWS::Region is known only at deployment');
    expect(raw.B).toBeInstanceOf(Unknown);
    expect(l.problems).toEqual([]);
    expect(props(PARAMS, 'M: !If [Maybe, 1, 2]', { 'AWS::Region': 'eu-west-1' }).raw.M).toBe(1);
  });

  it('a resource whose condition is false is absent; unknown keeps it with `condition`', () => {
    const text = `${PARAMS}
Resources:
  Always:
    Type: AWS::EC2::VPC
  Never:
    Type: AWS::EC2::VPC
    Condition: Differ
  Perhaps:
    Type: AWS::EC2::VPC
    Condition: Maybe
  Bad:
    Type: AWS::EC2::VPC
    Condition: Undefined
`;
    const l = load(text);
    expect(l.resources.map((r) => r.logicalId)).toEqual(['Always', 'Perhaps', 'Bad']);
    expect(resource(l, 'Always').condition).toBeUndefined();
    expect(resource(l, 'Perhaps').condition?.reason).toBe('AWS::Region is known only at deployment');
    expect(resource(l, 'Bad').condition).toBeInstanceOf(Unknown);
    expect(problemsAt(l)).toEqual(['error 43:16 The condition "Undefined" is not defined in Conditions']);
  });

  it('a condition that depends on itself is an error, not a loop', () => {
    const l = load('Conditions:\n  A: !Condition B\n  B: !Not [!Condition A]\nResources:\n  V:\n    Type: AWS::EC2::VPC\n    Condition: A\n');
    expect(resource(l, 'V').condition).toBeInstanceOf(Unknown);
    expect(l.problems.map((p) => p.message)).toEqual(['The condition "A" depends on itself']);
  });
});

describe('failing closed', () => {
  it('malformed intrinsics are located errors with Unknown values', () => {
    const { raw, load: l } = props('', 'A: !Join [","]\nB: !If [x]\nC: !Select [a, [1]]\nD: !Split ["", x]\nE: !Cidr [nope, 2, 8]\nF: {Ref: [1]}');
    for (const k of ['A', 'B', 'C', 'D', 'E', 'F']) expect(raw[k]).toBeInstanceOf(Unknown);
    expect(l.problems.map((p) => `${p.severity} ${p.location?.line}`)).toEqual(['error 10', 'error 11', 'error 12', 'error 13', 'error 14', 'error 15']);
  });

  it('unsupported intrinsics and unknown tags are warnings with Unknown values', () => {
    const { raw, load: l } = props('', 'A: !Length [1, 2]\nB: !Foo bar\nC:\n  Fn::ToJsonString: {a: 1}');
    for (const k of ['A', 'B', 'C']) expect(raw[k]).toBeInstanceOf(Unknown);
    expect(problemsAt(l)).toEqual([
      'warning 10:10 The intrinsic function Fn::Length is not supported; its value is taken as unknown',
      'warning 11:10 The tag !Foo is not supported; its value is taken as unknown',
      'warning 13:9 The intrinsic function Fn::ToJsonString is not supported; its value is taken as unknown',
    ]);
  });

  it('structural problems are collected and the rest of the template is read', () => {
    const l = load('Resources:\n  A: 3\n  B:\n    Properties: {}\n  C:\n    Type: AWS::EC2::VPC\n    Properties: [1]\n  D:\n    Type: AWS::EC2::VPC\n');
    expect(l.resources.map((r) => r.logicalId)).toEqual(['C', 'D']);
    expect(problemsAt(l)).toEqual(['error 2:3 The resource A must be a mapping', 'error 3:3 The resource B has no Type', 'error 7:17 The Properties of C must be a mapping']);
    expect(problemsAt(load('AWSTemplateFormatVersion: "2010-09-09"\n'))).toEqual(['error 1:1 The template has no Resources mapping']);
  });
});

describe('short and long forms', () => {
  const short = `Parameters:
  P: {Type: String, Default: "10.0.0.0/16"}
Conditions:
  C: !Not [!Equals [!Ref P, x]]
Resources:
  V:
    Type: AWS::EC2::VPC
    Properties:
      CidrBlock: !Ref P
  R:
    Type: AWS::EC2::Subnet
    Properties:
      A: !Sub "\${P}"
      B: !GetAtt V.CidrBlock
      C: !Join [",", !Split ["/", !Ref P]]
      D: !Select [0, !Cidr [!Ref P, 2, 8]]
      E: !If [C, !Base64 x, y]
      F: !Ref V
`;
  const long = `Parameters:
  P: {Type: String, Default: "10.0.0.0/16"}
Conditions:
  C: {"Fn::Not": [{"Fn::Equals": [{Ref: P}, x]}]}
Resources:
  V:
    Type: AWS::EC2::VPC
    Properties:
      CidrBlock: {Ref: P}
  R:
    Type: AWS::EC2::Subnet
    Properties:
      A: {"Fn::Sub": "\${P}"}
      B: {"Fn::GetAtt": [V, CidrBlock]}
      C: {"Fn::Join": [",", {"Fn::Split": ["/", {Ref: P}]}]}
      D: {"Fn::Select": [0, {"Fn::Cidr": [{Ref: P}, 2, 8]}]}
      E: {"Fn::If": [C, {"Fn::Base64": x}, y]}
      F: {Ref: V}
`;
  it('give the same values in YAML and in JSON', () => {
    const expected = { A: '10.0.0.0/16', B: '10.0.0.0/16', C: '10.0.0.0,16', D: '10.0.0.0/24', E: 'eA==', F: { $unknown: 'V is known only after deployment' } };
    const json = JSON.stringify({
      Parameters: { P: { Type: 'String', Default: '10.0.0.0/16' } },
      Conditions: { C: { 'Fn::Not': [{ 'Fn::Equals': [{ Ref: 'P' }, 'x'] }] } },
      Resources: {
        V: { Type: 'AWS::EC2::VPC', Properties: { CidrBlock: { Ref: 'P' } } },
        R: {
          Type: 'AWS::EC2::Subnet',
          Properties: {
            A: { 'Fn::Sub': '${P}' },
            B: { 'Fn::GetAtt': ['V', 'CidrBlock'] },
            C: { 'Fn::Join': [',', { 'Fn::Split': ['/', { Ref: 'P' }] }] },
            D: { 'Fn::Select': [0, { 'Fn::Cidr': [{ Ref: 'P' }, 2, 8] }] },
            E: { 'Fn::If': ['C', { 'Fn::Base64': 'x' }, 'y'] },
            F: { Ref: 'V' },
          },
        },
      },
    });
    for (const [text, path] of [[short, 't.yaml'], [long, 't.yaml'], [json, 't.json']] as const) {
      const l = load(text, {}, path);
      expect(l.problems).toEqual([]);
      expect(JSON.parse(JSON.stringify(resource(l, 'R').properties))).toEqual(expected);
    }
  });
});
