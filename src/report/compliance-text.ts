/**
 * The compliance section of the text report: one line per clause (label, title, status, counts),
 * the failing rules under a failing clause, and for the organisational clauses the evidence to keep.
 */
import type { ClauseView } from '../compliance/view.js';
import type { Lang } from '../model/finding.js';
import { COMPLIANCE_WORDS, STATUS_WORDS, displayWidth, padTo } from './compliance-words.js';
import type { Style } from './style.js';
import { WAIVER_EXPIRED } from '../linter/waiver-expired.js';

export function complianceText(view: readonly ClauseView[], lang: Lang, style: Style): string[] {
  const w = COMPLIANCE_WORDS[lang];
  const st = STATUS_WORDS[lang];
  const labelW = Math.max(...view.map((c) => displayWidth(c.clause)));
  const titleW = Math.max(...view.map((c) => displayWidth(c.title[lang]))) + 2;
  const out = [style.bold(w.heading)];
  for (const c of view) {
    const status = c.status === 'fail' ? style.red(`✖ ${st.fail}`) : c.status === 'pass' ? style.green(`✔ ${st.pass}`) : c.status === 'incomplete' ? style.yellow(`? ${st.incomplete}`) : style.dim(`· ${st[c.status]}`);
    const detail =
      c.status === 'fail'
        ? w.counts(c.counts)
        : c.status === 'pass'
          ? w.rulesPass(c.rules.filter((r) => r.status === 'pass').length, c.rules.filter((r) => r.status === 'not-applicable').length) + (c.counts.waived ? ` (${w.counts(c.counts)})` : '')
          : c.status === 'not-applicable'
            ? w.allNa
            : c.status === 'not-checked'
              ? w.notChecked
              : c.status === 'incomplete'
                ? (c.why?.[lang] ?? w.incomplete)
                : '';
    out.push(`  ${padTo(c.clause, labelW)}  ${padTo(c.title[lang], titleW)}${status}${detail ? `  ${style.dim(detail)}` : ''}`);
    if (c.status === 'fail') {
      for (const r of c.rules.filter((x) => x.status === 'fail')) out.push(`      ${r.id}  ${style.dim(w.counts(r.counts))}`);
    }
    // Organisational clauses keep their evidence list, also when the run's own check fails one.
    if (c.rules.every((r) => r.id === WAIVER_EXPIRED)) for (const e of c.evidence) out.push(`      ${style.dim(`${w.keep}: ${e[lang]}`)}`);
  }
  return out;
}
