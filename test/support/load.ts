/** Loads Terraform from fixture folders (or in-memory files) the way the CLI does. */
import path from 'node:path';
import { loadTerraform, type TerraformLoadResult } from '../../src/loaders/terraform/load.js';
import type { ModelResource } from '../../src/model/resource.js';
import { toJSON } from '../../src/model/value.js';
import { repoRoot, writeTree } from './files.js';

/** Loads a fixture folder; the folder itself is the scan root (the sandbox), as for a user who runs gridfence there. */
export function loadFixture(rel: string, extra: { vars?: Array<{ name: string; value: string }>; varFiles?: string[] } = {}): TerraformLoadResult {
  const dir = path.join(repoRoot, rel);
  return loadTerraform({ paths: [dir], cwd: repoRoot, scanRoot: dir, vars: extra.vars ?? [], varFiles: extra.varFiles ?? [] });
}

/** Writes files to a fresh temporary folder and loads it; the folder is the scan root. */
export function loadFiles(
  files: Record<string, string>,
  extra: { vars?: Array<{ name: string; value: string }>; workspace?: string } = {},
): TerraformLoadResult & { dir: string } {
  const dir = writeTree(files, 'gridfence-tf-');
  const ws = extra.workspace !== undefined ? { workspace: extra.workspace } : {};
  return { ...loadTerraform({ paths: [dir], cwd: dir, scanRoot: dir, vars: extra.vars ?? [], varFiles: [], ...ws }), dir };
}

export function resource(r: TerraformLoadResult, address: string): ModelResource {
  const found = r.model.resources.find((x) => x.address === address);
  if (!found) throw new Error(`no resource ${address}; have ${r.model.resources.map((x) => x.address).join(', ')}`);
  return found;
}

export function attrs(r: TerraformLoadResult, address: string): Record<string, unknown> {
  return toJSON(resource(r, address).attributes) as Record<string, unknown>;
}

export function errors(r: TerraformLoadResult): string[] {
  return r.problems.filter((p) => p.severity === 'error').map((p) => `${p.location ? `${p.location.file}:${p.location.line}:${p.location.column}: ` : ''}${p.message}`);
}
