import { describe, expect, it } from 'vitest';
import { host, loadBalancer, portRule, PUBLIC, PUBLIC_DMZ_PAIR, securityGroup, vpn, vpnRoute, zonedVpc } from '../support/dispatch-network.js';
import { lint } from '../../src/linter/lint.js';
import { gridfence } from '../support/cli.js';
import { writeTree } from '../support/files.js';
import { lintFiles, rangeOf, runRule } from '../support/rule-tester.js';

const ID = 'interconnection-authenticated';

const ZONES = `version: 1
zones:
  dmz: { role: buffer }
  core: { role: internal }
externals:
  ra-north: { role: partner, cidrs: ["192.0.2.0/24"], attestation: { confirmed: 2026-04-01, expires: 2027-03-31, evidence: docs/ra-north.pdf } }
  customer-sites: { role: der-site, cidrs: ["192.168.0.0/16"], transport: closed }
  corporate: { role: other, cidrs: ["172.16.0.0/16"] }
`;

const VPC = `${zonedVpc({ core: '10.10.10.0/24' })}${PUBLIC_DMZ_PAIR}`;

const PARTNER_IN = portRule('ingress', 443, '["192.0.2.0/24"]');
const APP = host('app', 'core', '10.10.10.10', '  ingress {\n    protocol        = "tcp"\n    from_port       = 8443\n    to_port         = 8443\n    security_groups = [aws_security_group.edge.id]\n  }');

/** An internet-facing ALB in the dmz taking HTTPS from the partner, with `mtls` inside its listener. */
function edge(mtls: string): string {
  const lb = securityGroup('edge', PARTNER_IN, portRule('egress', 8443, '["10.10.10.0/24"]')) +
    loadBalancer({ name: 'edge', internal: false, listener: { port: 443, protocol: 'HTTPS' }, target: 'app', targetPort: 8443, targetProtocol: 'HTTPS' });
  return lb.replace('  default_action {', `${mtls}  default_action {`);
}
const VERIFY = '  mutual_authentication {\n    mode            = "verify"\n    trust_store_arn = aws_lb_trust_store.partners.arn\n  }\n';
const STORE = 'resource "aws_lb_trust_store" "partners" {\n  name                             = "partners"\n  ca_certificates_bundle_s3_bucket = "pki"\n  ca_certificates_bundle_s3_key    = "partners/ca.pem"\n}\n';

const tf = (...parts: string[]) => parts.join('\n');
const run = (main: string, config = ZONES) => runRule(ID, { 'main.tf': main }, { config });

/** The customer sites over IPsec: a VPN gateway route from the core subnet. */
const SITES_VPN = `${vpn('sites', '198.51.100.40', 65010)}
resource "aws_vpn_connection_route" "sites" {
  destination_cidr_block = "192.168.0.0/16"
  vpn_connection_id      = aws_vpn_connection.sites.id
}
${vpnRoute('core')}`;
const MQTT_FROM_SITES = portRule('ingress', 8883, '["192.168.0.0/16"]');

/** CloudFormation: an internet-facing ALB in a public dmz subnet, its listener's MutualAuthentication given. */
const cfn = (mutual: string) => `Resources:
  Vpc:
    Type: AWS::EC2::VPC
    Properties: { CidrBlock: 10.10.0.0/16 }
  Igw:
    Type: AWS::EC2::InternetGateway
  IgwAttachment:
    Type: AWS::EC2::VPCGatewayAttachment
    Properties: { VpcId: !Ref Vpc, InternetGatewayId: !Ref Igw }
  DmzA:
    Type: AWS::EC2::Subnet
    Properties:
      VpcId: !Ref Vpc
      CidrBlock: 10.10.2.0/24
      Tags: [{ Key: gridfence-zone, Value: dmz }]
  DmzC:
    Type: AWS::EC2::Subnet
    Properties:
      VpcId: !Ref Vpc
      CidrBlock: 10.10.3.0/24
      Tags: [{ Key: gridfence-zone, Value: dmz }]
  Routes:
    Type: AWS::EC2::RouteTable
    Properties: { VpcId: !Ref Vpc }
  DefaultRoute:
    Type: AWS::EC2::Route
    Properties: { RouteTableId: !Ref Routes, DestinationCidrBlock: 0.0.0.0/0, GatewayId: !Ref Igw }
  AssocA:
    Type: AWS::EC2::SubnetRouteTableAssociation
    Properties: { SubnetId: !Ref DmzA, RouteTableId: !Ref Routes }
  AssocC:
    Type: AWS::EC2::SubnetRouteTableAssociation
    Properties: { SubnetId: !Ref DmzC, RouteTableId: !Ref Routes }
  EdgeSg:
    Type: AWS::EC2::SecurityGroup
    Properties:
      GroupDescription: partner door
      VpcId: !Ref Vpc
      SecurityGroupIngress:
        - { IpProtocol: tcp, FromPort: 443, ToPort: 443, CidrIp: 192.0.2.0/24 }
  Edge:
    Type: AWS::ElasticLoadBalancingV2::LoadBalancer
    Properties:
      Scheme: internet-facing
      Type: application
      Subnets: [!Ref DmzA, !Ref DmzC]
      SecurityGroups: [!GetAtt EdgeSg.GroupId]
  PartnerHttps:
    Type: AWS::ElasticLoadBalancingV2::Listener
    Properties:
      LoadBalancerArn: !Ref Edge
      Port: 443
      Protocol: HTTPS
      SslPolicy: ELBSecurityPolicy-TLS13-1-2-2021-06
      Certificates: [{ CertificateArn: arn:aws:acm:ap-northeast-1:111122223333:certificate/example }]
${mutual}      DefaultActions: [{ Type: fixed-response, FixedResponseConfig: { StatusCode: "404" } }]
`;

describe(ID, () => {
  describe('valid', () => {
    it('Terraform: the partner door verifies client certificates against a trust store', () => {
      expect(run(tf(VPC, STORE, edge(VERIFY), APP))).toEqual([]);
    });

    it('the customer sites reach the core over IPsec: the tunnel authenticates the peer', () => {
      expect(run(tf(VPC, SITES_VPN, host('broker', 'core', '10.10.10.20', MQTT_FROM_SITES)))).toEqual([]);
    });

    it('a host declared to verify client certificates itself', () => {
      const main = tf(VPC, host('broker', 'dmz["a"]', '10.10.2.20', portRule('ingress', 8883, '["192.0.2.0/24"]'), PUBLIC));
      const config = `${ZONES}rules:\n  ${ID}:\n    options: { authenticated: ["aws_instance.broker"] }\n`;
      expect(run(main, config)).toEqual([]);
    });

    it('a network of role "other" is not an interconnection partner of this clause', () => {
      const main = tf(VPC, host('web', 'dmz["a"]', '10.10.2.10', portRule('ingress', 443, '["172.16.0.0/16"]'), PUBLIC));
      expect(run(main)).toEqual([]);
    });

    it('an API Gateway custom domain with mutual TLS, its API without the default endpoint', () => {
      const main = `resource "aws_apigatewayv2_api" "vtn" {
  name                         = "vtn"
  protocol_type                = "HTTP"
  disable_execute_api_endpoint = true
  tags                         = { gridfence-zone = "dmz" }
}
resource "aws_apigatewayv2_domain_name" "vtn" {
  domain_name = "vtn.example.jp"
  domain_name_configuration {
    certificate_arn = "arn:aws:acm:ap-northeast-1:111122223333:certificate/example"
    endpoint_type   = "REGIONAL"
    security_policy = "TLS_1_2"
  }
  mutual_tls_authentication {
    truststore_uri = "s3://pki/partners/ca.pem"
  }
}
resource "aws_apigatewayv2_api_mapping" "vtn" {
  api_id      = aws_apigatewayv2_api.vtn.id
  domain_name = aws_apigatewayv2_domain_name.vtn.id
  stage       = "$default"
}
`;
      expect(run(main)).toEqual([]);
    });

    it('CloudFormation: MutualAuthentication in verify mode with a trust store', () => {
      const t = cfn('      MutualAuthentication: { Mode: verify, TrustStoreArn: arn:aws:elasticloadbalancing:ap-northeast-1:111122223333:truststore/partners/0123456789abcdef }\n');
      expect(runRule(ID, { 'template.yaml': t }, { config: ZONES })).toEqual([]);
    });
  });

  describe('invalid', () => {
    it('Terraform: no mutual_authentication block on the partner door, at the listener, with the path', () => {
      const main = tf(VPC, edge(''), APP);
      expect(run(main)).toEqual([
        expect.objectContaining({
          messageId: 'listener',
          data: { listener: 'aws_lb_listener.edge', service: 'tcp/443', origin: 'ra-north', role: 'partner', why: 'no mutual_authentication block: the mode is "off"' },
          resource: 'aws_lb_listener.edge',
          line: rangeOf(main, 'resource "aws_lb_listener" "edge"').line,
          column: 1,
          certainty: 'definite',
        }),
      ]);
      const r = lintFiles(ID, { 'main.tf': main }, { config: ZONES });
      expect(r.findings[0]!.trace!.map((t) => t.node)).toEqual(['ra-north (over the internet)', 'aws_internet_gateway.main', 'aws_lb.edge']);
      expect(r.findings[0]!.flow).toEqual({ protocol: 'tcp', source: 'ra-north', destination: 'aws_lb.edge', ports: '443' });
    });

    it('mode = "passthrough": at the mode', () => {
      const main = tf(VPC, edge('  mutual_authentication {\n    mode = "passthrough"\n  }\n'), APP);
      expect(run(main)).toEqual([
        expect.objectContaining({ messageId: 'listener', data: expect.objectContaining({ why: 'mode = "passthrough"; only "verify" checks certificates at the listener' }), ...rangeOf(main, 'mode = "passthrough"') }),
      ]);
    });

    it('expired client certificates accepted', () => {
      const main = tf(VPC, STORE, edge(VERIFY.replace('  }\n', '    ignore_client_certificate_expiry = true\n  }\n')), APP);
      expect(run(main)).toEqual([expect.objectContaining({ messageId: 'listener', ...rangeOf(main, 'ignore_client_certificate_expiry = true') })]);
    });

    it('a host the partner reaches directly: at the rule that lets it in', () => {
      const rule = portRule('ingress', 8883, '["192.0.2.0/24"]');
      const main = tf(VPC, host('broker', 'dmz["a"]', '10.10.2.20', rule, PUBLIC));
      expect(run(main)).toEqual([
        expect.objectContaining({
          messageId: 'direct',
          data: { service: 'tcp/8883', origin: 'ra-north', role: 'partner', target: 'aws_instance.broker' },
          resource: 'aws_security_group.broker',
          ...rangeOf(main, rule.trim()),
          certainty: 'definite',
        }),
      ]);
    });

    it('IPsec to one side does not hide a way in over the internet beside it', () => {
      const main = tf(VPC, SITES_VPN, host('broker', 'dmz["a"]', '10.10.2.20', portRule('ingress', 8883, '["192.168.0.0/16"]'), PUBLIC));
      // Sites that may also come over the internet (no closed transport declared).
      expect(run(main, ZONES.replace(', transport: closed', ''))).toEqual([expect.objectContaining({ messageId: 'direct', data: expect.objectContaining({ origin: 'customer-sites', role: 'DER site' }) })]);
    });

    it('a GCM-only policy on the partner door: OpenADR 2.0b peers cannot connect, at the ssl_policy', () => {
      const main = tf(VPC, STORE, edge(VERIFY).replace('ELBSecurityPolicy-TLS13-1-2-2021-06', 'ELBSecurityPolicy-TLS13-1-2-Res-2021-06'), APP);
      expect(run(main)).toEqual([
        expect.objectContaining({ messageId: 'openadrSuites', data: expect.objectContaining({ policy: 'ELBSecurityPolicy-TLS13-1-2-Res-2021-06', origin: 'ra-north' }), ...rangeOf(main, 'ssl_policy        = "ELBSecurityPolicy-TLS13-1-2-Res-2021-06"') }),
      ]);
      // Peers that do not speak OpenADR (options.openadr) are not held to its suites.
      expect(run(main, `${ZONES}rules:\n  ${ID}:\n    options: { openadr: [] }\n`)).toEqual([]);
    });

    it('an openadr entry that names no peer is a configuration error at the option, with the nearest name', () => {
      const main = tf(VPC, STORE, edge(VERIFY), APP);
      const config = `${ZONES}rules:\n  ${ID}:\n    options: { openadr: [ra-nroth, der-site] }\n`;
      const dir = writeTree({ 'main.tf': main, 'gridfence.yaml': config }, 'gridfence-openadr-');
      const r = lint({ paths: [dir], cwd: dir, vars: [], varFiles: [], lang: 'en', only: [ID], today: '2026-11-29' });
      expect(r.errors).toEqual([
        expect.objectContaining({
          severity: 'error',
          code: 'config',
          message: 'rules.interconnection-authenticated.options: openadr entry "ra-nroth" names no external of role partner, der-site or dispatch-system, so it would hold no listener to the OpenADR 2.0b suites; did you mean "ra-north"?',
          location: expect.objectContaining({ file: 'gridfence.yaml', line: config.split('\n').findIndex((l) => l.includes('options:')) + 1 }),
        }),
      ]);
      expect(lintFiles(ID, { 'main.tf': main }, { config: `${ZONES}rules:\n  ${ID}:\n    options: { openadr: [ra-north, partner] }\n` }).errors).toEqual([]);
      // An external of another role is named rightly: no other party is suggested. A word near nothing gets no suggestion.
      const messages = (openadr: string) => {
        const d = writeTree({ 'main.tf': main, 'gridfence.yaml': `${ZONES}rules:\n  ${ID}:\n    options: { openadr: [${openadr}] }\n` }, 'gridfence-openadr-');
        return lint({ paths: [d], cwd: d, vars: [], varFiles: [], lang: 'en', only: [ID], today: '2026-11-29' }).errors.map((e) => `${e.severity}: ${e.message}`);
      };
      expect(messages('corporate, parnter, zzz')).toEqual([
        'error: rules.interconnection-authenticated.options: openadr entry "corporate" is an external of role other; only externals of role partner, der-site or dispatch-system are held to the OpenADR 2.0b suites',
        'error: rules.interconnection-authenticated.options: openadr entry "parnter" names no external of role partner, der-site or dispatch-system, so it would hold no listener to the OpenADR 2.0b suites; did you mean "partner"?',
        'error: rules.interconnection-authenticated.options: openadr entry "zzz" names no external of role partner, der-site or dispatch-system, so it would hold no listener to the OpenADR 2.0b suites',
      ]);
      // The command stops with exit 2, as for any configuration error.
      const cli = gridfence(['lint', dir, '--format', 'json']);
      expect(cli.code).toBe(2);
    });

    it('a policy known only after apply on the partner door: possibly without the OpenADR 2.0b suites, never a pass', () => {
      const main = `variable "tls_policy" {\n  type = string\n}\n${tf(VPC, STORE, edge(VERIFY).replace('"ELBSecurityPolicy-TLS13-1-2-2021-06"', 'var.tls_policy'), APP)}`;
      expect(run(main)).toEqual([
        expect.objectContaining({ messageId: 'openadrSuitesUnknown', data: { listener: 'aws_lb_listener.edge', service: 'tcp/443', origin: 'ra-north', role: 'partner' }, certainty: 'possible', unknowns: [expect.stringContaining('var.tls_policy')], ...rangeOf(main, 'ssl_policy        = var.tls_policy') }),
      ]);
      expect(run(main, `${ZONES}rules:\n  ${ID}:\n    options: { openadr: [] }\n`)).toEqual([]);
    });

    it('in Japanese', () => {
      const main = tf(VPC, edge(''), APP);
      expect(runRule(ID, { 'main.tf': main }, { config: ZONES, lang: 'ja' })[0]!.data['role']).toBe('相互接続相手');
    });

    it('an API Gateway domain without mutual TLS, and an API that keeps its default endpoint', () => {
      const api = 'resource "aws_apigatewayv2_api" "vtn" {\n  name          = "vtn"\n  protocol_type = "HTTP"\n  tags          = { gridfence-zone = "dmz" }\n}\n';
      const domain = (mtls: string) => `resource "aws_apigatewayv2_domain_name" "vtn" {\n  domain_name = "vtn.example.jp"\n${mtls}}\nresource "aws_apigatewayv2_api_mapping" "vtn" {\n  api_id      = aws_apigatewayv2_api.vtn.id\n  domain_name = aws_apigatewayv2_domain_name.vtn.id\n  stage       = "$default"\n}\n`;
      const noMtls = api + domain('');
      expect(run(noMtls)).toEqual([expect.objectContaining({ messageId: 'apiDomain', resource: 'aws_apigatewayv2_domain_name.vtn', line: rangeOf(noMtls, 'resource "aws_apigatewayv2_domain_name" "vtn"').line, column: 1 })]);
      const bypass = api + domain('  mutual_tls_authentication {\n    truststore_uri = "s3://pki/ca.pem"\n  }\n');
      expect(run(bypass)).toEqual([expect.objectContaining({ messageId: 'apiDefaultEndpoint', resource: 'aws_apigatewayv2_api.vtn', line: 1, column: 1 })]);
    });

    it('an IoT custom authorizer with signing disabled', () => {
      const main = 'resource "aws_iot_authorizer" "devices" {\n  name                    = "devices"\n  authorizer_function_arn = "arn:aws:lambda:ap-northeast-1:111122223333:function:auth"\n  signing_disabled        = true\n}\n';
      expect(run(main)).toEqual([expect.objectContaining({ messageId: 'iotSigning', ...rangeOf(main, 'signing_disabled        = true') })]);
    });

    it('CloudFormation: MutualAuthentication Mode off, at the mode in the template', () => {
      const t = cfn('      MutualAuthentication: { Mode: "off" }\n');
      expect(runRule(ID, { 'template.yaml': t }, { config: ZONES })).toEqual([
        expect.objectContaining({ messageId: 'listener', resource: 'PartnerHttps', file: 'template.yaml', data: expect.objectContaining({ origin: 'ra-north' }), line: t.split('\n').findIndex((l) => l.includes('Mode: "off"')) + 1 }),
      ]);
    });

    it('CloudFormation: no MutualAuthentication at all, at the listener', () => {
      const t = cfn('');
      expect(runRule(ID, { 'template.yaml': t }, { config: ZONES })).toEqual([
        expect.objectContaining({ messageId: 'listener', resource: 'PartnerHttps', line: t.split('\n').findIndex((l) => l.includes('PartnerHttps:')) + 1 }),
      ]);
    });
  });
});
