/**
 * With --lang ja, what a Japanese reader sees of findings is Japanese apart from identifiers: the
 * messages, the reasons of unknowns, the path's hops and the flow, and the report's labels. The
 * systems below have path findings through the internet, external and undeclared networks, NAT and
 * forwarding hosts, and unknowns of every common kind (variables without value, values known after
 * apply, parents outside the configuration).
 */
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { lint } from '../../src/linter/lint.js';
import { jaPlace, jaText } from '../../src/linter/ja-text.js';
import { lintMarkdown } from '../../src/report/lint-markdown.js';
import { lintText } from '../../src/report/lint-text.js';
import { makeStyle } from '../../src/report/style.js';
import { repoRoot } from '../support/files.js';

const SYSTEMS = [
  'examples/vpp-aggregator',
  'fixtures/certainty/buffer-zone-uncertain-exchange',
  'fixtures/certainty/ia-peering-first-edge',
  'fixtures/certainty/zs-maybe-shared',
  'fixtures/outside/forwarder-outside',
  'fixtures/outside/peering-transit',
  'fixtures/outside/eni-by-id',
  'fixtures/unknown-parent/association-subnet-variable',
  'fixtures/unknown-parent/association-unknown-subnet-and-table',
  'fixtures/unknown-parent/route-table-data',
  'fixtures/unknown-parent/propagation-table-data',
  'fixtures/unknown-parent/main-association-vpc-and-table-unknown',
  'fixtures/unknown-parent/eip-instance-variable',
  'fixtures/unknown-parent/sg-attachment-variable',
  'fixtures/unknown-parent/acl-rule-data',
];

const run = (dir: string, lang: 'en' | 'ja') =>
  lint({ paths: [path.join(repoRoot, dir)], cwd: repoRoot, vars: [], varFiles: [], lang, only: [], today: '2026-11-29' });

/**
 * Words that may stay in Latin letters: names of protocols, services and AWS or Terraform things
 * that Japanese engineers write in Latin letters too, and the names the fixtures give their zones and
 * external networks. AWS's route target `local` and HTML tags of the Markdown report are no English either. Anything holding a dot, underscore, slash, bracket, colon, digit, hyphen or
 * quote is an identifier (an address, attribute, prefix, port, file) and is not looked at.
 */
const ALLOWED = new Set(
  [
    'tcp', 'udp', 'icmp', 'icmpv6', 'esp', 'ah', 'ssh', 'https', 'http', 'tls', 'nat', 'vpc', 'acl', 'aws', 'ebs', 'api', 'ip', 'elastic',
    'modbus', 'imdsv', 'ssm', 'guardduty', 'apply', 'default', 'tfvars', 'gridfence', 'yaml', 'json', 'sarif', 'mib', 'init',
    'ingress', 'egress', 'metadata_options', 'owner', 'optional', 'elbsecuritypolicy', 'true', 'false', 'dh', 'ikev', 'sha', 'ipsec', 'local',
    // The fixtures' zones, external networks and one-word resource names.
    'dispatch', 'core', 'dmz', 'partner', 'internet', 'main', 'priv', 'pub', 'd', 'c', 'x', 'a', 'b', 'ven', 'igw', 'vgw', 'nat', 'app', 'web', 'ssh', 'open', 'sg', 'fw',
    'mgmt', 'management', 'field', 'edge', 'data', 'example', 'vpp', 'aggregator',
  ].map((w) => w.toLowerCase()),
);

/** The English words in a text, identifiers and allowed words aside. */
function englishWords(text: string): string[] {
  const out: string[] = [];
  for (const token of text.replace(/`[^`]*`|<[^>]*>/g, ' ').match(/(?<![-\w.])[A-Za-z][^\s、。（）()「」,;<]*/g) ?? []) {
    if (/[._/[\]:0-9"'=#*@$-]/.test(token)) continue;
    if (ALLOWED.has(token.toLowerCase())) continue;
    out.push(token);
  }
  return out;
}

/** Lines of the text report that are about findings: input problems (`file:l:c: severity: … [code]`) are reported apart. */
const findingLines = (text: string): string[] => text.split('\n').filter((l) => !/^\S+:\d+:\d+: (error|warning): .*\[[a-z-]+\]$/.test(l));
/** The same for the Markdown report, whose input problems are `- **エラー**` or `- **警告**` items. */
const markdownFindingLines = (md: string): string[] => md.split('\n').filter((l) => !/^- \*\*(エラー|警告)\*\* /.test(l));

describe('Japanese output', () => {
  it('has no English words outside identifiers in the text and Markdown reports of systems with paths and unknowns', () => {
    const english = new Map<string, string>();
    let paths = 0;
    let unknowns = 0;
    for (const dir of SYSTEMS) {
      const result = run(dir, 'ja');
      paths += result.findings.filter((f) => f.trace?.length).length;
      unknowns += result.findings.filter((f) => f.unknowns.length).length;
      const text = lintText(result, 'ja', makeStyle(false), false);
      const md = lintMarkdown(result, 'ja');
      for (const line of [...findingLines(text), ...markdownFindingLines(md)]) for (const w of englishWords(line)) if (!english.has(w)) english.set(w, `${dir}: ${line.trim()}`);
    }
    // The systems do exercise what is checked.
    expect(paths).toBeGreaterThan(20);
    expect(unknowns).toBeGreaterThan(10);
    expect([...english].map(([w, line]) => `${w} ← ${line}`)).toEqual([]);
  });

  it('leaves the English report as it was and the fingerprints, trace nodes and flows as tools read them', () => {
    const dir = 'fixtures/outside/forwarder-outside';
    const en = run(dir, 'en');
    const ja = run(dir, 'ja');
    const traced = ja.findings.filter((f) => f.trace?.length);
    expect(traced.length).toBeGreaterThan(0);
    expect(ja.findings.map((f) => [f.fingerprint, f.flow, f.trace?.map((t) => t.node)])).toEqual(en.findings.map((f) => [f.fingerprint, f.flow, f.trace?.map((t) => t.node)]));
    expect(en.findings.flatMap((f) => f.trace ?? []).some((t) => t.step?.startsWith('deliver'))).toBe(true);
    expect(ja.findings.flatMap((f) => f.trace ?? []).some((t) => t.step?.startsWith('宛先へ配送'))).toBe(true);
  });
});

describe('jaText', () => {
  it('translates the reasons of unknowns, keeping the identifiers in them', () => {
    expect(jaText('the route table of aws_route.internet is not known (var.route_table_id has no value (no default, no tfvars entry, no --var)): the route may be in any route table of aws_vpc.main')).toBe(
      'aws_route.internet のルートテーブルが不明です（var.route_table_id に値がありません（default、tfvars の指定、--var のいずれもありません））: このルートは aws_vpc.main のどのルートテーブルにもありえます',
    );
    expect(jaText('the security group of aws_security_group_rule.ssh is not known (data.aws_security_group.shared.id is known only after apply): the rule may be in any security group of the configuration')).toBe(
      'aws_security_group_rule.ssh のセキュリティグループが不明です（data.aws_security_group.shared.id は apply 後まで確定しません）: このルールは構成内のどのセキュリティグループにもありえます',
    );
    expect(jaText('whether aws_instance.h has IPv6 addresses is not known before apply (var.n has no value (no default, no tfvars entry, no --var)): it is taken to have one of aws_subnet.d')).toBe(
      'aws_instance.h が IPv6 アドレスを持つかが不明です（var.n に値がありません（default、tfvars の指定、--var のいずれもありません））: aws_subnet.d のアドレスを持つものとみなします',
    );
    expect(jaText('the rules of security group data.aws_security_group.shared are not known: the configuration does not hold it')).toBe('セキュリティグループ data.aws_security_group.shared のルールが不明です: 構成に含まれていません');
    expect(jaText('the launch template of aws_autoscaling_group.ven is not known (data.aws_launch_template.shared.id is known only after apply)')).toBe(
      'aws_autoscaling_group.ven の起動テンプレートが不明です（data.aws_launch_template.shared.id は apply 後まで確定しません）',
    );
    expect(jaText('the launch configuration of aws_autoscaling_group.ven is not in the configuration (legacy-ven)')).toBe('aws_autoscaling_group.ven の起動設定が構成にありません（legacy-ven）');
    expect(jaText('the launch template or configuration of Ven is not known (AWS::Region is known only at deployment)')).toBe('Ven の起動テンプレートまたは起動設定が不明です（AWS::Region はデプロイ時まで確定しません）');
    expect(jaText('the replication group of aws_elasticache_cluster.member is not in the configuration (dispatch)')).toBe('aws_elasticache_cluster.member のレプリケーショングループが構成にありません（dispatch）');
    expect(jaText('the replication group of aws_elasticache_cluster.member is not known (var.group has no value (no default, no tfvars entry, no --var))')).toBe(
      'aws_elasticache_cluster.member のレプリケーショングループが不明です（var.group に値がありません（default、tfvars の指定、--var のいずれもありません））',
    );
    expect(jaText('aws_db_instance.app is created from the snapshot meter-2026-11-01, whose encryption it takes')).toBe('aws_db_instance.app はスナップショット meter-2026-11-01 から作成され、その暗号化を引き継ぎます');
    expect(jaText('aws_rds_cluster.dr is created from the source cluster (not known before apply), whose encryption it takes')).toBe('aws_rds_cluster.dr はソースクラスター (not known before apply) から作成され、その暗号化を引き継ぎます');
  });

  it('translates the reasons of transit gateway appliance mode and gateway route tables', () => {
    expect(jaText("appliance mode is off for aws_ec2_transit_gateway_vpc_attachment.insp: aws_ec2_transit_gateway.tgw keeps each direction of a flow in the Availability Zone where it entered, so the reply may pass another zone's appliance than the request, which a stateful one drops")).toBe(
      'aws_ec2_transit_gateway_vpc_attachment.insp のアプライアンスモードが無効です: aws_ec2_transit_gateway.tgw はフローの各方向を入ったアベイラビリティーゾーン内に留めるため、応答が要求とは別のゾーンのアプライアンスを通りえ、ステートフルなアプライアンスはその通信を破棄します',
    );
    expect(jaText('the gateway route table of aws_internet_gateway.igw (aws_route_table_association.edge) is not in the configuration (rtb-0123456789abcdef0): it may send what enters through aws_internet_gateway.igw to any appliance of its VPC first')).toBe(
      'aws_internet_gateway.igw のゲートウェイルートテーブル（aws_route_table_association.edge）が構成にありません（rtb-0123456789abcdef0）: aws_internet_gateway.igw から入る通信を、まずその VPC のどのアプライアンスへも送りえます',
    );
    expect(jaText('the gateway of aws_route_table_association.edge is not known (var.edge has no value (no default, no tfvars entry, no --var)): aws_internet_gateway.igw may route what enters through it by aws_route_table.edge, sending it to any appliance of its VPC first')).toBe(
      'aws_route_table_association.edge のゲートウェイが不明です（var.edge に値がありません（default、tfvars の指定、--var のいずれもありません））: aws_internet_gateway.igw はそこから入る通信を aws_route_table.edge でルーティングし、まずその VPC のどのアプライアンスへも送りえます',
    );
    expect(jaText('the replies of what route 10.0.1.0/24 → aws_instance.appliance (aws_route_table.edge) sends through aws_instance.appliance leave aws_subnet.web for aws_internet_gateway.igw straight: whether aws_instance.appliance passes a flow it sees one way only is set on the host, which the configuration does not show')).toBe(
      'ルート 10.0.1.0/24 → aws_instance.appliance（aws_route_table.edge）が aws_instance.appliance へ送る通信の応答は aws_subnet.web から aws_internet_gateway.igw へ直接出ます: aws_instance.appliance が片方向しか見えない通信を通すかはホスト上の設定で決まり、構成からはわかりません',
    );
    expect(jaText('the gateway route table of aws_internet_gateway.igw, not known, may send what enters to aws_networkfirewall_firewall.fw')).toBe('aws_internet_gateway.igw の不明なゲートウェイルートテーブルが、入ってくる通信を aws_networkfirewall_firewall.fw へ送りえます');
    expect(jaText('route 10.0.1.0/24 → vpce-0123456789abcdef0 (aws_route_table.edge) sends what enters through aws_internet_gateway.igw to vpce-0123456789abcdef0, which is not followed: it may reach aws_instance.web')).toBe(
      'ルート 10.0.1.0/24 → vpce-0123456789abcdef0（aws_route_table.edge）は aws_internet_gateway.igw から入る通信を vpce-0123456789abcdef0 へ送りますが、その先はたどりません: aws_instance.web に届きえます',
    );
  });

  it('translates the reasons of security groups the configuration does not manage or hold, a VPC named or not', () => {
    expect(jaText('the rules of the default security group of aws_vpc.main are not known: the configuration does not manage it (aws_default_security_group)')).toBe('aws_vpc.main のデフォルトセキュリティグループのルールが不明です: 構成で管理されていません（aws_default_security_group）');
    expect(jaText('deliver; the rules of the default security group of its VPC are not known: the configuration does not manage it (aws_default_security_group) (ingress)')).toBe('宛先へ配送; その VPC のデフォルトセキュリティグループのルールが不明です: 構成で管理されていません（aws_default_security_group）（受信）');
    expect(jaText('the members of security group sg-0123456789abcdef0 are not known: the configuration does not hold it')).toBe('セキュリティグループ sg-0123456789abcdef0 が関連付けられたリソースが不明です: 構成に含まれていません');
  });

  it('translates the reasons of values AWS or CloudFormation refuses, read as not known', () => {
    expect(jaText('Sg ingress is 5, not a list of ingress blocks')).toBe('Sg の ingress が ingress ブロックのリストではなく 5 です');
    expect(jaText('SecurityGroupIds of Web is the text "sg-1", not a list')).toBe('Web の SecurityGroupIds がリストではなくテキスト "sg-1"です');
    expect(jaText('MetadataOptions of I is a list, not a mapping')).toBe('I の MetadataOptions がマッピングではなくリストです');
    expect(jaText('Tags of Lb has the text "zone" in entry 1, where each entry is a mapping')).toBe('Lb の Tags の要素 1 がテキスト "zone"です（各要素はマッピングである必要があります）');
  });

  it('translates what the analysis says of listeners, peers, unmodelled conditions, try() and launch templates', () => {
    expect(jaText('listener: aws_elb.weblb re-originates the connection to aws_instance.web_host:8000; listener aws_elb.weblb (HTTP 80) forwards to aws_instance.web_host:8000')).toBe(
      'リスナー: aws_elb.weblb が aws_instance.web_host:8000 への接続を新たに張ります; リスナー aws_elb.weblb（HTTP 80）が aws_instance.web_host:8000 へ転送',
    );
    expect(jaText('aws_security_group_rule.egress allows all traffic to 0.0.0.0/0, an unknown address')).toBe('aws_security_group_rule.egress が 0.0.0.0/0、不明なアドレスへのすべての通信を許可');
    expect(jaText('the target of Stack.PeerRoute1 (destination unknown) (unknown (unknown id)) is not in the analysed configuration: it is taken to lead anywhere')).toBe(
      'Stack.PeerRoute1（宛先不明）のターゲット（unknown (unknown id)）が解析した構成にありません: どこへでも通じるものとして扱います',
    );
    expect(jaText('gw.nft:ip filter/INPUT#2: the conditions a, b are not modelled; the rule may or may not match')).toBe('gw.nft:ip filter/INPUT#2: 条件 a, b はモデル化していないため、このルールが一致するかどうかはわかりません');
    expect(jaText('try() cannot decide before apply: path.cwd is the absolute working directory of the machine that runs Terraform')).toBe('try() は apply 前には判定できません: path.cwd は Terraform を実行するマシンの作業ディレクトリの絶対パスです');
    expect(jaText("lt.a maps /dev/xvda, which may be the AMI's root device: its volume then takes the encryption of the AMI's snapshot")).toBe(
      'lt.a は /dev/xvda を割り当てており、これは AMI のルートデバイスでありえます: その場合、ボリュームは AMI のスナップショットの暗号化を引き継ぎます',
    );
    expect(jaText("not set (taken from the AMI's snapshot if it is the root device)")).toBe('未設定（ルートデバイスなら AMI のスナップショットの設定を引き継ぎます）');
    expect(jaText('not set (the provider default is false)')).toBe('未設定（プロバイダーの既定値は false）');
    expect(jaText('gw1:filter/INPUT#3 (DROP) decides some of its packets with a different action')).toBe('gw1:filter/INPUT#3（DROP）がこのルールのパケットの一部を先に異なる動作で判定します');
    expect(jaText('aws_instance.ven on the dispatch link')).toBe('簡易指令システムとの直接的な接続部にある aws_instance.ven');
    expect(jaText('traffic')).toBe('通信');
    expect(jaText('possibly also tcp aws_instance.web → the internet (8.8.8.8) port 8080, 50000, resting on: aws_lb.a.internal is known only after apply; the subnet of x is not in the configuration')).toBe(
      '可能性あり: tcp aws_instance.web → インターネット（8.8.8.8）ポート 8080, 50000 も届きえます（aws_lb.a.internal は apply 後まで確定しません; x のサブネットが構成にありません）',
    );
    expect(jaText('aws_instance.db, the host reached')).toBe('到達するホスト aws_instance.db');
    expect(jaText('map_public_ip_on_launch of its subnet')).toBe('サブネットの map_public_ip_on_launch');
    expect(jaText('(not known before apply)')).toBe('（apply 前には確定しません）');
  });

  it('translates the hooks of a firewall host that close a path', () => {
    expect(jaText('firewall gw1 FORWARD (eth2 → eth0)')).toBe('ファイアウォール gw1 の FORWARD（eth2 → eth0）');
    expect(jaText('firewall gw1 FORWARD (replies) (eth0 → eth2)')).toBe('ファイアウォール gw1 の FORWARD（応答）（eth0 → eth2）');
    expect(jaText('firewall gw1 POSTROUTING (replies, NAT undone) (eth0 → eth2)')).toBe('ファイアウォール gw1 の POSTROUTING（応答、NAT を戻した後）（eth0 → eth2）');
    expect(jaText('firewall gw1 INPUT (eth2 → host)')).toBe('ファイアウォール gw1 の INPUT（eth2 → ホスト）');
    expect(jaText('firewall gw1 egress (replies) (host → eth2)')).toBe('ファイアウォール gw1 の egress（応答）（ホスト → eth2）');
  });

  it('translates the reasons rules give for a finding that is only possible', () => {
    expect(jaText('no zones are declared, so any resource may be on the dispatch link')).toBe('ゾーンが宣言されていないため、どのリソースも簡易指令システムとの直接的な接続部にありえます');
    expect(jaText('no zones are declared, so no place is known to be a management zone')).toBe('ゾーンが宣言されていないため、どこが管理ゾーンかわかりません');
    expect(jaText('Lb.Policies[0] enables no protocol gridfence can read')).toBe('Lb.Policies[0] は gridfence が読み取れるプロトコルを 1 つも有効にしていません');
    expect(jaText('the TLS policy "ELBSecurityPolicy-TLS13-1-2-Res-2099-01" is not in gridfence\'s table')).toBe('TLS ポリシー "ELBSecurityPolicy-TLS13-1-2-Res-2099-01" は gridfence の表にありません');
  });

  it('translates the reasons of Terraform functions known only at apply time', () => {
    expect(jaText('timestamp() is known only at apply time')).toBe('timestamp() は apply 時まで確定しません');
    expect(jaText('uuid() is known only at apply time: it returns a new random value on every run')).toBe('uuid() は apply 時まで確定しません: 実行のたびに新しいランダムな値を返します');
    expect(jaText('bcrypt() is known only at apply time: its salt is random')).toBe('bcrypt() は apply 時まで確定しません: ソルトがランダムです');
  });

  it('translates the reasons of values CloudFormation knows only at or after deployment', () => {
    expect(jaText('AWS::Region is known only at deployment')).toBe('AWS::Region はデプロイ時まで確定しません');
    expect(jaText('the Availability Zones of the region are known only at deployment')).toBe('リージョンのアベイラビリティーゾーンはデプロイ時まで確定しません');
    expect(jaText('an attribute of Vpc is known only after deployment')).toBe('Vpc の属性はデプロイ後まで確定しません');
    expect(jaText('Vpc is known only after deployment')).toBe('Vpc はデプロイ後まで確定しません');
  });

  it('translates the reason that blocks a dynamic block makes are not known', () => {
    expect(jaText('the "inline_policy" blocks depend on aws_s3_bucket.b.arn is known only after apply')).toBe('"inline_policy" ブロックは確定しない値に依存します: aws_s3_bucket.b.arn は apply 後まで確定しません');
    expect(jaText('the count of module.vpc.aws_nat_gateway.this depends on data.aws_availability_zones.available.names is known only after apply')).toBe('module.vpc.aws_nat_gateway.this の count は確定しない値に依存します: data.aws_availability_zones.available.names は apply 後まで確定しません');
    expect(jaText('the for_each keys of aws_subnet.this depend on var.subnets has no value (no default, no tfvars entry, no --var)')).toBe('aws_subnet.this の for_each のキーは確定しない値に依存します: var.subnets に値がありません（default、tfvars の指定、--var のいずれもありません）');
  });

  it('translates the reasons of CloudFormation parameters without a value, and a rule from an address not known', () => {
    expect(jaText('parameter PeerVPCCIDR has no value')).toBe('パラメータ PeerVPCCIDR に値がありません');
    expect(jaText('the subnet of Instance is not known (example-vpc-dev-PublicSubnet1ID is exported by another stack): it may assign public addresses to the instances launched in it')).toBe(
      'Instance のサブネットが不明です（example-vpc-dev-PublicSubnet1ID は別のスタックがエクスポートする値です）: そこで起動するインスタンスにパブリックアドレスを割り当てえます',
    );
    expect(jaText('parameter AmiId is read from Systems Manager at deployment')).toBe('パラメータ AmiId はデプロイ時に Systems Manager から読み込まれます');
    expect(jaText('deliver; PeerIngressRule1 allows all traffic from an unknown address')).toBe('宛先へ配送; PeerIngressRule1 が不明なアドレスからのすべての通信を許可');
  });

  it('translates the steps of a path, part by part', () => {
    expect(jaText('route; route 0.0.0.0/0 → aws_nat_gateway.dmz (aws_route_table.dispatch), if the route is in this table')).toBe('ルーティング; ルート 0.0.0.0/0 → aws_nat_gateway.dmz（aws_route_table.dispatch）（このルートがこのテーブルにある場合）');
    expect(jaText('deliver; aws_security_group.sg ingress[0] allows tcp/22 from 0.0.0.0/0')).toBe('宛先へ配送; aws_security_group.sg ingress[0] が 0.0.0.0/0 からの tcp/22 を許可');
    expect(jaText('send; aws_security_group.sg egress[0] allows all traffic to 0.0.0.0/0')).toBe('送信; aws_security_group.sg egress[0] が 0.0.0.0/0 へのすべての通信を許可');
    expect(jaText('from the far side')).toBe('接続先から');
    expect(jaText('to the internet')).toBe('インターネットへ');
  });

  it('translates load balancer, firewall host and blocked-path words', () => {
    expect(jaText('listener')).toBe('リスナー');
    expect(jaText('listener aws_lb_listener.https (tcp 443) forwards to aws_instance.app:8443')).toBe('リスナー aws_lb_listener.https（tcp 443）が aws_instance.app:8443 へ転送');
    expect(jaText('listener aws_lb_listener.dnp3 (protocol not known, port 20000) forwards to aws_instance.app:20000')).toBe('リスナー aws_lb_listener.dnp3（プロトコル不明、ポート 20000）が aws_instance.app:20000 へ転送');
    expect(jaText('gw1 routes to eth1 (default route)')).toBe('gw1 が eth1 へルーティング（デフォルトルート）');
    expect(jaText('PREROUTING: DNAT to 10.0.1.10:502')).toBe('PREROUTING: DNAT（宛先を 10.0.1.10:502 に変換）');
    expect(jaText('network ACL aws_network_acl.dispatch (ingress, request)')).toBe('ネットワーク ACL aws_network_acl.dispatch（受信、要求）');
    expect(jaText('default network ACL (egress, reply)')).toBe('デフォルトのネットワーク ACL（送信、応答）');
    expect(jaText('aws_instance.x has no public address')).toBe('aws_instance.x にパブリックアドレスがありません');
    expect(jaText('listener aws_lb_listener.x takes HTTPS 443')).toBe('リスナー aws_lb_listener.x が HTTPS 443 で受け付けます');
    expect(jaText('listener aws_lb_listener.x takes TCP any port')).toBe('リスナー aws_lb_listener.x が TCP 任意のポートで受け付けます');
    expect(jaText('listener aws_lb_listener.x takes protocol not known, port 20000')).toBe('リスナー aws_lb_listener.x がプロトコル不明、ポート 20000 で受け付けます');
    expect(jaText('listeners of aws_lb.l')).toBe('aws_lb.l のリスナー');
  });

  it('translates the reason of a resource the run\'s instance budget left out', () => {
    expect(jaText('module.m[24].aws_subnet.s is left out: the run expands more instances than gridfence takes')).toBe(
      'module.m[24].aws_subnet.s は対象外です: この実行で展開されるインスタンスが gridfence の扱う上限を超えています',
    );
  });

  it('translates the reasons of listeners whose port, protocol or load balancer is not known', () => {
    expect(jaText('the port of aws_lb_listener.edge is not known')).toBe('aws_lb_listener.edge のポートが不明です');
    expect(jaText('the instance port of aws_elb.e listener[0] is not known')).toBe('aws_elb.e listener[0] のインスタンスポートが不明です');
    expect(jaText('the protocol of aws_lb_listener.x is not known: it may be TCP or UDP')).toBe('aws_lb_listener.x のプロトコルが不明です: TCP と UDP のどちらでもありえます');
    expect(jaText("the load balancer of aws_lb_listener.x is not known (var.lb has no value (no default, no tfvars entry, no --var)): it may be any of the configuration's")).toBe(
      'aws_lb_listener.x のロードバランサーが不明です（var.lb に値がありません（default、tfvars の指定、--var のいずれもありません））: 構成のどのロードバランサーでもありえます',
    );
  });

  it('leaves identifiers and unknown phrases alone', () => {
    for (const s of ['aws_instance.web', '10.0.0.0/16', 'tcp/443', 'something gridfence has no words for']) expect(jaText(s)).toBe(s);
  });
});

describe('jaPlace', () => {
  it('names places that are not resources in Japanese', () => {
    expect(jaPlace('internet')).toBe('インターネット');
    expect(jaPlace('the internet (8.8.8.8)')).toBe('インターネット（8.8.8.8）');
    expect(jaPlace('partner (over the internet)')).toBe('partner（インターネット経由）');
    expect(jaPlace('external network partner')).toBe('接続先ネットワーク partner');
    expect(jaPlace('undeclared network via a network the configuration does not hold')).toBe('構成にないネットワークの先の宣言されていないネットワーク');
    expect(jaPlace('undeclared network via aws_vpc_peering_connection.p')).toBe('aws_vpc_peering_connection.p の先の宣言されていないネットワーク');
    expect(jaPlace('a network the configuration does not hold (inbound)')).toBe('構成にないネットワーク（受信側）');
    expect(jaPlace('aws_instance.web')).toBe('aws_instance.web');
  });
});
