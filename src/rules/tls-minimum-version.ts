/**
 * tls-minimum-version — (4)ウ①: TLS endpoints enforce TLS 1.2 or later explicitly. An AWS
 * HTTPS/TLS listener without ssl_policy gets ELBSecurityPolicy-2016-08, which accepts TLS 1.0, so
 * leaving it unset fails; a policy name gridfence does not know is reported as possible.
 */
import type { ModelResource } from '../model/resource.js';
import { Unknown, type Value } from '../model/value.js';
import { defineRule } from './rule.js';
import { blocks, elements, refsOf, spanOf, str, textOf } from '../model/read.js';
import { bool } from '../graph/aws/common.js';
import { ELB_DEFAULT_POLICY, apiGatewayMinimum, belowTls12, cloudFrontMinimum, elbPolicyMinimum, searchDomainMinimum } from './utils/tls-policies.js';
import { table } from '../model/table.js';

const messages = {
  defaultPolicy: {
    en: '{{resource}} ({{protocol}}) has no ssl_policy, so AWS applies {{policy}}, which accepts TLS {{minimum}}',
    ja: '{{resource}}（{{protocol}}）に ssl_policy がないため、AWS は TLS {{minimum}} を受け入れる {{policy}} を適用します',
  },
  weakPolicy: {
    en: '{{resource}} uses {{policy}}, which accepts TLS {{minimum}}; use a policy with TLS 1.2 or later',
    ja: '{{resource}} は TLS {{minimum}} を受け入れる {{policy}} を使用しています。TLS 1.2 以上のポリシーを使用してください',
  },
  classicDefault: {
    en: '{{resource}} ({{protocol}} listener on port {{port}}) has no SSL negotiation policy, so AWS applies {{policy}}, which accepts TLS {{minimum}}',
    ja: '{{resource}}（ポート {{port}} の {{protocol}} リスナー）に SSL ネゴシエーションポリシーがないため、AWS は TLS {{minimum}} を受け入れる {{policy}} を適用します',
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

/** The Protocol-* attributes of a Classic Load Balancer's SSL negotiation policy and the version each enables. */
const PROTOCOL_ATTRIBUTES: Readonly<Record<string, string>> = table({ 'Protocol-SSLv2': '0', 'Protocol-SSLv3': '0', 'Protocol-TLSv1': '1.0', 'Protocol-TLSv1.1': '1.1', 'Protocol-TLSv1.2': '1.2' });

type ClassicPolicy =
  | { kind: 'none' }
  | { kind: 'unknown'; unknown: Unknown; at?: { resource: ModelResource; path: string } }
  | { kind: 'reference'; policy: ModelResource; path: string; value: Value }
  | { kind: 'protocols'; policy: ModelResource; path: string; minimum?: string };

export default defineRule({
  id: 'tls-minimum-version',
  scope: (s) => s.has('aws_lb_listener', 'aws_alb_listener', 'aws_cloudfront_distribution', 'aws_api_gateway_domain_name', 'aws_apigatewayv2_domain_name', 'aws_api_gateway_rest_api', 'aws_elb', 'aws_opensearch_domain', 'aws_elasticsearch_domain'),
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
          // A plan marks an ssl_policy the configuration leaves unset as computed: AWS's default. So is
          // an empty one: the provider sends SslPolicy only when it is non-empty.
          if (policy === undefined || policy === null || policy === '' || (policy instanceof Unknown && r.computed?.has('ssl_policy'))) {
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
        case 'aws_elb': {
          // A Classic Load Balancer's HTTPS/SSL listeners: the SSL negotiation policy attached to the
          // listener's port, else ELBSecurityPolicy-2016-08, which AWS associates when none is.
          // CloudFormation's Policies and PolicyNames come as the provider's policy resources (cfn/translate.ts).
          const listeners = blocks(r, 'listener');
          // Listeners not known before apply may be HTTPS or SSL ones on any policy: possible, at them.
          if (listeners instanceof Unknown) {
            ctx.report({ messageId: 'unknownPolicy', data: { resource: r.address, policy: '(unknown)' }, resource: r, at: spanOf(r, 'listener'), unknowns: [listeners] });
            break;
          }
          listeners.forEach((l, i) => {
            const protocol = l['lb_protocol'];
            const p = protocol instanceof Unknown ? '(unknown protocol)' : str(protocol)?.toUpperCase();
            if (!(protocol instanceof Unknown) && p !== 'HTTPS' && p !== 'SSL') return;
            const protocolUnknowns = protocol instanceof Unknown ? [protocol] : [];
            const found = classicPolicy(r, l['lb_port']);
            if (found.kind === 'none') {
              ctx.report({
                messageId: 'classicDefault',
                data: { resource: r.address, protocol: p!, port: l['lb_port'] instanceof Unknown ? '(unknown)' : textOf(l['lb_port'] ?? null), policy: ELB_DEFAULT_POLICY, minimum: elbPolicyMinimum(ELB_DEFAULT_POLICY)! },
                resource: r,
                at: spanOf(r, `listener[${i}].lb_protocol`),
                ...(protocolUnknowns.length ? { unknowns: protocolUnknowns } : {}),
              });
            } else if (found.kind === 'unknown') {
              ctx.report({ messageId: 'unknownPolicy', data: { resource: r.address, policy: '(unknown)' }, resource: found.at ? holder(found.at.resource) : r, at: found.at ? spanOf(found.at.resource, found.at.path) : spanOf(r, `listener[${i}]`), unknowns: [found.unknown, ...protocolUnknowns] });
            } else if (found.kind === 'reference') {
              judge(found.policy, found.path, found.value, elbPolicyMinimum, protocolUnknowns);
            } else {
              // Protocols enabled one by one: the lowest one enabled is the minimum.
              const extra = protocolUnknowns.length ? { unknowns: protocolUnknowns } : {};
              if (found.minimum === undefined) ctx.report({ messageId: 'unknownPolicy', data: { resource: r.address, policy: found.policy.address }, resource: holder(found.policy), at: found.policy.span, possibleBecause: `${found.policy.address} enables no protocol gridfence can read`, ...extra });
              else if (belowTls12(found.minimum)) ctx.report({ messageId: 'weakPolicy', data: { resource: r.address, policy: found.policy.address, minimum: found.minimum }, resource: holder(found.policy), at: spanOf(found.policy, found.path), ...extra });
            }
          });
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
        case 'aws_opensearch_domain':
        case 'aws_elasticsearch_domain': {
          // A search domain's HTTPS endpoint takes domain_endpoint_options' tls_security_policy. Left
          // unset, AWS picks the policy, which neither the configuration nor AWS's API reference
          // states: possible, at the block or the resource.
          const opts = blocks(r, 'domain_endpoint_options');
          if (opts instanceof Unknown) {
            judge(r, 'domain_endpoint_options', opts, searchDomainMinimum);
            break;
          }
          const v = opts[0]?.['tls_security_policy'];
          if (v !== undefined && v !== null) judge(r, 'domain_endpoint_options[0].tls_security_policy', v, searchDomainMinimum);
          else ctx.report({ messageId: 'unknownPolicy', data: { resource: r.address, policy: '(not set)' }, resource: holder(r), at: spanOf(r, opts.length ? 'domain_endpoint_options[0]' : 'domain_endpoint_options'), possibleBecause: `${r.address} sets no tls_security_policy, so AWS chooses the policy of its HTTPS endpoint` });
          break;
        }
        case 'aws_api_gateway_domain_name':
        case 'aws_apigatewayv2_domain_name': {
          const cfg = r.type === 'aws_apigatewayv2_domain_name' ? blocks(r, 'domain_name_configuration') : undefined;
          // A configuration block not known before apply may hold any policy: possible, at the block.
          if (cfg instanceof Unknown) {
            judge(r, 'domain_name_configuration', cfg, apiGatewayMinimum);
            break;
          }
          const path = cfg ? 'domain_name_configuration[0].security_policy' : 'security_policy';
          const v = cfg ? cfg[0]?.['security_policy'] : r.attributes['security_policy'];
          if (v !== undefined && v !== null) judge(r, path, v, apiGatewayMinimum);
          break;
        }
      }
    }

    function judge(r: ModelResource, path: string, policy: Value, minimumOf: (n: string) => string | undefined, doubts: Unknown[] = []): void {
      const at = spanOf(r, path);
      const extra = doubts.length ? { unknowns: doubts } : {};
      const resource = holder(r);
      if (policy instanceof Unknown) {
        ctx.report({ messageId: 'unknownPolicy', data: { resource: r.address, policy: '(unknown)' }, resource, at, unknowns: [policy, ...doubts] });
        return;
      }
      const name = textOf(policy);
      const minimum = minimumOf(name);
      if (minimum === undefined) {
        ctx.report({ messageId: 'unknownPolicy', data: { resource: r.address, policy: name }, resource, at, possibleBecause: `the TLS policy "${name}" is not in gridfence's table`, ...extra });
      } else if (belowTls12(minimum)) {
        ctx.report({ messageId: 'weakPolicy', data: { resource: r.address, policy: name, minimum }, resource, at, ...extra });
      }
    }

    /**
     * The resource a finding is on: a template resource's list entry made a resource of its own
     * (a CloudFormation balancer's Policies[0]) is its template resource's, the one its Metadata waives.
     */
    function holder(r: ModelResource): ModelResource {
      return (r.partOf !== undefined ? ctx.resource(r.partOf) : undefined) ?? r;
    }

    /**
     * The SSL negotiation policy of a Classic Load Balancer's listener on `port`: an
     * aws_lb_ssl_negotiation_policy for the balancer and port, or an aws_load_balancer_policy of type
     * SSLNegotiationPolicyType named by an aws_load_balancer_listener_policy for them. Its
     * Reference-Security-Policy attribute names a predefined policy; else its Protocol-* attributes
     * enable protocols one by one. A balancer, port or policy that is not known may be this one's.
     */
    function classicPolicy(elb: ModelResource, port: Value | undefined): ClassicPolicy {
      const name = elb.attributes['name'];
      const isMine = (v: Value | undefined): boolean | Unknown => {
        if (refsOf(v).includes(elb.address)) return true;
        // A name known only after apply may be the one the text gives, unless the provider makes it up
        // (a plan's computed name: the configuration sets none).
        if (typeof v === 'string') return name instanceof Unknown && !elb.computed?.has('name') ? name : typeof name === 'string' && v === name;
        return v instanceof Unknown && !(v.ref && ctx.resource(v.ref)) ? v : false;
      };
      const samePort = (v: Value | undefined): boolean | Unknown => (v instanceof Unknown ? v : port instanceof Unknown ? port : String(v) === String(port));
      const both = (a: boolean | Unknown, b: boolean | Unknown): boolean | Unknown => (a === false || b === false ? false : a instanceof Unknown ? a : b);
      let doubt: ClassicPolicy | undefined;
      for (const n of ctx.model.resources) {
        if (n.mode !== 'managed') continue;
        if (n.type === 'aws_lb_ssl_negotiation_policy') {
          const m = both(isMine(n.attributes['load_balancer']), samePort(n.attributes['lb_port']));
          if (m === false) continue;
          if (m instanceof Unknown) {
            doubt ??= { kind: 'unknown', unknown: m, at: { resource: n, path: '' } };
            continue;
          }
          return attributesPolicy(n, 'attribute');
        }
        if (n.type === 'aws_load_balancer_listener_policy') {
          const m = both(isMine(n.attributes['load_balancer_name']), samePort(n.attributes['load_balancer_port']));
          if (m === false) continue;
          if (m instanceof Unknown) {
            doubt ??= { kind: 'unknown', unknown: m, at: { resource: n, path: '' } };
            continue;
          }
          const names = n.attributes['policy_names'];
          if (names instanceof Unknown) return { kind: 'unknown', unknown: names, at: { resource: n, path: 'policy_names' } };
          for (const x of elements(names)) {
            const ref = refsOf(x)[0];
            // A name is a policy of this balancer: CloudFormation's are parts of the balancer that holds them.
            const policy = ctx.model.resources.find((q) => q.type === 'aws_load_balancer_policy' && (q.address === ref || (typeof x === 'string' && q.attributes['policy_name'] === x && (q.partOf === undefined || q.partOf === n.partOf))));
            if (!policy) {
              if (x instanceof Unknown) return { kind: 'unknown', unknown: x, at: { resource: n, path: 'policy_names' } };
              continue; // a policy of AWS's own or of another kind, not an SSL negotiation policy here
            }
            const type = policy.attributes['policy_type_name'];
            if (type instanceof Unknown) return { kind: 'unknown', unknown: type, at: { resource: policy, path: 'policy_type_name' } };
            if (type === 'SSLNegotiationPolicyType') return attributesPolicy(policy, 'policy_attribute');
          }
        }
      }
      return doubt ?? { kind: 'none' };
    }

    function attributesPolicy(policy: ModelResource, block: string): ClassicPolicy {
      const attrs = blocks(policy, block);
      if (attrs instanceof Unknown) return { kind: 'unknown', unknown: attrs, at: { resource: policy, path: block } };
      const ref = attrs.findIndex((a) => a['name'] === 'Reference-Security-Policy');
      if (ref >= 0) return { kind: 'reference', policy, path: `${block}[${ref}].value`, value: attrs[ref]!['value'] ?? null };
      const named = attrs.findIndex((a) => a['name'] instanceof Unknown);
      if (named >= 0) return { kind: 'unknown', unknown: attrs[named]!['name'] as Unknown, at: { resource: policy, path: `${block}[${named}]` } };
      let lowest: { minimum: string; path: string } | undefined;
      for (const [i, a] of attrs.entries()) {
        const version = PROTOCOL_ATTRIBUTES[String(a['name'])];
        if (version === undefined) continue;
        const on = a['value'];
        if (on instanceof Unknown) return { kind: 'unknown', unknown: on, at: { resource: policy, path: `${block}[${i}].value` } };
        if (bool(on) !== true) continue;
        if (!lowest || Number(version) < Number(lowest.minimum)) lowest = { minimum: version, path: `${block}[${i}]` };
      }
      return { kind: 'protocols', policy, path: lowest?.path ?? block, ...(lowest ? { minimum: lowest.minimum } : {}) };
    }
  },
});
