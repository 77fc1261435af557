/** Every rule, by id (sorted). A rule's id is also the name of its test and its doc. */
import adminPrivilegesScoped from './admin-privileges-scoped.js';
import assetInventoryTags from './asset-inventory-tags.js';
import auditTrailTamperEvident from './audit-trail-tamper-evident.js';
import connectionPointDefended from './connection-point-defended.js';
import connectionPointLogging from './connection-point-logging.js';
import connectionPointsMinimal from './connection-points-minimal.js';
import dataAtRestEncrypted from './data-at-rest-encrypted.js';
import defaultSecurityGroupClosed from './default-security-group-closed.js';
import dispatchChannelConformance from './dispatch-channel-conformance.js';
import dispatchLinkBufferZone from './dispatch-link-buffer-zone.js';
import dispatchLinkInternetIsolation from './dispatch-link-internet-isolation.js';
import dispatchLinkNoPublicAddress from './dispatch-link-no-public-address.js';
import externalTrafficEncrypted from './external-traffic-encrypted.js';
import fieldProtocolsContained from './field-protocols-contained.js';
import firewallDefaultAccept from './firewall-default-accept.js';
import firewallShadowedRule from './firewall-shadowed-rule.js';
import flowLogsEnabled from './flow-logs-enabled.js';
import ingressFromDeclaredSources from './ingress-from-declared-sources.js';
import instanceMetadataV2 from './instance-metadata-v2.js';
import interconnectionAuthenticated from './interconnection-authenticated.js';
import managementAccessRestricted from './management-access-restricted.js';
import noPublicDataStores from './no-public-data-stores.js';
import partnerAttestation from './partner-attestation.js';
import patchAndMalwareCoverage from './patch-and-malware-coverage.js';
import sourceDestCheck from './source-dest-check.js';
import tlsMinimumVersion from './tls-minimum-version.js';
import vpnCryptoStrength from './vpn-crypto-strength.js';
import zoneSegmentation from './zone-segmentation.js';
import type { AnyRule } from './rule.js';

export const rules: ReadonlyMap<string, AnyRule> = new Map<string, AnyRule>(
  [adminPrivilegesScoped, assetInventoryTags, auditTrailTamperEvident, connectionPointDefended, connectionPointLogging, connectionPointsMinimal, dataAtRestEncrypted, defaultSecurityGroupClosed, dispatchChannelConformance, dispatchLinkBufferZone, dispatchLinkInternetIsolation, dispatchLinkNoPublicAddress, externalTrafficEncrypted, fieldProtocolsContained, firewallDefaultAccept, firewallShadowedRule, flowLogsEnabled, ingressFromDeclaredSources, instanceMetadataV2, interconnectionAuthenticated, managementAccessRestricted, noPublicDataStores, partnerAttestation, patchAndMalwareCoverage, sourceDestCheck, tlsMinimumVersion, vpnCryptoStrength, zoneSegmentation].map(
    (r) => [r.id, r as unknown as AnyRule],
  ),
);
