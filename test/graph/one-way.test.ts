/**
 * The graph for packets that ask for no reply (graph/one-way.ts): conditions on the reply — a
 * stateless ACL's reply rules, the reply's route, a firewall's reply chains — are left out; every
 * condition on the packet itself stays.
 */
import { describe, expect, it } from 'vitest';
import { PathAnalysis } from '../../src/graph/analysis.js';
import { PROTO } from '../../src/engine/header-space.js';
import { loadSystem } from '../../src/linter/load-system.js';
import { CHANNEL_EGRESS, DISPATCH_YAML, NETWORK, ROUTE, dispatchRoutes, networkAcl, securityGroup, sgRule, ven, vpn } from '../support/dispatch-network.js';
import { pathQuery } from '../../src/graph/query.js';
import { writeTree } from '../support/files.js';
import { parseCidr } from '../../src/model/net/cidr.js';

function analyse(main: string): PathAnalysis {
  const dir = writeTree({ 'main.tf': main, 'gridfence.yaml': DISPATCH_YAML }, 'gridfence-one-way-');
  const sys = loadSystem({ paths: [dir], cwd: dir, vars: [], varFiles: [] });
  expect(sys.problems.filter((p) => p.severity === 'error')).toEqual([]);
  return new PathAnalysis(sys.model.resources, sys.config, (a) => sys.zoneOf.get(a), sys.placedHosts);
}

/** Whether packets of `protocol` from the undeclared networks beyond the VPN arrive at the VEN, as connections and one way. */
function arrives(pa: PathAnalysis, protocol: number): { connections: boolean; oneWay: boolean } {
  const [ven] = pa.sinks((n) => n.kind === 'endpoint-in' && n.name === 'aws_instance.ven');
  expect(ven).toBeDefined();
  const want = pa.hs.protocol(protocol);
  return { connections: pa.reaches(pa.from({ kind: 'undeclared' }), ven!, want), oneWay: pa.reaches(pa.fromOneWay({ kind: 'undeclared' }), ven!, want) };
}

/** A VEN whose group admits SNMP and SSH from the site beyond a VPN; the dispatch table routes nothing there unless `routeBack`. */
const SITE = (routeBack: boolean) =>
  NETWORK +
  vpn('site', '192.0.2.1', 65010) +
  dispatchRoutes(...(routeBack ? ['cidr_block = "192.168.0.0/16"\n    gateway_id = aws_vpn_gateway.main.id'] : [])) +
  securityGroup('ven', sgRule('ingress', 'udp', 161, 161, '192.168.0.0/16'), sgRule('ingress', 'tcp', 22, 22, '192.168.0.0/16'), CHANNEL_EGRESS) +
  ven();

describe('packets that ask for no reply', () => {
  it('with a route back, connections and datagrams both arrive', () => {
    const pa = analyse(SITE(true));
    expect(arrives(pa, PROTO.udp)).toEqual({ connections: true, oneWay: true });
    expect(arrives(pa, PROTO.tcp)).toEqual({ connections: true, oneWay: true });
  });

  it('with no route back to the VPN gateway, no connection is made but datagrams still arrive', () => {
    const pa = analyse(SITE(false));
    expect(arrives(pa, PROTO.udp)).toEqual({ connections: false, oneWay: true });
    expect(pa.graph.forwardOnly.length).toBeGreaterThan(0);
  });

  it('an ACL that lets nothing back out stops connections, not datagrams; one that drops them on the way in stops both', () => {
    const repliesBlocked = networkAcl('dispatch', 'dispatch', [[100, 'udp', 161, 161, '192.168.0.0/16']], [[100, 'tcp', 443, 443, '203.0.113.10/32']]);
    expect(arrives(analyse(SITE(true) + repliesBlocked), PROTO.udp)).toEqual({ connections: false, oneWay: true });
    const inBlocked = networkAcl('dispatch', 'dispatch', [[100, 'tcp', 1024, 65535, '203.0.113.10/32']], [[100, 'udp', 1024, 65535, '192.168.0.0/16']]);
    expect(arrives(analyse(SITE(true) + inBlocked), PROTO.udp)).toEqual({ connections: false, oneWay: false });
  });

  it('the security group still decides: what it does not admit arrives neither way', () => {
    const pa = analyse(SITE(false));
    expect(arrives(pa, PROTO.icmp)).toEqual({ connections: false, oneWay: false });
  });

  it('the view keeps every edge that has no reply condition as it is', () => {
    const pa = analyse(SITE(true));
    const view = pa.fromOneWay({ kind: 'undeclared' }).graph;
    const plain = pa.graph.edges.filter((e) => !e.forward && !e.filters.some((f) => ['NACL_RETURN_DENY', 'FW_REPLY_DROP', 'IGW_NO_RETURN_ROUTE', 'NO_RETURN_ROUTE'].includes(f.code)));
    expect(plain.length).toBeGreaterThan(0);
    for (const e of plain) expect(view.edges).toContain(e);
  });
});

describe('datagrams from the internet may claim any source address', () => {
  /** A VEN with a public address on a subnet routed to the internet gateway, whose group admits DNP3 over UDP from the DER sites' range, a closed external's. */
  const DER_YAML = `${DISPATCH_YAML}  der-sites:\n    role: der-site\n    cidrs: ["192.0.2.0/24"]\n    transport: closed\n`;
  const SYSTEM = NETWORK + dispatchRoutes('cidr_block = "0.0.0.0/0"\n    gateway_id = aws_internet_gateway.main.id') + securityGroup('ven', sgRule('ingress', 'udp', 20000, 20000, '192.0.2.0/24'), CHANNEL_EGRESS) + ven('true');

  function analyseWith(yaml: string): PathAnalysis {
    const dir = writeTree({ 'main.tf': SYSTEM, 'gridfence.yaml': yaml }, 'gridfence-one-way-');
    const sys = loadSystem({ paths: [dir], cwd: dir, vars: [], varFiles: [] });
    expect(sys.problems.filter((p) => p.severity === 'error')).toEqual([]);
    return new PathAnalysis(sys.model.resources, sys.config, (a) => sys.zoneOf.get(a), sys.placedHosts);
  }

  it("a forged datagram from a closed external's range arrives through the internet gateway; a connection from there cannot", () => {
    const pa = analyseWith(DER_YAML);
    const [ven] = pa.sinks((n) => n.kind === 'endpoint-in' && n.name === 'aws_instance.ven');
    const want = pa.hs.bdd.and(pa.hs.protocol(PROTO.udp), pa.hs.prefix('srcIp', parseCidr('192.0.2.0/24')!));
    expect(pa.reaches(pa.fromOneWay({ kind: 'internet' }), ven!, want)).toBe(true);
    expect(pa.reaches(pa.from({ kind: 'internet' }), ven!, want)).toBe(false);
  });

  it("only datagrams carry the forged source: a connection's packets from the internet come from its own addresses", () => {
    const pa = analyseWith(DER_YAML);
    const igw = pa.graph.byName.get('gateway aws_internet_gateway.main')!;
    const internet = pa.graph.nodes.find((n) => n.kind === 'internet')!;
    const entering = pa.graph.edges.filter((e) => e.from === internet.index && e.to === igw.index);
    expect(entering).toHaveLength(1);
    const forged = pa.hs.prefix('srcIp', parseCidr('192.0.2.0/24')!);
    // In a connection the reply would go to the address's owner: the edge's topology leaves the range out, its one-way topology keeps it.
    expect(pa.hs.bdd.and(entering[0]!.topology, forged)).toBe(pa.hs.none);
    expect(pa.hs.bdd.and(entering[0]!.forward!.topology, forged)).not.toBe(pa.hs.none);
  });

  it('asked for by its range, the closed external is also where forged datagrams seem to come from', () => {
    const pa = analyseWith(DER_YAML);
    const [ven] = pa.sinks((n) => n.kind === 'endpoint-in' && n.name === 'aws_instance.ven');
    const udp = pa.hs.protocol(PROTO.udp);
    expect(pa.reaches(pa.fromOneWay({ kind: 'cidr', prefix: parseCidr('192.0.2.0/24')! }), ven!, udp)).toBe(true);
    expect(pa.reaches(pa.from({ kind: 'cidr', prefix: parseCidr('192.0.2.0/24')! }), ven!, udp)).toBe(false);
  });

  it("one that claims an address of the system's own networks is left out", () => {
    const pa = analyseWith(DISPATCH_YAML);
    const [ven] = pa.sinks((n) => n.kind === 'endpoint-in' && n.name === 'aws_instance.ven');
    const own = pa.hs.prefix('srcIp', parseCidr('10.10.0.0/16')!);
    const r = pa.fromOneWay({ kind: 'internet' });
    expect(pa.hs.bdd.and(r.at[ven!.index]!, own)).toBe(pa.hs.none);
  });
});

describe('gridfence path beside a connection that only an unknown makes possible', () => {
  it('shows the datagrams that certainly arrive, one way', () => {
    const snmp = sgRule('ingress', 'udp', 161, 161, '0.0.0.0/0');
    // SNMP in from anywhere; its replies out only to an address not known.
    const acl = networkAcl('dispatch', 'dispatch', [[100, 'udp', 161, 161, '0.0.0.0/0']], [[100, 'udp', 1024, 65535, '${var.reply_to}']]);
    const pa = analyse('variable "reply_to" {}\n' + NETWORK + dispatchRoutes(ROUTE.defaultIgw) + securityGroup('ven', snmp, CHANNEL_EGRESS) + ven('true') + acl);
    const r = pathQuery(pa, { from: 'internet', to: 'aws_instance.ven', protocol: 'udp' });
    expect(r.ok && r.flows.map((f) => [f.oneWay ?? false, f.answer.unknowns.length > 0 ? 'possible' : 'definite'])).toEqual([
      [false, 'possible'],
      [true, 'definite'],
    ]);
  });

  it('asked for any protocol beside a certain TCP connection, the certain SNMP datagram is shown, not hidden by a possible SNMP connection', () => {
    const admit = [sgRule('ingress', 'tcp', 443, 443, '0.0.0.0/0'), sgRule('ingress', 'udp', 161, 161, '0.0.0.0/0')];
    // In: HTTPS and SNMP; out: the HTTPS replies, and the SNMP ones only to an address not known.
    const acl = networkAcl('dispatch', 'dispatch', [[100, 'tcp', 443, 443, '0.0.0.0/0'], [110, 'udp', 161, 161, '0.0.0.0/0']], [[100, 'tcp', 1024, 65535, '0.0.0.0/0'], [110, 'udp', 1024, 65535, '${var.reply_to}']]);
    const pa = analyse('variable "reply_to" {}\n' + NETWORK + dispatchRoutes(ROUTE.defaultIgw) + securityGroup('ven', ...admit, CHANNEL_EGRESS) + ven('true') + acl);
    const r = pathQuery(pa, { from: 'internet', to: 'aws_instance.ven', protocol: 'any' });
    expect(r.ok && r.flows.map((f) => [pa.packetText(f.answer.packet).split(' ')[0], f.oneWay ?? false, f.answer.unknowns.length > 0 ? 'possible' : 'definite'])).toEqual([
      ['tcp/443', false, 'definite'],
      ['udp/161', false, 'possible'],
      ['udp/161', true, 'definite'],
    ]);
  });
});
