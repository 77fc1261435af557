/**
 * Japanese for the errors a Terraform configuration meets most — syntax errors of the HCL parser
 * (loaders/terraform/hcl/) and the reference and structure errors Terraform itself reports, whose
 * English gridfence keeps close to Terraform's (loaders/terraform/) — for reports in Japanese.
 *
 * Contract: as ja-problems.ts — names, addresses and quoted text pass through untouched; a message
 * none of whose patterns matches comes back unchanged. The token a syntax error found ("found …",
 * hcl/tokens.ts `tokenNames`) is put into Japanese where it is a word, kept where it is quoted.
 */
import { applyJaRule, type JaRule } from './ja-rule.js';
import { table } from '../model/table.js';

/** A token as the parser describes it (hcl/parser.ts `describe`). */
function jaToken(t: string): string {
  const named = /^(identifier|number) (".*")$/.exec(t);
  if (named) return `${named[1] === 'identifier' ? '識別子' : '数値'} ${named[2]}`;
  return TOKEN_WORDS[t] ?? t;
}

const TOKEN_WORDS: Readonly<Record<string, string>> = table({
  'end of file': 'ファイルの終わり',
  newline: '改行',
  'opening quote': '開き引用符',
  'closing quote': '閉じ引用符',
  string: '文字列',
  heredoc: 'ヒアドキュメント',
  'end of heredoc': 'ヒアドキュメントの終わり',
  token: 'トークン',
});

/**
 * Where a name is declared (eval/module-instance.ts `describe`), then a particle: "ルートモジュールで",
 * or a module's address set off by a space on each side, as other names in Japanese text are.
 */
function jaModule(where: string, particle: string): string {
  return where === 'the root module' ? `ルートモジュール${particle}` : ` ${where} ${particle}`;
}

/** "…, found X" as "…が、X があります", without a space after a Japanese word. */
function jaFound(t: string): string {
  const j = jaToken(t);
  return /[\u3000-\u9fff]$/.test(j) ? `${j}があります` : `${j} があります`;
}

/** Rules for an evaluation error, also when the address it was evaluated for comes first ("aws_vpc.v: …"). */
function evaluated(rules: JaRule[]): JaRule[] {
  return rules.map((rule): JaRule => {
    const [re] = rule;
    const at = new RegExp(`^(?:(\\S+): )?${re.source.slice(1)}`, re.flags);
    return [at, (...m: string[]) => `${m[1] ? `${m[1]}: ` : ''}${applyJaRule(rule, m[0]!.slice(m[1] ? m[1].length + 2 : 0))}`];
  });
}

/** Why a function call failed (functions/signature.ts): its frame in Japanese, the detail as Terraform words it. */
function jaFunctionError(why: string): string {
  let m = /^Call to function "([^"]*)" failed: (.+)$/s.exec(why);
  if (m) return `関数 "${m[1]}" の呼び出しに失敗しました: ${m[2]}`;
  m = /^Invalid value for "([^"]*)" parameter: (.+)$/s.exec(why);
  if (m) return `パラメーター "${m[1]}" の値が無効です: ${m[2]}`;
  m = /^Function "([^"]*)" expects( at least)? (\d+) argument\(s\)\. Missing value for "([^"]*)"\.$/.exec(why);
  if (m) return `関数 "${m[1]}" の引数は${m[2] ? '少なくとも ' : ' '}${m[3]} 個です。"${m[4]}" の値がありません`;
  m = /^Function "([^"]*)" expects only (\d+) argument\(s\)\.$/.exec(why);
  if (m) return `関数 "${m[1]}" の引数は ${m[2]} 個だけです`;
  if (why === 'the result is too large to compute') return '結果が大きすぎて計算できません';
  return why;
}

/** What a structure error names ("variable \"x\"", "local value \"x\"", "module call \"x\"", "resource \"t\" \"n\""), in Japanese. */
function jaDeclared(what: string): string {
  const m = /^(variable|local value|module call|output|provider) (".*")$/.exec(what);
  if (m) return `${{ variable: '変数', 'local value': 'ローカル値', 'module call': 'モジュール呼び出し', output: '出力', provider: 'プロバイダー' }[m[1] as 'variable']} ${m[2]}`;
  const r = /^(resource|data) (".*" ".*")$/.exec(what);
  if (r) return `${r[1] === 'data' ? 'データソース' : 'リソース'} ${r[2]}`;
  return what;
}

/** What the position-aware JSON reader (loaders/json.ts) found wrong, in Japanese. */
function jaJsonError(why: string): string {
  const fixed: Readonly<Record<string, string>> = {
    'unexpected text after the end of the document': '文書の終わりの後に余分なテキストがあります',
    'unexpected end of file': '予期しないファイルの終わり',
    'expected a string key': '文字列のキーが必要です',
    'expected ":"': '":" が必要です',
    'unterminated string': '文字列が終わっていません',
    'invalid escape in string': '文字列に無効なエスケープがあります',
    'a newline in a string must be written \\n': '文字列の中の改行は \\n と書く必要があります',
  };
  if (fixed[why] !== undefined) return fixed[why]!;
  let m = /^expected "," or "(.)"$/.exec(why);
  if (m) return `"," か "${m[1]}" が必要です`;
  m = /^nested more than (\d+) deep$/.exec(why);
  if (m) return `入れ子が ${m[1]} 段を超えています`;
  m = /^unexpected character (".*")$/.exec(why);
  if (m) return `予期しない文字 ${m[1]}`;
  m = /^a control character \((U\+[0-9A-F]{4})\) in a string must be escaped$/.exec(why);
  if (m) return `文字列の中の制御文字（${m[1]}）はエスケープする必要があります`;
  return why;
}

const found = (head: string) => (_: string, t: string) => `${head}が、${jaFound(t)}`;

export const TERRAFORM_ERRORS: JaRule[] = [
  // HCL syntax (hcl/parser.ts, hcl/lexer.ts).
  [/^Unclosed configuration block: there is no closing brace for this block before the end of the file$/, '設定ブロックが閉じていません: ファイルの終わりまでに、このブロックを閉じる "}" がありません'],
  [/^Argument or block definition required, found (.+)$/, found('引数かブロックの定義が必要です')],
  [/^Invalid expression: expected the start of an expression, found (.+)$/, found('無効な式: 式の始まりが必要です')],
  [/^Missing newline after argument: an argument definition must end with a newline, found (.+)$/, found('引数の後に改行がありません: 引数の定義は改行で終わる必要があります')],
  [/^Missing newline after block definition: a block definition must end with a newline, found (.+)$/, found('ブロック定義の後に改行がありません: ブロックの定義は改行で終わる必要があります')],
  [/^Missing item separator: expected a comma or "\]", found (.+)$/, found('要素の区切りがありません: "," か "]" が必要です')],
  [/^Missing key\/value separator: expected an equals sign \("="\) to mark the beginning of the attribute value, found (.+)$/, found('キーと値の区切りがありません: 属性の値の始まりを示す "=" が必要です')],
  [/^Missing attribute separator: expected a newline or comma to mark the beginning of the next attribute, found (.+)$/, found('属性の区切りがありません: 次の属性の始まりを示す改行か "," が必要です')],
  [/^Unclosed block: expected "\}", found (.+)$/, found('ブロックが閉じていません: "}" が必要です')],
  [/^Unbalanced parentheses: expected "\)", found (.+)$/, found('括弧が対応していません: ")" が必要です')],
  [
    /^Invalid argument name or block definition: expected "=", a label or "\{" after "([^"]*)", found (.+)$/,
    (_, name, t) => `無効な引数名またはブロック定義: "${name}" の後に "="、ラベル、"{" のいずれかが必要ですが、${jaFound(t!)}`,
  ],
  [
    /^Invalid block definition: a block definition must have a block content delimited by "\{" and "\}" starting on the same line as the block header$/,
    '無効なブロック定義: ブロックの定義には、ブロックの見出しと同じ行で始まる "{" と "}" で囲んだ内容が必要です',
  ],
  [/^Unexpected "\}": there is no block to close$/, '予期しない "}": 閉じるブロックがありません'],
  [/^Unterminated template string: the string has no closing quote$/, '文字列が終わっていません: 文字列を閉じる引用符がありません'],
  [/^Unterminated template string: a quoted string cannot contain a newline; use a heredoc or "\\n"$/, '文字列が終わっていません: 引用符で囲んだ文字列は改行を含められません。ヒアドキュメントか "\\n" を使ってください'],
  [/^Unterminated template string: no line "([^"]*)" closes the heredoc$/, '文字列が終わっていません: ヒアドキュメントを閉じる行 "$1" がありません'],
  [/^Unterminated template sequence: "\$\{" or "%\{" has no matching "\}"$/, 'テンプレートのシーケンスが終わっていません: "${" または "%{" に対応する "}" がありません'],
  [/^Unterminated comment: "\/\*" has no matching "\*\/"$/, 'コメントが終わっていません: "/*" に対応する "*/" がありません'],
  [/^Attribute redefined: "([^"]*)" was already defined at line (\d+)$/, '属性の再定義: "$1" は $2 行目ですでに定義されています'],
  [/^Invalid character ("(?:[^"\\]|\\.)*"): this character is not used within the language$/, '無効な文字 $1: この文字は HCL では使われません'],
  [/^Invalid character "(.)": did you mean "(..)"\?$/, '無効な文字 "$1": "$2" のことですか？'],
  [/^Invalid character "~": a strip marker must come right before the "\}" that ends a template sequence$/, '無効な文字 "~": 空白除去の記号は、テンプレートのシーケンスを閉じる "}" の直前に置く必要があります'],
  [/^Invalid character: a non-breaking space or byte-order mark is not whitespace in HCL$/, '無効な文字: ノーブレークスペースやバイトオーダーマークは HCL の空白ではありません'],
  [/^Invalid character encoding: a configuration file must be UTF-8, as Terraform reads it$/, '無効な文字エンコーディング: Terraform と同じく、設定ファイルは UTF-8 である必要があります'],

  // References (eval/module-instance.ts).
  [/^Reference to undeclared input variable: variable "([^"]*)" is not declared in (.+)$/, (_, n, w) => `宣言されていない入力変数への参照: 変数 "${n}" は${jaModule(w!, 'で')}宣言されていません`],
  [/^Reference to undeclared local value: local "([^"]*)" is not declared in (.+)$/, (_, n, w) => `宣言されていないローカル値への参照: ローカル値 "${n}" は${jaModule(w!, 'で')}宣言されていません`],
  [/^Reference to undeclared resource: resource "([^"]*)" "([^"]*)" is not declared in (.+)$/, (_, t, n, w) => `宣言されていないリソースへの参照: リソース "${t}" "${n}" は${jaModule(w!, 'で')}宣言されていません`],
  [/^Reference to undeclared data source: data "([^"]*)" "([^"]*)" is not declared in (.+)$/, (_, t, n, w) => `宣言されていないデータソースへの参照: データソース "${t}" "${n}" は${jaModule(w!, 'で')}宣言されていません`],
  [/^Reference to undeclared module: no module call "([^"]*)" in (.+)$/, (_, n, w) => `宣言されていないモジュールへの参照: ${jaModule(w!, 'に').trimStart()}モジュール呼び出し "${n}" はありません`],
  [
    /^Unknown reference "([^"]*)": it is not a variable, local, module, data source or resource type of (.+)$/,
    (_, n, w) => `不明な参照 "${n}": ${jaModule(w!, 'の').trimStart()}変数、ローカル値、モジュール、データソース、リソースタイプのいずれでもありません`,
  ],

  // Evaluation (eval/expr.ts), where the resource or output evaluated may come first ("aws_vpc.v: …").
  ...evaluated([
    // Function calls (eval/call-function.ts, functions/signature.ts): the frame in Japanese; what
    // went wrong inside keeps Terraform's words (functions/).
    [/^Error in function call (\w+(?:::\w+)*)\(\): (.+)$/s, (_, f, why) => `関数呼び出し ${f}() のエラー: ${jaFunctionError(why!)}`],
    [/^Call to unknown function: there is no function named "([^"]*)"$/, '不明な関数の呼び出し: "$1" という名前の関数はありません'],
    [/^Unsupported attribute: this object does not have an attribute named "([^"]*)"$/, 'サポートされない属性: このオブジェクトには "$1" という属性がありません'],
    [/^Unsupported attribute "([^"]*)": a value of type (.+) has no attributes$/, 'サポートされない属性 "$1": 型 $2 の値には属性がありません'],
    [/^Invalid index: the given key "([^"]*)" does not identify an element in this collection$/, '無効なインデックス: キー "$1" はこのコレクションの要素を指しません'],
    [/^Invalid index: the given index (-?\d+) is out of range for a collection of (\d+) elements?$/, '無効なインデックス: インデックス $1 は要素数 $2 のコレクションの範囲外です'],
    [/^Invalid index: (\S+) has no instance with key (.+)$/, '無効なインデックス: $1 にキー $2 のインスタンスはありません'],
    [/^Invalid index: a value of type (.+) cannot be indexed$/, '無効なインデックス: 型 $1 の値にはインデックスを使えません'],
    [
      /^Unexpected (resource|module) instance key: (\S+) does not set "count" or "for_each", so a reference to it takes no index key; remove the index to refer to its single instance$/,
      (_, kind, a) => `予期しない${kind === 'module' ? 'モジュール' : 'リソース'}インスタンスのキー: ${a} は "count" も "for_each" も設定していないため、参照にインデックスのキーは付けられません。インデックスを外して唯一のインスタンスを参照してください`,
    ],
    [/^Attempt to index a null value$/, 'null 値にインデックスを使おうとしました'],
    [/^Attempt to get attribute "([^"]*)" from a null value$/, 'null 値から属性 "$1" を取得しようとしました'],
    [/^Invalid template interpolation value: the expression result is null$/, '無効なテンプレート補間の値: 式の結果が null です'],
    [/^Invalid template interpolation value: cannot include a value of type (.+) in a string template$/, '無効なテンプレート補間の値: 型 $1 の値は文字列テンプレートに含められません'],
    [/^Invalid object key: the key expression produced a null value$/, '無効なオブジェクトキー: キーの式が null 値になりました'],
    [/^Duplicate object key "([^"]*)": two elements produced the same key; to group them, put "\.\.\." after the value expression$/, 'オブジェクトキー "$1" の重複: 二つの要素が同じキーになりました。まとめるには値の式の後に "..." を付けてください'],
    [/^Invalid index: elements of a set are identified only by their value and cannot be looked up by index$/, '無効なインデックス: セットの要素は値だけで識別されるため、インデックスでは参照できません'],
    [/^Operation failed: (.+)$/s, '演算に失敗しました: $1'],
    [/^try\(\) needs at least one argument$/, 'try() には少なくとも一つの引数が必要です'],
    [/^No try\(\) argument succeeded; the last error: (.+)$/s, 'try() の引数はどれも成功しませんでした。最後のエラー: $1'],
    [/^can\(\) takes exactly one argument$/, 'can() の引数はちょうど一つです'],
    [/^Invalid expanding argument: the final argument before "\.\.\." must be a list, tuple or set, not (.+)$/, '無効な展開引数: "..." の前の最後の引数はリスト、タプル、セットのいずれかである必要がありますが、$1 です'],
    [/^Invalid dynamic for_each value: cannot use a null value in the for_each of dynamic "([^"]*)"$/, '無効な dynamic の for_each の値: dynamic "$1" の for_each に null 値は使えません'],
    [/^(.+): a null value cannot be used as an? (.+)$/s, '$1: null 値は $2 として使えません'],
    [/^(.+): a null value cannot be iterated$/s, '$1: null 値は反復できません'],
    [/^(.+): a collection is required, but the value is of type (.+)$/s, '$1: コレクションが必要ですが、値の型は $2 です'],
    [/^(.+): an? (\S+) is required, but the value is of type (.+)$/s, '$1: $2 が必要ですが、値の型は $3 です'],
    [/^(.+): a tuple of (\d+) elements is required$/s, '$1: 要素数 $2 のタプルが必要です'],
    [/^(.+): attribute "([^"]*)" is required$/s, '$1: 属性 "$2" が必要です'],
    [/^(.+): all elements must have the same type$/s, '$1: すべての要素が同じ型である必要があります'],
  ]),

  // Structure (module-config.ts, eval/).
  [/^Unsupported block type "([^"]*)": did you mean "([^"]*)"\? \(Terraform does not know it\)$/, 'サポートされないブロックタイプ "$1": "$2" のことですか？（Terraform が知らないブロックです）'],
  [/^Unsupported block type "([^"]*)" \(Terraform does not know it\)$/, 'サポートされないブロックタイプ "$1"（Terraform が知らないブロックです）'],
  [/^Unsupported argument "([^"]*)": a module's top level holds only blocks \(resource, variable, locals, …\)$/, 'サポートされない引数 "$1": モジュールの最上位に置けるのはブロック（resource、variable、locals など）だけです'],
  [/^Missing required argument "([^"]*)" in (module|output|dynamic) "([^"]*)"$/, (_, a, k, n) => `必須の引数がありません: ${k} "${n}" に "${a}" がありません`],
  [/^Missing required argument: module "([^"]*)" must set "([^"]*)" \(variable "([^"]*)" has no default\)$/, '必須の引数がありません: module "$1" は "$2" を設定する必要があります（変数 "$3" に既定値がありません）'],
  [
    /^Unsupported argument: an argument named "([^"]*)" is not expected here \(module "([^"]*)" declares no variable "([^"]*)"\)(?:: did you mean "([^"]*)"\?)?(?:; nor does it declare (.+))?$/,
    (_, a, m, v, near, others) =>
      `サポートされない引数: "${a}" という引数はここでは使えません（module "${m}" は変数 "${v}" を宣言していません）${near ? `。"${near}" のことですか？` : ''}${others ? `。${others} も宣言していません` : ''}`,
  ],
  [/^Invalid combination of "count" and "for_each": a resource may use one of them, not both$/, '"count" と "for_each" の無効な組み合わせ: 一つのリソースに使えるのはどちらか一方だけです'],
  [/^A "([^"]*)" block needs (\d+) labels?, found (\d+)$/, '"$1" ブロックにはラベルが $2 個必要ですが、$3 個あります'],
  [/^Duplicate (.+): it was already declared at (\S+)$/, (_, what, at) => `${jaDeclared(what!)} の重複: すでに ${at} で宣言されています`],
  [/^Missing base (.+) to override: an override file can only change what the module's other files declare$/, (_, what) => `上書きする元の ${jaDeclared(what!)} がありません: 上書きファイルが変えられるのは、モジュールのほかのファイルが宣言しているものだけです`],
  [/^Invalid default value for variable "([^"]*)": null is not allowed, because the variable is not nullable$/, '変数 "$1" の既定値が無効です: この変数は nullable ではないため、null は使えません'],
  [/^Invalid module (source|version): "(source|version)" must be a literal string$/, 'モジュールの $1 が無効です: "$2" は文字列リテラルである必要があります'],
  [/^A dynamic block needs exactly one label: the type of the blocks it generates$/, 'dynamic ブロックにはラベルがちょうど一つ必要です: 生成するブロックの種類です'],
  [/^The "iterator" of a dynamic block must be a bare name$/, 'dynamic ブロックの "iterator" は名前だけで書く必要があります'],
  [/^Missing "content" block in dynamic "([^"]*)"$/, 'dynamic "$1" に "content" ブロックがありません'],
  [/^Module nesting deeper than (\d+) levels: is module "([^"]*)" calling itself\?$/, 'モジュールの入れ子が $1 段を超えています: モジュール "$2" が自分自身を呼び出していませんか？'],
  [/^Module cycle: module "([^"]*)" \(source "([^"]*)"\) is already an enclosing module of this call$/, 'モジュールの循環: モジュール "$1"（source "$2"）はこの呼び出しを囲むモジュールです'],
  [/^Module directory not found: (.+)$/s, 'モジュールのディレクトリがありません: $1'],
  [/^Refused to load a module from outside the scan root: (.+)$/s, 'スキャン対象のルート外からのモジュールの読み込みを拒否しました: $1'],
  [/^Refused to read "(.*)": absolute paths are outside the scan root, and gridfence reads only below it$/s, '"$1" の読み込みを拒否しました: 絶対パスはスキャン対象のルートの外にあり、gridfence はその下しか読みません'],
  [/^Refused to read "(.*)": the path leaves the scan root$/s, '"$1" の読み込みを拒否しました: パスがスキャン対象のルートの外に出ます'],
  [/^Refused to read "(.*)": a symbolic link leads out of the scan root$/s, '"$1" の読み込みを拒否しました: シンボリックリンクがスキャン対象のルートの外を指しています'],
  [/^Invalid reference in template: "([^"]*)" is not one of the variables passed to (\S+)\(\)$/, 'テンプレート内の無効な参照: "$1" は $2() に渡された変数ではありません'],
  [/^templatefile\(\) cannot be called from inside a template$/, 'templatefile() はテンプレートの中からは呼び出せません'],
  [/^Invalid "count" attribute "([^"]*)": the only attribute is "index"$/, '無効な "count" の属性 "$1": 属性は "index" だけです'],
  [/^Reference to "count" in a non-counted context: "count\.index" is only available where "count" is set$/, '"count" のない場所での "count" への参照: "count.index" は "count" を設定した場所でのみ使えます'],
  [/^Invalid "each" attribute "([^"]*)": use each\.key or each\.value$/, '無効な "each" の属性 "$1": each.key か each.value を使ってください'],
  [/^Reference to "each" in a context without for_each: "each\.(\w+)" is only available where "for_each" is set$/, '"for_each" のない場所での "each" への参照: "each.$1" は "for_each" を設定した場所でのみ使えます'],
  [/^Invalid "path" attribute "([^"]*)": use path\.module, path\.root or path\.cwd$/, '無効な "path" の属性 "$1": path.module、path.root、path.cwd のいずれかを使ってください'],
  [/^Invalid "terraform" attribute "([^"]*)"$/, '無効な "terraform" の属性 "$1"'],
  [/^Unsupported attribute: (\S+) has no output "([^"]*)"$/, 'サポートされない属性: $1 に出力 "$2" はありません'],
  [/^Invalid count argument: the count of (\S+) is null$/, '無効な count の引数: $1 の count が null です'],
  [/^Invalid for_each argument: the for_each of (\S+) is null$/, '無効な for_each の引数: $1 の for_each が null です'],
  [/^Invalid for_each set argument: for_each supports sets of strings, but the set holds a (.+); use toset\(\) on strings or a map$/, '無効な for_each のセット引数: for_each が受け付けるのは文字列のセットですが、このセットは $1 を含みます。文字列に toset() を使うか、マップを使ってください'],
  [/^count of (\S+) is (\d+): more than the (\d+) instances gridfence expands$/, '$1 の count が $2 です: gridfence が展開するインスタンス数の上限 $3 を超えています'],
  [/^Cycle in references: (.+)$/s, '参照の循環: $1'],
  [/^References nested more than (\d+) deep \((.+)\): gridfence stops here rather than exhaust its stack$/s, '参照の入れ子が $1 段を超えています（$2）: スタックを使い果たさないよう、gridfence はここで止めます'],
  [
    /^(.+) brings the instances of this run \(of resources and module calls\) past (\d+): count and for_each multiply through module calls, and gridfence stops expanding here rather than exhaust its memory, leaving out what comes after$/s,
    '$1 でこの実行のインスタンス（リソースとモジュール呼び出し）が $2 を超えます: count と for_each はモジュール呼び出しを通じて掛け合わされるため、gridfence はメモリーを使い果たさないようここで展開を止め、その先を含めません',
  ],
  [/^Invalid count argument: must be a whole number, zero or more; got (.+)$/s, '無効な count の引数: 0 以上の整数である必要がありますが、$1 です'],
  [/^Invalid count argument: (.+)$/s, '無効な count の引数: $1'],
  [/^Invalid value for variable "([^"]*)": (.+)$/s, '変数 "$1" の値が無効です: $2'],
  [/^Invalid type specification: (.+)$/s, '無効な型の指定: $1'],
  [/^Invalid reference: (.+)$/s, '無効な参照: $1'],
  [/^Splat item used outside a splat$/, 'スプラットの外でスプラットの要素が使われています'],
  [/^Invalid JSON: (.+)$/s, (_, why) => `無効な JSON: ${jaJsonError(why!)}`],
  [/^Cannot read (.+?): ([A-Z][A-Z0-9_]+)$/, '$1 を読み込めません（$2）'],
  [/^The configuration nests expressions or references too deeply to evaluate$/, '構成の式や参照の入れ子が深すぎて評価できません'],
  [/^The configuration builds a value too large to evaluate$/, '構成が作る値が大きすぎて評価できません'],
  [/^Variables not allowed: "([^"]*)" cannot be referenced in a variable definitions file$/, '変数は使えません: 変数定義ファイルでは "$1" を参照できません'],
  [/^Function calls not allowed: (\S+)\(\) cannot be called in a variable definitions file$/, '関数呼び出しは使えません: 変数定義ファイルでは $1() を呼び出せません'],
  [/^A variable definitions file in JSON must hold an object$/, 'JSON の変数定義ファイルはオブジェクトである必要があります'],
  [/^Unexpected "([^"]*)" block: a variable definitions file holds only "name = value" lines$/, '予期しない "$1" ブロック: 変数定義ファイルに書けるのは "name = value" の行だけです'],
];
