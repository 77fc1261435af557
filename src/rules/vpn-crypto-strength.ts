/**
 * vpn-crypto-strength — (4)ウ②: IPsec tunnels to the aggregator's networks use IKEv2, no SHA-1 and
 * Diffie-Hellman groups of 14 or more. AWS Site-to-Site VPN tunnels offer everything AWS supports
 * for a setting left unset — IKEv1, SHA1, groups 2 and 5 among them — so an unset option is a weak
 * one. AWS offers no DES, 3DES or MD5 for these tunnels.
 */
import { TUNNEL_OFFERS } from '../graph/aws/vpn-offers.js';
import { elements, spanOf } from '../model/read.js';
import type { Span } from '../model/source.js';
import { Unknown, type Value } from '../model/value.js';
import { defineRule } from './rule.js';

const messages = {
  weak: {
    en: '{{tunnel}} of {{vpn}} allows {{weak}}',
    ja: '{{vpn}} の {{tunnel}} が {{weak}} を許可しています',
  },
  defaults: {
    en: '{{tunnel}} of {{vpn}} leaves {{settings}} unset, so AWS offers {{weak}}',
    ja: '{{vpn}} の {{tunnel}} は {{settings}} が未設定のため、AWS の既定で {{weak}} が提示されます',
  },
};

interface Setting {
  /** After `tunnelN_`. */
  suffix: string;
  /** AWS's offer when the setting is unset: everything it supports (graph/aws/vpn-offers.ts). */
  defaults: ReadonlyArray<string | number>;
  weak: (v: string | number) => boolean;
  /** How the weak values read in a message: "IKEv1", "SHA1 (phase 1)", "DH groups 2, 5 (phase 2)". */
  words: (weak: Array<string | number>) => string;
}

const dh = (phase: number) => (w: Array<string | number>) => `DH group${w.length === 1 ? '' : 's'} ${w.join(', ')} (phase ${phase})`;

const SETTINGS: Setting[] = [
  { suffix: 'ike_versions', defaults: TUNNEL_OFFERS['ike_versions']!, weak: (v) => String(v).toLowerCase() === 'ikev1', words: () => 'IKEv1' },
  { suffix: 'phase1_integrity_algorithms', defaults: TUNNEL_OFFERS['phase1_integrity_algorithms']!, weak: (v) => String(v).toUpperCase() === 'SHA1', words: () => 'SHA1 (phase 1)' },
  { suffix: 'phase2_integrity_algorithms', defaults: TUNNEL_OFFERS['phase2_integrity_algorithms']!, weak: (v) => String(v).toUpperCase() === 'SHA1', words: () => 'SHA1 (phase 2)' },
  { suffix: 'phase1_dh_group_numbers', defaults: TUNNEL_OFFERS['phase1_dh_group_numbers']!, weak: (v) => Number(v) < 14, words: dh(1) },
  { suffix: 'phase2_dh_group_numbers', defaults: TUNNEL_OFFERS['phase2_dh_group_numbers']!, weak: (v) => Number(v) < 14, words: dh(2) },
];

export default defineRule({
  id: 'vpn-crypto-strength',
  scope: (s) => s.has('aws_vpn_connection'),
  messages,
  defaultOptions: {},
  check(ctx) {
    for (const r of ctx.model.resources) {
      if (r.mode !== 'managed' || r.type !== 'aws_vpn_connection') continue;
      for (const tunnel of ['tunnel1', 'tunnel2']) {
        const weak: string[] = [];
        const unset: string[] = [];
        const unknowns: Unknown[] = [];
        let at: Span | undefined;
        for (const s of SETTINGS) {
          const name = `${tunnel}_${s.suffix}`;
          const value: Value | undefined = r.attributes[name];
          const unknownItem = value instanceof Unknown ? value : elements(value).find((x): x is Unknown => x instanceof Unknown);
          if (unknownItem) {
            // Not known before apply (the setting or one of its items): it may hold the weak values AWS supports.
            unknowns.push(unknownItem);
            weak.push(s.words(s.defaults.filter(s.weak)));
            at ??= spanOf(r, name);
            continue;
          }
          const list = value === undefined || value === null ? undefined : elements(value);
          const offered = list === undefined || list.length === 0 ? s.defaults : list.filter((x): x is string | number => typeof x === 'string' || typeof x === 'number');
          const bad = offered.filter(s.weak);
          if (!bad.length) continue;
          weak.push(s.words(bad));
          if (list === undefined || list.length === 0) unset.push(name);
          else at ??= spanOf(r, name);
        }
        if (!weak.length) continue;
        const data = { tunnel, vpn: r.address, weak: weak.join(', ') };
        if (at) ctx.report({ messageId: 'weak', data, resource: r, at, ...(unknowns.length ? { unknowns } : {}) });
        else ctx.report({ messageId: 'defaults', data: { ...data, settings: unset.join(', ') }, resource: r });
      }
    }
  },
});
