/** Every rule, by id (sorted). A rule's id is also the name of its test and its doc. */
import defaultSecurityGroupClosed from './default-security-group-closed.js';
import dispatchLinkNoPublicAddress from './dispatch-link-no-public-address.js';
import flowLogsEnabled from './flow-logs-enabled.js';
import ingressFromDeclaredSources from './ingress-from-declared-sources.js';
import instanceMetadataV2 from './instance-metadata-v2.js';
import type { AnyRule } from './rule.js';
import tlsMinimumVersion from './tls-minimum-version.js';

export const rules: ReadonlyMap<string, AnyRule> = new Map<string, AnyRule>(
  [defaultSecurityGroupClosed, dispatchLinkNoPublicAddress, flowLogsEnabled, ingressFromDeclaredSources, instanceMetadataV2, tlsMinimumVersion].map(
    (r) => [r.id, r as unknown as AnyRule],
  ),
);
