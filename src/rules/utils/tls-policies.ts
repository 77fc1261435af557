/**
 * The lowest TLS version each named TLS policy accepts (docs: tls-and-vpn-reference.md, from AWS's
 * ALB/NLB and CloudFront documentation). A name not listed is unknown: never assumed safe.
 */
import { table } from '../../model/table.js';

/** Elastic Load Balancing (ALB, NLB, Classic) security policies → minimum TLS version. */
const ELB: Record<string, string> = table({
  'ELBSecurityPolicy-2016-08': '1.0',
  'ELBSecurityPolicy-2015-05': '1.0',
  'ELBSecurityPolicy-2015-03': '1.0',
  'ELBSecurityPolicy-2015-02': '1.0',
  'ELBSecurityPolicy-2014-10': '1.0',
  'ELBSecurityPolicy-2014-01': '1.0',
  'ELBSecurityPolicy-2011-08': '1.0',
  'ELBSecurityPolicy-TLS-1-0-2015-04': '1.0',
  'ELBSecurityPolicy-TLS-1-1-2017-01': '1.1',
  'ELBSecurityPolicy-TLS-1-2-2017-01': '1.2',
  'ELBSecurityPolicy-TLS-1-2-Ext-2018-06': '1.2',
  'ELBSecurityPolicy-FS-2018-06': '1.0',
  'ELBSecurityPolicy-FS-1-1-2019-08': '1.1',
  'ELBSecurityPolicy-FS-1-2-2019-08': '1.2',
  'ELBSecurityPolicy-FS-1-2-Res-2019-08': '1.2',
  'ELBSecurityPolicy-FS-1-2-Res-2020-10': '1.2',
  'ELBSecurityPolicy-TLS13-1-0-2021-06': '1.0',
  'ELBSecurityPolicy-TLS13-1-1-2021-06': '1.1',
  'ELBSecurityPolicy-TLS13-1-2-2021-06': '1.2',
  'ELBSecurityPolicy-TLS13-1-2-Res-2021-06': '1.2',
  'ELBSecurityPolicy-TLS13-1-2-Ext1-2021-06': '1.2',
  'ELBSecurityPolicy-TLS13-1-2-Ext2-2021-06': '1.2',
  'ELBSecurityPolicy-TLS13-1-3-2021-06': '1.3',
  'ELBSecurityPolicy-TLS13-1-0-FIPS-2023-04': '1.0',
  'ELBSecurityPolicy-TLS13-1-1-FIPS-2023-04': '1.1',
  'ELBSecurityPolicy-TLS13-1-2-FIPS-2023-04': '1.2',
  'ELBSecurityPolicy-TLS13-1-2-Res-FIPS-2023-04': '1.2',
  'ELBSecurityPolicy-TLS13-1-2-Ext0-FIPS-2023-04': '1.2',
  'ELBSecurityPolicy-TLS13-1-2-Ext1-FIPS-2023-04': '1.2',
  'ELBSecurityPolicy-TLS13-1-2-Ext2-FIPS-2023-04': '1.2',
  'ELBSecurityPolicy-TLS13-1-3-FIPS-2023-04': '1.3',
  'ELBSecurityPolicy-TLS13-1-0-PQ-2025-09': '1.0',
  'ELBSecurityPolicy-TLS13-1-2-PQ-2025-09': '1.2',
  'ELBSecurityPolicy-TLS13-1-2-Res-PQ-2025-09': '1.2',
  'ELBSecurityPolicy-TLS13-1-2-Ext1-PQ-2025-09': '1.2',
  'ELBSecurityPolicy-TLS13-1-2-Ext2-PQ-2025-09': '1.2',
  'ELBSecurityPolicy-TLS13-1-3-PQ-2025-09': '1.3',
});

/** The FIPS + post-quantum family: the version is in the name. */
const ELB_FIPS_PQ = /^ELBSecurityPolicy-TLS13-1-([0-3])(?:-(?:Res|Ext[0-2]))?-FIPS-PQ-2025-09$/;

/** The policy AWS applies when an HTTPS/TLS listener names none. */
export const ELB_DEFAULT_POLICY = 'ELBSecurityPolicy-2016-08';

export function elbPolicyMinimum(name: string): string | undefined {
  const known = ELB[name];
  if (known) return known;
  const m = ELB_FIPS_PQ.exec(name);
  return m ? `1.${m[1]}` : undefined;
}

/** CloudFront viewer_certificate.minimum_protocol_version → minimum TLS version. */
const CLOUDFRONT: Record<string, string> = table({
  SSLv3: '0',
  TLSv1: '1.0',
  TLSv1_2016: '1.0',
  'TLSv1.1_2016': '1.1',
  'TLSv1.2_2018': '1.2',
  'TLSv1.2_2019': '1.2',
  'TLSv1.2_2021': '1.2',
  'TLSv1.2_2025': '1.2',
  'TLSv1.3_2025': '1.3',
});

export function cloudFrontMinimum(name: string): string | undefined {
  return CLOUDFRONT[name];
}

/**
 * API Gateway's enhanced security policies whose TLS range the Developer Guide's table states
 * ("Security policies for REST APIs"); the names it gives only in SDK enums are left unknown.
 */
const API_GATEWAY_ENHANCED: Record<string, string> = table({
  SecurityPolicy_TLS13_1_3_2025_09: '1.3',
  SecurityPolicy_TLS13_1_3_FIPS_2025_09: '1.3',
  SecurityPolicy_TLS13_1_2_FIPS_PFS_PQ_2025_09: '1.2',
});

/** API Gateway custom domain security_policy → minimum TLS version. */
export function apiGatewayMinimum(name: string): string | undefined {
  const m = /^TLS_1_([0-3])$/.exec(name);
  return m ? `1.${m[1]}` : API_GATEWAY_ENHANCED[name];
}

/** OpenSearch and Elasticsearch domain endpoints' TLSSecurityPolicy → minimum TLS version (the API's valid values). */
const SEARCH_DOMAIN: Record<string, string> = table({
  'Policy-Min-TLS-1-0-2019-07': '1.0',
  'Policy-Min-TLS-1-2-2019-07': '1.2',
  'Policy-Min-TLS-1-2-PFS-2023-10': '1.2',
});

export function searchDomainMinimum(name: string): string | undefined {
  return SEARCH_DOMAIN[name];
}

export function belowTls12(version: string): boolean {
  return Number(version) < 1.2;
}

/**
 * ELB policies that enable neither OpenADR 2.0b suite (ECDHE-ECDSA-AES128-SHA256, AES128-SHA256):
 * the GCM-only ("Res") and TLS 1.3-only policies (tls-and-vpn-reference.md §1.2). Every other
 * listed policy enables at least one; a name not listed is not judged here.
 */
const NO_OPENADR_SUITE = new Set([
  'ELBSecurityPolicy-FS-1-2-Res-2020-10',
  'ELBSecurityPolicy-TLS13-1-2-Res-2021-06',
  'ELBSecurityPolicy-TLS13-1-3-2021-06',
  'ELBSecurityPolicy-TLS13-1-2-Res-FIPS-2023-04',
  'ELBSecurityPolicy-TLS13-1-3-FIPS-2023-04',
  'ELBSecurityPolicy-TLS13-1-2-Res-PQ-2025-09',
  'ELBSecurityPolicy-TLS13-1-3-PQ-2025-09',
  'ELBSecurityPolicy-TLS13-1-2-Res-FIPS-PQ-2025-09',
  'ELBSecurityPolicy-TLS13-1-3-FIPS-PQ-2025-09',
]);

/** The policy offers no OpenADR 2.0b cipher suite: an OpenADR peer cannot complete the handshake. */
export function lacksOpenAdrSuites(policy: string): boolean {
  return NO_OPENADR_SUITE.has(policy);
}
