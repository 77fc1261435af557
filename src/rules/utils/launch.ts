/**
 * What an Auto Scaling group launches its instances from, for the rules that judge those instances
 * by their launch template or configuration.
 */
import type { ModelResource } from '../../model/resource.js';
import type { Span } from '../../model/source.js';
import { blocks, refsOf, spanOf, textOf } from '../../model/read.js';
import { Unknown, isObject, type ObjectValue, type Value } from '../../model/value.js';

type LaunchType = 'aws_launch_template' | 'aws_launch_configuration';

/**
 * The addresses a launch template or configuration setting names: by reference, or by its name as
 * text (a reference to a template's name evaluates to it; the CDK writes a template's name as text)
 * when exactly one resource of the type has that name.
 */
export function named(v: Value, type: LaunchType, resources: readonly ModelResource[]): string[] {
  const refs = refsOf(v);
  if (refs.length || typeof v !== 'string') return refs;
  const same = resources.filter((r) => r.mode === 'managed' && r.type === type && r.attributes['name'] === v);
  return same.length === 1 ? [same[0]!.address] : [];
}

/** Groups that launch instances from a launch template: Auto Scaling groups, EKS managed node groups. */
export const LAUNCHING_GROUPS: ReadonlySet<string> = new Set(['aws_autoscaling_group', 'aws_eks_node_group']);

/** Where a group's instances run: the group's own place (by its tags), then its subnets (an Auto Scaling group's vpc_zone_identifier, a node group's subnet_ids). */
export function groupPlaces(g: ModelResource): string[] {
  return [g.address, ...refsOf(g.attributes[g.type === 'aws_eks_node_group' ? 'subnet_ids' : 'vpc_zone_identifier'])];
}

/** One thing a group launches from: the paths and values of the id and name that name it (either may be unset). */
interface Source {
  type: LaunchType;
  values: Array<[path: string, value: Value]>;
}

/** The first block of a list, the Unknown that stands for the list, or none. */
function first(v: ObjectValue[] | Unknown): ObjectValue | Unknown | undefined {
  return v instanceof Unknown ? v : v[0];
}

/**
 * The launch settings of a group (or an instance): its launch_template, its mixed instances policy's
 * template and those of the policy's overrides, its launch configuration; where a block list is not
 * known, the Unknown that stands for it and its path.
 */
function sources(g: ModelResource): Array<Source | { path: string; unknown: Unknown }> {
  const out: Array<Source | { path: string; unknown: Unknown }> = [];
  const lt = first(blocks(g, 'launch_template'));
  if (lt instanceof Unknown) out.push({ path: 'launch_template', unknown: lt });
  else if (lt) out.push({ type: 'aws_launch_template', values: [['launch_template[0].id', lt['id'] ?? null], ['launch_template[0].name', lt['name'] ?? null]] });
  const mixed = first(blocks(g, 'mixed_instances_policy'));
  if (mixed instanceof Unknown) out.push({ path: 'mixed_instances_policy', unknown: mixed });
  else if (mixed) {
    const mlt = first(blocks(mixed, 'launch_template'));
    if (mlt instanceof Unknown) out.push({ path: 'mixed_instances_policy[0].launch_template', unknown: mlt });
    else if (mlt) {
      const spec = first(blocks(mlt, 'launch_template_specification'));
      const path = 'mixed_instances_policy[0].launch_template[0].launch_template_specification';
      if (spec instanceof Unknown) out.push({ path, unknown: spec });
      else if (spec && isObject(spec)) out.push({ type: 'aws_launch_template', values: [[`${path}[0].launch_template_id`, spec['launch_template_id'] ?? null], [`${path}[0].launch_template_name`, spec['launch_template_name'] ?? null]] });
      // An override may launch its instance types from a template of its own.
      const overrides = blocks(mlt, 'override');
      const base = 'mixed_instances_policy[0].launch_template[0].override';
      if (overrides instanceof Unknown) out.push({ path: base, unknown: overrides });
      else
        overrides.forEach((o, i) => {
          const os = first(blocks(o, 'launch_template_specification'));
          const at = `${base}[${i}].launch_template_specification`;
          if (os instanceof Unknown) out.push({ path: at, unknown: os });
          else if (os) out.push({ type: 'aws_launch_template', values: [[`${at}[0].launch_template_id`, os['launch_template_id'] ?? null], [`${at}[0].launch_template_name`, os['launch_template_name'] ?? null]] });
        });
    }
  }
  const lc = g.attributes['launch_configuration'];
  if (lc !== undefined && lc !== null) out.push({ type: 'aws_launch_configuration', values: [['launch_configuration', lc]] });
  return out;
}

/** The template or configuration a source names, when the configuration manages it. */
function resolve(s: Source, resources: readonly ModelResource[], resource: (address: string) => ModelResource | undefined): string | undefined {
  for (const [, v] of s.values) {
    for (const ref of named(v, s.type, resources)) {
      const t = resource(ref);
      if (t && t.mode === 'managed' && t.type === s.type) return t.address;
    }
  }
  return undefined;
}

/** The templates and configurations of the configuration a group (or an instance) launches from. */
export function launchedFrom(g: ModelResource, resources: readonly ModelResource[], resource: (address: string) => ModelResource | undefined = (a) => resources.find((r) => r.address === a)): string[] {
  return sources(g).flatMap((s) => ('unknown' in s ? [] : (resolve(s, resources, resource) ?? [])));
}

/** A launch setting of a group whose template or configuration is not known: where it is written, and why. */
export interface UnknownLaunch {
  at: Span;
  unknown: Unknown;
}

/**
 * What a group (or an instance, by its launch_template) launches from that the configuration does
 * not show: a template or configuration named by a value not known before apply (a variable without
 * value, a data source), by text that names none of the configuration's, or a launch setting whose
 * blocks are not known. Instances launched from it may have any settings: a rule that reads them
 * judges the group as possible, resting on the returned Unknown.
 */
export function launchedFromUnknown(g: ModelResource, resources: readonly ModelResource[], resource: (address: string) => ModelResource | undefined): UnknownLaunch[] {
  const out: UnknownLaunch[] = [];
  for (const s of sources(g)) {
    if ('unknown' in s) {
      const at = spanOf(g, s.path);
      out.push({ at, unknown: new Unknown(`the launch template or configuration of ${g.address} is not known (${s.unknown.reason})`, at) });
      continue;
    }
    if (resolve(s, resources, resource)) continue;
    const named = s.values.find(([, x]) => x !== null && x !== undefined);
    if (named === undefined) continue;
    const [path, v] = named;
    const at = spanOf(g, path);
    const what = s.type === 'aws_launch_template' ? 'launch template' : 'launch configuration';
    const reason = v instanceof Unknown ? `the ${what} of ${g.address} is not known (${v.reason})` : `the ${what} of ${g.address} is not in the configuration (${textOf(v)})`;
    out.push({ at, unknown: new Unknown(reason, at) });
  }
  return out;
}
