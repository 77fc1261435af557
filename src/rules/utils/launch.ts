/**
 * What an Auto Scaling group launches its instances from, for the rules that judge those instances
 * by their launch template or configuration.
 */
import type { ModelResource } from '../../model/resource.js';
import { blocks, refsOf } from '../../model/read.js';
import { Unknown, isObject, type Value } from '../../model/value.js';

/**
 * The addresses a launch template or configuration setting names: by reference, or by its name as
 * text (a reference to a template's name evaluates to it; the CDK writes a template's name as text)
 * when exactly one resource of the type has that name.
 */
export function named(v: Value, type: 'aws_launch_template' | 'aws_launch_configuration', resources: readonly ModelResource[]): string[] {
  const refs = refsOf(v);
  if (refs.length || typeof v !== 'string') return refs;
  const same = resources.filter((r) => r.mode === 'managed' && r.type === type && r.attributes['name'] === v);
  return same.length === 1 ? [same[0]!.address] : [];
}

/** Where an Auto Scaling group's instances run: the group's own place (by its tags), then the subnets of its vpc_zone_identifier. */
export function groupPlaces(g: ModelResource): string[] {
  return [g.address, ...refsOf(g.attributes['vpc_zone_identifier'])];
}

/** What an Auto Scaling group launches from: its launch_template, its mixed instances policy's template, its launch configuration. */
export function launchedFrom(g: ModelResource, resources: readonly ModelResource[]): string[] {
  const first = (v: ReturnType<typeof blocks>) => (v instanceof Unknown ? undefined : v[0]);
  const lt = first(blocks(g, 'launch_template'));
  const mixed = first(blocks(g, 'mixed_instances_policy'));
  const mlt = mixed && Array.isArray(mixed['launch_template']) ? mixed['launch_template'][0] : undefined;
  const spec = mlt && isObject(mlt) && Array.isArray(mlt['launch_template_specification']) ? mlt['launch_template_specification'][0] : undefined;
  const specObj = spec && isObject(spec) ? spec : undefined;
  return [
    ...named(lt?.['id'] ?? lt?.['name'] ?? null, 'aws_launch_template', resources),
    ...named(specObj?.['launch_template_id'] ?? specObj?.['launch_template_name'] ?? null, 'aws_launch_template', resources),
    ...named(g.attributes['launch_configuration'] ?? null, 'aws_launch_configuration', resources),
  ];
}
