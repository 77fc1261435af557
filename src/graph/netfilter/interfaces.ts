/**
 * Interface conditions (`-i eth0`, `-o ppp+`, `iifname "wg*"`) two ways: as constants when the
 * interfaces a packet uses are known (a host placed in the graph), and as variables when they are not
 * (a ruleset analysed on its own), where every interface name is one of finitely many classes.
 */
import type { BddNode } from '../../engine/bdd.js';
import { VAR_COUNT } from '../../engine/fields.js';
import type { HeaderSpace } from '../../engine/header-space.js';
import type { FirewallRuleset } from '../../model/firewall.js';
import type { IfaceCondition, IfaceMatcher } from './compile.js';

function nameMatches(names: IfaceCondition['names'], iface: string | undefined): boolean {
  if (iface === undefined) return false;
  return names.some((n) => (n.wildcard ? iface.startsWith(n.name) : iface === n.name));
}

/** For a packet that came in on `iif` and leaves by `oif` (undefined: none, as in OUTPUT or INPUT). */
export function fixedInterfaces(hs: HeaderSpace, iif: string | undefined, oif: string | undefined): IfaceMatcher {
  return (c) => (nameMatches(c.names, c.kind === 'iif' ? iif : oif) !== c.negated ? hs.all : hs.none);
}

/**
 * Interface classes of a ruleset: each name written, for each wildcard a name that only the
 * wildcards it extends match, one name that nothing written matches, and "no interface".
 * Names are encoded in `bits` variables after the header's, first for the input interface, then for
 * the output interface.
 */
export class InterfaceClasses {
  readonly classes: Array<string | undefined>;
  readonly bits: number;

  constructor(rs: readonly FirewallRuleset[]) {
    const exact = new Set<string>();
    const wild = new Set<string>();
    for (const r of rs) {
      for (const c of r.chains.values()) {
        for (const rule of c.rules) {
          for (const cond of rule.conditions) {
            if (cond.kind !== 'iif' && cond.kind !== 'oif') continue;
            for (const n of cond.names) (n.wildcard ? wild : exact).add(n.name);
          }
        }
      }
    }
    // A character no interface name contains makes each representative distinct from every name written.
    this.classes = [...exact, ...[...wild].map((w) => `${w}\u0000`), '\u0000other', undefined];
    this.bits = Math.max(1, Math.ceil(Math.log2(this.classes.length)));
  }

  /** Variables these classes need beyond the header's. */
  get extraVars(): number {
    return 2 * this.bits;
  }

  /** The class index an assignment gives the input or output interface. */
  read(assignment: ArrayLike<number>, which: 'iif' | 'oif'): number {
    const base = VAR_COUNT + (which === 'iif' ? 0 : this.bits);
    let v = 0;
    for (let i = 0; i < this.bits; i++) v = (v << 1) | (assignment[base + i] ? 1 : 0);
    return v;
  }

  /** Variables of the interface fields, to project them away. */
  vars(): number[] {
    return Array.from({ length: 2 * this.bits }, (_, i) => VAR_COUNT + i);
  }

  private code(hs: HeaderSpace, which: 'iif' | 'oif', index: number): BddNode {
    const b = hs.bdd;
    const base = VAR_COUNT + (which === 'iif' ? 0 : this.bits);
    let set = hs.all;
    for (let i = 0; i < this.bits; i++) {
      const bit = (index >> (this.bits - 1 - i)) & 1;
      set = b.and(set, bit ? b.variable(base + i) : b.nvariable(base + i));
    }
    return set;
  }

  /** Valid codes only: the rest of the variables' values name no interface. */
  domain(hs: HeaderSpace): BddNode {
    const b = hs.bdd;
    const one = (w: 'iif' | 'oif'): BddNode => b.orAll(this.classes.map((_, i) => this.code(hs, w, i)));
    return b.and(one('iif'), one('oif'));
  }

  /** The classes a condition matches, by index. */
  indices(c: IfaceCondition): number[] {
    return this.classes.flatMap((name, i) => (nameMatches(c.names, name) !== c.negated ? [i] : []));
  }

  matcher(hs: HeaderSpace): IfaceMatcher {
    const memo = new Map<string, BddNode>();
    return (c) => {
      const key = `${c.kind} ${c.negated} ${c.names.map((n) => n.name + (n.wildcard ? '+' : '')).join(',')}`;
      let set = memo.get(key);
      if (set === undefined) {
        const b = hs.bdd;
        set = b.orAll(this.indices(c).map((i) => this.code(hs, c.kind, i)));
        memo.set(key, set);
      }
      return set;
    };
  }
}
