/**
 * Where a key or value of a configuration sits in its YAML file. Paths are lists of keys and list
 * indices (`['zones', 'dmz', 'role']`); JSON pointers as ajv writes them (`/zones/dmz/role`) convert
 * with `pointerToPath`. A configuration produced by `parseConfig`/`loadConfig` remembers its file, so
 * later stages (rule ids, zone conflicts, waivers) can point at the line that caused a problem.
 */
import { isAlias, isMap, isScalar, isSeq, type Document, type Node, type Pair } from 'yaml';
import { type Location, type SourceFile, type Span, toLocation } from '../model/source.js';

export type ConfigPath = readonly (string | number)[];

/** `/a/b~1c/0` → `['a', 'b/c', '0']` (RFC 6901 unescaping; list indices stay strings until used). */
export function pointerToPath(pointer: string): string[] {
  if (pointer === '') return [];
  return pointer
    .slice(1)
    .split('/')
    .map((s) => s.replace(/~1/g, '/').replace(/~0/g, '~'));
}

/** The inverse of `pointerToPath`; the root is written `/`, as users read it in messages. */
export function pathToPointer(path: ConfigPath): string {
  if (path.length === 0) return '/';
  return path.map((s) => '/' + String(s).replace(/~/g, '~0').replace(/\//g, '~1')).join('');
}

/** The nodes found along a path: the deepest pair reached, and the node at the end if reached. */
interface Found {
  /** The pair whose key is the path's last segment, when the path ends in a mapping key. */
  pair?: Pair;
  /** The node at the path, or the deepest node reached when the path leaves the document. */
  node?: Node;
  complete: boolean;
}

export class ConfigSourceMap {
  constructor(
    readonly file: SourceFile,
    private readonly doc: Document,
  ) {}

  /** The location of the key at `path` (for list items, the item), else of the nearest enclosing node. */
  keyLocation(path: ConfigPath): Location {
    const found = this.find(path);
    const key = found.complete ? found.pair?.key : undefined;
    return this.locationOf((isScalar(key) ? key : undefined) ?? found.node);
  }

  /**
   * The location of the value at `path`. An empty value (`key:` with nothing after it) points at its
   * key, which is where the user has to type.
   */
  valueLocation(path: ConfigPath): Location {
    const found = this.find(path);
    const node = found.node;
    if (node?.range && node.range[0] === node.range[1] && isScalar(found.pair?.key)) return this.locationOf(found.pair.key);
    return this.locationOf(node);
  }

  /** The key and value at `path` as a span of the file; undefined when the path is not in the document. */
  span(path: ConfigPath): Span | undefined {
    const found = this.find(path);
    if (!found.complete) return undefined;
    const key = found.pair?.key;
    const start = isScalar(key) && key.range ? key.range[0] : found.node?.range?.[0];
    const end = found.node?.range?.[1];
    return start === undefined || end === undefined ? undefined : { file: this.file, start, end: Math.max(start, end) };
  }

  private locationOf(node: Node | undefined): Location {
    const range = node?.range;
    if (!range) return toLocation({ file: this.file, start: 0, end: 0 });
    return toLocation({ file: this.file, start: range[0], end: range[1] });
  }

  private find(path: ConfigPath): Found {
    let node = (this.doc.contents ?? undefined) as Node | undefined;
    let pair: Pair | undefined;
    for (const segment of path) {
      // An alias is reported where it is used: following it would point at its anchor elsewhere.
      if (!node || isAlias(node)) return { pair, node, complete: false };
      if (isMap(node)) {
        const next = node.items.find((p) => keyText(p.key) === String(segment));
        if (!next) return { pair, node, complete: false };
        pair = next as Pair;
        node = (isNodeLike(next.value) ? next.value : undefined) ?? (isNodeLike(next.key) ? next.key : undefined);
      } else if (isSeq(node)) {
        const item = node.items[Number(segment)];
        if (!isNodeLike(item)) return { pair, node, complete: false };
        pair = undefined;
        node = item;
      } else {
        return { pair, node, complete: false };
      }
    }
    return { pair, node, complete: true };
  }
}

function keyText(key: unknown): string | undefined {
  if (isScalar(key)) return String(key.value);
  return undefined;
}

function isNodeLike(v: unknown): v is Node {
  return typeof v === 'object' && v !== null && 'range' in v;
}

const sourceMaps = new WeakMap<object, ConfigSourceMap>();

/** Records where a parsed configuration came from (called by the loader only). */
export function rememberSource(config: object, map: ConfigSourceMap): void {
  sourceMaps.set(config, map);
}

/** The source map of a configuration returned by the loader; undefined for one built in code. */
export function sourceOf(config: object): ConfigSourceMap | undefined {
  return sourceMaps.get(config);
}
