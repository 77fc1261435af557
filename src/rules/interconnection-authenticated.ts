/**
 * interconnection-authenticated — (4)ウ①: where a partner, a DER site or the dispatch system connects
 * into our zones, the peer is authenticated before anything of ours answers it:
 *
 * - the connection arrives inside IPsec (a VPN gateway or a transit gateway's VPN attachment), or
 * - it ends at a load balancer listener that verifies client certificates (`mutual_authentication`
 *   with `mode = "verify"`, a trust store, and certificate expiry not ignored: HTTPS listeners of an
 *   Application Load Balancer, TLS listeners of a Network Load Balancer), or
 * - it ends at a host declared in `options.authenticated` (one that verifies client certificates
 *   itself, such as nginx with `ssl_verify_client on`, which no input shows), or
 * - it is SSH, which authenticates both ends by itself.
 *
 * Where the peers speak OpenADR 2.0b (`options.openadr`: partners and the dispatch system by default),
 * a listener they reach must also offer one of its cipher suites; a GCM-only or TLS 1.3-only policy
 * leaves them unable to connect at all.
 *
 * Entries are told apart exactly: the reachability is computed per way in, so an IPsec path does not
 * hide a cleartext path beside it. Resource-level counterparts: an API Gateway custom domain in our
 * zones (or serving an API in them) without mutual TLS, or whose API keeps its default endpoint (which
 * bypasses the domain's mutual TLS), and an IoT custom authorizer with signing disabled.
 */
import { matchesGlob } from '../config/glob.js';
import { nearest } from '../config/suggest.js';
import { PROTO } from '../engine/header-space.js';
import { servicesSet, type PathAnalysis } from '../graph/analysis.js';
import type { GraphNode } from '../graph/types.js';
import type { ModelResource } from '../model/resource.js';
import { Unknown } from '../model/value.js';
import { blocks, refsOf, spanOf, str } from '../model/read.js';
import { bool } from '../graph/aws/common.js';
import { defineRule } from './rule.js';
import { flowOf, placeName, reportPath, serviceOf, traceSteps } from './utils/paths.js';
import { EXTERNAL_ROLE_WORDS } from './utils/roles.js';
import { lacksOpenAdrSuites } from './utils/tls-policies.js';

const PEER_ROLES = new Set(['partner', 'der-site', 'dispatch-system']);
const PEER_ROLE_LIST = `${[...PEER_ROLES].slice(0, -1).join(', ')} or ${[...PEER_ROLES].at(-1)!}`;

interface Options {
  authenticated: string[];
  openadr: string[];
}

const messages = {
  direct: {
    en: '{{service}} from {{origin}} ({{role}}) reaches {{target}} without IPsec and without a listener that verifies client certificates: nothing authenticates the peer',
    ja: '{{origin}}（{{role}}）からの {{service}} が、IPsec もクライアント証明書を検証するリスナーも経ずに {{target}} に到達します。接続元が認証されていません',
  },
  listener: {
    en: '{{listener}} takes {{service}} from {{origin}} ({{role}}) but does not verify client certificates ({{why}})',
    ja: '{{listener}} は {{origin}}（{{role}}）からの {{service}} を受け付けますが、クライアント証明書を検証していません（{{why}}）',
  },
  apiDomain: {
    en: '{{resource}} serves {{api}} without mutual TLS (no mutual_tls_authentication with a trust store)',
    ja: '{{resource}} は相互 TLS（トラストストアを指定した mutual_tls_authentication）なしで {{api}} を公開しています',
  },
  apiDefaultEndpoint: {
    en: '{{resource}} keeps its default execute-api endpoint, which clients can use to bypass the mutual TLS of its custom domain',
    ja: '{{resource}} は既定の execute-api エンドポイントが有効なままで、カスタムドメインの相互 TLS を迂回して接続できます',
  },
  openadrSuites: {
    en: '{{listener}} takes {{service}} from {{origin}} ({{role}}) with {{policy}}, which offers neither OpenADR 2.0b cipher suite (ECDHE-ECDSA-AES128-SHA256, AES128-SHA256): an OpenADR 2.0b peer cannot connect',
    ja: '{{listener}} は {{origin}}（{{role}}）からの {{service}} を {{policy}} で受け付けますが、このポリシーには OpenADR 2.0b の暗号スイート（ECDHE-ECDSA-AES128-SHA256、AES128-SHA256）がなく、OpenADR 2.0b に準拠した接続元は接続できません',
  },
  openadrSuitesUnknown: {
    en: '{{listener}} takes {{service}} from {{origin}} ({{role}}) with a TLS policy known only after apply: it may offer neither OpenADR 2.0b cipher suite (ECDHE-ECDSA-AES128-SHA256, AES128-SHA256)',
    ja: '{{listener}} は {{origin}}（{{role}}）からの {{service}} を apply 後まで確定しない TLS ポリシーで受け付けます。OpenADR 2.0b の暗号スイート（ECDHE-ECDSA-AES128-SHA256、AES128-SHA256）がどちらもない可能性があります',
  },
  iotSigningUnknown: {
    en: 'whether {{resource}} disables signing is known only after apply: devices may connect with an unsigned token instead of a certificate',
    ja: '{{resource}} が署名を無効にするかどうかは apply 後まで確定しません。機器が証明書ではなく署名のないトークンで接続できる可能性があります',
  },
  iotSigning: {
    en: '{{resource}} has signing_disabled = true: devices connect with an unsigned token instead of a certificate',
    ja: '{{resource}} は signing_disabled = true のため、機器が証明書ではなく署名のないトークンで接続できます',
  },
};

export default defineRule({
  id: 'interconnection-authenticated',
  scope: (s) => (s.network && s.externalRole(...PEER_ROLES)) || s.has('aws_apigatewayv2_domain_name', 'aws_api_gateway_domain_name', 'aws_iot_authorizer'),
  messages,
  optionsSchema: {
    type: 'object',
    additionalProperties: false,
    properties: {
      authenticated: {
        type: 'array',
        items: { type: 'string', minLength: 1 },
        description: 'Address globs of hosts that verify client certificates themselves (nginx ssl_verify_client, an MQTT broker requiring X.509), which no input shows.',
      },
      openadr: {
        type: 'array',
        items: { type: 'string', minLength: 1 },
        description: 'External networks (by name or role) whose peers speak OpenADR 2.0b: the listeners they reach must offer one of its cipher suites (default: partners and the dispatch system).',
      },
    },
  },
  defaultOptions: { authenticated: [], openadr: ['partner', 'dispatch-system'] } as Options,
  checkOptions(options, config) {
    const externals = Object.entries(config?.externals ?? {});
    const known = [...PEER_ROLES, ...externals.filter(([, x]) => PEER_ROLES.has(x.role)).map(([name]) => name)];
    return options.openadr
      .filter((e) => !known.includes(e))
      .map((e) => {
        const other = externals.find(([name]) => name === e)?.[1];
        // An external of another role is named rightly: a suggestion would point at another party.
        if (other) return `openadr entry "${e}" is an external of role ${other.role}; only externals of role ${PEER_ROLE_LIST} are held to the OpenADR 2.0b suites`;
        const near = nearest(e, known);
        return `openadr entry "${e}" names no external of role ${PEER_ROLE_LIST}, so it would hold no listener to the OpenADR 2.0b suites${near === undefined ? '' : `; did you mean "${near}"?`}`;
      });
  },
  reachability: true,
  check(ctx) {
    checkPaths();
    checkApis();
    checkIot();

    function checkPaths(): void {
      const pa = ctx.paths();
      const b = pa.hs.bdd;
      for (const [name, x] of Object.entries(ctx.config?.externals ?? {})) {
        if (!PEER_ROLES.has(x.role)) continue;
        const role = { role: EXTERNAL_ROLE_WORDS[x.role] };
        const r = pa.fromExternalVia(name, (to) => !(to && isIpsecEntry(pa, to)), 'not ipsec');
        // Packets that still carry the peer's address: behind a load balancer the connection is the
        // balancer's own, and the peer was judged at the listener.
        const fromPeer = pa.spaces.external(name, 'srcIp');
        // SSH authenticates both ends by itself (host and user keys); who may reach it at all is
        // management-access-restricted's question.
        const unauthenticated = b.diff(fromPeer, servicesSet(pa.hs, ['tcp/22'])!);
        for (const n of pa.sinks((s) => s.kind === 'endpoint-in' && ctx.zones.isProtected(s.name))) {
          if (ctx.options.authenticated.some((g) => matchesGlob(g, n.name))) continue;
          const listeners = pa.net.endpoints.get(n.name)?.listeners;
          if (!listeners?.length) {
            const a = pa.answer(r, n, unauthenticated);
            if (!a) continue;
            reportPath(ctx, a, { messageId: 'direct', data: { service: serviceOf(pa, a), origin: name, target: n.name }, words: role, from: 'last', fallback: ctx.resource(n.name) });
            continue;
          }
          // A load balancer: judged per listener, on the packets its port takes.
          for (const l of listeners) {
            const resource = ctx.resource(l.id);
            if (!resource) continue;
            const verdict = verifies(resource);
            const openadr = ctx.options.openadr.includes(name) || ctx.options.openadr.includes(x.role);
            const raw = resource.attributes['ssl_policy'];
            const policy = str(raw);
            const noSuite = openadr && policy !== undefined && lacksOpenAdrSuites(policy);
            // A policy known only after apply may be one without the suites: a possible finding, never a pass.
            const maybeNoSuite = openadr && raw instanceof Unknown ? raw : undefined;
            if (verdict === true && !noSuite && !maybeNoSuite) continue;
            const port = l.port === undefined ? pa.hs.all : b.and(b.or(pa.hs.protocol(PROTO.tcp), pa.hs.protocol(PROTO.udp)), pa.hs.value('dstPort', l.port));
            const a = pa.answer(r, n, b.and(port, fromPeer));
            if (!a) continue;
            if (noSuite) {
              ctx.report({
                messageId: 'openadrSuites',
                data: { listener: l.id, service: serviceOf(pa, a), origin: name, policy },
                words: role,
                resource,
                at: spanOf(resource, 'ssl_policy'),
                unknowns: a.unknowns,
                trace: traceSteps(a),
                flow: flowOf(pa, a, name, placeName(n.name)),
              });
            }
            if (maybeNoSuite) {
              ctx.report({
                messageId: 'openadrSuitesUnknown',
                data: { listener: l.id, service: serviceOf(pa, a), origin: name },
                words: role,
                resource,
                at: spanOf(resource, 'ssl_policy'),
                unknowns: [...a.unknowns, maybeNoSuite],
                trace: traceSteps(a),
                flow: flowOf(pa, a, name, placeName(n.name)),
              });
            }
            if (verdict === true) continue;
            ctx.report({
              messageId: 'listener',
              data: { listener: l.id, service: serviceOf(pa, a), origin: name },
              words: { ...role, why: verdict.why },
              resource,
              at: verdict.at,
              unknowns: [...a.unknowns, ...(verdict.unknown ? [verdict.unknown] : []), ...(l.port === undefined ? l.unknowns : [])],
              trace: traceSteps(a),
              flow: flowOf(pa, a, name, placeName(n.name)),
            });
          }
        }
      }
    }

    /** Whether a listener verifies client certificates; else why not, and where to fix it. An unknown setting is a possible failure. */
    function verifies(l: ModelResource): true | { why: { en: string; ja: string }; at: ModelResource['span']; unknown?: Unknown } {
      const p = l.attributes['protocol'];
      if (p instanceof Unknown) return { why: { en: 'its protocol is known only after apply', ja: 'プロトコルが apply 後まで確定しません' }, at: spanOf(l, 'protocol'), unknown: p };
      const protocol = str(p)?.toUpperCase();
      // HTTPS (Application Load Balancer) and TLS (Network Load Balancer) listeners verify in "verify" mode.
      if (protocol !== undefined && protocol !== 'HTTPS' && protocol !== 'TLS') {
        return { why: { en: `the ${protocol} listener authenticates no one`, ja: `${protocol} リスナーではクライアント認証が行われません` }, at: spanOf(l, 'protocol') };
      }
      const ma = blocks(l, 'mutual_authentication');
      if (ma instanceof Unknown) return { why: { en: 'its mutual_authentication is known only after apply', ja: 'mutual_authentication の値が apply 後まで確定しません' }, at: l.span, unknown: ma };
      const m = ma[0];
      if (!m) return { why: { en: 'no mutual_authentication block: the mode is "off"', ja: 'mutual_authentication ブロックがなく、モードは "off" です' }, at: l.span };
      const mode = m['mode'];
      if (mode instanceof Unknown) return { why: { en: 'its mode is known only after apply', ja: 'mode の値が apply 後まで確定しません' }, at: spanOf(l, 'mutual_authentication[0].mode'), unknown: mode };
      if (str(mode)?.toLowerCase() !== 'verify') {
        return {
          why: { en: `mode = "${str(mode) ?? 'off'}"; only "verify" checks certificates at the listener`, ja: `mode = "${str(mode) ?? 'off'}" です。リスナーで証明書を検証するのは "verify" だけです` },
          at: spanOf(l, 'mutual_authentication[0].mode'),
        };
      }
      const store = m['trust_store_arn'];
      if (store === undefined || store === null) return { why: { en: 'verify mode without a trust store', ja: 'verify モードですがトラストストアが指定されていません' }, at: spanOf(l, 'mutual_authentication[0]') };
      const ignore = m['ignore_client_certificate_expiry'];
      const ignoreAt = spanOf(l, 'mutual_authentication[0].ignore_client_certificate_expiry');
      if (ignore instanceof Unknown) return { why: { en: 'whether expired client certificates are accepted is known only after apply', ja: '期限切れのクライアント証明書を受け付けるかどうかが apply 後まで確定しません' }, at: ignoreAt, unknown: ignore };
      if (bool(ignore) === true) {
        return { why: { en: 'expired client certificates are accepted (ignore_client_certificate_expiry)', ja: '期限切れのクライアント証明書も受け付けます（ignore_client_certificate_expiry）' }, at: ignoreAt };
      }
      return true;
    }

    /** API Gateway custom domains in our zones (or serving an API in them) use mutual TLS, and their APIs have no bypass. */
    function checkApis(): void {
      const apis = new Map<string, ModelResource>();
      for (const r of ctx.model.resources) if (r.mode === 'managed' && (r.type === 'aws_apigatewayv2_api' || r.type === 'aws_api_gateway_rest_api')) apis.set(r.address, r);
      const domains = ctx.model.resources.filter((r) => r.mode === 'managed' && (r.type === 'aws_apigatewayv2_domain_name' || r.type === 'aws_api_gateway_domain_name'));
      const mappings = ctx.model.resources.filter((r) => r.mode === 'managed' && (r.type === 'aws_apigatewayv2_api_mapping' || r.type === 'aws_api_gateway_base_path_mapping'));
      for (const d of domains) {
        const served = mappings
          .filter((m) => refsOf(m.attributes['domain_name']).includes(d.address))
          .flatMap((m) => refsOf(m.attributes['api_id']))
          .filter((a) => apis.has(a));
        const inScope = ctx.zones.isProtected(d.address) || served.some((a) => ctx.zones.isProtected(a));
        if (!inScope) continue;
        const mtls = blocks(d, 'mutual_tls_authentication');
        if (mtls instanceof Unknown) {
          ctx.report({ messageId: 'apiDomain', data: { resource: d.address }, words: apiWords(served), resource: d, unknowns: [mtls] });
        } else if (!mtls[0] || mtls[0]['truststore_uri'] === undefined || mtls[0]['truststore_uri'] === null) {
          ctx.report({ messageId: 'apiDomain', data: { resource: d.address }, words: apiWords(served), resource: d, at: mtls[0] ? spanOf(d, 'mutual_tls_authentication[0]') : d.span });
        } else {
          for (const a of served) {
            const api = apis.get(a)!;
            const off = api.attributes['disable_execute_api_endpoint'];
            if (bool(off) === true) continue;
            ctx.report({
              messageId: 'apiDefaultEndpoint',
              data: { resource: a },
              resource: api,
              at: off === undefined ? api.span : spanOf(api, 'disable_execute_api_endpoint'),
              ...(off instanceof Unknown ? { unknowns: [off] } : {}),
            });
          }
        }
      }
    }

    /**
     * IoT Core authenticates devices by certificate; a custom authorizer with signing disabled takes
     * any bearer token. Judged wherever it is: an authorizer is account-wide, not placed in a zone.
     */
    function checkIot(): void {
      for (const r of ctx.model.resources) {
        if (r.mode !== 'managed' || r.type !== 'aws_iot_authorizer') continue;
        const v = r.attributes['signing_disabled'];
        if (bool(v) === true || v instanceof Unknown) ctx.report({ messageId: v instanceof Unknown ? 'iotSigningUnknown' : 'iotSigning', data: { resource: r.address }, resource: r, at: spanOf(r, 'signing_disabled'), ...(v instanceof Unknown ? { unknowns: [v] } : {}) });
      }
    }
  },
});

function apiWords(served: string[]): Record<string, { en: string; ja: string }> {
  return { api: served.length ? { en: served.join(', '), ja: served.join('、') } : { en: 'its APIs', ja: 'その API' } };
}

/** An entry inside IPsec: a VPN gateway's inbound side, or a transit gateway's VPN attachment. */
function isIpsecEntry(pa: PathAnalysis, to: GraphNode): boolean {
  if (to.kind !== 'gateway') return false;
  const id = to.name.replace(/ \(inbound\)$/, '');
  if (pa.net.gateways.get(id)?.kind === 'vpn-gateway') return true;
  for (const t of pa.net.transitGateways.values()) if (t.attachments.get(id)?.kind === 'vpn') return true;
  return id.startsWith('aws_vpn_connection.');
}
