/**
 * Japanese for the input problems a run reports most (what is not analysed, modules and nested
 * stacks not fetched, rulesets' parts not read, the errors of a Terraform configuration or plan, of a
 * CloudFormation template, of gridfence.yaml and of reading the inputs), for reports in Japanese.
 *
 * Contract: as `jaText` (ja-text.ts) — only sentences gridfence writes are rewritten, identifiers
 * inside them (addresses, sources, URLs, names in quotes) pass through untouched, and a message
 * none of whose patterns matches comes back unchanged (in English). A problem's `code` is what
 * tools read; only its `message` is put into Japanese.
 */
import type { InputProblem } from '../model/errors.js';
import { jaText } from './ja-text.js';
import { TERRAFORM_ERRORS } from './ja-terraform-errors.js';
import { applyJaRules, type JaRule } from './ja-rule.js';
import { CONFIG_ERRORS } from './ja-config-errors.js';
import { CFN_ERRORS } from './ja-cfn-errors.js';
import { PLAN_ERRORS } from './ja-plan-errors.js';
import { USAGE_ERRORS } from './ja-usage-errors.js';
import { FIREWALL_ERRORS } from './ja-firewall-errors.js';
import { table } from '../model/table.js';

/** What the graph does not hold, by the English of graph/aws/index.ts (NOT_MODELLED, endpoint kinds). */
const NOT_ENDPOINTS: Record<string, string> = table({
  'the instances an Auto Scaling group launches': 'Auto Scaling グループが起動するインスタンス',
  'the instances a Spot Fleet launches': 'スポットフリートが起動するインスタンス',
  'the instances an EC2 Fleet launches': 'EC2 フリートが起動するインスタンス',
  'the tasks an ECS service runs': 'ECS サービスが実行するタスク',
  'the interfaces of an EKS cluster': 'EKS クラスターのインターフェース',
  'the nodes of an EKS node group': 'EKS ノードグループのノード',
  'ElastiCache nodes': 'ElastiCache ノード',
  'Amazon MQ brokers': 'Amazon MQ ブローカー',
  'MSK brokers': 'MSK ブローカー',
  'OpenSearch domains': 'OpenSearch ドメイン',
  'Elasticsearch domains': 'Elasticsearch ドメイン',
  'Redshift clusters': 'Redshift クラスター',
  'DocumentDB instances': 'DocumentDB インスタンス',
  'Neptune instances': 'Neptune インスタンス',
  'EFS mount targets': 'EFS マウントターゲット',
  'Transfer Family servers': 'Transfer Family サーバー',
  'Route 53 Resolver endpoints': 'Route 53 Resolver エンドポイント',
  'SageMaker notebook instances': 'SageMaker ノートブックインスタンス',
  'EMR clusters': 'EMR クラスター',
  'API Gateway VPC links': 'API Gateway VPC リンク',
});
const ENDPOINT_KINDS = Object.keys(NOT_ENDPOINTS)
  .sort((a, b) => b.length - a.length)
  .map((k) => k.replace(/[.*+?^${}()|[\]\\]/g, '\\$&'))
  .join('|');

const RULES: JaRule[] = [
  // Problems alike at one place, counted (loaders/terraform/load.ts): the one quoted in Japanese too.
  [/^(\d+) more like "(.*)" at this place \(other instances of the same block\) are not listed$/s, (_, n, first) => `同じ箇所で「${jaProblemMessage(first!)}」と同様の問題がほかに ${n} 件あります（同じブロックの他のインスタンス）。一覧には含めていません`],
  // A template parameter given with no template among the inputs (linter/load-templates.ts).
  [/^--cfn-param (.+): no CloudFormation template is among the inputs, so (?:it sets|they set) nothing$/, '--cfn-param $1: 入力に CloudFormation テンプレートがないため、この指定は何も設定しません'],
  // The run's instance budget (loaders/terraform/load.ts).
  [/^(\S+) brings the instances of this run \(of resources and module calls\) past (\d+): count and for_each multiply through module calls, and gridfence stops expanding here rather than exhaust its memory, leaving out what comes after$/, '$1 でこの実行のインスタンス（リソースとモジュール呼び出し）が $2 を超えます: count と for_each はモジュール呼び出しを通じて掛け合わされます。gridfence はメモリを使い果たさないようここで展開をやめ、以降は対象外とします'],
  // Modules and nested stacks that are not read.
  [
    /^Module "([^"]+)" comes from "([^"]+)", which gridfence does not fetch, and the copy terraform init installed is not the one Terraform would use \((.*)\): its resources are not analysed and its outputs are unknown$/,
    (_, m, src, why) => `モジュール "${m}" は "${src}" のもので、gridfence は取得しません。terraform init が取得したコピーも Terraform が使うものではありません（${jaRefusal(why)}）。そのリソースは分析されず、出力は不明です`,
  ],
  [
    /^Module "([^"]+)" comes from "([^"]+)", which gridfence does not fetch: its resources are not analysed and its outputs are unknown \(after terraform init, gridfence reads the installed copy\)$/,
    'モジュール "$1" は "$2" のもので、gridfence は取得しません。そのリソースは分析されず、出力は不明です（terraform init の後は、取得されたコピーを読み込みます）',
  ],
  // Objects removed from the configuration but kept in the cloud (loaders/terraform/load.ts, linter/load-system.ts).
  [/^The removed block keeps (.+) in the cloud \(destroy = false\) but no longer in the configuration: what it allows or changes is not judged$/, 'removed ブロックは $1 をクラウドに残したまま構成から外します（destroy = false）: それが許可・変更する内容は判定しません'],
  [/^The plan forgets (\S+): the object stays in the cloud but leaves Terraform's management, and what it allows or changes is not judged$/, 'プランは $1 を管理対象から外します: オブジェクトはクラウドに残りますが Terraform の管理から外れ、それが許可・変更する内容は判定しません'],
  [/^The nested stack (\S+) comes from (\S+), which gridfence does not fetch: its resources are not analysed$/, 'ネストされたスタック $1 は $2 のもので、gridfence は取得しません。そのリソースは分析されません'],

  // What the graph does not follow (graph/aws/index.ts, outside.ts).
  [
    new RegExp(`^(\\S+): (${ENDPOINT_KINDS}) are not endpoints of the graph: flows to and from them are not checked$`),
    (_, a, what) => `${a}: ${NOT_ENDPOINTS[what]}はグラフのエンドポイントではありません。その送受信の通信は検査されません`,
  ],
  [/^(\S+): Interface endpoints are not endpoints of the graph: flows to and through them are not checked$/, '$1: インターフェースエンドポイントはグラフのエンドポイントではありません。それを宛先・経由とする通信は検査されません'],
  [/^(\S+): the routes a Gateway endpoint adds to its route tables \(to its service's prefix list\) are not followed$/, '$1: ゲートウェイエンドポイントがルートテーブルに加えるルート（サービスのプレフィックスリスト宛て）はたどりません'],
  // graph/aws/unheld-placements.ts: a type the graph does not read that places something in subnets.
  [
    /^(\S+): (\S+) places what it runs in the subnets its (\S+) names, and gridfence does not hold that as an endpoint of the graph: flows to and from it are not checked$/,
    '$1: $2 は $3 で指定したサブネットに実行環境を配置しますが、gridfence はそれをグラフのエンドポイントとして扱いません。その送受信の通信は検査されません',
  ],
  [/^(\S+): a Lambda function in a VPC is not an endpoint of the graph: flows to and from it are not checked$/, '$1: VPC 内の Lambda 関数はグラフのエンドポイントではありません。その送受信の通信は検査されません'],
  // The fixed sentences of graph/aws/index.ts's NOT_MODELLED, one each.
  [/^(\S+): transit gateway Connect attachments are not followed$/, '$1: トランジットゲートウェイの Connect アタッチメントはたどりません'],
  [/^(\S+): Direct Connect is not followed$/, '$1: Direct Connect はたどりません'],
  [
    /^(\S+): Verified Access endpoints are not followed: the users they admit from the internet reach the load balancer or interface they name, and those flows are not checked$/,
    '$1: Verified Access エンドポイントはたどりません。インターネットから受け入れる利用者は指定されたロードバランサーやインターフェースに届き、その通信は検査されません',
  ],
  [/^(\S+): (Azure virtual networks|Google Cloud VPC networks) are not modelled by the path analysis: flows to, from and within them are not checked$/, (_, a, what) => `${a}: ${what === 'Azure virtual networks' ? 'Azure の仮想ネットワーク' : 'Google Cloud の VPC ネットワーク'}は経路分析の対象外です。その送受信と内部の通信は検査されません`],
  [/^(\S+): Client VPN is not followed: the remote users it admits into the VPC are a source the graph does not know$/, '$1: Client VPN はたどりません。VPC に受け入れるリモートユーザーは、グラフが知らない送信元です'],
  [/^(\S+): EC2 Instance Connect endpoints \(SSH and RDP into the VPC\) are not followed$/, '$1: EC2 Instance Connect エンドポイント（VPC への SSH と RDP）はたどりません'],
  [/^(\S+): Lightsail instances live outside the VPCs the graph holds: flows to and from them are not checked$/, '$1: Lightsail インスタンスはグラフが持つ VPC の外にあります。その送受信の通信は検査されません'],
  [
    /^(\S+): Global Accelerator is not followed: the internet reaches the endpoints it names \(internal load balancers and private instances too\) without the VPC's internet gateway, and those flows are not checked$/,
    '$1: Global Accelerator はたどりません。インターネットは VPC のインターネットゲートウェイを通らずに、指定されたエンドポイント（内部ロードバランサーやプライベートなインスタンスを含む）に届き、その通信は検査されません',
  ],
  [
    /^(\S+): CloudFront VPC origins are not followed: the internet reaches the internal load balancer or instance they name through CloudFront, and those flows are not checked$/,
    '$1: CloudFront の VPC オリジンはたどりません。インターネットは CloudFront を通じて指定された内部ロードバランサーやインスタンスに届き、その通信は検査されません',
  ],
  [
    /^(\S+): PrivateLink endpoint services are not followed: the VPCs and accounts they admit reach their load balancers from outside the graph, and those flows are not checked$/,
    '$1: PrivateLink エンドポイントサービスはたどりません。受け入れる VPC やアカウントはグラフの外からそのロードバランサーに届き、その通信は検査されません',
  ],
  [
    /^(\S+): VPC Lattice service networks are not followed: the services and clients of other VPCs they join are a source and destination the graph does not know$/,
    '$1: VPC Lattice のサービスネットワークはたどりません。つながる他の VPC のサービスやクライアントは、グラフが知らない送信元・宛先です',
  ],
  [
    /^(\S+): Cloud WAN attachments are not followed: the networks of the core network reach the VPC from outside the graph, and those flows are not checked$/,
    '$1: Cloud WAN のアタッチメントはたどりません。コアネットワークの各ネットワークはグラフの外から VPC に届き、その通信は検査されません',
  ],
  [/^(\S+): Network Firewall rule groups are not evaluated; the firewall is taken to pass whatever routes send it$/, '$1: Network Firewall のルールグループは評価しません。ファイアウォールはルートが送るものをすべて通すものとみなします'],
  // IPv6 ranges assigned at apply and their stand-ins (graph/aws/ipv6.ts); NAT64 (graph/aws/index.ts).
  [
    /^(\S+): (.+): (\S+) stands for it in paths, and a \/64 of it for each subnet's range cut from it at apply$/,
    (_, a, head, p) => `${a}: ${jaRangeHead(head)}。経路では ${p} がこれを表し、そこから切り出すサブネットの範囲はその /64 が表します`,
  ],
  [/^(\S+): (.+): (\S+), within its VPC's range, stands for it in paths$/, (_, a, head, p) => `${a}: ${jaRangeHead(head)}。経路では VPC の範囲内の ${p} がこれを表します`],
  [
    /^(\S+): it routes (\S+) to (.+) \(NAT64\), which is not followed: flows it translates to IPv4 are not checked, so the boundary cannot be vouched for$/,
    '$1: $2 を $3 へ送ります（NAT64）が、これはたどりません。IPv4 に変換される通信は検査されないため、境界を保証できません',
  ],
  [
    /^(\S+): its subnets? (.+?) (?:is|are) not in the configuration: flows to and from it are taken to go any way, and the findings on them are possible$/,
    '$1: サブネット $2 が構成内にありません。その送受信の通信はどの経路も取りうるものとみなし、それに関する指摘は「可能性あり」になります',
  ],
  [
    /^(\S+): its subnet is not in the configuration: flows to and from it are taken to go any way, and the findings on them are possible$/,
    '$1: サブネットが構成内にありません。その送受信の通信はどの経路も取りうるものとみなし、それに関する指摘は「可能性あり」になります',
  ],
  [
    /^(\S+): its subnet is one of the instances of (\S+), and which one is not known: flows to and from it are taken to go any way, and the findings on them are possible$/,
    '$1: サブネットは $2 のインスタンスのいずれかですが、どれかは不明です。その送受信の通信はどの経路も取りうるものとみなし、それに関する指摘は「可能性あり」になります',
  ],

  // Evaluation in instances that may not exist (loaders/terraform/load.ts).
  [/^(\S+): (.*) \(Terraform evaluates this only if the instance exists, and (.*)\)$/, (_, a, err, why) => `${a}: ${jaProblemMessage(err!)}（Terraform はインスタンスが存在する場合にのみこれを評価します。${jaText(why)}）`],

  // Rulesets: what is kept but not read.
  [/^Unknown target (\S+) \(not a chain of table (\S+)\): the rule is kept, but its verdict is not modelled$/, '不明なターゲット $1（テーブル $2 のチェーンではありません）: ルールは保持しますが、その判定はモデル化しません'],
  [/^"-s ! …" is the old negation syntax that current iptables refuses; write "! -s …"$/, '"-s ! …" は現在の iptables が拒否する古い否定構文です。"! -s …" と書いてください'],
  [/^Set (\S+) is not given \(not in (.+)\): the condition is not modelled$/, 'セット $1 が与えられていません（$2 にありません）: この条件はモデル化しません'],
  [/^Set (\S+) is not given \(no ipset save file: (.+)\): the condition is not modelled$/, 'セット $1 が与えられていません（ipset save のファイルがありません: $2）: この条件はモデル化しません'],
  [/^Table object "([^"]+)" is not read$/, 'テーブル内のオブジェクト "$1" は読み込みません'],
  [/^nftables object "([^"]+)" is not read$/, 'nftables のオブジェクト "$1" は読み込みません'],
  [/^nftables command "([^"]+)" is not read \(only table blocks are\)$/, 'nftables のコマンド "$1" は読み込みません（読み込むのは table ブロックのみです）'],
  [/^Unknown nftables statement "([^"]+)" kept as other$/, '不明な nftables の文 "$1" は「その他」として保持します'],
  [/^Unknown match module (\S+): the rule is kept, but its conditions are not modelled$/, '不明なマッチモジュール $1: ルールは保持しますが、その条件はモデル化しません'],
  [/^Unknown protocol "([^"]*)": the rule is kept, but its protocol is not modelled$/, '不明なプロトコル "$1": ルールは保持しますが、そのプロトコルはモデル化しません'],
  [/^Unknown table (\S+): its chains are read as user chains$/, '不明なテーブル $1: そのチェーンはユーザー定義チェーンとして読み込みます'],
  [/^Built-in chain (\S+) has no ":\S+ POLICY" line: its policy is whatever the kernel had, read as ACCEPT$/, '組み込みチェーン $1 に ":$1 POLICY" の行がありません: ポリシーはカーネルにあったものになるため、ACCEPT として読み込みます'],
  [/^The file mixes IPv4 and IPv6 addresses; iptables-save writes one family per file$/, 'ファイルに IPv4 と IPv6 のアドレスが混在しています。iptables-save はファイルごとに一つのファミリーを書き出します'],
  [/^"(.*)" is not a MAC address \(six bytes of hex digits joined by ":"\): iptables refuses it \("Invalid MAC address specified"\)$/, '"$1" は MAC アドレスではありません（":" で区切った 16 進数 6 バイト）: iptables はこれを拒否します（"Invalid MAC address specified"）'],
  [/^Unknown reject type "([^"]*)": iptables refuses it$/, '不明な reject の種類 "$1": iptables はこれを拒否します'],
  [/^Log level "([^"]*)" is unknown \(a syslog name or 0-7\): iptables refuses it$/, 'ログレベル "$1" は不明です（syslog の名前か 0〜7）: iptables はこれを拒否します'],
  [/^Chain netdev (\S+) (\S+) \(hook (\S+)\) names no "dev": the device it filters is not known, so its rules are not applied to any interface$/, 'netdev のチェーン $1 $2（フック $3）に "dev" がありません: フィルターするデバイスが不明なため、そのルールはどのインターフェースにも適用しません'],

  // Terraform's and HCL's own errors (ja-terraform-errors.ts); plans (ja-plan-errors.ts);
  // CloudFormation templates (ja-cfn-errors.ts); gridfence.yaml and reading the inputs (ja-config-errors.ts).
  ...TERRAFORM_ERRORS,
  ...PLAN_ERRORS,
  ...CFN_ERRORS,
  ...CONFIG_ERRORS,
  // Syntax errors of iptables and nftables rulesets (ja-firewall-errors.ts).
  ...FIREWALL_ERRORS,
  // Usage errors that reach a report (--var, --cfn-param that set nothing) (ja-usage-errors.ts).
  ...USAGE_ERRORS,
];

/** Why an IPv6 range is a stand-in (graph/aws/ipv6.ts `notYet` and the sentences around it). */
function jaRangeHead(head: string): string {
  if (head === 'whether it has an IPv6 range is not known before apply, and it is taken to have one, assigned at apply') {
    return 'IPv6 の範囲を持つかは apply 前には不明なため、apply 時に割り当てられる範囲を持つものとみなします';
  }
  const m = /^(its IPv6 range|the IPv6 range it gives (\S+)|the IPv6 range of (\S+)) (?:is assigned at apply|is not known before apply \((.*)\))(, in a VPC the configuration does not hold|, and its VPC's range has no \/64 left for it)?$/.exec(head);
  if (!m) return head;
  const [, , gives, of, reason, tail] = m;
  const what = gives ? `${gives} に与える IPv6 の範囲` : of ? `${of} の IPv6 の範囲` : 'IPv6 の範囲';
  const when = reason !== undefined ? `は apply 前には不明です（${jaText(reason)}）` : 'は apply 時に割り当てられます';
  const where = tail === ', in a VPC the configuration does not hold' ? '構成にない VPC にある' : '';
  const full = tail?.startsWith(', and') ? '。VPC の範囲に空いた /64 がありません' : '';
  return `${where}${what}${when}${full}`;
}

/** Why an installed module copy is not read (installed-modules.ts). */
function jaRefusal(why: string): string {
  const refuse = 'terraform init を再実行するまで Terraform は plan を拒否します';
  let m = /^terraform init installed it from "([^"]+)", not from "([^"]+)"; Terraform refuses to plan until terraform init runs again$/.exec(why);
  if (m) return `terraform init は "${m[2]}" ではなく "${m[1]}" から取得しました。${refuse}`;
  m = /^terraform init installed version (\S+), which does not meet the constraint "([^"]+)"; Terraform refuses to plan until terraform init runs again$/.exec(why);
  if (m) return `terraform init が取得したバージョン ${m[1]} は制約 "${m[2]}" を満たしません。${refuse}`;
  m = /^its installed folder (.+) is outside the scan root$/.exec(why);
  if (m) return `取得先のフォルダー ${m[1]} がスキャンルートの外にあります`;
  m = /^its installed folder (.+) is missing; run terraform init again$/.exec(why);
  if (m) return `取得先のフォルダー ${m[1]} がありません。terraform init を再実行してください`;
  return why;
}

/** The message of an input problem in Japanese where gridfence knows its sentence; unchanged otherwise. */
export function jaProblemMessage(message: string): string {
  return applyJaRules(RULES, message);
}

export function jaProblem(p: InputProblem): InputProblem {
  const message = jaProblemMessage(p.message);
  return message === p.message ? p : { ...p, message };
}
