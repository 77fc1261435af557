import { describe, expect, it } from 'vitest';
import { host, loadBalancer, networkAcl, portRule, PUBLIC, PUBLIC_DMZ_PAIR, securityGroup, vpn, vpnRoute, zonedVpc } from '../support/dispatch-network.js';
import { lintFiles, rangeOf, runRule } from '../support/rule-tester.js';

const ID = 'external-traffic-encrypted';

const ZONES = `version: 1
zones:
  dmz: { role: buffer }
  core: { role: internal }
externals:
  dispatch-system: { role: dispatch-system, cidrs: ["203.0.113.10/32"], services: ["tcp/443"], transport: internet }
  customer-sites: { role: der-site, cidrs: ["192.168.0.0/16"], transport: closed }
`;

/** Two public dmz subnets and a core subnet; NAT makes a NAT gateway in the dmz the core subnet's default route. */
const VPC = `${zonedVpc({ core: '10.10.10.0/24' })}${PUBLIC_DMZ_PAIR}`;

const NAT = `resource "aws_eip" "nat" {
  domain = "vpc"
}

resource "aws_nat_gateway" "dmz" {
  allocation_id = aws_eip.nat.id
  subnet_id     = aws_subnet.dmz["a"].id
}

resource "aws_route_table" "core" {
  vpc_id = aws_vpc.main.id
  route {
    cidr_block     = "0.0.0.0/0"
    nat_gateway_id = aws_nat_gateway.dmz.id
  }
}

resource "aws_route_table_association" "core" {
  subnet_id      = aws_subnet.core.id
  route_table_id = aws_route_table.core.id
}
`;

/** An internet-facing load balancer in the dmz: a listener forwarding to the core app on port 8080. */
const edge = (listenerPort: number, listenerProtocol: 'HTTP' | 'HTTPS') =>
  securityGroup('edge', portRule('ingress', listenerPort, '["0.0.0.0/0"]'), portRule('egress', 8080, '["10.10.10.0/24"]')) +
  loadBalancer({ name: 'edge', internal: false, listener: { port: listenerPort, protocol: listenerProtocol }, target: 'app', targetPort: 8080, targetProtocol: 'HTTP' });
const APP = host('app', 'core', '10.10.10.10', '  ingress {\n    protocol        = "tcp"\n    from_port       = 8080\n    to_port         = 8080\n    security_groups = [aws_security_group.edge.id]\n  }');

const tf = (...parts: string[]) => parts.join('\n');
const run = (main: string) => runRule(ID, { 'main.tf': main }, { config: ZONES });
const tracesOf = (main: string) => lintFiles(ID, { 'main.tf': main }, { config: ZONES }).findings.map((f) => ({ nodes: f.trace?.map((t) => t.node), flow: f.flow }));

const HTTP_IN = portRule('ingress', 80, '["0.0.0.0/0"]');
const HTTP_OUT = portRule('egress', 80, '["0.0.0.0/0"]');

describe(ID, () => {
  describe('valid', () => {
    it('HTTPS only, in and out', () => {
      const main = tf(VPC, NAT, host('web', 'dmz["a"]', '10.10.2.10', portRule('ingress', 443, '["0.0.0.0/0"]'), PUBLIC), host('controller', 'core', '10.10.10.10', portRule('egress', 443, '["0.0.0.0/0"]')));
      expect(run(main)).toEqual([]);
    });

    it('an HTTPS listener forwarding to a cleartext port: the outside flow ends at the TLS listener', () => {
      expect(run(tf(VPC, edge(443, 'HTTPS'), APP))).toEqual([]);
    });

    it('a TLS listener on a port that is not TLS-only by itself', () => {
      expect(run(tf(VPC, edge(9443, 'HTTPS'), APP))).toEqual([]);
    });

    it('cleartext Modbus to the customer sites inside a VPN tunnel', () => {
      const sites = `${vpn('sites', '198.51.100.40', 65010)}${vpnRoute('core')}`;
      const controller = host('controller', 'core', '10.10.10.10', `${portRule('egress', 502, '["192.168.0.0/16"]')}\n${portRule('ingress', 502, '["192.168.0.0/16"]')}`);
      expect(run(tf(VPC, sites, controller))).toEqual([]);
    });

    it('HTTP open to the world, but the host has no public address', () => {
      expect(run(tf(VPC, host('web', 'dmz["a"]', '10.10.2.10', HTTP_IN)))).toEqual([]);
    });

    it('an HTTP egress rule, but the core subnet has no route out of the VPC', () => {
      expect(run(tf(VPC, host('controller', 'core', '10.10.10.10', HTTP_OUT)))).toEqual([]);
    });

    it('HTTP admitted, but the network ACL drops the reply to the internet', () => {
      const acl = networkAcl('dmz', 'dmz["a"]', [[100, 'tcp', 80, 80, '0.0.0.0/0']], [[100, '-1', 0, 0, '10.10.0.0/16']]);
      expect(run(tf(VPC, host('web', 'dmz["a"]', '10.10.2.10', HTTP_IN, PUBLIC), acl))).toEqual([]);
    });
  });

  describe('invalid', () => {
    it('HTTP from the internet to a public host: at the ingress rule, with the path', () => {
      const main = tf(VPC, host('web', 'dmz["a"]', '10.10.2.10', HTTP_IN, PUBLIC));
      expect(run(main)).toEqual([
        expect.objectContaining({
          messageId: 'inbound',
          data: { service: 'tcp/80', origin: 'the internet', target: 'aws_instance.web' },
          resource: 'aws_security_group.web',
          file: 'main.tf',
          ...rangeOf(main, HTTP_IN.trim()),
          certainty: 'definite',
          unknowns: [],
        }),
      ]);
      expect(tracesOf(main)).toEqual([
        { nodes: ['internet', 'aws_internet_gateway.main', 'aws_instance.web'], flow: { protocol: 'tcp', source: 'the internet', destination: '10.10.2.10/32', ports: '80' } },
      ]);
    });

    it('an HTTP listener: one finding at the load balancer, none at the target behind it', () => {
      const main = tf(VPC, edge(80, 'HTTP'), APP);
      expect(run(main)).toEqual([
        expect.objectContaining({
          messageId: 'inbound',
          data: { service: 'tcp/80', origin: 'the internet', target: 'aws_lb.edge' },
          resource: 'aws_security_group.edge',
          ...rangeOf(main, portRule('ingress', 80, '["0.0.0.0/0"]').trim()),
          certainty: 'definite',
        }),
      ]);
      expect(tracesOf(main).map((t) => t.nodes)).toEqual([['internet', 'aws_internet_gateway.main', 'aws_lb.edge']]);
    });

    it('an HTTPS listener whose port is known only after apply exempts nothing: HTTP to the load balancer stays a possible finding', () => {
      const unknownPort = edge(80, 'HTTPS').replace('port              = 80', 'port              = data.aws_ssm_parameter.listener_port.value');
      const main = tf(VPC, 'data "aws_ssm_parameter" "listener_port" {\n  name = "/edge/listener-port"\n}', unknownPort, APP);
      expect(run(main)).toEqual([
        expect.objectContaining({
          messageId: 'inbound',
          data: { service: 'tcp/80', origin: 'the internet', target: 'aws_lb.edge' },
          resource: 'aws_security_group.edge',
          certainty: 'possible',
          unknowns: ['the port of aws_lb_listener.edge is not known'],
        }),
      ]);
    });

    it('HTTP out of the core zone through the NAT gateway: at the egress rule, once per destination', () => {
      const main = tf(VPC, NAT, host('controller', 'core', '10.10.10.10', HTTP_OUT));
      const found = run(main).sort((a, b) => (a.data['destination']! < b.data['destination']! ? -1 : 1));
      const at = { messageId: 'outbound', resource: 'aws_security_group.controller', ...rangeOf(main, HTTP_OUT.trim()), certainty: 'definite' };
      // 0.0.0.0/0 takes in the dispatch system's address too, met over the internet.
      expect(found).toEqual([
        expect.objectContaining({ ...at, data: { source: 'aws_instance.controller (zone core)', service: 'tcp/80', destination: 'dispatch-system (over the internet)' } }),
        expect.objectContaining({ ...at, data: { source: 'aws_instance.controller (zone core)', service: 'tcp/80', destination: 'the internet' } }),
      ]);
      expect(tracesOf(main).map((t) => t.nodes!.join(' > ')).sort()).toEqual([
        'aws_instance.controller > aws_subnet.core > aws_nat_gateway.dmz > aws_nat_gateway.dmz > aws_subnet.dmz["a"] > aws_internet_gateway.main > dispatch-system (over the internet)',
        'aws_instance.controller > aws_subnet.core > aws_nat_gateway.dmz > aws_nat_gateway.dmz > aws_subnet.dmz["a"] > aws_internet_gateway.main > internet',
      ]);
      // The internet end of a flow is named; a declared external keeps its addresses.
      expect(tracesOf(main).map((t) => t.flow!.destination).sort()).toEqual(['203.0.113.10/32', 'the internet']);
    });

    it('cleartext to a declared external met over the internet', () => {
      const out = portRule('egress', 21, '["203.0.113.10/32"]');
      const main = tf(VPC, NAT, host('controller', 'core', '10.10.10.10', out));
      expect(run(main)).toEqual([
        expect.objectContaining({ messageId: 'outbound', data: { source: 'aws_instance.controller (zone core)', service: 'tcp/21', destination: 'dispatch-system (over the internet)' }, ...rangeOf(main, out.trim()) }),
      ]);
    });

    it('every port open to the world: the witness names Telnet first', () => {
      const all = `  ingress {
    protocol    = "-1"
    from_port   = 0
    to_port     = 0
    cidr_blocks = ["0.0.0.0/0"]
  }`;
      const main = tf(VPC, host('web', 'dmz["a"]', '10.10.2.10', all, PUBLIC));
      expect(run(main)).toEqual([expect.objectContaining({ data: { service: 'tcp/23', origin: 'the internet', target: 'aws_instance.web' }, ...rangeOf(main, all.trim()) })]);
    });

    it('a public address known only after apply: a possible finding', () => {
      const main = tf(VPC, host('web', 'dmz["a"]', '10.10.2.10', HTTP_IN, '  associate_public_ip_address = var.web_public\n'), 'variable "web_public" {\n  type = bool\n}\n');
      expect(run(main)).toEqual([
        expect.objectContaining({ messageId: 'inbound', ...rangeOf(main, HTTP_IN.trim()), certainty: 'possible', unknowns: ['whether aws_instance.web has a public address is known only after apply'] }),
      ]);
    });
    it('HTTP out of a host whose public address is known only after apply: a possible finding', () => {
      const main = tf(VPC, host('web', 'dmz["a"]', '10.10.2.10', HTTP_OUT, '  associate_public_ip_address = var.web_public\n'), 'variable "web_public" {\n  type = bool\n}\n');
      const at = { messageId: 'outbound', ...rangeOf(main, HTTP_OUT.trim()), certainty: 'possible', unknowns: ['whether aws_instance.web has a public address is known only after apply'] };
      expect(run(main).sort((a, b) => (a.data['destination']! < b.data['destination']! ? -1 : 1))).toEqual([
        expect.objectContaining({ ...at, data: expect.objectContaining({ destination: 'dispatch-system (over the internet)' }) }),
        expect.objectContaining({ ...at, data: expect.objectContaining({ destination: 'the internet' }) }),
      ]);
    });
  });

  it('speaks Japanese with --lang ja', () => {
    const r = lintFiles(ID, { 'main.tf': tf(VPC, NAT, host('controller', 'core', '10.10.10.10', portRule('egress', 80, '["198.51.100.0/24"]'))) }, { config: ZONES, lang: 'ja' });
    expect(r.findings.map((f) => f.message)).toEqual([
      'aws_instance.controller（ゾーン core）からインターネットへ IPsec も TLS も用いずに tcp/80 の接続を開始できます（ポート番号から、tcp/80 は TLS 専用のサービスではないと判断）',
    ]);
  });
});
