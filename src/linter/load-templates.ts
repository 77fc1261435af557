/**
 * CloudFormation templates of a run, nested stacks followed: an `AWS::CloudFormation::Stack` whose
 * `TemplateURL` is a relative file below the scan root loads that template with the stack's known
 * `Parameters`, and its resources join the system as `<Stack>.<LogicalId>` (references inside it
 * alike). A child template is read as part of its parent, not again on its own. With several
 * top-level templates, each one's addresses start with its file's name.
 */
import fs from 'node:fs';
import path from 'node:path';
import { loadTemplate, type CfnResource } from '../loaders/cfn/template.js';
import { translate } from '../loaders/cfn/translate.js';
import { findScanRoot } from '../loaders/terraform/load.js';
import { InputError, type InputProblem } from '../model/errors.js';
import type { ModelResource } from '../model/resource.js';
import { SourceFile } from '../model/source.js';

const MAX_NESTING = 8;

export interface TemplatesLoad {
  resources: ModelResource[];
  roots: string[];
  problems: InputProblem[];
}

export function loadTemplates(templates: readonly string[], cwd: string, params: Record<string, string>): TemplatesLoad {
  const out: TemplatesLoad = { resources: [], roots: [], problems: [] };
  const display = (abs: string): string => path.relative(cwd, abs).split(path.sep).join('/') || abs;
  const loaded = new Map<string, CfnResource[]>();
  const read = (abs: string, parameters: Record<string, string>): CfnResource[] | undefined => {
    try {
      const r = loadTemplate(new SourceFile(display(abs), fs.readFileSync(abs, 'utf8')), parameters);
      out.problems.push(...r.problems);
      return r.resources;
    } catch (e) {
      if (e instanceof InputError) out.problems.push(e.toProblem());
      else throw e;
      return undefined;
    }
  };
  for (const abs of templates) {
    const r = read(abs, params);
    if (r) loaded.set(abs, r);
  }
  const children = new Set<string>();
  for (const [abs, rs] of loaded) for (const s of rs) {
    const child = childOf(abs, s);
    if (child) children.add(child);
  }
  const add = (abs: string, rs: CfnResource[], prefix: string, depth: number): void => {
    out.resources.push(...translate(rs, prefix));
    for (const s of rs) {
      const child = childOf(abs, s);
      if (!child) continue;
      const at = s.sources.get('TemplateURL') ?? s.span;
      const root = findScanRoot(abs);
      if (path.relative(root, child).startsWith('..') || !fs.existsSync(child)) {
        out.problems.push(new InputError('cfn', `The nested stack ${s.logicalId} names ${s.properties['TemplateURL'] as string}, which is not a file below the scan root: its resources are not analysed`, at).toProblem());
        continue;
      }
      if (depth >= MAX_NESTING) {
        out.problems.push(new InputError('cfn', `Nested stacks go deeper than ${MAX_NESTING} levels at ${s.logicalId}`, at).toProblem());
        continue;
      }
      const given = s.properties['Parameters'];
      const childParams: Record<string, string> = {};
      if (given && typeof given === 'object' && !Array.isArray(given)) {
        for (const [k, v] of Object.entries(given)) if (typeof v === 'string' || typeof v === 'number' || typeof v === 'boolean') childParams[k] = String(v);
      }
      const crs = read(child, childParams);
      if (crs) add(child, crs, `${prefix}${s.logicalId}.`, depth + 1);
    }
  };
  const tops = templates.filter((t) => loaded.has(t) && !children.has(t));
  for (const abs of tops) {
    add(abs, loaded.get(abs)!, tops.length > 1 ? `${path.basename(abs).replace(/(\.template)?\.(json|ya?ml|template)$/, '')}.` : '', 0);
    out.roots.push(display(abs));
  }
  return out;
}

/** The local template file a nested stack names, when it names one (not an S3 or HTTP URL). */
function childOf(parent: string, r: CfnResource): string | undefined {
  if (r.type !== 'AWS::CloudFormation::Stack') return undefined;
  const url = r.properties['TemplateURL'];
  if (typeof url !== 'string' || /^[a-z][a-z0-9+.-]*:\/\//i.test(url)) return undefined;
  return path.resolve(path.dirname(parent), url);
}
