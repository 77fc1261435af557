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
}

export interface Pack {
  version: 1;
  name: string;
  clauses: Record<string, { title: Bilingual; text: Bilingual }>;
  rules: Record<string, PackRule>;
}

/** Location of the pack, both from src/rules (tests) and from dist/rules (the package). */
export const PACK_URL = new URL('../../policies/guideline.yaml', import.meta.url);

let pack: Pack | undefined;

export function guidelinePack(): Pack {
  pack ??= parse(fs.readFileSync(PACK_URL, 'utf8')) as Pack;
  return pack;
}
