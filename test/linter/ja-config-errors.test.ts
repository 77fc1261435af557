/**
 * Problems of gridfence.yaml and of reading the inputs in Japanese reports: each case makes the run
 * raise the problem, so that a pattern that no longer matches its English fails here.
 */
import { describe, expect, it } from 'vitest';
import { problemsInBothLanguages } from '../support/ja-problems.js';

const VPC = 'resource "aws_vpc" "a" {\n  cidr_block = "10.0.0.0/16"\n  tags       = { gridfence-zone = "core" }\n}\n';

const problemsOf = problemsInBothLanguages;

const config = (yaml: string) => problemsOf({ 'main.tf': VPC, 'gridfence.yaml': yaml }).map((p) => p.ja);

describe('Japanese for configuration and input problems', () => {
  it.each([
    ['an unknown key with a near one', 'version: 1\nzones:\n  core: { role: internal }\nexternal: {}\n', '/ に不明なキー "external" があります（"externals" のことですか？）'],
    ['a missing key', 'zones:\n  core: { role: internal }\n', '/ に必須のキー "version" がありません'],
    ['a value of the wrong kind', 'version: 1\nzones:\n  core: { role: internal, match: { cidrs: 10 } }\n', '/zones/core/match/cidrs はリストである必要がありますが、10 です'],
    ['a value not among those allowed', 'version: 1\nzones:\n  core: { role: internall }\n', '/zones/core/role の "internall" は dispatch-link, buffer, internal, management, der-ingress, partner-ingress のいずれでもありません（"internal" のことですか？）'],
    ['a version written as text', 'version: "1"\nzones:\n  core: { role: internal }\n', '/version が文字列の "1" です。数値で version: 1 と書いてください'],
    ['a bad prefix', 'version: 1\nzones:\n  core: { role: internal, match: { cidrs: ["10.0.0.1"] } }\n', '/zones/core/match/cidrs/0 の "10.0.0.1" は有効な CIDR プレフィックスではありません（単一のアドレスは "10.0.0.1/32" のように長さを付けて書きます）'],
    ['a name both zone and external', 'version: 1\nzones:\n  core: { role: internal }\nexternals:\n  core: { role: partner, cidrs: ["192.0.2.0/24"], attestation: { confirmed: 2026-01-01, expires: 2027-01-01 } }\n', '"core" がゾーンと接続先ネットワークの両方に宣言されています。ネットワークは自組織のものか外部のものかのどちらかです'],
  ])('%s', (_, yaml, ja) => {
    expect(config(yaml)).toContain(ja);
  });

  it('a missing input path', () => {
    const problems = problemsOf({ 'main.tf': VPC }, ['nowhere']);
    expect(problems.map((p) => p.ja)).toEqual([expect.stringMatching(/^ファイルまたはフォルダーがありません: .*nowhere$/)]);
  });

  it('a folder with nothing gridfence reads', () => {
    const problems = problemsOf({ 'notes.txt': 'nothing here\n' });
    expect(problems.map((p) => p.ja)).toEqual([
      '. の下に gridfence が読む入力がありません: Terraform（.tf、.tf.json）、plan（terraform show -json）、CloudFormation テンプレート、cdk.out フォルダー、iptables・nftables のルールセット',
    ]);
  });

  it('a resource two zones select', () => {
    const yaml = 'version: 1\nzones:\n  core: { role: internal }\n  ops: { role: management, match: { addresses: ["aws_vpc.*"] } }\n';
    expect(config(yaml)).toEqual(['aws_vpc.a はゾーン "core"・"ops" に選ばれています。リソースが属するゾーンは一つだけです。選択条件を絞ってください']);
  });

  it('every problem of these runs reads in Japanese', () => {
    const yaml = 'version: 1\nzones:\n  core: { role: internall, match: { cidrs: 10 } }\nexternal: {}\n';
    for (const p of problemsOf({ 'main.tf': VPC, 'gridfence.yaml': yaml })) expect(p.ja, p.en).not.toBe(p.en);
  });
});
