/**
 * Terraform's and HCL's own errors in Japanese reports: each case makes the loader raise the error,
 * so that a pattern that no longer matches the English it was written for fails here.
 */
import { describe, expect, it } from 'vitest';
import { jaProblemMessage } from '../../src/linter/ja-problems.js';
import { problemsInBothLanguages } from '../support/ja-problems.js';

const errorsOf = (files: Record<string, string>) => problemsInBothLanguages(files);

const vpc = (body: string) => `resource "aws_vpc" "a" {\n${body}}\n`;

/** The file raises exactly one error, at `at`, whose Japanese is `ja`. */
const oneError = (_: string, text: string, at: string, ja: string): void => {
  const [error, ...more] = errorsOf({ 'main.tf': text });
  expect(more).toEqual([]);
  expect(error!.at).toBe(at);
  expect(error!.ja).toBe(ja);
  expect(error!.en).not.toBe(ja);
};

describe('Japanese for Terraform and HCL errors', () => {
  it.each([
    ['an unclosed block', 'resource "aws_vpc" "a" {\n', '1:24', '設定ブロックが閉じていません: ファイルの終わりまでに、このブロックを閉じる "}" がありません'],
    ['a missing expression', vpc('  cidr_block =\n'), '2:15', '無効な式: 式の始まりが必要ですが、改行があります'],
    ['an attribute set twice', vpc('  a = 1\n  a = 2\n'), '3:3', '属性の再定義: "a" は 2 行目ですでに定義されています'],
    ['an unknown block type', 'reso "x" {\n}\n', '1:1', 'サポートされないブロックタイプ "reso": "resource" のことですか？（Terraform が知らないブロックです）'],
    ['a newline in a quoted string', vpc('  cidr_block = "10.0.0.0/16\n'), '2:28', '文字列が終わっていません: 引用符で囲んだ文字列は改行を含められません。ヒアドキュメントか "\\n" を使ってください'],
    ['an argument at the top level', 'x = 1\n', '1:1', 'サポートされない引数 "x": モジュールの最上位に置けるのはブロック（resource、variable、locals など）だけです'],
    ['a missing separator in an object', vpc('  tags = { a = 1 b = 2 }\n'), '2:18', '属性の区切りがありません: 次の属性の始まりを示す改行か "," が必要ですが、識別子 "b" があります'],
    ['a missing separator in a tuple', vpc('  c = [1 2]\n'), '2:10', '要素の区切りがありません: "," か "]" が必要ですが、数値 "2" があります'],
    ['a stray closing brace', 'resource "aws_vpc" "a" { cidr_block = "x" }\n}\n', '2:1', '予期しない "}": 閉じるブロックがありません'],
    ['a module without source', 'module "m" {\n}\n', '1:1', '必須の引数がありません: module "m" に "source" がありません'],
    ['count with for_each', vpc('  count    = 1\n  for_each = {}\n'), '3:3', '"count" と "for_each" の無効な組み合わせ: 一つのリソースに使えるのはどちらか一方だけです'],
    ['an undeclared variable', vpc('  cidr_block = var.nope\n'), '2:16', '宣言されていない入力変数への参照: 変数 "nope" はルートモジュールで宣言されていません'],
    ['an undeclared local', vpc('  cidr_block = local.x\n'), '2:16', '宣言されていないローカル値への参照: ローカル値 "x" はルートモジュールで宣言されていません'],
    ['an undeclared resource', vpc('  cidr_block = aws_subnet.s.cidr_block\n'), '2:16', '宣言されていないリソースへの参照: リソース "aws_subnet" "s" はルートモジュールで宣言されていません'],
    ['an undeclared data source', vpc('  cidr_block = data.aws_vpc.x.cidr_block\n'), '2:16', '宣言されていないデータソースへの参照: データソース "aws_vpc" "x" はルートモジュールで宣言されていません'],
    ['an undeclared module', vpc('  cidr_block = module.m.cidr\n'), '2:16', '宣言されていないモジュールへの参照: ルートモジュールにモジュール呼び出し "m" はありません'],
    ['an unknown kind of reference', vpc('  cidr_block = foo.bar\n'), '2:16', '不明な参照 "foo": ルートモジュールの変数、ローカル値、モジュール、データソース、リソースタイプのいずれでもありません'],
  ])('%s', oneError);

  // Rarer structure, reference and evaluation errors: each raised by the loader, and wholly in Japanese.
  it.each([
    ['a variable declared twice', 'variable "a" {}\nvariable "a" {}\n', '2:1', '変数 "a" の重複: すでに main.tf:1 で宣言されています'],
    ['a block with too few labels', 'resource "aws_vpc" {\n}\n', '1:1', '"resource" ブロックにはラベルが 2 個必要ですが、1 個あります'],
    ['a module source that is no literal', 'variable "s" {\n  default = "./m"\n}\nmodule "m" {\n  source = var.s\n}\n', '5:12', 'モジュールの source が無効です: "source" は文字列リテラルである必要があります'],
    ['a non-nullable variable defaulting to null', 'variable "a" {\n  nullable = false\n  default  = null\n}\n', '3:14', '変数 "a" の既定値が無効です: この変数は nullable ではないため、null は使えません'],
    ['count.index without count', vpc('  cidr_block = count.index\n'), '2:16', '"count" のない場所での "count" への参照: "count.index" は "count" を設定した場所でのみ使えます'],
    ['each without for_each', vpc('  cidr_block = each.key\n'), '2:16', '"for_each" のない場所での "each" への参照: "each.key" は "for_each" を設定した場所でのみ使えます'],
    ['a path attribute that is none', vpc('  cidr_block = path.nope\n'), '2:16', '無効な "path" の属性 "nope": path.module、path.root、path.cwd のいずれかを使ってください'],
    ['a null count', vpc('  count = null\n'), '2:11', '無効な count の引数: aws_vpc.a の count が null です'],
    ['a dynamic block without content', vpc('  dynamic "tag" {\n    for_each = [1]\n  }\n'), '2:3', 'dynamic "tag" に "content" ブロックがありません'],
    ['try() without arguments', vpc('  cidr_block = try()\n'), '2:16', 'aws_vpc.a: try() には少なくとも一つの引数が必要です'],
    ['a set looked up by index', vpc('  cidr_block = toset(["a"])[0]\n'), '2:16', 'aws_vpc.a: 無効なインデックス: セットの要素は値だけで識別されるため、インデックスでは参照できません'],
    ['a file outside the scan root', vpc('  cidr_block = file("/etc/hostname")\n'), '2:16', '"/etc/hostname" の読み込みを拒否しました: 絶対パスはスキャン対象のルートの外にあり、gridfence はその下しか読みません'],
  ])('%s', oneError);

  it('JSON syntax: the reader\'s own words in Japanese, at their place', () => {
    const [error] = errorsOf({ 'main.tf.json': '{"resource": {}} x' });
    expect(error!.ja).toBe('無効な JSON: 文書の終わりの後に余分なテキストがあります');
    expect(jaProblemMessage('Invalid JSON: expected "," or "}"')).toBe('無効な JSON: "," か "}" が必要です');
    expect(jaProblemMessage('Invalid JSON: unexpected character "x"')).toBe('無効な JSON: 予期しない文字 "x"');
    expect(jaProblemMessage('Invalid JSON: a control character (U+0001) in a string must be escaped')).toBe('無効な JSON: 文字列の中の制御文字（U+0001）はエスケープする必要があります');
    expect(jaProblemMessage('Invalid JSON: nested more than 512 deep')).toBe('無効な JSON: 入れ子が 512 段を超えています');
  });

  it('function calls: the frame in Japanese, the detail in Terraform\'s words', () => {
    const call = (expr: string) => errorsOf({ 'main.tf': vpc(`  cidr_block = ${expr}\n`) }).map((e) => e.ja);
    expect(call('cidrsubnet("10.0.0.0/16", 20, 0)')).toEqual(['aws_vpc.a: 関数呼び出し cidrsubnet() のエラー: 関数 "cidrsubnet" の呼び出しに失敗しました: insufficient address space to extend prefix of 16 by 20.']);
    expect(call('lookup({}, "x")')).toEqual(['aws_vpc.a: 関数呼び出し lookup() のエラー: パラメーター "inputMap" の値が無効です: the given object has no attribute "x".']);
    expect(call('cidrsubnet("10.0.0.0/16")')).toEqual([expect.stringMatching(/^(aws_vpc\.a: )?関数呼び出し cidrsubnet\(\) のエラー: 関数 "cidrsubnet" の引数は 3 個です。"newbits" の値がありません$/)]);
    expect(call('nosuch(1)')).toEqual(['aws_vpc.a: 不明な関数の呼び出し: "nosuch" という名前の関数はありません']);
  });

  it.each([
    ['an attribute the object lacks', '  m = { a = 1 }\n', 'local.m.zz', 'サポートされない属性: このオブジェクトには "zz" という属性がありません'],
    ['an index out of range', '  l = ["a", "b"]\n', 'local.l[5]', '無効なインデックス: インデックス 5 は要素数 2 のコレクションの範囲外です'],
    ['an attribute of null', '  n = null\n', 'local.n.x', 'null 値から属性 "x" を取得しようとしました'],
    ['an index into null', '  n = null\n', 'local.n[0]', 'null 値にインデックスを使おうとしました'],
    ['a key the map lacks', '  m = { a = 1 }\n', 'local.m["q"]', '無効なインデックス: キー "q" はこのコレクションの要素を指しません'],
  ])('evaluation: %s, after the address evaluated', (_, locals, expr, ja) => {
    const [error, ...more] = errorsOf({ 'main.tf': `locals {\n${locals}}\n${vpc(`  cidr_block = ${expr}\n`)}` });
    expect(more).toEqual([]);
    expect(error!.ja).toBe(`aws_vpc.a: ${ja}`);
  });

  it('evaluation: an index on a resource without count or for_each', () => {
    expect(errorsOf({ 'main.tf': `${vpc('  cidr_block = "10.0.0.0/16"\n')}resource "aws_vpc" "b" {\n  cidr_block = aws_vpc.a[0].cidr_block\n}\n` }).map((e) => e.ja)).toEqual([
      'aws_vpc.b: 予期しないリソースインスタンスのキー: aws_vpc.a は "count" も "for_each" も設定していないため、参照にインデックスのキーは付けられません。インデックスを外して唯一のインスタンスを参照してください',
    ]);
  });

  it('evaluation: two elements of a for expression with one key', () => {
    expect(errorsOf({ 'main.tf': vpc('  tags = { for k in ["a", "a"] : k => k }\n') }).map((e) => e.ja)).toEqual([
      'aws_vpc.a: オブジェクトキー "a" の重複: 二つの要素が同じキーになりました。まとめるには値の式の後に "..." を付けてください',
    ]);
  });

  it('names a module by its address, set off by spaces', () => {
    const errors = errorsOf({
      'main.tf': 'module "a" {\n  source = "./modules/a"\n}\n',
      'modules/a/main.tf': 'resource "aws_vpc" "v" {\n  cidr_block = var.q\n}\n',
    });
    expect(errors.map((e) => e.ja)).toEqual(['宣言されていない入力変数への参照: 変数 "q" は module.a で宣言されていません']);
  });

  it('leaves a sentence it does not know in English, and quoted names as written', () => {
    expect(jaProblemMessage('Something gridfence never says')).toBe('Something gridfence never says');
    expect(jaProblemMessage('Invalid character "\\u00e9": this character is not used within the language')).toBe('無効な文字 "\\u00e9": この文字は HCL では使われません');
  });
});
