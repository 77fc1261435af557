/**
 * With --lang ja, the input problems a run reports most are Japanese too: modules and nested
 * stacks not fetched, what the graph does not follow, parts of rulesets not read. Their codes,
 * which tools read, stay as they are; messages gridfence has no Japanese for stay English.
 */
import { describe, expect, it } from 'vitest';
import { lint } from '../../src/linter/lint.js';
import { jaProblemMessage } from '../../src/linter/ja-problems.js';
import { repoRoot, writeTree } from '../support/files.js';

const JAPANESE = /[\u3040-\u30ff\u4e00-\u9fff]/;

function problems(paths: string[], cwd: string, lang: 'en' | 'ja') {
  return lint({ paths, cwd, vars: [], varFiles: [], lang, only: [] }).errors.map((p) => ({ code: p.code, severity: p.severity, line: p.location?.line, message: p.message }));
}

describe('input problems in Japanese', () => {
  it('modules not fetched, and installed copies Terraform would not use, in the words of each case', () => {
    const ja = problems(['fixtures/terraform/installed-modules'], repoRoot, 'ja').filter((p) => p.code === 'tf-remote-module');
    expect(ja.map((p) => `${p.line} ${p.message}`)).toEqual([
      '13 モジュール "relay" は "git::https://git.example.com/platform/relay.git?ref=v2.0.0" のもので、gridfence は取得しません。terraform init が取得したコピーも Terraform が使うものではありません（terraform init は "git::https://git.example.com/platform/relay.git?ref=v2.0.0" ではなく "git::https://git.example.com/platform/relay.git?ref=v1.4.0" から取得しました。terraform init を再実行するまで Terraform は plan を拒否します）。そのリソースは分析されず、出力は不明です',
      '20 モジュール "legacy" は "terraform-aws-modules/vpc/aws" のもので、gridfence は取得しません。terraform init が取得したコピーも Terraform が使うものではありません（terraform init が取得したバージョン 4.0.1 は制約 ">= 5.0, < 6.0" を満たしません。terraform init を再実行するまで Terraform は plan を拒否します）。そのリソースは分析されず、出力は不明です',
      '29 モジュール "added" は "terraform-aws-modules/security-group/aws" のもので、gridfence は取得しません。そのリソースは分析されず、出力は不明です（terraform init の後は、取得されたコピーを読み込みます）',
    ]);
  });

  it('what the graph does not follow, nested stacks not fetched and ruleset parts not read; the same problems, codes and places as in English', () => {
    const dir = writeTree({
      'main.tf': `resource "aws_vpc" "v" {
  cidr_block                       = "10.0.0.0/16"
  assign_generated_ipv6_cidr_block = true
}
resource "aws_subnet" "s" {
  vpc_id     = aws_vpc.v.id
  cidr_block = "10.0.1.0/24"
}
resource "aws_autoscaling_group" "g" {
  max_size            = 1
  min_size            = 1
  vpc_zone_identifier = [aws_subnet.s.id]
}
resource "aws_vpc_endpoint" "e" {
  vpc_id            = aws_vpc.v.id
  service_name      = "com.amazonaws.ap-northeast-1.ssm"
  vpc_endpoint_type = "Interface"
}
resource "aws_instance" "far" {
  ami       = "ami-0123456789abcdef0"
  subnet_id = "subnet-0123456789abcdef0"
}
`,
      'gw1.rules': '*filter\n:INPUT DROP [0:0]\n:FORWARD DROP [0:0]\n:OUTPUT ACCEPT [0:0]\n-A INPUT -p tcp --dport 22 -j AUDIT_LOG\n-A INPUT -s ! 10.0.0.1 -j ACCEPT\nCOMMIT\n',
      '.git/HEAD': '',
    });
    const en = [...problems([dir], dir, 'en'), ...problems(['fixtures/cfn/nested'], repoRoot, 'en')];
    const ja = [...problems([dir], dir, 'ja'), ...problems(['fixtures/cfn/nested'], repoRoot, 'ja')];
    expect(ja.map(({ code, severity, line }) => ({ code, severity, line }))).toEqual(en.map(({ code, severity, line }) => ({ code, severity, line })));
    expect(en.map((p) => p.code).sort()).toEqual(['cfn-remote-stack', 'iptables-legacy-negation', 'iptables-unknown-target', 'not-modelled', 'not-modelled', 'not-modelled', 'not-modelled']);
    const untranslated = ja.filter((p) => !JAPANESE.test(p.message));
    expect(untranslated).toEqual([]);
    expect(ja.filter((p) => p.code === 'not-modelled').map((p) => p.message).sort()).toEqual([
      'aws_autoscaling_group.g: Auto Scaling グループが起動するインスタンスはグラフのエンドポイントではありません。その送受信の通信は検査されません',
      'aws_instance.far: サブネット subnet-0123456789abcdef0 が構成内にありません。その送受信の通信はどの経路も取りうるものとみなし、それに関する指摘は「可能性あり」になります',
      'aws_vpc.v: IPv6 の範囲は apply 時に割り当てられます。経路では 2001:db8:0:100::/56 がこれを表し、そこから切り出すサブネットの範囲はその /64 が表します',
      'aws_vpc_endpoint.e: インターフェースエンドポイントはグラフのエンドポイントではありません。それを宛先・経由とする通信は検査されません',
    ]);
  });

  it('an error of an iptables ruleset: a MAC address iptables refuses', () => {
    const dir = writeTree({ 'gw1.rules': '*filter\n:INPUT DROP [0:0]\n-A INPUT -m mac --mac-source 00:11:22 -j DROP\nCOMMIT\n' });
    const [en] = problems([dir], dir, 'en');
    const [ja] = problems([dir], dir, 'ja');
    expect(en!.message).toMatch(/is not a MAC address/);
    expect(ja!.message).toBe('"00:11:22" は MAC アドレスではありません（":" で区切った 16 進数 6 バイト）: iptables はこれを拒否します（"Invalid MAC address specified"）');
  });

  it('the warnings of an iptables ruleset, as iptables-save writes it', () => {
    const rules = '*filter\n:INPUT DROP [0:0]\n-A INPUT -m nosuch -j ACCEPT\n-A INPUT -p 300x -j ACCEPT\n-A INPUT -s 10.0.0.1 -j ACCEPT\n-A INPUT -s 2001:db8::1 -j ACCEPT\n-A OUTPUT -j ACCEPT\nCOMMIT\n*weird\n:X - [0:0]\nCOMMIT\n';
    const dir = writeTree({ 'gw1.rules': rules });
    const en = problems([dir], dir, 'en');
    const ja = problems([dir], dir, 'ja');
    expect(ja.map(({ code, line }) => ({ code, line }))).toEqual(en.map(({ code, line }) => ({ code, line })));
    expect(ja.map((p) => p.message).sort()).toEqual([
      'ファイルに IPv4 と IPv6 のアドレスが混在しています。iptables-save はファイルごとに一つのファミリーを書き出します',
      '不明なテーブル weird: そのチェーンはユーザー定義チェーンとして読み込みます',
      '不明なプロトコル "300x": ルールは保持しますが、そのプロトコルはモデル化しません',
      '不明なマッチモジュール nosuch: ルールは保持しますが、その条件はモデル化しません',
      '組み込みチェーン OUTPUT に ":OUTPUT POLICY" の行がありません: ポリシーはカーネルにあったものになるため、ACCEPT として読み込みます',
    ]);
  });

  it('says why an IPv6 range is a stand-in, the reason in Japanese too', () => {
    expect(jaProblemMessage("aws_subnet.b: the IPv6 range of aws_subnet.b is not known before apply (var.range has no value (no default, no tfvars entry, no --var)), and its VPC's range has no /64 left for it: 2001:db8:0:100::/56 stands for it in paths, and a /64 of it for each subnet's range cut from it at apply")).toBe(
      'aws_subnet.b: aws_subnet.b の IPv6 の範囲は apply 前には不明です（var.range に値がありません（default、tfvars の指定、--var のいずれもありません））。VPC の範囲に空いた /64 がありません。経路では 2001:db8:0:100::/56 がこれを表し、そこから切り出すサブネットの範囲はその /64 が表します',
    );
    expect(jaProblemMessage("Vpc6: the IPv6 range it gives Vpc is assigned at apply: 2001:db8:0:100::/56 stands for it in paths, and a /64 of it for each subnet's range cut from it at apply")).toBe(
      'Vpc6: Vpc に与える IPv6 の範囲は apply 時に割り当てられます。経路では 2001:db8:0:100::/56 がこれを表し、そこから切り出すサブネットの範囲はその /64 が表します',
    );
    expect(jaProblemMessage("aws_subnet.a: the IPv6 range of aws_subnet.a is assigned at apply: 2600:1f18:aaaa:bb00::/64, within its VPC's range, stands for it in paths")).toBe(
      'aws_subnet.a: aws_subnet.a の IPv6 の範囲は apply 時に割り当てられます。経路では VPC の範囲内の 2600:1f18:aaaa:bb00::/64 がこれを表します',
    );
  });

  it('says a runaway expansion and problems counted at one place in Japanese', () => {
    expect(jaProblemMessage('module.m[24].aws_subnet.s brings the instances of this run (of resources and module calls) past 1000: count and for_each multiply through module calls, and gridfence stops expanding here rather than exhaust its memory, leaving out what comes after')).toBe(
      'module.m[24].aws_subnet.s でこの実行のインスタンス（リソースとモジュール呼び出し）が 1000 を超えます: count と for_each はモジュール呼び出しを通じて掛け合わされます。gridfence はメモリを使い果たさないようここで展開をやめ、以降は対象外とします',
    );
    expect(jaProblemMessage('5 more like "aws_subnet.s[9]: the IPv6 range of aws_subnet.s[9] is assigned at apply: 2600:1f18:aaaa:bb00::/64, within its VPC\'s range, stands for it in paths" at this place (other instances of the same block) are not listed')).toBe(
      '同じ箇所で「aws_subnet.s[9]: aws_subnet.s[9] の IPv6 の範囲は apply 時に割り当てられます。経路では VPC の範囲内の 2600:1f18:aaaa:bb00::/64 がこれを表します」と同様の問題がほかに 5 件あります（同じブロックの他のインスタンス）。一覧には含めていません',
    );
  });

  it('says a template parameter that sets nothing in Japanese', () => {
    expect(jaProblemMessage('--cfn-param Src, Env: no CloudFormation template is among the inputs, so they set nothing')).toBe('--cfn-param Src, Env: 入力に CloudFormation テンプレートがないため、この指定は何も設定しません');
  });

  it('leaves a message it has no Japanese for as it is', () => {
    expect(jaProblemMessage('Invalid "for" expression: expected ":", found "}"')).toBe('Invalid "for" expression: expected ":", found "}"');
  });
});
