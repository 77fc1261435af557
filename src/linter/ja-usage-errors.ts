/**
 * Japanese for gridfence's usage errors (a malformed --var, --now or --port, an unknown --rule, an
 * output that cannot be written, a --var or --cfn-param that sets nothing), for the command line's
 * own messages (cli/ja-usage.ts) and for reports in Japanese (ja-problems.ts).
 *
 * Contract: as ja-problems.ts — option names, values and file names pass through untouched.
 */
import type { JaRule } from './ja-rule.js';

const DID_YOU_MEAN = (near: string | undefined): string => (near ? `（"${near}" のことですか？）` : '');

/** gridfence's usage errors (cli/, linter/rule-settings.ts, linter/diff-base.ts, loaders: --var, --cfn-param). */
export const USAGE_ERRORS: JaRule[] = [
  [/^(--[\w-]+) expects NAME=VALUE, got "(.*)"$/s, '$1 は NAME=VALUE の形で指定してください（指定された値: "$2"）'],
  [/^--now expects a date YYYY-MM-DD, got "(.*)"$/s, '--now は YYYY-MM-DD の形の日付で指定してください（指定された値: "$1"）'],
  [/^--port expects a port number 0-65535, got "(.*)"$/s, '--port は 0〜65535 のポート番号で指定してください（指定された値: "$1"）'],
  [/^--rule (\S+): no such rule(?:; did you mean "([^"]+)"\?)? \(gridfence rules lists them\)$/, (_, id, near) => `--rule ${id}: そのようなルールはありません${DID_YOU_MEAN(near)}（一覧は gridfence rules で表示できます）`],
  [
    /^--rule (\S+): this is the run's own check of waivers, not a rule; it reports the expired waivers of the rules a run checks \(gridfence explain (\S+)\)$/,
    '--rule $1: これはルールではなく実行時の適用除外の確認です。確認したルールの期限切れの適用除外を報告します（gridfence explain $2）',
  ],
  [/^No rule "([^"]+)"(?:; did you mean "([^"]+)"\?)? \(gridfence rules lists them\)$/, (_, id, near) => `ルール "${id}" はありません${DID_YOU_MEAN(near)}（一覧は gridfence rules で表示できます）`],
  [/^The documentation of (\S+) is not installed \((\S+)\)$/, '$1 の説明文書がインストールされていません（$2）'],
  [/^--diff-base needs git: (.+)$/s, '--diff-base には git が必要です: $1'],
  [/^--diff-base: git (.+?) failed: (.+)$/s, '--diff-base: git $1 が失敗しました: $2'],
  [/^--diff-base (\S+): not a git reference$/, '--diff-base $1: git の参照ではありません'],
  [/^(.+) already exists; init does not overwrite it \(use --force to replace it\)$/s, '$1 はすでにあります。init は上書きしません（置き換えるには --force を付けてください）'],
  [/^(--[\w-]+|configuration file) (.+): cannot write it \((.+)\)$/s, (_, option, file, why) => `${option === 'configuration file' ? '設定ファイル' : option} ${file}: 書き込めません（${why}）`],
  [/^(.+): no such file or directory$/s, '$1: ファイルまたはフォルダーがありません'],
  [/^--var (\S+)=…: the root module \((.+)\) declares no variable "([^"]+)"$/s, '--var $1=…: ルートモジュール（$2）に変数 "$3" の宣言がありません'],
  [
    /^--cfn-param (\S+)=…: only a nested template declares a parameter "([^"]+)", and its parent stack's Parameters give its value$/,
    '--cfn-param $1=…: パラメーター "$2" を宣言しているのはネストされたテンプレートだけで、その値は親スタックの Parameters が与えます',
  ],
  [/^--cfn-param (\S+)=…: no template declares a parameter "([^"]+)"(?:; did you mean "([^"]+)"\?)?$/, (_, name, p, near) => `--cfn-param ${name}=…: パラメーター "${p}" を宣言しているテンプレートはありません${DID_YOU_MEAN(near)}`],
];
