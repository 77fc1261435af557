/**
 * Japanese for the English the analysis writes into findings outside the rules' message templates:
 * the reasons of unknown values ("… is known only after apply"), the steps of a path ("route",
 * "deliver", "from the far side", "X allows tcp/22 from 0.0.0.0/0"), and the names of places that are
 * not resources ("a network the configuration does not hold", "undeclared network via X").
 *
 * Contract: `jaText` rewrites only phrases the analysis itself writes; identifiers inside them
 * (resource addresses, attributes, variables, prefixes, protocol/port names, file paths) pass through
 * untouched, and a text none of whose phrases is known comes back unchanged. The English is never
 * altered: callers translate only when the run's language is Japanese, and only fields meant for
 * people (the message, a trace step, an unknown's reason); fields tools read (a trace node, the
 * flow's ends, data, fingerprints) keep the English and are put into Japanese only where reports
 * show them to people (`jaPlace`).
 */

import { JA_ALL_PORTS, jaPorts, jaProtocol } from './flow-words.js';
import { kindOfValue } from './ja-cfn-errors.js';
import { table } from '../model/table.js';

type Rule = [RegExp, string | ((...m: string[]) => string)];

/** "X の" for a named owner, "構成内の" for the configuration itself; `after` is what precedes it ("は" wants no space before 構成). */
const of = (owner: string, after = ''): string => (owner === 'the configuration' ? `${after}構成内の` : `${after}${after ? ' ' : ''}${owner} の`);

const THING: Record<string, string> = table({
  'route table': 'ルートテーブル',
  interface: 'インターフェース',
  'security group': 'セキュリティグループ',
  subnet: 'サブネット',
  'instance or interface': 'インスタンスまたはインターフェース',
  target: 'ターゲット',
  'network ACL': 'ネットワーク ACL',
  'VPC and the route table': 'VPC とルートテーブル',
  'primary network interface': 'プライマリネットワークインターフェース',
  'main route table': 'メインルートテーブル',
  'launch template': '起動テンプレート',
  'launch configuration': '起動設定',
  'launch template or configuration': '起動テンプレートまたは起動設定',
  'replication group': 'レプリケーショングループ',
  volume: 'ボリューム',
  engine: 'エンジン',
});
const THINGS = Object.keys(THING).sort((a, b) => b.length - a.length).join('|');

/** Inner clauses first (they sit inside the sentences below), then whole sentences, then phrases. */
const RULES: Rule[] = [
  // Every port, inside any text: a service ("tcp/any port"), a listener's ("(tcp any port)") or a target's ("x:any port").
  [/(?<=\/|:|\(\S+ )any port\b/g, JA_ALL_PORTS],

  // What makes a value unknown.
  [/(\S+) has no value \(no default, no tfvars entry, no --var\)/g, '$1 に値がありません（default、tfvars の指定、--var のいずれもありません）'],
  [/whether (\S+) has a public address is known only after apply/g, '$1 がパブリックアドレスを持つかは apply 後まで確定しません'],
  [/(\S+) \(from (\S+)\) is known only after apply/g, '$1（$2 由来）は apply 後まで確定しません'],
  [/(\S+) is known only after apply/g, '$1 は apply 後まで確定しません'],
  [/parameter (\S+) has no value/g, 'パラメータ $1 に値がありません'],
  [/parameter (\S+) is read from Systems Manager at deployment/g, 'パラメータ $1 はデプロイ時に Systems Manager から読み込まれます'],
  [/(\S+) is known only at apply time: it returns a new random value on every run/g, '$1 は apply 時まで確定しません: 実行のたびに新しいランダムな値を返します'],
  [/(\S+) is known only at apply time: its salt is random/g, '$1 は apply 時まで確定しません: ソルトがランダムです'],
  [/(\S+) is known only at apply time/g, '$1 は apply 時まで確定しません'],
  // A value AWS or CloudFormation refuses, read as not known (graph/aws/common.ts, loaders/cfn/property-kinds.ts).
  [/(?<=^|; |\()(\S+) (\S+) is (.+?), not a list of (\S+) blocks/g, '$1 の $2 が $4 ブロックのリストではなく $3 です'],
  [/(?<=^|; |\()(\S+) of (\S+) is (a list|a mapping|the (?:text|number|boolean) .+?), not a (list|mapping)(?=$|[;,)])/g, (_, path, id, what, kind) => `${id} の ${path} が${kind === 'list' ? 'リスト' : 'マッピング'}ではなく${kindOfValue(what!) ?? what}です`],
  [/(?<=^|; |\()(\S+) of (\S+) has (a list|a mapping|the (?:text|number|boolean) .+?) in entry (\d+), where each entry is (one value|a mapping)/g, (_, path, id, what, i, each) => `${id} の ${path} の要素 ${i} が${kindOfValue(what!) ?? what}です（各要素は${each === 'one value' ? '一つの値' : 'マッピング'}である必要があります）`],
  [/an attribute of (\S+) is known only after deployment/g, '$1 の属性はデプロイ後まで確定しません'],
  [/(\S+) is known only after deployment/g, '$1 はデプロイ後まで確定しません'],
  [/(\S+) is exported by another stack/g, '$1 は別のスタックがエクスポートする値です'],
  [/the Availability Zones of the region are known only at deployment/g, 'リージョンのアベイラビリティーゾーンはデプロイ時まで確定しません'],
  [/(\S+) is known only at deployment/g, '$1 はデプロイ時まで確定しません'],
  [/(\S+) comes from module source "([^"]+)", which gridfence does not fetch/g, '$1 はモジュールソース "$2" の値で、gridfence はそのモジュールを取得しません'],

  // What the unknown leaves open (after the colon of a reason).
  [/: it is taken to have one of (.+)$/, ': $1 のアドレスを持つものとみなします'],
  [/: the route may be in any route table of (.+)$/, (_, o) => `: ${of(o, 'このルートは')}どのルートテーブルにもありえます`],
  [/: the rule may be in any security group of (.+)$/, (_, o) => `: ${of(o, 'このルールは')}どのセキュリティグループにもありえます`],
  [/: the entry may be in any network ACL of (.+)$/, (_, o) => `: ${of(o, 'このエントリは')}どのネットワーク ACL にもありえます`],
  [/: its group may be on any instance or interface of (.+)$/, (_, o) => `: ${of(o, 'そのセキュリティグループは')}どのインスタンスやインターフェースにも適用されえます`],
  [/: any instance or interface of (.+) may have its public address$/, (_, o) => `: ${of(o)}どのインスタンスやインターフェースもそのパブリックアドレスを持ちえます`],
  [/: any subnet of (.+?) may use (.+)$/, (_, o, t) => `: ${of(o)}どのサブネットも ${t} を使いえます`],
  [/: (\S+) may propagate its routes into any route table of (.+)$/, (_, g, o) => `: ${of(o, `${g} は`)}どのルートテーブルにもルートを伝播しえます`],
  [/: the main route table of any VPC may be one whose routes are not known$/, ': どの VPC のメインルートテーブルも、ルートが不明なものでありえます'],
  [/: its range, routes and network ACL are not known, so flows through it may take any way/, ': そのアドレス範囲・ルート・ネットワーク ACL が不明なため、そこを通る通信はどの経路も取りえます'],
  [/: its range, routes and network ACL are not known, so flows to and from it may take any way/, ': そのアドレス範囲・ルート・ネットワーク ACL が不明なため、そこを出入りする通信はどの経路も取りえます'],
  [/: its routes are not known, so they may lead anywhere/, ': そのルートが不明なため、どこへでも通じえます'],
  [/: its subnet and security groups are not known/, ': そのサブネットとセキュリティグループが不明です'],
  [/: its range is not known/, ': そのアドレス範囲が不明です'],
  [/: a peering carries only what its range holds, which is not known/, ': ピアリングが運ぶのはその範囲内の通信だけですが、その範囲が不明です'],
  [/: (\S+) keeps each direction of a flow in the Availability Zone where it entered, so the reply may pass another zone's appliance than the request, which a stateful one drops$/, ': $1 はフローの各方向を入ったアベイラビリティーゾーン内に留めるため、応答が要求とは別のゾーンのアプライアンスを通りえ、ステートフルなアプライアンスはその通信を破棄します'],
  [/: it may send what enters through (\S+) to any appliance of its VPC first$/, ': $1 から入る通信を、まずその VPC のどのアプライアンスへも送りえます'],
  [/: (\S+) may route what enters through it by (a route table not known|\S+), sending it to any appliance of its VPC first$/, (_, g, t) => `: ${g} はそこから入る通信を${t === 'a route table not known' ? '不明なルートテーブル' : ` ${t} `}でルーティングし、まずその VPC のどのアプライアンスへも送りえます`],
  [/: a Valkey group is encrypted at rest by default$/, ': Valkey のグループは既定で保存時に暗号化されます'],
  [/: it may assign public addresses to the instances launched in it$/, ': そこで起動するインスタンスにパブリックアドレスを割り当てえます'],
  [/: the configuration does not hold it/, ': 構成に含まれていません'],
  [/: the configuration does not manage it \((\S+)\)/, ': 構成で管理されていません（$1）'],
  [/: the configuration does not manage it/, ': 構成で管理されていません'],
  [/: they may lead anywhere/, ': どこへでも通じえます'],
  [/: it is taken to lead anywhere/, ': どこへでも通じるものとして扱います'],
  [/: it may protect a zone/, ': ゾーンを保護するものでありえます'],
  [/: it may be any of the configuration's$/, ': 構成のどのロードバランサーでもありえます'],
  [/: it may be TCP or UDP$/, ': TCP と UDP のどちらでもありえます'],
  [/: it may be a subnet of the dispatch link/, ': 簡易指令システムとの直接的な接続部のサブネットでありえます'],
  [/: it may be an instance or interface of the dispatch link/, ': 簡易指令システムとの直接的な接続部のインスタンスまたはインターフェースでありえます'],

  // The unknown itself (the head of a reason).
  [/^appliance mode is off for (\S+)(?=:)/, '$1 のアプライアンスモードが無効です'],
  [/^whether appliance mode is on for (\S+) is not known/, '$1 のアプライアンスモードが有効かは不明です'],
  [/^the gateway route table of (\S+) \((\S+)\) is not known/, '$1 のゲートウェイルートテーブル（$2）が不明です'],
  [/^the gateway route table of (\S+) \((\S+)\) is not in the configuration/, '$1 のゲートウェイルートテーブル（$2）が構成にありません'],
  [/^the gateway of (\S+) is not known/, '$1 のゲートウェイが不明です'],
  [/^the load balancer of (\S+) is not known/, '$1 のロードバランサーが不明です'],
  [/^(\S+) is left out: the run expands more instances than gridfence takes$/, '$1 は対象外です: この実行で展開されるインスタンスが gridfence の扱う上限を超えています'],
  [/^the (port|instance port|protocol) of (\S+(?: listener(?:\[\d+\]|s))?) is not known/, (_, what, l) => `${l} の${{ port: 'ポート', 'instance port': 'インスタンスポート', protocol: 'プロトコル' }[what as 'port']}が不明です`],
  [/^(.+) sends what enters through (\S+) to (\S+), which is not followed: it may reach (\S+)$/, '$1 は $2 から入る通信を $3 へ送りますが、その先はたどりません: $4 に届きえます'],
  [/^the replies of what (.+) sends through (\S+) leave (\S+) for (\S+) straight: whether (\S+) passes a flow it sees one way only is set on the host, which the configuration does not show$/, '$1 が $2 へ送る通信の応答は $3 から $4 へ直接出ます: $5 が片方向しか見えない通信を通すかはホスト上の設定で決まり、構成からはわかりません'],
  [new RegExp(`^the (${THINGS}) of (.+?) (?:is|are) not known(?= \\(|:|$)`), (_, t, x) => `${x} の${ga(THING[t]!)}不明です`],
  [/^the interface (\S+) is attached to by (\S+) is not known/, '$2 が $1 を関連付けるインターフェースが不明です'],
  [/^the rules of security group (\S+) are not known/, 'セキュリティグループ $1 のルールが不明です'],
  [/^the rules of the default security group of its VPC are not known/, 'その VPC のデフォルトセキュリティグループのルールが不明です'],
  [/^the rules of the default security group of (\S+) are not known/, '$1 のデフォルトセキュリティグループのルールが不明です'],
  [/^the members of security group (\S+) are not known/, 'セキュリティグループ $1 が関連付けられたリソースが不明です'],
  [/^the routes of a route table not in the configuration \((\S+)\), set by (\S+), are not known/, '$2 が設定する、構成にないルートテーブル（$1）のルートが不明です'],
  [/^the VPC that (\S+) leads to is not in the configuration/, '$1 の接続先の VPC が構成にありません'],
  [/^(\S+), a subnet of (\S+), is not in the configuration/, '$2 のサブネット $1 が構成にありません'],
  [/^the main route table of (\S+) \((\S+), set by (\S+)\) is not in the configuration/, '$1 のメインルートテーブル（$3 の $2 で設定）が構成にありません'],
  [new RegExp(`^the (${THINGS}) of (\\S+) is not in the configuration`), (_, t, x) => `${x} の${ga(THING[t]!)}構成にありません`],
  [/^the target of (.+) \(((?:[^()]|\([^()]*\))+)\) is not in the analysed configuration/, '$1 のターゲット（$2）が解析した構成にありません'],
  [/^(\S+) \(destination unknown\)(?= のターゲット)/, '$1（宛先不明）'],
  [/^(\S+) is not in the configuration/, '$1 が構成にありません'],
  [/^the private address of (\S+) is assigned at launch; any address of its subnet stands for it$/, '$1 のプライベートアドレスは起動時に割り当てられるため、そのサブネットのどのアドレスでもありえます'],
  [/^the private address of (\S+) is assigned at launch; any address of (\S+) stands for it$/, '$1 のプライベートアドレスは起動時に割り当てられるため、$2 のどのアドレスでもありえます'],
  [/^(\S+) is not set: the AWS provider creates the cluster unencrypted before version (\d+) and encrypted from version \2 on$/, '$1 が設定されていません: AWS プロバイダーはバージョン $2 より前ではクラスターを暗号化せずに作成し、バージョン $2 以降では暗号化して作成します'],
  [/^the "([^"]+)" blocks depend on (.+)$/, '"$1" ブロックは確定しない値に依存します: $2'],
  [/^the count of (\S+) depends on (.+)$/, '$1 の count は確定しない値に依存します: $2'],
  [/^the for_each keys of (\S+) depend on (.+)$/, '$1 の for_each のキーは確定しない値に依存します: $2'],
  [/^whether (\S+) has IPv6 addresses is not known before apply(?= \(|:|$)/, '$1 が IPv6 アドレスを持つかが不明です'],
  [/^whether (\S+) translates the sources it forwards to its own address \(a NAT instance\) is set on the host, which the configuration does not show$/, '$1 が転送する通信の送信元を自身のアドレスに変換するか（NAT インスタンスか）はホスト上の設定で決まり、構成からはわかりません'],

  // Why a rule's own finding is only possible (Report.possibleBecause).
  [/^no zones are declared, so any resource may be on the dispatch link$/, 'ゾーンが宣言されていないため、どのリソースも簡易指令システムとの直接的な接続部にありえます'],
  [/^no zones are declared, so no place is known to be a management zone$/, 'ゾーンが宣言されていないため、どこが管理ゾーンかわかりません'],
  [/^(\S+) enables no protocol gridfence can read$/, '$1 は gridfence が読み取れるプロトコルを 1 つも有効にしていません'],
  [/^(\S+) maps (.+?), which may be the AMI's root device: its volume then takes the encryption of the AMI's snapshot$/, (_, t, d) => `${t} は ${d === 'a device not known before apply' ? 'apply 前には確定しないデバイス' : d} を割り当てており、これは AMI のルートデバイスでありえます: その場合、ボリュームは AMI のスナップショットの暗号化を引き継ぎます`],
  [/^(\S+) maps (\S+) to a volume from snapshot (.+), whose encryption it takes$/, (_, t, m, snap) => `${t} は ${m} にスナップショット ${snap === '(not known before apply)' ? '（apply 前には確定しません）' : snap} からのボリュームを割り当て、その暗号化を引き継ぎます`],
  // Values of message data (data-at-rest-encrypted).
  [/^not set \(the provider default is false\)$/, '未設定（プロバイダーの既定値は false）'],
  [/^not set \(the provider default is false, true for Valkey\)$/, '未設定（プロバイダーの既定値は false、Valkey では true）'],
  [/^not set \(taken from the AMI's snapshot if it is the root device\)$/, '未設定（ルートデバイスなら AMI のスナップショットの設定を引き継ぎます）'],
  [/^not known before apply$/, 'apply 前には確定しません'],
  // Related places of findings: a rule that decides a shadowed rule's packets first (firewall-shadowed-rule), a place on the dispatch link.
  [/^(.+) \(([^()]*)\) decides some of its packets( with a different action)?$/s, (_, rule, action, other) => `${rule}（${action}）がこのルールのパケットの一部を先に${other ? '異なる動作で' : ''}判定します`],
  [/^(\S+) on the dispatch link$/, '簡易指令システムとの直接的な接続部にある $1'],
  // A firewall rule with a condition the analysis does not model (graph/netfilter/compile.ts).
  [/^(.+?): the conditions? (.+) (?:is|are) not modelled; the rule may or may not match$/s, '$1: 条件 $2 はモデル化していないため、このルールが一致するかどうかはわかりません'],
  [/(try|can)\(\) cannot decide before apply: /g, '$1() は apply 前には判定できません: '],
  [/path\.cwd is the absolute working directory of the machine that runs Terraform/g, 'path.cwd は Terraform を実行するマシンの作業ディレクトリの絶対パスです'],
  [/^(\S+) is created from the snapshot (.+), whose encryption it takes$/, '$1 はスナップショット $2 から作成され、その暗号化を引き継ぎます'],
  [/^(\S+) is created from the source database (.+), whose encryption it takes$/, '$1 はソースデータベース $2 から作成され、その暗号化を引き継ぎます'],
  [/^(\S+) is created from the source cluster (.+), whose encryption it takes$/, '$1 はソースクラスター $2 から作成され、その暗号化を引き継ぎます'],
  [/^the TLS policy "([^"]*)" is not in gridfence's table$/, 'TLS ポリシー "$1" は gridfence の表にありません'],
  [/^(\S+) sets no tls_security_policy, so AWS chooses the policy of its HTTPS endpoint$/, '$1 は tls_security_policy を指定していないため、HTTPS エンドポイントのポリシーは AWS が選びます'],

  // The cause of an unknown, in brackets after the sentence that names it.
  [/^(.+?(?:不明です|構成にありません)) \((.*)\)(?=: |$)/, '$1（$2）'],

  // Steps of a path: what lets the packet on to the hop.
  [/^listener$/, 'リスナー'],
  [/^listener (\S+) takes protocol not known, port (any port|\S+)$/, (_, l, p) => `リスナー ${l} がプロトコル不明、${p === 'any port' ? '任意のポート' : `ポート ${p} `}で受け付けます`],
  [/^listener (\S+) takes (\S+) (any port|\S+)$/, (_, l, proto, p) => `リスナー ${l} が ${proto} ${p === 'any port' ? '任意のポート' : p} で受け付けます`],
  [/^listener (\S+) \(protocol not known, port (\S+)\) forwards to (\S+)$/, 'リスナー $1（プロトコル不明、ポート $2）が $3 へ転送'],
  [/^listener (\S+) \((\S+) (\S+)\) forwards to (\S+)$/, 'リスナー $1（$2 $3）が $4 へ転送'],
  // Alone, or after the step's word ("listener: …", graph/analysis.ts joins the two with ": ").
  [/^listener: (?=\S+ (?:forwards|re-originates) the connection to )/, 'リスナー: '],
  [/(?<=^|: )(\S+) forwards the connection to (\S+), keeping the client's address$/, '$1 がクライアントのアドレスを保ったまま接続を $2 へ転送'],
  [/(?<=^|: )(\S+) re-originates the connection to (\S+)$/, '$1 が $2 への接続を新たに張ります'],
  [/^(\S+) routes to (\S+) \(default route\)$/, '$1 が $2 へルーティング（デフォルトルート）'],
  [/^(\S+) routes to (\S+) \((.+)\)$/, '$1 が $2 へルーティング（$3）'],
  [/^a route table of (\S+) not known, which (\S+) may use: its routes may lead anywhere$/, '$2 が使いうる $1 のルートテーブルが不明です: そのルートはどこへでも通じえます'],
  [/^the gateway route table of (\S+), not known, may send what enters to (\S+)$/, '$1 の不明なゲートウェイルートテーブルが、入ってくる通信を $2 へ送りえます'],
  [/^a target not known \((\S+)\)$/, '不明なターゲット（$1）'],
  [/^an instance not known \((\S+)\)$/, '不明なインスタンス（$1）'],
  [/ \(target unknown\)$/, '（ターゲット不明）'],
  [/\b(SNAT|MASQUERADE) to (\S+)/g, '$1（送信元を $2 に変換）'],
  [/\bDNAT to (\S+)/g, 'DNAT（宛先を $1 に変換）'],
  [/\bREDIRECT to (\S+)/g, 'REDIRECT（$1 へ転送）'],
  [/^(?:(default) )?network ACL ?(\S*) \((ingress|egress), (request|reply)\)$/, (_, dflt, acl, d, r) => `${dflt ? 'デフォルトの' : ''}ネットワーク ACL${acl ? ` ${acl}` : ''}（${d === 'ingress' ? '受信' : '送信'}、${r === 'request' ? '要求' : '応答'}）`],
  [/^route$/, 'ルーティング'],
  [/^deliver$/, '宛先へ配送'],
  [/^send$/, '送信'],
  [/^forward \(source\/destination check off\)/, '転送（送信元/送信先チェック無効）'],
  [/^forward \(source\/destination check possibly off\)/, '転送（送信元/送信先チェックが無効の可能性）'],
  [/^whether (\S+) forwards packets not its own is not known: its source\/destination check is not known before apply \((.+)\)$/, (_, h, why) => `${h} が自分宛て以外のパケットを転送するかは不明です: 送信元/送信先チェックが apply 後まで確定しません（${jaText(why!)}）`],
  [/^from the internet$/, 'インターネットから'],
  [/^to the internet$/, 'インターネットへ'],
  [/^from the far side$/, '接続先から'],
  [/^to the far side$/, '接続先へ'],
  [/^received through its interface (\S+)$/, 'インターフェース $1 で受信'],
  [/(\S+) translates the source to its own address \((\S+) on the internet\)/, '$1 が送信元を自身のアドレス（インターネット上の $2）に変換します'],
  [/(\S+) may translate the source to its own address/, '$1 が送信元を自身のアドレスに変換する可能性があります'],
  [/ \(rule (\d+)\) allows /, '（ルール $1） allows '],
  [
    /^(.+?) allows (.+) (from|to) ((?:an unknown address|\S+)(?:, (?:an unknown address|\S+))*)$/,
    (_, who, what, dir, peers) => `${subject(who)}が ${peers!.split(', ').map((p) => (p === 'an unknown address' ? '不明なアドレス' : p)).join('、')} ${dir === 'from' ? 'から' : 'へ'}の${traffic(what)}を許可`,
  ],
  [/^(.+?) allows (.+) \((request|reply)\)$/, (_, who, what, r) => `${subject(who)}が${traffic(what)}を許可（${r === 'request' ? '要求' : '応答'}）`],
  [/, if the route is in this table$/, '（このルートがこのテーブルにある場合）'],
  [/^the routes of the subnet of (\S+) \(destination unknown\)$/, '$1 のサブネットのルート（宛先不明）'],
  [/^the routes of (.+) \(destination unknown\)$/, '$1 のルート（宛先不明）'],
  [/ \(destination unknown\)$/, '（宛先不明）'],
  [/ \(propagated\)/g, '（伝播）'],
  [/ \(in (\S+)\)/g, '（$1 内）'],
  [/ \((\S+) \(main route table\)\)/g, '（$1 のメインルートテーブル）'],
  [/ \((\S+) \(default route table\)\)/g, '（$1 のデフォルトルートテーブル）'],
  [/^route (\S+) → (\S+) \((\S+)\)/, 'ルート $1 → $2（$3）'],
  [/^route (\S+) → /, 'ルート $1 → '],
  [/ \(main route table\)/g, ' のメインルートテーブル'],
  [/ \(ingress\)$/, '（受信）'],
  [/ \(egress\)$/, '（送信）'],
  [/^NAT: /, 'NAT: '],

  // Settings that close a path (the path command's blocked answer).
  [/^(\S+) has no public address$/, '$1 にパブリックアドレスがありません'],
  [/^listeners of (\S+)$/, '$1 のリスナー'],
  [/^VPC Block Public Access \((.+?)\) of (\S+) blocks what the internet starts toward (\S+)$/, (_, mode, by, to) => `${by} の VPC パブリックアクセスのブロック（${mode === 'a mode not known before apply' ? 'apply 後まで確定しないモード' : mode}）が、インターネットから ${to} への通信の開始を遮断します`],
  [/^(\S+) excludes (.+), which the configuration does not hold under that name: it may be (\S+) or its VPC$/, '$1 は $2 を除外していますが、構成内にその名前のものはありません: $3 かその VPC かもしれません'],
  [/^the exclusion mode of (\S+) is not known$/, '$1 の除外モードは不明です'],
  // Routes learned by BGP (graph/aws/routing.ts).
  [/^(\S+) routes by BGP: the prefixes its customer gateway advertises, which it propagates, are not known$/, '$1 は BGP でルーティングします: カスタマーゲートウェイが広告し、それが伝播するプレフィックスは不明です'],
  [/^whether (\S+) routes by BGP is not known \(static_routes_only\): the prefixes it may propagate are not known$/, '$1 が BGP でルーティングするかは不明です（static_routes_only）: 伝播しうるプレフィックスは不明です'],
  [/^(\S+) routes by BGP: the prefixes the on-premise network advertises over Direct Connect, which (\S+) propagates, are not known$/, '$1 は BGP でルーティングします: オンプレミスのネットワークが Direct Connect 経由で広告し、$2 が伝播するプレフィックスは不明です'],
  [/^(\S+) is declared apart from (\S+), and may be of its Region$/, '$1 は $2 と別の場所で宣言されていますが、同じリージョンのものかもしれません'],
  [/^(\S+) of (\S+) has no route back to (\S+)$/, '$2 の $1 に $3 への戻りのルートがありません'],
  [/^security group (\S+)(?=（(?:受信|送信)）$)/, 'セキュリティグループ $1'],
  // A firewall host's hook (graph/netfilter/hosts.ts): its chain, which packets it judges, the interfaces ("host" for the host itself).
  [/^firewall (\S+) (INPUT|FORWARD|OUTPUT|PREROUTING|POSTROUTING|ingress|egress)(?: \((replies|replies, NAT undone|after SNAT|after DNAT)\))?(?: \((\S+) → (\S+)\))?$/, (_, h, chain, which, i, o) => `ファイアウォール ${h} の ${chain}${which ? `（${FW_WHICH[which]}）` : ''}${i ? `（${fwIf(i)} → ${fwIf(o)}）` : ''}`],

  // Places that are not resources, inside any text.
  [/a route table not in the configuration \((\S+)\)/g, '構成にないルートテーブル（$1）'],
  [/an instance or interface not known before apply/g, 'apply 前には確定しないインスタンスまたはインターフェース'],
  [/undeclared network via (a network the configuration does not hold|\S+)/g, (_, via) => `${via === 'a network the configuration does not hold' ? '構成にないネットワーク' : `${via} `}の先の宣言されていないネットワーク`],
  [/the local route of a VPC that may hold subnets outside the configuration/g, '構成外のサブネットを含みうる VPC のローカルルート'],
  [/the local route to subnets outside the configuration/g, '構成外のサブネットへのローカルルート'],
  [/a network the configuration does not hold \(inbound\)/g, '構成にないネットワーク（受信側）'],
  [/a network the configuration does not hold/g, '構成にないネットワーク'],
  [/^the subnet of (\S+) \(entry\)$/, '$1 のサブネット（入口）'],
  [/^the subnet of (\S+)$/, '$1 のサブネット'],
  [/^(\S+) \(inbound\)$/, '$1（受信側）'],
  [/^(\S+) \(entry\)$/, '$1（入口）'],
  [/^all traffic$/, 'すべての通信'],
  // What a certain finding's path may also carry (rules/utils/paths.ts), beside the rule it rests on.
  [
    /^possibly also (\S+) (.+?) → (.+?)(?: port (.+?))?, resting on: (.+)$/s,
    (_, proto, from, to, ports, why) => `可能性あり: ${jaProtocol(proto!)} ${jaPlace(from!)} → ${jaPlace(to!)}${ports ? ` ${jaPorts(ports)}` : ''} も届きえます（${jaText(why!)}）`,
  ],
  // Related places and values of message data.
  [/^(\S+), the host reached$/, '到達するホスト $1'],
  [/^(\S+) of its subnet$/, 'サブネットの $1'],
  [/^\(not known before apply\)$/, '（apply 前には確定しません）'],
  [/^\(unknown\)$/, '（不明）'],
  // The service of rules whose ports and protocols are not known (ingress-from-declared-sources).
  [/^traffic$/, '通信'],
  // VPN proposals (vpn-crypto-strength): "DH group 2 (phase 1)".
  [/ \(phase (\d)\)/g, '（フェーズ $1）'],
  [/\bDH groups? /g, 'DH グループ '],
];

/** Which packets a firewall host's hook judges, and the host itself as an interface. */
const FW_WHICH: Record<string, string> = table({ replies: '応答', 'replies, NAT undone': '応答、NAT を戻した後', 'after SNAT': 'SNAT 後', 'after DNAT': 'DNAT 後' });
const fwIf = (x: string): string => (x === 'host' ? 'ホスト' : x);

/** "X が", with a space after a word in Latin letters. */
function ga(x: string): string {
  return /[A-Za-z]$/.test(x) ? `${x} が` : `${x}が`;
}

/** The subject of "が": a space after an identifier, none after a closing bracket. */
function subject(who: string): string {
  return who.endsWith('）') ? who : `${who} `;
}

/** "all traffic" or a service list ("tcp/22", "tcp/22, udp/53"). */
function traffic(what: string): string {
  return what === 'all traffic' ? 'すべての通信' : ` ${what} `;
}

/** A text the analysis wrote, in Japanese as far as its phrases are known (see the contract above). */
export function jaText(text: string): string {
  const whole = rewrite(text);
  if (!text.includes('; ')) return jaSpacing(whole);
  // A trace step joins its words with "; " (rules/utils/paths.ts), and so may a reason: the text is
  // read whole and part by part, and whichever leaves less English is kept.
  const parts = text.split('; ').map(rewrite).join('; ');
  return jaSpacing(latin(parts) < latin(whole) ? parts : whole);
}

/** A character of Japanese script or full-width punctuation (kana, kanji, （）「」、。). */
const JA_CHAR = '[\u3000-\u30ff\u4e00-\u9fff\uff00-\uffef]';
const SPACE_BETWEEN_JA = new RegExp(`(?<=${JA_CHAR}) (?=${JA_CHAR})`, 'g');

/**
 * Japanese is written without spaces between words: a template spaces the words it puts in for
 * identifiers (`gw1:eth1 の`), and a place put in Japanese (インターネット) keeps that space. Spaces
 * with Japanese on both sides go; those beside Latin text stay.
 */
export function jaSpacing(text: string): string {
  return text.replace(SPACE_BETWEEN_JA, '');
}

function rewrite(text: string): string {
  let t = text;
  for (const [re, to] of RULES) t = typeof to === 'string' ? t.replace(re, to) : t.replace(re, to as (...m: string[]) => string);
  return t;
}

function latin(s: string): number {
  return (s.match(/[A-Za-z]/g) ?? []).length;
}

/**
 * Places the analysis names in English that are not resources, in Japanese: the source of the words
 * for places in a finding's message data too (`place-words.ts`). Each is anchored to the whole name
 * or to its end, so their order does not matter.
 */
export const JA_PLACES: ReadonlyArray<[RegExp, string]> = [
  [/^the internet \(([^)]*)\)$/, 'インターネット（$1）'],
  [/^the internet$/, 'インターネット'],
  [/^external network (.+)$/, '接続先ネットワーク $1'],
  [/^an undeclared network$/, '宣言されていないネットワーク'],
  [/ \(over the internet\)$/, '（インターネット経由）'],
];

/**
 * The name of a place as people read it in Japanese: the internet, an external network, or a place
 * `jaText` knows; anything else (a resource address, a prefix) unchanged. For a trace node and the
 * flow's ends, whose stored value stays English for tools.
 */
export function jaPlace(name: string): string {
  if (name === 'internet') return 'インターネット';
  let t = name;
  for (const [re, to] of JA_PLACES) t = t.replace(re, to);
  if (t === name) t = jaText(name);
  return t;
}
