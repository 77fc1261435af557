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
    this.compiler = new NetfilterCompiler(this.hs, rs, this.ifaces.matcher(this.hs));
  }

  /** The packets a chain can see: its families', with valid interface codes. */
  private scope(chain: FwChain): BddNode {
    const b = this.hs.bdd;
    return b.and(this.domain, b.orAll(chain.versions.map((v) => this.hs.version(v))));
  }

  unreachable(): UnreachableRule[] {
    const b = this.hs.bdd;
    const out: UnreachableRule[] = [];
    for (const chain of this.rs.chains.values()) {
      if (chain.rules.length < 1) continue;
      const scope = this.scope(chain);
      const lines: ListLine[] = chain.rules.map((rule) => {
        const m = this.compiler.match(rule);
        const match = b.and(scope, m.set);
        const exact = m.opaque.length === 0;
        const a = rule.action;
        if (a.kind === 'jump' && exact && match !== this.hs.none) {
          // A jump to a chain that decides every packet it gets ends them here, as its verdicts say.
          const sub = this.compiler.chain(a.chain, match);
          if (sub.ret === this.hs.none) {
            const action = sub.accept === this.hs.none ? 'drop' : sub.drop === this.hs.none ? 'accept' : verdict(rule);
            return { match, action, decides: match };
          }
        }
        return { match, action: verdict(rule), decides: exact && ENDS.has(a.kind) ? match : this.hs.none };
      });
      for (const u of unreachableLines(b, lines, opposed)) {
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
