/** The guideline pack (policies/guideline.yaml): clauses and, per rule id, clause, severity, titles. */
import type { Severity } from '../model/finding.js';
import { GUIDELINE_PACK } from './generated/guideline-pack.js';

export interface Bilingual {
  ja: string;
  en: string;
}

export interface PackRule {
  clause: string;
  severity: Severity;
  title: Bilingual;
  /** A custom path policy's file (as shown in reports): its documentation, in place of docs/rules. */
  source?: string;
}

export interface Pack {
  version: 1;
  name: string;
  /** In the guideline's order. `evidence`: what an auditor asks for the clause's organisational parts. */
  clauses: Record<string, { title: Bilingual; text: Bilingual; evidence?: Bilingual[] }>;
  rules: Record<string, PackRule>;
}

/** The pack as generated from policies/guideline.yaml (scripts/gen-pack.mjs; a test keeps them equal). */
export function guidelinePack(): Pack {
  return GUIDELINE_PACK;
}
