/** Reading AWS arguments into the network model's terms: prefixes, peers, services, references. */
import { parsePrefixOrAddressCached, type Prefix } from '../../model/net/cidr.js';
import type { Peer, Service } from '../../model/network.js';
import { blocks, elements, refsOf, spanOf } from '../../model/read.js';
import type { ModelResource } from '../../model/resource.js';
import type { Span } from '../../model/source.js';
import { TfSet, Unknown, isObject, type ObjectValue, type Value } from '../../model/value.js';
import { table } from '../../model/table.js';

const PROTOCOLS: Record<string, number> = table({ all: -1, '-1': -1, tcp: 6, udp: 17, icmp: 1, icmpv6: 58, 'ipv6-icmp': 58, esp: 50, ah: 51, gre: 47 });

/** Protocol number (-1 = all), or undefined when unknown. */
function protocolNumber(v: Value | undefined): number | undefined {
  if (v === undefined || v === null) return -1;
  // A number as AWS takes one: -1 (all) or a protocol number; anything else is refused, never a protocol.
  if (typeof v === 'number') return Number.isInteger(v) && v >= -1 && v <= 255 ? v : undefined;
  if (typeof v !== 'string') return undefined;
  const s = v.toLowerCase();
  if (s in PROTOCOLS) return PROTOCOLS[s];
  const n = Number(s);
  return Number.isInteger(n) && n >= 0 && n <= 255 ? n : undefined;
}

/**
 * A service from protocol and from/to ports as security groups and network ACLs write them: protocol
 * -1 means every protocol and port; -1 and 0-65535 mean every port, and so is 0-0 read, though AWS
 * takes a TCP or UDP 0-0 as port 0 alone: wider than AWS, the safe side for what allows (a network
 * ACL's deny narrows it back, acls.ts); for ICMP the pair is type and code. Undefined when something
 * is unknown.
 */
export function serviceOf(protocol: Value | undefined, from: Value | undefined, to: Value | undefined): Service | undefined {
  // Thousands of rules name the same few services: one frozen object each, by the values as written
  // (a Map key keeps 443 and "443" apart, as the provider's reading of them may differ).
  if (!isPlain(protocol) || !isPlain(from) || !isPlain(to)) return frozen(readService(protocol, from, to));
  let byFrom = services.get(protocol);
  if (!byFrom) services.set(protocol, (byFrom = new Map()));
  let byTo = byFrom.get(from);
  if (!byTo) byFrom.set(from, (byTo = new Map()));
  const hit = byTo.get(to);
  if (hit !== undefined || byTo.has(to)) return hit;
  const s = frozen(readService(protocol, from, to));
  if (servicesKept < 10_000) {
    byTo.set(to, s);
    servicesKept++;
  }
  return s;
}

type Plain = string | number | boolean | null | undefined;
const services = new Map<Plain, Map<Plain, Map<Plain, Service | undefined>>>();
let servicesKept = 0;

function frozen(s: Service | undefined): Service | undefined {
  if (s) {
    if (s.ports) Object.freeze(s.ports);
    if (s.icmp) Object.freeze(s.icmp);
    Object.freeze(s);
  }
  return s;
}

function isPlain(v: Value | undefined): v is Plain {
  return v === undefined || v === null || typeof v === 'string' || typeof v === 'number' || typeof v === 'boolean';
}

function readService(protocol: Value | undefined, from: Value | undefined, to: Value | undefined): Service | undefined {
  const p = protocolNumber(protocol);
  if (p === undefined) return undefined;
  if (p === -1) return { protocol: -1 };
  if (p !== 1 && p !== 58 && p !== 6 && p !== 17) return { protocol: p };
  if (from instanceof Unknown || to instanceof Unknown) return undefined;
  if (p === 1 || p === 58) {
    const type = num(from) ?? -1;
    const code = num(to) ?? -1;
    return validNumber(type, -1, 255) && validNumber(code, -1, 255) ? { protocol: p, icmp: { type, code } } : undefined;
  }
  // A port written as something that is not a number (a mapping, a list, text) is not valid.
  if (!isPort(from) || !isPort(to)) return undefined;
  const f = num(from);
  const t = num(to) ?? f;
  if ((f !== undefined && !validNumber(f, -1, 65535)) || (t !== undefined && !validNumber(t, -1, 65535))) return undefined;
  if (f === undefined || t === undefined || f < 0 || (f === 0 && (t === 0 || t === 65535))) return { protocol: p };
  if (t < f) return undefined;
  return { protocol: p, ports: [f, t] };
}

/** An integer in lo..hi: a port (-1 for all), an ICMP type or code. */
function validNumber(n: number, lo: number, hi: number): boolean {
  return Number.isInteger(n) && n >= lo && n <= hi;
}

/**
 * Why a rule's service could not be read (serviceOf gave undefined): a value known only after
 * apply, or known values the provider would refuse (a port above 65535, a fraction, a range that
 * ends before it starts). Either way the rule may match anything.
 */
export function serviceUnknown(what: string, protocol: Value | undefined, from: Value | undefined, to: Value | undefined): Unknown {
  if ([protocol, from, to].some((v) => v instanceof Unknown)) return new Unknown(`the protocol or ports of ${what} are known only after apply`);
  const shown = [protocol, from, to].map((v) => (v === null ? 'none' : shownValue(v))).join(', ');
  return new Unknown(`the protocol or ports of ${what} are not valid (${shown})`);
}

/** Absent, or a number as the provider reads one (a number, or text of one). */
function isPort(v: Value | undefined): boolean {
  return v === undefined || v === null || num(v) !== undefined;
}

/** A number written as a number or as its text; undefined for anything else (never converts a mapping). */
export function num(v: Value | undefined): number | undefined {
  if (typeof v === 'number') return v;
  if (typeof v === 'string' && v.trim() !== '' && Number.isFinite(Number(v))) return Number(v);
  return undefined;
}

/** Text where an address or CIDR block belongs that is neither: which addresses it stands for is unknown. */
export function notAnAddress(text: string, at?: Span): Unknown {
  return new Unknown(`"${text}" is neither an IP address nor a CIDR block`, at);
}

/**
 * Known prefixes of a string or list value, plus the Unknown that hides the rest. Text that is not an
 * address or CIDR block (the provider would refuse it) is unknown too: it is never read as no address.
 */
export function prefixesOf(v: Value | undefined): { prefixes: Prefix[]; unknown?: Unknown } {
  const out: { prefixes: Prefix[]; unknown?: Unknown } = { prefixes: [] };
  if (v instanceof Unknown) return { prefixes: [], unknown: v };
  for (const e of elements(v)) {
    const a = addressOf(e);
    if (a instanceof Unknown) out.unknown ??= a;
    else if (a) out.prefixes.push(a);
  }
  return out;
}

/**
 * One element of an argument where an address or CIDR block belongs: its prefix; an Unknown for a
 * value known only after apply (itself), text that is no address or CIDR block, or a value that is not
 * text (both refused by AWS, which graph/aws/invalid.ts reports with the Unknown's reason); nothing
 * for null, an element not set.
 */
export function addressOf(e: Value): Prefix | Unknown | undefined {
  if (e instanceof Unknown) return e;
  if (typeof e === 'string') return parsePrefixOrAddressCached(e) ?? notAnAddress(e);
  return e === null ? undefined : new Unknown(`${shownValue(e)} is not an IP address or CIDR block as text`);
}

/** An element of a host's listed IPv6 addresses: text, or CloudFormation's { Ipv6Address: "…" }. */
export function listedIpv6(x: Value): Value {
  return isObject(x) && x['Ipv6Address'] !== undefined ? x['Ipv6Address']! : x;
}

/**
 * Peers named by CIDR-valued arguments (each may be a string or a list). A value that is not known
 * (a literal, a variable or another resource's attribute known only after apply) is an `unknown`
 * peer, which the compiler widens: an allow rule matches every address, a deny rule none.
 */
export function cidrPeers(...values: Array<Value | undefined>): Peer[] {
  const peers: Peer[] = [];
  for (const v of values) {
    const { prefixes, unknown } = prefixesOf(v);
    for (const p of prefixes) peers.push({ kind: 'cidr', prefix: p });
    if (unknown) peers.push({ kind: 'unknown', unknown });
  }
  return peers;
}

/**
 * Peers named by a prefix-list argument (`prefix_list_ids`, `prefix_list_id`): a list by the resource
 * an unknown id refers to, or by its id as written (plans write the lists that exist already). An
 * unknown that names no resource is an `unknown` peer, never left out as if it admitted nobody.
 */
export function prefixListPeers(v: Value | undefined): Peer[] {
  return namedPeers(v, 'prefix list', (list) => ({ kind: 'prefix-list', list }));
}

/**
 * Peers named by a security-group argument (`security_groups`, `source_security_group_id`,
 * `referenced_security_group_id`): a group by the resource a reference names, or by its id as
 * written. An unknown that names no resource is an `unknown` peer, never a group of nobody.
 */
export function groupPeers(v: Value | undefined): Peer[] {
  return namedPeers(v, 'security group', (group) => ({ kind: 'group', group }));
}

/** Things named by reference or by id: `named` for each, an `unknown` peer for what names none. */
function namedPeers(v: Value | undefined, what: string, named: (name: string) => Peer): Peer[] {
  const peers: Peer[] = [];
  for (const e of elements(v)) {
    if (e instanceof Unknown) peers.push(e.ref ? named(e.ref) : { kind: 'unknown', unknown: e });
    else if (typeof e === 'string') {
      if (e.trim() !== '') peers.push(named(e.trim()));
    } else if (e !== null) peers.push({ kind: 'unknown', unknown: new Unknown(`${shownValue(e)} is not a ${what} id`) });
  }
  return peers;
}

/**
 * The nested blocks of a resource (rules, entries, routes) as `blocks` reads them, or an Unknown
 * when the value is not a list of blocks (a number, text, a list holding them): AWS refuses such a
 * resource (graph/aws/invalid.ts says so at the value), and what it would hold is not known, so
 * the reader widens on it instead of reading no rule at all.
 */
export function blockList(r: ModelResource, type: string): ObjectValue[] | Unknown {
  const v = r.attributes[type];
  if (!isBlockList(v)) return new Unknown(`${r.address} ${type} is ${shownValue(v)}, not a list of ${type} blocks`, spanOf(r, type));
  return blocks(r, type);
}

/**
 * Whether a value may stand where a list of nested blocks belongs: absent, not known, one block, or
 * a list or set of blocks (an element not known is a dynamic block). A number, text, or a list
 * holding them is not.
 */
export function isBlockList(v: Value | undefined): boolean {
  if (v === undefined || v === null || v instanceof Unknown || isObject(v)) return true;
  if (!Array.isArray(v) && !(v instanceof TfSet)) return false;
  return elements(v).every((e) => e === null || e instanceof Unknown || isObject(e));
}

/** A value as messages quote it: JSON, cut at 60 characters. */
export function shownValue(v: Value | undefined): string {
  const t = v === undefined ? 'none' : (JSON.stringify(v) ?? String(v));
  return t.length > 60 ? `${t.slice(0, 57)}...` : t;
}

/**
 * What a value names: the resources it refers to, and ids written as text (of things the
 * configuration may not hold), in order, without repeats.
 */
export function namesOf(v: Value | undefined): string[] {
  const out = refsOf(v);
  for (const e of elements(v)) if (typeof e === 'string' && e.trim() !== '' && !out.includes(e.trim())) out.push(e.trim());
  return out;
}

/** The VPC a resource names in `vpc_id`: by reference, or by its id as text. */
export function vpcOf(r: ModelResource): string | undefined {
  return namesOf(r.attributes['vpc_id'])[0];
}

/** The first resource a value refers to. */
export function refTo(v: Value | undefined): string | undefined {
  return refsOf(v)[0];
}

/**
 * A boolean setting: true or false, or the text "true" or "false" (in any case), which Terraform
 * converts for a bool argument and CloudFormation accepts for a Boolean property; else undefined.
 */
export function bool(v: Value | undefined): boolean | undefined {
  if (typeof v === 'boolean') return v;
  if (typeof v !== 'string') return undefined;
  const t = v.toLowerCase();
  return t === 'true' ? true : t === 'false' ? false : undefined;
}

/** Resources by address, and by type. */
export class ResourceIndex {
  readonly byAddress = new Map<string, ModelResource>();
  private readonly byType = new Map<string, ModelResource[]>();
  constructor(resources: readonly ModelResource[]) {
    for (const r of resources) {
      if (r.mode !== 'managed') continue;
      this.byAddress.set(r.address, r);
      let list = this.byType.get(r.type);
      if (!list) this.byType.set(r.type, (list = []));
      list.push(r);
    }
  }
  ofType(...types: string[]): ModelResource[] {
    return types.flatMap((t) => this.byType.get(t) ?? []);
  }
  typeOf(address: string | undefined): string | undefined {
    return address === undefined ? undefined : this.byAddress.get(address)?.type;
  }
}
