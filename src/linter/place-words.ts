/**
 * The words path rules use for places inside message data ("the internet", "zone core", "external
 * network ra-north", "… (over the internet)") in the message's language. The data itself stays as
 * the rule wrote it, so a finding's fingerprint is the same in every language; only the sentence a
 * person reads is localised.
 */
import type { Lang } from '../model/finding.js';
import { JA_PLACES, jaText } from './ja-text.js';

/** The places every report names (`JA_PLACES`), and those only message data holds: zones, address space. */
const JA: ReadonlyArray<[RegExp, string]> = [
  ...JA_PLACES,
  [/^zone (.+)$/, 'ゾーン $1'],
  [/^address space beyond (.+)$/, '$1 の先のアドレス空間'],
  // A resource in no declared zone: the word the zone data uses alone ("undeclared") for it.
  [/ \(zone undeclared\)$/, '（ゾーン未宣言）'],
  [/ \(zone ([^)]*)\)$/, '（ゾーン $1）'],
  [/^\(none declared\)$/, '（未宣言）'],
];

export function placeWords(data: Record<string, string>, lang: Lang): Record<string, string> {
  if (lang !== 'ja') return data;
  const out: Record<string, string> = {};
  for (const [k, v] of Object.entries(data)) {
    let t = v;
    for (const [re, to] of JA) t = t.replace(re, to);
    // A zone value of "undeclared" is the analysis's word for a resource in no declared zone.
    if (/zone/i.test(k) && t === 'undeclared') t = '未宣言';
    // Data may also carry the analysis's other words: a reason, "all traffic", a place without address.
    out[k] = jaText(t);
  }
  return out;
}
