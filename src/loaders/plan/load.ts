/**
 * `terraform show -json` plans (format_version 0.x and 1.x) as model resources: the future system is
 * `planned_values` (root and child modules; `count`/`for_each` instances by their address). An
 * attribute the plan marks in `after_unknown` is an Unknown; when the plan's `configuration` says
 * which resource the attribute's expression refers to (`vpc_id = aws_vpc.main.id`), the Unknown
 * names that resource, so that a subnet whose VPC id is known only after apply still joins its VPC.
 * Every value keeps its place in the plan file. A current object that `resource_changes` plans to
 * exist (its `after` an object) must be in planned_values: a plan cut of it is an error, not a
 * system without it. The caller decodes the file (UTF-16 plans with a
 * byte-order mark too: ../file-head.ts readInputText).
 *
 * References are read as traversals (a quoted instance key may hold dots and brackets). A
 * reference names an instance when it writes a literal key or the resource has only one;
 * otherwise it stays at the resource level, any instance: the plan does not say which instance an
 * index expression picks (`aws_subnet.a[count.index + 1]`, `aws_subnet.this[each.value]`).
 */
import { InputError } from '../../model/errors.js';
import type { ModelResource } from '../../model/resource.js';
import { LazySources } from '../../model/lazy-sources.js';
import { SourceFile, type Span } from '../../model/source.js';
import { TfSet, Unknown, newObject, type Value } from '../../model/value.js';
import { parseJsonSections, parsePositionedJsonAt, type JsonCursor, type JsonTree, type PlainJson, type PositionedJson } from '../json.js';
import { addTo } from '../../model/multimap.js';
import { isIndex, joinSteps, traversalSteps, withoutLastKey } from '../address.js';
import { checkYoungGeneration } from '../../model/young-generation.js';
import { table } from '../../model/table.js';

type JObject = Extract<PositionedJson, { t: 'object' }>;
/** The plan as parsed: positioned, each resource of planned_values plain (PlainJson) unless the parse fell back or positions were asked for throughout. */
type PlanNode = JsonTree<PlainJson>;

export interface PlanLoad {
  resources: ModelResource[];
  /** Objects the plan forgets (a removed block with destroy = false): they stay in the cloud, unmanaged; at the plan's planned_values. */
  forgotten: Array<{ address: string; span: Span }>;
  /** Root-module variable values the plan was made with, as the typed values the plan writes (a list is a list). */
  variables: Array<{ name: string; value: Value }>;
}

/** The plan's members read with their places; the rest (configuration, changes, state) as plain JSON. */
const POSITIONED: ReadonlySet<string> = new Set(['format_version', 'planned_values']);

/**
 * `values: 'plain'` (the default) reads each resource of planned_values as JSON.parse does, keeping
 * its span: the positions inside are parsed again, from the text, for the few a finding, an error or
 * an unknown value asks for. 'positioned' parses them with positions at once, the reference that the
 * plain reading must match (test/plan/plain-values.test.ts).
 */
export function loadPlan(file: SourceFile, values: 'plain' | 'positioned' = 'plain'): PlanLoad {
  const { root, plain } = parseJsonSections(file, 'plan', POSITIONED, { ...(values === 'plain' ? { plainItems: 'resources' } : {}), readers: { configuration: readConfiguration, resource_changes: readChanges } });
  if (root.t !== 'object') throw new InputError('plan', 'A plan must be a JSON object', span(file, root));
  const versionNode = get(root, 'format_version');
  const version = str(versionNode);
  if (versionNode && version === undefined) throw new InputError('plan', '"format_version" must be text, as Terraform writes it ("1.2")', span(file, versionNode));
  if (version === undefined) throw new InputError('plan', 'Not a Terraform plan: "format_version" is missing', span(file, root));
  if (!/^[01]\.\d+$/.test(version)) throw new InputError('plan', `Plan format ${version} is not supported (0.x and 1.x are)`, span(file, get(root, 'format_version')!));
  const planned = get(root, 'planned_values');
  if (!planned) throw new InputError('plan', 'The plan has no "planned_values": write it with `terraform show -json PLANFILE` from a saved plan', span(file, root));
  if (planned.t !== 'object') throw new InputError('plan', '"planned_values" must be a JSON object', span(file, planned));
  const changes = (plain['resource_changes'] ?? []) as Change[];
  const unknowns = afterUnknownByAddress(changes);
  const deleted = deletedAddresses(changes);
  const refs = new References(plain['configuration'] as Configuration | undefined);
  const resources: ModelResource[] = [];
  const held = new Set<string>();
  // The shape Terraform writes, checked as it is read: a part of another shape would be read as
  // no resources, and the plan would pass for a system without them.
  const visit = (mod: PlanNode, callers: Span[]): void => {
    if (mod.t !== 'object') throw new InputError('plan', 'A module of planned_values must be a JSON object', span(file, mod));
    for (const node of listIn(file, get(mod, 'resources'), 'resources')) {
      const r = plannedResource(file, node);
      const { address, type, name } = r;
      if (!address || !type || !name) throw new InputError('plan', 'A resource of planned_values must have "address", "type" and "name" as text', r.span);
      held.add(address);
      checkYoungGeneration();
      const values = r.values;
      // No values (or null): a resource the plan forgets (a removed block that keeps the object), as
      // Terraform 1.7 to 1.15 write it; it leaves the configuration like a deleted one.
      if (!values || values.t === 'null' || (values.t === 'lazy' && values.value === null) || deleted.has(address)) continue;
      if (!(values.t === 'object' || (values.t === 'lazy' && obj(values.value)))) throw new InputError('plan', `The "values" of ${address} must be a JSON object`, r.valuesSpan());
      const mode = r.mode === 'data' ? 'data' : 'managed';
      const moduleAddress = address.includes('.') && address.startsWith('module.') ? address.slice(0, address.lastIndexOf(mode === 'data' ? '.data.' : `.${type}.`)) : '';
      const after = unknowns.get(address);
      const { attributes, sources } = readValues(file, values, after, address, refs.forResource(moduleAddress, type, name));
      // Attributes the plan leaves out of `values` because they are unknown; those the configuration
      // does not write are the provider's to compute (all of them, when the plan has no configuration).
      let computed: Set<string> | undefined;
      if (after && typeof after === 'object' && !Array.isArray(after)) {
        const writtenKeys = refs.written(moduleAddress, type, name);
        for (const k in after) {
          if (k in attributes || !marksUnknown((after as Record<string, unknown>)[k])) continue;
          if (!writtenKeys?.has(k)) (computed ??= new Set()).add(k);
          // An unknown naming several resources is a list of their ids (subnet_ids = [a.id, b.id]).
          const targets = refs.allForResource(moduleAddress, type, name)(k);
          attributes[k] = targets.length > 1 ? targets.map((t, i) => unknownOf(address, `${k}[${i}]`, r.span, t)) : unknownOf(address, k, r.span, targets[0]);
        }
      }
      // Rule and route lists that the configuration does not write are empty, not unknown: the
      // provider computes them only to show rules managed elsewhere (as the HCL front end reads them).
      for (const k of CONFIG_MODE_LISTS[type] ?? []) {
        if (!(attributes[k] instanceof Unknown)) continue;
        const written = refs.written(moduleAddress, type, name);
        if (written && !written.has(k)) attributes[k] = [];
        else {
          // Blocks written literally in the configuration, whose values wait for another resource's id
          // (a route to an internet gateway): rebuilt from the expressions, references kept.
          const rebuilt = refs.blocks(moduleAddress, type, name, k, address, attributes[k] as Unknown);
          if (rebuilt) attributes[k] = rebuilt;
        }
      }
      resources.push({
        address,
        mode,
        type,
        name,
        provider: refs.providerOf(moduleAddress, type, name) ?? r.providerName?.replace(/^registry\.terraform\.io\/hashicorp\//, '') ?? type.split('_')[0]!,
        module: moduleAddress,
        span: r.span,
        callers,
        attributes,
        sources,
        ...(computed ? { computed } : {}),
      });
    }
    for (const c of listIn(file, get(mod, 'child_modules'), 'child_modules')) visit(c, callers);
  };
  const rootModule = get(planned, 'root_module');
  if (!rootModule) throw new InputError('plan', '"planned_values" has no "root_module"', span(file, planned));
  visit(rootModule, []);
  const missing = plannedButNotHeld(changes, held);
  if (missing) throw new InputError('plan', `"resource_changes" plans ${missing} to exist, but "planned_values" does not hold it: the plan is incomplete (write it whole with \`terraform show -json PLANFILE\`)`, span(file, planned));
  refs.resolve(resources);
  const variables: PlanLoad['variables'] = [];
  for (const [name, entry] of Object.entries(obj(plain['variables']) ?? {})) {
    const v = obj(entry)?.['value'];
    if (v !== undefined) variables.push({ name, value: plainValue(v) });
  }
  const forgotten = forgottenAddresses(changes).map((address) => ({ address, span: span(file, planned) }));
  return { resources, variables, forgotten };
}

/** Attributes in "attributes as blocks" mode whose absence from the configuration means an empty list (a table: any type name may be looked up). */
const CONFIG_MODE_LISTS: Readonly<Record<string, readonly string[]>> = table({
  aws_security_group: ['ingress', 'egress'],
  aws_default_security_group: ['ingress', 'egress'],
  aws_network_acl: ['ingress', 'egress'],
  aws_default_network_acl: ['ingress', 'egress'],
  aws_route_table: ['route'],
  aws_default_route_table: ['route'],
});

/** What the loader reads of a `resource_changes` entry. */
interface Change {
  address: string | undefined;
  /** The planned actions ("create", "delete", "forget"), the texts among them. */
  actions: Array<string | undefined>;
  /** `change.after_unknown`, plain JSON. */
  afterUnknown: unknown;
  /** Whether `change.after` is an object: the object will exist after apply. */
  afterIsObject: boolean;
}

/**
 * The `resource_changes` entries of current objects, read one at a time: the values before and after
 * each change, most of the list, are not kept (planned_values holds the values that will exist). An
 * entry with `deposed` set is an older object of the same address kept for create-before-destroy,
 * planned for deletion: the address's current object (in planned_values) has its own entry, which
 * alone says what is unknown or deleted. Another shape than a list is read as no changes.
 */
function readChanges(c: JsonCursor): Change[] {
  const out: Change[] = [];
  c.items(() => {
    checkYoungGeneration();
    const rc = obj(c.plain());
    const deposed = rc?.['deposed'];
    if (deposed !== undefined && deposed !== null && deposed !== '') return;
    const change = obj(rc?.['change']);
    out.push({ address: text(rc?.['address']), actions: list(change?.['actions']).map(text), afterUnknown: change?.['after_unknown'], afterIsObject: obj(change?.['after']) !== undefined });
  });
  return out;
}

/** Per resource address, its `after_unknown` tree (plain JSON). */
function afterUnknownByAddress(changes: readonly Change[]): Map<string, unknown> {
  const out = new Map<string, unknown>();
  for (const rc of changes) if (rc.address && rc.afterUnknown !== undefined) out.set(rc.address, rc.afterUnknown);
  return out;
}

/**
 * The first current object that `resource_changes` plans to exist after apply (its `after` is an
 * object) and `planned_values` does not list: Terraform lists every one, so a plan without it has
 * been cut, and read as it is it would pass for a system without that resource.
 */
function plannedButNotHeld(changes: readonly Change[], held: ReadonlySet<string>): string | undefined {
  return changes.find((rc) => rc.address && rc.afterIsObject && !held.has(rc.address))?.address;
}

/** Addresses the plan forgets: removed from the state, not destroyed (Terraform 1.7 on writes the action "forget"). */
function forgottenAddresses(changes: readonly Change[]): string[] {
  return changes.flatMap((rc) => (rc.address && rc.actions.includes('forget') ? [rc.address] : []));
}

/** Resources the plan deletes without replacing: not part of the system that will exist. */
function deletedAddresses(changes: readonly Change[]): Set<string> {
  const out = new Set<string>();
  for (const rc of changes) if (rc.address && rc.actions.length === 1 && rc.actions[0] === 'delete') out.add(rc.address);
  return out;
}

/** A resource's `values`: positioned, or read as JSON.parse reads them with their positioned tree on demand. */
type ValuesNode = PlanNode | { t: 'lazy'; value: unknown; tree: () => JObject | undefined };

/** A resource of planned_values as the loader reads it. */
interface PlannedResource {
  address: string | undefined;
  type: string | undefined;
  name: string | undefined;
  mode: string | undefined;
  providerName: string | undefined;
  span: Span;
  /** Its `values`, undefined when it has none. */
  values: ValuesNode | undefined;
  /** The place of its `values` (present), for an error about them. */
  valuesSpan(): Span;
}

/**
 * A resource of planned_values, from the parse: read plain (JSON.parse; a member written twice, the
 * later), its members' places parsed again from the text when asked; or positioned throughout (the
 * reference reading, or the full parse's fallback). Anything but an object is an error at its place.
 */
function plannedResource(file: SourceFile, node: PlanNode): PlannedResource {
  const at = span(file, node);
  if (node.t === 'plain') {
    const v = obj(node.value);
    if (!v) throw new InputError('plan', 'A resource of planned_values must be a JSON object', at);
    // The closures keep where the resource is, not what JSON.parse made of it: a source index is kept
    // for the whole run, and the values are the model's by then.
    const { start, depth } = node;
    let tree: JObject | undefined;
    const values = (): PositionedJson => {
      tree ??= parsePositionedJsonAt(file, 'plan', start, depth) as JObject;
      return get(tree, 'values') as PositionedJson;
    };
    const valuesObject = (): JObject | undefined => {
      const t = values();
      return t.t === 'object' ? t : undefined;
    };
    return {
      address: text(v['address']),
      type: text(v['type']),
      name: text(v['name']),
      mode: text(v['mode']),
      providerName: text(v['provider_name']),
      span: at,
      values: v['values'] === undefined ? undefined : { t: 'lazy', value: v['values'], tree: valuesObject },
      valuesSpan: () => span(file, values()),
    };
  }
  if (node.t !== 'object') throw new InputError('plan', 'A resource of planned_values must be a JSON object', at);
  const values = get(node, 'values');
  return {
    address: str(get(node, 'address')),
    type: str(get(node, 'type')),
    name: str(get(node, 'name')),
    mode: str(get(node, 'mode')),
    providerName: str(get(node, 'provider_name')),
    span: at,
    values,
    valuesSpan: () => span(file, values!),
  };
}

/**
 * A resource's `values` as attributes, with their source index. Values read plain become attributes
 * as they are, unless `after_unknown` marks something among them unknown: an Unknown keeps the
 * place of its value, so those are parsed again with positions (as the full parse would have
 * given them).
 */
function readValues(file: SourceFile, values: ValuesNode, after: unknown, address: string, refOf: (path: string) => string | undefined): { attributes: Record<string, Value>; sources: PlanSources } {
  if (values.t === 'lazy') {
    const v = obj(values.value)!;
    const marks = objectMarks(after);
    const placed = marks !== undefined && Object.keys(marks).some((k) => Object.hasOwn(v, k) && marksUnknown(marks[k]));
    if (!placed) return { attributes: plainValue(v) as Record<string, Value>, sources: new PlanSources(file, values.tree, after) };
    const tree = values.tree()!;
    return { attributes: toObject(file, tree, after, '', address, refOf), sources: new PlanSources(file, tree, after) };
  }
  // Positioned throughout (the reference reading, or the full parse's fallback).
  const tree = values.t === 'object' ? (values as JObject) : undefined;
  return { attributes: tree ? toObject(file, tree, after, '', address, refOf) : newObject(), sources: new PlanSources(file, tree, after) };
}

/** A plan value as a model value, unknown where `after_unknown` says so (PlanSources places its paths). */
function toObject(file: SourceFile, node: JObject, after: unknown, prefix: string, address: string, refOf: (path: string) => string | undefined): Record<string, Value> {
  const o = newObject();
  const marks = objectMarks(after);
  for (const e of node.entries) {
    const path = prefix ? `${prefix}.${e.key}` : e.key;
    o[e.key] = toValue(file, e.value, marks?.[e.key], path, address, refOf);
  }
  // Terraform leaves unknown attributes out of the values (`after_unknown` still names them): they
  // are Unknown here, never "not set". The top level is filled by loadPlan, which joins references.
  if (prefix && marks) {
    for (const k in marks) {
      if (!(k in o) && marksUnknown(marks[k])) o[k] = unknownOf(address, `${prefix}.${k}`, span(file, node), refOf(`${prefix}.${k}`));
    }
  }
  return o;
}

function toValue(file: SourceFile, node: PositionedJson, after: unknown, path: string, address: string, refOf: (path: string) => string | undefined): Value {
  if (after === true) return unknownOf(address, path, span(file, node), refOf(path));
  switch (node.t) {
    case 'object':
      return toObject(file, node, after, path, address, refOf);
    case 'array': {
      const list = node.items.map((item, i) => toValue(file, item, Array.isArray(after) ? after[i] : undefined, `${path}[${i}]`, address, refOf));
      // Unknown elements the plan leaves out: a list that grows at apply.
      if (Array.isArray(after)) for (let i = node.items.length; i < after.length; i++) if (after[i] === true) list.push(unknownOf(address, `${path}[${i}]`, span(file, node), refOf(path)));
      return list;
    }
    case 'string':
      return node.value;
    case 'number':
      return node.value;
    case 'bool':
      return node.value;
    case 'null':
      return null;
  }
}

/** An `after_unknown` subtree's marks per key, when it is an object. */
function objectMarks(after: unknown): Record<string, unknown> | undefined {
  return after && typeof after === 'object' && !Array.isArray(after) ? (after as Record<string, unknown>) : undefined;
}

/**
 * The span of every value of a resource's `values` by its path (`a`, `a.b`, `a[0].b`, as toValue
 * names them), down to the first value `after_unknown` marks unknown. Read from the positioned tree
 * when asked: findings ask for a few paths, a plan holds hundreds of thousands. Keys may hold dots or
 * brackets; a path that two values spell alike is the later one's, as in an index filled in order.
 */
class PlanSources extends LazySources {
  constructor(
    private readonly file: SourceFile,
    /** The positioned values, or how to parse them on first need. */
    private from: JObject | (() => JObject | undefined) | undefined,
    private after: unknown,
  ) {
    super();
  }

  private get tree(): JObject | undefined {
    const v = this.from;
    return typeof v === 'function' ? (this.from = v()) : v;
  }

  protected override build(set: (path: string, span: Span) => void): void {
    const file = this.file;
    const walkValue = (node: PositionedJson, after: unknown, path: string): void => {
      set(path, span(file, node));
      if (after === true) return;
      if (node.t === 'object') walkEntries(node, after, path);
      else if (node.t === 'array') node.items.forEach((item, i) => walkValue(item, Array.isArray(after) ? after[i] : undefined, `${path}[${i}]`));
    };
    const walkEntries = (node: JObject, after: unknown, prefix: string): void => {
      const marks = objectMarks(after);
      for (const e of node.entries) walkValue(e.value, marks?.[e.key], prefix ? `${prefix}.${e.key}` : e.key);
    };
    const tree = this.tree;
    if (tree) walkEntries(tree, this.after, '');
  }

  protected override release(): void {
    this.from = undefined;
    this.after = undefined;
  }

  protected override lookup(path: string): Span | undefined {
    const tree = this.tree;
    const node = tree ? this.below(tree, this.after, path, true) : undefined;
    return node ? span(this.file, node) : undefined;
  }

  /**
   * The value at `rest` among the children of an object or array, `rest` being the path after the
   * node's own. A member's path is the node's, a dot and its key, or the bare key when the node's
   * path is empty (`empty`: the values themselves, or a member keyed "" of them); an element's is
   * the node's and "[i]".
   */
  private below(node: PositionedJson, after: unknown, rest: string, empty: boolean): PositionedJson | undefined {
    if (node.t === 'array') {
      const close = rest.indexOf(']');
      const digits = rest.slice(1, close);
      if (rest[0] !== '[' || close < 0 || !/^(0|[1-9][0-9]*)$/.test(digits)) return undefined;
      const i = Number(digits);
      const item = node.items[i];
      return item && this.at(item, Array.isArray(after) ? after[i] : undefined, rest.slice(close + 1), false);
    }
    if (node.t !== 'object') return undefined;
    const marks = objectMarks(after);
    const dot = empty ? '' : '.';
    // Later entries first: of two values a path could name, an index filled in order keeps the later.
    for (let j = node.entries.length - 1; j >= 0; j--) {
      const e = node.entries[j]!;
      if (!rest.startsWith(dot + e.key)) continue;
      const found = this.at(e.value, marks?.[e.key], rest.slice(dot.length + e.key.length), empty && e.key === '');
      if (found) return found;
    }
    return undefined;
  }

  /** The value at `rest` after `node`'s own path: "" is the node itself. */
  private at(node: PositionedJson, after: unknown, rest: string, empty: boolean): PositionedJson | undefined {
    if (rest === '') return node;
    if (after === true) return undefined;
    return node.t === 'object' || node.t === 'array' ? this.below(node, after, rest, empty) : undefined;
  }
}

/** Whether an `after_unknown` subtree marks anything unknown. */
function marksUnknown(m: unknown): boolean {
  if (m === true) return true;
  if (Array.isArray(m)) return m.some(marksUnknown);
  return m !== null && typeof m === 'object' && Object.values(m).some(marksUnknown);
}

function unknownOf(address: string, path: string, at: Span, ref: string | undefined): Unknown {
  return new Unknown(`${address}.${path} is known only after apply`, at, ref);
}

/** A constant of the configuration (plain JSON) as a model value. */
function plainValue(v: unknown): Value {
  if (Array.isArray(v)) return v.map(plainValue);
  const o = obj(v);
  if (o) {
    const out = newObject();
    for (const k in o) out[k] = plainValue(o[k]);
    return out;
  }
  return v === undefined ? null : (v as Value);
}

/**
 * What References keeps of the plan's `configuration` (readConfiguration): per module, per resource,
 * what each argument refers to, the arguments written, and the block lists written literally.
 */
interface Configuration {
  /** "type.name" → the resource's configuration. */
  resources: Map<string, ResourceConfig>;
  /** Output → what its expression refers to. */
  outputs: Map<string, string[]>;
  /** Module call → what its input expressions refer to, and the called module. */
  calls: Map<string, { inputs: Map<string, string[]>; module: Configuration | undefined }>;
}

interface ResourceConfig {
  /** Argument → the resources and variables its expression names (only those naming any). */
  refs: Map<string, string[]>;
  /** The arguments the configuration writes. */
  written: ReadonlySet<string>;
  /** The provider configuration it is declared with, as its module names it. */
  provider: string | undefined;
  /** Of the block lists References.blocks may rebuild (CONFIG_MODE_LISTS), the expressions written. */
  lists: Map<string, unknown>;
}

/**
 * The plan's `configuration` read one resource at a time: each resource's expressions are parsed,
 * read and dropped, so that the configuration, the largest part of a plan, never lives whole. As
 * JSON.parse would read it: of a key written twice the later counts; a part of another shape counts
 * as absent (no references).
 */
function readConfiguration(c: JsonCursor): Configuration | undefined {
  let root: Configuration | undefined;
  c.members((key) => {
    if (key === 'root_module') root = readModule(c);
    else c.plain();
  });
  return root;
}

function readModule(c: JsonCursor): Configuration | undefined {
  const m: Configuration = { resources: new Map(), outputs: new Map(), calls: new Map() };
  const isObject = c.members((key) => {
    if (key === 'resources') m.resources = readResources(c);
    else if (key === 'module_calls') m.calls = readCalls(c);
    else if (key === 'outputs') m.outputs = referencesByName(c.plain(), (o) => obj(o)?.['expression']);
    else c.plain();
  });
  return isObject ? m : undefined;
}

function readResources(c: JsonCursor): Map<string, ResourceConfig> {
  const out = new Map<string, ResourceConfig>();
  c.items(() => {
    checkYoungGeneration();
    const r = obj(c.plain());
    const type = text(r?.['type']);
    const exprs = obj(r?.['expressions']);
    const lists = new Map<string, unknown>();
    if (exprs) for (const attr of CONFIG_MODE_LISTS[type ?? ''] ?? []) if (Object.hasOwn(exprs, attr)) lists.set(attr, exprs[attr]);
    // "aws.osaka", or "vpc:aws" (a module's own name for the configuration it was given): the name in its module.
    const key = r?.['provider_config_key'];
    const provider = typeof key === 'string' && key ? key.slice(key.lastIndexOf(':') + 1) : undefined;
    out.set(`${type}.${text(r?.['name'])}`, { refs: referencesByName(exprs), written: new Set(exprs ? Object.keys(exprs) : []), provider, lists });
  });
  return out;
}

function readCalls(c: JsonCursor): Configuration['calls'] {
  const calls: Configuration['calls'] = new Map();
  c.members((call) => {
    const entry: { inputs: Map<string, string[]>; module: Configuration | undefined } = { inputs: new Map(), module: undefined };
    calls.set(call, entry);
    c.members((key) => {
      if (key === 'module') entry.module = readModule(c);
      else if (key === 'expressions') entry.inputs = referencesByName(c.plain());
      else c.plain();
    });
  });
  return calls;
}

/** Per name (an argument, an input, an output), what its expression names; only names that name something. */
function referencesByName(entries: unknown, expressionOf: (v: unknown) => unknown = (v) => v): Map<string, string[]> {
  const out = new Map<string, string[]>();
  const o = obj(entries);
  for (const name in o) {
    const targets = referencesOf(expressionOf(o[name]));
    if (targets.length) out.set(name, targets);
  }
  return out;
}

/**
 * What each attribute's expression refers to, from the plan's `configuration`: resource references
 * per module, followed through module input variables to the caller's expressions.
 */
class References {
  /** Module path ("" or "module.a.module.b" without keys) → resource "type.name" → attribute → referenced resources (module-local addresses). */
  private readonly byModule = new Map<string, Map<string, Map<string, string[]>>>();
  /** Module path → input variable → the caller's references, as addresses in the caller's module. */
  private readonly inputs = new Map<string, Map<string, string[]>>();
  /** Module path → output → what its expression refers to, as addresses in that module. */
  private readonly outputs = new Map<string, Map<string, string[]>>();
  /** Module path + " " + "type.name" → the resource's configuration. */
  private readonly configs = new Map<string, ResourceConfig>();

  constructor(config: Configuration | undefined) {
    if (config) this.walk(config, '');
  }

  private walk(mod: Configuration, path: string): void {
    const resources = new Map<string, Map<string, string[]>>();
    this.byModule.set(path, resources);
    for (const [key, r] of mod.resources) {
      resources.set(key, r.refs);
      this.configs.set(`${path} ${key}`, r);
    }
    this.outputs.set(path, mod.outputs);
    for (const [call, c] of mod.calls) {
      const childPath = path ? `${path}.module.${call}` : `module.${call}`;
      this.inputs.set(childPath, c.inputs);
      if (c.module) this.walk(c.module, childPath);
    }
  }

  /** The provider configuration of a resource as the HCL front end names it (ModelResource.provider), when the configuration says. */
  providerOf(moduleAddress: string, type: string, name: string): string | undefined {
    return this.configs.get(`${withoutKeys(moduleAddress)} ${type}.${name}`)?.provider;
  }

  /**
   * A block list as the configuration writes it: constants as values, references as Unknowns naming
   * the resource. Undefined when the blocks are not all written literally (a `dynamic` block).
   */
  blocks(moduleAddress: string, type: string, name: string, attr: string, address: string, was: Unknown): Value | undefined {
    const blocks = this.configs.get(`${withoutKeys(moduleAddress)} ${type}.${name}`)?.lists.get(attr);
    if (!Array.isArray(blocks) || !blocks.every((b) => obj(b) !== undefined)) return undefined;
    const all = this.allForResource(moduleAddress, type, name);
    const unknown = (e: unknown, path: string): Value => {
      const targets = obj(e)?.['references'] !== undefined ? all(path, e) : [];
      if (targets.length > 1) return targets.map((t, i) => new Unknown(`${address}.${path}[${i}] is known only after apply`, was.at, t));
      if (targets.length === 1) return new Unknown(`${address}.${path} is known only after apply`, was.at, targets[0]);
      return new Unknown(`${address}.${path} is known only after apply`, was.at);
    };
    return blocks.map((b: Record<string, unknown>, i) => {
      const o = newObject();
      for (const k in b) {
        const e = b[k];
        const constant = obj(e)?.['constant_value'];
        o[k] = constant !== undefined ? plainValue(constant) : unknown(e, `${attr}[${i}].${k}`);
      }
      return o;
    });
  }

  /** The arguments a resource's configuration writes; undefined when the plan has no configuration for it. */
  written(moduleAddress: string, type: string, name: string): ReadonlySet<string> | undefined {
    return this.configs.get(`${withoutKeys(moduleAddress)} ${type}.${name}`)?.written;
  }

  /**
   * The referenced resource of an attribute path, by the resource's configuration; none when it names
   * several (which one a single value is, is not known: a conditional, a module output of several).
   */
  forResource(moduleAddress: string, type: string, name: string): (path: string, expr?: unknown) => string | undefined {
    const all = this.allForResource(moduleAddress, type, name);
    return (path, expr) => {
      const targets = all(path, expr);
      return targets.length === 1 ? targets[0] : undefined;
    };
  }

  /**
   * Every resource an attribute's expression names, followed through module inputs, as a
   * resource-level address in the referring module instance; resolve() then picks the instance.
   */
  allForResource(moduleAddress: string, type: string, name: string): (path: string, expr?: unknown) => string[] {
    const modulePath = withoutKeys(moduleAddress);
    const attrs = this.byModule.get(modulePath)?.get(`${type}.${name}`);
    // Up through the callers' input expressions (var.x), down through the called modules' outputs
    // (module.m.out), to resources; a module call with count or for_each is named without its key. An
    // output read further (module.m.out.x, module.m.out["k"]) that names several resources names none
    // of them for certain: which one it is, is not known.
    const follow = (start: string): string[] => {
      const walk = (target: string, mod: string, modPath: string, depth: number): string[] => {
        if (depth > 32) return [];
        if (target.startsWith('var.')) {
          const up = this.inputs.get(modPath)?.get(target.slice(4)) ?? [];
          const parentMod = parentModule(mod);
          const parentPath = parentModule(modPath);
          return up.flatMap((t) => walk(t, parentMod, parentPath, depth + 1));
        }
        if (target.startsWith('module.')) {
          const call = moduleCall(target);
          if (!call) return [];
          const child = `${modPath ? `${modPath}.` : ''}module.${call.name}`;
          const targets = this.outputs.get(child)?.get(call.output) ?? [];
          if (call.readFurther && targets.length > 1) return [];
          const childMod = `${mod ? `${mod}.` : ''}module.${call.name}${call.key}`;
          return targets.flatMap((t) => walk(t, childMod, child, depth + 1));
        }
        if (/^(local|each|count)\./.test(target)) return [];
        return [mod ? `${mod}.${target}` : target];
      };
      return walk(start, moduleAddress, modulePath, 0);
    };
    return (path, expr) => {
      const attr = path.split(/[.[]/)[0]!;
      const starts = expr !== undefined ? referencesOf(expr) : (attrs?.get(attr) ?? []);
      return [...new Set(starts.flatMap(follow))];
    };
  }

  /**
   * Resource-level references become instance addresses only where that is certain: the reference
   * writes a literal key (aws_subnet.a[0]), or the resource has one instance. Otherwise the
   * reference stays at the resource level, any of its instances. The plan's references do not say
   * which instance an index expression picks: `aws_subnet.a[count.index]` and
   * `aws_subnet.a[count.index + 1]` are both written ["aws_subnet.a", "count.index"], so the
   * referring resource's own key is never assumed.
   */
  resolve(resources: ModelResource[]): void {
    const instances = new Map<string, string[]>();
    const known = new Set(resources.filter((r) => r.address.endsWith(']')).map((r) => r.address));
    for (const r of resources) addTo(instances, withoutLastKey(r.address), r.address);
    const fix = (v: Value): Value => {
      if (v instanceof Unknown) {
        if (!v.ref) return v;
        const list = instances.get(v.ref) ?? [];
        const ref = known.has(v.ref) ? v.ref : list.length === 1 ? list[0]! : v.ref;
        return new Unknown(v.reason.replace(' is known only after apply', ` (from ${ref}) is known only after apply`), v.at, ref);
      }
      if (Array.isArray(v)) {
        for (let i = 0; i < v.length; i++) v[i] = fix(v[i]!);
      } else if (v instanceof TfSet) v.items.forEach((x, i) => (v.items[i] = fix(x)));
      else if (v && typeof v === 'object') for (const k in v) v[k] = fix(v[k]!);
      return v;
    };
    for (const r of resources) fix(r.attributes);
  }
}

/**
 * A module output reference read as a traversal ("module.m[\"k.1\"].out.x"): the call's name, its
 * instance key as written ("" without one), the output, and whether more than the output is read.
 */
function moduleCall(target: string): { name: string; key: string; output: string; readFurther: boolean } | undefined {
  const steps = traversalSteps(target);
  if (!steps || steps[0] !== 'module' || steps[1] === undefined || isIndex(steps[1])) return undefined;
  const key = steps[2] !== undefined && isIndex(steps[2]) ? steps[2] : '';
  const at = key ? 3 : 2;
  const output = steps[at];
  if (output === undefined || isIndex(output)) return undefined;
  return { name: steps[1], key, output, readFurther: steps.length > at + 1 };
}

/**
 * What a reference names: `var.x`; a resource or data source with the literal instance key it
 * reads ("aws_subnet.a[0]", `aws_subnet.web["10.30.1.0/24"]`; Terraform lists the bare resource
 * too); a module's output with what is read of it ("module.m.out", "module.m.out.x"), which the
 * module's outputs resolve. Undefined for text that is no reference.
 */
function subjectOf(ref: string): string | undefined {
  // A plan repeats the same references across thousands of resources ("aws_vpc.main.id"): each is
  // read once. Pure, so the table may outlive a load; bounded.
  if (SUBJECTS.has(ref)) return SUBJECTS.get(ref);
  const subject = readSubject(ref);
  if (SUBJECTS.size >= MAX_SUBJECTS) SUBJECTS.clear();
  SUBJECTS.set(ref, subject);
  return subject;
}

const SUBJECTS = new Map<string, string | undefined>();
const MAX_SUBJECTS = 100_000;

function readSubject(ref: string): string | undefined {
  const steps = traversalSteps(ref);
  if (!steps || steps.length < 2 || isIndex(steps[1]!)) return undefined;
  if (steps[0] === 'module') return ref;
  if (steps[0] === 'var') return joinSteps(steps.slice(0, 2));
  const names = steps[0] === 'data' ? 3 : 2;
  if (steps.length < names || steps.slice(0, names).some(isIndex)) return undefined;
  const key = steps[names] !== undefined && isIndex(steps[names]!) ? 1 : 0;
  return joinSteps(steps.slice(0, names + key));
}

/** An address without its instance keys ("module.a[0].aws_x.y[\"k\"]" → "module.a.aws_x.y"): a module path or resource of the configuration. */
function withoutKeys(address: string): string {
  const steps = traversalSteps(address);
  return steps ? joinSteps(steps.filter((s) => !isIndex(s))) : address;
}

/** The module that calls a module instance ("module.a[\"x.y\"].module.b[0]" → "module.a[\"x.y\"]"; the root is ""). */
function parentModule(mod: string): string {
  const steps = traversalSteps(mod);
  if (!steps) return '';
  // Steps come as "module", the call's name and maybe its key: the last call starts at the last such "module".
  let last = 0;
  for (let i = 0; i < steps.length; i += isIndex(steps[i + 2] ?? '') ? 3 : 2) last = i;
  return last > 0 ? joinSteps(steps.slice(0, last)) : '';
}

/** The resources and variables an expression names, in order, without repeats ("aws_vpc.main", "var.vpc_id"). */
function referencesOf(expr: unknown): string[] {
  const listed = obj(expr)?.['references'];
  // Most expressions are constants, with no references.
  if (!Array.isArray(listed) || listed.length === 0) return [];
  const refs = listed.map(text);
  const out: string[] = [];
  for (const r of refs) {
    if (!r || /^(local|each|count|path|self|terraform)\./.test(r)) continue;
    const name = subjectOf(r);
    if (name !== undefined && !out.includes(name)) out.push(name);
  }
  // Terraform lists what an expression reads and each prefix of it ("module.m.out.x", "module.m.out",
  // "module.m"): the longest says what is read.
  return out.filter((n) => !(!n.endsWith(']') && out.some((m) => m.startsWith(`${n}[`))) && !(n.startsWith('module.') && out.some((m) => m.startsWith(`${n}.`))));
}

/** A member of a positioned object; of a key written twice, the later, as JSON.parse reads it. */
function get(node: PlanNode, key: string): PlanNode | undefined {
  if (node.t !== 'object') return undefined;
  for (let i = node.entries.length - 1; i >= 0; i--) if (node.entries[i]!.key === key) return node.entries[i]!.value;
  return undefined;
}

/** A list of planned_values (absent when empty, as Terraform writes it); another shape is an error. */
function listIn(file: SourceFile, node: PlanNode | undefined, what: string): PlanNode[] {
  if (node === undefined) return [];
  if (node.t !== 'array') throw new InputError('plan', `"${what}" in planned_values must be a JSON array`, span(file, node));
  return node.items;
}

function str(node: PlanNode | undefined): string | undefined {
  return node && node.t === 'string' ? node.value : undefined;
}


/**
 * Plain JSON, read without trust: an object, a list, a string, or undefined. The plan's objects come
 * from JSON.parse: their keys are read with for-in, which V8 serves from its enumeration cache (two to
 * three times faster than Object.entries on them, measured on a 3000-group plan's configuration); their
 * prototype is Object.prototype, which has no enumerable key.
 */
function obj(v: unknown): Record<string, unknown> | undefined {
  return v !== null && typeof v === 'object' && !Array.isArray(v) ? (v as Record<string, unknown>) : undefined;
}

function list(v: unknown): unknown[] {
  return Array.isArray(v) ? v : [];
}

function text(v: unknown): string | undefined {
  return typeof v === 'string' ? v : undefined;
}

function span(file: SourceFile, node: { start: number; end: number }): Span {
  return { file, start: node.start, end: node.end };
}
