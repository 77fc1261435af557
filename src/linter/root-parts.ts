/**
 * Roots that declare the same address. Everything after loading looks resources up by address
 * (references, zone inheritance, the graph, rules' `ctx.resource`), so one run that reads
 * envs/dev and envs/prod with the same code would let each root's resources be judged by the
 * other's: prod's flow log would be taken for dev's VPC. Such a run is split into parts in which no
 * two roots share an address, each judged on its own; roots that share no address stay together,
 * so that a system spread over several roots still forms one graph.
 */
import type { ModelResource } from '../model/resource.js';
import { declaredFrom } from '../model/roots.js';

export { declaredFrom };


export interface RootPart {
  /** The roots judged together, in the order their first resource was loaded. */
  roots: string[];
  /** Their resources, in the model's order. */
  resources: ModelResource[];
}

/**
 * The parts of a system whose roots declare the same address, or undefined when no two roots do
 * (the same root read twice is one root: its copies are alike). Roots that conflict are placed
 * greedily, each in the first part none of whose roots declares one of its addresses; a root that
 * conflicts with no other joins every part. So every part holds at most one resource of an address
 * from distinct roots, and each root is in at least one part.
 */
export function partitionRoots(resources: readonly ModelResource[]): RootPart[] | undefined {
  const rootIndex = new Map<string, number>();
  const roots: string[] = [];
  const rootOfResource = new Int32Array(resources.length);
  /** Address → the first root declaring it. */
  const firstRoot = new Map<string, number>();
  /** Root → the roots it shares an address with. */
  const conflicts = new Map<number, Set<number>>();
  for (let i = 0; i < resources.length; i++) {
    const r = resources[i]!;
    const key = declaredFrom(r);
    let ri = rootIndex.get(key);
    if (ri === undefined) {
      ri = roots.length;
      roots.push(key);
      rootIndex.set(key, ri);
    }
    rootOfResource[i] = ri;
    const other = firstRoot.get(r.address);
    if (other === undefined) firstRoot.set(r.address, ri);
    else if (other !== ri) {
      // Every root declaring the address conflicts with the first; and with each other, below.
      link(conflicts, other, ri);
    }
  }
  if (conflicts.size === 0) return undefined;
  // An address in three roots links each later one only to the first: link them to each other too.
  const byAddress = new Map<string, Set<number>>();
  for (let i = 0; i < resources.length; i++) {
    const r = resources[i]!;
    const first = firstRoot.get(r.address)!;
    if (!conflicts.has(first)) continue;
    let s = byAddress.get(r.address);
    if (!s) byAddress.set(r.address, (s = new Set()));
    s.add(rootOfResource[i]!);
  }
  for (const s of byAddress.values()) {
    if (s.size < 3) continue;
    const list = [...s];
    for (const a of list) for (const b of list) if (a < b) link(conflicts, a, b);
  }
  const parts: number[][] = [];
  const partOf = new Map<number, number>();
  for (let ri = 0; ri < roots.length; ri++) {
    const mine = conflicts.get(ri);
    if (!mine) continue;
    let p = parts.findIndex((members) => members.every((m) => !mine.has(m)));
    if (p < 0) {
      p = parts.length;
      parts.push([]);
    }
    parts[p]!.push(ri);
    partOf.set(ri, p);
  }
  const out: RootPart[] = parts.map(() => ({ roots: [], resources: [] }));
  for (let ri = 0; ri < roots.length; ri++) {
    const p = partOf.get(ri);
    if (p === undefined) for (const part of out) part.roots.push(roots[ri]!);
    else out[p]!.roots.push(roots[ri]!);
  }
  for (let i = 0; i < resources.length; i++) {
    const p = partOf.get(rootOfResource[i]!);
    if (p === undefined) for (const part of out) part.resources.push(resources[i]!);
    else out[p]!.resources.push(resources[i]!);
  }
  return out;
}

function link(conflicts: Map<number, Set<number>>, a: number, b: number): void {
  let x = conflicts.get(a);
  if (!x) conflicts.set(a, (x = new Set()));
  x.add(b);
  let y = conflicts.get(b);
  if (!y) conflicts.set(b, (y = new Set()));
  y.add(a);
}
