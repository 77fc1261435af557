/**
 * The npm package as a user gets it: `npm pack` holds only what users need; the tarball installs in
 * an empty directory (dependencies from the npm cache that `npm ci` filled); its bin lints the
 * bundled example, and `import { lint } from 'gridfence'` works with its types declared.
 */
import { spawnSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { repoRoot } from '../support/files.js';

const work = fs.mkdtempSync(path.join(os.tmpdir(), 'gridfence-pack-'));
afterAll(() => fs.rmSync(work, { recursive: true, force: true }));
const npm = process.platform === 'win32' ? 'npm.cmd' : 'npm';

describe('the npm package', () => {
  // The built package (dist/, from `npm ci`'s prepare) packed as is.
  const pack = spawnSync(npm, ['pack', '--json', '--ignore-scripts', '--pack-destination', work], { cwd: repoRoot, encoding: 'utf8' });
  const info = JSON.parse(pack.stdout || '[]') as Array<{ filename: string; size: number; unpackedSize: number; files: Array<{ path: string }> }>;

  it('packs only what users need', () => {
    expect(pack.status, pack.stderr).toBe(0);
    const files = info[0]!.files.map((f) => f.path);
    for (const must of ['dist/bin/gridfence.cjs', 'dist/bin/lint.cjs', 'dist/bin/errors.cjs', 'dist/index.js', 'dist/index.d.ts', 'policies/guideline.yaml', 'schemas/gridfence.schema.json', 'schemas/policy.schema.json', 'docs/rules/tls-minimum-version.md', 'action.yml', 'action/dist/index.mjs', 'README.md', 'LICENSE', 'package.json']) expect(files, must).toContain(must);
    for (const f of files) expect(f, 'no tests, sources, benchmarks or build scripts').not.toMatch(/^(test|src|bench|scripts|fixtures)\//);
    expect(files.some((f) => f.startsWith('dist/action/'))).toBe(false);
  });

  it('installs from the tarball into an empty directory, runs as a command and as a library', () => {
    const app = path.join(work, 'app');
    fs.mkdirSync(app);
    fs.writeFileSync(path.join(app, 'package.json'), '{ "name": "app", "version": "1.0.0", "private": true, "type": "module" }\n');
    const install = spawnSync(npm, ['install', '--prefer-offline', '--no-audit', '--no-fund', '--ignore-scripts', path.join(work, info[0]!.filename)], { cwd: app, encoding: 'utf8' });
    expect(install.status, install.stderr).toBe(0);
    const bin = path.join(app, 'node_modules/.bin', process.platform === 'win32' ? 'gridfence.cmd' : 'gridfence');
    const r = spawnSync(bin, ['lint', path.join(repoRoot, 'examples/vpp-aggregator'), '--format', 'json'], { cwd: app, encoding: 'utf8', shell: process.platform === 'win32', env: { ...process.env, GRIDFENCE_CACHE_DIR: path.join(work, 'cache') } });
    expect(r.status, r.stderr).toBe(1);
    expect((JSON.parse(r.stdout) as { summary: { error: number } }).summary.error).toBe(1);
    // The installed command compiles through the code cache: its first run leaves one.
    expect(fs.readdirSync(path.join(work, 'cache')).filter((f) => f.startsWith('lint-'))).toHaveLength(1);
    const lib = spawnSync(process.execPath, ['--input-type=module', '-e', `import { lint, failsAt } from 'gridfence'; const r = lint({ paths: [${JSON.stringify(path.join(repoRoot, 'examples/vpp-aggregator'))}], cwd: process.cwd(), vars: [], varFiles: [], lang: 'en', only: [] }); console.log(r.findings.length, failsAt(r.findings, 'error'));`], { cwd: app, encoding: 'utf8' });
    expect(lib.stdout.trim(), lib.stderr).toBe('2 true');
    expect(fs.existsSync(path.join(app, 'node_modules/gridfence/dist/index.d.ts'))).toBe(true);
  });
});
