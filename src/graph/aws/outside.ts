/**
 * Endpoints in a subnet the configuration does not hold — NAT gateways and firewall endpoints too,
 * which routes send traffic to: a subnet named by a literal id or a data source, one not known (a
 * variable without value), or none at all (an instance launched without `subnet_id` lands in a
 * default subnet of the default VPC, which has a route to an internet gateway). Left out of the
 * graph, such an endpoint would be on no path, and every rule would pass it. Each such subnet is
 * placed instead as one whose range, network ACL and routes are not known: a route of unknown
 * destination to OUTSIDE_NETWORKS, which the graph joins to the internet, every external network
 * and every other such subnet, both ways (build.ts `unknownGateway`), and which may lie in any VPC
 * the configuration holds (build.ts joins it to their subnets by their local routes). Packets from
 * the internet reach only endpoints that may have a public address, as through an internet
 * gateway. Every flow to or from the endpoint rests on that Unknown.
 */
import type { Network, Route } from '../../model/network.js';
import type { Span } from '../../model/source.js';
import { Unknown } from '../../model/value.js';

/**
 * The one gateway that every subnet outside the configuration routes to, with the subnets of VPCs it
 * does not hold (routing.ts): they may be one network, so each reaches the others through it.
 */
export const OUTSIDE_NETWORKS = 'a network the configuration does not hold';

/** A route of unknown destination, resting on `unknown`: what a route table not held may do. */
export function routeAnywhere(unknown: Unknown, target: Route['target'], at: { span: Span; declaredBy: string; label: string }): Route {
  return { destination: { kind: 'unknown', unknown }, target, origin: 'static', ...at };
}

/** Toward a gateway the configuration does not hold, which the route's Unknown says why. */
export function toOutside(unknown: Unknown, gateway = OUTSIDE_NETWORKS): Route['target'] {
  return { kind: 'unknown', id: gateway, unknown };
}

export function placeOutside(net: Network): void {
  const held = (s: string): boolean => {
    const subnet = net.subnets.get(s);
    return subnet !== undefined && !subnet.outside;
  };
  // A name whose instances are held (`aws_subnet.s` of `aws_subnet.s[0]`…): a reference that does
  // not say which instance (a plan's `aws_subnet.s[count.index + 1]`).
  const ofInstances = (id: string): boolean => [...net.subnets.keys()].some((k) => k.startsWith(`${id}[`) && held(k));
  for (const e of net.endpoints.values()) {
    const missing = e.subnets.filter((s) => !held(s));
    if (e.subnets.length > 0 && missing.length === 0) continue;
    const ids = missing.length ? missing : [`the subnet of ${e.id}`];
    e.subnets = [...e.subnets.filter(held), ...ids];
    // Said once per endpoint, where it is declared: the possible findings on it all rest on this.
    const what =
      missing.length === 1 && ofInstances(missing[0]!)
        ? `its subnet is one of the instances of ${missing[0]}, and which one is not known`
        : `${missing.length ? `${missing.length > 1 ? 'its subnets' : 'its subnet'} ${missing.join(', ')} ${missing.length > 1 ? 'are' : 'is'}` : 'its subnet is'} not in the configuration`;
    net.notModelled.push({ address: e.id, span: e.span, what: `${what}: flows to and from it are taken to go any way, and the findings on them are possible` });
    for (const id of ids) {
      if (net.subnets.has(id)) continue;
      const unknown = new Unknown(
        missing.length
          ? ofInstances(id)
            ? `the subnet of ${e.id} is one of the instances of ${id}, and which one is not known: its range, routes and network ACL are not known, so flows through it may take any way`
            : `${id}, a subnet of ${e.id}, is not in the configuration: its range, routes and network ACL are not known, so flows through it may take any way`
          : `the subnet of ${e.id} is not known: its range, routes and network ACL are not known, so flows to and from it may take any way`,
        e.span,
      );
      const table = `routes of ${id}`;
      net.routeTables.set(table, {
        id: table,
        routes: [routeAnywhere(unknown, toOutside(unknown), { span: e.span, declaredBy: e.id, label: `the routes of ${id}` })],
        span: e.span,
        isMain: false,
        propagatesFrom: [],
      });
      net.subnets.set(id, { id, unknown, routeTable: table, span: e.span, outside: true });
    }
  }
}
