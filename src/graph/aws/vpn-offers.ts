/**
 * What an AWS Site-to-Site VPN tunnel can offer, by setting (after `tunnel1_` / `tunnel2_`;
 * ModifyVpnTunnelOptions). AWS offers all of a setting's values when it is left unset (the VPN user
 * guide's "AWS-provided default values"); a value outside them is refused (invalid.ts), and
 * vpn-crypto-strength reads the defaults from here.
 */
import { table } from '../../model/table.js';
const ENCRYPTION = ['AES128', 'AES256', 'AES128-GCM-16', 'AES256-GCM-16'];
const INTEGRITY = ['SHA1', 'SHA2-256', 'SHA2-384', 'SHA2-512'];
const GROUPS_14_24 = [14, 15, 16, 17, 18, 19, 20, 21, 22, 23, 24];

export const TUNNEL_OFFERS: Readonly<Record<string, ReadonlyArray<string | number>>> = table({
  ike_versions: ['ikev1', 'ikev2'],
  phase1_encryption_algorithms: ENCRYPTION,
  phase2_encryption_algorithms: ENCRYPTION,
  phase1_integrity_algorithms: INTEGRITY,
  phase2_integrity_algorithms: INTEGRITY,
  phase1_dh_group_numbers: [2, ...GROUPS_14_24],
  phase2_dh_group_numbers: [2, 5, ...GROUPS_14_24],
});

/** Whether AWS takes `v` for a setting, compared without case (as vpn-crypto-strength reads names). */
export function offered(setting: string, v: unknown): boolean {
  if (typeof v !== 'string' && typeof v !== 'number') return false;
  const text = String(v).toLowerCase();
  return (TUNNEL_OFFERS[setting] ?? []).some((w) => String(w).toLowerCase() === text);
}
