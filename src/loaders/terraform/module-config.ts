/**
 * One module directory's configuration: its `.tf` files parsed and sorted into variables, locals,
 * resources, data sources, module calls and outputs. Nothing is evaluated here. Declaring a name
 * twice is an input error, as in Terraform; override files (`override.tf`, `*_override.tf`) are
 * merged into the declarations of the others instead (applyOverrides).
 */
import { nearest } from '../../config/suggest.js';
import { InputError } from '../../model/errors.js';
import type { SourceFile } from '../../model/source.js';
import type { DeferBodies } from './hcl/parser.js';
import { AttributeMap, isDeferred, type Attribute, type Block, type ConfigFile, type Expr } from './hcl/ast.js';

export interface VariableDecl {
  name: string;
  block: Block;
  file: SourceFile;
  type?: Attribute;
  default?: Attribute;
  nullable: boolean;
}

export interface ResourceDecl {
  mode: 'managed' | 'data';
  type: string;
  name: string;
  block: Block;
  file: SourceFile;
  count?: Attribute;
  forEach?: Attribute;
  /** Provider configuration address, e.g. "aws" or "aws.tokyo". */
  provider: string;
}

export interface ModuleCallDecl {
  name: string;
  block: Block;
  file: SourceFile;
  source?: string;
  sourceAttr?: Attribute;
  /** The `version` constraint of a registry module, as written (a literal string, as Terraform requires). */
  version?: string;
  count?: Attribute;
  forEach?: Attribute;
  /** Input arguments (every attribute that is not a meta-argument). */
  args: Map<string, Attribute>;
  /** The `providers` map: which of the caller's provider configurations the module's names stand for. */
  providers?: Attribute;
}

export interface OutputDecl {
  name: string;
  block: Block;
  file: SourceFile;
  value?: Attribute;
}

export interface LocalDecl {
  attr: Attribute;
  file: SourceFile;
}

export interface ModuleConfig {
  /** Absolute directory. */
  dir: string;
  files: ConfigFile[];
  variables: Map<string, VariableDecl>;
  locals: Map<string, LocalDecl>;
  /** Managed resources and data sources in file order (files sorted by name). */
  resources: ResourceDecl[];
  /** `managed:type.name` or `data:type.name` → declaration. */
  resourceIndex: Map<string, ResourceDecl>;
  /** Resource types declared here, to tell a resource reference from an undeclared name. */
  managedTypes: Set<string>;
  moduleCalls: Map<string, ModuleCallDecl>;
  outputs: Map<string, OutputDecl>;
  /** Provider configurations by address ("aws", "aws.tokyo"); only their default tags are read. */
  providers: Map<string, ProviderDecl>;
  /**
   * `removed` blocks that keep their object (`lifecycle { destroy = false }`, or a destroy that is
   * not the constant true): the object stays in the cloud, no longer in the configuration.
   */
  keptRemoved: Array<{ from: string; block: Block; file: SourceFile }>;
}

export interface ProviderDecl {
  block: Block;
  file: SourceFile;
}

/** Meta-arguments of resource blocks: not part of the resource's own attributes. */
export const RESOURCE_META = new Set(['count', 'for_each', 'provider', 'depends_on']);
/**
 * How the loader parses configuration files: resource and data bodies are read one resource at a
 * time during evaluation (see DeferredBlock), keeping only the meta-arguments this table needs.
 */
export const DEFER_RESOURCE_BODIES: DeferBodies = { types: new Set(['resource', 'data']), keep: RESOURCE_META };
/** Nested blocks handled by Terraform itself, never by the provider. */
export const RESOURCE_META_BLOCKS = new Set(['lifecycle', 'provisioner', 'connection']);
const MODULE_META = new Set(['source', 'version', 'count', 'for_each', 'providers', 'depends_on']);

function needLabels(block: Block, n: number): void {
  if (block.labels.length !== n) {
    throw new InputError('tf-structure', `A "${block.type}" block needs ${n} label${n === 1 ? '' : 's'}, found ${block.labels.length}`, {
      file: block.file,
      start: block.start,
      end: block.typeEnd,
    });
  }
}

export function buildModuleConfig(dir: string, files: ConfigFile[]): ModuleConfig {
  const cfg: ModuleConfig = {
    dir,
    files,
    variables: new Map(),
    locals: new Map(),
    resources: [],
    resourceIndex: new Map(),
    managedTypes: new Set(),
    moduleCalls: new Map(),
    outputs: new Map(),
    providers: new Map(),
    keptRemoved: [],
  };
  const primary = files.filter((f) => !isOverrideFile(f.file.path));
  for (const cf of primary) {
    const file = cf.file;
    const dup = (what: string, b: { start: number; end: number }, prev: { block?: Block; attr?: Attribute; file: SourceFile }): never => {
      const p = prev.file.position((prev.block ?? prev.attr)!.start);
      throw new InputError('tf-duplicate', `Duplicate ${what}: it was already declared at ${prev.file.path}:${p.line}`, { file, start: b.start, end: b.end });
    };
    for (const [name] of cf.body.attributes) {
      const a = cf.body.attributes.get(name)!;
      throw new InputError('tf-structure', `Unsupported argument "${name}": a module's top level holds only blocks (resource, variable, locals, …)`, {
        file,
        start: a.start,
        end: a.nameEnd,
      });
    }
    for (const block of cf.body.blocks) {
      const labels = block.labels.map((l) => l.value);
      // A deferred block (resource, data) keeps only the meta-arguments this table reads.
      const attrs = isDeferred(block) ? block.meta : block.body.attributes;
      switch (block.type) {
        case 'variable': {
          needLabels(block, 1);
          const name = labels[0]!;
          const prev = cfg.variables.get(name);
          if (prev) dup(`variable "${name}"`, block, prev);
          const nullableAttr = attrs.get('nullable');
          const defaultAttr = attrs.get('default');
          // Terraform: "Invalid default value for variable" — null where null is not allowed.
          if (nullableAttr?.expr.kind === 'literal' && nullableAttr.expr.value === false && defaultAttr?.expr.kind === 'literal' && defaultAttr.expr.value === null) {
            throw new InputError('tf-structure', `Invalid default value for variable "${name}": null is not allowed, because the variable is not nullable`, { file, start: defaultAttr.expr.start, end: defaultAttr.expr.end });
          }
          cfg.variables.set(name, {
            name,
            block,
            file,
            ...(attrs.get('type') ? { type: attrs.get('type')! } : {}),
            ...(attrs.get('default') ? { default: attrs.get('default')! } : {}),
            nullable: !(nullableAttr && nullableAttr.expr.kind === 'literal' && nullableAttr.expr.value === false),
          });
          break;
        }
        case 'locals':
          for (const [name, attr] of attrs) {
            const prev = cfg.locals.get(name);
            if (prev) dup(`local value "${name}"`, attr, prev);
            cfg.locals.set(name, { attr, file });
          }
          break;
        case 'resource':
        case 'data': {
          needLabels(block, 2);
          const mode = block.type === 'resource' ? 'managed' : 'data';
          const [type, name] = labels as [string, string];
          const key = `${mode}:${type}.${name}`;
          const prev = cfg.resourceIndex.get(key);
          if (prev) dup(`${block.type} "${type}" "${name}"`, block, prev);
          const providerAttr = attrs.get('provider');
          const underscore = type.indexOf('_');
          const decl: ResourceDecl = {
            mode,
            type,
            name,
            block,
            file,
            provider: providerAttr
              ? (literalString(providerAttr.expr) ?? file.text.slice(providerAttr.expr.start, providerAttr.expr.end))
              : underscore < 0 ? type : type.slice(0, underscore),
          };
          const count = attrs.get('count');
          if (count) decl.count = count;
          const forEach = attrs.get('for_each');
          if (forEach) decl.forEach = forEach;
          if (decl.count && decl.forEach) {
            throw new InputError('tf-structure', 'Invalid combination of "count" and "for_each": a resource may use one of them, not both', {
              file,
              start: decl.forEach.start,
              end: decl.forEach.nameEnd,
            });
          }
          cfg.resources.push(decl);
          cfg.resourceIndex.set(key, decl);
          if (mode === 'managed') cfg.managedTypes.add(type);
          break;
        }
        case 'module': {
          needLabels(block, 1);
          const name = labels[0]!;
          const prev = cfg.moduleCalls.get(name);
          if (prev) dup(`module call "${name}"`, block, prev);
          const sourceAttr = attrs.get('source');
          const source = sourceAttr ? literalString(sourceAttr.expr) : undefined;
          if (sourceAttr && source === undefined) {
            throw new InputError('tf-structure', 'Invalid module source: "source" must be a literal string', { file, start: sourceAttr.expr.start, end: sourceAttr.expr.end });
          }
          if (!sourceAttr) throw new InputError('tf-structure', `Missing required argument "source" in module "${name}"`, { file, start: block.start, end: block.typeEnd });
          const versionAttr = attrs.get('version');
          const version = versionAttr ? literalString(versionAttr.expr) : undefined;
          // Terraform reads a null constraint as none; anything else must be a constant string.
          if (versionAttr && version === undefined && !(versionAttr.expr.kind === 'literal' && versionAttr.expr.value === null)) {
            throw new InputError('tf-structure', 'Invalid module version: "version" must be a literal string', { file, start: versionAttr.expr.start, end: versionAttr.expr.end });
          }
          const args = new Map<string, Attribute>();
          for (const [k, a] of attrs) if (!MODULE_META.has(k)) args.set(k, a);
          cfg.moduleCalls.set(name, {
            name,
            block,
            file,
            ...(source !== undefined ? { source } : {}),
            ...(sourceAttr ? { sourceAttr } : {}),
            ...(version !== undefined ? { version } : {}),
            ...(attrs.get('count') ? { count: attrs.get('count')! } : {}),
            ...(attrs.get('for_each') ? { forEach: attrs.get('for_each')! } : {}),
            ...(attrs.get('providers') ? { providers: attrs.get('providers')! } : {}),
            args,
          });
          break;
        }
        case 'output': {
          needLabels(block, 1);
          const name = labels[0]!;
          const prev = cfg.outputs.get(name);
          if (prev) dup(`output "${name}"`, block, prev);
          cfg.outputs.set(name, { name, block, file, ...(attrs.get('value') ? { value: attrs.get('value')! } : {}) });
          break;
        }
        case 'provider': {
          needLabels(block, 1);
          const alias = attrs.get('alias');
          const name = alias ? `${labels[0]!}.${literalString(alias.expr) ?? ''}` : labels[0]!;
          cfg.providers.set(name, { block, file });
          break;
        }
        case 'removed': {
          // Terraform's default (no lifecycle block, or destroy = true) destroys the object: nothing stays.
          const destroy = block.body.blocks.find((b) => b.type === 'lifecycle')?.body.attributes.get('destroy');
          if (!destroy || (destroy.expr.kind === 'literal' && destroy.expr.value === true)) break;
          const from = attrs.get('from');
          // `from` is a bare address in native syntax, a string in JSON.
          cfg.keptRemoved.push({ from: from ? (literalString(from.expr) ?? file.text.slice(from.expr.start, from.expr.end)) : '(no from)', block, file });
          break;
        }
        default:
          // terraform, moved, import, check, ephemeral, action: no network meaning. Any other type
          // Terraform itself rejects; read as nothing, it would hide what the block was meant to be.
          if (!OTHER_BLOCKS.has(block.type)) {
            const near = nearest(block.type, [...OTHER_BLOCKS, 'resource', 'data', 'module', 'variable', 'output', 'locals', 'provider']);
            throw new InputError('tf-structure', `Unsupported block type "${block.type}"${near ? `: did you mean "${near}"?` : ''} (Terraform does not know it)`, { file, start: block.start, end: block.typeEnd });
          }
          break;
      }
    }
  }
  // Override files merge into what the primary files declare, in file-name order (files are sorted).
  for (const cf of files) if (isOverrideFile(cf.file.path)) applyOverrides(cfg, cf);
  return cfg;
}

/** Terraform's override files: `override.tf`, `*_override.tf` and their `.tf.json` forms. */
export function isOverrideFile(filePath: string): boolean {
  const base = filePath.split(/[\\/]/).pop()!.replace(/\.tf(\.json)?$/, '');
  return base === 'override' || base.endsWith('_override');
}

/**
 * Merges one override file into the configuration, as Terraform does (language/files/override):
 * each top-level block merges into the primary block with the same header; its attributes replace
 * the primary's, and its nested blocks replace every primary nested block of the same type. Locals
 * replace the primary local of the same name. A block with nothing to override is an input error.
 */
function applyOverrides(cfg: ModuleConfig, cf: ConfigFile): void {
  const file = cf.file;
  for (const a of cf.body.attributes.values()) {
    throw new InputError('tf-structure', `Unsupported argument "${a.name}": a module's top level holds only blocks (resource, variable, locals, …)`, { file, start: a.start, end: a.nameEnd });
  }
  for (const over of cf.body.blocks) {
    const labels = over.labels.map((l) => l.value);
    const missing = (what: string): never => {
      throw new InputError('tf-structure', `Missing base ${what} to override: an override file can only change what the module's other files declare`, {
        file,
        start: over.start,
        end: over.typeEnd,
      });
    };
    const attrs = over.body.attributes;
    switch (over.type) {
      case 'variable': {
        needLabels(over, 1);
        const v = cfg.variables.get(labels[0]!) ?? missing(`variable "${labels[0]}"`);
        const type = attrs.get('type');
        const def = attrs.get('default');
        const nullable = attrs.get('nullable');
        if (type) v.type = type;
        if (def) v.default = def;
        if (nullable) v.nullable = !(nullable.expr.kind === 'literal' && nullable.expr.value === false);
        break;
      }
      case 'locals':
        for (const [name, attr] of attrs) {
          if (!cfg.locals.has(name)) missing(`local value "${name}"`);
          cfg.locals.set(name, { attr, file });
        }
        break;
      case 'output': {
        needLabels(over, 1);
        const o = cfg.outputs.get(labels[0]!) ?? missing(`output "${labels[0]}"`);
        const value = attrs.get('value');
        if (value) o.value = value;
        break;
      }
      case 'resource':
      case 'data': {
        needLabels(over, 2);
        const key = `${over.type === 'resource' ? 'managed' : 'data'}:${labels[0]}.${labels[1]}`;
        const r = cfg.resourceIndex.get(key) ?? missing(`${over.type} "${labels[0]}" "${labels[1]}"`);
        r.block = mergeBlock(r.block, over);
        const body = r.block.body.attributes;
        const providerAttr = attrs.get('provider');
        if (providerAttr) r.provider = literalString(providerAttr.expr) ?? file.text.slice(providerAttr.expr.start, providerAttr.expr.end);
        if (body.get('count')) r.count = body.get('count')!;
        if (body.get('for_each')) r.forEach = body.get('for_each')!;
        if (r.count && r.forEach) {
          throw new InputError('tf-structure', 'Invalid combination of "count" and "for_each": a resource may use one of them, not both', { file, start: over.start, end: over.typeEnd });
        }
        break;
      }
      case 'module': {
        needLabels(over, 1);
        const m = cfg.moduleCalls.get(labels[0]!) ?? missing(`module call "${labels[0]}"`);
        const source = attrs.get('source');
        if (source) {
          const s = literalString(source.expr);
          if (s === undefined) throw new InputError('tf-structure', 'Invalid module source: "source" must be a literal string', { file, start: source.expr.start, end: source.expr.end });
          m.source = s;
          m.sourceAttr = source;
        }
        if (attrs.get('count')) m.count = attrs.get('count')!;
        if (attrs.get('for_each')) m.forEach = attrs.get('for_each')!;
        if (attrs.get('providers')) m.providers = attrs.get('providers')!;
        for (const [k, a] of attrs) if (!MODULE_META.has(k)) m.args.set(k, a);
        m.block = mergeBlock(m.block, over);
        break;
      }
      case 'provider': {
        needLabels(over, 1);
        const alias = attrs.get('alias');
        const name = alias ? `${labels[0]!}.${literalString(alias.expr) ?? ''}` : labels[0]!;
        const p = cfg.providers.get(name) ?? missing(`provider "${name}"`);
        p.block = mergeBlock(p.block, over);
        break;
      }
      default:
        // terraform, moved, import, …: nothing of theirs is read, so neither is their override.
        if (!OTHER_BLOCKS.has(over.type)) throw new InputError('tf-structure', `Unsupported block type "${over.type}" (Terraform does not know it)`, { file, start: over.start, end: over.typeEnd });
        break;
    }
  }
}

/**
 * The primary block with an override block merged in: the override's attributes replace the
 * primary's of the same name, its nested blocks replace all the primary's of the same type. The
 * result keeps the primary's header and place; each attribute and nested block keeps its own file.
 */
function mergeBlock(base: Block, over: Block): Block {
  const b = base.body;
  const o = over.body;
  // Replaced attributes keep their place, so that a report reads in the primary file's order.
  const attributes = new AttributeMap([...[...b.attributes.values()].map((a) => o.attributes.get(a.name) ?? a), ...[...o.attributes.values()].filter((a) => !b.attributes.has(a.name))]);
  const replaced = new Set(o.blocks.map((x) => x.type));
  const blocks = [...b.blocks.filter((x) => !replaced.has(x.type)), ...o.blocks];
  return {
    kind: 'block',
    file: base.file,
    type: base.type,
    typeEnd: base.typeEnd,
    labels: base.labels,
    start: base.start,
    end: base.end,
    body: { start: b.start, end: b.end, attributes, blocks },
  };
}

/** Top-level blocks Terraform knows that hold nothing for the network. */
const OTHER_BLOCKS = new Set(['terraform', 'moved', 'import', 'removed', 'check', 'ephemeral', 'action']);

/** The string of a quoted string or a template without interpolations, or undefined. */
export function literalString(e: Expr): string | undefined {
  if (e.kind === 'literal') return typeof e.value === 'string' ? e.value : undefined;
  if (e.kind !== 'template') return undefined;
  let s = '';
  for (const p of e.parts) {
    if (p.kind !== 'literal' || typeof p.value !== 'string') return undefined;
    s += p.value;
  }
  return s;
}
