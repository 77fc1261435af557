/**
 * Which files under the given paths are CloudFormation templates: `.json`, `.yaml`, `.yml` and
 * `.template` files whose content is one (product.md §3: told by content, not by name). Plans and
 * Terraform's own JSON files are never templates; neither is anything in an AWS CDK asset folder.
 */
import fs from 'node:fs';
import path from 'node:path';
import { decodeText, fileHead } from '../input-file.js';
import { findFiles } from '../find-files.js';
import { looksLikeTemplate } from './template.js';

const isCandidate = (name: string): boolean =>
  /\.(json|ya?ml|template)$/.test(name) && !name.endsWith('.tf.json') && !name.endsWith('.tfvars.json') && !name.startsWith('.') && name !== 'gridfence.yaml' && name !== 'package.json' && name !== 'package-lock.json';

/** `byName`: every candidate file is taken as a template (--input-format cloudformation). */
export function findTemplates(paths: readonly string[], cwd: string, except: ReadonlySet<string>, byName = false): string[] {
  const out: string[] = [];
  for (const given of paths) {
    const abs = path.resolve(cwd, given);
    if (!fs.existsSync(abs)) continue;
    const candidates = fs.statSync(abs).isDirectory() ? findFiles(abs, isCandidate) : isCandidate(path.basename(abs)) ? [abs] : [];
    for (const f of candidates) if (!except.has(f) && !inCdkAsset(f) && (byName || looksLikeTemplate(decodeText(fileHead(f))))) out.push(f);
  }
  return [...new Set(out)].sort();
}

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
