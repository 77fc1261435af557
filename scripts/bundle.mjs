#!/usr/bin/env node
/**
 * Bundles the built CLI (dist/cli/, from tsc) into dist/bin/:
 * - gridfence.cjs, the entry: the command line alone, enough for `--version` and `--help`; CommonJS,
 *   as the commands are, because Node starts a CommonJS entry sooner than an ES module (the module
 *   loader's set-up and its facades of built-in modules: about 15 ms of every run);
 * - one self-contained CommonJS bundle per command (inventory.cjs, lint.cjs, path.cjs, rules.cjs,
 *   init.cjs), which the entry loads when that command runs, through V8's code cache
 *   (src/cli/command-loader.ts: only a script, not an ES module, can be compiled from a cache that
 *   holds the functions a run compiled);
 * - errors.cjs, the input-error class, the one module they share, so that `instanceof InputError`
 *   holds across them.
 * Why whole bundles per command rather than chunks shared between commands: a call from one ES
 * module into another goes through a live binding that the optimising compiler does not inline,
 * and the parser, evaluator and engine call across such seams millions of times (one bundle per
 * command made a 3000-SG lint about 7 % faster than shared chunks did). Files on disk repeat; a run
 * still reads only the entry and its command.
 * dist/bin/ sits at the same depth as the unbundled stages, so package-relative paths
 * (../../schemas, ../../policies, ../../docs) resolve alike; in the CommonJS bundles
 * `import.meta.url` is the bundle's own file URL.
 */
import { build } from 'esbuild';
import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const cli = path.join(root, 'dist/cli');
const outdir = path.join(root, 'dist/bin');
const errorsModule = path.join(root, 'dist/model/errors.js');
/** Each command's module (dist/cli/) and the bundle it becomes (dist/bin/). */
const commands = new Map([
  ['inventory-command.js', 'inventory.cjs'],
  ['lint-command.js', 'lint.cjs'],
  ['path-command.js', 'path.cjs'],
  ['rules-command.js', 'rules.cjs'],
  ['init-command.js', 'init.cjs'],
].map(([from, to]) => [path.join(cli, from), to]));

/** Leaves the shared module (and, from the entry, the commands) out of a bundle, as imports of their files in dist/bin/. */
const seams = (withCommands) => ({
  name: 'gridfence-seams',
  setup(b) {
    b.onResolve({ filter: /^\./ }, (args) => {
      const target = path.resolve(args.resolveDir, args.path);
      if (target === errorsModule) return { path: './errors.cjs', external: true };
      if (withCommands && commands.has(target)) return { path: `./${commands.get(target)}`, external: true };
      return undefined;
    });
  },
});

/**
 * The command line parser requires node:child_process at load, for subcommands that are programs
 * of their own, which gridfence has none of: loading it (with the stream and network modules it
 * pulls in) costs every run about 5 ms. In the entry it is loaded on the first call instead.
 */
const lazyChildProcess = {
  name: 'gridfence-lazy-child-process',
  setup(b) {
    b.onResolve({ filter: /^(node:)?child_process$/ }, (args) =>
      args.namespace === 'lazy-child-process' ? { path: 'node:child_process', external: true } : { path: 'child_process', namespace: 'lazy-child-process' },
    );
    b.onLoad({ filter: /.*/, namespace: 'lazy-child-process' }, () => ({
      contents: "module.exports = { spawn: (...args) => require('node:child_process').spawn(...args) };",
      loader: 'js',
    }));
  },
};

/**
 * Built-in modules as one ES module each, shared by the bundle's files. Bundled as they are
 * written (`import fs from 'node:fs'`), every file that imports a built-in wraps it in a facade of
 * its own, a copy of all its properties as getters (esbuild's __toESM): a command's forty such
 * imports cost each run about 7 ms. Here each built-in is required once, when the bundle loads, and
 * only the names the sources import by name are read from it (a name missing here fails the build:
 * esbuild finds no such export). node:child_process is left to the files that load it on use.
 */
const builtinModules = {
  name: 'gridfence-builtin-modules',
  setup(b) {
    const named = namedBuiltinImports(path.join(root, 'dist'));
    b.onResolve({ filter: /^node:(fs|path|os|url|module|crypto)$/ }, (args) =>
      args.namespace === 'builtin-module' ? { path: args.path, external: true } : { path: args.path, namespace: 'builtin-module' },
    );
    b.onLoad({ filter: /.*/, namespace: 'builtin-module' }, (args) => {
      const names = [...(named.get(args.path) ?? [])];
      return {
        contents: `const m = require(${JSON.stringify(args.path)});\nexport default m;\n${names.map((n) => `export const ${n} = m.${n};\n`).join('')}`,
        loader: 'js',
      };
    });
  },
};

/** Per built-in module ("node:fs"), the names the built sources import from it by name (`import { a, b as c } from`). */
function namedBuiltinImports(dir) {
  const out = new Map();
  for (const f of fs.readdirSync(dir, { recursive: true })) {
    if (!String(f).endsWith('.js')) continue;
    const text = fs.readFileSync(path.join(dir, String(f)), 'utf8');
    for (const m of text.matchAll(/import\s*(?:[\w$]+\s*,\s*)?\{([^}]*)\}\s*from\s*'(node:[\w/]+)'/g)) {
      const names = out.get(m[2]) ?? new Set();
      for (const part of m[1].split(',')) {
        const name = part.trim().split(/\s+as\s+/)[0];
        if (name) names.add(name);
      }
      out.set(m[2], names);
    }
  }
  return out;
}

const common = {
  bundle: true,
  platform: 'node',
  target: 'node20',
  logLevel: 'warning',
  // Less text for V8 to read at every start (about 25 ms of a small lint); names are kept, so that
  // `--debug` stack traces still name their functions.
  minifyWhitespace: true,
  minifySyntax: true,
};
const cjs = {
  ...common,
  format: 'cjs',
  define: { 'import.meta.url': '__gridfenceUrl' },
  // First, so that it stays a directive: the sources are ES modules, which are always strict.
  banner: { js: "'use strict'; const __gridfenceUrl = require('node:url').pathToFileURL(__filename).href;" },
};

/** esbuild's build, any warning an error: an import that finds nothing must not pass as undefined. */
async function bundle(options) {
  const result = await build(options);
  if (result.warnings.length) throw new Error(`bundling ${options.outfile ?? options.outdir}: ${result.warnings.length} warning(s), see above`);
}

// File names are fixed and the folder starts empty, so that nothing stale lingers.
fs.rmSync(outdir, { recursive: true, force: true });
await bundle({ ...cjs, entryPoints: [path.join(cli, 'main.js')], outfile: path.join(outdir, 'gridfence.cjs'), plugins: [seams(true), lazyChildProcess] });
await bundle({ ...cjs, entryPoints: [errorsModule], outfile: path.join(outdir, 'errors.cjs'), define: {}, banner: { js: "'use strict';" } });
await bundle({
  ...cjs,
  entryPoints: [...commands].map(([from, to]) => ({ in: from, out: to.replace(/\.cjs$/, '') })),
  outdir,
  outExtension: { '.js': '.cjs' },
  plugins: [seams(false), builtinModules],
});

// Text outside ASCII (Japanese in regular expressions, which esbuild leaves as it is) written as
// \uXXXX escapes, which mean the same in every literal and identifier: a source text of ASCII
// alone is read as Latin-1 (src/cli/command-loader.ts) and compiled as a one-byte string, half the
// memory and less work for V8 than the two-byte string a single such character makes of it.
for (const f of fs.readdirSync(outdir)) {
  const file = path.join(outdir, f);
  const text = fs.readFileSync(file, 'utf8');
  // After a backslash an escape would change meaning (an identity escape in a pattern).
  if (/\\[^\x00-\x7f]/.test(text)) throw new Error(`${f}: a character outside ASCII after a backslash`);
  const ascii = text.replace(/[^\x00-\x7f]/g, (ch) => `\\u${ch.charCodeAt(0).toString(16).padStart(4, '0')}`);
  if (ascii !== text) fs.writeFileSync(file, ascii);
}
