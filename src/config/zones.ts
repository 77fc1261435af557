/**
 * Zone membership (product.md §4) over a neutral description of resources, so that every loader
 * (Terraform, CloudFormation, firewall hosts) can use it without this stage knowing their models.
 *
 * A resource is selected by a zone when
 *  - its tags carry `gridfence-zone: <zone name>` (always, whether or not the zone has `match`), or
 *  - its tags carry every entry of the zone's `match.tags` (an empty `tags` selects nothing), or
 *  - its address matches one of `match.addresses` or `match.hosts` (globs, see glob.ts), or
 *  - it is a host interface `host:if` that `hosts.<host>.interfaces.<if>.zone` places, or
 *  - one of its own prefixes lies inside one of `match.cidrs`.
 * Selected by two zones: a configuration error naming both, and the resource gets no zone. Selected by
 * none: it inherits through `attachedTo`, transitively — the zones of the selected resources reachable
 * through unselected ones; exactly one zone is inherited, several mean none (rules judge that case) —
 * A value a zone could select it by that is not known (a tag, its prefixes) is an error all the same.
 */
import type { InputProblem } from '../model/errors.js';
import type { Location } from '../model/source.js';
import { type Prefix, parseCidr, parsePrefixOrAddressCached, prefixContains } from '../model/net/cidr.js';
import { matchesGlob } from './glob.js';
import { sourceOf } from './locate.js';
import { CONFIG_PROBLEM_CODE, messages } from './messages.js';
import { DEFAULT_ZONE_TAG, type GridfenceConfig } from './types.js';

export interface ZoneCandidate {
  /** The resource's address, e.g. `module.dispatch.aws_subnet.a["x"]`, or `gw1:eth1` for a host interface. */
  address: string;
  /** The resource type, e.g. `aws_subnet`. */
  type: string;
  /** Tags whose values are known; unknown tags are left out. */
  tags?: Record<string, string>;
  /** Addresses or prefixes the resource owns (a subnet's cidr_block, an instance's private IP). */
  cidrs?: string[];
  /** Addresses of what this resource is attached to (instance → its subnet, security group → what it protects). */
  attachedTo?: string[];
  /**
   * Values a zone could select by that are not known: all its tags (`key` absent), one tag, or its
   * prefixes. Left with no zone, such a resource is an error, never a resource in no zone.
   */
  unknowns?: Array<{ on: 'tags' | 'cidrs'; key?: string; reason: string; location?: Location }>;
}

export interface ZoneResolution {
  /** Resource address → zone name, for resources with exactly one zone. */
  zoneOf: Map<string, string>;
  problems: InputProblem[];
  /** True when the configuration declares no zones at all; then no resource has a zone. */
  implicit: boolean;
  /**
   * Resources selected by no zone that sit in several (a security group protecting resources of two
   * zones): they have no zone of their own, but what they do concerns the zones they sit in.
   */
  spanning: Map<string, string[]>;
}

interface Selector {
  zone: string;
  tags: [string, string][];
  globs: string[];
  prefixes: Prefix[];
  /** Whether the zone's `match` selects anything (the zone tag aside). */
  matches: boolean;
}

/** Whether the configuration declares any zone; without one, no resource has a zone (`implicit`). */
export function declaresZones(config: GridfenceConfig | undefined): boolean {
  return Object.keys(config?.zones ?? {}).length > 0;
}

export function resolveZones(config: GridfenceConfig | undefined, candidates: readonly ZoneCandidate[]): ZoneResolution {
  const zoneOf = new Map<string, string>();
  const problems: InputProblem[] = [];
  const zones = Object.entries(config?.zones ?? {});
  const spanning = new Map<string, string[]>();
  if (!config || !declaresZones(config)) return { zoneOf, problems, implicit: true, spanning };

  const selectors: Selector[] = zones.map(([zone, z]) => {
    const s = {
      zone,
      tags: Object.entries(z.match?.tags ?? {}),
      globs: [...(z.match?.addresses ?? []), ...(z.match?.hosts ?? [])],
      prefixes: (z.match?.cidrs ?? []).map(parseCidr).filter((p): p is Prefix => p !== undefined),
    };
    return { ...s, matches: s.tags.length > 0 || s.globs.length > 0 || s.prefixes.length > 0 };
  });
  const placedInterfaces = new Map<string, string>();
  for (const [host, h] of Object.entries(config.hosts ?? {})) {
    for (const [name, itf] of Object.entries(h.interfaces ?? {})) {
      if (itf.zone !== undefined) placedInterfaces.set(`${host}:${name}`, itf.zone);
    }
  }

  // Candidates sharing an address are one resource.
  const byAddress = new Map<string, ZoneCandidate[]>();
  for (const c of candidates) {
    const list = byAddress.get(c.address);
    if (list) list.push(c);
    else byAddress.set(c.address, [c]);
  }

  const declared = new Set(zones.map(([z]) => z));
  // A resource's own prefixes are read only when some zone matches by CIDR.
  const byCidr = selectors.some((s) => s.prefixes.length > 0);
  const none: Prefix[] = [];
  /** Zones that select the resource directly; undefined when none does. */
  const direct = new Map<string, string[]>();
  for (const [address, group] of byAddress) {
    let selected: Set<string> | undefined;
    for (const c of group) {
      const own = byCidr && c.cidrs ? c.cidrs.map(parsePrefixOrAddressCached).filter((p): p is Prefix => p !== undefined) : none;
      // The zone tag is read once per resource, not once per zone: thousands of resources, each
      // asked by every zone.
      const tagged = c.tags?.[DEFAULT_ZONE_TAG];
      for (const s of selectors) {
        if (s.zone === tagged || (s.matches && selects(s, c, own))) (selected ??= new Set()).add(s.zone);
      }
      const placed = placedInterfaces.get(c.address);
      if (placed !== undefined) (selected ??= new Set()).add(placed);
    }
    if (!selected) continue;
    // Declaration order, so that messages read as the configuration does.
    const ordered = selected.size === 1 ? [...selected].filter((z) => declared.has(z)) : zones.map(([z]) => z).filter((z) => selected.has(z));
    direct.set(address, ordered);
    if (ordered.length === 1) zoneOf.set(address, ordered[0]!);
    else problems.push(conflict(config, address, ordered));
  }

  const tagKeys = new Set([DEFAULT_ZONE_TAG, ...selectors.flatMap((s) => s.tags.map(([k]) => k))]);
  for (const [address, group] of byAddress) {
    if (direct.has(address)) continue;
    const found = inheritedZones(address, group, byAddress, direct);
    const inherited = found.length === 1 ? found[0] : undefined;
    if (found.length > 1) spanning.set(address, found);
    // An unknown tag may name any zone; unknown addresses matter only where nothing places the
    // resource (an interface with no address known yet sits in its subnet's range).
    const hidden = group.flatMap((c) => c.unknowns ?? []).find((u) => (u.on === 'tags' ? u.key === undefined || tagKeys.has(u.key) : byCidr && inherited === undefined));
    // The run fails on the error; the zone the resource sits in is still used, so that the rules say
    // what they can of it.
    if (hidden) problems.push({ severity: 'error', code: 'zone-unknown', message: messages.zoneUnknown(address, hidden.reason), ...(hidden.location ? { location: hidden.location } : {}) });
    if (inherited !== undefined) zoneOf.set(address, inherited);
  }
  return { zoneOf, problems, implicit: false, spanning };
}

/** Whether the zone's `match` selects the resource (its zone tag is read by the caller). */
function selects(s: Selector, c: ZoneCandidate, own: readonly Prefix[]): boolean {
  const tags = c.tags;
  if (tags && s.tags.length > 0 && s.tags.every(([k, v]) => tags[k] === v)) return true;
  if (s.globs.length > 0 && s.globs.some((g) => matchesGlob(g, c.address))) return true;
  return own.length > 0 && own.some((p) => s.prefixes.some((z) => prefixContains(z, p)));
}


/**
 * Walks `attachedTo` from an unselected resource through other unselected ones, collecting the zones
 * of the selected resources it reaches, in the order met. The visited set makes cycles harmless. A
 * resource selected by two zones (a reported conflict) contributes nothing.
 */
function inheritedZones(
  start: string,
  group: readonly ZoneCandidate[],
  byAddress: ReadonlyMap<string, readonly ZoneCandidate[]>,
  direct: ReadonlyMap<string, readonly string[]>,
): string[] {
  const seen = new Set<string>([start]);
  const stack = group.flatMap((c) => c.attachedTo ?? []);
  const found: string[] = [];
  while (stack.length > 0) {
    const address = stack.pop()!;
    if (seen.has(address)) continue;
    seen.add(address);
    const zones = direct.get(address);
    if (zones) {
      if (zones.length === 1 && !found.includes(zones[0]!)) found.push(zones[0]!);
      continue;
    }
    for (const c of byAddress.get(address) ?? []) stack.push(...(c.attachedTo ?? []));
  }
  return found;
}

function conflict(config: GridfenceConfig, address: string, zones: readonly string[]): InputProblem {
  const map = sourceOf(config);
  // Point at the later zone: the earlier one is usually the intended home.
  const location = map?.keyLocation(['zones', zones[zones.length - 1]!]);
  return { severity: 'error', code: CONFIG_PROBLEM_CODE, message: messages.zoneConflict(address, zones), ...(location ? { location } : {}) };
}
