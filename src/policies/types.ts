/** A custom path policy as written (schemas/policy.schema.json). */
import type { Bilingual } from '../rules/pack.js';
import type { Severity } from '../model/finding.js';

/** Exactly one key: a zone (or external) by name, a role, an external, a resource address glob, a CIDR, or the internet. */
export interface Place {
  zone?: string;
  role?: string;
  external?: string;
  address?: string;
  cidr?: string;
  internet?: true;
  /** Destinations only: every place outside the origin's own zone or network. */
  anywhere?: true;
}

export interface CustomPolicy {
  id: string;
  clause: string;
  severity: Severity;
  title: Bilingual;
  description?: Bilingual;
  forbid: {
    from: Place | Place[];
    to: Place | Place[];
    services?: 'any' | string[];
    'unless-through'?: Place | Place[];
  };
  /** The file it was read from, as shown in problems. */
  file?: string;
}

/** One place or a list, as a list. */
export function placesOf(p: Place | Place[] | undefined): Place[] {
  return p === undefined ? [] : Array.isArray(p) ? p : [p];
}
