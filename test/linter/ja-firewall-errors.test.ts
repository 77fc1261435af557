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
