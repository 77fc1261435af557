/**
 * Zone guesses. First the tag: every distinct value of `gridfence-zone` is a zone, selected by the
 * default tag selector (no `match` needed). Then names: each subnet that no tag places (directly or
 * through what it is attached to) goes to a zone named after its for_each key, resource name, `Name`
 * tag or module, selected by its address and, when known, its prefix. Roles come from words in the
 * zone's name (words.ts); without a hint the role is `internal`, marked as unsure.
 */
import { DEFAULT_ZONE_TAG, RESERVED_NETWORK_NAMES, type GridfenceConfig, type ZoneRole } from '../config/types.js';
import type { ZoneCandidate } from '../config/zones.js';
import { resolveByRoot } from './by-root.js';
import { type Prefix, prefixContains } from '../model/net/cidr.js';
import type { ModelResource } from '../model/resource.js';
import { isObject } from '../model/value.js';
import { instanceKey, moduleCalls, prefixText, str, strings, toPrefix } from './resources.js';
import type { Bilingual, ProposedZone } from './types.js';
import { isGeneric, safeName, stripSuffixes, zoneHint } from './words.js';

/** Order of zones in the file: the dispatch link first, then outwards as the guideline reads. */
const ROLE_ORDER: readonly ZoneRole[] = ['dispatch-link', 'buffer', 'internal', 'management', 'partner-ingress', 'der-ingress'];
const NAME_PATTERN = /^[A-Za-z0-9][A-Za-z0-9_-]*$/;

export interface ZoneGuesses {
  zones: ProposedZone[];
  notes: Bilingual[];
}

export function isSubnet(r: ModelResource): boolean {
  return r.mode === 'managed' && (/_subnet$/.test(r.type) || r.type === 'google_compute_subnetwork');
}

/** Prefixes a subnet owns, as written (cidr_block, ipv6_cidr_block, address_prefixes, ip_cidr_range). */
export function subnetCidrs(r: ModelResource): string[] {
  const out: string[] = [];
  for (const k of ['cidr_block', 'ipv6_cidr_block', 'address_prefixes', 'address_prefix', 'ip_cidr_range']) {
    for (const s of strings(r.attributes[k])) if (toPrefix(s)) out.push(s);
  }
  return out;
}

/** `parts`: roots judged apart (ProposeOptions.parts). */
export function guessZones(resources: readonly ModelResource[], candidates: readonly ZoneCandidate[], parts?: ReadonlyArray<readonly ModelResource[]>): ZoneGuesses {
  const notes: Bilingual[] = [];
  const byAddress = new Map(resources.map((r) => [r.address, r]));
  const zones = new Map<string, ProposedZone>();
  const order: string[] = [];

  // 1. The tag.
  const tagged = new Map<string, string[]>();
  const badValues = new Set<string>();
  for (const c of candidates) {
    const v = c.tags?.[DEFAULT_ZONE_TAG];
    if (v === undefined) continue;
    if (!NAME_PATTERN.test(v) || RESERVED_NETWORK_NAMES.includes(v)) {
      badValues.add(v);
      continue;
    }
    const list = tagged.get(v);
    if (list) list.push(c.address);
    else tagged.set(v, [c.address]);
  }
  for (const v of badValues) {
    notes.push({
      ja: `タグ ${DEFAULT_ZONE_TAG}=${JSON.stringify(v)} はゾーン名に使えません（英数字・'-'・'_' のみ、internet と unclassified は予約語）。タグの値を変えてください`,
      en: `tag ${DEFAULT_ZONE_TAG}=${JSON.stringify(v)} cannot name a zone (letters, digits, '-' and '_' only; internet and unclassified are reserved): change the tag value`,
    });
  }
  for (const [name, addresses] of tagged) {
    const why: Bilingual[] = [
      {
        ja: `タグ ${DEFAULT_ZONE_TAG}=${name} の付いたリソース ${addresses.length} 件から（既定のセレクタで所属が決まるため match は不要）`,
        en: `${addresses.length} resource${addresses.length === 1 ? '' : 's'} tagged ${DEFAULT_ZONE_TAG}=${name} (the default selector places them; no match needed)`,
      },
    ];
    const subnetWords = addresses.map((a) => byAddress.get(a)).filter((r): r is ModelResource => r !== undefined && isSubnet(r));
    const role = roleFor(name, subnetWords);
    why.push(role.why);
    zones.set(name, { name, role: role.role, from: 'tag', roleSure: role.sure, why, subnets: [], resources: 0 });
    order.push(name);
  }

  // 2. Names, for the subnets that the tag leaves without a zone.
  const tagConfig: GridfenceConfig = { version: 1, zones: Object.fromEntries([...zones].map(([n, z]) => [n, { role: z.role }])) };
  const placed = zones.size > 0 ? resolveByRoot(tagConfig, resources, candidates, parts).zoneOf : new Map<string, string>();
  const claimed: Array<{ zone: string; prefix: Prefix }> = [];
  for (const r of resources) {
    if (!isSubnet(r) || placed.has(r.address)) continue;
    const guess = nameGuess(r);
    if (!guess) {
      notes.push({
        ja: `サブネット ${r.address} は名前からゾーンを推測できません。ゾーンの match.addresses に加えてください`,
        en: `subnet ${r.address}: no name to guess a zone from; add it to a zone's match.addresses`,
      });
      continue;
    }
    let zone = zones.get(guess.zone);
    if (!zone) {
      zone = {
        name: guess.zone,
        role: guess.role,
        from: 'name',
        roleSure: guess.sure,
        why: [
          {
            ja: `タグ ${DEFAULT_ZONE_TAG} がないため、サブネットの${guess.sourceJa}「${guess.word}」から`,
            en: `no ${DEFAULT_ZONE_TAG} tag: from the subnet ${guess.sourceEn} "${guess.word}"`,
          },
          guess.why,
        ],
        subnets: [],
        resources: 0,
      };
      zones.set(guess.zone, zone);
      order.push(guess.zone);
    } else if (zone.from === 'tag' && !(zone.match?.addresses ?? []).length) {
      zone.why.push({
        ja: `タグのないサブネットも名前から追加（match.addresses / match.cidrs）`,
        en: `untagged subnets added by name (match.addresses / match.cidrs)`,
      });
    }
    const match = (zone.match ??= {});
    (match.addresses ??= []).push(r.address);
    for (const c of subnetCidrs(r)) {
      const p = toPrefix(c)!;
      const clash = claimed.find((o) => prefixContains(o.prefix, p) || prefixContains(p, o.prefix));
      if (clash) continue;
      claimed.push({ zone: zone.name, prefix: p });
      (match.cidrs ??= []).push(prefixText(p));
    }
  }

  const sorted = order
    .map((n) => zones.get(n)!)
    .map((z, i) => ({ z, i }))
    .sort((a, b) => ROLE_ORDER.indexOf(a.z.role) - ROLE_ORDER.indexOf(b.z.role) || a.i - b.i)
    .map(({ z }) => z);
  return { zones: sorted, notes };
}

interface RoleGuess {
  role: ZoneRole;
  sure: boolean;
  why: Bilingual;
}

/** The role of a tag zone: from its name, else from the names of its subnets, else `internal` (unsure). */
function roleFor(name: string, subnets: readonly ModelResource[]): RoleGuess {
  const hint = zoneHint(name);
  if (hint) return fromHint(hint.role, hint.word, hint.others, `名前`, 'name');
  for (const s of subnets) {
    const g = nameGuess(s);
    if (g && g.sure) return fromHint(g.role, g.word, [], `サブネット ${s.address} の名前`, `name of subnet ${s.address}`);
  }
  return fallback();
}

function fromHint(role: ZoneRole, word: string, others: readonly ZoneRole[], whereJa: string, whereEn: string): RoleGuess {
  if (others.length === 0) {
    return { role, sure: true, why: { ja: `役割 ${role} は${whereJa}の語「${word}」から`, en: `role ${role} from the word "${word}" in the ${whereEn}` } };
  }
  return {
    role,
    sure: false,
    why: {
      ja: `役割 ${role} は${whereJa}の語「${word}」から。ただし他の語は ${others.join(', ')} を示唆します`,
      en: `role ${role} from the word "${word}" in the ${whereEn}, but other words suggest ${others.join(', ')}`,
    },
  };
}

function fallback(): RoleGuess {
  return {
    role: 'internal',
    sure: false,
    why: { ja: `名前に役割の手がかりがないため internal と仮定（役割を選んでください）`, en: `no word in the name hints at a role: internal assumed (choose the role)` },
  };
}

interface NameGuess extends RoleGuess {
  zone: string;
  word: string;
  sourceJa: string;
  sourceEn: string;
}

/** A zone for a subnet from its names: for_each key, resource name, Name tag, module key and name, in that order. */
function nameGuess(r: ModelResource): NameGuess | undefined {
  const words: Array<{ word: string; ja: string; en: string; strip: boolean }> = [];
  const key = instanceKey(r);
  if (typeof key === 'string') words.push({ word: key, ja: 'キー', en: 'key', strip: true });
  words.push({ word: r.name, ja: 'リソース名', en: 'resource name', strip: true });
  const tags = r.attributes['tags'];
  const nameTag = tags !== undefined && isObject(tags) ? str(tags['Name']) : undefined;
  if (nameTag) words.push({ word: nameTag, ja: 'Name タグ', en: 'Name tag', strip: false });
  for (const m of moduleCalls(r.module)) {
    if (typeof m.key === 'string') words.push({ word: m.key, ja: 'モジュールのキー', en: 'module key', strip: true });
    words.push({ word: m.name, ja: 'モジュール名', en: 'module name', strip: true });
  }

  for (const w of words) {
    const hint = zoneHint(w.word);
    if (!hint) continue;
    const zone = zoneName(w.strip ? stripSuffixes(w.word) : hint.word);
    if (!zone) continue;
    return { zone, word: w.word, sourceJa: w.ja, sourceEn: w.en, ...fromHint(hint.role, hint.word, hint.others, `${w.ja}`, w.en) };
  }
  for (const w of words) {
    if (!w.strip || isGeneric(w.word)) continue;
    const zone = zoneName(stripSuffixes(w.word));
    if (zone) return { zone, word: w.word, sourceJa: w.ja, sourceEn: w.en, ...fallback() };
  }
  return undefined;
}

function zoneName(word: string): string | undefined {
  const n = safeName(word);
  if (!n || isGeneric(n)) return undefined;
  return RESERVED_NETWORK_NAMES.includes(n) ? `${n}-zone` : n;
}
