/**
 * Japanese for the syntax errors of firewall rulesets that users meet most (loaders/iptables/,
 * loaders/nftables/): unknown options, bad addresses and ports, interface names too long, options
 * that need a protocol, rules after a verdict, unbalanced braces, base chains without type, hook or
 * priority. The words iptables and nft print themselves (quoted) stay as they print them.
 *
 * Contract: as ja-problems.ts — options, names, values and quoted text pass through untouched; a
 * message none of whose patterns matches comes back unchanged.
 */
import { applyJaRules, type JaRule } from './ja-rule.js';

/** A sentence of FIREWALL_ERRORS inside another's frame, in Japanese where a pattern knows it. */
const inner = (why: string): string => applyJaRules(FIREWALL_ERRORS, why);

export const FIREWALL_ERRORS: JaRule[] = [
  // A target's option whose value iptables refuses: the option as written, then why.
  [/^(\S+ --\S+ .+?): (.+) \(iptables refuses the rule\)$/s, (_, option, why) => `${option}: ${inner(why!)}（iptables はこのルールを拒否します）`],
  // iptables (loaders/iptables/).
  [
    /^Unknown option (\S+)(?: for match (\S+)| \(no -p or -m loads it\)| after -p (\S+))?: iptables refuses the rule$/,
    (_, opt, module, proto) =>
      `不明なオプション ${opt}${module ? `（マッチ ${module} のオプションではありません）` : proto ? `（-p ${proto} の後では使えません）` : '（-p も -m もこれを読み込みません）'}: iptables はこのルールを拒否します`,
  ],
  [/^Unknown option (\S+)$/, '不明なオプション $1'],
  [/^Unexpected "(.*)": an option \(such as -s, -p, -m or -j\) was expected$/, '予期しない "$1": オプション（-s、-p、-m、-j など）が必要です'],
  [/^(\S+) needs an argument$/, '$1 には引数が必要です'],
  [/^(\S+) is given twice: iptables refuses the rule \(multiple (\S+) flags\)$/, '$1 が二度指定されています: iptables はこのルールを拒否します（$2 の重複）'],
  [/^A rule has at most one target \(-j or -g\)$/, 'ルールのターゲット（-j か -g）は一つまでです'],
  [/^-m (\S+) needs -p ([^:]+?)(?:, not (\S+))?: iptables refuses the rule$/, (_, m, need, got) => `-m ${m} には -p ${need!.includes(' or ') ? `${need!.replace(/, | or /g, '、')} のいずれか` : `${need} `}が必要です${got ? `（指定は ${got}）` : ''}: iptables はこのルールを拒否します`],
  [/^ports need -p tcp, udp, sctp, dccp or icmp \("Need TCP, UDP, SCTP or DCCP with port specification"\)$/, 'ポートの指定には -p tcp、udp、sctp、dccp、icmp のいずれかが必要です（"Need TCP, UDP, SCTP or DCCP with port specification"）'],
  [/^Can't use (\S+) with (\S+): iptables refuses the rule$/, '$1 は $2 では使えません: iptables はこのルールを拒否します'],
  [/^(\S+) is a built-in chain: a rule cannot jump to it \(the kernel refuses the rule\)$/, '$1 は組み込みチェーンです: ルールからジャンプできません（カーネルはこのルールを拒否します）'],
  [/^Interface name "(.*)" is longer than 15 characters: (iptables|nft) refuses it$/, 'インターフェース名 "$1" が 15 文字を超えています: $2 はこれを拒否します'],
  [/^Unknown TCP flag "(.*)": iptables refuses it$/, '不明な TCP フラグ "$1": iptables はこれを拒否します'],
  [/^Port (\S+) is out of range \(0-65535\)$/, 'ポート $1 は範囲（0〜65535）外です'],
  [/^"(.*)" is not a port or port range$/, '"$1" はポートでもポート範囲でもありません'],
  [/^"(.*)" is not a port: a leading 0 makes it octal \(iptables refuses it\)$/, '"$1" はポートではありません: 先頭の 0 で 8 進数になります（iptables はこれを拒否します）'],
  [/^"(.*)" is not a port range: its first port must be below its last \(iptables refuses it\)$/, '"$1" はポート範囲ではありません: 最初のポートは最後のポートより小さい必要があります（iptables はこれを拒否します）'],
  [/^"(.*)" is not an address or prefix$/, '"$1" はアドレスでもプレフィックスでもありません'],
  [/^"(.*)" is not a connection state \((.+)\)$/, '"$1" は接続状態ではありません（$2）'],
  [/^"!" must be followed by the option it negates$/, '"!" の後には否定するオプションが必要です'],
  [/^"!" cannot negate -m; negate the module's option instead \((.+)\)$/, '"!" は -m を否定できません。モジュールのオプションを否定してください（$1）'],
  [/^"!" cannot negate (\S+)$/, '"!" は $1 を否定できません'],
  [/^"!" is not allowed with several addresses \((.+)\): iptables refuses the rule$/s, '複数のアドレスには "!" を使えません（$1）: iptables はこのルールを拒否します'],
  [/^-c needs two counts: packets and bytes$/, '-c にはパケット数とバイト数の二つの数が必要です'],
  [/^(\S+): option "(--\S+)" can only be used once: iptables refuses the rule$/, '$1: オプション "$2" は一度しか使えません: iptables はこのルールを拒否します'],
  [/^-g needs a chain of table (\S+); (\S+) is not declared$/, '-g にはテーブル $1 のチェーンが必要ですが、$2 は宣言されていません'],
  [/^(\S+) is a target of the nat table only, not of (\S+): the kernel refuses the rule$/, '$1 は nat テーブルだけのターゲットで、$2 では使えません: カーネルはこのルールを拒否します'],
  [/^(\S+) works in (.+) only, not in (\S+): the kernel refuses the rule$/, (_, t, places, chain) => `${t} が使えるのは ${places!.replace(/ and /g, '、')} だけで、${chain} では使えません: カーネルはこのルールを拒否します`],
  [/^REDIRECT --to-ports needs -p tcp, udp, sctp or dccp: iptables refuses the rule$/, 'REDIRECT --to-ports には -p tcp、udp、sctp、dccp のいずれかが必要です: iptables はこのルールを拒否します'],
  [/^REJECT --reject-with tcp-reset needs -p tcp: the kernel refuses the rule$/, 'REJECT --reject-with tcp-reset には -p tcp が必要です: カーネルはこのルールを拒否します'],
  [/^"(.*)" is neither an IPv6 address nor an address and ports \("Bad IP address"\)$/, '"$1" は IPv6 アドレスでもアドレスとポートでもありません（"Bad IP address"）'],
  [/^"(.*)" is not an address in dotted-quad form \("Bad IP address"\)$/, '"$1" はドット区切り 4 つの数のアドレスではありません（"Bad IP address"）'],
  [/^"(.*)" is not a protocol number \(0-255; a leading 0 makes it octal\): iptables refuses it \("unknown protocol"\)$/, '"$1" はプロトコル番号（0〜255。先頭の 0 で 8 進数になります）ではありません: iptables はこれを拒否します（"unknown protocol"）'],
  [/^An empty interface name: iptables refuses it \("Empty interface is likely to be undesired"\)$/, '空のインターフェース名: iptables はこれを拒否します（"Empty interface is likely to be undesired"）'],
  [/^An empty interface name: nft refuses it$/, '空のインターフェース名: nft はこれを拒否します'],
  [/^"(.*)" names more than the 15 ports multiport holds \(a range counts twice\): iptables refuses it$/, '"$1" は multiport が扱える 15 個を超えるポートを指定しています（範囲は 2 個と数えます）: iptables はこれを拒否します'],
  [/^"(.*)": a multiport range needs both its ports \(iptables refuses an open one\)$/, '"$1": multiport の範囲には両端のポートが必要です（iptables は片側が開いた範囲を拒否します）'],
  [/^"(.*)" is not an address range \(FIRST-LAST\) or an address$/, '"$1" はアドレス範囲（FIRST-LAST）でもアドレスでもありません'],

  // nftables (loaders/nftables/).
  [/^Unknown table family "(.*)"$/, '不明なテーブルファミリー "$1"'],
  [/^Unknown chain type "(.*)": nft refuses it$/, '不明なチェーンタイプ "$1": nft はこれを拒否します'],
  [/^The (\S+) family has no hook "(.*)": nft refuses the chain$/, '$1 ファミリーにフック "$2" はありません: nft はこのチェーンを拒否します'],
  [/^A base chain needs "type TYPE hook HOOK"$/, 'ベースチェーンには "type TYPE hook HOOK" が必要です'],
  [/^A base chain needs a priority$/, 'ベースチェーンには優先度が必要です'],
  [/^Bad chain policy "(.*)"$/, 'チェーンのポリシー "$1" が無効です'],
  [/^Bad address "(.*)" in an (\S+) match: nft refuses an address of the other family$/, 'アドレス "$1" が無効です: $2 のマッチでは、nft はもう一方のファミリーのアドレスを拒否します'],
  [/^Bad address "(.*)"$/, 'アドレス "$1" が無効です'],
  [/^Bad port "(.*)"$/, 'ポート "$1" が無効です'],
  [/^Statement after the verdict "(.*)"$/, '判定 "$1" の後に文があります'],
  [/^Rule for an undeclared chain (\S+) (\S+) (\S+)$/, '宣言されていないチェーン $1 $2 $3 のルールです'],
  [/^Unbalanced "([{}])"$/, '"$1" が対応していません'],
  [/^(.+) block is not closed$/, '$1 ブロックが閉じていません'],
  [/^Unexpected "(.*)" outside a table$/, 'テーブルの外に予期しない "$1" があります'],
  [/^Unexpected "(.*)"$/, '予期しない "$1"'],
  [/^Unexpected string "(.*)"$/, '予期しない文字列 "$1"'],
  [/^Bad chain priority "(.*)"$/, 'チェーンの優先度 "$1" が無効です'],
  [/^Unknown priority name "(.*)"$/, '不明な優先度の名前 "$1"'],
  [/^A policy needs a base chain \(type … hook …\)$/, 'ポリシーにはベースチェーン（type … hook …）が必要です'],
  [/^A base chain needs "prio"$/, 'ベースチェーンには "prio" が必要です'],
  [/^A nat chain cannot hook (\S+) (\S+): the kernel refuses it \("Operation not supported"\)$/, 'nat チェーンは $1 の $2 にフックできません: カーネルはこれを拒否します（"Operation not supported"）'],
  [/^Bad port mask "(.*)"$/, 'ポートのマスク "$1" が無効です'],
  [/^Bad port comparison$/, 'ポートの比較が無効です'],
  [/^Bad protocol number "(.*)": nft refuses it$/, 'プロトコル番号 "$1" が無効です: nft はこれを拒否します'],
  [/^Could not resolve protocol name "(.*)": nft refuses it$/, 'プロトコル名 "$1" を解決できません: nft はこれを拒否します'],
  [/^Could not parse conntrack state "(.*)": nft refuses it$/, '接続追跡の状態 "$1" を解釈できません: nft はこれを拒否します'],
  [/^Could not parse netfilter protocol "(.*)": nft refuses it$/, 'netfilter のプロトコル "$1" を解釈できません: nft はこれを拒否します'],
  [/^Could not parse (ICMP|ICMPv6) type "(.*)": nft refuses it$/, '$1 のタイプ "$2" を解釈できません: nft はこれを拒否します'],
  [/^redefinition of symbol "(.*)": nft refuses a second define of it$/, 'シンボル "$1" の再定義: nft は二度目の define を拒否します'],
  [/^A concatenation needs a set$/, '連結にはセットが必要です'],
  [/^Expected a value$/, '値が必要です'],
  [/^Expected an argument$/, '引数が必要です'],
  [/^Expected a chain name$/, 'チェーン名が必要です'],
  [/^Expected a comment string$/, 'コメントの文字列が必要です'],
  [/^Expected a value after "set"$/, '"set" の後に値が必要です'],
  [/^Expected a chain after "(\S+)"$/, '"$1" の後にチェーンが必要です'],
  [/^Expected a table family and name after "table"$/, '"table" の後にテーブルのファミリーと名前が必要です'],
  [/^Expected a (chain|set|map|flowtable) name$/, '$1 の名前が必要です'],
  [/^Expected "\{" after (\S+) (\S+)$/, '$1 $2 の後に "{" が必要です'],
  [/^(set|map) (\S+) has no type$/, '$1 $2 に type がありません'],
  [/^Expected an address after "(\S+) to"$/, '"$1 to" の後にアドレスが必要です'],
  [/^A route chain hooks output only \(of ip, ip6 or inet\), not (\S+) (\S+): the kernel refuses it \("Operation not supported"\)$/, 'route チェーンがフックできるのは（ip、ip6、inet の）output だけで、$1 の $2 ではありません: カーネルはこれを拒否します（"Operation not supported"）'],
  [/^An (ingress|egress) chain needs a device: nft refuses it \((".*")\)$/, '$1 チェーンにはデバイスが必要です: nft はこれを拒否します（$2）'],
  [/^Priority "(.*)" does not suit a (\S+) chain of family (\S+) in (\S+) \(it takes (.+)\): nft refuses it \((".*")\)$/, '優先度 "$1" は $3 ファミリーの $4 の $2 チェーンに合いません（使えるのは $5）: nft はこれを拒否します（$6）'],
  [/^"(.*)": values joined by commas need braces here; nft refuses them \((".*")\)$/s, '"$1": ここでは "," で並べた値を "{ }" で囲む必要があります: nft はこれを拒否します（$2）'],
  [/^nftables command "(.*)" changes the ruleset outside a table block, which gridfence does not follow: give the ruleset as `nft list ruleset` prints it$/, 'nftables のコマンド "$1" は table ブロックの外でルールセットを変えますが、gridfence はこれをたどりません: `nft list ruleset` が出力する形でルールセットを与えてください'],
  // The JSON form (nft -j): the shape expected, as libnftables-json writes it.
  [/^Expected a (string|number) "(.*)"$/, (_, t, k) => `"${k}" には${t === 'string' ? '文字列' : '数値'}が必要です`],
  [/^Expected an object for "(.*)"$/, '"$1" にはオブジェクトが必要です'],
  [/^Expected an (?:expression )?object with one key$/, 'キーが一つのオブジェクトが必要です'],
  [/^Expected (\{.*\}|"expr": \[\.\.\.\])$/, '$1 の形が必要です'],
];
