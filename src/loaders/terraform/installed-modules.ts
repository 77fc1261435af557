/**
 * Modules that `terraform init` installed. gridfence fetches nothing, but a root module where
 * `terraform init` ran holds a manifest, `.terraform/modules/modules.json` (under `TF_DATA_DIR`
 * when that is set), that maps each module call — keyed by the names of the calls from the root,
 * joined by dots ("vpc", "app.vpc"), whatever their count or for_each — to the folder it was
 * installed in, relative to the root module. A registry or remote module found there is read
 * as Terraform reads it.
 *
 * An entry is used only where Terraform would use it: the source it records is the call's source
 * (a registry address may be written without its host), the version installed meets the call's
 * `version` constraint, and its folder exists below the scan root. Otherwise Terraform refuses to
 * plan until `terraform init` runs again, so the module stays unread — its outputs unknown — and
 * the reason is given.
 */
import fs from 'node:fs';
import path from 'node:path';
import { isInside } from './sandbox.js';

/** A module call's installed folder, or why the copy installed is not the one Terraform would use. */
export type Installation = { dir: string; version?: string } | { refused: string };

interface Entry {
  source: string;
  version?: string;
  dir: string;
}

const REGISTRY_HOST = 'registry.terraform.io/';

export class InstalledModules {
  private entries: Map<string, Entry> | undefined;

  constructor(
    private readonly rootDir: string,
    private readonly scanRoot: string,
    private readonly dataDir: string = process.env['TF_DATA_DIR'] || '.terraform',
  ) {}

  /**
   * The installation of the call at `key` with `source` and `version` as written; undefined when
   * nothing is installed for it (no manifest, no entry): the module was never fetched.
   */
  lookup(key: string, source: string, version: string | undefined): Installation | undefined {
    const e = this.manifest().get(key);
    if (!e) return undefined;
    if (normalSource(e.source) !== normalSource(source)) {
      return { refused: `terraform init installed it from "${e.source}", not from "${source}"; Terraform refuses to plan until terraform init runs again` };
    }
    if (version !== undefined && e.version !== undefined && meets(e.version, version) === false) {
      return { refused: `terraform init installed version ${e.version}, which does not meet the constraint "${version}"; Terraform refuses to plan until terraform init runs again` };
    }
    const dir = path.resolve(this.rootDir, e.dir);
    if (!isInside(dir, this.scanRoot)) return { refused: `its installed folder ${e.dir} is outside the scan root` };
    if (!fs.existsSync(dir) || !fs.statSync(dir).isDirectory()) return { refused: `its installed folder ${e.dir} is missing; run terraform init again` };
    return { dir, ...(e.version !== undefined ? { version: e.version } : {}) };
  }

  /** The manifest's entries by key; none when it is absent or not a manifest Terraform writes. */
  private manifest(): Map<string, Entry> {
    if (this.entries) return this.entries;
    this.entries = new Map();
    const file = path.resolve(this.rootDir, this.dataDir, 'modules', 'modules.json');
    if (!isInside(file, this.scanRoot)) return this.entries;
    let doc: unknown;
    try {
      doc = JSON.parse(fs.readFileSync(file, 'utf8'));
    } catch {
      return this.entries;
    }
    const modules = (doc as { Modules?: unknown })?.Modules;
    if (!Array.isArray(modules)) return this.entries;
    for (const m of modules) {
      if (typeof m !== 'object' || m === null) continue;
      const { Key: key, Source: source, Version: version, Dir: dir } = m as Record<string, unknown>;
      if (typeof key !== 'string' || key === '' || typeof source !== 'string' || typeof dir !== 'string') continue;
      this.entries.set(key, { source, dir, ...(typeof version === 'string' && version !== '' ? { version } : {}) });
    }
    return this.entries;
  }
}

/** A source as the manifest records it: a registry address with its host, a local path without "./". */
function normalSource(s: string): string {
  if (s.startsWith('./') || s.startsWith('../')) return path.posix.normalize(s);
  // NAMESPACE/NAME/PROVIDER (with a //subdirectory) is an address of the public registry.
  if (/^[A-Za-z0-9][\w-]*\/[\w-]+\/[\w-]+(\/\/.*)?$/.test(s)) return REGISTRY_HOST + s;
  return s;
}

/**
 * Whether `version` meets a constraint as Terraform writes module version constraints (comma-joined
 * `=`, `!=`, `>`, `>=`, `<`, `<=`, `~>`); undefined when either cannot be read, which is taken as met.
 * `~> 1.2` allows 1.2 and above below 2.0; `~> 1.2.3` allows 1.2.3 and above below 1.3.0; `~> 1`
 * is read as 1 and above (implementations differ on its upper bound, and a doubt is taken as met).
 */
export function meets(version: string, constraint: string): boolean | undefined {
  const v = parseVersion(version);
  if (!v) return undefined;
  for (const part of constraint.split(',')) {
    const m = /^\s*(=|!=|>=|<=|>|<|~>)?\s*v?(\d+(?:\.\d+){0,2})(-[0-9A-Za-z.-]+)?\s*$/.exec(part);
    if (!m) return undefined;
    const op = m[1] ?? '=';
    const given = m[2]!.split('.').map(Number);
    const c = [given[0]!, given[1] ?? 0, given[2] ?? 0];
    const cmp = compare(v.parts, c) || (v.pre === (m[3] ?? '') ? 0 : undefined);
    if (cmp === undefined) return undefined;
    const ok =
      op === '='
        ? cmp === 0
        : op === '!='
          ? cmp !== 0
          : op === '>'
            ? cmp > 0
            : op === '>='
              ? cmp >= 0
              : op === '<'
                ? cmp < 0
                : op === '<='
                  ? cmp <= 0
                  : cmp >= 0 && (given.length === 1 || compare(v.parts, given.length === 2 ? [c[0]! + 1, 0, 0] : [c[0]!, c[1]! + 1, 0]) < 0);
    if (!ok) return false;
  }
  return true;
}

function parseVersion(s: string): { parts: number[]; pre: string } | undefined {
  const m = /^v?(\d+)\.(\d+)\.(\d+)(-[0-9A-Za-z.-]+)?(\+.*)?$/.exec(s.trim());
  return m ? { parts: [Number(m[1]), Number(m[2]), Number(m[3])], pre: m[4] ?? '' } : undefined;
}

function compare(a: readonly number[], b: readonly number[]): number {
  for (let i = 0; i < 3; i++) if (a[i] !== b[i]) return a[i]! - b[i]!;
  return 0;
}
