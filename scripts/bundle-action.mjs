#!/usr/bin/env node
/**
 * Bundles the GitHub Action (src/action/index.ts) with every dependency into action/dist/index.mjs,
 * which is committed: the runner executes it as is, with no install. The bundle sits two folders
 * below the repository root like the built stages, so package-relative paths (../../policies,
 * ../../schemas, ../../docs, ../../package.json) resolve to the action's own checkout. The lazy ajv
 * loader becomes a static import, since there is no node_modules beside the bundle.
 * `--out FILE` writes elsewhere (the staleness test compares a fresh bundle with the committed one).
 */
import { build } from 'esbuild';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const i = process.argv.indexOf('--out');
const outfile = i > 0 ? path.resolve(process.argv[i + 1]) : path.join(root, 'action/dist/index.mjs');
const staticAjv = {
  name: 'static-ajv',
  setup(b) {
    b.onResolve({ filter: /ajv-loader\.js$/ }, () => ({ path: path.join(root, 'src/action/ajv-static.ts') }));
  },
};
await build({
  entryPoints: [path.join(root, 'src/action/index.ts')],
  outfile,
  bundle: true,
  platform: 'node',
  format: 'esm',
  target: 'node20',
  legalComments: 'none',
  minify: true,
  logLevel: 'warning',
  plugins: [staticAjv],
  // Dependencies written in CommonJS call require(); give the ES module one.
  banner: { js: "import { createRequire as __gridfenceRequire } from 'node:module'; const require = __gridfenceRequire(import.meta.url);" },
});
