/** The places connections come from, as path rules walk them: the internet, each external network, each zone, undeclared networks. */
import type { Origin } from '../../graph/analysis.js';
import type { RuleContext } from '../rule.js';

export interface OriginInfo {
  kind: 'internet' | 'external' | 'zone' | 'undeclared';
  /** `internet`, the external's or zone's name, `undeclared networks`. */
  name: string;
  role?: string;
  origin: Origin;
  /** How messages name it: "the internet", "external network ra-north", "zone core". */
  label: string;
}

export function origins(ctx: RuleContext<unknown>, kinds: ReadonlyArray<OriginInfo['kind']> = ['internet', 'external', 'zone', 'undeclared']): OriginInfo[] {
  const out: OriginInfo[] = [];
  if (kinds.includes('internet')) out.push({ kind: 'internet', name: 'internet', origin: { kind: 'internet' }, label: 'the internet' });
  if (kinds.includes('external')) {
    for (const [name, x] of Object.entries(ctx.config?.externals ?? {})) out.push({ kind: 'external', name, role: x.role, origin: { kind: 'external', name }, label: `external network ${name}` });
  }
  if (kinds.includes('zone')) {
    for (const [name, z] of Object.entries(ctx.config?.zones ?? {})) out.push({ kind: 'zone', name, role: z.role, origin: { kind: 'zone', zone: name }, label: `zone ${name}` });
  }
  if (kinds.includes('undeclared')) out.push({ kind: 'undeclared', name: 'undeclared networks', origin: { kind: 'undeclared' }, label: 'an undeclared network' });
  return out;
}
