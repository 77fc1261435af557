/**
 * A CloudFormation template's problems in Japanese reports: each case makes the loader raise the
 * problem, so that a pattern that no longer matches its English fails here.
 */
import { describe, expect, it } from 'vitest';
import { problemsInBothLanguages } from '../support/ja-problems.js';

const problemsOf = (template: string) => problemsInBothLanguages({ 'template.yaml': template });

const vpc = (cidr: string, more = '') => `Resources:\n  V:\n    Type: AWS::EC2::VPC\n${more}    Properties:\n      CidrBlock: ${cidr}\n`;

describe('Japanese for CloudFormation problems', () => {
  it.each([
    ['a Ref to nothing', vpc('!Ref Nope'), '"Nope" への Ref ですが、テンプレートのパラメーターでもリソースでもありません'],
    ['a GetAtt of nothing', vpc('!GetAtt X.CidrBlock'), '"X" の Fn::GetAtt ですが、テンプレートのリソースではありません'],
    ['a condition not defined', vpc('10.0.0.0/16', '    Condition: Nope\n'), '条件 "Nope" は Conditions で定義されていません'],
    ['an index out of range', vpc('!Select [5, [a, b]]'), 'Fn::Select のインデックス 5 は、要素数 2 のリストの範囲外です'],
    ['a mapping not there', vpc('!FindInMap [M, a, b]'), 'Fn::FindInMap: M/a/b はテンプレートの Mappings にありません'],
    ['a Join of the wrong shape', vpc('!Join x'), 'Fn::Join の引数は [Delimiter, [Values]] の形です'],
    ['a Base64 of no string', vpc('!Base64 [a]'), 'Fn::Base64 の引数は文字列です'],
    ['a Cidr count out of range', vpc('!Select [0, !Cidr [10.0.0.0/16, 300, 8]]'), 'Fn::Cidr の個数は 1 から 256 の整数である必要があります'],
    ['a resource without Type', vpc('10.0.0.0/16') + '  W:\n    Properties: {}\n', 'リソース W に Type がありません'],
    ['Properties that are no mapping', 'Resources:\n  V:\n    Type: AWS::EC2::VPC\n    Properties: 5\n', 'V の Properties はマッピングである必要があります'],
    ['a list written as text', 'Resources:\n  I:\n    Type: AWS::EC2::Instance\n    Properties:\n      SecurityGroupIds: sg-1\n', 'I の SecurityGroupIds がリストではなくテキスト "sg-1"です。CloudFormation はデプロイ時にこのリソースを拒否するため、設定内容はわかりません'],
    ['a mapping written as a list', 'Resources:\n  I:\n    Type: AWS::EC2::Instance\n    Properties:\n      MetadataOptions: [a]\n', 'I の MetadataOptions がマッピングではなくリストです。CloudFormation はデプロイ時にこのリソースを拒否するため、設定内容はわかりません'],
    ['a list entry of the wrong kind', 'Resources:\n  I:\n    Type: AWS::EC2::Instance\n    Properties:\n      Tags: [5]\n', 'I の Tags の要素 0 が数値 5です（各要素はマッピングである必要があります）。CloudFormation はデプロイ時にこのリソースを拒否するため、設定内容はわかりません'],
    ['a key written twice', 'Resources:\n  V:\n    Type: AWS::EC2::VPC\n    Properties:\n      CidrBlock: 10.0.0.0/16\n      CidrBlock: 10.1.0.0/16\n', 'キー Resources.V.Properties.CidrBlock が二度書かれています。CloudFormation がどちらを使うかは確かではありません'],
  ])('%s', (_, template, ja) => {
    const problems = problemsOf(template);
    expect(problems.map((p) => p.ja)).toContain(ja);
    for (const p of problems) expect(p.ja, p.en).not.toBe(p.en);
  });
});
