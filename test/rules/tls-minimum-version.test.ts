import { describe, expect, it } from 'vitest';
import { lintFiles, rangeOf, runRule } from '../support/rule-tester.js';

const ID = 'tls-minimum-version';
const listener = (extra: string, protocol = 'HTTPS') => `resource "aws_lb_listener" "partner" {
  load_balancer_arn = "arn:aws:elasticloadbalancing:ap-northeast-1:111122223333:loadbalancer/app/partner/1"
  port              = 443
  protocol          = "${protocol}"
  certificate_arn   = "arn:aws:acm:ap-northeast-1:111122223333:certificate/x"
${extra}  default_action {
    type = "fixed-response"
    fixed_response {
      content_type = "text/plain"
      status_code  = "404"
    }
  }
}
`;

/** A plan of an HTTPS listener whose configuration writes no ssl_policy: the plan has it in after_unknown. */
const PLAN = JSON.stringify({
  format_version: '1.2',
  terraform_version: '1.9.5',
  planned_values: {
    root_module: {
      resources: [
        {
          address: 'aws_lb_listener.https',
          mode: 'managed',
          type: 'aws_lb_listener',
          name: 'https',
          provider_name: 'registry.terraform.io/hashicorp/aws',
          schema_version: 0,
          values: { load_balancer_arn: 'arn:aws:elasticloadbalancing:ap-northeast-1:111122223333:loadbalancer/app/x/1', port: 443, protocol: 'HTTPS', certificate_arn: 'arn:aws:acm:ap-northeast-1:111122223333:certificate/x' },
          sensitive_values: {},
        },
      ],
    },
  },
  resource_changes: [{ address: 'aws_lb_listener.https', mode: 'managed', type: 'aws_lb_listener', name: 'https', change: { actions: ['create'], after_unknown: { arn: true, id: true, ssl_policy: true } } }],
  configuration: {
    root_module: {
      resources: [
        {
          address: 'aws_lb_listener.https',
          mode: 'managed',
          type: 'aws_lb_listener',
          name: 'https',
          expressions: { port: { constant_value: 443 }, protocol: { constant_value: 'HTTPS' }, certificate_arn: { constant_value: 'arn:aws:acm:ap-northeast-1:111122223333:certificate/x' } },
        },
      ],
    },
  },
}, null, 2);

/** An HTTP API domain whose configuration blocks come from a variable without value (a dynamic block). */
const DYNAMIC_DOMAIN =
  'variable "configs" {\n  type = list(string)\n}\nresource "aws_apigatewayv2_domain_name" "http" {\n  domain_name = "http.example.jp"\n  dynamic "domain_name_configuration" {\n    for_each = var.configs\n    content {\n      certificate_arn = domain_name_configuration.value\n      endpoint_type   = "REGIONAL"\n      security_policy = "TLS_1_0"\n    }\n  }\n}\n';
const classic = (name: string, protocol: string) => `resource "aws_elb" "${name}" {\n  name               = "${name}"\n  availability_zones = ["ap-northeast-1a"]\n  listener {\n    lb_port            = 443\n    lb_protocol        = "${protocol}"\n    instance_port      = 80\n    instance_protocol  = "http"\n    ssl_certificate_id = "arn:aws:acm:ap-northeast-1:111122223333:certificate/x"\n  }\n}\n`;
const classicPolicy = (elb: string, reference: string) => `resource "aws_load_balancer_policy" "p" {\n  load_balancer_name = aws_elb.${elb}.name\n  policy_name        = "tls"\n  policy_type_name   = "SSLNegotiationPolicyType"\n  policy_attribute {\n    name  = "Reference-Security-Policy"\n    value = "${reference}"\n  }\n}\nresource "aws_load_balancer_listener_policy" "l" {\n  load_balancer_name = aws_elb.${elb}.name\n  load_balancer_port = 443\n  policy_names       = [aws_load_balancer_policy.p.policy_name]\n}\n`;

describe(ID, () => {
  describe('valid', () => {
    it.each(['ELBSecurityPolicy-TLS13-1-2-2021-06', 'ELBSecurityPolicy-TLS13-1-2-Res-PQ-2025-09', 'ELBSecurityPolicy-TLS-1-2-2017-01', 'ELBSecurityPolicy-TLS13-1-3-FIPS-PQ-2025-09'])('%s', (p) => {
      expect(runRule(ID, { 'main.tf': listener(`  ssl_policy        = "${p}"\n`) })).toEqual([]);
    });
    it('API Gateway domains: TLS_1_2 and the enhanced policies the guide gives a TLS 1.2 or 1.3 minimum', () => {
      const domain = (n: number, p: string) => `resource "aws_api_gateway_domain_name" "d${n}" {\n  domain_name     = "api${n}.example.jp"\n  security_policy = "${p}"\n}\n`;
      const main = ['TLS_1_2', 'SecurityPolicy_TLS13_1_3_2025_09', 'SecurityPolicy_TLS13_1_3_FIPS_2025_09', 'SecurityPolicy_TLS13_1_2_FIPS_PFS_PQ_2025_09'].map((p, i) => domain(i, p)).join('');
      expect(runRule(ID, { 'main.tf': main })).toEqual([]);
    });
    it('Classic Load Balancer: a TLS 1.2 policy on the HTTPS listener, and an HTTP listener', () => {
      expect(runRule(ID, { 'main.tf': classic('api', 'https') + classicPolicy('api', 'ELBSecurityPolicy-TLS-1-2-2017-01') + classic('web', 'http') })).toEqual([]);
    });
    it('CloudFront TLSv1.2_2025 keeps TLS 1.2 as its minimum', () => {
      const main = 'resource "aws_cloudfront_distribution" "cdn" {\n  enabled = true\n  viewer_certificate {\n    acm_certificate_arn      = "arn:aws:acm:us-east-1:111122223333:certificate/x"\n    minimum_protocol_version = "TLSv1.2_2025"\n  }\n}\n';
      expect(runRule(ID, { 'main.tf': main })).toEqual([]);
    });
    it('a REST API whose default endpoint is disabled, or private (TLS_1_2)', () => {
      const main = 'resource "aws_api_gateway_rest_api" "a" {\n  name                         = "a"\n  disable_execute_api_endpoint = true\n}\nresource "aws_api_gateway_rest_api" "p" {\n  name = "p"\n  endpoint_configuration {\n    types = ["PRIVATE"]\n  }\n}\n';
      expect(runRule(ID, { 'main.tf': main })).toEqual([]);
    });
    it('CloudFormation: a private REST API (EndpointConfiguration.Types) keeps no TLS 1.0 default endpoint; a regional one does', () => {
      const t = 'Resources:\n  Priv:\n    Type: AWS::ApiGateway::RestApi\n    Properties:\n      Name: priv\n      EndpointConfiguration: { Types: [PRIVATE] }\n  Reg:\n    Type: AWS::ApiGateway::RestApi\n    Properties:\n      Name: reg\n      EndpointConfiguration: { Types: [REGIONAL] }\n';
      expect(runRule(ID, { 'template.yaml': t })).toEqual([expect.objectContaining({ messageId: 'defaultEndpoint', resource: 'Reg', data: { resource: 'Reg', endpoint: 'REGIONAL' }, certainty: 'definite', line: 7, column: 3 })]);
    });
    it('a plain HTTP listener is not a TLS endpoint', () => {
      expect(runRule(ID, { 'main.tf': listener('', 'HTTP') })).toEqual([]);
    });
  });
  describe('invalid', () => {
    it('from a plan, an ssl_policy the configuration leaves to AWS (known after apply) is the default, definitely', () => {
      const found = runRule(ID, { 'plan.json': PLAN });
      expect(found).toEqual([expect.objectContaining({ messageId: 'defaultPolicy', resource: 'aws_lb_listener.https', certainty: 'definite', data: expect.objectContaining({ policy: 'ELBSecurityPolicy-2016-08' }) })]);
    });
    it('CloudFormation: a distribution on the default certificate, or without a viewer certificate (the same), at its certificate or its DistributionConfig', () => {
      const t = 'Resources:\n  Portal:\n    Type: AWS::CloudFront::Distribution\n    Properties:\n      DistributionConfig:\n        Enabled: true\n        ViewerCertificate:\n          CloudFrontDefaultCertificate: true\n  Bare:\n    Type: AWS::CloudFront::Distribution\n    Properties:\n      DistributionConfig:\n        Enabled: true\n  Own:\n    Type: AWS::CloudFront::Distribution\n    Properties:\n      DistributionConfig:\n        Enabled: true\n        ViewerCertificate: { AcmCertificateArn: arn:aws:acm:us-east-1:111122223333:certificate/x, SslSupportMethod: sni-only, MinimumProtocolVersion: TLSv1.2_2021 }\n';
      expect(runRule(ID, { 'template.yaml': t })).toEqual([
        expect.objectContaining({ messageId: 'weakPolicy', resource: 'Portal', certainty: 'definite', data: { resource: 'Portal', policy: 'TLSv1', minimum: '1.0' }, line: 7 }),
        expect.objectContaining({ messageId: 'weakPolicy', resource: 'Bare', certainty: 'definite', data: { resource: 'Bare', policy: 'TLSv1', minimum: '1.0' }, line: 12 }),
      ]);
    });
    it('a REST API keeping its default execute-api endpoint, edge-optimized (the default) or regional: TLS_1_0', () => {
      const main = 'resource "aws_api_gateway_rest_api" "edge" {\n  name = "edge"\n}\nresource "aws_api_gateway_rest_api" "reg" {\n  name = "reg"\n  endpoint_configuration {\n    types = ["REGIONAL"]\n  }\n}\n';
      expect(runRule(ID, { 'main.tf': main })).toEqual([
        expect.objectContaining({ messageId: 'defaultEndpoint', resource: 'aws_api_gateway_rest_api.edge', data: { resource: 'aws_api_gateway_rest_api.edge', endpoint: 'EDGE' }, certainty: 'definite', line: 1, column: 1 }),
        expect.objectContaining({ messageId: 'defaultEndpoint', resource: 'aws_api_gateway_rest_api.reg', data: { resource: 'aws_api_gateway_rest_api.reg', endpoint: 'REGIONAL' }, certainty: 'definite', line: 4, column: 1 }),
      ]);
    });
    it('an HTTP API domain whose configuration is not known before apply may take any policy: possible, at the configuration (Terraform\'s dynamic block, CloudFormation\'s DomainNameConfigurations under Fn::If)', () => {
      const main = DYNAMIC_DOMAIN;
      expect(runRule(ID, { 'main.tf': main })).toEqual([expect.objectContaining({ messageId: 'unknownPolicy', resource: 'aws_apigatewayv2_domain_name.http', certainty: 'possible', line: rangeOf(main, 'dynamic "domain_name_configuration"').line })]);
      const t = 'Conditions:\n  InTokyo: !Equals [!Ref AWS::Region, ap-northeast-1]\nResources:\n  Http:\n    Type: AWS::ApiGatewayV2::DomainName\n    Properties:\n      DomainName: http.example.jp\n      DomainNameConfigurations: !If\n        - InTokyo\n        - [{ CertificateArn: arn:aws:acm:ap-northeast-1:111122223333:certificate/x, EndpointType: REGIONAL, SecurityPolicy: TLS_1_0 }]\n        - [{ CertificateArn: arn:aws:acm:ap-northeast-1:111122223333:certificate/x, EndpointType: REGIONAL, SecurityPolicy: TLS_1_2 }]\n';
      const at = rangeOf(t, 'DomainNameConfigurations');
      expect(runRule(ID, { 'template.yaml': t })).toEqual([expect.objectContaining({ messageId: 'unknownPolicy', resource: 'Http', data: { resource: 'Http', policy: '(unknown)' }, certainty: 'possible', line: at.line, column: at.column })]);
    });
    it('in Japanese: why a CloudFormation Classic Load Balancer\'s policy that enables no protocol it reads is only possibly weak', () => {
      const t = 'Resources:\n  Lb:\n    Type: AWS::ElasticLoadBalancing::LoadBalancer\n    Properties:\n      Listeners:\n        - { LoadBalancerPort: "443", InstancePort: "80", Protocol: HTTPS, SSLCertificateId: arn:aws:acm:ap-northeast-1:111122223333:certificate/x, PolicyNames: [Custom] }\n      Policies:\n        - PolicyName: Custom\n          PolicyType: SSLNegotiationPolicyType\n          Attributes:\n            - { Name: ECDHE-RSA-AES128-GCM-SHA256, Value: "true" }\n';
      expect(lintFiles(ID, { 'template.yaml': t }, { lang: 'ja' }).findings.map((f) => [f.message, f.unknowns.map((u) => u.reason)])).toEqual([
        ['Lb の TLS ポリシー Lb.Policies[0] の最小バージョンを gridfence は確認できません', ['Lb.Policies[0] は gridfence が読み取れるプロトコルを 1 つも有効にしていません']],
      ]);
    });
    it('in Japanese: the reason an HTTP API domain\'s configuration blocks are not known', () => {
      const main = DYNAMIC_DOMAIN;
      expect(lintFiles(ID, { 'main.tf': main }, { lang: 'ja' }).findings.map((f) => [f.message, f.unknowns.map((u) => u.reason)])).toEqual([
        [
          'aws_apigatewayv2_domain_name.http の TLS ポリシー（不明）の最小バージョンを gridfence は確認できません',
          ['"domain_name_configuration" ブロックは確定しない値に依存します: var.configs に値がありません（default、tfvars の指定、--var のいずれもありません）'],
        ],
      ]);
    });
    it('API Gateway domains below TLS 1.2: a REST and an HTTP domain on TLS_1_0, each at its security_policy; one not known before apply is possible', () => {
      const main = `resource "aws_api_gateway_domain_name" "rest" {
  domain_name     = "api.example.jp"
  security_policy = "TLS_1_0"
}
resource "aws_apigatewayv2_domain_name" "http" {
  domain_name = "http.example.jp"
  domain_name_configuration {
    certificate_arn = "arn:aws:acm:ap-northeast-1:111122223333:certificate/x"
    endpoint_type   = "REGIONAL"
    security_policy = "TLS_1_0"
  }
}
variable "policy" {
  type = string
}
resource "aws_api_gateway_domain_name" "later" {
  domain_name     = "later.example.jp"
  security_policy = var.policy
}
`;
      const rest = 'aws_api_gateway_domain_name.rest';
      const http = 'aws_apigatewayv2_domain_name.http';
      const later = 'aws_api_gateway_domain_name.later';
      expect(runRule(ID, { 'main.tf': main })).toEqual([
        { messageId: 'weakPolicy', data: { resource: rest, policy: 'TLS_1_0', minimum: '1.0' }, resource: rest, file: 'main.tf', ...rangeOf(main, 'security_policy = "TLS_1_0"'), certainty: 'definite', unknowns: [], callers: [] },
        { messageId: 'weakPolicy', data: { resource: http, policy: 'TLS_1_0', minimum: '1.0' }, resource: http, file: 'main.tf', ...rangeOf(main, 'security_policy = "TLS_1_0"', main.indexOf('domain_name_configuration')), certainty: 'definite', unknowns: [], callers: [] },
        { messageId: 'unknownPolicy', data: { resource: later, policy: '(unknown)' }, resource: later, file: 'main.tf', ...rangeOf(main, 'security_policy = var.policy'), certainty: 'possible', unknowns: ['var.policy has no value (no default, no tfvars entry, no --var)'], callers: [] },
      ]);
    });
    it('no ssl_policy: AWS applies ELBSecurityPolicy-2016-08 (TLS 1.0), reported at protocol', () => {
      const main = listener('');
      expect(runRule(ID, { 'main.tf': main })).toEqual([
        expect.objectContaining({
          messageId: 'defaultPolicy',
          data: { resource: 'aws_lb_listener.partner', protocol: 'HTTPS', policy: 'ELBSecurityPolicy-2016-08', minimum: '1.0' },
          ...rangeOf(main, 'protocol          = "HTTPS"'),
        }),
      ]);
    });
    it.each([
      ['ELBSecurityPolicy-TLS-1-1-2017-01', '1.1'],
      ['ELBSecurityPolicy-TLS13-1-0-2021-06', '1.0'],
      ['ELBSecurityPolicy-FS-2018-06', '1.0'],
    ])('%s accepts TLS %s', (p, min) => {
      const main = listener(`  ssl_policy        = "${p}"\n`, 'TLS');
      expect(runRule(ID, { 'main.tf': main })).toEqual([expect.objectContaining({ messageId: 'weakPolicy', data: expect.objectContaining({ minimum: min }), ...rangeOf(main, `ssl_policy        = "${p}"`) })]);
    });
    it('an empty ssl_policy is not sent, so AWS applies its default: definite, at protocol', () => {
      const main = listener('  ssl_policy        = ""\n');
      expect(runRule(ID, { 'main.tf': main })).toEqual([expect.objectContaining({ messageId: 'defaultPolicy', certainty: 'definite', ...rangeOf(main, 'protocol          = "HTTPS"') })]);
    });
    it('an unrecognised policy name is possible, not assumed safe', () => {
      const main = listener('  ssl_policy        = "ELBSecurityPolicy-Made-Up"\n');
      expect(runRule(ID, { 'main.tf': main })).toEqual([expect.objectContaining({ messageId: 'unknownPolicy', certainty: 'possible' })]);
    });
    it('CloudFront with the default certificate allows TLSv1', () => {
      const main = 'resource "aws_cloudfront_distribution" "cdn" {\n  enabled = true\n  viewer_certificate {\n    cloudfront_default_certificate = true\n  }\n}\n';
      expect(runRule(ID, { 'main.tf': main })).toEqual([expect.objectContaining({ messageId: 'weakPolicy', data: expect.objectContaining({ policy: 'TLSv1' }) })]);
    });
    it('Classic Load Balancer: an HTTPS listener with no SSL negotiation policy gets ELBSecurityPolicy-2016-08, at lb_protocol', () => {
      const main = classic('api', 'https');
      expect(runRule(ID, { 'main.tf': main })).toEqual([
        expect.objectContaining({ messageId: 'classicDefault', data: expect.objectContaining({ resource: 'aws_elb.api', protocol: 'HTTPS', port: '443', policy: 'ELBSecurityPolicy-2016-08', minimum: '1.0' }), ...rangeOf(main, 'lb_protocol        = "https"'), certainty: 'definite' }),
      ]);
    });
    it('Classic Load Balancer: a weak reference policy, at its value; protocols enabled one by one, at the lowest', () => {
      const weak = classic('api', 'https') + classicPolicy('api', 'ELBSecurityPolicy-TLS-1-1-2017-01');
      expect(runRule(ID, { 'main.tf': weak })).toEqual([
        expect.objectContaining({ messageId: 'weakPolicy', resource: 'aws_load_balancer_policy.p', data: expect.objectContaining({ policy: 'ELBSecurityPolicy-TLS-1-1-2017-01', minimum: '1.1' }), ...rangeOf(weak, 'value = "ELBSecurityPolicy-TLS-1-1-2017-01"') }),
      ]);
      const own = classic('mqtt', 'ssl') + 'resource "aws_lb_ssl_negotiation_policy" "n" {\n  name          = "n"\n  load_balancer = aws_elb.mqtt.id\n  lb_port       = 443\n  attribute {\n    name  = "Protocol-TLSv1.2"\n    value = "true"\n  }\n  attribute {\n    name  = "Protocol-TLSv1"\n    value = "true"\n  }\n}\n';
      const at = rangeOf(own, 'attribute {', own.indexOf('"Protocol-TLSv1.2"'));
      expect(runRule(ID, { 'main.tf': own })).toEqual([
        expect.objectContaining({ messageId: 'weakPolicy', resource: 'aws_lb_ssl_negotiation_policy.n', data: expect.objectContaining({ policy: 'aws_lb_ssl_negotiation_policy.n', minimum: '1.0' }), line: at.line, column: at.column }),
      ]);
    });
    it('CloudFormation Classic Load Balancer: no policy, a weak one named by the listener or given its port, protocols one by one, policies not known', () => {
      const listener = (protocol: string, extra = '') => `      Listeners:\n        - { LoadBalancerPort: "443", InstancePort: "80", Protocol: ${protocol}, SSLCertificateId: arn:aws:acm:ap-northeast-1:111122223333:certificate/x${extra} }\n`;
      const policy = (name: string, attrs: string, ports = '') => `        - PolicyName: ${name}\n          PolicyType: SSLNegotiationPolicyType\n${ports}          Attributes:\n${attrs}`;
      const ref = (p: string) => `            - { Name: Reference-Security-Policy, Value: ${p} }\n`;
      const elb = (id: string, body: string) => `  ${id}:\n    Type: AWS::ElasticLoadBalancing::LoadBalancer\n    Properties:\n${body}`;
      const t =
        'Conditions:\n  InTokyo: !Equals [!Ref AWS::Region, ap-northeast-1]\nResources:\n' +
        elb('Plain', listener('HTTPS')) +
        // A policy of the same name on another balancer is not this one's.
        elb('Strong', listener('HTTPS', ', PolicyNames: [Tls]') + '      Policies:\n' + policy('Tls', ref('ELBSecurityPolicy-TLS-1-2-2017-01'))) +
        elb('Named', listener('HTTPS', ', PolicyNames: [Tls]') + '      Policies:\n' + policy('Tls', ref('ELBSecurityPolicy-2016-08'))) +
        elb('ByPort', listener('SSL') + '      Policies:\n' + policy('Weak', ref('ELBSecurityPolicy-TLS-1-1-2017-01'), '          LoadBalancerPorts: ["443"]\n')) +
        elb('Protocols', listener('HTTPS', ', PolicyNames: [Own]') + '      Policies:\n' + policy('Own', '            - { Name: Protocol-TLSv1.2, Value: "true" }\n            - { Name: Protocol-TLSv1, Value: "true" }\n')) +
        elb('Maybe', listener('HTTPS') + '      Policies: !If\n        - InTokyo\n        - - PolicyName: Tls\n            PolicyType: SSLNegotiationPolicyType\n            LoadBalancerPorts: ["443"]\n            Attributes: [{ Name: Reference-Security-Policy, Value: ELBSecurityPolicy-TLS-1-2-2017-01 }]\n        - []\n');
      const named = t.indexOf('  Named:');
      expect(runRule(ID, { 'template.yaml': t })).toEqual([
        expect.objectContaining({ messageId: 'classicDefault', resource: 'Plain', data: expect.objectContaining({ resource: 'Plain', protocol: 'HTTPS', port: '443', policy: 'ELBSecurityPolicy-2016-08' }), certainty: 'definite', line: rangeOf(t, '{ LoadBalancerPort').line, column: rangeOf(t, '{ LoadBalancerPort').column }),
        expect.objectContaining({ messageId: 'weakPolicy', resource: 'Named', data: { resource: 'Named.Policies[0]', policy: 'ELBSecurityPolicy-2016-08', minimum: '1.0' }, certainty: 'definite', ...rangeOf(t, 'Value: ELBSecurityPolicy-2016-08', named) }),
        expect.objectContaining({ messageId: 'weakPolicy', resource: 'ByPort', data: { resource: 'ByPort.Policies[0]', policy: 'ELBSecurityPolicy-TLS-1-1-2017-01', minimum: '1.1' }, certainty: 'definite', ...rangeOf(t, 'Value: ELBSecurityPolicy-TLS-1-1-2017-01') }),
        expect.objectContaining({ messageId: 'weakPolicy', resource: 'Protocols', data: { resource: 'Protocols', policy: 'Protocols.Policies[0]', minimum: '1.0' }, certainty: 'definite', ...rangeOf(t, '{ Name: Protocol-TLSv1, Value: "true" }') }),
        expect.objectContaining({ messageId: 'unknownPolicy', resource: 'Maybe', data: { resource: 'Maybe', policy: '(unknown)' }, certainty: 'possible', line: rangeOf(t, '!If\n        - InTokyo').line }),
      ]);
      // On the balancer, which holds its policies: a waiver in its Metadata covers them.
      const waived = t.replace("  Named:\n    Type: AWS::ElasticLoadBalancing::LoadBalancer\n", '  Named:\n    Type: AWS::ElasticLoadBalancing::LoadBalancer\n    Metadata:\n      gridfence:\n        ignore: [{ rule: tls-minimum-version, reason: "retired with the legacy meter gateway in March" }]\n');
      expect(lintFiles(ID, { 'template.yaml': waived }).findings.filter((f) => f.waived).map((f) => `${f.resource} ${f.messageId}`)).toEqual(['Named weakPolicy']);
    });
    it('Classic Load Balancer whose name is known only after apply: a policy naming a balancer by text may be its own, so the default policy is only possible', () => {
      const main = `variable "name" {}\n${classic('api', 'https').replace('name               = "api"', 'name               = var.name')}${classicPolicy('api', 'ELBSecurityPolicy-TLS-1-2-2017-01').replaceAll('aws_elb.api.name', '"legacy"')}`;
      expect(runRule(ID, { 'main.tf': main })).toEqual([
        expect.objectContaining({ messageId: 'unknownPolicy', resource: 'aws_load_balancer_listener_policy.l', data: { resource: 'aws_elb.api', policy: '(unknown)' }, certainty: 'possible', line: rangeOf(main, 'resource "aws_load_balancer_listener_policy"').line, column: 1 }),
      ]);
    });
    it('Classic Load Balancer listeners not known before apply may be HTTPS ones on any policy: possible, at them', () => {
      const main = 'variable "listeners" {\n  type = list(number)\n}\nresource "aws_elb" "api" {\n  name    = "api"\n  subnets = ["subnet-0123456789abcdef0"]\n  dynamic "listener" {\n    for_each = var.listeners\n    content {\n      lb_port           = listener.value\n      lb_protocol       = "https"\n      instance_port     = 80\n      instance_protocol = "http"\n    }\n  }\n}\n';
      expect(runRule(ID, { 'main.tf': main })).toEqual([expect.objectContaining({ messageId: 'unknownPolicy', resource: 'aws_elb.api', data: { resource: 'aws_elb.api', policy: '(unknown)' }, certainty: 'possible', line: rangeOf(main, 'dynamic "listener"').line })]);
      const t = 'Parameters:\n  Secure:\n    Type: String\nConditions:\n  IsSecure: !Equals [!Ref Secure, "yes"]\nResources:\n  Api:\n    Type: AWS::ElasticLoadBalancing::LoadBalancer\n    Properties:\n      Listeners: !If\n        - IsSecure\n        - [{ LoadBalancerPort: "443", InstancePort: "80", Protocol: HTTPS, SSLCertificateId: arn:aws:acm:ap-northeast-1:111122223333:certificate/x }]\n        - [{ LoadBalancerPort: "80", InstancePort: "80", Protocol: HTTP }]\n';
      const at = rangeOf(t, 'Listeners: !If');
      expect(runRule(ID, { 'template.yaml': t })).toEqual([expect.objectContaining({ messageId: 'unknownPolicy', resource: 'Api', certainty: 'possible', line: at.line, column: at.column })]);
    });
    it('CloudFront whose viewer_certificate block is known only after apply: possible, at the block', () => {
      const main = 'variable "certs" {}\nresource "aws_cloudfront_distribution" "cdn" {\n  enabled = true\n  dynamic "viewer_certificate" {\n    for_each = var.certs\n    content {\n      acm_certificate_arn      = viewer_certificate.value\n      minimum_protocol_version = "TLSv1.2_2021"\n    }\n  }\n}\n';
      const at = rangeOf(main, 'dynamic "viewer_certificate" {');
      expect(runRule(ID, { 'main.tf': main })).toEqual([expect.objectContaining({ messageId: 'unknownPolicy', resource: 'aws_cloudfront_distribution.cdn', line: at.line, column: at.column, certainty: 'possible' })]);
    });
    it('CloudFront that may use the default certificate: a TLS 1.2 minimum is possible, at cloudfront_default_certificate; a weak one is weak either way', () => {
      const main = (min: string) => `variable "default_cert" {}\nresource "aws_cloudfront_distribution" "cdn" {\n  enabled = true\n  viewer_certificate {\n    cloudfront_default_certificate = var.default_cert\n${min}  }\n}\n`;
      const strong = main('    minimum_protocol_version       = "TLSv1.2_2021"\n');
      expect(runRule(ID, { 'main.tf': strong })).toEqual([
        expect.objectContaining({ messageId: 'unknownPolicy', resource: 'aws_cloudfront_distribution.cdn', ...rangeOf(strong, 'cloudfront_default_certificate = var.default_cert'), certainty: 'possible' }),
      ]);
      const weak = main('    minimum_protocol_version       = "TLSv1_2016"\n');
      expect(runRule(ID, { 'main.tf': weak })).toEqual([
        expect.objectContaining({ messageId: 'weakPolicy', data: expect.objectContaining({ policy: 'TLSv1_2016' }), ...rangeOf(weak, 'minimum_protocol_version       = "TLSv1_2016"'), certainty: 'definite' }),
      ]);
    });
    it('search domains: a TLS 1.0 policy is weak at the policy; no policy is possible (AWS chooses it), at the endpoint block or the resource; TLS 1.2 passes', () => {
      const domain = (name: string, opts: string) => `resource "aws_opensearch_domain" "${name}" {\n  domain_name = "${name}"\n${opts}}\n`;
      const main = [
        domain('weak', '  domain_endpoint_options {\n    enforce_https       = true\n    tls_security_policy = "Policy-Min-TLS-1-0-2019-07"\n  }\n'),
        domain('unset', '  domain_endpoint_options {\n    enforce_https = true\n  }\n'),
        domain('bare', ''),
        domain('strong', '  domain_endpoint_options {\n    enforce_https       = true\n    tls_security_policy = "Policy-Min-TLS-1-2-PFS-2023-10"\n  }\n'),
      ].join('');
      expect(runRule(ID, { 'main.tf': main }).map((f) => `${f.messageId} ${f.resource} ${f.data['policy']} ${f.certainty} ${f.line}:${f.column}`)).toEqual([
        'weakPolicy aws_opensearch_domain.weak Policy-Min-TLS-1-0-2019-07 definite 5:5',
        'unknownPolicy aws_opensearch_domain.unset (not set) possible 10:3',
        'unknownPolicy aws_opensearch_domain.bare (not set) possible 14:1',
      ]);
      const ja = lintFiles(ID, { 'main.tf': domain('bare', '') }, { lang: 'ja' });
      expect(ja.findings[0]!.unknowns.map((u) => u.reason)).toEqual(['aws_opensearch_domain.bare は tls_security_policy を指定していないため、HTTPS エンドポイントのポリシーは AWS が選びます']);
    });
    it('CloudFormation: an Elasticsearch domain as CDK writes it by default (Policy-Min-TLS-1-0-2019-07) is weak, at its DomainEndpointOptions', () => {
      const t = 'Resources:\n  Search:\n    Type: AWS::Elasticsearch::Domain\n    Properties:\n      DomainEndpointOptions:\n        EnforceHTTPS: false\n        TLSSecurityPolicy: Policy-Min-TLS-1-0-2019-07\n';
      expect(runRule(ID, { 'search.yaml': t })).toEqual([
        // A nested property's finding is at the property that holds it (DomainEndpointOptions).
        expect.objectContaining({ messageId: 'weakPolicy', resource: 'Search', line: 5, column: 7, certainty: 'definite' }),
      ]);
    });
  });
});
