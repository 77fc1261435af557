import { describe, expect, it } from 'vitest';
import { translate } from '../../src/loaders/cfn/translate.js';
import { Unknown } from '../../src/model/value.js';
import { load, problemsAt, resource } from './helpers.js';

const template = (resources: string): string => `AWSTemplateFormatVersion: '2010-09-09'\nResources:\n${resources}`;

describe('properties of the wrong kind', () => {
  it('a list written as text or as a mapping is an error at the property, and the value is not known', () => {
    const t = load(
      template(`  Web:
    Type: AWS::EC2::Instance
    Properties:
      SubnetId: subnet-1
      SecurityGroupIds: sg-1
      Tags:
        gridfence-zone: dispatch
`),
    );
    expect(problemsAt(t)).toEqual([
      'error 7:7 SecurityGroupIds of Web is the text "sg-1", not a list: CloudFormation refuses the resource at deploy, so what it sets cannot be known',
      'error 8:7 Tags of Web is a mapping, not a list: CloudFormation refuses the resource at deploy, so what it sets cannot be known',
    ]);
    const [m] = translate([resource(t, 'Web')]);
    // Never no groups (the VPC's default group) nor no tags (no zone): not known.
    expect(m!.attributes['vpc_security_group_ids']).toBeInstanceOf(Unknown);
    expect((m!.attributes['vpc_security_group_ids'] as Unknown).reason).toBe('SecurityGroupIds of Web is the text "sg-1", not a list');
    expect(m!.attributes['tags']).toBeInstanceOf(Unknown);
  });

  it('an entry of the wrong kind is an error at the entry: a mapping among ids, text among tags', () => {
    const t = load(
      template(`  Lb:
    Type: AWS::ElasticLoadBalancingV2::LoadBalancer
    Properties:
      Subnets: [subnet-1, {Name: b}]
      Tags:
        - Key: gridfence-zone
          Value: buffer
        - zone
`),
    );
    expect(problemsAt(t)).toEqual([
      'error 6:27 Subnets of Lb has a mapping in entry 1, where each entry is one value: CloudFormation refuses the resource at deploy, so what it sets cannot be known',
      'error 10:11 Tags of Lb has the text "zone" in entry 1, where each entry is a mapping: CloudFormation refuses the resource at deploy, so what it sets cannot be known',
    ]);
    expect(resource(t, 'Lb').properties['Tags']).toBeInstanceOf(Unknown);
  });

  it('a mapping written as a list, and nested paths: under a mapping and in each entry of a list', () => {
    const t = load(
      template(`  Fn:
    Type: AWS::Lambda::Function
    Properties:
      VpcConfig:
        SubnetIds: subnet-1
        SecurityGroupIds: [sg-1]
  Tpl:
    Type: AWS::EC2::LaunchTemplate
    Properties:
      LaunchTemplateData:
        MetadataOptions: [required]
        NetworkInterfaces:
          - DeviceIndex: 0
            Groups: [sg-1]
          - DeviceIndex: 1
            Groups: sg-2
`),
    );
    const lines = problemsAt(t).map((p) => p.split(' ').slice(0, 3).join(' '));
    expect(lines).toEqual([
      'error 7:9 VpcConfig.SubnetIds',
      'error 18:13 LaunchTemplateData.NetworkInterfaces[1].Groups',
      'error 13:9 LaunchTemplateData.MetadataOptions',
    ]);
  });

  it('a nested value built by an intrinsic is placed at the intrinsic; a resource that may not exist gets a warning', () => {
    const t = load(`AWSTemplateFormatVersion: '2010-09-09'
Parameters:
  Region:
    Type: String
Conditions:
  C: !Equals [a, a]
  East: !Equals [!Ref Region, us-east-1]
Resources:
  S:
    Type: AWS::ECS::Service
    Properties:
      NetworkConfiguration: !If [C, {AwsvpcConfiguration: {Subnets: subnet-1}}, !Ref AWS::NoValue]
  Maybe:
    Type: AWS::EC2::Instance
    Condition: East
    Properties:
      SecurityGroupIds: sg-1
`);
    expect(problemsAt(t)).toEqual([
      'error 12:29 NetworkConfiguration.AwsvpcConfiguration.Subnets of S is the text "subnet-1", not a list: CloudFormation refuses the resource at deploy, so what it sets cannot be known',
      'warning 17:7 SecurityGroupIds of Maybe is the text "sg-1", not a list: CloudFormation refuses the resource at deploy, so what it sets cannot be known',
    ]);
  });

  it('right kinds, values not known before deployment and parameters of list type pass, in every resource that uses them', () => {
    const t = load(`AWSTemplateFormatVersion: '2010-09-09'
Parameters:
  Groups:
    Type: List<AWS::EC2::SecurityGroup::Id>
    Default: sg-1,sg-2
  Region:
    Type: String
Conditions:
  East: !Equals [!Ref Region, us-east-1]
Resources:
  A:
    Type: AWS::EC2::Instance
    Properties:
      SecurityGroupIds: !Ref Groups
      Tags: !If [East, [{Key: a, Value: b}], !Ref AWS::NoValue]
  B:
    Type: AWS::EC2::NetworkInterface
    Properties:
      SubnetId: subnet-1
      GroupSet: !Ref Groups
`);
    expect(problemsAt(t)).toEqual([]);
    expect(resource(t, 'A').properties['SecurityGroupIds']).toEqual(['sg-1', 'sg-2']);
    expect(resource(t, 'B').properties['GroupSet']).toEqual(['sg-1', 'sg-2']);
  });
});
