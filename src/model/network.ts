/**
 * The vendor-independent network: what forwards and filters packets, with the source range of every
 * setting. Loaders' resources map into it (graph/aws/ for AWS); the graph and the reachability
 * search read only this. Every element is named by the address of the resource that declares it.
 *
 * Addresses are exact prefixes when known. A value that cannot be known before apply is kept as an
 * `Unknown` beside the conservative stand-in the analysis uses (e.g. an instance whose private IP
 * is assigned at launch stands for every address of its subnet), so a verdict that rests on it can
 * say "possible".
 */
import type { FirewallHost } from './firewall.js';
import type { Prefix } from './net/cidr.js';
import type { Span } from './source.js';
import type { Unknown } from './value.js';

/** A match on addresses: known prefixes, references to security groups or prefix lists, or unknown. */
export type Peer =
  | { kind: 'cidr'; prefix: Prefix }
  | { kind: 'group'; group: string }
  | { kind: 'prefix-list'; list: string }
  | { kind: 'unknown'; unknown: Unknown };

/** Protocol number, or -1 for all protocols. Ports are inclusive destination ports; undefined = all. */
export interface Service {
  protocol: number;
  ports?: [number, number];
  /** ICMP type and code (-1 = any), for protocol 1 and 58. */
  icmp?: { type: number; code: number };
}

/** One allow rule of a stateful, allow-only filter (security group). */
export interface GroupRule {
  service: Service;
  peers: Peer[];
  /** The rule block or rule resource. */
  span: Span;
  /** The resource that declares the rule (the group itself or a rule resource). */
  declaredBy: string;
  /** Text for traces: "ingress[0]", "aws_security_group_rule.ssh". */
  label: string;
  /**
   * Why the rule may not be this group's at all: a rule resource whose group is not known before
   * apply is put in every group it may belong to. What it allows passes only possibly.
   */
  presence?: Unknown;
}

export interface SecurityGroup {
  id: string;
  vpc?: string;
  ingress: GroupRule[];
  egress: GroupRule[];
  span: Span;
  /** The VPC's default group (aws_default_security_group). */
  isDefault: boolean;
}

/** One entry of an ordered, stateless list (network ACL). */
export interface AclEntry {
  number: number;
  action: 'allow' | 'deny';
  service: Service;
  /** Inbound entries match the source, outbound entries the destination. */
  peer: Peer;
  span: Span;
  declaredBy: string;
  label: string;
  /**
   * Why the entry may not be this ACL's at all: an `aws_network_acl_rule` whose ACL is not known
   * before apply is put in every ACL it may belong to. The ACL with it passes more only possibly.
   */
  presence?: Unknown;
}

export interface NetworkAcl {
  id: string;
  vpc?: string;
  /** Sorted by number; the implicit final deny is not listed. */
  ingress: AclEntry[];
  egress: AclEntry[];
  span: Span;
  /** The VPC's default ACL (allow-all unless managed). */
  isDefault: boolean;
  unknown?: Unknown;
}

export type RouteTargetKind =
  | 'local'
  | 'internet-gateway'
  | 'egress-only-gateway'
  | 'nat-gateway'
  | 'vpn-gateway'
  | 'transit-gateway'
  | 'peering'
  | 'endpoint'
  | 'interface'
  | 'instance'
  | 'blackhole'
  | 'attachment'
  | 'unknown';

export interface Route {
  destination: Peer;
  /** `unknown`: why a target that is not held is not known, when a reason is given; paths through it rest on that. */
  target: { kind: RouteTargetKind; id?: string; unknown?: Unknown };
  /** static routes win over propagated ones of the same length. */
  origin: 'static' | 'propagated';
  /**
   * Why the route may not be in this table at all: an `aws_route` whose table is not known is put in
   * every table it may be in. Such a route takes its destination from the routes after it but claims
   * nothing from them: whether they or it carry that traffic is not known.
   */
  presence?: Unknown;
  span: Span;
  declaredBy: string;
  label: string;
}

export interface RouteTable {
  id: string;
  vpc?: string;
  routes: Route[];
  span: Span;
  isMain: boolean;
  /** Route propagation from these VPN gateways. */
  propagatesFrom: string[];
  /** Propagation from these VPN gateways set on a table not known before apply: possibly this one. */
  maybePropagatesFrom?: Array<{ gateway: string; unknown: Unknown }>;
}

export interface Vpc {
  id: string;
  /** Its IPv4 and IPv6 ranges, the local route's destinations; an IPv6 range AWS assigns at apply by its stand-in (graph/aws/ipv6.ts). */
  cidrs: Prefix[];
  /** The primary range is known only after apply: the VPC's local route then may take any destination. */
  unknown?: Unknown;
  span: Span;
  /** Named (by a data source or its id) but not in the configuration: its main table's routes are not known either. */
  outside?: true;
}

export interface Subnet {
  id: string;
  vpc?: string;
  cidr?: Prefix;
  /** Why `cidr` is missing: the subnet then stands for every address, and edges that rely on that say so. */
  unknown?: Unknown;
  /** Its IPv6 range, or the stand-in for one assigned at apply (graph/aws/ipv6.ts). */
  ipv6?: Prefix;
  /** IPv6 only (`ipv6_native`): no IPv4 range, and `cidr` missing says nothing unknown. */
  ipv6Native?: true;
  /** Interfaces created in it get an IPv6 address (`assign_ipv6_address_on_creation`); an Unknown when that is not known. */
  assignIpv6?: true | Unknown;
  routeTable?: string;
  /**
   * Tables it may be associated with instead: an association whose subnet is not known before
   * apply may be this subnet's. Its routes are then possible ones, resting on `unknown`.
   */
  maybeTables?: Array<{ table: string; unknown: Unknown }>;
  acl?: string;
  /** Network ACLs it may be associated with instead, as for `maybeTables`. */
  maybeAcls?: Array<{ acl: string; unknown: Unknown }>;
  span: Span;
  /**
   * VPC Block Public Access keeps the internet from starting connections toward its endpoints
   * (graph/aws/block-public-access.ts): the setting, and the Unknown it rests on when it may not.
   */
  internetIngressBlock?: { name: string; span: Span; unknown?: Unknown };
  /**
   * A subnet the configuration does not hold, placed for the endpoints in it (graph/aws/outside.ts):
   * its routes lead anywhere; packets from the internet reach only those of its endpoints that may
   * have a public address.
   */
  outside?: true;
}

/** Something with addresses that sends and receives: an instance, interface, load balancer node, NAT gateway. */
export interface Endpoint {
  id: string;
  kind: 'instance' | 'interface' | 'load-balancer' | 'nat-gateway' | 'database' | 'firewall' | 'other';
  subnets: string[];
  /**
   * Private IPv4 addresses and IPv6 addresses; when unknown, the subnets' prefixes stand for them
   * (see `addressUnknown`; IPv6 addresses AWS assigns from the subnet's range, by that range).
   */
  addresses: Prefix[];
  addressUnknown?: Unknown;
  /** Why it may have no IPv6 addresses at all (a setting not known before apply): flows over IPv6 to and from it rest on that. */
  ipv6Unknown?: Unknown;
  groups: string[];
  /** Why some of its security groups are not known (a variable without value): they may allow anything. */
  groupsUnknown?: Unknown;
  /** The VPC's default group filters it too: it was launched without groups, and others were attached later. */
  withDefaultGroup?: true;
  /** Groups attached to an interface not known before apply: this endpoint's, possibly (`group` undefined: which group is not known either). */
  maybeGroups?: Array<{ group?: string; unknown: Unknown; groupUnknown?: Unknown }>;
  /** Set when its count or for_each (or CloudFormation condition) is not known: it may not exist. */
  expansion?: Unknown;
  /** Has (or may have) a public address reachable through an internet gateway. */
  publicAddress: 'yes' | 'no' | 'unknown';
  /** Why `publicAddress` is 'unknown', when something other than the endpoint's own settings says so (an Elastic IP whose target is not known). */
  publicUnknown?: Unknown;
  publicIps: Prefix[];
  /** The public address is an Elastic IP (fixed, registrable), even when its value is known only after apply. */
  elasticIp?: boolean;
  span: Span;
  /** A firewall appliance (AWS Network Firewall): routes send traffic through it, its rules are not read. */
  firewall?: boolean;
  /** Load balancer listeners: the proxy re-originates flows to its targets. */
  listeners?: Listener[];
  /** Forwards traffic not addressed to itself (source/destination check off). */
  forwards?: boolean;
  /** Whether it forwards is not known before apply (the check set by a value not known): it possibly does. */
  forwardsUnknown?: Unknown;
  /**
   * The instance this interface is attached to: one host with it. What reaches the interface
   * reaches the instance, and the instance may send through the interface.
   */
  interfaceOf?: string;
  /** No instance or interface of the configuration: a load balancer's IP target in a held subnet (graph/aws/endpoints.ts). Why, said once. */
  unheld?: Unknown;
}

export interface Listener {
  id: string;
  /**
   * As AWS names it, upper case: HTTP, HTTPS, TCP, TLS, SSL (TCP); UDP, QUIC (UDP); TCP_UDP,
   * TCP_QUIC (both); GENEVE (a Gateway Load Balancer: every protocol); `not known` (TCP or UDP).
   */
  protocol: string;
  /** Undefined when not known: the listener may take any port. */
  port?: number;
  /**
   * Where it forwards: an endpoint of the model, or addresses (an IP target; any address, when the
   * target is not known). A target's port is undefined when not known (any port of the target).
   */
  targets: Array<{
    endpoint?: string;
    addresses?: Prefix[];
    port?: number;
    text?: string;
    /**
     * The target sees the client's address and port, not the load balancer's (a Network Load
     * Balancer's client IP preservation); an Unknown when that is not known (either).
     */
    clientIp?: true | Unknown;
  }>;
  span: Span;
  /** What about the listener could not be known (its port, a target's port). */
  unknowns: Unknown[];
  /**
   * What makes the connections it takes on the load balancer uncertain: its port or protocol not
   * known, or its load balancer not known (it may be another's). Absent: it takes its protocol on
   * its port, certainly.
   */
  opens?: Unknown[];
}

export interface Gateway {
  id: string;
  kind: 'internet-gateway' | 'egress-only-gateway' | 'nat-gateway' | 'vpn-gateway' | 'transit-gateway' | 'peering' | 'endpoint';
  vpc?: string;
  /** A transit gateway's attached VPCs; a peering's two VPCs. */
  vpcs?: string[];
  /**
   * An internet or virtual private gateway's gateway route table (an association by `gateway_id`,
   * "ingress routing"): what enters the VPC through it is routed by that table, e.g. through a
   * firewall first.
   */
  edgeTable?: string;
  /**
   * Why the gateway may have a gateway route table the configuration does not give (an association
   * whose table is known only after apply or not held, or whose gateway is not known): it may send
   * what enters to any appliance of the VPC first, and what is delivered straight rests on it.
   */
  edgeTableUnknown?: Unknown;
  span: Span;
}

/**
 * An IPsec connection to a customer gateway, or a Direct Connect private virtual interface on a
 * virtual private gateway (routes learned by BGP alike): the far side is an external network.
 */
export interface VpnConnection {
  id: string;
  gateway?: string;
  /** Prefixes routed into the tunnel (static routes of the connection). */
  remote: Prefix[];
  /**
   * Why the tunnel may carry destinations beyond `remote`: routes learned by BGP (dynamic routing,
   * AWS's default) or a static route whose destination is not known. A table that propagates the
   * gateway's routes may then send any destination outside the VPC's range there.
   */
  remoteUnknown?: Unknown;
  span: Span;
}

/** A transit gateway attachment: where traffic enters and leaves the gateway (RT6). */
export interface TgwAttachment {
  id: string;
  kind: 'vpc' | 'vpn' | 'peering';
  gateway: string;
  vpc?: string;
  /** The subnets a VPC attachment has interfaces in: traffic from the gateway enters the VPC there. */
  subnets: string[];
  /**
   * How many subnets a VPC attachment's `subnet_ids` lists, held or not; undefined when the list is
   * not known. AWS takes one subnet per Availability Zone, so this is how many zones it spans.
   * `subnets` holds only the references among them, and cannot tell (a subnet named by id or not
   * known beside one held still adds a zone).
   */
  listed?: number;
  /** The VPN connection of a VPN attachment. */
  vpn?: string;
  /**
   * A VPC attachment's appliance mode (`appliance_mode_support`, CloudFormation's
   * `Options.ApplianceModeSupport`): `true` enabled, `false` disabled (AWS's default), an Unknown
   * when not known before apply. Without it the gateway keeps each direction of a flow in the
   * Availability Zone where it entered, so a reply may meet another zone's appliance.
   */
  applianceMode?: boolean | Unknown;
  /** The gateway route table that traffic entering here is looked up in. */
  table?: string;
  /** Route tables this attachment's prefixes propagate to. */
  propagatesTo: string[];
  /**
   * Tables an association not known before apply, or naming a table the configuration does not
   * hold, may give this attachment: a held table of its gateway, or (`table` undefined) one whose
   * routes are not known and may lead anywhere. Traffic entering here is possibly looked up in each.
   */
  maybeTables?: Array<{ table?: string; unknown: Unknown }>;
  span: Span;
}

export interface TgwRouteTable {
  id: string;
  gateway: string;
  /** Static routes; the target is an attachment (`attachment` kind) or a blackhole. */
  routes: Route[];
  /**
   * Propagations into this table that may be there: from a held attachment (`attachment`), whose
   * prefixes the propagation's table not known may be this one; or from an attachment not known or
   * not held (`attachment` undefined), which may propagate any prefix toward somewhere not known.
   */
  maybePropagations?: Array<{ attachment?: string; unknown: Unknown }>;
  span: Span;
}

export interface TransitGateway {
  id: string;
  attachments: Map<string, TgwAttachment>;
  tables: Map<string, TgwRouteTable>;
  span: Span;
}

export interface Network {
  vpcs: Map<string, Vpc>;
  subnets: Map<string, Subnet>;
  routeTables: Map<string, RouteTable>;
  acls: Map<string, NetworkAcl>;
  groups: Map<string, SecurityGroup>;
  endpoints: Map<string, Endpoint>;
  gateways: Map<string, Gateway>;
  vpns: Map<string, VpnConnection>;
  transitGateways: Map<string, TransitGateway>;
  /** Managed prefix lists by address, with their entries. */
  prefixLists: Map<string, Prefix[]>;
  /** On-premise firewall hosts of gridfence.yaml, by name. */
  hosts: Map<string, FirewallHost>;
  /** Constructs read but not modelled, for the `errors` warnings. */
  /** What the model reads but does not follow: a warning each, an error where a whole kind of path goes unchecked (IPv6). */
  notModelled: Array<{ address: string; span: Span; what: string; severity?: 'error' }>;
}

export function emptyNetwork(): Network {
  return {
    vpcs: new Map(),
    subnets: new Map(),
    routeTables: new Map(),
    acls: new Map(),
    groups: new Map(),
    endpoints: new Map(),
    gateways: new Map(),
    vpns: new Map(),
    transitGateways: new Map(),
    prefixLists: new Map(),
    hosts: new Map(),
    notModelled: [],
  };
}
