/**
 * Checks that JSON Schema cannot express: CIDRs parse as prefixes, dates exist, port ranges are in
 * range, names are not reserved or used twice, references between sections resolve, and no address
 * is claimed by two zones. They run on the raw data whatever the schema said, and skip values of the
 * wrong shape (the schema has reported those), so one run reports every problem of the file.
 */
import { type Prefix, formatPrefix, parseCidr, prefixContains } from '../model/net/cidr.js';
import { type ConfigPath, pathToPointer } from './locate.js';
import { messages } from './messages.js';
import type { ConfigIssue } from './schema.js';
import { nearest } from './suggest.js';
import { RESERVED_NETWORK_NAMES } from './types.js';

type Rec = Record<string, unknown>;
const isRecord = (v: unknown): v is Rec => typeof v === 'object' && v !== null && !Array.isArray(v);
const entries = (v: unknown): [string, unknown][] => (isRecord(v) ? Object.entries(v) : []);
const items = (v: unknown): [number, unknown][] => (Array.isArray(v) ? v.map((x, i) => [i, x] as [number, unknown]) : []);

export function checkConfigData(data: unknown): ConfigIssue[] {
  const issues: ConfigIssue[] = [];
  const error = (path: ConfigPath, message: string, at: 'key' | 'value' = 'value') => issues.push({ path, at, message, severity: 'error' });
  const warning = (path: ConfigPath, message: string) => issues.push({ path, at: 'value', message, severity: 'warning' });
  if (!isRecord(data)) return issues;

  /** Parses a CIDR at `path`; reports it when it is a string that is not a prefix. */
  const cidrAt = (path: ConfigPath, value: unknown, claim: boolean): Prefix | undefined => {
    if (typeof value !== 'string') return undefined;
    const p = parseCidr(value);
    if (!p) {
      error(path, messages.badCidr(pathToPointer(path), value));
      return undefined;
    }
    // A claimed prefix with host bits set is almost always a typo for a different prefix.
    if (claim && p.address !== p.network) {
      const meant = formatPrefix(p.version, p.network, p.bits);
      warning(path, `${pathToPointer(path)} is "${value}", which has host bits set; it is read as ${meant}`);
    }
    return p;
  };
  const dateAt = (path: ConfigPath, value: unknown): string | undefined => {
    if (typeof value !== 'string' || !/^\d{4}-\d{2}-\d{2}$/.test(value)) return undefined;
    if (!isCalendarDate(value)) {
      error(path, messages.badDate(pathToPointer(path), value));
      return undefined;
    }
    return value;
  };

  const zoneNames = entries(data.zones).map(([name]) => name);
  const externalNames = entries(data.externals).map(([name]) => name);

  for (const name of zoneNames) {
    if (RESERVED_NETWORK_NAMES.includes(name)) error(['zones', name], messages.reservedName('/zones', name), 'key');
  }
  for (const name of externalNames) {
    if (RESERVED_NETWORK_NAMES.includes(name)) error(['externals', name], messages.reservedName('/externals', name), 'key');
    else if (zoneNames.includes(name)) error(['externals', name], messages.zoneAndExternal(name), 'key');
  }

  // Zone prefixes: each must parse, and no two zones may claim a common address.
  const claimed: { zone: string; text: string; prefix: Prefix }[] = [];
  for (const [zone, z] of entries(data.zones)) {
    const match = isRecord(z) ? z.match : undefined;
    for (const [i, c] of items(isRecord(match) ? match.cidrs : undefined)) {
      const path = ['zones', zone, 'match', 'cidrs', i];
      const prefix = cidrAt(path, c, true);
      if (!prefix) continue;
      const clash = claimed.find((o) => o.zone !== zone && (prefixContains(o.prefix, prefix) || prefixContains(prefix, o.prefix)));
      if (clash) error(path, messages.overlappingZones(clash.zone, clash.text, zone, String(c)));
      claimed.push({ zone, text: String(c), prefix });
    }
  }

  for (const [name, x] of entries(data.externals)) {
    if (!isRecord(x)) continue;
    for (const [i, c] of items(x.cidrs)) cidrAt(['externals', name, 'cidrs', i], c, true);
    for (const [i, c] of items(x['registered-sources'])) cidrAt(['externals', name, 'registered-sources', i], c, true);
    for (const [i, s] of items(x.services)) {
      const m = typeof s === 'string' ? /^(?:tcp|udp)\/(\d+)(?:-(\d+))?$/.exec(s) : null;
      if (!m) continue;
      const lo = Number(m[1]);
      const hi = m[2] === undefined ? lo : Number(m[2]);
      if (lo > 65535 || hi > 65535 || lo > hi) error(['externals', name, 'services', i], messages.badPortRange(pathToPointer(['externals', name, 'services', i]), String(s)));
    }
    const att = x.attestation;
    if (isRecord(att)) {
      const confirmed = dateAt(['externals', name, 'attestation', 'confirmed'], att.confirmed);
      const expires = dateAt(['externals', name, 'attestation', 'expires'], att.expires);
      if (confirmed && expires && expires < confirmed) {
        error(['externals', name, 'attestation', 'expires'], messages.expiresBeforeConfirmed(pathToPointer(['externals', name, 'attestation'])));
      }
    }
  }

  for (const [host, h] of entries(data.hosts)) {
    for (const [ifname, itf] of entries(isRecord(h) ? h.interfaces : undefined)) {
      if (!isRecord(itf)) continue;
      const base = ['hosts', host, 'interfaces', ifname];
      cidrAt([...base, 'address'], itf.address, false);
      if (typeof itf.zone === 'string' && itf.zone !== '' && !zoneNames.includes(itf.zone)) {
        error([...base, 'zone'], messages.unknownZone(pathToPointer([...base, 'zone']), itf.zone, nearest(itf.zone, zoneNames)));
      }
      // A resource address always has a dot (type.name); anything else must name a known network.
      const link = itf.link;
      if (typeof link === 'string' && link !== '' && link !== 'internet' && !externalNames.includes(link) && !link.includes('.')) {
        error([...base, 'link'], messages.unknownLink(pathToPointer([...base, 'link']), link, nearest(link, ['internet', ...externalNames])));
      }
    }
  }

  for (const [i, w] of items(data.waivers)) {
    if (isRecord(w)) dateAt(['waivers', i, 'expires'], w.expires);
  }
  return issues;
}

/** Whether `YYYY-MM-DD` names a day that exists (no 2026-02-30). */
export function isCalendarDate(s: string): boolean {
  const m = /^(\d{4})-(\d{2})-(\d{2})$/.exec(s);
  if (!m) return false;
  const [y, mo, d] = [Number(m[1]), Number(m[2]), Number(m[3])];
  const t = new Date(Date.UTC(y, mo - 1, d));
  return t.getUTCFullYear() === y && t.getUTCMonth() === mo - 1 && t.getUTCDate() === d;
}
