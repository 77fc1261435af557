/** Words of the compliance view, shared by the text and markdown reports. */
import type { ClauseStatus, Counts } from '../compliance/view.js';
import type { Lang } from '../model/finding.js';

export const STATUS_WORDS: Record<Lang, Record<ClauseStatus, string>> = {
  en: { pass: 'pass', fail: 'FAIL', 'not-applicable': 'n/a', manual: 'manual', 'not-checked': 'not checked', incomplete: 'incomplete' },
  ja: { pass: '適合', fail: '不適合', 'not-applicable': '対象外', manual: '書面確認', 'not-checked': '未検査', incomplete: '判定不能' },
};

export const COMPLIANCE_WORDS = {
  en: {
    heading: 'Compliance with the guideline (特定卸供給事業に係るサイバーセキュリティ確保の指針)',
    rulesPass: (n: number, na: number) => `${n === 1 ? '1 rule passes' : `${n} rules pass`}${na ? `, ${na} not applicable` : ''}`,
    allNa: 'nothing in the system is in scope of its rules',
    notChecked: 'its rules did not run (turned off or left out by --rule)',
    incomplete: 'input errors: the result is incomplete',
    keep: 'evidence',
    counts: (c: Counts) =>
      [c.error ? `${c.error} error${c.error === 1 ? '' : 's'}` : '', c.warning ? `${c.warning} warning${c.warning === 1 ? '' : 's'}` : '', c.note ? `${c.note} note${c.note === 1 ? '' : 's'}` : '', c.possible ? `${c.possible} possible` : '', c.waived ? `${c.waived} waived` : '']
        .filter(Boolean)
        .join(', '),
  },
  ja: {
    heading: '指針への適合状況（特定卸供給事業に係るサイバーセキュリティ確保の指針）',
    rulesPass: (n: number, na: number) => `ルール ${n} 件が適合${na ? `、${na} 件は対象外` : ''}`,
    allNa: 'システム内にルールの対象となるものがありません',
    notChecked: 'ルールが実行されていません（無効化または --rule で除外）',
    incomplete: '入力エラーのため結果は不完全です',
    keep: '確認資料',
    counts: (c: Counts) =>
      [c.error ? `エラー ${c.error} 件` : '', c.warning ? `警告 ${c.warning} 件` : '', c.note ? `注意 ${c.note} 件` : '', c.possible ? `うち可能性あり ${c.possible} 件` : '', c.waived ? `適用除外 ${c.waived} 件` : '']
        .filter(Boolean)
        .join('、'),
  },
} as const;

/** Columns a string takes in a terminal: East Asian wide and full-width characters take two. */
export function displayWidth(s: string): number {
  let w = 0;
  for (const ch of s) {
    const c = ch.codePointAt(0)!;
    w += (c >= 0x1100 && c <= 0x115f) || (c >= 0x2e80 && c <= 0xa4cf) || (c >= 0xac00 && c <= 0xd7a3) || (c >= 0xf900 && c <= 0xfaff) || (c >= 0xfe30 && c <= 0xfe4f) || (c >= 0xff00 && c <= 0xff60) || (c >= 0xffe0 && c <= 0xffe6) || (c >= 0x2460 && c <= 0x24ff) ? 2 : 1;
  }
  return w;
}

export function padTo(s: string, width: number): string {
  return s + ' '.repeat(Math.max(0, width - displayWidth(s)));
}
