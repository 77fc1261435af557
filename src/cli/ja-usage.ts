/**
 * Japanese for the command line's own errors: commander's (an unknown option or command, a value
 * outside an option's choices, an argument missing or too many) and gridfence's usage errors (a
 * malformed --var, --now or --port, an unknown --rule, an output that cannot be written), for a run
 * in Japanese (--lang ja, or a Japanese locale).
 *
 * Contract: as the report's patterns (linter/ja-problems.ts) — option names, values and file names
 * pass through untouched, and a message none of whose patterns matches comes back unchanged. Kept
 * apart from the report's patterns so that the entry, which answers --version and --help, stays small.
 */
import type { Lang } from '../model/finding.js';
import { applyJaRules, type JaRule } from '../linter/ja-rule.js';
import { USAGE_ERRORS } from '../linter/ja-usage-errors.js';
import { defaultLang } from './default-lang.js';

/** commander's errors, one line each ("error: …"; a suggestion on a line of its own). */
const COMMANDER_ERRORS: JaRule[] = [
  [/^error: option '(.+)' argument '(.*)' is invalid\. Allowed choices are (.+)\.$/, "エラー: オプション '$1' に値 '$2' は使えません。使える値: $3"],
  [/^error: option '(.+)' argument missing$/, "エラー: オプション '$1' に値がありません"],
  [/^error: unknown option '(.+)'$/, "エラー: 不明なオプション '$1'"],
  [/^error: unknown command '(.+)'$/, "エラー: 不明なコマンド '$1'"],
  [/^error: missing required argument '(.+)'$/, "エラー: 必須の引数 '$1' がありません"],
  [/^error: too many arguments(?: for '(.+)')?\. Expected (\d+) arguments? but got (\d+)\.$/, (_, cmd, n, got) => `エラー: 引数が多すぎます（${cmd ? `${cmd} の` : ''}引数は ${n} 個までですが、${got} 個指定されました）`],
  [/^\(Did you mean one of (.+)\?\)$/, '（$1 のいずれかのことですか？）'],
  [/^\(Did you mean (.+)\?\)$/, '（$1 のことですか？）'],
];

/** A usage error's message in Japanese where gridfence knows its sentence; unchanged otherwise. */
export function jaUsageMessage(message: string): string {
  return applyJaRules(USAGE_ERRORS, message);
}

/** commander's error output (lines ending with a newline) in Japanese, line by line. */
export function jaCommanderError(text: string): string {
  return text
    .split('\n')
    .map((line) => applyJaRules(COMMANDER_ERRORS, line))
    .join('\n');
}

/**
 * The language of the command line's errors: the last --lang given (even where the parse fails
 * before reaching it), else the locale's.
 */
export function errorLang(argv: readonly string[]): Lang {
  let lang: string | undefined;
  argv.forEach((a, i) => {
    if (a === '--lang') lang = argv[i + 1];
    else if (a.startsWith('--lang=')) lang = a.slice('--lang='.length);
  });
  return lang === 'ja' || lang === 'en' ? lang : defaultLang();
}
