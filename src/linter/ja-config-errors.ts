/**
 * Japanese for the problems of gridfence.yaml (config/messages.ts) and of reading the inputs
 * (loaders/), for reports in Japanese: the first errors a new user meets.
 *
 * Contract: as ja-problems.ts — JSON pointers, keys, values, file names and addresses pass through
 * untouched; a message none of whose patterns matches comes back unchanged. The words config/
 * messages.ts uses for kinds of value ("a mapping", "a whole number") are put into Japanese.
 */
import type { JaRule } from './ja-rule.js';
import { FORMATS } from './unread-inputs.js';
import { table } from '../model/table.js';

const KINDS: Readonly<Record<string, string>> = table({
  'a mapping': 'マッピング',
  'a list': 'リスト',
  'a string': '文字列',
  'a whole number': '整数',
  'a number': '数値',
  'true or false': 'true か false',
  nothing: '空',
});

/** A value as config/messages.ts `describeValue` writes it: quoted text and numbers as they are, kinds in Japanese. */
function jaValue(v: string): string {
  return KINDS[v] ?? v;
}

/** "a string or a list" (config/messages.ts `describeType` joined by " or ") in Japanese. */
function jaKinds(list: string): string {
  return list
    .split(/ or (?=a |nothing|true)/)
    .map((k) => KINDS[k] ?? k)
    .join('または');
}

/** "; did you mean "x"?" as "（"x" のことですか？）", or nothing. */
function jaNear(near: string | undefined): string {
  return near === undefined ? '' : `（${near} のことですか？）`;
}

const NEAR = '(?:; did you mean ("[^"]*")\\?)?';

/** The formats gridfence reads (linter/unread-inputs.ts), in Japanese. */
const JA_FORMATS = 'Terraform（.tf、.tf.json）、plan（terraform show -json）、CloudFormation テンプレート、cdk.out フォルダー、iptables・nftables のルールセット';

function escape(text: string): string {
  return text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
}

export const CONFIG_ERRORS: JaRule[] = [
  // The schema (config/schema.ts through config/messages.ts).
  [new RegExp(`^unknown key ("[^"]*") in (\\S+)${NEAR}$`), (_, k, w, near) => `${w} に不明なキー ${k} があります${jaNear(near)}`],
  [/^missing required key ("[^"]*") in (\S+)$/, '$2 に必須のキー $1 がありません'],
  [
    /^(\S+) must be (.+?), not (.+?)( \(quote it to make it a string\))?$/,
    (_, w, kinds, v, quote) => `${w} は${jaKinds(kinds!)}である必要がありますが、${jaValue(v!)} です${quote ? '（文字列にするには引用符で囲んでください）' : ''}`,
  ],
  [new RegExp(`^(\\S+) is (.+?), which is not one of (.+?)${NEAR}$`), (_, w, v, allowed, near) => `${w} の ${jaValue(v!)} は ${allowed} のいずれでもありません${jaNear(near)}`],
  [/^\/version is the string "1"; write it as a number: version: 1$/, '/version が文字列の "1" です。数値で version: 1 と書いてください'],
  [/^unsupported configuration version (.+); this gridfence reads version 1$/, (_, v) => `サポートされない設定のバージョン ${jaValue(v!)} です。この gridfence が読むのはバージョン 1 です`],
  [/^the configuration is empty; it needs at least "version: 1"$/, '設定が空です。少なくとも "version: 1" が必要です'],
  [/^(\S+) must not be empty$/, '$1 は空にできません'],
  [/^(\S+) must be at least (-?\d+)$/, '$1 は $2 以上である必要があります'],
  [/^(\S+) must be at most (-?\d+)$/, '$1 は $2 以下である必要があります'],
  [/^(\S+) needs at least (\d+) items?$/, '$1 には少なくとも $2 個の要素が必要です'],
  [/^(\S+) lists (.+) more than once$/, (_, w, v) => `${w} に ${jaValue(v!)} が重複しています`],
  [/^unknown rule ("[^"]*") in (\S+)(?:; did you mean ("[^"]*")\?)?$/, (_, id, w, near) => `${w} に不明なルール ${id} があります${jaNear(near)}`],

  // Checks beyond the schema (config/checks.ts).
  [
    /^(\S+) is ("[^"]*"), which is not a valid CIDR prefix(?:; a single address is written with its length, e\.g\. ("[^"]*"))?$/,
    (_, w, v, eg) => `${w} の ${v} は有効な CIDR プレフィックスではありません${eg ? `（単一のアドレスは ${eg} のように長さを付けて書きます）` : ''}`,
  ],
  [/^(\S+) is ("[^"]*"), which is not a calendar date \(YYYY-MM-DD\)$/, '$1 の $2 は暦日（YYYY-MM-DD）ではありません'],
  [/^(\S+) is ("[^"]*"): ports run from 0 to 65535, the first not above the last$/, '$1 の $2 は無効です: ポートは 0 から 65535 までで、最初の値は最後の値以下です'],
  [/^(\S+): the attestation expires before it was confirmed$/, '$1: 証明の有効期限が確認日より前です'],
  [/^("[^"]*") in (\S+) is reserved for the implicit network of that name; choose another name$/, '$2 の $1 は同名の暗黙のネットワークのために予約されています。別の名前にしてください'],
  [/^("[^"]*") is declared both as a zone and as an external; a network is either ours or not$/, '$1 がゾーンと接続先ネットワークの両方に宣言されています。ネットワークは自組織のものか外部のものかのどちらかです'],
  [new RegExp(`^(\\S+) names zone ("[^"]*"), which is not declared under /zones${NEAR}$`), (_, w, z, near) => `${w} が指すゾーン ${z} は /zones で宣言されていません${jaNear(near)}`],
  [
    new RegExp(`^(\\S+) is ("[^"]*"), which is neither internet, a declared external, nor a resource address${NEAR}$`),
    (_, w, v, near) => `${w} の ${v} は internet、宣言された接続先ネットワーク、リソースアドレスのいずれでもありません${jaNear(near)}`,
  ],
  [
    /^zone ("[^"]*") claims (\S+), which overlaps (\S+) of zone ("[^"]*"); an address belongs to one zone only$/,
    'ゾーン $1 の $2 はゾーン $4 の $3 と重なっています。アドレスが属するゾーンは一つだけです',
  ],

  // Zone resolution (config/zones.ts).
  [
    /^(\S+) is selected by zones (.+); a resource belongs to one zone only — narrow the selectors$/,
    (_, r, zones) => `${r} はゾーン ${zones!.split(' and ').join('・')} に選ばれています。リソースが属するゾーンは一つだけです。選択条件を絞ってください`,
  ],
  [
    /^The zone of (\S+) cannot be known: (.+) — give the value \(--var, a tfvars file, --cfn-param\) or select the resource by its address in the configuration$/s,
    'ゾーンを確定できません（$1）: $2 — 値を与える（--var、tfvars ファイル、--cfn-param）か、設定でリソースをアドレスで選択してください',
  ],

  // Finding and reading the file (config/find.ts, config/load.ts).
  [/^both (\S+) and (\S+) are in (.+); keep one of them so that it is clear which configuration applies$/, '$3 に $1 と $2 の両方があります。どの設定が適用されるか明確になるよう、一方だけにしてください'],
  [/^configuration file (.+) does not exist$/, '設定ファイル $1 がありません'],
  [/^configuration file (.+) is not a file$/, '設定ファイル $1 はファイルではありません'],
  [/^cannot read configuration file (.+?): (.+)$/, '設定ファイル $1 を読み込めません: $2'],
  [/^YAML syntax error: (.+)$/s, 'YAML の構文エラー: $1'],

  // Reading the inputs (loaders/, linter/unread-inputs.ts).
  [new RegExp(`^Nothing under (.+) is an input gridfence reads: ${escape(FORMATS)}$`), `$1 の下に gridfence が読む入力がありません: ${JA_FORMATS}`],
  [new RegExp(`^(.+) is not an input gridfence reads \\(${escape(FORMATS)}\\); --input-format names the format of a file that is one$`), `$1 は gridfence が読む入力（${JA_FORMATS}）ではありません。入力であるファイルの形式は --input-format で指定します`],
  [/^No such file or directory: (.+)$/, 'ファイルまたはフォルダーがありません: $1'],
  [/^Cannot read (.+?): it is a directory$/, '$1 を読み込めません: フォルダーです'],
  [/^(.+) is a broken link: what it names does not exist$/, '$1 はリンク切れです: リンク先がありません'],
];
