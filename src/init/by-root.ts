/**
 * Zone resolution as `lint` does it when roots declare the same address (envs/dev and envs/prod
 * with the same code): each part of the run on its own (the caller's partition,
 * linter/root-parts.ts). The proposal needs one zone per address for what it reads by address, so
 * the parts' answers are merged there, the first part's winning; each resource keeps its own
 * (`zoneOfResource`), and what a part finds wrong is kept from every part.
 */
import type { GridfenceConfig } from '../config/types.js';
import { resolveZones, type ZoneCandidate, type ZoneResolution } from '../config/zones.js';
import { zoneCandidates } from '../loaders/terraform/zone-candidates.js';
import type { ModelResource } from '../model/resource.js';

export interface RootResolution extends Pick<ZoneResolution, 'zoneOf' | 'problems'> {
  /** The zone of each resource itself: two resources of one address in two roots may differ. */
  zoneOfResource: Map<ModelResource, string>;
}

export function resolveByRoot(config: GridfenceConfig, resources: readonly ModelResource[], candidates: readonly ZoneCandidate[], parts?: ReadonlyArray<readonly ModelResource[]>): RootResolution {
  const zoneOfResource = new Map<ModelResource, string>();
  if (!parts) {
    const r = resolveZones(config, candidates);
    for (const x of resources) {
      const zone = r.zoneOf.get(x.address);
      if (zone !== undefined) zoneOfResource.set(x, zone);
    }
    return { zoneOf: r.zoneOf, problems: r.problems, zoneOfResource };
  }
  const zoneOf = new Map<string, string>();
  const problems: ZoneResolution['problems'] = [];
  for (const part of parts) {
    const r = resolveZones(config, zoneCandidates(part));
    for (const [address, zone] of r.zoneOf) if (!zoneOf.has(address)) zoneOf.set(address, zone);
    for (const x of part) {
      const zone = r.zoneOf.get(x.address);
      if (zone !== undefined && !zoneOfResource.has(x)) zoneOfResource.set(x, zone);
    }
    problems.push(...r.problems);
  }
  return { zoneOf, problems, zoneOfResource };
}
