/**
 * A finding: one rule's verdict on one place, with everything a report needs — the rule and its
 * guideline clause, the message in the chosen language (and the message id and data it came from),
 * the resource, the exact source range that opens the hole, related places, and whether it rests on
 * an unknown value.
 */
import type { Location } from './source.js';

export type Severity = 'error' | 'warning' | 'note';
export const SEVERITIES: readonly Severity[] = ['error', 'warning', 'note'];

export type Lang = 'en' | 'ja';

export interface RelatedLocation {
  location: Location;
  message: string;
}

export interface TraceStep {
  node: string;
  step?: string;
  location?: Location;
}

export interface Flow {
  protocol: string;
  source: string;
  destination: string;
  ports: string;
}

/** A value a finding depends on that could not be known statically. */
export interface UnknownCause {
  reason: string;
  location?: Location;
}

export interface Finding {
  ruleId: string;
  severity: Severity;
  /** Guideline clause label, e.g. "(4)ア". */
  clause: string;
  messageId: string;
  data: Record<string, string>;
  message: string;
  /** Address of the resource the finding belongs to. */
  resource: string;
  /** The resource's AWS CDK construct path, when the CDK synthesised it. */
  constructPath?: string;
  /** The most specific source range that causes the finding. */
  location: Location;
  /** The module blocks that led to the resource, outermost first. */
  callers: Location[];
  related: RelatedLocation[];
  trace?: TraceStep[];
  flow?: Flow;
  /** "possible" when the finding rests on an unknown value (named in `unknowns`). */
  certainty: 'definite' | 'possible';
  unknowns: UnknownCause[];
  /** Stable across unrelated edits: rule, resource, message id and data, never line numbers. */
  fingerprint: string;
  waived: boolean;
  /** Against a baseline (`--baseline`): already in it, or new in this run. */
  baselineState?: 'new' | 'unchanged';
  /** The accepted risk that waives the finding, when `waived`. */
  waiver?: { kind: 'inline' | 'config'; reason: string; expires?: string; location?: Location };
}

/** Counts of findings: unwaived ones by severity (the possible ones also counted apart), waived ones apart. */
export interface Summary {
  error: number;
  warning: number;
  note: number;
  waived: number;
  possible: number;
}

export function summarize(findings: readonly Finding[]): Summary {
  const summary: Summary = { error: 0, warning: 0, note: 0, waived: 0, possible: 0 };
  for (const f of findings) {
    if (f.waived) summary.waived++;
    else {
      summary[f.severity]++;
      if (f.certainty === 'possible') summary.possible++;
    }
  }
  return summary;
}
