import { describe, expect, it } from 'vitest';
import { host, internetRouteTable, networkAcl, portRule, PUBLIC, vpn, vpnRoute, zonedVpc } from '../support/dispatch-network.js';
import { lintFiles, rangeOf, runRule } from '../support/rule-tester.js';

const ID = 'field-protocols-contained';

const ZONES = `version: 1
zones:
  dmz: { role: buffer }
  core: { role: internal }
  der: { role: der-ingress }
externals:
  customer-sites: { role: der-site, cidrs: ["192.168.0.0/16"], transport: closed }
`;

/** A VPC with a public dmz subnet, a core and a der subnet, and a VPN to the customer sites. */
const VPC = `${zonedVpc({ dmz: '10.10.2.0/24', core: '10.10.10.0/24', der: '10.10.30.0/24' })}${internetRouteTable('dmz')}
resource "aws_route_table_association" "dmz" {
  subnet_id      = aws_subnet.dmz.id
  route_table_id = aws_route_table.dmz.id
}
${vpn('sites', '198.51.100.40', 65010)}`;

const tf = (...parts: string[]) => parts.join('\n');
const run = (main: string) => runRule(ID, { 'main.tf': main }, { config: ZONES });
const tracesOf = (main: string) => lintFiles(ID, { 'main.tf': main }, { config: ZONES }).findings.map((f) => ({ nodes: f.trace?.map((t) => t.node), flow: f.flow }));

const MODBUS_TO_SITES = portRule('egress', 502, '["192.168.0.0/16"]');

describe(ID, () => {
  describe('valid', () => {
    it('Modbus/TCP between two hosts of one zone', () => {
      const main = tf(VPC, host('controller', 'core', '10.10.10.10', portRule('egress', 502, '["10.10.10.0/24"]')), host('meter', 'core', '10.10.10.20', portRule('ingress', 502, '["10.10.10.0/24"]')));
      expect(run(main)).toEqual([]);
    });

    it('the customer sites reached over MQTT with TLS (8883) only', () => {
      expect(run(tf(VPC, vpnRoute('core'), host('controller', 'core', '10.10.10.10', portRule('egress', 8883, '["192.168.0.0/16"]'))))).toEqual([]);
    });

    it('a Modbus egress rule to the sites, but no route leads there', () => {
      expect(run(tf(VPC, host('controller', 'core', '10.10.10.10', MODBUS_TO_SITES)))).toEqual([]);
    });

    it('BACnet over UDP admitted by the der host, whose network ACL drops it on the way in', () => {
      const acl = networkAcl('der', 'der', [[100, 'tcp', 502, 502, '10.10.10.0/24']], [[100, 'udp', 1024, 65535, '10.10.10.0/24']]);
      const hosts = [host('controller', 'core', '10.10.10.10', portRule('egress', 47808, '["10.10.0.0/16"]', 'udp')), host('gateway', 'der', '10.10.30.10', portRule('ingress', 47808, '["10.10.10.0/24"]', 'udp'))];
      expect(run(tf(VPC, ...hosts, acl))).toEqual([]);
    });

    it('between zones, datagrams are judged as connections: BACnet from the core zone whose reply the ACL drops is not reported', () => {
      const acl = networkAcl('der', 'der', [[100, 'udp', 47808, 47808, '10.10.10.0/24']], [[100, 'udp', 1024, 65535, '192.168.0.0/16']]);
      const hosts = [host('controller', 'core', '10.10.10.10', portRule('egress', 47808, '["10.10.0.0/16"]', 'udp')), host('gateway', 'der', '10.10.30.10', portRule('ingress', 47808, '["10.10.10.0/24"]', 'udp'))];
      expect(run(tf(VPC, ...hosts, acl))).toEqual([]);
    });

    it('Modbus from the core zone admitted by the der host, but the network ACL drops the reply', () => {
      const acl = (replyCidr: string) => networkAcl('der', 'der', [[100, 'tcp', 502, 502, '10.10.10.0/24']], [[100, 'tcp', 1024, 65535, replyCidr]]);
      const admit = portRule('ingress', 502, '["10.10.10.0/24"]');
      const hosts = [host('controller', 'core', '10.10.10.10', portRule('egress', 502, '["10.10.0.0/16"]')), host('gateway', 'der', '10.10.30.10', admit)];
      expect(run(tf(VPC, ...hosts, acl('192.168.0.0/16')))).toEqual([]);
      // Replies allowed back to the core subnet: the flow crosses, and the finding is at the security
      // group rule, not at the ACL entry on the same hop.
      const open = tf(VPC, ...hosts, acl('10.10.10.0/24'));
      expect(run(open)).toEqual([
        expect.objectContaining({
          messageId: 'crosses',
          data: { protocol: 'Modbus/TCP', service: 'tcp/502', origin: 'aws_instance.controller (zone core)', target: 'aws_instance.gateway (zone der)' },
          resource: 'aws_security_group.gateway',
          ...rangeOf(open, admit.trim()),
          certainty: 'definite',
        }),
      ]);
    });
  });

  describe('invalid', () => {
    it('BACnet datagrams from the customer sites reach the der host, whose subnet has no route back to the VPN: one way', () => {
      const admit = portRule('ingress', 47808, '["192.168.0.0/16"]', 'udp');
      const main = tf(VPC, host('gateway', 'der', '10.10.30.10', admit));
      expect(run(main)).toEqual([
        expect.objectContaining({
          messageId: 'crossesOneWay',
          data: { protocol: 'BACnet', service: 'udp/47808', origin: 'external network customer-sites', target: 'aws_instance.gateway (zone der)' },
          resource: 'aws_security_group.gateway',
          ...rangeOf(main, admit.trim()),
          certainty: 'definite',
        }),
      ]);
      // With the route back, the same flow is a connection, reported once as such.
      expect(run(tf(VPC, vpnRoute('der'), host('gateway', 'der', '10.10.30.10', admit))).map((f) => f.messageId)).toEqual(['crosses']);
    });

    it('a connection that only an unknown route back makes possible does not hide the datagrams that certainly arrive', () => {
      const admit = portRule('ingress', 47808, '["192.168.0.0/16"]', 'udp');
      const main = tf(VPC, 'variable "back" {}', vpnRoute('der', '${var.back}'), host('gateway', 'der', '10.10.30.10', admit));
      expect(run(main)).toEqual([
        expect.objectContaining({ messageId: 'crossesOneWay', resource: 'aws_security_group.gateway', ...rangeOf(main, admit.trim()), certainty: 'definite', unknowns: [] }),
      ]);
    });

    it('Modbus/TCP from a core host to the customer sites over the VPN: at the egress rule', () => {
      const main = tf(VPC, vpnRoute('core'), host('controller', 'core', '10.10.10.10', MODBUS_TO_SITES));
      expect(run(main)).toEqual([
        expect.objectContaining({
          messageId: 'crosses',
          data: { protocol: 'Modbus/TCP', service: 'tcp/502', origin: 'aws_instance.controller (zone core)', target: 'customer-sites' },
          resource: 'aws_security_group.controller',
          file: 'main.tf',
          ...rangeOf(main, MODBUS_TO_SITES.trim()),
          certainty: 'definite',
          unknowns: [],
        }),
      ]);
      expect(tracesOf(main)).toEqual([
        {
          nodes: ['aws_instance.controller', 'aws_subnet.core', 'aws_vpn_gateway.main', 'customer-sites'],
          flow: { protocol: 'tcp', source: '10.10.10.10/32', destination: '192.168.0.0/16', ports: '502' },
        },
      ]);
    });

    it('Modbus/TCP from the core zone to a host of the der zone: at the ingress rule that admits it', () => {
      const admit = portRule('ingress', 502, '["10.10.10.0/24"]');
      const main = tf(VPC, host('controller', 'core', '10.10.10.10', portRule('egress', 502, '["10.10.0.0/16"]')), host('gateway', 'der', '10.10.30.10', admit));
      expect(run(main)).toEqual([
        expect.objectContaining({
          data: { protocol: 'Modbus/TCP', service: 'tcp/502', origin: 'aws_instance.controller (zone core)', target: 'aws_instance.gateway (zone der)' },
          resource: 'aws_security_group.gateway',
          ...rangeOf(main, admit.trim()),
        }),
      ]);
      expect(tracesOf(main).map((t) => t.nodes)).toEqual([['aws_instance.controller', 'aws_subnet.core', 'aws_subnet.der', 'aws_instance.gateway']]);
    });

    it('ECHONET Lite from the customer sites into the der zone over the VPN', () => {
      const admit = portRule('ingress', 3610, '["192.168.0.0/16"]', 'udp');
      const main = tf(VPC, vpnRoute('der'), host('gateway', 'der', '10.10.30.10', admit));
      expect(run(main)).toEqual([
        expect.objectContaining({
          data: { protocol: 'ECHONET Lite', service: 'udp/3610', origin: 'external network customer-sites', target: 'aws_instance.gateway (zone der)' },
          resource: 'aws_security_group.gateway',
          ...rangeOf(main, admit.trim()),
          certainty: 'definite',
        }),
      ]);
      expect(tracesOf(main).map((t) => t.nodes)).toEqual([['customer-sites', 'aws_vpn_gateway.main (inbound)', 'aws_subnet.der', 'aws_instance.gateway']]);
    });

    it('plain MQTT from the internet to a public broker', () => {
      const admit = portRule('ingress', 1883, '["0.0.0.0/0"]');
      const main = tf(VPC, host('broker', 'dmz', '10.10.2.10', admit, PUBLIC));
      expect(run(main)).toEqual([
        expect.objectContaining({ data: { protocol: 'MQTT', service: 'tcp/1883', origin: 'the internet', target: 'aws_instance.broker (zone dmz)' }, ...rangeOf(main, admit.trim()) }),
      ]);
      expect(tracesOf(main).map((t) => t.nodes)).toEqual([['internet', 'aws_internet_gateway.main', 'aws_instance.broker']]);
      // Without a public address the broker is not on the internet.
      expect(run(main.replace('associate_public_ip_address = true', 'associate_public_ip_address = false'))).toEqual([]);
    });

    it('BACnet from a public host out to the internet', () => {
      const out = portRule('egress', 47808, '["0.0.0.0/0"]', 'udp');
      const main = tf(VPC, host('broker', 'dmz', '10.10.2.10', out, PUBLIC));
      expect(run(main)).toEqual([
        expect.objectContaining({
          data: { protocol: 'BACnet', service: 'udp/47808', origin: 'aws_instance.broker (zone dmz)', target: 'the internet' },
          resource: 'aws_security_group.broker',
          ...rangeOf(main, out.trim()),
          certainty: 'definite',
        }),
      ]);
      // The internet end of the flow is named, not spelt out as the public address space.
      expect(tracesOf(main)).toEqual([
        {
          nodes: ['aws_instance.broker', 'aws_subnet.dmz', 'aws_internet_gateway.main', 'internet'],
          flow: { protocol: 'udp', source: '10.10.2.10/32', destination: 'the internet', ports: '47808' },
        },
      ]);
    });

    it('every port open: the witness names a field protocol', () => {
      const all = `  egress {
    protocol    = "-1"
    from_port   = 0
    to_port     = 0
    cidr_blocks = ["192.168.0.0/16"]
  }`;
      const main = tf(VPC, vpnRoute('core'), host('controller', 'core', '10.10.10.10', all));
      expect(run(main)).toEqual([expect.objectContaining({ data: expect.objectContaining({ protocol: 'Modbus/TCP', service: 'tcp/502', target: 'customer-sites' }), ...rangeOf(main, all.trim()) })]);
    });

    it('a sender whose private address is assigned at launch, admitted from only part of its subnet: a possible finding', () => {
      const admit = (cidr: string) => portRule('ingress', 502, `["${cidr}"]`);
      const system = (cidr: string) => tf(VPC, host('controller', 'core', undefined, portRule('egress', 502, '["10.10.0.0/16"]')), host('gateway', 'der', '10.10.30.10', admit(cidr)));
      const half = system('10.10.10.0/25');
      expect(run(half)).toEqual([
        expect.objectContaining({
          data: { protocol: 'Modbus/TCP', service: 'tcp/502', origin: 'aws_instance.controller (zone core)', target: 'aws_instance.gateway (zone der)' },
          resource: 'aws_security_group.gateway',
          ...rangeOf(half, admit('10.10.10.0/25').trim()),
          certainty: 'possible',
          unknowns: ['the private address of aws_instance.controller is assigned at launch; any address of aws_subnet.core stands for it'],
        }),
      ]);
      // Admitted from the whole subnet, the flow exists whatever address the controller gets.
      expect(run(system('10.10.10.0/24'))).toEqual([expect.objectContaining({ resource: 'aws_security_group.gateway', certainty: 'definite', unknowns: [] })]);
    });

    it('a source known only after apply: a possible finding', () => {
      const admit = portRule('ingress', 20000, 'var.scada_cidrs');
      const main = tf(VPC, vpnRoute('der'), host('gateway', 'der', '10.10.30.10', admit), 'variable "scada_cidrs" {\n  type = list(string)\n}\n');
      expect(run(main)).toEqual([
        expect.objectContaining({
          data: expect.objectContaining({ protocol: 'DNP3', service: 'tcp/20000', origin: 'external network customer-sites' }),
          ...rangeOf(main, admit.trim()),
          certainty: 'possible',
          unknowns: [expect.stringMatching(/^var\.scada_cidrs has no value/)],
        }),
      ]);
    });
  });

  it('speaks Japanese with --lang ja', () => {
    const r = lintFiles(ID, { 'main.tf': tf(VPC, vpnRoute('core'), host('controller', 'core', '10.10.10.10', MODBUS_TO_SITES)) }, { config: ZONES, lang: 'ja' });
    expect(r.findings.map((f) => f.message)).toEqual(['aws_instance.controller（ゾーン core）からの Modbus/TCP（tcp/502）がゾーン境界を越えて customer-sites に到達します']);
  });
});
