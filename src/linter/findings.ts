/** Turns a rule's report into a Finding: message in the chosen language, locations, certainty, fingerprint. */
import crypto from 'node:crypto';
import type { Finding, Lang, Severity } from '../model/finding.js';
import { toLocation } from '../model/source.js';
import { interpolate, type AnyRule, type Report } from '../rules/rule.js';
import { jaSpacing, jaText } from './ja-text.js';
import { placeWords } from './place-words.js';

export function makeFinding(rule: AnyRule, severity: Severity, clause: string, lang: Lang, r: Report<string>): Finding {
  const template = rule.messages[r.messageId];
  if (!template) throw new Error(`rule ${rule.id} reported unknown message id ${r.messageId}`);
  const exact = r.at ?? r.resource.span;
  // A file terraform init installed is neither the user's to edit nor in what a pull request shows:
  // the finding stands at the innermost module call in the user's own files, the exact place related.
  const call = exact.file.installed ? [...r.resource.callers].reverse().find((c) => !c.file.installed) : undefined;
  const at = call ?? exact;
  const related = [
    ...(call && exact !== r.resource.span ? [{ location: toLocation(exact), message: lang === 'ja' ? 'terraform init が取得したモジュール内の該当箇所' : 'the place in the module terraform init installed' }] : []),
    ...(r.related ?? []).map((x) => ({ location: toLocation(x.at), message: lang === 'ja' ? jaText(x.message) : x.message })),
    ...(at !== r.resource.span ? [{ location: toLocation(r.resource.span), message: lang === 'ja' ? `リソース ${r.resource.address}` : `resource ${r.resource.address}` }] : []),
    ...r.resource.callers.map((c) => ({ location: toLocation(c), message: lang === 'ja' ? 'モジュール呼び出し' : 'module call' })),
  ];
  // A resource that may not exist at all (unknown count, for_each or condition) makes every finding on it possible.
  const rests = r.resource.expansion && !(r.unknowns ?? []).includes(r.resource.expansion) ? [...(r.unknowns ?? []), r.resource.expansion] : (r.unknowns ?? []);
  // Reasons and trace steps are text for people, written by the analysis in English: in the run's language.
  const said = lang === 'ja' ? jaText : (s: string) => s;
  const unknowns = rests.map((u) => ({ reason: said(u.reason), ...(u.at ? { location: toLocation(u.at) } : {}) }));
  if (r.possibleBecause) unknowns.push({ reason: said(r.possibleBecause) });
  const words = Object.fromEntries(Object.entries(r.words ?? {}).map(([k, v]) => [k, v[lang]]));
  const data = { ...r.data, ...words };
  return {
    ruleId: rule.id,
    severity,
    clause,
    messageId: r.messageId,
    data,
    message: lang === 'ja' ? jaSpacing(interpolate(template.ja, { ...placeWords(r.data, lang), ...words })) : interpolate(template.en, { ...r.data, ...words }),
    resource: r.resource.address,
    ...(r.resource.constructPath ? { constructPath: r.resource.constructPath } : {}),
    location: toLocation(at),
    callers: r.resource.callers.map(toLocation),
    related,
    ...(r.trace ? { trace: lang === 'ja' ? r.trace.map((t) => (t.step ? { ...t, step: jaText(t.step) } : t)) : r.trace } : {}),
    ...(r.flow ? { flow: r.flow } : {}),
    certainty: unknowns.length ? 'possible' : 'definite',
    unknowns,
    fingerprint: fingerprint(rule.id, r.resource.address, r.messageId, r.data),
    waived: false,
  };
}

/** Rule, resource, message id and data: unchanged by edits elsewhere in the file (no line numbers). */
export function fingerprint(ruleId: string, resource: string, messageId: string, data: Record<string, string>): string {
  const canonical = JSON.stringify([ruleId, resource, messageId, Object.keys(data).sort().map((k) => [k, data[k]])]);
  return sha256Hex(canonical).slice(0, 32);
}

/**
 * SHA-256 of a text in hex. The one-shot `crypto.hash` (Node 20.12 and later) skips the stream
 * object that `createHash` builds, which is most of the cost of hashing thousands of short texts.
 */
const sha256Hex: (text: string) => string =
  typeof crypto.hash === 'function' ? (text) => crypto.hash('sha256', text, 'hex') : (text) => crypto.createHash('sha256').update(text).digest('hex');
