/** The zones as rules see them (rules/rule.ts ZoneView), from the configuration and zone resolution. */
import type { GridfenceConfig } from '../config/types.js';
import type { ZoneView } from '../rules/rule.js';

/** `spanning`: resources in no zone of their own that sit in several (ZoneResolution.spanning). */
export function zoneView(config: GridfenceConfig | undefined, zoneOf: ReadonlyMap<string, string>, implicit: boolean, spanning: ReadonlyMap<string, readonly string[]> = new Map()): ZoneView {
  const roleOf = (zone: string): string | undefined => config?.zones?.[zone]?.role;
  return {
    implicit,
    zoneOf: (a) => zoneOf.get(a),
    roleOf,
    isProtected: (a) => implicit || zoneOf.has(a) || spanning.has(a),
    hasRole: (a, role) => {
      if (implicit) return 'maybe';
      const z = zoneOf.get(a);
      return z !== undefined && roleOf(z) === role;
    },
  };
}
