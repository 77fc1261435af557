/**
 * The vocabulary of guesses: which words in a zone, subnet or rule name hint at which role. Words are
 * matched as whole tokens (`ra` in `ra-vtn`, never in `grafana`), case-insensitively, with a plural `s`.
 */
import type { ExternalRole, ZoneRole } from '../config/types.js';

const ZONE_WORDS: ReadonlyArray<readonly [ZoneRole, readonly string[]]> = [
  ['dispatch-link', ['dispatch', 'ven', 'openadr', 'tso']],
  ['buffer', ['dmz', 'relay', 'proxy', 'edge', 'buffer', 'perimeter', 'public']],
  ['internal', ['core', 'app', 'application', 'internal', 'private', 'backend', 'db', 'database', 'data']],
  ['management', ['mgmt', 'ops', 'bastion', 'admin', 'log', 'logging', 'management', 'monitoring', 'monitor', 'jump']],
  ['partner-ingress', ['ra', 'partner', 'aggregator']],
  ['der-ingress', ['der', 'iot', 'site', 'device']],
];

/** Words in rule descriptions and resource names that hint at what an external network is. */
const EXTERNAL_WORDS: ReadonlyArray<readonly [ExternalRole, readonly string[]]> = [
  ['dispatch-system', ['dispatch', 'tso', 'grid', '送配電', '指令', '簡易指令']],
  ['partner', ['partner', 'ra', 'aggregator', 'アグリゲーター', 'アグリゲータ', '連携先']],
  ['der-site', ['site', 'der', 'iot', 'device', 'mqtt', '2030', 'customer', 'carrier', 'sim', '需要家', '設備', '機器']],
  ['other', ['corporate', 'corp', 'office', 'hq', 'lan', 'intranet', '社内', '本社', '事務所']],
];

/** Words that say nothing about a zone: Terraform's habitual names and subnet boilerplate. */
const GENERIC = new Set(['this', 'main', 'default', 'subnet', 'subnets', 'sn', 'net', 'network', 'networks', 'vpc', 'zone', 'zones', 'these', 'all', 'each', 'primary', 'secondary', 'prod', 'production', 'dev', 'stg', 'staging', 'test']);

/** Lower-case tokens of a name: split at non-alphanumerics and camelCase boundaries (CJK runs stay whole). */
export function tokens(text: string): string[] {
  return text
    .replace(/([a-z0-9])([A-Z])/g, '$1 $2')
    .toLowerCase()
    .split(/[^a-z0-9\u3040-\u30ff\u3400-\u9fff]+/u)
    .filter((t) => t !== '');
}

const singular = (t: string): string => (t.length > 3 && t.endsWith('s') ? t.slice(0, -1) : t);

function hits<R>(words: ReadonlyArray<readonly [R, readonly string[]]>, token: string): R[] {
  const out: R[] = [];
  for (const [role, list] of words) {
    if (list.includes(token) || list.includes(singular(token))) out.push(role);
  }
  return out;
}

export interface ZoneHint {
  role: ZoneRole;
  /** The token that gave the role. */
  word: string;
  /** Other roles that other tokens of the same name suggest. */
  others: ZoneRole[];
}

/** The zone role a name suggests: the first hinting token wins; other roles are kept to say that hints disagree. */
export function zoneHint(name: string): ZoneHint | undefined {
  let first: ZoneHint | undefined;
  for (const t of tokens(name)) {
    for (const role of hits(ZONE_WORDS, t)) {
      if (!first) first = { role, word: t, others: [] };
      else if (role !== first.role && !first.others.includes(role)) first.others.push(role);
    }
  }
  return first;
}

/** Counts of external-role hints in a text (a rule description, a resource or VPN name), with the words. */
export function externalHints(text: string): Array<{ role: ExternalRole; word: string }> {
  const out: Array<{ role: ExternalRole; word: string }> = [];
  const toks = tokens(text);
  for (const t of toks) for (const role of hits(EXTERNAL_WORDS, t)) out.push({ role, word: t });
  // Japanese words rarely come as separate tokens: look for them inside the text as well.
  for (const [role, list] of EXTERNAL_WORDS) {
    for (const w of list) if (/[^\x00-\x7f]/.test(w) && text.includes(w) && !toks.includes(w)) out.push({ role, word: w });
  }
  return out;
}

export function isGeneric(word: string): boolean {
  const t = tokens(word);
  return t.length === 0 || t.every((x) => GENERIC.has(x) || /^\d+$/.test(x));
}

/**
 * A zone name from a subnet key or resource name: trailing parts that only tell availability zones,
 * indexes or "subnet" apart are dropped (`dmz_c` → `dmz`, `app-subnet-1a` → `app`, `core_2` → `core`).
 */
export function stripSuffixes(word: string): string {
  const parts = word.split(/([-_.])/);
  // parts alternate: text, separator, text, …
  while (parts.length >= 3) {
    const last = parts[parts.length - 1]!.toLowerCase();
    if (/^([a-z]|\d+[a-z]?|az\d*|subnet|subnets|sn|private|public)$/.test(last) && !zoneHintIsOnly(parts, last)) parts.splice(-2, 2);
    else break;
  }
  return parts.join('');
}

/** Keeps `private`/`public` when they are the only role hint left in the name (`app_private` → `app`, `private_a` → `private`). */
function zoneHintIsOnly(parts: string[], last: string): boolean {
  if (last !== 'private' && last !== 'public') return false;
  return zoneHint(parts.slice(0, -2).join('')) === undefined;
}

/** A valid zone or external name (schema pattern `^[A-Za-z0-9][A-Za-z0-9_-]*$`) made from any text. */
export function safeName(text: string): string {
  return text
    .replace(/[^A-Za-z0-9_-]+/g, '-')
    .replace(/^[^A-Za-z0-9]+/, '')
    .replace(/-+$/, '');
}
