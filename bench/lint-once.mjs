/**
 * One `lint` in a fresh process (all rules, JSON report built), for bench/run.mjs: prints the time of
 * each stage and the peak memory as JSON. Runs on the built code.
 */
import path from 'node:path';
import { lint } from '../dist/linter/lint.js';
import { lintJson } from '../dist/report/lint-json.js';

const dir = path.resolve(process.argv[2]);
const t0 = performance.now();
const result = lint({ paths: [dir], cwd: dir, vars: [], varFiles: [], lang: 'en', only: [] });
const t1 = performance.now();
const out = JSON.stringify(lintJson(result, 'bench'));
const t2 = performance.now();
process.stdout.write(
  JSON.stringify({
    lintMs: t1 - t0,
    jsonMs: t2 - t1,
    findings: result.findings.length,
    outBytes: out.length,
    maxRssKb: process.resourceUsage().maxRSS,
  }),
);
