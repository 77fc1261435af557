/** The bin users run is the bundle that `npm run build` (and so `npm ci`) writes: it must work as the sources do. */
import { spawnSync } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { repoRoot } from '../support/files.js';

const bin = path.join(repoRoot, 'dist/bin/gridfence.js');
const built = fs.existsSync(bin);

describe.skipIf(!built)(`the built bin${built ? '' : ' (skipped: run npm run build first)'}`, () => {
  const run = (args: string[]) => spawnSync(process.execPath, [bin, ...args], { cwd: repoRoot, encoding: 'utf8', env: { ...process.env, NO_COLOR: '1' } });

  it('is what package.json names', () => {
    const pkg = JSON.parse(fs.readFileSync(path.join(repoRoot, 'package.json'), 'utf8'));
    expect(pkg.bin.gridfence).toBe('dist/bin/gridfence.js');
  });

  it('lints the example like the sources, finds its schema, pack and docs', () => {
    const r = run(['lint', 'examples/vpp-aggregator', '--format', 'json']);
    expect(r.status).toBe(1);
    expect(JSON.parse(r.stdout).summary).toMatchObject({ error: 1, warning: 1 });
    expect(run(['explain', 'tls-minimum-version']).stdout).toMatch(/## Why/);
    expect(run(['--version']).stdout.trim()).toBe(JSON.parse(fs.readFileSync(path.join(repoRoot, 'package.json'), 'utf8')).version);
  });

  it('reports an invalid configuration (ajv loaded on demand) with exit 2', () => {
    const r = run(['inventory', 'examples/vpp-aggregator', '--config', 'test/config/fixtures/unknown-key.yaml']);
    expect(r.status).toBe(2);
    expect(r.stdout).toMatch(/did you mean/);
  });
});
