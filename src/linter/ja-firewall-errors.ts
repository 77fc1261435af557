/**
 * Japanese for the syntax errors of firewall rulesets that users meet most (loaders/iptables/,
 * loaders/nftables/): unknown options, bad addresses and ports, interface names too long, options
 * that need a protocol, rules after a verdict, unbalanced braces, base chains without type, hook or
 * priority. The words iptables and nft print themselves (quoted) stay as they print them.
 *
 * Contract: as ja-problems.ts — options, names, values and quoted text pass through untouched; a
 * message none of whose patterns matches comes back unchanged.
 */
import type { JaRule } from './ja-rule.js';

export const FIREWALL_ERRORS: JaRule[] = [
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
];
