/**
 * `waiver-expired`: a waiver whose end date has passed is a warning finding of its own, at the
 * waiver, so that the team sees the accepted risk come due (the findings it covered are reported
 * again, unwaived). It is a housekeeping check of the run, not one of the guideline's rules: it is
 * not in `gridfence rules`, cannot be configured or waived, and joins the pack only in a run where
 * it fires. Its clause is (2)ア: a waiver is a recorded security decision, and an expired one is a
 * record that is no longer current.
 */
import type { Finding, Lang } from '../model/finding.js';
import type { Location } from '../model/source.js';
import type { PackRule } from '../rules/pack.js';
import { interpolate } from '../rules/rule.js';
import { fingerprint } from './findings.js';

export const WAIVER_EXPIRED = 'waiver-expired';

export const WAIVER_EXPIRED_META: PackRule = {
  clause: '(2)ア',
  severity: 'warning',
  title: { en: 'A waiver has passed its end date', ja: '適用除外の期限切れ' },
};

export const WAIVER_EXPIRED_MESSAGES = {
  expired: {
    en: 'the waiver of {{rules}} for {{resource}} expired on {{expires}} and no longer applies: renew it with a new date, or fix what it covered',
    ja: '{{resource}} に対する {{rules}} の適用除外は {{expires}} に期限が切れ、適用されなくなりました。期限を更新するか、対象を修正してください',
  },
} as const;

/** An expired waiver, wherever it is written. */
export interface ExpiredWaiver {
  rules: string[];
  /** The resource address (or address glob of a config waiver) it covered; the file when it stands before no resource. */
  resource: string;
  expires: string;
  reason: string;
  location: Location;
  kind: 'inline' | 'config';
  /** Among waivers alike in file, rules, resource, date and reason: which one (from 1), for the fingerprint. */
  nth?: number;
}

export function expiredWaiverFinding(w: ExpiredWaiver, lang: Lang): Finding {
  const data = { rules: w.rules.join(', '), resource: w.resource, expires: w.expires };
  const message = interpolate(WAIVER_EXPIRED_MESSAGES.expired[lang], data);
  return {
    ruleId: WAIVER_EXPIRED,
    severity: WAIVER_EXPIRED_META.severity,
    clause: WAIVER_EXPIRED_META.clause,
    messageId: 'expired',
    data: { ...data, reason: w.reason, kind: w.kind },
    message,
    resource: w.resource,
    location: w.location,
    callers: [],
    related: [],
    certainty: 'definite',
    unknowns: [],
    // The waiver itself — its file, rules, what it covered, date and reason — never its line: a new
    // end date or reason is a new decision.
    fingerprint: fingerprint(WAIVER_EXPIRED, w.resource, 'expired', { ...data, reason: w.reason, file: w.location.file, ...(w.nth ? { nth: String(w.nth) } : {}) }),
    waived: false,
  };
}
