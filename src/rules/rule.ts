/**
 * The rule framework. A rule is an id, its messages (English and Japanese, with `{{name}}`
 * placeholders), its options schema with defaults, and a `check` that reads the model through the
 * context and reports. Clause, severity and titles come from the guideline pack
 * (policies/guideline.yaml), so that a pack can re-grade a rule without touching its code.
 * Rules never read files.
 */
import type { GridfenceConfig } from '../config/types.js';
import type { FirewallHost } from '../model/firewall.js';
import type { PathAnalysis } from '../graph/analysis.js';
import type { Flow, Lang, RelatedLocation, TraceStep } from '../model/finding.js';
import type { ModelResource, TerraformModel } from '../model/resource.js';
import type { Span } from '../model/source.js';
import type { Unknown } from '../model/value.js';

export type Messages = Record<string, { en: string; ja: string }>;

export interface RuleDefinition<O extends object = Record<string, never>, M extends Messages = Messages> {
  id: string;
  messages: M;
  /** JSON Schema of the rule's options (`rules.<id>.options` in gridfence.yaml). */
  optionsSchema?: Record<string, unknown>;
  defaultOptions: O;
  /**
   * Options that pass the schema but name nothing in the configuration (a misspelt external): each
   * returned text becomes a configuration error at `rules.<id>.options` (exit 2), since such an
   * option would quietly check less than the operator asked.
   */
  checkOptions?: (options: O, config: GridfenceConfig | undefined) => string[];
  /** The rule asks the reachability engine (ctx.paths()). */
  reachability?: boolean;
  /**
   * The inputs whose resources the rule judges: cloud templates (Terraform, plans, CloudFormation),
   * firewall rulesets (iptables, nftables), or all of them. Default: all for path rules (firewall
   * hosts are part of the graph), cloud for the others.
   */
  inputs?: 'cloud' | 'firewall' | 'all';
  /**
   * Whether the system has anything this rule judges. A rule out of scope with no finding is "not
   * applicable" in the compliance view, rather than a pass; omitted, the rule is always in scope.
   */
  scope?: (s: ScopeFacts) => boolean;
  check(ctx: RuleContext<O, keyof M & string>): void;
}

export interface Report<Id extends string> {
  messageId: Id;
  /** Language-neutral values: they name the finding (its fingerprint) and fill the message. */
  data: Record<string, string>;
  /** Values in each language (a reason, a role's name): they fill the message but not the fingerprint. */
  words?: Record<string, { en: string; ja: string }>;
  resource: ModelResource;
  /** The source range that causes the finding; the resource block when omitted. */
  at?: Span;
  related?: Array<{ at: Span; message: string }>;
  /** Unknown values the verdict rests on: the finding becomes "possible". */
  unknowns?: Unknown[];
  /** Extra reason the verdict is only possible (e.g. no zones declared). */
  possibleBecause?: string;
  trace?: TraceStep[];
  flow?: Flow;
}

/** What a rule sees of the system. */
export interface RuleContext<O, Id extends string = string> {
  model: TerraformModel;
  config: GridfenceConfig | undefined;
  options: O;
  lang: Lang;
  zones: ZoneView;
  /** Firewall hosts with a ruleset: those of gridfence.yaml and rulesets linted on their own. */
  firewalls: readonly FirewallHost[];
  /** Resources by address (firewall hosts, interfaces, chains and rules included). */
  resource(address: string): ModelResource | undefined;
  /** The network graph and its searches, built on first use and shared by every rule of the run. */
  paths(): PathAnalysis;
  /** The run's date (YYYY-MM-DD), for attestation and expiry checks. */
  today: string;
  report(r: Report<Id>): void;
}

export interface ZoneView {
  /** No zone is declared: every resource counts as protected, of unknown role. */
  implicit: boolean;
  zoneOf(address: string): string | undefined;
  roleOf(zone: string): string | undefined;
  /**
   * In one of our zones, or in several without one of its own (a security group shared by two
   * zones); with no zones declared, any resource.
   */
  isProtected(address: string): boolean;
  /**
   * Whether the resource is in a zone of `role`: true, false, or "maybe" when no zones are declared
   * (the role cannot be known, so role-specific rules still apply and their findings are possible).
   */
  hasRole(address: string, role: string): boolean | 'maybe';
}

/** What the system holds, for rule scopes. */
export interface ScopeFacts {
  /** A managed resource of one of these types exists. */
  has(...types: string[]): boolean;
  /** The system has a network to walk: VPCs or subnets, or firewall hosts placed by gridfence.yaml. */
  network: boolean;
  /** Firewall rulesets were read. */
  firewalls: boolean;
  /**
   * The system holds networks the path analysis does not model (Azure virtual networks, Google Cloud
   * VPC networks): a reachability rule that finds nothing cannot vouch for them.
   */
  unmodelledNetworks: boolean;
  /** A zone of one of these roles is declared (or no zone is declared: any role may be present). */
  zoneRole(...roles: string[]): boolean;
  /** An external network of one of these roles is declared. */
  externalRole(...roles: string[]): boolean;
}

export type AnyRule = RuleDefinition<object, Messages>;

export function defineRule<O extends object, M extends Messages>(rule: RuleDefinition<O, M>): RuleDefinition<O, M> {
  return rule;
}

/** `{{name}}` placeholders filled from data; a missing value stays visible rather than vanishing. */
export function interpolate(template: string, data: Record<string, string>): string {
  let parts = COMPILED.get(template);
  if (!parts) COMPILED.set(template, (parts = compile(template)));
  let out = parts[0]!;
  for (let i = 1; i < parts.length; i += 3) {
    const k = parts[i]!;
    out += (k in data ? data[k]! : parts[i + 1]!) + parts[i + 2]!;
  }
  return out;
}

/** Each message template split once (a run fills the same few thousands of times): text, then per placeholder its name, as written, and the text after. */
const COMPILED = new Map<string, string[]>();

function compile(template: string): string[] {
  const parts: string[] = [];
  const re = /\{\{\s*(\w+)\s*\}\}/g;
  let last = 0;
  for (let m = re.exec(template); m; m = re.exec(template)) {
    parts.push(template.slice(last, m.index), m[1]!, m[0]);
    last = m.index + m[0].length;
  }
  parts.push(template.slice(last));
  return parts;
}

export type { RelatedLocation };
