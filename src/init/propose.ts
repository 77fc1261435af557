/**
 * `proposeConfig`: a starter gridfence.yaml from the evaluated Terraform model. Pure: the same model
 * gives the same text. The proposal is checked against zone resolution before it is returned, so that
 * no resource ends up selected by two proposed zones (a configuration error in `lint`).
 */
import type { ExternalConfig, GridfenceConfig, ZoneConfig } from '../config/types.js';
import { resolveByRoot } from './by-root.js';
import { zoneCandidates } from '../loaders/terraform/zone-candidates.js';
import type { Prefix } from '../model/net/cidr.js';
import type { TerraformModel } from '../model/resource.js';
import { guessExternals } from './externals.js';
import { renderConfig } from './render.js';
import { prefixText, toPrefix } from './resources.js';
import type { Bilingual, Proposal, ProposedExternal, ProposedZone, ProposeOptions } from './types.js';
import { guessZones, isSubnet, subnetCidrs } from './zones.js';

/** `system` is anything with the evaluated model, e.g. what `loadSystem` or `loadTerraform` returns. */
export function proposeConfig(system: { model: Pick<TerraformModel, 'resources'> }, opts: ProposeOptions = {}): Proposal {
  const resources = system.model.resources;
  const candidates = zoneCandidates(resources);
  const { zones, notes: zoneNotes } = guessZones(resources, candidates, opts.parts);

  let resolution = resolveByRoot(zonesOnly(zones), resources, candidates, opts.parts);
  if (resolution.problems.some((p) => p.severity === 'error')) {
    // A name-guessed zone's prefix selects a resource that a tag places elsewhere: select by address only.
    for (const z of zones) {
      if (!z.match?.cidrs) continue;
      delete z.match.cidrs;
      z.why.push({ ja: 'CIDR で選ぶと他のゾーンのリソースと重なるため、アドレスだけで選びます', en: 'selected by address only: its prefixes would also select resources of another zone' });
    }
    resolution = resolveByRoot(zonesOnly(zones), resources, candidates, opts.parts);
  }

  const zonePrefixes: Prefix[] = [];
  for (const z of zones) {
    z.resources = 0;
    z.subnets = [];
    for (const c of z.match?.cidrs ?? []) {
      const p = toPrefix(c);
      if (p) zonePrefixes.push(p);
    }
  }
  const zoneByName = new Map(zones.map((z) => [z.name, z]));
  for (const [r, zone] of resolution.zoneOfResource) {
    const z = zoneByName.get(zone);
    if (!z) continue;
    z.resources++;
    if (!isSubnet(r)) continue;
    const cidrs = subnetCidrs(r);
    const address = r.address;
    z.subnets.push(cidrs.length ? { address, cidr: cidrs.map((c) => prefixText(toPrefix(c)!)).join(' ') } : { address });
    for (const c of cidrs) zonePrefixes.push(toPrefix(c)!);
  }

  const { externals, notes: externalNotes } = guessExternals({
    resources,
    zoneOf: resolution.zoneOf,
    roleOf: new Map(zones.map((z) => [z.name, z.role])),
    zonePrefixes,
    taken: new Set(zones.map((z) => z.name)),
  });

  const config: GridfenceConfig = { version: 1 };
  if (opts.system !== undefined) config.system = opts.system;
  if (zones.length) config.zones = zonesOnly(zones).zones!;
  if (externals.length) config.externals = Object.fromEntries(externals.map((x) => [x.name, externalConfig(x)]));

  const notes = [...zoneNotes, ...externalNotes];
  const text = renderConfig({ ...(opts.system !== undefined ? { system: opts.system } : {}), ...(opts.source !== undefined ? { source: opts.source } : {}), zones, externals, notes });
  return { text, config, zones, externals, notes, confirm: confirmLines(zones, externals, notes) };
}

function zonesOnly(zones: readonly ProposedZone[]): GridfenceConfig {
  const out: Record<string, ZoneConfig> = {};
  for (const z of zones) {
    const zc: ZoneConfig = { role: z.role };
    const m = z.match;
    if (m && (m.addresses?.length || m.cidrs?.length)) {
      zc.match = {};
      if (m.addresses?.length) zc.match.addresses = [...m.addresses];
      if (m.cidrs?.length) zc.match.cidrs = [...m.cidrs];
    }
    out[z.name] = zc;
  }
  return { version: 1, zones: out };
}

function externalConfig(x: ProposedExternal): ExternalConfig {
  const out: ExternalConfig = { role: x.role, cidrs: [...x.cidrs] };
  if (x.services?.length) out.services = [...x.services];
  if (x.transport) out.transport = x.transport;
  if (x.registeredSources?.length) out['registered-sources'] = [...x.registeredSources];
  return out;
}

function confirmLines(zones: readonly ProposedZone[], externals: readonly ProposedExternal[], notes: readonly Bilingual[]): string[] {
  const out: string[] = [];
  for (const z of zones) if (!z.roleSure) out.push(`zone ${z.name}: the role ${z.role} is a weak guess — choose the right role`);
  for (const z of zones) if (z.from === 'name') out.push(`zone ${z.name}: guessed from subnet names, not tags — check which resources it selects (gridfence inventory)`);
  for (const x of externals) if (!x.roleSure) out.push(`external ${x.name} (${x.cidrs.join(', ')}): the role ${x.role} is a weak guess — choose the right role`);
  for (const x of externals) {
    if (x.role === 'dispatch-system') out.push(`external ${x.name}: confirm the address, services and registered sources with the grid operator, and set tls`);
    if (x.role === 'partner') out.push(`external ${x.name}: fill in the partner's attestation`);
  }
  if (zones.length === 0) out.push('no zone could be guessed: tag resources with gridfence-zone or add zones with match');
  const unplaced = notes.filter((n) => n.en.startsWith('subnet ')).length;
  if (unplaced) out.push(`${unplaced} subnet${unplaced === 1 ? '' : 's'} could not be placed in a zone (see the notes at the end of the file)`);
  return out;
}
