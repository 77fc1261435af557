/** The facts rule scopes ask about, read once from the loaded system. */
import type { GridfenceConfig } from '../config/types.js';
import type { ModelResource } from '../model/resource.js';
import type { ScopeFacts } from '../rules/rule.js';

/** Networks the path analysis does not model (graph/aws reads AWS only). */
const UNMODELLED_NETWORK_TYPES = ['azurerm_virtual_network', 'azurerm_subnet', 'google_compute_network', 'google_compute_subnetwork'];
const NETWORK_TYPES = ['aws_vpc', 'aws_subnet', ...UNMODELLED_NETWORK_TYPES];

export function scopeFacts(o: { resources: readonly ModelResource[]; config: GridfenceConfig | undefined; zonesImplicit: boolean; placedHosts: number; firewalls: number }): ScopeFacts {
  const types = new Set(o.resources.filter((r) => r.mode === 'managed').map((r) => r.type));
  const has = (...list: string[]) => list.some((t) => types.has(t));
  return {
    has,
    network: has(...NETWORK_TYPES) || o.placedHosts > 0,
    firewalls: o.firewalls > 0,
    unmodelledNetworks: has(...UNMODELLED_NETWORK_TYPES),
    zoneRole: (...roles) => o.zonesImplicit || Object.values(o.config?.zones ?? {}).some((z) => roles.includes(z.role)),
    externalRole: (...roles) => Object.values(o.config?.externals ?? {}).some((x) => roles.includes(x.role)),
  };
}
