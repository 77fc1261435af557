/**
 * The template file of a CDK nested stack, found through its stack's asset manifest. Contract:
 * - The CDK uploads a nested stack's template as a file asset and writes the stack's `TemplateURL`
 *   as the S3 object `<hash>.json` of that asset; the asset manifest beside the parent template
 *   (`<Stack>.assets.json`, the assembly's `cdk:asset-manifest` artifact) names the file in cdk.out
 *   whose content that object is: `files[hash].source.path`.
 * - `cdkNestedTemplate` returns that path (relative to the parent template's folder) when the
 *   stack's TemplateURL names exactly one such hash that a manifest there lists as a file; else
 *   undefined. It is the way in when the template carries no `aws:asset:path` metadata (an app
 *   synthesised without asset metadata: in process, `--no-asset-metadata`, or through the CDK's
 *   policy validation, which hands over the stack templates only).
 * - Nothing here throws: a manifest that cannot be read or parsed names no template.
 */
import fs from 'node:fs';
import path from 'node:path';
import type { CfnResource } from './template.js';

const ASSET_OBJECT = /\/([0-9a-f]{64})\.json\b/g;

export function cdkNestedTemplate(stack: CfnResource, folder: string): string | undefined {
  const at = stack.sources.get('TemplateURL');
  if (!at) return undefined;
  const hashes = new Set([...at.file.text.slice(at.start, at.end).matchAll(ASSET_OBJECT)].map((m) => m[1]!));
  if (hashes.size !== 1) return undefined;
  const [hash] = hashes;
  const found = new Set<string>();
  for (const manifest of assetManifests(folder)) {
    const source = manifest[hash!]?.source;
    if (source && typeof source.path === 'string' && (source.packaging === undefined || source.packaging === 'file')) found.add(source.path);
  }
  return found.size === 1 ? [...found][0] : undefined;
}

interface FileAsset {
  source?: { path?: unknown; packaging?: unknown };
}

/** The `files` of every asset manifest in a folder. */
function assetManifests(folder: string): Array<Record<string, FileAsset | undefined>> {
  let names: string[];
  try {
    names = fs.readdirSync(folder).filter((n) => n.endsWith('.assets.json'));
  } catch {
    return [];
  }
  const out: Array<Record<string, FileAsset | undefined>> = [];
  for (const n of names) {
    try {
      const files = (JSON.parse(fs.readFileSync(path.join(folder, n), 'utf8').replace(/^\ufeff/, '')) as { files?: unknown }).files;
      if (files && typeof files === 'object' && !Array.isArray(files)) out.push(files as Record<string, FileAsset | undefined>);
    } catch {
      // Not an asset manifest this reader understands: it names nothing.
    }
  }
  return out;
}
