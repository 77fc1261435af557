/** What `proposeConfig` returns: the guesses, their reasons, and the YAML text that records them. */
import type { ExternalRole, GridfenceConfig, ZoneMatch, ZoneRole } from '../config/types.js';
import type { ModelResource } from '../model/resource.js';

/** A remark written in both languages of the file: Japanese first, then English. */
export interface Bilingual {
  ja: string;
  en: string;
}

export interface ProposedZone {
  name: string;
  role: ZoneRole;
  /** `tag`: some resource carries `gridfence-zone: <name>`; `name`: guessed from subnet names only. */
  from: 'tag' | 'name';
  /** False when the role is a fallback (no hint in any name) or the hints disagree. */
  roleSure: boolean;
  /** Why the zone and its role were guessed. */
  why: Bilingual[];
  /** Selectors beyond the default tag (name-guessed subnets: their addresses and prefixes). */
  match?: ZoneMatch;
  /** Subnets in the zone once the proposal is applied, with their prefix when it is known. */
  subnets: Array<{ address: string; cidr?: string }>;
  /** Number of resources the proposal places in the zone (directly or inherited). */
  resources: number;
}

export interface ProposedExternal {
  name: string;
  role: ExternalRole;
  cidrs: string[];
  services?: string[];
  transport?: 'internet' | 'closed';
  registeredSources?: string[];
  /** False when nothing hinted at the role (the fallback `other`). */
  roleSure: boolean;
  why: Bilingual[];
  /** Where the prefixes appear (rule, route, VPN), one short line each. */
  seen: string[];
}

export interface Proposal {
  /** The gridfence.yaml text, comments included. */
  text: string;
  /** The same content as data (what the text parses to). */
  config: GridfenceConfig;
  zones: ProposedZone[];
  externals: ProposedExternal[];
  /** Remarks on what was deliberately left out: the internet, our own and special addresses, unnamed subnets. */
  notes: Bilingual[];
  /** Short English lines for the command's summary: what most needs the operator's attention. */
  confirm: string[];
}

export interface ProposeOptions {
  /** `system:` of the file (e.g. the directory name); left out when absent. */
  system?: string;
  /** The analysed path as the file header shows it, best relative to the file's directory ('.': the file sits beside the Terraform). */
  source?: string;
  /**
   * When roots of the input declare the same address (envs/dev and envs/prod with one code), the
   * parts that lint judges apart (linter/root-parts.ts); zones are resolved in each on its own.
   */
  parts?: ReadonlyArray<readonly ModelResource[]>;
}
