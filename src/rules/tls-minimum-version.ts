/**
 * tls-minimum-version — (4)ウ①: TLS endpoints enforce TLS 1.2 or later explicitly. An AWS
 * HTTPS/TLS listener without ssl_policy gets ELBSecurityPolicy-2016-08, which accepts TLS 1.0, so
 * leaving it unset fails; a policy name gridfence does not know is reported as possible.
 */
import type { ModelResource } from '../model/resource.js';
import { Unknown, type Value } from '../model/value.js';
import { defineRule } from './rule.js';
import { blocks, elements, spanOf, str, textOf } from '../model/read.js';
import { bool } from '../graph/aws/common.js';
import { ELB_DEFAULT_POLICY, apiGatewayMinimum, belowTls12, cloudFrontMinimum, elbPolicyMinimum } from './utils/tls-policies.js';

const messages = {
  defaultPolicy: {
    en: '{{resource}} ({{protocol}}) has no ssl_policy, so AWS applies {{policy}}, which accepts TLS {{minimum}}',
    ja: '{{resource}}（{{protocol}}）に ssl_policy がないため、AWS は TLS {{minimum}} を受け入れる {{policy}} を適用します',
  },
  weakPolicy: {
    en: '{{resource}} uses {{policy}}, which accepts TLS {{minimum}}; use a policy with TLS 1.2 or later',
    ja: '{{resource}} は TLS {{minimum}} を受け入れる {{policy}} を使用しています。TLS 1.2 以上のポリシーを使用してください',
  },
  unknownPolicy: {
    en: '{{resource}} uses TLS policy {{policy}}, whose minimum version gridfence cannot confirm',
    ja: '{{resource}} の TLS ポリシー {{policy}} の最小バージョンを gridfence は確認できません',
  },
  defaultEndpoint: {
    en: "{{resource}} keeps its default execute-api endpoint ({{endpoint}}), which API Gateway serves with TLS_1_0 (TLS 1.0 accepted); disable it and serve the API through a custom domain with TLS 1.2",
    ja: '{{resource}} の既定の execute-api エンドポイント（{{endpoint}}）が有効です。API Gateway はこれを TLS_1_0（TLS 1.0 を受け入れる）で提供します。無効にし、TLS 1.2 のカスタムドメインで API を提供してください',
  },
};

export default defineRule({
  id: 'tls-minimum-version',
  scope: (s) => s.has('aws_lb_listener', 'aws_alb_listener', 'aws_cloudfront_distribution', 'aws_api_gateway_domain_name', 'aws_apigatewayv2_domain_name', 'aws_api_gateway_rest_api'),
  messages,
  defaultOptions: {},
  check(ctx) {
    for (const r of ctx.model.resources) {
      if (r.mode !== 'managed' || !ctx.zones.isProtected(r.address)) continue;
      switch (r.type) {
        case 'aws_lb_listener':
        case 'aws_alb_listener': {
          const protocol = r.attributes['protocol'];
          const p = protocol instanceof Unknown ? '(unknown protocol)' : str(protocol)?.toUpperCase();
          // An unknown protocol may be HTTPS or TLS: judged as if it were, and the finding is possible.
          if (!(protocol instanceof Unknown) && p !== 'HTTPS' && p !== 'TLS') break;
          const policy = r.attributes['ssl_policy'];
          // A plan marks an ssl_policy the configuration leaves unset as computed: AWS's default.
          if (policy === undefined || policy === null || (policy instanceof Unknown && r.computed?.has('ssl_policy'))) {
            ctx.report({
              messageId: 'defaultPolicy',
              data: { resource: r.address, protocol: p!, policy: ELB_DEFAULT_POLICY, minimum: elbPolicyMinimum(ELB_DEFAULT_POLICY)! },
              resource: r,
              at: spanOf(r, 'protocol'),
              ...(protocol instanceof Unknown ? { unknowns: [protocol] } : {}),
            });
          } else judge(r, 'ssl_policy', policy, elbPolicyMinimum);
          break;
        }
        case 'aws_cloudfront_distribution': {
          const certs = blocks(r, 'viewer_certificate');
          // A certificate block not known before apply (a dynamic block over an unknown value) may
          // be the default certificate, or leave the minimum at TLSv1: possible, never a pass.
          if (certs instanceof Unknown) {
            ctx.report({ messageId: 'unknownPolicy', data: { resource: r.address, policy: '(unknown)' }, resource: r, at: spanOf(r, 'viewer_certificate'), unknowns: [certs] });
            break;
          }
          if (!certs[0]) break;
          const c = certs[0];
          // The default *.cloudfront.net certificate is served with TLSv1 as its minimum, whatever
          // minimum_protocol_version says.
          const def = c['cloudfront_default_certificate'];
          const v = bool(def) === true ? 'TLSv1' : c['minimum_protocol_version'];
          if (def instanceof Unknown) {
            // Not known whether it is the default certificate: a weak minimum is weak either way;
            // any other may still be overridden by the default certificate's TLSv1.
            const minimum = v === undefined || v === null ? '1.0' : v instanceof Unknown ? undefined : cloudFrontMinimum(textOf(v));
            if (minimum !== undefined && belowTls12(minimum)) judge(r, 'viewer_certificate[0].minimum_protocol_version', v ?? 'TLSv1', cloudFrontMinimum);
            else ctx.report({ messageId: 'unknownPolicy', data: { resource: r.address, policy: '(unknown)' }, resource: r, at: spanOf(r, 'viewer_certificate[0].cloudfront_default_certificate'), unknowns: [def, ...(v instanceof Unknown ? [v] : [])] });
            break;
          }
          judge(r, 'viewer_certificate[0].minimum_protocol_version', v ?? 'TLSv1', cloudFrontMinimum);
          break;
        }
        case 'aws_api_gateway_rest_api': {
          // The default endpoint of a regional or edge-optimized REST API is served with TLS_1_0 (a
          // private API's with TLS_1_2), unless it is disabled.
          const disabled = r.attributes['disable_execute_api_endpoint'];
          if (bool(disabled) === true) break;
          const cfg = blocks(r, 'endpoint_configuration');
          const types = cfg instanceof Unknown ? cfg : cfg[0]?.['types'];
          const list = types instanceof Unknown ? undefined : elements(types).map((t) => (typeof t === 'string' ? t.toUpperCase() : t));
          if (list?.length && list.every((t) => t === 'PRIVATE')) break;
          const unknowns = [types, disabled].filter((u): u is Unknown => u instanceof Unknown);
          const endpoint = list?.find((t) => typeof t === 'string' && t !== 'PRIVATE') ?? (types instanceof Unknown || list?.some((t) => t instanceof Unknown) ? '(unknown type)' : 'EDGE');
          ctx.report({ messageId: 'defaultEndpoint', data: { resource: r.address, endpoint: String(endpoint) }, resource: r, ...(unknowns.length ? { unknowns } : {}) });
          break;
        }
        case 'aws_api_gateway_domain_name':
        case 'aws_apigatewayv2_domain_name': {
          const cfg = r.type === 'aws_apigatewayv2_domain_name' ? blocks(r, 'domain_name_configuration') : undefined;
          const path = cfg ? 'domain_name_configuration[0].security_policy' : 'security_policy';
          const v = cfg && !(cfg instanceof Unknown) ? cfg[0]?.['security_policy'] : r.attributes['security_policy'];
          if (v !== undefined && v !== null) judge(r, path, v, apiGatewayMinimum);
          break;
        }
      }
    }

    function judge(r: ModelResource, path: string, policy: Value, minimumOf: (n: string) => string | undefined): void {
      const at = spanOf(r, path);
      if (policy instanceof Unknown) {
        ctx.report({ messageId: 'unknownPolicy', data: { resource: r.address, policy: '(unknown)' }, resource: r, at, unknowns: [policy] });
        return;
      }
      const name = textOf(policy);
      const minimum = minimumOf(name);
      if (minimum === undefined) {
        ctx.report({ messageId: 'unknownPolicy', data: { resource: r.address, policy: name }, resource: r, at, possibleBecause: `the TLS policy "${name}" is not in gridfence's table` });
      } else if (belowTls12(minimum)) {
        ctx.report({ messageId: 'weakPolicy', data: { resource: r.address, policy: name, minimum }, resource: r, at });
      }
    }
  },
});
