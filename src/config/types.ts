/**
 * The typed form of `gridfence.yaml` (product.md §4), exactly as written: keys keep their YAML spelling
 * (`registered-sources`, `min-version`), so a key path in a message, in the schema and in code is the
 * same string. `schemas/gridfence.schema.json` is the authority; these types describe what passes it.
 */

/** Roles of our own zones. Every zone is protected. */
export type ZoneRole = 'dispatch-link' | 'buffer' | 'internal' | 'management' | 'der-ingress' | 'partner-ingress';

/** Roles of networks that are not ours. `internet` is implicit and never declared. */
export type ExternalRole = 'dispatch-system' | 'partner' | 'der-site' | 'other';

export const ZONE_ROLES: readonly ZoneRole[] = ['dispatch-link', 'buffer', 'internal', 'management', 'der-ingress', 'partner-ingress'];
export const EXTERNAL_ROLES: readonly ExternalRole[] = ['dispatch-system', 'partner', 'der-site', 'other'];

/** Names that the analysis gives to implicit networks; no zone or external may take them. */
export const RESERVED_NETWORK_NAMES: readonly string[] = ['internet', 'unclassified'];

/** The tag that places a resource in a zone when nothing else is said: `gridfence-zone: <zone name>`. */
export const DEFAULT_ZONE_TAG = 'gridfence-zone';

export type Severity = 'error' | 'warning' | 'note';
export type RuleSeverity = Severity | 'off';

/** A calendar date written `YYYY-MM-DD` (checked to exist). */
export type IsoDate = string;

/** Selectors that put a resource or an address in a zone; any one of them suffices. */
export interface ZoneMatch {
  /** All these tags, with these values, must be on the resource. */
  tags?: Record<string, string>;
  /** Resource address globs: `*` any run of characters, `?` one character, matched against the whole address. */
  addresses?: string[];
  /** Prefixes that belong to the zone; a resource whose own prefix lies inside one is in the zone. */
  cidrs?: string[];
  /** Firewall host interfaces, `host:interface` (globs allowed). */
  hosts?: string[];
}

export interface ZoneConfig {
  role: ZoneRole;
  match?: ZoneMatch;
}

export interface TlsConfig {
  'min-version'?: '1.0' | '1.1' | '1.2' | '1.3';
  mutual?: boolean;
}

export interface AttestationConfig {
  confirmed: IsoDate;
  expires?: IsoDate;
  evidence?: string;
}

export interface ExternalConfig {
  role: ExternalRole;
  cidrs?: string[];
  /** `tcp/443`, `udp/500-4500`, `icmp`. */
  services?: string[];
  transport?: 'internet' | 'closed';
  'registered-sources'?: string[];
  tls?: TlsConfig;
  attestation?: AttestationConfig;
}

export interface InterfaceConfig {
  /** The interface address with its prefix length, e.g. `10.20.0.1/24`. */
  address?: string;
  /** The zone of the network on this interface. */
  zone?: string;
  /** What the interface leads to: `internet`, an external's name, or a resource address. */
  link?: string;
}

export interface HostConfig {
  /** The firewall configuration file (iptables-save, nft text or nft JSON). */
  config?: string;
  /** An `ipset save` file with the sets `-m set` matches name. */
  ipsets?: string;
  interfaces?: Record<string, InterfaceConfig>;
}

export interface ConnectionPointsConfig {
  max?: number;
  declared?: string[];
}

export interface RuleOptionsSetting {
  severity?: RuleSeverity;
  options?: Record<string, unknown>;
}

/** A rule entry: a bare severity (`off` disables) or `{ severity?, options? }`. */
export type RuleSetting = RuleSeverity | RuleOptionsSetting;

export interface Waiver {
  rule: string;
  /** A resource address or an address glob. */
  resource: string;
  reason: string;
  expires?: IsoDate;
}

export interface GridfenceConfig {
  version: 1;
  system?: string;
  zones?: Record<string, ZoneConfig>;
  externals?: Record<string, ExternalConfig>;
  hosts?: Record<string, HostConfig>;
  'connection-points'?: ConnectionPointsConfig;
  rules?: Record<string, RuleSetting>;
  waivers?: Waiver[];
  /** Custom path policy files (schemas/policy.schema.json), relative to the configuration file. */
  policies?: string[];
}

/** The two forms of a rule entry as one shape. */
export function normalizeRuleSetting(setting: RuleSetting): RuleOptionsSetting {
  return typeof setting === 'string' ? { severity: setting } : setting;
}
