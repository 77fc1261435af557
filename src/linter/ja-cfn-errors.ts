/**
 * Japanese for the problems of a CloudFormation template (loaders/cfn/template.ts, intrinsics.ts),
 * for reports in Japanese.
 *
 * Contract: as ja-problems.ts — logical ids, names, quoted text and the intrinsic functions' own
 * names and argument shapes pass through untouched; a message none of whose patterns matches comes
 * back unchanged.
 */
import type { JaRule } from './ja-rule.js';
import { table } from '../model/table.js';

export const CFN_ERRORS: JaRule[] = [
  // The template's shape (template.ts).
  [/^A CloudFormation template must be a mapping$/, 'CloudFormation テンプレートはマッピングである必要があります'],
  [/^The template has no Resources mapping$/, 'テンプレートに Resources のマッピングがありません'],
  [/^The Resources of a template must be a mapping \(logical id: resource\)$/, 'テンプレートの Resources はマッピング（論理 ID: リソース）である必要があります'],
  [/^The resource (\S+) must be a mapping$/, 'リソース $1 はマッピングである必要があります'],
  [/^The resource (\S+) has no Type$/, 'リソース $1 に Type がありません'],
  [/^The Properties of (\S+) must be a mapping$/, '$1 の Properties はマッピングである必要があります'],
  [/^The Condition of (\S+) must be the name of a condition$/, '$1 の Condition は条件の名前である必要があります'],
  [/^The key (\S+) is written twice; which one CloudFormation takes is not certain$/, 'キー $1 が二度書かれています。CloudFormation がどちらを使うかは確かではありません'],
  [/^The key (\S+) is written twice; the later one is read$/, 'キー $1 が二度書かれています。後のものを読み込みます'],
  [/^The transform (\S+) is not expanded: what its resources \((.+)\) create is not analysed$/, '変換 $1 は展開しません。そのリソース（$2）が作成するものは分析されません'],
  [/^The transform (.+) is not run: what it adds to or changes in the template is not analysed$/, (_, n) => `変換 ${n === 'written here' ? '（ここに書かれたもの）' : n} は実行しません。それがテンプレートに加える・変える内容は分析されません`],

  // Properties of the wrong kind (property-kinds.ts).
  [
    /^(\S+) of (\S+) is (.+), not a (list|mapping): CloudFormation refuses the resource at deploy, so what it sets cannot be known$/,
    (message, path, id, what, kind) => {
      const shown = kindOfValue(what!);
      return shown === undefined ? message : `${id} の ${path} が${kind === 'list' ? 'リスト' : 'マッピング'}ではなく${shown}です。CloudFormation はデプロイ時にこのリソースを拒否するため、設定内容はわかりません`;
    },
  ],
  [
    /^(\S+) of (\S+) has (.+) in entry (\d+), where each entry is (one value|a mapping): CloudFormation refuses the resource at deploy, so what it sets cannot be known$/,
    (message, path, id, what, i, each) => {
      const shown = kindOfValue(what!);
      return shown === undefined ? message : `${id} の ${path} の要素 ${i} が${shown}です（各要素は${each === 'one value' ? '一つの値' : 'マッピング'}である必要があります）。CloudFormation はデプロイ時にこのリソースを拒否するため、設定内容はわかりません`;
    },
  ],

  // References and intrinsic functions (intrinsics.ts).
  [/^Ref to ("[^"]*"), which is neither a parameter nor a resource of the template$/, '$1 への Ref ですが、テンプレートのパラメーターでもリソースでもありません'],
  [/^Fn::GetAtt of ("[^"]*"), which is not a resource of the template$/, '$1 の Fn::GetAtt ですが、テンプレートのリソースではありません'],
  [/^The condition ("[^"]*") is not defined in Conditions$/, '条件 $1 は Conditions で定義されていません'],
  [/^The condition ("[^"]*") depends on itself$/, '条件 $1 が自分自身に依存しています'],
  [/^Fn::FindInMap: (\S+) is not in the template's Mappings$/, "Fn::FindInMap: $1 はテンプレートの Mappings にありません"],
  [/^Fn::Select index (-?\d+) is out of range for a list of (\d+)$/, 'Fn::Select のインデックス $1 は、要素数 $2 のリストの範囲外です'],
  // The arguments a function takes: a shape ([Delimiter, [Values]]) as written, words in Japanese.
  [
    /^(Ref|Fn::\w+|Condition) takes (.+)$/,
    (message, fn, what) => {
      if (what!.startsWith('[')) return `${fn} の引数は ${what} の形です`;
      return TAKES[what!] === undefined ? message : `${fn} の引数は${spaced(TAKES[what!]!)}です`;
    },
  ],
  [
    /^The (IP block|count|delimiter|index|template|attribute name|keys) of (Fn::\w+) must be (.+)$/,
    (message, what, fn, must) => (MUST[must!] === undefined ? message : `${fn} の${WHAT[what!]}は${spaced(MUST[must!]!)}である必要があります`),
  ],
];

/** Text set off by spaces where it starts or ends with a Latin character, as names in Japanese text are. */
function spaced(text: string): string {
  return `${/^[\x00-\x7f]/.test(text) ? ' ' : ''}${text}${/[\x00-\x7f]$/.test(text) ? ' ' : ''}`;
}

/** A value as property-kinds.ts describes it ("a mapping", "the text \"x\"", "the number 5"), in Japanese. */
export function kindOfValue(what: string): string | undefined {
  if (what === 'a list') return 'リスト';
  if (what === 'a mapping') return 'マッピング';
  const m = /^the (text|number|boolean) (.+)$/.exec(what);
  if (!m) return undefined;
  return `${{ text: 'テキスト', number: '数値', boolean: '真偽値' }[m[1] as 'text' | 'number' | 'boolean']} ${m[2]}`;
}

/** What a function takes, where intrinsics.ts says it in words. */
const TAKES: Readonly<Record<string, string>> = table({
  'a string': '文字列',
  'a list of values': '値のリスト',
  'the name of a condition': '条件の名前',
  'the name of an export': 'エクスポートの名前',
  'the name of a parameter or resource': 'パラメーターかリソースの名前',
  'from 2 to 10 conditions': '2 から 10 個の条件',
  'a string or [String, {Name: Value}]': '文字列か [String, {Name: Value}]',
});

const WHAT: Readonly<Record<string, string>> = table({
  'IP block': 'IP ブロック',
  count: '個数',
  delimiter: '区切り文字',
  index: 'インデックス',
  template: 'テンプレート',
  'attribute name': '属性名',
  keys: 'キー',
});

const MUST: Readonly<Record<string, string>> = table({
  'a CIDR block': 'CIDR ブロック',
  'an integer from 1 to 256': '1 から 256 の整数',
  'a string': '文字列',
  'a non-empty string': '空でない文字列',
  'a non-negative integer': '0 以上の整数',
  strings: '文字列',
});
