/** The bin users run is the bundle that `npm run build` (and so `npm ci`) writes: it must work as the sources do. */
import { spawnSync } from 'node:child_process';
import { createHash } from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';
import os from 'node:os';
import { afterAll, describe, expect, it } from 'vitest';
import { repoRoot } from '../support/files.js';

const bin = path.join(repoRoot, 'dist/bin/gridfence.cjs');
const built = fs.existsSync(bin);

describe.skipIf(!built)(`the built bin${built ? '' : ' (skipped: run npm run build first)'}`, () => {
  // The code cache goes to a folder of the test's own, never the user's.
  const cacheRoot = fs.mkdtempSync(path.join(os.tmpdir(), 'gridfence-cache-'));
  afterAll(() => fs.rmSync(cacheRoot, { recursive: true, force: true }));
  const run = (args: string[], env: Record<string, string> = {}) =>
    spawnSync(process.execPath, [bin, ...args], { cwd: repoRoot, encoding: 'utf8', env: { ...process.env, NO_COLOR: '1', GRIDFENCE_CACHE_DIR: path.join(cacheRoot, 'default'), ...env } });

  it('is what package.json names', () => {
    const pkg = JSON.parse(fs.readFileSync(path.join(repoRoot, 'package.json'), 'utf8'));
    expect(pkg.bin.gridfence).toBe('dist/bin/gridfence.cjs');
  });

  it('lints the example like the sources, finds its schema, pack and docs', () => {
    const r = run(['lint', 'examples/vpp-aggregator', '--format', 'json']);
    expect(r.status).toBe(1);
    expect(JSON.parse(r.stdout).summary).toMatchObject({ error: 1, warning: 1 });
    expect(run(['explain', 'tls-minimum-version']).stdout).toMatch(/## Why/);
    expect(run(['--version']).stdout.trim()).toBe(JSON.parse(fs.readFileSync(path.join(repoRoot, 'package.json'), 'utf8')).version);
  });

  it('answers --version and -v alone (a path of its own) exactly as the command line parser does with other options', () => {
    const version = JSON.parse(fs.readFileSync(path.join(repoRoot, 'package.json'), 'utf8')).version;
    for (const argv of [['--version'], ['-v'], ['--version', '--debug'], ['-v', '--no-color']]) {
      const r = run(argv);
      expect(r.status, argv.join(' ')).toBe(0);
      expect(r.stdout, argv.join(' ')).toBe(`${version}\n`);
      expect(r.stderr, argv.join(' ')).toBe('');
    }
  });

  it('a command requires each built-in module once, not a facade per importing file, and not node:child_process until --diff-base runs', () => {
    for (const f of ['inventory.cjs', 'lint.cjs', 'path.cjs']) {
      const text = fs.readFileSync(path.join(path.dirname(bin), f), 'utf8');
      expect(text.match(/__toESM\(require\("node:/g) ?? [], f).toEqual([]);
    }
    // The lint bundle loaded as the entry loads it; then the built-in modules Node has loaded.
    const probe = `require(${JSON.stringify(path.join(path.dirname(bin), 'lint.cjs'))}); console.log(JSON.stringify(process.moduleLoadList))`;
    const loaded = JSON.parse(spawnSync(process.execPath, ['-e', probe], { encoding: 'utf8' }).stdout) as string[];
    expect(loaded).toContain('NativeModule fs');
    expect(loaded).not.toContain('NativeModule child_process');
  });

  it('an input error thrown inside a command bundle is a located message with exit 2, not an internal error', () => {
    // The error class is shared by the bundles through errors.cjs: instanceof holds across them.
    const r = run(['explain', 'no-such-rule'], { GRIDFENCE_CACHE_DIR: path.join(cacheRoot, 'stopped') });
    expect(r.status).toBe(2);
    expect(r.stderr).toMatch(/^gridfence: /);
    expect(r.stderr).not.toMatch(/internal error/);
    // A run stopped by such an error leaves no code cache behind: the next full run writes it.
    expect(fs.existsSync(path.join(cacheRoot, 'stopped')) ? fs.readdirSync(path.join(cacheRoot, 'stopped')).filter((f) => f.endsWith('.v8cache')) : []).toEqual([]);
  });

  it('reports an invalid configuration (ajv loaded on demand) with exit 2', () => {
    const r = run(['inventory', 'examples/vpp-aggregator', '--config', 'test/config/fixtures/unknown-key.yaml']);
    expect(r.status).toBe(2);
    expect(r.stdout).toMatch(/did you mean/);
  });

  describe('the code cache', () => {
    const lint = ['lint', 'examples/vpp-aggregator', '--format', 'json'];
    const caches = (dir: string) => (fs.existsSync(dir) ? fs.readdirSync(dir).filter((f) => f.endsWith('.v8cache')) : []);

    it('is written by the first run of a command, read by the next, and changes no result', () => {
      const dir = path.join(cacheRoot, 'reuse');
      const first = run(lint, { GRIDFENCE_CACHE_DIR: dir });
      const [file] = caches(dir);
      expect(file).toMatch(/^lint-[0-9a-f]{32}\.v8cache$/);
      expect(fs.statSync(path.join(dir, file!)).mode & 0o777).toBe(0o600);
      const written = fs.statSync(path.join(dir, file!)).mtimeMs;
      const second = run(lint, { GRIDFENCE_CACHE_DIR: dir });
      expect([second.status, second.stdout]).toEqual([first.status, first.stdout]);
      expect(fs.statSync(path.join(dir, file!)).mtimeMs).toBe(written); // accepted, so not written again
    });

    it('a run large enough holds its young generation (model/young-generation.ts) unless a node option sets it, and leaves a cache the next run accepts', () => {
      // 1000 groups: without holding, a lint grows its semi-spaces to 8 MiB each at least (800 do).
      const system = path.join(cacheRoot, 'held-system');
      fs.mkdirSync(system);
      const groups = Array.from({ length: 1000 }, (_, i) =>
        `resource "aws_security_group" "g${i}" {\n  vpc_id = aws_vpc.v.id\n  ingress {\n    from_port   = 443\n    to_port     = 443\n    protocol    = "tcp"\n    cidr_blocks = ["10.0.${i % 250}.0/24"]\n  }\n}\n`,
      );
      fs.writeFileSync(path.join(system, 'main.tf'), `resource "aws_vpc" "v" {\n  cidr_block = "10.0.0.0/16"\n}\n${groups.join('')}`);
      const args = ['lint', system, '--format', 'json'];
      // The young generation's size at exit, told by a module node loads before the bin.
      const probe = path.join(cacheRoot, 'new-space.cjs');
      fs.writeFileSync(probe, "process.on('exit', () => process.stderr.write(`new space ${require('node:v8').getHeapSpaceStatistics().find((s) => s.space_name === 'new_space').space_size}\\n`));\n");
      const newSpace = (flags: string[] = [], command = args): number => {
        const r = spawnSync(process.execPath, [...flags, '-r', probe, bin, ...command], { cwd: repoRoot, encoding: 'utf8', env: { ...process.env, GRIDFENCE_CACHE_DIR: path.join(cacheRoot, 'probe') } });
        return Number(/new space (\d+)/.exec(r.stderr)?.[1]);
      };
      const held = 2 * 4 * 1048576;
      expect(newSpace()).toBeLessThanOrEqual(held);
      expect(newSpace(['--semi-space-growth-factor=2'])).toBeGreaterThan(held);
      // The same system as a plan (a megabyte of JSON): held too, its configuration and changes read
      // a resource at a time with a check between them (read whole, they grew it to 16 MiB).
      const plan = path.join(cacheRoot, 'held-plan');
      expect(spawnSync(process.execPath, [path.join(repoRoot, 'bench/gen-formats.mjs'), system, path.join(cacheRoot, 'held-cfn'), plan]).status).toBe(0);
      expect(newSpace([], ['lint', plan, '--format', 'json'])).toBeLessThanOrEqual(held);
      // The growth factor is changed for the rest of a held run; V8 refuses a code cache stamped with
      // other flags than the reading run's, so the cache must be written with the factor restored.
      const dir = path.join(cacheRoot, 'held');
      const first = run(args, { GRIDFENCE_CACHE_DIR: dir });
      const [file] = caches(dir);
      const written = fs.readFileSync(path.join(dir, file!));
      const second = run(args, { GRIDFENCE_CACHE_DIR: dir });
      expect([second.status, second.stdout]).toEqual([first.status, first.stdout]);
      expect(caches(dir)).toEqual([file]);
      expect(fs.readFileSync(path.join(dir, file!)).equals(written)).toBe(true); // accepted, so not written again
    });

    it('a cache V8 refuses (here: garbage behind a matching digest, so that V8 sees it) is replaced, and the run is the same', () => {
      const dir = path.join(cacheRoot, 'garbage');
      const clean = run(lint, { GRIDFENCE_CACHE_DIR: dir });
      const [file] = caches(dir);
      const garbage = Buffer.alloc(4096, 7);
      fs.writeFileSync(path.join(dir, file!), Buffer.concat([createHash('sha256').update(garbage).digest(), garbage]), { mode: 0o600 });
      const again = run(lint, { GRIDFENCE_CACHE_DIR: dir });
      expect([again.status, again.stdout, again.stderr]).toEqual([clean.status, clean.stdout, clean.stderr]);
      expect(fs.readFileSync(path.join(dir, file!)).subarray(32).equals(garbage)).toBe(false);
    });

    it('a damaged cache (one byte changed) is never run: it is replaced, and the run is the same', () => {
      const dir = path.join(cacheRoot, 'damaged');
      const clean = run(lint, { GRIDFENCE_CACHE_DIR: dir });
      const [file] = caches(dir);
      const full = path.join(dir, file!);
      const bytes = fs.readFileSync(full);
      bytes[bytes.length - 100] ^= 0xff;
      fs.writeFileSync(full, bytes, { mode: 0o600 });
      const again = run(lint, { GRIDFENCE_CACHE_DIR: dir });
      expect([again.status, again.stdout, again.stderr]).toEqual([clean.status, clean.stdout, clean.stderr]);
      expect(fs.readFileSync(full).equals(bytes)).toBe(false);
    });

    it.skipIf(process.platform === 'win32')('is never read from or written to a folder others may write', () => {
      const dir = path.join(cacheRoot, 'shared');
      fs.mkdirSync(dir, { mode: 0o777 });
      fs.chmodSync(dir, 0o777);
      const r = run(lint, { GRIDFENCE_CACHE_DIR: dir });
      expect(r.status).toBe(1);
      expect(caches(dir)).toEqual([]);
    });

    it.skipIf(process.platform === 'win32')('a cache file others may write, or a link, is never read: it is written anew', () => {
      const dir = path.join(cacheRoot, 'loose');
      const clean = run(lint, { GRIDFENCE_CACHE_DIR: dir });
      const [file] = caches(dir);
      const full = path.join(dir, file!);
      fs.chmodSync(full, 0o666);
      const loose = run(lint, { GRIDFENCE_CACHE_DIR: dir });
      expect([loose.status, loose.stdout]).toEqual([clean.status, clean.stdout]);
      expect(fs.statSync(full).mode & 0o777).toBe(0o600);
      fs.renameSync(full, `${full}.real`);
      fs.symlinkSync(`${full}.real`, full);
      const linked = run(lint, { GRIDFENCE_CACHE_DIR: dir });
      expect([linked.status, linked.stdout]).toEqual([clean.status, clean.stdout]);
      expect(fs.lstatSync(full).isSymbolicLink()).toBe(false);
    });

    it.skipIf(process.platform === 'win32')('a home without .cache gets one, private, with the cache in it', () => {
      const home = path.join(cacheRoot, 'fresh-home');
      fs.mkdirSync(home, { mode: 0o700 });
      const r = run(lint, { GRIDFENCE_CACHE_DIR: '', XDG_CACHE_HOME: '', HOME: home });
      expect([r.status, r.stderr]).toEqual([1, '']);
      expect(fs.statSync(path.join(home, '.cache')).mode & 0o777).toBe(0o700);
      expect(fs.statSync(path.join(home, '.cache', 'gridfence')).mode & 0o777).toBe(0o700);
      expect(caches(path.join(home, '.cache', 'gridfence'))).toHaveLength(1);
    });

    it('without a usable home the run goes on without a cache', () => {
      const r = run(lint, { GRIDFENCE_CACHE_DIR: '', XDG_CACHE_HOME: '', HOME: path.join(cacheRoot, 'no-such-home') });
      expect([r.status, r.stderr]).toEqual([1, '']);
      expect(fs.existsSync(path.join(cacheRoot, 'no-such-home'))).toBe(false);
    });

    it('every bundle is strict code, as the ES modules it is built from, and ASCII (read as Latin-1)', () => {
      for (const f of fs.readdirSync(path.dirname(bin)).filter((x) => x.endsWith('.cjs'))) {
        const text = fs.readFileSync(path.join(path.dirname(bin), f), 'utf8');
        expect(text.replace(/^#!.*\n/, '').startsWith("'use strict';"), f).toBe(true);
        expect(/[^\x00-\x7f]/.test(text), f).toBe(false);
      }
    });

    it('GRIDFENCE_NO_CODE_CACHE=1 turns it off', () => {
      const dir = path.join(cacheRoot, 'off');
      expect(run(lint, { GRIDFENCE_CACHE_DIR: dir, GRIDFENCE_NO_CODE_CACHE: '1' }).status).toBe(1);
      expect(caches(dir)).toEqual([]);
    });
  });
});
