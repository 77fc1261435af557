/**
 * CloudFormation templates (JSON or YAML) as evaluated resources. Contracts:
 * - `looksLikeTemplate` says from the head of a text whether it is a template; `mayBeTemplate` whether
 *   one whose head does not say so is worth reading whole.
 * - `loadTemplate` throws InputError only for text that cannot be read as a template at all (a
 *   syntax error, at its place; a document that is not a mapping). Every other problem — an
 *   unknown reference, a malformed or unsupported intrinsic, a resource without a Type — is
 *   collected in `problems` with its place, and the rest of the template is still read.
 * - A resource whose Condition is false is left out; one whose Condition cannot be known is kept
 *   with `condition` set to the Unknown that says why.
 * - Property values follow intrinsics.ts: what cannot be known before deployment is Unknown.
 * - `sources` maps every property path ("Tags[1].Value") to its place: a map entry from its key
 *   through its value, a list element by itself. A JSON template's is filled when first read.
 * - Parameters: the value given in `parameters` (text, or an Unknown for a value a parent stack
 *   cannot know), else `unset` when given (every parameter unknown), else the Default, else an
 *   Unknown. List types
 *   (CommaDelimitedList, List<…>) are split on commas and trimmed; SSM parameter types are
 *   resolved at deployment, so the text they are given (a Default, a parent's value, a
 *   `--cfn-param`: the Systems Manager name) is not their value, which stays Unknown.
 * - Transforms are not run; a template's `Transform` other than the language extensions is a
 *   warning at it (transformWarnings), so the resources it would make or change are a visible gap.
 * - Nested stacks (AWS::CloudFormation::Stack) are kept as resources; linter/load-templates.ts follows
 *   the local ones.
 */
import { InputError, type InputProblem } from '../../model/errors.js';
import { SourcesOnRead } from '../../model/lazy-sources.js';
import type { SourceFile, Span } from '../../model/source.js';
import { Unknown, isObject, newObject, type ObjectValue, type Value } from '../../model/value.js';
import { Evaluator, NO_VALUE, type Parameter } from './intrinsics.js';
import { type DuplicateKey, type Entry, type MapNode, type Node, parseTemplateParts } from './syntax.js';
import { checkPropertyKinds } from './property-kinds.js';
import { checkYoungGeneration } from '../../model/young-generation.js';

/**
 * Marks the reference of a value a parent stack passes in (`!Ref Subnet` as a parameter): what
 * follows is the model's address of the parent's resource, which translate() takes as it is instead
 * of putting the child's prefix before it. No logical id contains it.
 */
const PASSED = '\u0000';

/** The reference `ref` (a logical id of the template read with `prefix`) as a child stack is passed it. */
export function passedRef(ref: string, prefix: string): string {
  return ref.startsWith(PASSED) ? ref : PASSED + prefix + ref;
}

/** The model's address a reference names, in a template whose addresses start with `prefix`. */
export function addressOfRef(ref: string, prefix: string): string {
  return ref.startsWith(PASSED) ? ref.slice(PASSED.length) : prefix + ref;
}

export interface CfnResource {
  logicalId: string;
  /** e.g. "AWS::EC2::VPC". */
  type: string;
  /** Evaluated Properties; Unknown where not knowable. */
  properties: ObjectValue;
  /** The place of every property path: "CidrBlock", "SecurityGroupIngress[0].CidrIp", "Tags[1].Value". */
  sources: Map<string, Span>;
  /** The resource's entry in the template: its logical id key through its value. */
  span: Span;
  /** Set when the resource's Condition cannot be known: the resource may or may not exist. */
  condition?: Unknown;
  /** Metadata["aws:cdk:path"] when present. */
  cdkPath?: string;
  /** A CDK nested stack's template file in cdk.out (Metadata["aws:asset:path"] for its TemplateURL). */
  templateAsset?: string;
  /** Metadata.gridfence.ignore: waivers written in the template (JSON templates have no comments). */
  waivers?: MetadataWaiver[];
}

export interface MetadataWaiver {
  rule: string;
  reason: string;
  expires?: string;
  span: Span;
}

export interface TemplateLoad {
  resources: CfnResource[];
  problems: InputProblem[];
  /** The names of the template's Parameters. */
  parameters: string[];
  /**
   * The TemplateURLs, written as plain text, of the nested stacks a false Condition leaves out: their
   * templates are children that this run does not deploy, not templates of their own.
   */
  omittedStackUrls: string[];
}

/**
 * JSON or YAML text that is a CloudFormation template: a top-level AWSTemplateFormatVersion, or a
 * top-level Resources key and a `Type: AWS::…`/`Custom::…` (a Resources nested in another document,
 * as a Serverless Framework file's `resources: Resources:`, does not count). Reads the text it is
 * given: callers give the head of a file (see `mayBeTemplate` for one whose head does not decide).
 */
export function looksLikeTemplate(text: string): boolean {
  // Most files name neither key: they are told apart without looking at their structure.
  if (!text.includes('AWSTemplateFormatVersion') && !text.includes('Resources')) return false;
  const keys = topLevelKeys(text);
  if (keys.has('AWSTemplateFormatVersion')) return true;
  return keys.has('Resources') && /["']?Type["']?\s*:\s*["']?(AWS|Custom)::[A-Za-z0-9]/.test(text);
}

/** CloudFormation's top-level sections that may come before Resources. */
const LEADING_SECTIONS = new Set(['Description', 'Metadata', 'Parameters', 'Rules', 'Mappings', 'Conditions', 'Transform', 'Outputs']);

/**
 * Whether text whose head did not show a template may still be one, its Resources further on (a large
 * Mappings first): its first key is one of a template's sections. Only then is the whole file worth
 * reading.
 */
export function mayBeTemplate(head: string): boolean {
  const first = topLevelKeys(head, 1);
  return [...first].some((k) => LEADING_SECTIONS.has(k));
}

/**
 * The keys of the top-level mapping, up to `limit`, as far as the (possibly cut) text shows them:
 * JSON (text that starts with `{`) by nesting depth, YAML by keys at the indentation of its first key.
 */
function topLevelKeys(text: string, limit = Infinity): Set<string> {
  const t = text.replace(/^\ufeff/, '');
  const keys = new Set<string>();
  if (t.trimStart().startsWith('{')) {
    let depth = 0;
    for (let i = 0; i < t.length && keys.size < limit; i++) {
      const c = t[i];
      if (c === '{' || c === '[') depth++;
      else if (c === '}' || c === ']') depth--;
      else if (c === '"') {
        let j = i + 1;
        while (j < t.length && t[j] !== '"') j += t[j] === '\\' ? 2 : 1;
        if (depth === 1 && /^\s*:/.test(t.slice(j + 1, j + 65))) keys.add(t.slice(i + 1, j));
        i = j;
      }
    }
    return keys;
  }
  // The top-level mapping's keys share the indentation of its first key, at the start of a line or
  // not (a document may be indented as a whole); deeper keys are its values'.
  const KEY = /^([ \t]*)(?:"([^"\n]*)"|'([^'\n]*)'|([A-Za-z_][\w:.-]*))[ \t]*:(?:[ \t]|$)/gm;
  let indent: string | undefined;
  for (const m of t.matchAll(KEY)) {
    indent ??= m[1]!;
    if (m[1] !== indent) continue;
    keys.add(m[2] ?? m[3] ?? m[4]!);
    if (keys.size >= limit) break;
  }
  return keys;
}

/**
 * Parses (JSON or YAML by content) and evaluates a template. `parameters` override the Parameters'
 * defaults and may give pseudo parameters ("AWS::Region", text only); an Unknown given for a
 * parameter is its value. With `unset`, a parameter not in `parameters` is that Unknown, not its
 * Default. Throws InputError for a syntax error at its place; collects other problems.
 */
export function loadTemplate(file: SourceFile, parameters: Record<string, string | Unknown>, unset?: Unknown): TemplateLoad {
  const duplicates: DuplicateKey[] = [];
  const parts = parseTemplateParts(file, duplicates);
  const root = parts.root;
  if (root.k !== 'map') throw new InputError('cfn', 'A CloudFormation template must be a mapping', spanOf(file, root));
  const section = (name: string): MapNode | undefined => {
    const v = root.entries.find((e) => e.key === name)?.value;
    return v?.k === 'map' ? v : undefined;
  };
  const resourcesNode = section('Resources');
  // Read apart (a JSON template), each resource's mapping is built on every read of its entries.
  const resourceEntries: Entry[] = parts.resources ?? resourcesNode?.entries ?? [];
  const byId = new Map<string, MapNode>();
  for (const e of resourceEntries) if (e.value.k === 'map') byId.set(e.key, e.value);

  const pseudo: Record<string, string> = {};
  for (const [k, v] of Object.entries(parameters)) if (k.startsWith('AWS::') && typeof v === 'string') pseudo[k] = v;
  const params = readParameters(file, section('Parameters'), parameters, unset);
  const declared = (section('Parameters')?.entries ?? []).map((e) => e.key);
  const ev = new Evaluator(file, params, pseudo, section('Mappings'), section('Conditions'), byId);
  // A key written twice: in what makes the system (Resources, Parameters, Conditions, Mappings) the
  // template is ambiguous, an error; elsewhere (Outputs, Metadata) the later value stands, a warning.
  for (const d of duplicates) {
    const grave = ['Resources', 'Parameters', 'Conditions', 'Mappings'].includes(d.path[0] ?? '');
    ev.problem(grave ? 'error' : 'warning', `The key ${d.path.join('.')} is written twice; ${grave ? 'which one CloudFormation takes is not certain' : 'the later one is read'}`, { start: d.start, end: d.end });
  }

  transformWarnings(ev, root.entries.find((e) => e.key === 'Transform')?.value, resourceEntries);

  if (!resourcesNode) {
    const r = root.entries.find((e) => e.key === 'Resources');
    ev.problem('error', r ? 'The Resources of a template must be a mapping (logical id: resource)' : 'The template has no Resources mapping', r ? r.value : { start: root.start, end: root.start + 1 });
    return { resources: [], problems: ev.problems, parameters: declared, omittedStackUrls: [] };
  }

  const resources: CfnResource[] = [];
  const omitted: string[] = [];
  for (const e of resourceEntries) {
    checkYoungGeneration();
    const entrySpan = { file, start: e.keyStart, end: Math.max(e.value.end, e.keyEnd) };
    if (e.value.k !== 'map') {
      ev.problem('error', `The resource ${e.key} must be a mapping`, entrySpan);
      continue;
    }
    // Built once here (a resource read apart builds anew on each read), and let go with the loop.
    const entries = e.value.entries;
    const attr = (name: string): Node | undefined => entries.find((x) => x.key === name)?.value;
    const typeNode = attr('Type');
    if (typeNode?.k !== 'scalar' || typeof typeNode.value !== 'string') {
      ev.problem('error', `The resource ${e.key} has no Type`, typeNode ?? entrySpan);
      continue;
    }
    let condition: Unknown | undefined;
    const condNode = attr('Condition');
    if (condNode) {
      if (condNode.k !== 'scalar' || typeof condNode.value !== 'string') {
        ev.problem('error', `The Condition of ${e.key} must be the name of a condition`, condNode);
        condition = new Unknown(`the condition of ${e.key} is malformed`, ev.span(condNode));
      } else {
        const c = ev.namedCondition(condNode.value, condNode);
        if (c === false) {
          if (typeNode.value === 'AWS::CloudFormation::Stack') omitted.push(...literalTemplateUrl(attr('Properties')));
          continue;
        }
        if (c instanceof Unknown) condition = c;
      }
    }
    let properties = newObject();
    const propsNode = attr('Properties');
    // A JSON template's resources are read apart: the places of their properties are found when a
    // finding asks, by reading the resource again and evaluating its properties again (recording
    // them for every resource cost a fifth of a large template's load). A YAML template is built
    // whole, and an index read later would keep its tree for the run: its places are recorded now.
    const sources = parts.resources ? sourcesOnRead(ev, e.value) : new Map<string, Span>();
    if (propsNode) {
      const eager = sources instanceof SourcesOnRead ? undefined : sources;
      const v = ev.value(propsNode, '', eager);
      eager?.delete('');
      if (isObject(v as Value)) properties = v as ObjectValue;
      else if (v !== NO_VALUE && v !== null) {
        ev.problem('error', `The Properties of ${e.key} must be a mapping`, propsNode);
        if (v instanceof Unknown) properties = newObject();
      }
    }
    const kinds = checkPropertyKinds(typeNode.value, e.key, properties, propsNode, (reason, at) => new Unknown(reason, ev.span(at)));
    // A resource whose condition cannot be known may never be created, and then nothing is refused.
    for (const p of kinds.problems) ev.problem(condition ? 'warning' : 'error', p.message, p.at);
    properties = kinds.properties;
    const r: CfnResource = { logicalId: e.key, type: typeNode.value, properties, sources, span: entrySpan };
    if (condition) r.condition = condition;
    const meta = attr('Metadata');
    const cdk = meta?.k === 'map' ? meta.entries.find((x) => x.key === 'aws:cdk:path')?.value : undefined;
    if (cdk?.k === 'scalar' && typeof cdk.value === 'string') r.cdkPath = cdk.value;
    // A CDK nested stack's template is an asset: its TemplateURL is built for S3, and the file in
    // cdk.out is named here.
    const metaText = (k: string): string | undefined => {
      const v = meta?.k === 'map' ? meta.entries.find((x) => x.key === k)?.value : undefined;
      return v?.k === 'scalar' && typeof v.value === 'string' ? v.value : undefined;
    };
    const asset = metaText('aws:asset:path');
    if (asset !== undefined && metaText('aws:asset:property') === 'TemplateURL') r.templateAsset = asset;
    const ignore = meta?.k === 'map' ? meta.entries.find((x) => x.key === 'gridfence')?.value : undefined;
    const list = ignore?.k === 'map' ? ignore.entries.find((x) => x.key === 'ignore')?.value : undefined;
    if (list?.k === 'seq') {
      r.waivers = list.items.flatMap((item): MetadataWaiver[] => {
        if (item.k !== 'map') return [];
        const text = (k: string): string | undefined => {
          const v = item.entries.find((x) => x.key === k)?.value;
          return v?.k === 'scalar' && v.value !== null ? String(v.value) : undefined;
        };
        return [{ rule: text('rule') ?? '', reason: text('reason') ?? '', ...(text('expires') ? { expires: text('expires')! } : {}), span: { file, start: item.start, end: item.end } }];
      });
    }
    resources.push(r);
  }
  return { resources, problems: ev.problems, parameters: declared, omittedStackUrls: omitted };
}

/**
 * The template's transforms are not run: what they would add or change is said, as a warning at the
 * transform, so that the gap in the analysis is visible (as a remote nested stack's). The language
 * extensions are evaluated where they are used (an unsupported function is a warning there); the
 * serverless transform changes only its own `AWS::Serverless::` resources, named; any other transform
 * is a macro, which may change anything.
 */
function transformWarnings(ev: Evaluator, node: Node | undefined, resources: readonly Entry[]): void {
  if (!node) return;
  const names = node.k === 'seq' ? node.items : [node];
  for (const n of names) {
    const name = n.k === 'scalar' && typeof n.value === 'string' ? n.value : undefined;
    if (name === 'AWS::LanguageExtensions') continue;
    if (name === 'AWS::Serverless-2016-10-31') {
      const own = resources.filter((e) => e.value.k === 'map' && typeOf(e.value).startsWith('AWS::Serverless::')).map((e) => e.key);
      if (own.length === 0) continue;
      const listed = own.length > 3 ? `${own.slice(0, 3).join(', ')} and ${own.length - 3} more` : own.join(', ');
      ev.problem('warning', `The transform ${name} is not expanded: what its resources (${listed}) create is not analysed`, n);
      continue;
    }
    ev.problem('warning', `The transform ${name ?? 'written here'} is not run: what it adds to or changes in the template is not analysed`, n);
  }
}

function typeOf(resource: MapNode): string {
  const t = resource.entries.find((x) => x.key === 'Type')?.value;
  return t?.k === 'scalar' && typeof t.value === 'string' ? t.value : '';
}

/** A stack's TemplateURL when its Properties write it as plain text (not evaluated: the stack is left out). */
function literalTemplateUrl(props: Node | undefined): string[] {
  const url = props?.k === 'map' ? props.entries.find((x) => x.key === 'TemplateURL')?.value : undefined;
  return url?.k === 'scalar' && typeof url.value === 'string' ? [url.value] : [];
}

/** The index of a resource read apart, filled on first read (a function of its own, so that the closure keeps only `ev` and the resource's entry). */
function sourcesOnRead(ev: Evaluator, node: Node): SourcesOnRead {
  return new SourcesOnRead((set) => {
    const props = node.k === 'map' ? node.entries.find((x) => x.key === 'Properties')?.value : undefined;
    if (props) for (const [k, s] of ev.sourcesOf(props)) set(k, s);
  });
}

function readParameters(file: SourceFile, section: MapNode | undefined, given: Record<string, string | Unknown>, unset: Unknown | undefined): Map<string, Parameter> {
  const out = new Map<string, Parameter>();
  for (const e of section?.entries ?? []) {
    const span = { file, start: e.keyStart, end: Math.max(e.value.end, e.keyEnd) };
    const decl = e.value.k === 'map' ? e.value : undefined;
    const field = (n: string): Node | undefined => decl?.entries.find((x) => x.key === n)?.value;
    const typeNode = field('Type');
    const type = typeNode?.k === 'scalar' && typeof typeNode.value === 'string' ? typeNode.value : 'String';
    const dfl = field('Default');
    const isList = type === 'CommaDelimitedList' || /^List</.test(type);
    const passed = Object.hasOwn(given, e.key) ? given[e.key]! : unset;
    if (passed instanceof Unknown) {
      // The resource it names (a parent's, passed by reference) stays named: the child's resource sits in it.
      out.set(e.key, { value: new Unknown(`parameter ${e.key}: ${passed.reason}`, passed.at ?? span, passed.ref), span });
      continue;
    }
    // An SSM type's text — given, passed by a parent or its Default — is the name of a Systems
    // Manager parameter, not the value: the value is read at deployment.
    if (type.startsWith('AWS::SSM::Parameter::Value<') && (passed !== undefined || dfl)) {
      out.set(e.key, { value: new Unknown(`parameter ${e.key} is read from Systems Manager at deployment`, span), span });
      continue;
    }
    const text = passed ?? (dfl ? defaultText(dfl) : undefined);
    let value: Value;
    if (text === undefined) value = new Unknown(`parameter ${e.key} has no value`, span);
    else value = isList ? (text === '' ? [] : text.split(',').map((s) => s.trim())) : text;
    out.set(e.key, { value, span });
  }
  return out;
}

/** A Default as the text CloudFormation passes: scalars as written, a list joined by commas. */
function defaultText(n: Node): string | undefined {
  if (n.k === 'scalar') return n.value === null ? '' : String(n.value);
  if (n.k === 'seq' && n.items.every((x) => x.k === 'scalar')) return n.items.map((x) => String((x as { value: unknown }).value)).join(',');
  return undefined;
}

function spanOf(file: SourceFile, n: { start: number; end: number }): Span {
  return { file, start: n.start, end: Math.max(n.end, n.start + 1) };
}
