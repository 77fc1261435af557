/**
 * The command line's own errors in Japanese (--lang ja): commander's and gridfence's usage errors,
 * each raised by the real command line, so that a pattern that no longer matches its English fails.
 */
import { describe, expect, it } from 'vitest';
import { errorLang, jaUsageMessage } from '../../src/cli/ja-usage.js';
import { gridfence } from '../support/cli.js';

const example = 'examples/vpp-aggregator';

describe('usage errors in Japanese', () => {
  it.each([
    [['lint', '--lang', 'ja', '--format', 'xml', example], "エラー: オプション '-f, --format <format>' に値 'xml' は使えません。使える値: text, json, sarif, junit, markdown\n"],
    [['lint', '--bogus', '--lang', 'ja', example], "エラー: 不明なオプション '--bogus'\n"],
    [['lnt', '--lang=ja'], "エラー: 不明なコマンド 'lnt'\n（lint のことですか？）\n"],
    [['explain', '--lang', 'ja'], "エラー: 必須の引数 'rule' がありません\n"],
    [['lint', '--lang', 'ja', '--output'], "エラー: オプション '-o, --output <file>' に値がありません\n"],
    [['explain', 'a', 'b', '--lang', 'ja'], "エラー: 引数が多すぎます（explain の引数は 1 個までですが、2 個指定されました）\n"],
    [['lint', '--lang', 'ja', '--rule', 'ingres-from-declared-sources', example], 'gridfence: --rule ingres-from-declared-sources: そのようなルールはありません（"ingress-from-declared-sources" のことですか？）（一覧は gridfence rules で表示できます）\n'],
    [['lint', '--lang', 'ja', '--var', 'x', example], 'gridfence: --var は NAME=VALUE の形で指定してください（指定された値: "x"）\n'],
    [['lint', '--lang', 'ja', '--now', '2020', example], 'gridfence: --now は YYYY-MM-DD の形の日付で指定してください（指定された値: "2020"）\n'],
    [['lint', '--lang', 'ja', '--output', 'no-such-folder/x.json', example], 'gridfence: --output no-such-folder/x.json: 書き込めません（ENOENT）\n'],
    [['explain', 'no-such-rule', '--lang', 'ja'], 'gridfence: ルール "no-such-rule" はありません（一覧は gridfence rules で表示できます）\n'],
  ])('%j', (args, stderr) => {
    const r = gridfence(args);
    expect(r.stderr).toBe(stderr);
    expect(r.code).toBe(2);
  });

  it('English without --lang ja, whatever the locale says where --lang en is given', () => {
    const r = gridfence(['lint', '--lang', 'en', '--var', 'x', example]);
    expect(r.stderr).toBe('gridfence: --var expects NAME=VALUE, got "x"\n');
  });

  it('the language is the last --lang given, else the locale', () => {
    expect(errorLang(['lint', '--lang', 'en', '--lang=ja'])).toBe('ja');
    expect(errorLang(['lint', '--lang=ja', '--lang', 'en'])).toBe('en');
    const saved = { LC_ALL: process.env['LC_ALL'], LANG: process.env['LANG'] };
    try {
      process.env['LC_ALL'] = 'ja_JP.UTF-8';
      expect(errorLang(['lint'])).toBe('ja');
      process.env['LC_ALL'] = 'C';
      expect(errorLang(['lint'])).toBe('en');
    } finally {
      for (const [k, v] of Object.entries(saved)) if (v === undefined) delete process.env[k];
      else process.env[k] = v;
    }
  });

  it("init's messages, and the --var and --cfn-param problems a report carries", () => {
    expect(jaUsageMessage('--var region=…: the root module (envs/prod) declares no variable "region"')).toBe('--var region=…: ルートモジュール（envs/prod）に変数 "region" の宣言がありません');
    expect(jaUsageMessage('--cfn-param Env=…: no template declares a parameter "Env"; did you mean "EnvName"?')).toBe('--cfn-param Env=…: パラメーター "Env" を宣言しているテンプレートはありません（"EnvName" のことですか？）');
    expect(jaUsageMessage('gridfence.yaml already exists; init does not overwrite it (use --force to replace it)')).toBe('gridfence.yaml はすでにあります。init は上書きしません（置き換えるには --force を付けてください）');
    expect(jaUsageMessage('nowhere: no such file or directory')).toBe('nowhere: ファイルまたはフォルダーがありません');
    expect(jaUsageMessage('configuration file x/gridfence.yaml: cannot write it (EACCES)')).toBe('設定ファイル x/gridfence.yaml: 書き込めません（EACCES）');
  });
});
