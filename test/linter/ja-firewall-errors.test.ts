/**
 * Syntax errors of iptables and nftables rulesets in Japanese reports: each case makes the loader
 * raise the error, so that a pattern that no longer matches its English fails here.
 */
import { describe, expect, it } from 'vitest';
import { problemsInBothLanguages } from '../support/ja-problems.js';

const iptables = (rule: string) => ({ 'gw1.rules': `*filter\n:INPUT DROP [0:0]\n${rule}\nCOMMIT\n` });
const nft = (body: string) => ({ 'gw1.nft': `table inet filter {\n${body}\n}\n` });

describe('Japanese for firewall syntax errors', () => {
  it.each([
    ['an option of no match loaded', iptables('-A INPUT --dport 22 -j ACCEPT'), '不明なオプション --dport（-p も -m もこれを読み込みません）: iptables はこのルールを拒否します'],
    ['an option of another match', iptables('-A INPUT -p tcp -m state --dports 22 -j ACCEPT'), '不明なオプション --dports（マッチ state のオプションではありません）: iptables はこのルールを拒否します'],
    ['a word where an option belongs', iptables('-A INPUT tcp -j ACCEPT'), '予期しない "tcp": オプション（-s、-p、-m、-j など）が必要です'],
    ['a long interface name', iptables('-A INPUT -i averyveryverylongname -j ACCEPT'), 'インターフェース名 "averyveryverylongname" が 15 文字を超えています: iptables はこれを拒否します'],
    ['a port out of range', iptables('-A INPUT -p tcp --dport 70000 -j ACCEPT'), 'ポート 70000 は範囲（0〜65535）外です'],
    ['a multiport match without a protocol', iptables('-A INPUT -m multiport --dports 22,80 -j ACCEPT'), '-m multiport には -p tcp、udp、udplite、sctp、dccp のいずれかが必要です: iptables はこのルールを拒否します'],
    ['a tcp match after another protocol', iptables('-A INPUT -p udp -m tcp --dport 22 -j ACCEPT'), '-m tcp には -p tcp が必要です（指定は udp）: iptables はこのルールを拒否します'],
    ['a negation of -m', iptables('-A INPUT -p tcp ! -m tcp --dport 22 -j ACCEPT'), '"!" は -m を否定できません。モジュールのオプションを否定してください（"-m set ! --match-set …"）'],
    ['a nat target in the filter table', iptables('-A INPUT -p tcp -j DNAT --to-destination 10.0.0.1'), 'DNAT は nat テーブルだけのターゲットで、filter では使えません: カーネルはこのルールを拒否します'],
    ['a NAT address not in dotted-quad form', { 'gw1.rules': '*nat\n:PREROUTING ACCEPT [0:0]\n-A PREROUTING -p tcp -j DNAT --to-destination 10.0.0\nCOMMIT\n' }, 'DNAT --to-destination 10.0.0: "10.0.0" はドット区切り 4 つの数のアドレスではありません（"Bad IP address"）（iptables はこのルールを拒否します）'],
    ['a reset reject without tcp', iptables('-A INPUT -p udp -j REJECT --reject-with tcp-reset'), 'REJECT --reject-with tcp-reset には -p tcp が必要です: カーネルはこのルールを拒否します'],
    ['two targets', iptables('-A INPUT -j ACCEPT -j DROP'), 'ルールのターゲット（-j か -g）は一つまでです'],
    ['an option without its argument', iptables('-A INPUT -s'), '-s には引数が必要です'],
    ['a base chain without priority', nft('  chain input {\n    type filter hook input;\n  }'), 'ベースチェーンには優先度が必要です'],
    ['an unknown chain type', nft('  chain input {\n    type bogus hook input priority 0;\n  }'), '不明なチェーンタイプ "bogus": nft はこれを拒否します'],
    ['a statement after the verdict', nft('  chain input {\n    type filter hook input priority 0; policy drop;\n    accept counter\n  }'), '判定 "accept" の後に文があります'],
    ['an unknown priority name', nft('  chain input {\n    type filter hook input priority nonsense;\n  }'), '不明な優先度の名前 "nonsense"'],
    ['an unknown ICMP type', nft('  chain input {\n    type filter hook input priority 0;\n    icmp type bogus accept\n  }'), 'ICMP のタイプ "bogus" を解釈できません: nft はこれを拒否します'],
    ['an ingress chain without a device', { 'gw1.nft': 'table netdev filter {\n  chain in {\n    type filter hook ingress priority 0;\n  }\n}\n' }, 'ingress チェーンにはデバイスが必要です: nft はこれを拒否します（"Missing `device\' in this chain definition"）'],
    ['values joined by commas without braces', nft('  chain input {\n    type filter hook input priority 0;\n    tcp dport 22,23 accept\n  }'), '"22,23": ここでは "," で並べた値を "{ }" で囲む必要があります: nft はこれを拒否します（"Basetype of type internet network service is not bitmask"）'],
    ['a JSON ruleset of another shape', { 'gw1.json': '{"nftables": [{"chain": {"family": "inet", "table": "filter", "name": 5}}]}' }, '"name" には文字列が必要です'],
    ['a bad chain policy', nft('  chain input {\n    type filter hook input priority 0; policy maybe;\n  }'), 'チェーンのポリシー "maybe" が無効です'],
  ])('%s', (_, files, ja) => {
    const problems = problemsInBothLanguages(files);
    expect(problems.map((p) => p.ja)).toContain(ja);
  });
});

describe('Japanese for the structure of rulesets, iptables scripts, ipset files and nft references', () => {
  const ipt = (text: string) => ({ 'gw1.rules': text });
  const nft = (text: string) => ({ 'gw1.nft': text });
  const sh = (text: string) => ({ 'gw1.sh': text });
  it.each([
    ['a CRLF line ending', ipt('*filter\r\n:INPUT DROP [0:0]\r\nCOMMIT\r\n'), '行末に復帰文字があります（CRLF の改行）: iptables-restore は行の最後の語の一部として読み、その行を拒否します'],
    ["table while open", ipt('*filter\n:INPUT DROP [0:0]\n*nat\nCOMMIT\n'), "*nat はテーブル filter が開いたままの状態でテーブルを始めています: COMMIT がありません"],
    ["chain before table", ipt(':INPUT DROP [0:0]\n*filter\nCOMMIT\n'), "*table の行より前にチェーンの行があります"],
    ["table twice", ipt('*filter\n:INPUT DROP [0:0]\nCOMMIT\n*filter\n:INPUT DROP [0:0]\nCOMMIT\n'), "テーブル filter がファイル内に二度あります"],
    ["after counters", ipt('*filter\n:INPUT DROP [0:0] extra\nCOMMIT\n'), "チェーンのカウンターの後に予期しない \"extra\" があります"],
    ["bad counter", ipt('*filter\n:INPUT DROP [0]\nCOMMIT\n'), "\"[0]\" は [packets:bytes] のカウンターではありません"],
    ["declared twice", ipt('*filter\n:INPUT DROP [0:0]\n:INPUT DROP [0:0]\nCOMMIT\n'), "チェーン INPUT がテーブル filter で二度宣言されています"],
    ["builtin dash", ipt('*filter\n:INPUT - [0:0]\nCOMMIT\n'), "組み込みチェーン INPUT には \"-\" ではなくポリシー（ACCEPT か DROP）が必要です"],
    ["user policy", ipt('*filter\n:MINE DROP [0:0]\nCOMMIT\n'), "MINE はテーブル filter の組み込みチェーンではないため、ポリシーを持てません（\"-\" と書いてください）"],
    ["bad policy", ipt('*filter\n:INPUT MAYBE [0:0]\nCOMMIT\n'), "\"MAYBE\" はチェーンのポリシーではありません（ACCEPT、DROP、ユーザー定義チェーンなら \"-\"）"],
    ["counters without rule", ipt('*filter\n:INPUT DROP [0:0]\n[0:0]\nCOMMIT\n'), "ルールのないカウンターです"],
    ["rule before table", ipt('-A INPUT -j ACCEPT\n*filter\nCOMMIT\n'), "*table の行より前にルールがあります"],
    ["insert in save", ipt('*filter\n:INPUT DROP [0:0]\n-I INPUT -j ACCEPT\nCOMMIT\n'), "-I はチェーンを挿入する操作です。iptables-save の出力は -A でルールを追加するだけです（チェーンは \":NAME POLICY [0:0]\" の行で宣言してください）"],
    ["unexpected line", ipt('*filter\n:INPUT DROP [0:0]\nfoo\nCOMMIT\n'), "予期しない \"foo\": 行はコメント、*table、:CHAIN、-A のルール、COMMIT のいずれかでなければなりません"],
    ["-A no chain", ipt('*filter\n:INPUT DROP [0:0]\n-A\nCOMMIT\n'), "-A にはチェーン名が必要です"],
    ["undeclared chain", ipt('*filter\n:INPUT DROP [0:0]\n-A MINE -j ACCEPT\nCOMMIT\n'), "チェーン MINE はテーブル filter で宣言されていません（\":MINE - [0:0]\" の行がありません）"],
    ["loop", ipt('*filter\n:INPUT DROP [0:0]\n:A - [0:0]\n:B - [0:0]\n-A INPUT -j A\n-A A -j B\n-A B -j A\nCOMMIT\n'), "-j A: チェーン A → B → A は組み込みチェーンから届く循環になっています: 読み込み時にカーネルはこのテーブルを拒否します"],
    ["set dirs", ipt('*filter\n:INPUT DROP [0:0]\n-A INPUT -m set --match-set s up -j ACCEPT\nCOMMIT\n'), "\"up\" はセットの方向の並び（src、dst、src,dst …）ではありません"],
    ["backslash", ipt('*filter\n:INPUT DROP [0:0]\n-A INPUT -j ACCEPT \\\nCOMMIT\n'), "行末のバックスラッシュは何もエスケープしません（iptables-restore に継続行はありません）"],
    ["unbalanced", ipt('*filter\n:INPUT DROP [0:0]\n-A INPUT -m comment --comment "x -j ACCEPT\nCOMMIT\n'), "二重引用符が閉じられていません: 引用した引数がこの行で終わっていません"],
    ["neg proto", ipt('*filter\n:INPUT DROP [0:0]\n-A INPUT ! -p tcp --dport 22 -j ACCEPT\nCOMMIT\n'), "否定したプロトコル（! -p tcp）の --dport: ルールは残しますが、この条件はモデル化しません"],
    ["mask", ipt('*filter\n:INPUT DROP [0:0]\n-A INPUT -s 10.0.0.0/255.0.255.0 -j ACCEPT\nCOMMIT\n'), "\"10.0.0.0/255.0.255.0\" のマスクはプレフィックスではありません: ルールは残しますが、このアドレスの条件はモデル化しません"],
    ["hostname", ipt('*filter\n:INPUT DROP [0:0]\n-A INPUT -s gw.example.com -j ACCEPT\nCOMMIT\n'), "\"gw.example.com\" はホスト名です: iptables はルールの読み込み時に一度だけ解決するため、表していたアドレスは不明です"],
    ["service", ipt('*filter\n:INPUT DROP [0:0]\n-A INPUT -p tcp --dport nosuchservice -j ACCEPT\nCOMMIT\n'), "\"nosuchservice\" はここではポートのわからないサービス名です: ルールは残しますが、そのポートはモデル化しません"],
    ["old negation", ipt('*filter\n:INPUT DROP [0:0]\n-A INPUT -p tcp --dport ! 22 -j ACCEPT\nCOMMIT\n'), "\"--dport ! …\" は現在の iptables が拒否する古い否定の書き方です。\"! --dport …\" と書いてください"],
    ["writer family", ipt('# Generated by ip6tables-save v1.8.7\n*filter\n:INPUT DROP [0:0]\n-A INPUT -s 10.0.0.1/32 -j ACCEPT\nCOMMIT\n'), "ファイルは ip6tables-save が書き出したものですが、IPv4 のアドレスか ICMP のマッチを含みます。IPv6 として読み込みます"],
    ["script cond", sh('#!/bin/sh\niptables -A INPUT -j ACCEPT && iptables -A INPUT -j DROP\n'), "\"&&\" は gridfence がたどらない条件でコマンドをつないでいます: その行の iptables コマンドはそれぞれ読み込みます"],
    ["script notcmd", sh('#!/bin/sh\niptables -P INPUT DROP\nfoo bar\n'), "\"foo bar\" は iptables のコマンドではありません: スクリプトの他の行は読み込みません"],
    ["script missing chain", sh('#!/bin/sh\niptables -A MINE -j ACCEPT\n'), "チェーン MINE はテーブル filter にありません（先に -N で作成してください）"],
    ["script rule number", sh('#!/bin/sh\niptables -I INPUT x -j ACCEPT\n'), "-I INPUT x: \"x\" はルール番号ではないため、iptables はこの挿入を拒否します（\"Invalid rule number\"）"],
    ["script too big", sh('#!/bin/sh\niptables -I INPUT 5 -j ACCEPT\n'), "-I INPUT 5: チェーンのルールはここで 0 件のため、iptables はこの挿入を拒否します（\"Index of insertion too big\" / \"Invalid rule number\"）"],
    ['script variable from the environment', sh('#!/bin/sh\niptables -A INPUT -i $WAN -j ACCEPT\n'), '$WAN はスクリプトが設定しないシェル変数です（環境から与えられます）: コマンドの内容がわからないため、スクリプト内で設定するか、ルールセットを iptables-save の出力で与えてください'],
    ["script exists", sh('#!/bin/sh\niptables -N MINE\niptables -N MINE\n'), "チェーン MINE はテーブル filter にすでにあります"],
    ["script policy user", sh('#!/bin/sh\niptables -N MINE\niptables -P MINE DROP\n'), "MINE は組み込みチェーンではありません: ポリシーを持てるのは組み込みチェーンだけです"],
    ["script bad policy", sh('#!/bin/sh\niptables -P INPUT MAYBE\n'), "\"MAYBE\" はチェーンのポリシー（ACCEPT か DROP）ではありません"],
    ["script delete busy", sh('#!/bin/sh\niptables -N MINE\niptables -A MINE -j ACCEPT\niptables -X MINE\n'), "-X はテーブル filter のチェーン MINE を削除できません: ルールが 1 件あります（iptables はこれを拒否します。先にフラッシュし、ジャンプを取り除いてください）"],
    ["ipset twice", { 'gridfence.yaml': 'version: 1\nhosts:\n  gw1:\n    config: gw1.rules\n    ipsets: sets.txt\n', 'gw1.rules': '*filter\n:INPUT DROP [0:0]\nCOMMIT\n', 'sets.txt': 'create s hash:ip family inet\ncreate s hash:ip family inet\n' }, "セット s が二度作成されています"],
    ["ipset add", { 'gridfence.yaml': 'version: 1\nhosts:\n  gw1:\n    config: gw1.rules\n    ipsets: sets.txt\n', 'gw1.rules': '*filter\n:INPUT DROP [0:0]\nCOMMIT\n', 'sets.txt': 'add s 10.0.0.1\n' }, "セット s はこの add より前に作成されていません"],
    ["ipset junk", { 'gridfence.yaml': 'version: 1\nhosts:\n  gw1:\n    config: gw1.rules\n    ipsets: sets.txt\n', 'gw1.rules': '*filter\n:INPUT DROP [0:0]\nCOMMIT\n', 'sets.txt': 'flush s\n' }, "\"create NAME TYPE …\" または \"add NAME MEMBER …\" が必要です（ipset save の出力）"],
    ["nft no chain", nft('table inet filter {\n  chain input {\n    type filter hook input priority 0;\n    jump nowhere\n  }\n}\n'), "jump nowhere: テーブル inet filter にチェーン nowhere がありません（nft はこのルールを拒否します）"],
    ["nft later", nft('table inet filter {\n  chain input {\n    type filter hook input priority 0;\n    jump later\n  }\n}\ntable inet filter {\n  chain later {\n  }\n}\n'), "jump later: テーブル inet filter はチェーン later を後のブロックかコマンドでしか宣言していません（nft はこのルールを拒否します）"],
    ["nft datatype", nft('table inet filter {\n  set ports {\n    type inet_service\n  }\n  chain input {\n    type filter hook input priority 0;\n    ip saddr @ports accept\n  }\n}\n'), "@ports: セット ports の要素は inet_service ですが、このマッチには ipv4_addr が必要です（nft はこのルールを拒否します: \"datatype mismatch\"）"],
    ["nft base jump", nft('table inet filter {\n  chain forwarding {\n    type filter hook forward priority 0;\n  }\n  chain input {\n    type filter hook input priority 0;\n    jump forwarding\n  }\n}\n'), "jump forwarding: forwarding はテーブル inet filter のベースチェーンで、入れるのはそのフックだけです（nft はこのルールを拒否します）"],
    ["nft loop", nft('table inet filter {\n  chain a {\n    jump b\n  }\n  chain b {\n    jump a\n  }\n  chain input {\n    type filter hook input priority 0;\n    jump a\n  }\n}\n'), "jump a: チェーン a → b → a はベースチェーンから届く循環になっています: nft が読み込むとカーネルはこのルールセットを拒否します（\"Too many links\"）"],
    ["nft crlf", nft('table inet filter {\r\n}\r\n'), "復帰文字があります（CRLF の改行）: nft はこれを拒否します（\"syntax error, unexpected junk\"）"],
    ["nft unterminated", nft('table inet filter {\n  chain input {\n    type filter hook input priority 0;\n    meta iifname "eth0 accept\n  }\n}\n'), "文字列が閉じられていません"],
    ["nft variable", nft('define X = 1\ntable inet filter {\n  chain input {\n    type filter hook input priority 0;\n    tcp dport $Y accept\n  }\n}\n'), "nftables の変数を解決できません。マッチはその他の条件として残します"],
    ['nft dormant table', nft('table inet filter {\n  flags dormant\n  chain input {\n    type filter hook input priority 0; policy drop;\n  }\n}\n'), 'テーブル inet filter は休止中です（flags dormant）: そのチェーンはフックから外れ、何もフィルタリングしません'],
    ['nft address rewrite', nft('table ip t {\n  chain post {\n    type filter hook postrouting priority 0; policy accept;\n    ip daddr 203.0.113.10 ip daddr set 198.18.0.5\n  }\n}\n'), '"ip daddr set 198.18.0.5" はパケットを書き換えますが、これはたどりません: 書き換え後の行き先は検査されません'],
    ['iptables TEE', { 'gw1.rules': '*mangle\n:PREROUTING ACCEPT [0:0]\n-A PREROUTING -i eth1 -j TEE --gateway 198.51.100.1\nCOMMIT\n' }, 'TEE は受け取ったパケットを 198.51.100.1 へ複製しますが、これはたどりません: 複製の行き先は検査されません'],
    ['iptables CT helper', { 'gw1.rules': '*raw\n:PREROUTING ACCEPT [0:0]\n-A PREROUTING -p tcp --dport 21 -j CT --helper ftp\nCOMMIT\n' }, 'CT --helper ftp はヘルパーが予期する接続を RELATED として通しますが、これはたどりません: それが開く通信は検査されません'],
    ["nft hostname", nft('table inet filter {\n  chain input {\n    type filter hook input priority 0;\n    ip saddr gw.example.com accept\n  }\n}\n'), "\"gw.example.com\" は nft がルールセットの読み込み時に解決するホスト名です: マッチは残しますが、そのアドレスはモデル化しません"],
    ["nft keyword", nft('table inet filter {\n  chain fwd {\n  }\n}\n'), "\"fwd\" は nft のキーワードのため、チェーン名にすると nft が拒否します（syntax error）"],
    ["nft quoted", nft('table inet filter {\n  chain "my chain" {\n  }\n}\n'), "引用符で囲んだチェーン名（\"my chain\"）: nft はこれを拒否します（syntax error, unexpected quoted string）"],
    ["nft bad name", nft('table inet filter {\n  chain 9x {\n  }\n}\n'), "\"9x\" は nft が読めるチェーン名ではありません（先頭は英字、\"_\"、\".\" で、その後は英字、数字、\"/\"、\"-\"、\"_\"、\".\"）"],
  ] as Array<[string, Record<string, string>, string]>)('%s', (_, files, ja) => {
    expect(problemsInBothLanguages(files).map((p) => p.ja)).toContain(ja);
  });
});
