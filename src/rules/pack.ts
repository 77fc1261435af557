/** The guideline pack (policies/guideline.yaml): clauses and, per rule id, clause, severity, titles. */
import fs from 'node:fs';
import { parse } from 'yaml';
import type { Severity } from '../model/finding.js';

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

/** Location of the pack, both from src/rules (tests) and from dist/rules (the package). */
export const PACK_URL = new URL('../../policies/guideline.yaml', import.meta.url);

let pack: Pack | undefined;

export function guidelinePack(): Pack {
  pack ??= parse(fs.readFileSync(PACK_URL, 'utf8')) as Pack;
  return pack;
}
