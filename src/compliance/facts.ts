/** The facts rule scopes ask about, read once from the loaded system. */
import type { GridfenceConfig } from '../config/types.js';
import type { ModelResource } from '../model/resource.js';
import type { ScopeFacts } from '../rules/rule.js';

const NETWORK_TYPES = ['aws_vpc', 'aws_subnet', 'azurerm_virtual_network', 'google_compute_network'];

export function scopeFacts(o: { resources: readonly ModelResource[]; config: GridfenceConfig | undefined; zonesImplicit: boolean; placedHosts: number; firewalls: number }): ScopeFacts {
  const types = new Set(o.resources.filter((r) => r.mode === 'managed').map((r) => r.type));
  const has = (...list: string[]) => list.some((t) => types.has(t));
  return {
    has,
    network: has(...NETWORK_TYPES) || o.placedHosts > 0,
    firewalls: o.firewalls > 0,
    zoneRole: (...roles) => o.zonesImplicit || Object.values(o.config?.zones ?? {}).some((z) => roles.includes(z.role)),
    externalRole: (...roles) => Object.values(o.config?.externals ?? {}).some((x) => roles.includes(x.role)),
  };
}
