/**
 * On-premise firewalls, vendor-independent: a host's netfilter rulesets (iptables-save or nftables)
 * as chains of rules over packet conditions, each with its place in the file. The iptables and
 * nftables loaders map into this; the graph and the firewall rules read only this.
 *
 * Contracts:
 * - A rule's conditions are a conjunction. A condition the model cannot express exactly (a rate
 *   limit, a mark, a set whose contents are not given, a concatenation, …) is an `opaque` condition:
 *   it may hold or not for any packet, so the analysis treats the rule as possibly matching whatever
 *   its other conditions allow (an accept may let it through, a drop may not stop it).
 * - Rule addresses are `host:table/chain#n` (n the 1-based position in its chain); nftables tables
 *   carry their family (`gw1:inet filter/forward#3`), as do the IPv6 tables of a script of both
 *   iptables and ip6tables commands (`gw1:ip6 filter/FORWARD#1`).
 */
import type { Prefix } from './net/cidr.js';
import type { Span } from './source.js';
import { table } from './table.js';

/**
 * Netfilter hooks. `ingress` (nftables netdev and inet) runs on packets arriving on its devices
 * before prerouting; `egress` (netdev) on packets leaving them, after postrouting.
 */
export type Hook = 'ingress' | 'prerouting' | 'input' | 'forward' | 'output' | 'postrouting' | 'egress';

/** Connection-tracking states a rule can test. */
export type CtStateName = 'new' | 'established' | 'related' | 'invalid' | 'untracked' | 'snat' | 'dnat';

export type FwCondition =
  | { kind: 'srcIp' | 'dstIp'; prefixes: Prefix[]; negated: boolean }
  /** Inclusive address ranges as bigints, per IP version. */
  | { kind: 'srcRange' | 'dstRange'; version: 4 | 6; ranges: Array<[bigint, bigint]>; negated: boolean }
  | { kind: 'protocol'; protocols: number[]; negated: boolean }
  | { kind: 'srcPort' | 'dstPort'; ranges: Array<[number, number]>; negated: boolean }
  | { kind: 'state'; states: CtStateName[]; negated: boolean }
  /** ICMP (protocol 1) or ICMPv6 (58) types with an optional code. */
  | { kind: 'icmp'; types: Array<{ protocol: 1 | 58; type: number; code?: number }>; negated: boolean }
  /** Interface names; `wildcard` names are prefixes (`eth+`). */
  | { kind: 'iif' | 'oif'; names: Array<{ name: string; wildcard: boolean }>; negated: boolean }
  | { kind: 'version'; version: 4 | 6 }
  /** One of several conjunctions holds (an ipset's members under the rule's directions). */
  | { kind: 'anyOf'; options: FwCondition[][]; negated: boolean; what: string }
  /** What the model does not evaluate: text as written. */
  | { kind: 'opaque'; text: string; span: Span };

export type FwAction =
  | { kind: 'accept' | 'drop' | 'reject' | 'return' }
  | { kind: 'jump' | 'goto'; chain: string }
  /** Evaluation goes on with the next rule (LOG, counters, MARK, a rule without a verdict). */
  | { kind: 'continue' }
  /** Destination NAT: the new address and port range (absent parts stay as they were). */
  | { kind: 'dnat'; address?: Prefix; ports?: [number, number] }
  /** REDIRECT: to the host itself, optionally on other ports. */
  | { kind: 'redirect'; ports?: [number, number] }
  /** Source NAT; `address` absent for MASQUERADE (the outgoing interface's address). */
  | { kind: 'snat'; address?: Prefix; ports?: [number, number] }
  /** A target the model does not know: treated as possibly anything the chain could do. */
  | { kind: 'unknown'; text: string }
  /** An nftables verdict map: the first entry whose conditions hold gives the verdict; no entry, the rule does nothing. */
  | { kind: 'vmap'; entries: VmapEntry[] };

export interface VmapEntry {
  /** The map's key as conditions (`ct state established` → a state condition). */
  conditions: FwCondition[];
  action: Exclude<FwAction, { kind: 'vmap' }>;
  /** `established : accept`, as written. */
  text: string;
}

export interface FwRule {
  /** `host:table/chain#n`. */
  address: string;
  chain: string;
  index: number;
  span: Span;
  conditions: FwCondition[];
  action: FwAction;
  /** The target or verdict as written (`ACCEPT`, `log-drop`, `goto z2-out`, `jump z2-out`, `LOG`), `no target` for a rule that only counts. */
  target: string;
  /** The rule logs (LOG/NFLOG target, an nft `log` statement). */
  logs: boolean;
  /** The rule exempts its packets from connection tracking (NOTRACK, CT --notrack, nft `notrack`). */
  untracks?: boolean;
  comment?: string;
}

export interface FwChain {
  /** `table/chain` (nftables: `family table/chain`). */
  id: string;
  table: string;
  name: string;
  /** Base chains: the hook, the priority (iptables tables at their fixed priorities) and the policy. */
  hook?: Hook;
  priority?: number;
  policy?: 'accept' | 'drop';
  /** The interfaces an `ingress` or `egress` chain is bound to. */
  devices?: string[];
  /** `filter` for filtering chains, `nat`, or another type (mangle, raw, route, security). */
  type: string;
  /** IP versions the chain sees (iptables: the file's; nft inet: both). */
  versions: Array<4 | 6>;
  span: Span;
  rules: FwRule[];
}

export interface FirewallRuleset {
  host: string;
  format: 'iptables' | 'nftables';
  file: string;
  /** Chains by id, in file order. */
  chains: Map<string, FwChain>;
}

/** iptables tables as netfilter hook priorities (NF_IP_PRI_*): lower runs first. */
export const IPTABLES_PRIORITY: Readonly<Record<string, number>> = table({ raw: -300, mangle: -150, nat: -100, filter: 0, security: 50 });

/** The NAT priorities of the source-NAT hook (srcnat 100) differ from the destination hook's (dstnat -100). */
export const IPTABLES_SNAT_PRIORITY = 100;

/** A host interface as gridfence.yaml places it. */
export interface HostInterface {
  /** `eth0`; the interface's address is `host:eth0`. */
  name: string;
  /** The interface's address with its prefix length (10.20.2.1/24): the host's own address and the connected network. */
  address?: Prefix;
  /** Our zone on this interface. */
  zone?: string;
  /** What the interface leads to: `internet`, an external's name, or a resource address. */
  link?: string;
  /** The interface's entry in the configuration. */
  span: Span;
}

/** A firewall host placed in the network: its interfaces and, when read, its ruleset. */
export interface FirewallHost {
  name: string;
  interfaces: HostInterface[];
  /** Absent when the configuration names no ruleset: the host then filters nothing known (every packet may pass). */
  ruleset?: FirewallRuleset;
  /** The host's entry in the configuration. */
  span: Span;
}
