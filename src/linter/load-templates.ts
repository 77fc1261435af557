/**
 * CloudFormation templates of a run, nested stacks followed: an `AWS::CloudFormation::Stack` whose
 * `TemplateURL` is a relative file path (or, for a CDK nested stack, an asset in cdk.out:
 * ../loaders/cfn/cdk-assets.ts) loads that template with the stack's `Parameters`, and its
 * resources join the system as `<Stack>.<LogicalId>` (references inside it alike). A child template
 * is read as part of its parent, not again on its own: what a read of it alone (with its Defaults)
 * finds is not reported, only what its read through the parent finds. With several top-level templates, each one's
 * addresses start with its file's name. A stack whose template is remote (S3, HTTPS) or unknown is a
 * warning: its resources are not analysed.
 *
 * A child's path goes through the file sandbox (../loaders/terraform/sandbox.ts) with the top-level
 * template's scan root (its enclosing git work tree, else its folder): an absolute path, a `..` or a
 * symbolic link that leads out of it is refused at the `TemplateURL` and never read. A parameter the
 * parent passes as a value that cannot be known stays unknown in the child; it does not fall back to
 * the child's Default; one that refers to a resource of the parent (`!Ref Subnet`) keeps naming it, by
 * its address in the model. A stack whose Condition cannot be known passes that Unknown to every resource
 * of its child (they may or may not exist, as the stack); one whose Condition is false leaves its
 * child out, and that template is not read on its own either. The pseudo parameters given for the
 * run (`--cfn-param AWS::Region=…`) hold in every child as well, except the stack's own name and id.
 */
import fs from 'node:fs';
import path from 'node:path';
import { cdkNestedTemplate } from '../loaders/cfn/cdk-assets.js';
import { loadTemplate, passedRef, type CfnResource } from '../loaders/cfn/template.js';
import { translate } from '../loaders/cfn/translate.js';
import { displayPath, readInputText } from '../loaders/input-file.js';
import { Sandbox } from '../loaders/terraform/sandbox.js';
import { findScanRoot } from '../loaders/terraform/load.js';
import { nearest } from '../config/suggest.js';
import { InputError, type InputProblem } from '../model/errors.js';
import type { ModelResource } from '../model/resource.js';
import { SourceFile } from '../model/source.js';
import { Unknown, findUnknown, type Value } from '../model/value.js';
import { pushAll } from '../model/arrays.js';

const MAX_NESTING = 8;

/** The pseudo parameters a nested stack shares with its parent. */
const INHERITED_PSEUDO = new Set(['AWS::Region', 'AWS::AccountId', 'AWS::Partition', 'AWS::URLSuffix']);

export interface TemplatesLoad {
  resources: ModelResource[];
  roots: string[];
  problems: InputProblem[];
}

export function loadTemplates(templates: readonly string[], cwd: string, params: Record<string, string>): TemplatesLoad {
  const out: TemplatesLoad = { resources: [], roots: [], problems: [] };
  const loaded = new Map<string, CfnResource[]>();
  const omittedChildren = new Map<string, string[]>();
  /** The parameters each template declares; those of the templates read on their own take --cfn-param. */
  const declaredBy = new Map<string, readonly string[]>();
  const declared = new Set<string>();
  const read = (abs: string, parameters: Record<string, string | Unknown>, unset?: Unknown, problems = out.problems): CfnResource[] | undefined => {
    try {
      const display = displayPath(cwd, abs);
      const r = loadTemplate(new SourceFile(display, readInputText(abs, display)), parameters, unset);
      pushAll(problems, r.problems);
      if (parameters === params) {
        declaredBy.set(abs, r.parameters);
        omittedChildren.set(abs, r.omittedStackUrls.filter(isLocalUrl));
      }
      return r.resources;
    } catch (e) {
      if (e instanceof InputError) problems.push(e.toProblem());
      else throw e;
      return undefined;
    }
  };
  // Each template is first read on its own; what that read finds is said only of the templates that
  // are read on their own in the end (a child's problems are those of its read through its parent).
  const ownProblems = new Map<string, InputProblem[]>();
  for (const abs of templates) {
    const problems: InputProblem[] = [];
    ownProblems.set(abs, problems);
    const r = read(abs, params, undefined, problems);
    if (r) loaded.set(abs, r);
  }
  // Templates that another one names as its child are read through it only; a child of a stack that
  // a false Condition leaves out is not deployed, so it is not read at all.
  const childrenOf = new Map<string, string[]>();
  for (const [abs, rs] of loaded) {
    const urls = [...rs.map((r) => localTemplateUrl(r, path.dirname(abs))).filter((u): u is string => u !== undefined), ...(omittedChildren.get(abs) ?? [])];
    childrenOf.set(abs, urls.map((u) => path.resolve(path.dirname(abs), u)).filter((c) => c !== abs));
  }
  const children = new Set([...childrenOf.values()].flat());
  // A child is deployed in its parent's region and account: the pseudo parameters given for the run
  // hold in it too (its stack name and id are its own).
  const deployedWith = Object.fromEntries(Object.entries(params).filter(([k]) => INHERITED_PSEUDO.has(k)));
  // `exists`: the unknown Condition of a stack that holds these resources, which they inherit (as a
  // resource's own, it makes them possible, not certain).
  const add = (abs: string, rs: CfnResource[], prefix: string, depth: number, scanRoot: string, ancestors: readonly string[] = [], exists?: Unknown): void => {
    const models = translate(rs, prefix);
    if (exists) for (const m of models) m.expansion ??= exists;
    pushAll(out.resources, models);
    const sandbox = new Sandbox(scanRoot, path.dirname(abs));
    for (const s of rs) {
      if (s.type !== 'AWS::CloudFormation::Stack') continue;
      const at = s.sources.get('TemplateURL') ?? s.span;
      const url = localTemplateUrl(s, path.dirname(abs));
      if (url === undefined) {
        // As a remote Terraform module: said once, as a warning, so the gap in the analysis is visible.
        const named = s.properties['TemplateURL'];
        const from = typeof named === 'string' ? `comes from ${named}, which gridfence does not fetch` : 'has a TemplateURL that is not known before deployment';
        out.problems.push({ ...new InputError('cfn-remote-stack', `The nested stack ${s.logicalId} ${from}: its resources are not analysed`, at).toProblem(), severity: 'warning' });
        continue;
      }
      const skip = (code: string, why: string): void => {
        out.problems.push(new InputError(code, `The nested stack ${s.logicalId}: ${why}; its resources are not analysed`, at).toProblem());
      };
      let child: string;
      try {
        child = sandbox.resolve(url, at);
      } catch (e) {
        if (!(e instanceof InputError)) throw e;
        skip(e.code, e.message);
        continue;
      }
      if (!fs.existsSync(child) || !fs.statSync(child).isFile()) {
        skip('cfn', `${url} is not a file`);
        continue;
      }
      if (child === abs || ancestors.includes(child)) {
        skip('cfn', `${url} is a template that contains this stack (a cycle)`);
        continue;
      }
      if (depth >= MAX_NESTING) {
        out.problems.push(new InputError('cfn', `Nested stacks go deeper than ${MAX_NESTING} levels at ${s.logicalId}`, at).toProblem());
        continue;
      }
      const passed = s.properties['Parameters'];
      // Parameters that are unknown as a whole (an Fn::If on an unknown condition) leave every parameter unknown.
      const crs =
        passed instanceof Unknown
          ? read(child, { ...deployedWith }, new Unknown(`the Parameters of ${s.logicalId} are not known: ${passed.reason}`, passed.at))
          : read(child, { ...deployedWith, ...childParameters(passed, prefix) });
      if (crs) add(child, crs, `${prefix}${s.logicalId}.`, depth + 1, scanRoot, [...ancestors, abs], s.condition ?? exists);
    }
  };
  const tops = templates.filter((t) => loaded.has(t) && !children.has(t));
  // Templates that only name each other (a cycle) have no top: the first of each is read as one, so
  // that none is left out without a word (the cycle itself is an error where it closes).
  const reached = new Set<string>();
  const reach = (t: string): void => {
    if (reached.has(t)) return;
    reached.add(t);
    for (const c of childrenOf.get(t) ?? []) reach(c);
  };
  tops.forEach(reach);
  for (const t of templates) {
    if (!loaded.has(t) || reached.has(t)) continue;
    tops.push(t);
    reach(t);
  }
  for (const t of templates) if (!children.has(t) || tops.includes(t)) pushAll(out.problems, ownProblems.get(t)!);
  // A value given for a parameter no template declares is a typo: it would silently leave the
  // parameter it was meant for at its default (pseudo parameters such as AWS::Region aside).
  // A nested template's parameters come from its parent stack, never from the command line.
  // With no template among the inputs a value sets nothing: said as a warning, since one command
  // line may serve repositories with templates and without.
  const given = Object.keys(params).filter((n) => !n.startsWith('AWS::'));
  if (templates.length === 0 && given.length) {
    out.problems.push({ ...new InputError('usage', `--cfn-param ${given.join(', ')}: no CloudFormation template is among the inputs, so ${given.length === 1 ? 'it sets' : 'they set'} nothing`).toProblem(), severity: 'warning' });
  }
  if (loaded.size > 0) {
    for (const abs of tops) for (const n of declaredBy.get(abs) ?? []) declared.add(n);
    const nested = new Set([...declaredBy].filter(([abs]) => !tops.includes(abs)).flatMap(([, names]) => names));
    for (const name of Object.keys(params)) {
      if (name.startsWith('AWS::') || declared.has(name)) continue;
      if (nested.has(name)) {
        out.problems.push(new InputError('usage', `--cfn-param ${name}=…: only a nested template declares a parameter "${name}", and its parent stack's Parameters give its value`).toProblem());
        continue;
      }
      const near = nearest(name, declared);
      out.problems.push(new InputError('usage', `--cfn-param ${name}=…: no template declares a parameter "${name}"${near ? `; did you mean "${near}"?` : ''}`).toProblem());
    }
  }
  for (const abs of tops) {
    add(abs, loaded.get(abs)!, tops.length > 1 ? `${path.basename(abs).replace(/(\.template)?\.(json|ya?ml|template)$/, '')}.` : '', 0, findScanRoot(abs));
    out.roots.push(displayPath(cwd, abs));
  }
  return out;
}

/**
 * The local template path a nested stack names (not an S3 or HTTP URL), or its CDK asset's: the file
 * its Metadata names, else the one its stack's asset manifest in `folder` lists for the S3 object of
 * its TemplateURL.
 */
function localTemplateUrl(r: CfnResource, folder: string): string | undefined {
  if (r.type !== 'AWS::CloudFormation::Stack') return undefined;
  const url = r.properties['TemplateURL'];
  if (typeof url === 'string' && isLocalUrl(url)) return url;
  // A CDK nested stack: its URL is for S3, its template the asset beside the parent's in cdk.out.
  const asset = r.templateAsset ?? (url instanceof Unknown ? cdkNestedTemplate(r, folder) : undefined);
  return asset !== undefined && isLocalUrl(asset) ? asset : undefined;
}

/** A TemplateURL that is a file path, not an S3 or HTTP URL. */
function isLocalUrl(url: string): boolean {
  return !/^[a-z][a-z0-9+.-]*:\/\//i.test(url);
}

/**
 * The values a stack passes to its child, as CloudFormation passes them: text, a list joined by
 * commas (for a CommaDelimitedList parameter), and an Unknown when the value cannot be known. The
 * Unknown keeps its reason, place and the resource it names, as the parent's address (its logical
 * id after the parent's `prefix`, marked by passedRef so that the child's prefix is not put before
 * it): a child's instance given the parent's subnet sits in that subnet.
 */
function childParameters(given: Value | undefined, prefix: string): Record<string, string | Unknown> {
  const out: Record<string, string | Unknown> = {};
  if (!given || typeof given !== 'object' || Array.isArray(given)) return out;
  for (const [k, v] of Object.entries(given as Record<string, Value>)) {
    const u = findUnknown(v);
    if (u) out[k] = new Unknown(u.reason, u.at, u.ref === undefined ? undefined : passedRef(u.ref, prefix));
    else if (typeof v === 'string' || typeof v === 'number' || typeof v === 'boolean') out[k] = String(v);
    else if (Array.isArray(v) && v.every((x) => typeof x === 'string' || typeof x === 'number' || typeof x === 'boolean')) out[k] = v.map(String).join(',');
  }
  return out;
}
