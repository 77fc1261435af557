/**
 * asset-inventory-tags — (4)エ 機器・データの把握: every compute, network and storage resource in a
 * zone carries the inventory tags of `options.required` (default `owner`), so that the system's
 * devices and data stores can be listed from the code. A tag with an empty value is missing. The AWS
 * provider's `default_tags` count (the model's `tags_all`, as a plan writes it too); CloudFormation
 * stack-level tags are given at deploy time and are not in the template, so they do not.
 */
import type { ModelResource } from '../model/resource.js';
import { Unknown } from '../model/value.js';
import { spanOf } from '../model/read.js';
import { defineRule } from './rule.js';
import { tagEntry } from './utils/tags.js';

/** Resource types that take tags and stand for a device, a network element or a data store. */
const INVENTORY_TYPES = new Set([
  'aws_instance', 'aws_launch_template', 'aws_ebs_volume', 'aws_network_interface', 'aws_eip',
  'aws_vpc', 'aws_subnet', 'aws_security_group', 'aws_route_table', 'aws_network_acl', 'aws_internet_gateway', 'aws_egress_only_internet_gateway',
  'aws_nat_gateway', 'aws_vpn_gateway', 'aws_vpn_connection', 'aws_customer_gateway', 'aws_ec2_transit_gateway', 'aws_ec2_transit_gateway_vpc_attachment',
  'aws_vpc_endpoint', 'aws_vpc_peering_connection', 'aws_networkfirewall_firewall', 'aws_lb', 'aws_lb_target_group',
  'aws_db_instance', 'aws_rds_cluster', 'aws_s3_bucket', 'aws_efs_file_system', 'aws_dynamodb_table', 'aws_elasticache_replication_group',
  'aws_lambda_function', 'aws_ecs_cluster', 'aws_ecs_service', 'aws_kms_key', 'aws_secretsmanager_secret',
]);

interface Options {
  required: string[];
}

export default defineRule({
  id: 'asset-inventory-tags',
  scope: (s) => s.has(...INVENTORY_TYPES),
  messages: {
    missing: {
      en: '{{resource}} in zone {{zone}} lacks the inventory tag{{plural}} {{tags}}',
      ja: 'ゾーン {{zone}} の {{resource}} に資産管理用のタグ {{tags}} がありません{{plural}}',
    },
    unknown: {
      en: 'the tags of {{resource}} in zone {{zone}} are known only after apply; the inventory tag{{plural}} {{tags}} may be missing',
      ja: 'ゾーン {{zone}} の {{resource}} のタグは apply 後まで確定しないため、資産管理用のタグ {{tags}} が欠けている可能性があります{{plural}}',
    },
    unknownValue: {
      en: 'the value of the inventory tag{{plural}} {{tags}} of {{resource}} in zone {{zone}} is known only after apply and may be empty',
      ja: 'ゾーン {{zone}} の {{resource}} の資産管理用のタグ {{tags}} の値は apply 後まで確定しないため、空である可能性があります{{plural}}',
    },
  },
  optionsSchema: {
    type: 'object',
    additionalProperties: false,
    properties: {
      required: { type: 'array', items: { type: 'string', minLength: 1 }, minItems: 1, description: 'Tag keys every resource in a zone must carry with a non-empty value (default: owner).' },
    },
  },
  defaultOptions: { required: ['owner'] } as Options,
  check(ctx) {
    for (const r of ctx.model.resources) {
      // A list entry made a resource of its own (ModelResource.partOf) cannot be tagged: its template resource is judged.
      if (r.mode !== 'managed' || r.partOf !== undefined || !INVENTORY_TYPES.has(r.type) || !ctx.zones.isProtected(r.address)) continue;
      check(r);
    }
    function check(r: ModelResource): void {
      const zone = ctx.zones.zoneOf(r.address) ?? '(none declared)';
      const at = () => (r.attributes['tags'] !== undefined ? spanOf(r, 'tags') : r.span);
      const say = (missing: string[]) => ({ resource: r.address, zone, tags: missing.join(', ') });
      const words = (missing: string[]) => ({ plural: { en: missing.length > 1 ? 's' : '', ja: '' } });
      const entries = ctx.options.required.map((k) => ({ k, ...tagEntry(r, k) }));
      // Tags known only after apply may lack the keys the resource does not set itself.
      const unseen = entries.filter((e) => e.unknownMap);
      if (unseen.length) ctx.report({ messageId: 'unknown', data: say(unseen.map((e) => e.k)), words: words(unseen.map((e) => e.k)), resource: r, at: at(), unknowns: [unseen[0]!.unknownMap!] });
      const present = (v: unknown): boolean => (typeof v === 'string' ? v.trim() !== '' : v !== undefined && v !== null);
      const missing = entries.filter((e) => !e.unknownMap && !(e.value instanceof Unknown) && !present(e.value)).map((e) => e.k);
      if (missing.length) ctx.report({ messageId: 'missing', data: say(missing), words: words(missing), resource: r, at: at() });
      // A key whose value is known only after apply is there, but its value may yet be empty.
      const open = entries.filter((e): e is { k: string; value: Unknown } => e.value instanceof Unknown);
      if (open.length) ctx.report({ messageId: 'unknownValue', data: say(open.map((e) => e.k)), words: words(open.map((e) => e.k)), resource: r, at: at(), unknowns: open.map((e) => e.value) });
    }
  },
});
