/**
 * Which files under the given paths are CloudFormation templates: `.json`, `.yaml`, `.yml` and
 * `.template` files whose content is one (product.md §3: told by content, not by name). Plans and
 * Terraform's own JSON files are never templates; neither is anything in an AWS CDK asset folder.
 */
import fs from 'node:fs';
import path from 'node:path';
import { decodeText, displayPath, fileHead } from '../input-file.js';
import type { InputProblem } from '../../model/errors.js';
import { SourceFile, toLocation } from '../../model/source.js';
import { findFiles } from '../find-files.js';
import { looksLikeTemplate, mayBeTemplate } from './template.js';

const isCandidate = (name: string): boolean =>
  /\.(json|ya?ml|template)$/.test(name) && !name.endsWith('.tf.json') && !name.endsWith('.tfvars.json') && !name.startsWith('.') && name !== 'gridfence.yaml' && name !== 'package.json' && name !== 'package-lock.json';

/** `byName`: every candidate file is taken as a template (--input-format cloudformation). */
export function findTemplates(paths: readonly string[], cwd: string, except: ReadonlySet<string>, byName = false, problems?: InputProblem[]): string[] {
  const out: string[] = [];
  for (const given of paths) {
    const abs = path.resolve(cwd, given);
    if (!fs.existsSync(abs)) continue;
    const candidates = fs.statSync(abs).isDirectory() ? findFiles(abs, isCandidate, problems) : isCandidate(path.basename(abs)) ? [abs] : [];
    for (const f of candidates) if (!except.has(f) && !inCdkAsset(f) && (byName || isTemplate(f))) out.push(f);
  }
  return [...new Set(out)].sort();
}

/**
 * Whether a file is a template, by its first 64 KiB; a file that fills them without deciding is read
 * whole only when its first key is one of a template's sections (a large Mappings before Resources).
 */
function isTemplate(abs: string): boolean {
  const head = fileHead(abs, HEAD_BYTES);
  const text = decodeText(head);
  if (looksLikeTemplate(text)) return true;
  if (head.length < HEAD_BYTES || !mayBeTemplate(text)) return false;
  try {
    return looksLikeTemplate(decodeText(fs.readFileSync(abs)));
  } catch {
    return false;
  }
}

const HEAD_BYTES = 65536;

/**
 * A file inside an asset folder of AWS CDK output (`cdk.out/asset.<hash>/…`): packaged code and
 * data for deployment, never the system's own templates (product.md §3).
 */
function inCdkAsset(abs: string): boolean {
  const parts = abs.split(path.sep);
  for (let i = parts.length - 2; i > 0; i--) {
    if (parts[i]!.startsWith('asset.') && fs.existsSync(path.join(parts.slice(0, i).join(path.sep) || path.sep, 'manifest.json'))) return true;
  }
  return false;
}

/**
 * The stacks an AWS CDK cloud assembly (`cdk.out/manifest.json`) lists whose template file is not
 * there: each an error at the manifest, since the run would otherwise judge the system without them.
 * A manifest that cannot be parsed is not one (CDK writes it as JSON with `artifacts`).
 */
export function missingCdkTemplates(paths: readonly string[], cwd: string): InputProblem[] {
  const problems: InputProblem[] = [];
  const manifests = new Set<string>();
  for (const given of paths) {
    const abs = path.resolve(cwd, given);
    if (!fs.existsSync(abs)) continue;
    if (fs.statSync(abs).isDirectory()) for (const f of findFiles(abs, (n) => n === 'manifest.json', [])) manifests.add(f);
    else if (path.basename(abs) === 'manifest.json') manifests.add(abs);
  }
  for (const m of manifests) {
    let text: string;
    let artifacts: unknown;
    try {
      text = decodeText(fs.readFileSync(m)).replace(/^\ufeff/, '');
      artifacts = (JSON.parse(text) as { artifacts?: unknown }).artifacts;
    } catch {
      continue;
    }
    if (!artifacts || typeof artifacts !== 'object') continue;
    const file = new SourceFile(displayPath(cwd, m), text);
    for (const [id, a] of Object.entries(artifacts as Record<string, { type?: unknown; properties?: { templateFile?: unknown } }>)) {
      const t = a?.properties?.templateFile;
      if (a?.type !== 'aws:cloudformation:stack' || typeof t !== 'string') continue;
      if (fs.existsSync(path.resolve(path.dirname(m), t))) continue;
      const at = text.indexOf(JSON.stringify(t));
      const span = { file, start: Math.max(at, 0), end: Math.max(at, 0) + (at >= 0 ? JSON.stringify(t).length : 1) };
      problems.push({ severity: 'error', code: 'cdk-manifest', message: `The stack ${id} of this cloud assembly has no template: ${t} is not there`, location: toLocation(span) });
    }
  }
  return problems;
}
