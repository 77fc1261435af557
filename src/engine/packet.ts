/**
 * The packet vocabulary shared by the header-space modules: field names, the concrete `Packet`,
 * protocol numbers, connection states and where an IP field of each version sits. Re-exported by
 * `header-space.ts`, which is what callers import.
 */
import type { IpVersion } from '../model/net/cidr.js';
import { FIELD, V4_UNUSED_BITS } from './fields.js';

export type IpField = 'dstIp' | 'srcIp';
export type NumField = 'dstPort' | 'srcPort' | 'protocol' | 'icmpType' | 'icmpCode';

export interface Packet {
  version: IpVersion;
  srcIp: bigint;
  dstIp: bigint;
  protocol: number;
  srcPort: number;
  dstPort: number;
  icmpType: number;
  icmpCode: number;
  syn: boolean;
  ack: boolean;
  ctState: 'new' | 'established' | 'related' | 'invalid';
}

export const PROTO = { icmp: 1, tcp: 6, udp: 17, icmpv6: 58, esp: 50, ah: 51, gre: 47 } as const;

/** Encoding of the connection-tracking states in the 2-bit `ctState` field (index = code). */
export const CT_STATES: ReadonlyArray<Packet['ctState']> = ['new', 'established', 'related', 'invalid'];

/** The variables of an IP field for one version, most significant first (IPv4: the low 32 bits). */
export function ipBits(field: IpField, version: IpVersion): { offset: number; width: number } {
  const { offset } = FIELD[field];
  return version === 4 ? { offset: offset + V4_UNUSED_BITS, width: 32 } : { offset, width: 128 };
}
