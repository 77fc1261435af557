/**
 * The forwarding graph: nodes are places a packet can be (an endpoint sending or receiving, a
 * subnet's router, a gateway, the internet, an external network); an edge holds the packets that
 * may take it as BDD sets, split into the topology (routes, addresses: what makes it a path at all)
 * and the filters on it (security groups, network ACLs: what a blocked-path answer names). Sets are
 * over the packet of a new connection in the forward direction; conditions on its replies (stateless
 * ACLs, return routes) are written on the same packet with sources and destinations swapped.
 */
import type { BddNode } from '../engine/bdd.js';
import type { Field } from '../engine/fields.js';
import type { Span } from '../model/source.js';
import type { Unknown } from '../model/value.js';

/** `host`: a stage inside a firewall host (an interface's way in or out, before or after NAT). */
export type NodeKind = 'endpoint-out' | 'endpoint-in' | 'subnet' | 'gateway' | 'host' | 'internet' | 'external' | 'undeclared';

export interface GraphNode {
  index: number;
  kind: NodeKind;
  /** Resource address, `internet`, an external's name, or `undeclared via <gateway>`. */
  name: string;
  /** Our zone or external the node belongs to ("internet" for the internet). */
  zone?: string;
  /** The resource's span, for traces. */
  span?: Span;
  /** On the internet: the internet itself, or an external network met through an internet gateway. */
  internetSide?: boolean;
}

/** One reason a hop is allowed: the rule, route or listener that matches, with its source. */
export interface Reason {
  match: BddNode;
  text: string;
  span?: Span;
  declaredBy?: string;
  /** Says only that a default allows everything (AWS's default network ACL): no news in a trace. */
  defaultAllow?: boolean;
  /**
   * The stage of a filter that decides on its own (a netfilter base chain at a hook: each must
   * accept, in priority order): a trace names the first matching reason of every stage, not only of
   * the first, whose policy may only pass the packet on.
   */
  stage?: string;
  /** The policy of a base chain with no rules (a table loaded but empty): named after every other stage's reason. */
  idle?: true;
}

/** A filter on an edge: the packets it lets through, and each of its rules for the trace. */
export interface FilterPart {
  /** "security group", "network ACL", … with the filter's address. */
  name: string;
  /** Stable code for blocked-path answers: SG_NO_MATCH, NACL_DENY, NACL_RETURN_DENY, … */
  code: string;
  permit: BddNode;
  reasons: Reason[];
  span?: Span;
  /** Unknown values the filter rests on; `permit` is already widened for them. */
  unknowns: Unknown[];
  /**
   * The same filter with the rules that may not be its own (GroupRule.presence): what passes only
   * if they are. An edge through this filter has a twin through that one, whose paths rest on them.
   */
  possibly?: FilterPart;
}

/** Rewrites fields: T(S) = (∃ fields. S) ∧ set. */
export interface Transform {
  fields: Field[];
  set: BddNode;
  text: string;
}

export interface Edge {
  from: number;
  to: number;
  /** Routes and address constraints, with the route that matched for the trace. */
  topology: BddNode;
  route?: Reason[];
  filters: FilterPart[];
  /** topology ∧ every filter's permit. */
  guard: BddNode;
  transform?: Transform;
  /** Words for the hop: "route", "deliver", "NAT", "listener". */
  step: string;
  /** Unknown values the topology rests on (a route, a subnet's range, a public address); each filter lists its own. */
  unknowns: Unknown[];
  /** An edge's twin through filters widened by rules that may not be theirs (FilterPart.possibly). */
  twin?: true;
  /**
   * Where a connection's way back is part of the topology (the reply's route, a transit gateway's
   * appliance), the topology and unknowns without it: what the edge carries for a packet that asks
   * for no reply (graph/one-way.ts).
   */
  forward?: { topology: BddNode; unknowns: Unknown[] };
}

export interface Graph {
  nodes: GraphNode[];
  edges: Edge[];
  /** Outgoing and incoming edges by node index. */
  out: Edge[][];
  in: Edge[][];
  byName: Map<string, GraphNode>;
  /** Edges whose way back carries nothing: they carry packets only that ask for no reply (graph/one-way.ts). */
  forwardOnly: Edge[];
}
