/**
 * What auditors check in a ruleset on its own (network-semantics.md §4.2–4.3), without knowing where
 * the host sits: rules no packet reaches, and filtering chains that accept by default. Interfaces
 * are variables here (interfaces.ts), so a rule for `-i eth0` never covers one for `-i eth1`.
 */
import type { BddNode } from '../../engine/bdd.js';
import { unreachableLines, type ListLine } from '../../engine/acl.js';
import { HeaderSpace, type Packet } from '../../engine/header-space.js';
import type { FirewallRuleset, FwChain, FwRule } from '../../model/firewall.js';
import type { Unknown } from '../../model/value.js';
import { FIELD } from '../../engine/fields.js';
import { ipBits } from '../../engine/packet.js';
import { boxesMeet, boxHolds, boxNonEmpty, ruleBox, type Point } from './boxes.js';
import { NetfilterCompiler } from './compile.js';
import { InterfaceClasses } from './interfaces.js';

export interface UnreachableRule {
  chain: FwChain;
  rule: FwRule;
  kind: 'unmatchable' | 'shadowed';
  /** Earlier rules that together decide all its packets (with one of another action when there is one). */
  by: FwRule[];
  /** One of `by` (or an overlapping earlier rule) ends the packets differently: accept against drop. */
  conflict?: FwRule;
}

export interface DefaultAccept {
  chain: FwChain;
  /** A packet no rule decides, which the policy accepts. */
  example: Packet;
  /** Rules whose conditions are not modelled, on which the verdict rests. */
  unknowns: Unknown[];
}

/** The verdict class a rule's action belongs to, for "a different action". */
function verdict(rule: FwRule): string {
  const a = rule.action;
  return a.kind === 'reject' ? 'drop' : a.kind === 'jump' || a.kind === 'goto' ? `${a.kind} ${a.chain}` : a.kind;
}

/** Accept against drop: the pair of verdicts whose order changes what a chain lets through. */
const opposed = (a: string, b: string): boolean => (a === 'accept' && b === 'drop') || (a === 'drop' && b === 'accept');

/** Actions that end a rule's packets in its chain whatever follows. */
const ENDS = new Set(['accept', 'drop', 'reject', 'return', 'goto', 'dnat', 'snat', 'redirect']);

const cache = new WeakMap<FirewallRuleset, RulesetHygiene>();

export class RulesetHygiene {
  /** One analysis per ruleset, shared by the rules of a run. */
  static of(rs: FirewallRuleset): RulesetHygiene {
    let h = cache.get(rs);
    if (!h) cache.set(rs, (h = new RulesetHygiene(rs)));
    return h;
  }

  readonly hs: HeaderSpace;
  private readonly ifaces: InterfaceClasses;
  private readonly domain: BddNode;
  private readonly compiler: NetfilterCompiler;

  constructor(readonly rs: FirewallRuleset) {
    this.ifaces = new InterfaceClasses([rs]);
    this.hs = new HeaderSpace(this.ifaces.extraVars);
    this.domain = this.ifaces.domain(this.hs);
    this.compiler = new NetfilterCompiler(this.hs, rs, this.ifaces.matcher(this.hs), false, [this.domain]);
  }

  unreachable(): UnreachableRule[] {
    const b = this.hs.bdd;
    const out: UnreachableRule[] = [];
    for (const chain of this.rs.chains.values()) {
      if (chain.rules.length < 1) continue;
      const single = chain.versions.length === 1 ? this.hs.version(chain.versions[0]!) : undefined;
      const boxes = chain.rules.map((rule) => ruleBox(rule, (c) => this.ifaces.indices(c)));
      for (const box of boxes) box.versions &= chain.versions.reduce((m, v) => m | (v === 4 ? 1 : 2), 0);
      const lines: ListLine[] = chain.rules.map((rule) => {
        const exact = this.compiler.isExact(rule);
        const a = rule.action;
        // Rules of a one-family chain see only that family's packets.
        const match = (): BddNode => (single === undefined ? this.compiler.match(rule).set : b.and(single, this.compiler.match(rule).set));
        if (a.kind === 'vmap') {
          // A verdict map matches what one of its keys holds; it ends those packets when every entry does.
          const keys = (): BddNode => b.orAll(a.entries.map((e) => this.compiler.entrySet(e)));
          const classes = new Set(a.entries.map((e) => (e.action.kind === 'reject' ? 'drop' : e.action.kind)));
          const ends = exact && a.entries.every((e) => ENDS.has(e.action.kind) && e.conditions.every((c) => !this.compiler.isOpaque(c)));
          return { match: () => b.and(match(), keys()), action: classes.size === 1 ? [...classes][0]! : 'vmap', decides: ends };
        }
        if (a.kind === 'jump' && exact) {
          // A jump to a chain that never returns ends its packets here, as that chain's verdicts say.
          const o = this.outcome(a.chain);
          if (!o.returns) return { match, action: o.verdicts.size === 1 ? [...o.verdicts][0]! : verdict(rule), decides: true };
          return { match, action: verdict(rule), decides: false };
        }
        return { match, action: verdict(rule), decides: exact && ENDS.has(a.kind) };
      });
      const found = unreachableLines(b, lines, {
        differs: opposed,
        mayOverlap: (i, j) => boxesMeet(boxes[i]!, boxes[j]!),
        nonEmpty: (i) => boxNonEmpty(boxes[i]!),
        mayContain: (j, assignment) => boxHolds(boxes[j]!, this.point(assignment)),
      });
      for (const u of found) {
        const rule = chain.rules[u.index]!;
        const by = u.by.map((j) => chain.rules[j]!);
        const mine = lines[u.index]!.action;
        const opposite = mine === 'accept' ? 'drop' : mine === 'drop' ? 'accept' : undefined;
        const conflict = opposite ? u.by.find((j) => lines[j]!.action === opposite) : undefined;
        out.push({ chain, rule, kind: u.kind, by, ...(conflict !== undefined ? { conflict: chain.rules[conflict]! } : {}) });
      }
    }
    return out;
  }

  /** Header values of a full assignment, for box tests. */
  private point(assignment: Uint8Array): Point {
    const read = (offset: number, width: number): number => {
      let v = 0;
      for (let i = 0; i < width; i++) v = v * 2 + (assignment[offset + i] ? 1 : 0);
      return v;
    };
    const version: 4 | 6 = assignment[FIELD.v6.offset] ? 6 : 4;
    // ipKey: IPv4 whole, IPv6 by its top 53 bits.
    const ip = (field: 'srcIp' | 'dstIp'): number => {
      const at = ipBits(field, version);
      return read(at.offset, version === 4 ? at.width : 53);
    };
    const num = (field: 'srcPort' | 'dstPort' | 'protocol'): number => read(FIELD[field].offset, FIELD[field].width);
    return { version, src: ip('srcIp'), dst: ip('dstIp'), sport: num('srcPort'), dport: num('dstPort'), protocol: num('protocol'), iif: this.ifaces.read(assignment, 'iif'), oif: this.ifaces.read(assignment, 'oif') };
  }

  private readonly outcomes = new Map<string, { returns: boolean; verdicts: Set<string> }>();

  /**
   * Whether a chain may return to its caller, and the verdicts it may give, read from its rules
   * without packet sets: it never returns when an exact rule without conditions ends it before any
   * RETURN (or goto to a chain that returns). Anything unsure counts as returning.
   */
  private outcome(id: string, depth = 0): { returns: boolean; verdicts: Set<string> } {
    const known = this.outcomes.get(id);
    if (known) return known;
    const chain = this.rs.chains.get(id);
    const result = { returns: true, verdicts: new Set<string>() };
    if (!chain || depth > 16) return result;
    this.outcomes.set(id, result); // a loop reads as "returns"
    for (const rule of chain.rules) {
      const a = rule.action;
      if (a.kind === 'accept') result.verdicts.add('accept');
      else if (a.kind === 'drop' || a.kind === 'reject') result.verdicts.add('drop');
      else if (a.kind === 'jump' || a.kind === 'goto') {
        const sub = this.outcome(a.chain, depth + 1);
        for (const v of sub.verdicts) result.verdicts.add(v);
        if (a.kind === 'goto' && sub.returns) break;
        if (a.kind === 'goto' && rule.conditions.length === 0) {
          result.returns = false;
          break;
        }
      } else if (a.kind === 'vmap') {
        for (const e of a.entries) {
          const v = e.action;
          if (v.kind === 'accept') result.verdicts.add('accept');
          else if (v.kind === 'drop' || v.kind === 'reject') result.verdicts.add('drop');
          else if (v.kind === 'jump' || v.kind === 'goto') for (const x of this.outcome(v.chain, depth + 1).verdicts) result.verdicts.add(x);
        }
      } else if (a.kind === 'return') break;
      else if (a.kind === 'unknown') result.verdicts.add('accept').add('drop');
      if ((a.kind === 'accept' || a.kind === 'drop' || a.kind === 'reject') && rule.conditions.length === 0) {
        result.returns = false;
        break;
      }
    }
    return result;
  }

  /**
   * The input and forward hooks (iptables: INPUT and FORWARD; nftables: every base chain of type
   * filter on those hooks) judged as netfilter runs them: a packet passes by default when every base
   * chain of the hook leaves it undecided and each of their policies accepts it. Reported at the
   * accepting chain that holds the most rules (the one the operator maintains).
   */
  defaultAccepts(): DefaultAccept[] {
    const out: DefaultAccept[] = [];
    const hooks = ['input', 'forward'] as const;
    for (const hook of hooks) {
      for (const version of [4, 6] as const) {
        const chains = [...this.rs.chains.values()]
          .filter((c) => c.hook === hook && c.type !== 'nat' && c.versions.includes(version))
          .sort((x, y) => (x.priority ?? 0) - (y.priority ?? 0));
        if (!chains.length || chains.some((c) => c.policy === 'drop')) continue;
        const c = new NetfilterCompiler(this.hs, this.rs, this.ifaces.matcher(this.hs));
        let rest = this.hs.bdd.and(this.domain, this.hs.version(version));
        for (const chain of chains) rest = c.fallThrough(chain.id, rest);
        if (rest === this.hs.none) continue;
        const judged = (this.rs.format === 'iptables' ? chains.filter((x) => x.table === 'filter') : chains.filter((x) => x.type === 'filter'))
          .sort((x, y) => y.rules.length - x.rules.length || (y.priority ?? 0) - (x.priority ?? 0))[0];
        if (!judged || out.some((d) => d.chain === judged)) continue;
        // A packet of a new connection when one gets through: what an attacker would send.
        const fresh = this.hs.bdd.and(rest, this.hs.ctState('new'));
        const headers = this.hs.bdd.exists(fresh !== this.hs.none ? fresh : rest, this.ifaces.vars());
        const example = this.hs.witness(headers, { dstPorts: [22, 3389, 23, 443, 80] });
        if (example) out.push({ chain: judged, example, unknowns: c.unknowns });
      }
    }
    return out;
  }
}
