/**
 * Netfilter chains as packet sets (network-semantics.md §4.4–4.5). A chain is evaluated on the set of
 * packets that enter it; each rule takes the packets its conditions match from those still
 * undecided. Verdicts: accept and drop end the chain (a base chain's accept ends only that base
 * chain: the next base chain of the hook still judges the packet, so a hook passes what every one of
 * its filtering base chains accepts); `return` and the end of a user chain go back to the caller,
 * and in a base chain (which has no caller) to its policy;
 * `jump` evaluates the target and continues with what it returns; `goto` returns to the caller's
 * caller. Non-terminal rules (LOG, counters, MARK) decide nothing.
 *
 * Opaque conditions (model/firewall.ts) make the result an over-approximation of what may pass: a
 * rule with one may or may not match, so an accept adds what its exact conditions match and leaves it
 * undecided too, a drop takes nothing away, a return both returns and goes on. Such rules are
 * listed as unknowns of the verdict.
 *
 * `reply` evaluates the chain on a connection's replies, written on the forward packet: addresses and
 * ports swap, and the state is ESTABLISHED; what cannot be read that way (ICMP types) is opaque. The
 * interface matcher names the reply's own interfaces.
 */
import type { BddNode } from '../../engine/bdd.js';
import type { HeaderSpace } from '../../engine/header-space.js';
import type { FirewallRuleset, FwChain, FwCondition, FwRule, Hook, VmapEntry } from '../../model/firewall.js';
import { Unknown } from '../../model/value.js';
import type { Reason } from '../types.js';

/** Which base chains of a hook a filter takes: those after the hook's NAT, those bound to a device. */
export type ChainFilter = (chain: FwChain) => boolean;

export type IfaceCondition = Extract<FwCondition, { kind: 'iif' | 'oif' }>;
/** Interface conditions as packet sets: constants for a known pair of interfaces, variables for symbolic analysis. */
export type IfaceMatcher = (c: IfaceCondition) => BddNode;

export interface ChainResult {
  accept: BddNode;
  drop: BddNode;
  /** Back to the caller (user chains; a base chain's fall-through goes to its policy instead). */
  ret: BddNode;
  /** NAT rules with the packets each translates (nat chains). */
  nat: Array<{ rule: FwRule; set: BddNode }>;
  /** Packets a logging rule whose conditions are all read saw on their way through (before any verdict). */
  logged: BddNode;
}

const MAX_DEPTH = 64;

export class NetfilterCompiler {
  readonly reasons: Reason[] = [];
  /** The base chain being evaluated: the stage of the reasons pushed (Reason.stage). */
  private stage: string | undefined;
  readonly unknowns: Unknown[] = [];
  private readonly matches = new Map<FwRule, { set: BddNode; opaque: FwCondition[] }>();
  /**
   * Some rule exempts packets from connection tracking (NOTRACK, CT --notrack, nft notrack): their
   * state is UNTRACKED, which the packet's state field does not hold, so state tests are not read.
   */
  private readonly untracks: boolean;

  constructor(
    readonly hs: HeaderSpace,
    readonly rs: FirewallRuleset,
    private readonly iface: IfaceMatcher,
    readonly reply = false,
    /** Sets every rule's match is conjoined with (a ruleset's packet domain). */
    private readonly scope: readonly BddNode[] = [],
  ) {
    this.untracks = [...rs.chains.values()].some((c) => c.rules.some((r) => r.untracks === true));
  }

  /** The packets a rule's exact conditions match, and its opaque conditions. */
  match(rule: FwRule): { set: BddNode; opaque: FwCondition[] } {
    let m = this.matches.get(rule);
    if (!m) {
      const sets: BddNode[] = [];
      const opaque: FwCondition[] = [];
      for (const c of rule.conditions) {
        const s = this.condition(c);
        if (s === undefined) opaque.push(c);
        else sets.push(s);
      }
      // andAll conjoins deepest first: each field's constraint wraps what is below it once.
      this.matches.set(rule, (m = { set: this.hs.bdd.andAll([...sets, ...this.scope]), opaque }));
    }
    return m;
  }

  /** The packets a verdict map entry's key holds (its conditions are always exact: the loader reads only such keys). */
  entrySet(e: VmapEntry): BddNode {
    return this.hs.bdd.andAll(e.conditions.map((c) => this.condition(c) ?? this.hs.all));
  }

  /** Whether a condition cannot be evaluated here; `condition` returns undefined exactly for these. */
  isOpaque(c: FwCondition): boolean {
    switch (c.kind) {
      case 'opaque':
        return true;
      case 'state':
        // UNTRACKED, SNAT and DNAT depend on other tables' rules: not read here.
        return this.untracks || (!this.reply && c.states.some((s) => s !== 'new' && s !== 'established' && s !== 'related' && s !== 'invalid'));
      case 'icmp':
        return this.reply;
      case 'anyOf':
        return c.options.some((o) => o.some((x) => this.isOpaque(x)));
      default:
        return false;
    }
  }

  /** A rule whose conditions can all be evaluated. */
  isExact(rule: FwRule): boolean {
    return rule.conditions.every((c) => !this.isOpaque(c));
  }

  private readonly conditions = new Map<string, BddNode>();

  /** A condition's packets; undefined when it cannot be evaluated (opaque). Rulesets repeat conditions: each is built once. */
  condition(c: FwCondition): BddNode | undefined {
    if (this.isOpaque(c)) return undefined;
    const key = conditionKey(c);
    let set = this.conditions.get(key);
    if (set === undefined) this.conditions.set(key, (set = this.build(c)));
    return set;
  }

  private build(c: FwCondition): BddNode {
    const hs = this.hs;
    const b = hs.bdd;
    const src = this.reply ? 'dstIp' : 'srcIp';
    const dst = this.reply ? 'srcIp' : 'dstIp';
    const neg = (set: BddNode, negated: boolean): BddNode => (negated ? b.not(set) : set);
    switch (c.kind) {
      case 'srcIp':
      case 'dstIp': {
        const field = c.kind === 'srcIp' ? src : dst;
        // A negated address match still needs a packet of the addresses' version (iptables -s is per family).
        const versions = [...new Set(c.prefixes.map((p) => p.version))];
        const set = hs.prefixes(field, c.prefixes);
        return c.negated && versions.length === 1 ? b.and(hs.version(versions[0]!), b.not(set)) : neg(set, c.negated);
      }
      case 'srcRange':
      case 'dstRange': {
        const field = c.kind === 'srcRange' ? src : dst;
        const set = b.orAll(c.ranges.map(([lo, hi]) => hs.ipRange(field, c.version, lo, hi)));
        return c.negated ? b.and(hs.version(c.version), b.not(set)) : set;
      }
      case 'protocol':
        return neg(b.orAll(c.protocols.map((p) => hs.protocol(p))), c.negated);
      case 'srcPort':
      case 'dstPort': {
        const field = (c.kind === 'srcPort') !== this.reply ? 'srcPort' : 'dstPort';
        return neg(b.orAll(c.ranges.map(([lo, hi]) => hs.range(field, lo, hi))), c.negated);
      }
      case 'state': {
        if (this.reply) return c.states.includes('established') !== c.negated ? hs.all : hs.none;
        const known = c.states.filter((s): s is 'new' | 'established' | 'related' | 'invalid' => s === 'new' || s === 'established' || s === 'related' || s === 'invalid');
        return neg(b.orAll(known.map((s) => hs.ctState(s))), c.negated);
      }
      case 'icmp': {
        const set = b.orAll(c.types.map((t) => b.andAll([hs.protocol(t.protocol), hs.value('icmpType', t.type), t.code === undefined ? hs.all : hs.value('icmpCode', t.code)])));
        return c.negated ? b.and(b.orAll([...new Set(c.types.map((t) => t.protocol))].map((p) => hs.protocol(p))), b.not(set)) : set;
      }
      case 'iif':
      case 'oif':
        // The matcher already names the interfaces of the packet judged (a reply's own, when `reply`).
        return this.iface(c);
      case 'version':
        return hs.version(c.version);
      case 'anyOf':
        return neg(b.orAll(c.options.map((o) => b.andAll(o.map((x) => this.condition(x) ?? hs.all)))), c.negated);
      case 'opaque':
        return hs.all; // never reached: `condition` leaves opaque conditions out
    }
  }

  /** Evaluates a chain on the packets `input` that enter it; a base chain's policy takes what its rules leave. */
  chain(id: string, input: BddNode, depth = 0): ChainResult {
    const hs = this.hs;
    const b = hs.bdd;
    const chain = this.rs.chains.get(id);
    // A base chain decides on its own (Reason.stage): the rules it reaches, jumps included, are its stage's.
    const outer = this.stage;
    if (chain?.hook !== undefined) this.stage = id;
    try {
      const { out, rem } = this.run(id, input, depth);
      if (chain?.hook !== undefined) {
        if (chain.policy === 'drop') out.drop = b.or(out.drop, rem);
        else {
          out.accept = b.or(out.accept, rem);
          if (rem !== hs.none) {
            this.reasons.push({ match: rem, text: `${this.rs.host}:${chain.id} policy ACCEPT`, span: chain.span, declaredBy: `${this.rs.host}:${chain.id}`, stage: id, ...(chain.rules.length === 0 ? { idle: true as const } : {}) });
          }
        }
      } else out.ret = b.or(out.ret, rem);
      return out;
    } finally {
      this.stage = outer;
    }
  }

  /** The packets of `input` that a chain's rules may leave undecided (to its policy, or back to its caller). */
  fallThrough(id: string, input: BddNode): BddNode {
    return this.run(id, input, 0).rem;
  }

  private run(id: string, input: BddNode, depth: number): { out: ChainResult; rem: BddNode } {
    const hs = this.hs;
    const b = hs.bdd;
    const chain = this.rs.chains.get(id);
    const out: ChainResult = { accept: hs.none, drop: hs.none, ret: hs.none, nat: [], logged: hs.none };
    if (!chain || depth > MAX_DEPTH) {
      // A missing chain or a loop (the kernel refuses both): anything may happen.
      this.unknown(`${this.rs.host}: chain ${id} is ${chain ? 'part of a jump loop' : 'not in the ruleset'}`, chain?.span);
      return { out: { ...out, accept: input }, rem: input };
    }
    let rem = input;
    for (const rule of chain.rules) {
      if (rem === hs.none) break;
      const m = this.match(rule);
      const hit = b.and(rem, m.set);
      if (hit === hs.none) continue;
      const exact = m.opaque.length === 0;
      const a = rule.action;
      if (rule.logs && exact) out.logged = b.or(out.logged, hit);
      switch (a.kind) {
        case 'continue':
          break;
        case 'accept':
          out.accept = b.or(out.accept, hit);
          this.reason(rule, hit, 'ACCEPT');
          if (!exact) this.opaqueRule(rule, m.opaque);
          break;
        case 'drop':
        case 'reject':
          if (exact) out.drop = b.or(out.drop, hit);
          else this.opaqueRule(rule, m.opaque);
          break;
        case 'return':
          // With conditions not read here, the packets may return or go on: both are followed, and the
          // result is unknown.
          out.ret = b.or(out.ret, hit);
          if (!exact) this.opaqueRule(rule, m.opaque);
          break;
        case 'jump':
        case 'goto': {
          const sub = this.call(out, a, hit, depth);
          if (!exact) this.opaqueRule(rule, m.opaque);
          else rem = b.or(b.diff(rem, m.set), a.kind === 'jump' ? sub.ret : hs.none);
          continue;
        }
        case 'dnat':
        case 'snat':
        case 'redirect':
          out.nat.push({ rule, set: hit });
          if (!exact) this.opaqueRule(rule, m.opaque);
          break;
        case 'unknown':
          // A target the model does not know may accept, drop or go on.
          out.accept = b.or(out.accept, hit);
          this.reason(rule, hit, a.text);
          this.unknown(`${rule.address}: target ${a.text} is not modelled; it may let the packet through`, rule.span);
          continue;
        case 'vmap': {
          // Each key's packets take its verdict; packets no key holds go on to the next rule.
          let taken = hs.none;
          for (const e of a.entries) {
            const key = this.entrySet(e);
            const eh = b.and(hit, key);
            if (eh === hs.none) continue;
            // A key whose test is not read here (a state under NOTRACK) may or may not hold.
            const certain = exact && e.conditions.every((c) => !this.isOpaque(c));
            const v = e.action;
            if (v.kind === 'accept') {
              out.accept = b.or(out.accept, eh);
              this.reason(rule, eh, `vmap ${e.text}`);
            } else if ((v.kind === 'drop' || v.kind === 'reject') && certain) out.drop = b.or(out.drop, eh);
            else if (v.kind === 'return') out.ret = b.or(out.ret, eh);
            else if (v.kind === 'jump' || v.kind === 'goto') {
              const sub = this.call(out, v, eh, depth);
              if (certain) taken = b.or(taken, v.kind === 'jump' ? b.diff(eh, sub.ret) : eh);
              continue;
            }
            if (certain && v.kind !== 'continue') taken = b.or(taken, eh);
          }
          if (!exact) this.opaqueRule(rule, m.opaque);
          rem = b.diff(rem, taken);
          continue;
        }
      }
      if (exact && a.kind !== 'continue') rem = b.diff(rem, m.set);
    }
    if (chain.hook !== undefined) {
      // A base chain has no caller: what it returns (RETURN, or the end of a chain it went to by goto)
      // meets its policy, as what falls off its end does.
      rem = b.or(rem, out.ret);
      out.ret = hs.none;
    }
    return { out, rem };
  }

  /**
   * A jump or goto: the target chain's verdicts join `out`; a goto's returns go back to this chain's
   * caller. Returns the target's result (a jump's returns continue in this chain).
   */
  private call(out: ChainResult, a: { kind: 'jump' | 'goto'; chain: string }, packets: BddNode, depth: number): ChainResult {
    const b = this.hs.bdd;
    const sub = this.chain(a.chain, packets, depth + 1);
    out.accept = b.or(out.accept, sub.accept);
    out.drop = b.or(out.drop, sub.drop);
    out.logged = b.or(out.logged, sub.logged);
    out.nat.push(...sub.nat);
    if (a.kind === 'goto') out.ret = b.or(out.ret, sub.ret);
    return sub;
  }

  /**
   * Base chains of a hook that filter (not NAT), lowest priority first; with `which`, only those it
   * takes (the chains on one side of the hook's NAT, those bound to one device).
   */
  baseChains(hook: Hook, version?: 4 | 6, which?: ChainFilter): FwChain[] {
    return [...this.rs.chains.values()]
      .filter((c) => c.hook === hook && c.type !== 'nat' && (version === undefined || c.versions.includes(version)) && (!which || which(c)))
      .sort((x, y) => (x.priority ?? 0) - (y.priority ?? 0));
  }

  /**
   * What a hook lets through: the packets every filtering base chain at it (that `which` takes)
   * accepts. A hook without any base chain passes everything (netfilter's default).
   */
  hook(hook: Hook, input: BddNode, which?: ChainFilter): BddNode {
    const b = this.hs.bdd;
    let pass = input;
    for (const version of [4, 6] as const) {
      const chains = this.baseChains(hook, version, which);
      if (!chains.length) continue;
      // Base chains of one family see only that family's packets.
      let v = b.and(input, this.hs.version(version));
      for (const c of chains) v = this.chain(c.id, v).accept;
      pass = b.or(b.diff(pass, this.hs.version(version)), v);
    }
    return pass;
  }

  /**
   * Per filtering base chain of a hook, the packets of `input` it drops that no logging rule of the
   * hook saw before (in this chain or an earlier one).
   */
  unloggedDrops(hook: Hook, input: BddNode): Array<{ chain: FwChain; set: BddNode }> {
    const b = this.hs.bdd;
    const out: Array<{ chain: FwChain; set: BddNode }> = [];
    for (const version of [4, 6] as const) {
      let v = b.and(input, this.hs.version(version));
      let logged = this.hs.none;
      for (const c of this.baseChains(hook, version)) {
        const r = this.chain(c.id, v);
        logged = b.or(logged, r.logged);
        const set = b.diff(r.drop, logged);
        if (set !== this.hs.none) out.push({ chain: c, set });
        v = r.accept;
      }
    }
    return out;
  }

  /** NAT chains of a hook, lowest priority first: the rules that translate, each with its packets (first packets only). */
  natRules(hook: Hook, input: BddNode): Array<{ rule: FwRule; set: BddNode }> {
    const out: Array<{ rule: FwRule; set: BddNode }> = [];
    const chains = [...this.rs.chains.values()].filter((c) => c.hook === hook && c.type === 'nat').sort((x, y) => (x.priority ?? 0) - (y.priority ?? 0));
    for (const c of chains) {
      const scope = c.versions.length === 1 ? this.hs.bdd.and(input, this.hs.version(c.versions[0]!)) : input;
      out.push(...this.chain(c.id, scope).nat);
    }
    return out;
  }

  private reason(rule: FwRule, match: BddNode, verdict: string): void {
    this.reasons.push({ match, text: `${rule.address} ${verdict}${rule.comment ? ` "${rule.comment}"` : ''}`, span: rule.span, declaredBy: rule.address, stage: this.stage ?? rule.chain });
  }

  private opaqueRule(rule: FwRule, conditions: FwCondition[]): void {
    const text = conditions.map((c) => (c.kind === 'opaque' ? c.text : c.kind)).join(', ');
    const many = conditions.length > 1;
    this.unknown(`${rule.address}: the condition${many ? 's' : ''} ${text} ${many ? 'are' : 'is'} not modelled; the rule may or may not match`, rule.span);
  }

  private unknown(reason: string, span: Unknown['at']): void {
    if (this.unknowns.some((u) => u.reason === reason)) return;
    this.unknowns.push(new Unknown(reason, span));
  }
}

/** A condition as text that identifies its packet set (the interface matcher and direction are the compiler's own). */
function conditionKey(c: FwCondition): string {
  switch (c.kind) {
    case 'srcIp':
    case 'dstIp':
      return `${c.kind}${c.negated ? '!' : ''} ${c.prefixes.map((p) => `${p.version}:${p.network}/${p.bits}`).join(',')}`;
    case 'srcRange':
    case 'dstRange':
      return `${c.kind}${c.negated ? '!' : ''} ${c.version} ${c.ranges.map(([a, b]) => `${a}-${b}`).join(',')}`;
    case 'protocol':
      return `${c.kind}${c.negated ? '!' : ''} ${c.protocols.join(',')}`;
    case 'srcPort':
    case 'dstPort':
      return `${c.kind}${c.negated ? '!' : ''} ${c.ranges.map(([a, b]) => `${a}-${b}`).join(',')}`;
    case 'state':
      return `${c.kind}${c.negated ? '!' : ''} ${c.states.join(',')}`;
    case 'icmp':
      return `${c.kind}${c.negated ? '!' : ''} ${c.types.map((t) => `${t.protocol}/${t.type}/${t.code ?? ''}`).join(',')}`;
    case 'iif':
    case 'oif':
      return `${c.kind}${c.negated ? '!' : ''} ${c.names.map((n) => n.name + (n.wildcard ? '+' : '')).join(',')}`;
    case 'version':
      return `version ${c.version}`;
    case 'anyOf':
      return `anyOf${c.negated ? '!' : ''} ${c.options.map((o) => o.map(conditionKey).join('&')).join('|')}`;
    case 'opaque':
      return `opaque ${c.text}`;
  }
}

/** The lowest priority of a hook's NAT chains, where its translation happens; undefined when it has none. */
export function natPriority(rs: FirewallRuleset, hook: Hook): number | undefined {
  let low: number | undefined;
  for (const c of rs.chains.values()) if (c.hook === hook && c.type === 'nat' && (low === undefined || (c.priority ?? 0) < low)) low = c.priority ?? 0;
  return low;
}
