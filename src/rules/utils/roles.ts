import type { ExternalRole } from '../../config/types.js';

/** The roles of external networks (`externals.<name>.role` in gridfence.yaml) in the guideline's words, for messages in both languages. */
export const EXTERNAL_ROLE_WORDS: Readonly<Record<ExternalRole, { en: string; ja: string }>> = {
  'dispatch-system': { en: 'dispatch system', ja: '簡易指令システム' },
  partner: { en: 'partner', ja: '相互接続相手' },
  'der-site': { en: 'DER site', ja: '需要家側エネルギーリソース' },
  other: { en: 'other network', ja: '他ネットワーク' },
};
