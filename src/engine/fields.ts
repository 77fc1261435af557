/**
 * The packet header as BDD variables. Fields are laid out in this order, each most significant bit
 * first, so a prefix constrains a contiguous run of variables at the top of its field.
 *
 * - `v6`: 0 for IPv4, 1 for IPv6.
 * - `dstIp`, `srcIp`: 128 bits each. An IPv4 address sits in the low 32 bits; IPv4 constraints leave
 *   the upper 96 bits free, and decoding an IPv4 packet ignores them.
 * - `tcpFlags`: syn then ack.
 * - `ctState`: connection-tracking state, new = 0, established = 1, related = 2, invalid = 3.
 * - `pub`: 1 when the host that sent the packet under its source address has a public address, as
 *   an internet gateway asks of what it lets out. Searches set it where they start at an endpoint,
 *   translations where they give the packet a new source; elsewhere it is free. Two hosts whose
 *   private addresses are assigned at launch both stand for their whole subnet: the bit tells them
 *   apart.
 *
 * Destination before source puts the field most rules constrain first, which keeps unions of rules
 * small.
 */

export type Field =
  | 'v6'
  | 'dstIp'
  | 'srcIp'
  | 'dstPort'
  | 'srcPort'
  | 'protocol'
  | 'icmpType'
  | 'icmpCode'
  | 'tcpFlags'
  | 'ctState'
  | 'pub';

export interface FieldLayout {
  /** Index of the field's most significant bit. */
  readonly offset: number;
  readonly width: number;
}

const ORDER: ReadonlyArray<readonly [Field, number]> = [
  ['v6', 1],
  ['dstIp', 128],
  ['srcIp', 128],
  ['dstPort', 16],
  ['srcPort', 16],
  ['protocol', 8],
  ['icmpType', 8],
  ['icmpCode', 8],
  ['tcpFlags', 2],
  ['ctState', 2],
  ['pub', 1],
];

function layout(): { table: Record<Field, FieldLayout>; total: number } {
  const table = {} as Record<Field, FieldLayout>;
  let offset = 0;
  for (const [name, width] of ORDER) {
    table[name] = Object.freeze({ offset, width });
    offset += width;
  }
  return { table: Object.freeze(table), total: offset };
}

const built = layout();

export const FIELD: Readonly<Record<Field, FieldLayout>> = built.table;

/** Total number of header variables (318). */
export const VAR_COUNT: number = built.total;

/** Bits of the 128-bit IP fields that an IPv4 address does not use. */
export const V4_UNUSED_BITS = 96;

/** Variable of the syn flag; ack follows it. */
export const SYN_VAR = FIELD.tcpFlags.offset;
export const ACK_VAR = FIELD.tcpFlags.offset + 1;

/** Variables of `field`, most significant first. */
export function fieldVars(field: Field): number[] {
  const { offset, width } = FIELD[field];
  return Array.from({ length: width }, (_, i) => offset + i);
}
