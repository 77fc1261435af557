/**
 * data-at-rest-encrypted — (5)イ: the data stores of our zones are encrypted at rest. Judged where the
 * providers' defaults leave a store unencrypted (RDS instances and clusters, EBS volumes and instance
 * block devices, EFS, ElastiCache, DocumentDB, Neptune, OpenSearch and Elasticsearch domains) and
 * where an unset setting depends on the provider's version (Redshift); S3, DynamoDB and MSK encrypt
 * by default and are not judged. ElastiCache encrypts at rest only in replication groups: a cache
 * cluster of its own cannot be encrypted, and a member of a group is judged by its group. A volume
 * attached to an instance that the configuration does not hold may be unencrypted. An
 * `aws_ebs_encryption_by_default` that is enabled covers every EBS volume of the account. The EBS
 * volumes a launch template or launch configuration gives its instances are judged where those
 * instances run: a template in a zone, or one that an instance or an Auto Scaling group (EKS node
 * group) in a zone launches from, once.
 */
import { blocks, refsOf, spanOf, textOf } from '../model/read.js';
import type { ModelResource } from '../model/resource.js';
import { Unknown, type Value } from '../model/value.js';
import { bool } from '../graph/aws/common.js';
import { heldOf } from './utils/held.js';
import { LAUNCHING_GROUPS, groupPlaces, launchedFrom, launchedFromUnknown } from './utils/launch.js';
import { defineRule, type RuleContext } from './rule.js';
import { INSTANCE_TYPES, isInstance } from '../model/instances.js';
import { table } from '../model/table.js';

const messages = {
  unencrypted: {
    en: '{{resource}} stores data unencrypted at rest ({{setting}} is {{value}})',
    ja: '{{resource}} の保存データが暗号化されていません（{{setting}} が {{value}}）',
  },
  cacheCluster: {
    en: '{{resource}} is a cache cluster in no replication group, which ElastiCache cannot encrypt at rest',
    ja: '{{resource}} はレプリケーショングループに属さないキャッシュクラスターで、ElastiCache は保存時の暗号化ができません',
  },
  attachedUnknown: {
    en: '{{resource}} attaches volume {{volume}}, whose encryption at rest is not known',
    ja: '{{resource}} が接続するボリューム（{{volume}}）の保存時の暗号化は確定していません',
  },
  launchUnknown: {
    en: '{{resource}} launches from a launch template or configuration that the configuration does not show: whether its volumes are encrypted at rest is not known',
    ja: '{{resource}} は構成にない起動テンプレートまたは起動設定から起動するため、そのボリュームが保存時に暗号化されているかは確定していません',
  },
  cacheGroupUnknown: {
    en: '{{resource}} is a member of replication group {{group}}, whose encryption at rest is not known',
    ja: '{{resource}} はレプリケーショングループ {{group}} のメンバーで、その保存時の暗号化は確定していません',
  },
};

const CACHE_GROUPS: ReadonlySet<string> = new Set(['aws_elasticache_replication_group']);
const VOLUMES: ReadonlySet<string> = new Set(['aws_ebs_volume']);
const TEMPLATES: ReadonlySet<string> = new Set(['aws_launch_template', 'aws_launch_configuration']);
/** The root device names of Amazon's Linux and Windows AMIs: a mapping for one changes the AMI's own root volume. */
const ROOT_DEVICES: ReadonlySet<string> = new Set(['/dev/xvda', '/dev/sda1']);

/** The attribute that encrypts each type (the provider's default for all of them is false). */
const SETTINGS: Readonly<Record<string, string>> = table({
  aws_db_instance: 'storage_encrypted',
  aws_rds_cluster: 'storage_encrypted',
  aws_ebs_volume: 'encrypted',
  aws_efs_file_system: 'encrypted',
  aws_elasticache_replication_group: 'at_rest_encryption_enabled',
  // DocumentDB and Neptune clusters: the provider's storage_encrypted defaults to false, as RDS's does.
  aws_docdb_cluster: 'storage_encrypted',
  aws_neptune_cluster: 'storage_encrypted',
  // A search domain's encrypt_at_rest block (the provider's and the API's default: disabled).
  aws_opensearch_domain: 'encrypt_at_rest.enabled',
  aws_elasticsearch_domain: 'encrypt_at_rest.enabled',
  aws_redshift_cluster: 'encrypted',
});

/**
 * Redshift encrypts a new cluster when the request does not say (AWS's documentation, "Amazon
 * Redshift database encryption"), which is what CloudFormation sends for an unset `Encrypted`. The
 * AWS provider sends its own default instead: `false` before version 6, `true` from version 6 on. An
 * unset `encrypted` in Terraform therefore rests on the provider's version.
 */
function redshiftDefault(r: ModelResource): Unknown | undefined {
  if (r.nativeType !== undefined) return undefined;
  return new Unknown('encrypted is not set: the AWS provider creates the cluster unencrypted before version 6 and encrypted from version 6 on', r.span);
}

export default defineRule({
  id: 'data-at-rest-encrypted',
  scope: (s) => s.has(...Object.keys(SETTINGS), ...INSTANCE_TYPES, 'aws_elasticache_cluster', 'aws_volume_attachment', ...TEMPLATES),
  messages,
  defaultOptions: {},
  check(ctx) {
    const defaults = ctx.model.resources.filter((r) => r.mode === 'managed' && r.type === 'aws_ebs_encryption_by_default');
    const on = (r: ModelResource): boolean => r.attributes['enabled'] === undefined || r.attributes['enabled'] === null || bool(r.attributes['enabled']) === true;
    // Only a default that surely exists covers the volumes: one whose count or for_each is known only
    // after apply may be created zero times.
    const ebsByDefault = defaults.some((r) => on(r) && !r.expansion);
    // An account default not known before apply, or one that may not exist, may encrypt the volumes:
    // their findings are then possible.
    const ebsMaybe = [
      ...defaults.map((r) => r.attributes['enabled']).filter((v): v is Unknown => v instanceof Unknown),
      ...defaults.filter((r) => r.expansion && on(r)).map((r) => r.expansion!),
    ];
    // Templates and launch configurations are judged once: in their own zone, or for the first
    // instance or group in a zone that launches from them. One the configuration does not show may
    // give unencrypted volumes: the instance or group gets a possible finding where it names it.
    const judged = new Set<string>();
    const template = (t: ModelResource | undefined): void => {
      if (!t || t.mode !== 'managed' || !TEMPLATES.has(t.type) || judged.has(t.address)) return;
      judged.add(t.address);
      if (!ebsByDefault) launchVolumes(ctx, t, ebsMaybe);
    };
    const launches = (r: ModelResource): void => {
      for (const ref of launchedFrom(r, ctx.model.resources, (a) => ctx.resource(a))) template(ctx.resource(ref));
      if (ebsByDefault) return;
      for (const { at, unknown } of launchedFromUnknown(r, ctx.model.resources, (a) => ctx.resource(a))) {
        ctx.report({ messageId: 'launchUnknown', data: { resource: r.address }, resource: r, at, unknowns: [unknown, ...ebsMaybe] });
      }
    };
    for (const r of ctx.model.resources) {
      if (r.mode !== 'managed') continue;
      if (LAUNCHING_GROUPS.has(r.type) && groupPlaces(r).some((p) => ctx.zones.isProtected(p))) {
        launches(r);
        continue;
      }
      if (!ctx.zones.isProtected(r.address)) continue;
      if (TEMPLATES.has(r.type)) {
        template(r);
        continue;
      }
      if (isInstance(r.type)) {
        launches(r);
        if (ebsByDefault) continue;
        const devices = blocks(r, 'ebs_block_device');
        // Block devices not known before apply (a dynamic block over an unknown value) may be
        // unencrypted volumes: possible, never a pass. A plan's value the provider computes (the
        // configuration writes no block device) is none of the system's.
        if (devices instanceof Unknown) {
          if (r.computed?.has('ebs_block_device')) continue;
          judge(ctx, r, 'ebs_block_device', devices, ebsMaybe);
          continue;
        }
        devices.forEach((d, i) => judge(ctx, r, `ebs_block_device[${i}].encrypted`, d['encrypted'], ebsMaybe));
        continue;
      }
      // A volume attached to a protected instance that the configuration does not hold (a data
      // source, a variable without value, an id as text; CloudFormation's Volumes not known) may be
      // unencrypted: possible. One it holds is judged as itself, in the instance's zone.
      if (r.type === 'aws_volume_attachment') {
        if (ebsByDefault) continue;
        const v = r.attributes['volume_id'];
        if (v === undefined || v === null || heldOf(ctx, v, VOLUMES)) continue;
        const volume = v instanceof Unknown ? (refsOf(v)[0] ?? 'not known before apply') : textOf(v);
        const at = spanOf(r, 'volume_id');
        const why = v instanceof Unknown ? `the volume of ${r.address} is not known (${v.reason})` : `the volume of ${r.address} is not in the configuration (${volume})`;
        ctx.report({ messageId: 'attachedUnknown', data: { resource: r.address, volume }, resource: r, at, unknowns: [new Unknown(why, at), ...ebsMaybe] });
        continue;
      }
      if (r.type === 'aws_elasticache_cluster') {
        cacheCluster(ctx, r);
        continue;
      }
      const setting = SETTINGS[r.type];
      if (!setting) continue;
      if (setting === 'encrypt_at_rest.enabled') {
        const blocksOf = blocks(r, 'encrypt_at_rest');
        if (blocksOf instanceof Unknown) judge(ctx, r, 'encrypt_at_rest', blocksOf, []);
        else judge(ctx, r, blocksOf.length ? 'encrypt_at_rest[0].enabled' : 'encrypt_at_rest', blocksOf[0]?.['enabled'], []);
        continue;
      }
      if (r.type === 'aws_redshift_cluster' && (r.attributes['encrypted'] === undefined || r.attributes['encrypted'] === null)) {
        const doubt = redshiftDefault(r);
        if (doubt) judge(ctx, r, 'encrypted', undefined, [doubt], "not set (the provider's default depends on its version)");
        continue;
      }
      if (r.type === 'aws_ebs_volume' && ebsByDefault) continue;
      // Aurora instances take their cluster's encryption; serverless v1 clusters are always encrypted.
      if (r.type === 'aws_db_instance' && typeof r.attributes['engine'] === 'string' && r.attributes['engine'].startsWith('aurora')) continue;
      if (r.type === 'aws_rds_cluster' && r.attributes['engine_mode'] === 'serverless') continue;
      // A database restored from a snapshot, or a read replica, takes the encryption of what it is
      // made from when the setting is left unset (the provider sends none): possible, resting on that.
      const from = r.type === 'aws_db_instance' || r.type === 'aws_rds_cluster' ? madeFrom(r) : undefined;
      if (from && (r.attributes[setting] === undefined || r.attributes[setting] === null)) {
        judge(ctx, r, setting, undefined, [from], 'not set (taken from what it is created from)');
        continue;
      }
      // Valkey replication groups are encrypted at rest by default; an engine not known may be Valkey.
      if (r.type === 'aws_elasticache_replication_group' && r.attributes[setting] === undefined) {
        const engine = r.attributes['engine'];
        if (engine === 'valkey') continue;
        if (engine instanceof Unknown) {
          const doubt = new Unknown(`the engine of ${r.address} is not known (${engine.reason}): a Valkey group is encrypted at rest by default`, spanOf(r, 'engine'));
          judge(ctx, r, setting, undefined, [doubt], 'not set (the provider default is false, true for Valkey)');
          continue;
        }
      }
      judge(ctx, r, setting, r.attributes[setting], r.type === 'aws_ebs_volume' ? ebsMaybe : []);
    }
  },
});

/**
 * The EBS volumes a launch template's block_device_mappings (or a launch configuration's
 * ebs_block_device blocks, as an instance's) create. A mapping left without `encrypted` creates an
 * unencrypted volume, unless it starts from a snapshot, or changes the AMI's root volume, which then
 * takes that snapshot's encryption: possible, resting on it. Mappings that suppress a device
 * (`no_device`) or name an instance store (no `ebs` block) create no EBS volume. The root volume a
 * template leaves to the AMI is not judged, as an instance's is not.
 */
function launchVolumes(ctx: RuleContext<unknown, keyof typeof messages>, t: ModelResource, ebsMaybe: Unknown[]): void {
  const key = t.type === 'aws_launch_template' ? 'block_device_mappings' : 'ebs_block_device';
  const mappings = blocks(t, key);
  if (mappings instanceof Unknown) {
    if (!t.computed?.has(key)) judge(ctx, t, key, mappings, ebsMaybe);
    return;
  }
  mappings.forEach((m, i) => {
    if (t.type === 'aws_launch_configuration') return judge(ctx, t, `${key}[${i}].encrypted`, m['encrypted'], ebsMaybe);
    const noDevice = m['no_device'];
    if (typeof noDevice === 'string' && noDevice !== '') return;
    const ebs = blocks(m, 'ebs');
    if (ebs instanceof Unknown) return judge(ctx, t, `${key}[${i}].ebs`, ebs, ebsMaybe);
    const e = ebs[0];
    if (!e) return;
    const value = e['encrypted'];
    const unset = value === undefined || value === null || value === '';
    const path = `${key}[${i}].ebs[0].encrypted`;
    const snapshot = e['snapshot_id'];
    const device = m['device_name'];
    const doubts: Unknown[] = [];
    let from: string | undefined;
    // A plan writes an unset snapshot as "".
    if (unset && snapshot !== undefined && snapshot !== null && snapshot !== '') {
      from = 'not set (taken from the snapshot it starts from)';
      doubts.push(new Unknown(`${t.address} maps ${key}[${i}] to a volume from snapshot ${snapshot instanceof Unknown ? '(not known before apply)' : textOf(snapshot)}, whose encryption it takes`, spanOf(t, `${key}[${i}].ebs[0].snapshot_id`)));
    } else if (unset && (device instanceof Unknown || (typeof device === 'string' && ROOT_DEVICES.has(device)))) {
      from = "not set (taken from the AMI's snapshot if it is the root device)";
      doubts.push(new Unknown(`${t.address} maps ${device instanceof Unknown ? 'a device not known before apply' : device}, which may be the AMI's root device: its volume then takes the encryption of the AMI's snapshot`, spanOf(t, `${key}[${i}].device_name`)));
    }
    judge(ctx, t, path, unset ? undefined : value, [...doubts, ...ebsMaybe], from);
  });
}

/**
 * A node-based cache cluster. ElastiCache encrypts at rest only replication groups (AWS's
 * documentation, "At-Rest Encryption in ElastiCache"; neither the provider's aws_elasticache_cluster
 * nor CloudFormation's AWS::ElastiCache::CacheCluster has a setting for it), so a cluster of its own,
 * Memcached, Redis OSS or Valkey, stays unencrypted. A member of a group (replication_group_id) is
 * judged by the group when the configuration holds it; a group it does not hold, or one not known
 * before apply, may be unencrypted.
 */
function cacheCluster(ctx: RuleContext<unknown, keyof typeof messages>, r: ModelResource): void {
  const g = r.attributes['replication_group_id'];
  // A plan's value the provider computes (the configuration names no group) is no membership.
  if (g === undefined || g === null || (g instanceof Unknown && r.computed?.has('replication_group_id'))) {
    ctx.report({ messageId: 'cacheCluster', data: { resource: r.address }, resource: r });
    return;
  }
  if (heldOf(ctx, g, CACHE_GROUPS)) return;
  if (typeof g === 'string' && ctx.model.resources.some((x) => x.mode === 'managed' && CACHE_GROUPS.has(x.type) && x.attributes['replication_group_id'] === g)) return;
  const group = g instanceof Unknown ? (refsOf(g)[0] ?? 'not known before apply') : textOf(g);
  const why = g instanceof Unknown ? `the replication group of ${r.address} is not known (${g.reason})` : `the replication group of ${r.address} is not in the configuration (${group})`;
  ctx.report({ messageId: 'cacheGroupUnknown', data: { resource: r.address, group }, resource: r, at: spanOf(r, 'replication_group_id'), unknowns: [new Unknown(why, spanOf(r, 'replication_group_id'))] });
}

/** The snapshot or source database `r` is created from, as the Unknown its encryption rests on. */
function madeFrom(r: ModelResource): Unknown | undefined {
  for (const [key, what] of [['snapshot_identifier', 'the snapshot'], ['replicate_source_db', 'the source database'], ['replication_source_identifier', 'the source cluster']] as const) {
    const v = r.attributes[key];
    if (v === undefined || v === null) continue;
    const name = v instanceof Unknown ? '(not known before apply)' : textOf(v);
    return new Unknown(`${r.address} is created from ${what} ${name}, whose encryption it takes`, spanOf(r, key));
  }
  return undefined;
}

/** `unset` names an unset value whose default is not false (the finding then rests on `doubts`). */
function judge(ctx: RuleContext<unknown, keyof typeof messages>, r: ModelResource, setting: string, value: Value | undefined, doubts: Unknown[], unset = 'not set (the provider default is false)'): void {
  if (bool(value) === true) return;
  const set = value !== undefined && value !== null;
  ctx.report({
    messageId: 'unencrypted',
    data: { resource: r.address, setting, value: value instanceof Unknown ? 'not known before apply' : set ? textOf(value) : unset },
    resource: r,
    // The setting, else the block that lacks it, else the resource.
    at: spanOf(r, setting),
    ...(value instanceof Unknown || doubts.length ? { unknowns: [...(value instanceof Unknown ? [value] : []), ...doubts] } : {}),
  });
}
