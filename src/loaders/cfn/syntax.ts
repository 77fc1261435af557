/**
 * Template text (JSON or YAML, told apart by content) as one positioned tree: maps keep their keys'
 * places, every node its range of character offsets. YAML short-form tags (`!Ref x`, `!GetAtt a.b`,
 * `!If [...]`) become the long form they stand for — a map of one key ("Ref", "Fn::GetAtt",
 * "Condition") — so the evaluator sees one language; the node is marked `tagged` and its range
 * includes the tag. A tag CloudFormation does not define becomes a one-key map named by the tag
 * ("!Foo"), which the evaluator reports as unsupported. Plain booleans are YAML 1.1's, as
 * CloudFormation reads them (`yes`, `off`, …).
 *
 * Contract: returns the document's root node, or throws InputError('cfn-syntax') at the first
 * syntax error. YAML anchors and aliases are read through, and merge keys (`<<`) merged, as the
 * tools that package templates do (CloudFormation itself rejects them unexpanded); an alias keeps its
 * own range as the place, a merged entry its place in the anchor.
 */
import { type Document, type Node as YamlNode, isAlias, isMap, isPair, isScalar, isSeq, parseDocument, type Tags } from 'yaml';
import { InputError } from '../../model/errors.js';
import type { SourceFile } from '../../model/source.js';
import { parseJsonDeferring, parseJsonValueAt, type DeferredMember, type JsonBuilder } from '../json.js';

export interface Entry {
  key: string;
  keyStart: number;
  keyEnd: number;
  value: Node;
}
export type Node =
  | { k: 'map'; start: number; end: number; entries: Entry[]; tagged?: boolean }
  | { k: 'seq'; start: number; end: number; items: Node[] }
  | { k: 'scalar'; start: number; end: number; value: string | number | boolean | null };
export type MapNode = Extract<Node, { k: 'map' }>;

/** The short-form tags and the long-form key each stands for. */
export const SHORT_FORMS: ReadonlyMap<string, string> = new Map(
  ['Ref', 'Condition'].map((n) => [n, n] as [string, string]).concat(
    ['Sub', 'GetAtt', 'Join', 'Select', 'Split', 'If', 'Equals', 'Not', 'And', 'Or', 'FindInMap', 'GetAZs', 'Cidr', 'Base64', 'ImportValue', 'Transform', 'Length', 'ToJsonString'].map(
      (n) => [n, `Fn::${n}`] as [string, string],
    ),
  ),
);

/** Each short form may tag a scalar, a sequence or a mapping; the composer keeps the node as written. */
const shortFormTags: Tags = [...SHORT_FORMS.keys()].flatMap((n) => [
  { tag: `!${n}`, resolve: (s: string) => s },
  { tag: `!${n}`, collection: 'seq' as const, resolve: (s: unknown) => s as never },
  { tag: `!${n}`, collection: 'map' as const, resolve: (s: unknown) => s as never },
]) as Tags;

/**
 * CloudFormation reads YAML 1.1, whose plain booleans include yes/no and on/off in their spellings:
 * `MapPublicIpOnLaunch: yes` turns the setting on (and a tag's `Value: no` is "false"). A lone
 * y or n stays text, as in the 1.1 readers CloudFormation's tools use (PyYAML for cfn-lint and the
 * AWS CLI).
 * The `yaml` package's core schema (YAML 1.2) would keep them as text, which no setting reads as
 * true. Mapping keys keep their text (no logical id, parameter or property is a boolean). Only
 * booleans follow 1.1 here: the other 1.1 scalars CloudFormation either refuses
 * (timestamps) or no template relies on.
 */
const YAML12_BOOL = /^(?:true|True|TRUE|false|False|FALSE)$/;
const YAML11_TRUE = /^(?:yes|Yes|YES|true|True|TRUE|on|On|ON)$/;
const yaml11Bool = {
  identify: (v: unknown) => typeof v === 'boolean',
  default: true,
  tag: 'tag:yaml.org,2002:bool',
  test: /^(?:yes|Yes|YES|no|No|NO|true|True|TRUE|false|False|FALSE|on|On|ON|off|Off|OFF)$/,
  resolve: (s: string) => YAML11_TRUE.test(s),
};

const customTags = (tags: Tags): Tags => [...tags.filter((t) => typeof t === 'string' || t.tag !== yaml11Bool.tag), yaml11Bool, ...shortFormTags] as Tags;

/** A key written twice in one mapping (YAML or JSON): the later value stands; the caller decides how grave it is. */
export interface DuplicateKey {
  path: string[];
  start: number;
  end: number;
}

/** A template is JSON when its first character after a byte-order mark and blanks is `{`. */
function isJson(text: string): boolean {
  let i = text.charCodeAt(0) === 0xfeff ? 1 : 0;
  while (i < text.length && /\s/.test(text[i]!)) i++;
  return text[i] === '{';
}

/**
 * A template, with the entries of its `Resources` when they were read apart: a JSON template's
 * resources are checked with the rest but built one at a time, when read (see parseJsonDeferring);
 * `resources` is then set and the root's `Resources` mapping is empty. A YAML template is built whole.
 */
export function parseTemplateParts(file: SourceFile, duplicates: DuplicateKey[] = []): { root: Node; resources?: Entry[] } {
  if (!isJson(file.text)) return { root: fromYaml(file, duplicates) };
  const { root, deferred } = parseJsonDeferring(file, 'cfn-syntax', NODES, 'Resources', (path, start, end) => duplicates.push({ path, start, end }));
  if (!deferred) return { root };
  const resources = deferred.map((m) => ({ key: m.key, keyStart: m.keyStart, keyEnd: m.keyEnd, value: deferredValue(file, m) }));
  return { root, resources: lastOfEachKey(resources) };
}

/** A resource read apart: a mapping is built anew on each read of `entries`; anything else at once (it is no resource). */
function deferredValue(file: SourceFile, m: DeferredMember): Node {
  if (file.text.charCodeAt(m.start) !== 123) return parseJsonValueAt(file, 'cfn-syntax', NODES, m.start, 2);
  return new DeferredMap(file, m.start, m.end);
}

class DeferredMap {
  readonly k = 'map' as const;
  constructor(
    private readonly file: SourceFile,
    readonly start: number,
    readonly end: number,
  ) {}

  /** Parses the mapping again from the text (already checked): each read is a new tree, kept by no one here. */
  get entries(): Entry[] {
    return (parseJsonValueAt(this.file, 'cfn-syntax', NODES, this.start, 2) as MapNode).entries;
  }
}

/**
 * A mapping's entries with a key written twice kept once, at its later place and value (as YAML's
 * are, and JSON.parse's): the duplicate itself is reported by the parse that finds it.
 */
function lastOfEachKey(entries: Entry[]): Entry[] {
  if (!hasRepeatedKey(entries)) return entries;
  return entries.filter((e, i) => !entries.some((later, j) => j > i && later.key === e.key));
}

/** Most mappings are small and have no repeat: compared pairwise, without allocating. */
function hasRepeatedKey(entries: Entry[]): boolean {
  const n = entries.length;
  if (n > 16) return new Set(entries.map((e) => e.key)).size !== n;
  for (let i = 1; i < n; i++) for (let j = 0; j < i; j++) if (entries[i]!.key === entries[j]!.key) return true;
  return false;
}

/** JSON templates become nodes as they are parsed: templates run to megabytes, a second tree would double them. */
const NODES: JsonBuilder<Node> = {
  object: (start, end, entries) => ({ k: 'map', start, end, entries: lastOfEachKey(entries) }),
  array: (start, end, items) => ({ k: 'seq', start, end, items }),
  string: (start, end, value) => ({ k: 'scalar', start, end, value }),
  number: (start, end, value) => ({ k: 'scalar', start, end, value }),
  bool: (start, end, value) => ({ k: 'scalar', start, end, value }),
  null: (start, end) => ({ k: 'scalar', start, end, value: null }),
};

function fromYaml(file: SourceFile, duplicates: DuplicateKey[]): Node {
  const doc = parseDocument(file.text, { keepSourceTokens: true, customTags, prettyErrors: false, uniqueKeys: false });
  const first = doc.errors[0];
  if (first) {
    const [start, end] = first.pos;
    throw new InputError('cfn-syntax', `Invalid YAML: ${first.message.split('\n')[0]}`, { file, start, end: Math.max(end, start + 1) });
  }
  if (!doc.contents) return { k: 'scalar', start: 0, end: 0, value: null };
  // Aliases read through can multiply a small text into billions of nodes (an "alias bomb"): the
  // nodes built may exceed the text's length, which bounds an alias-free document's, only by a margin.
  const budget = { nodesLeft: file.text.length + ALIAS_MARGIN };
  return convert(file, doc, doc.contents as YamlNode, 0, [], { duplicates, budget });
}

const ALIAS_MARGIN = 100_000;

interface ConvertState {
  duplicates: DuplicateKey[];
  budget: { nodesLeft: number };
}

function convert(file: SourceFile, doc: Document, n: YamlNode, depth: number, path: string[], st: ConvertState): Node {
  if (depth > 200) throw new InputError('cfn-syntax', 'The template nests too deeply', span(file, n));
  if (--st.budget.nodesLeft < 0) throw new InputError('cfn-syntax', 'YAML aliases expand the template too far (CloudFormation does not accept aliases)', span(file, n));
  const start0 = n.range?.[0] ?? 0;
  // A block collection's range runs to the next line; its place ends with its last character.
  let end = n.range?.[1] ?? start0;
  while (end > start0 && /\s/.test(file.text[end - 1]!)) end--;
  if (isAlias(n)) {
    const target = n.resolve(doc);
    if (!target) throw new InputError('cfn-syntax', `Unknown YAML alias *${n.source}`, { file, start: start0, end: Math.max(end, start0 + 1) });
    const inner = convert(file, doc, target as YamlNode, depth + 1, path, st);
    return { ...inner, start: start0, end };
  }
  const tag = n.tag;
  const short = tag?.startsWith('!') && !tag.startsWith('!!') ? tag.slice(1) : undefined;
  let start = start0;
  if (short !== undefined) {
    // The node's range begins after its tag; the place of an intrinsic includes the tag.
    let j = start0;
    while (j > 0 && /\s/.test(file.text[j - 1]!)) j--;
    if (file.text.slice(j - tag!.length, j) === tag) start = j - tag!.length;
  }
  let node: Node;
  if (isMap(n)) {
    const entries: Entry[] = [];
    const merged: Node[] = [];
    for (const p of n.items) {
      if (!isPair(p)) continue;
      const written = p.key as YamlNode | null;
      const ks = written?.range?.[0] ?? start0;
      const ke = written?.range?.[1] ?? ks;
      // An alias as a key is the scalar it names; a list or mapping as a key has no text, which a
      // template's keys (logical ids, property names) must be: CloudFormation refuses the template.
      const k = written && isAlias(written) ? ((written.resolve(doc) as YamlNode | undefined) ?? null) : written;
      if (k && !isScalar(k)) throw new InputError('cfn-syntax', 'A key must be text, not a list or a mapping: CloudFormation refuses the template', { file, start: ks, end: Math.max(ke, ks + 1) });
      // A key keeps the spelling YAML 1.2 gives it: a parameter or mapping key `No` stays "No".
      const key = k && isScalar(k) ? (typeof k.value === 'boolean' && !YAML12_BOOL.test(String(k.source)) ? String(k.source) : String(k.value)) : file.text.slice(ks, ke);
      const v = p.value as YamlNode | null;
      const value: Node = v ? convert(file, doc, v, depth + 1, [...path, key], st) : { k: 'scalar', start: ke, end: ke, value: null };
      if (key === '<<' && k && isScalar(k) && k.type === 'PLAIN' && isMergeSource(value)) {
        merged.push(value);
        continue;
      }
      const earlier = entries.findIndex((e) => e.key === key);
      if (earlier >= 0) {
        st.duplicates.push({ path: [...path, key], start: ks, end: Math.max(ke, ks + 1) });
        entries.splice(earlier, 1);
      }
      entries.push({ key, keyStart: ks, keyEnd: ke, value });
    }
    // Merge keys (`<<: *base`), as the YAML 1.1 readers that package templates for CloudFormation
    // expand them (CloudFormation refuses them unexpanded): the mapping's own keys win, then the
    // merged mappings in the order written. Each merged entry keeps its place in the anchor.
    for (const m of merged) {
      for (const source of m.k === 'seq' ? m.items : [m]) {
        if (source.k !== 'map') continue;
        for (const e of source.entries) if (!entries.some((x) => x.key === e.key)) entries.push(e);
      }
    }
    node = { k: 'map', start: start0, end, entries };
  } else if (isSeq(n)) {
    node = { k: 'seq', start: start0, end, items: n.items.map((it, i) => (it ? convert(file, doc, it as YamlNode, depth + 1, [...path, String(i)], st) : { k: 'scalar', start: end, end, value: null })) };
  } else if (isScalar(n)) {
    const v = n.value;
    const value = v === null || typeof v === 'string' || typeof v === 'number' || typeof v === 'boolean' ? v : String(v);
    node = { k: 'scalar', start: start0, end, value };
  } else {
    node = { k: 'scalar', start: start0, end, value: null };
  }
  if (short === undefined) return node;
  const key = SHORT_FORMS.get(short) ?? `!${short}`;
  return { k: 'map', start, end, tagged: true, entries: [{ key, keyStart: start, keyEnd: start + tag!.length, value: node }] };
}

/** What a merge key may merge: a mapping, or a list of mappings (an intrinsic is a mapping too, but never merged). */
function isMergeSource(n: Node): boolean {
  if (n.k === 'map') return !n.tagged;
  return n.k === 'seq' && n.items.length > 0 && n.items.every((x) => x.k === 'map' && !x.tagged);
}

function span(file: SourceFile, n: YamlNode): { file: SourceFile; start: number; end: number } {
  const s = n.range?.[0] ?? 0;
  return { file, start: s, end: Math.max(n.range?.[1] ?? s, s + 1) };
}
