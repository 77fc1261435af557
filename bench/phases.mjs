/**
 * One bench run in a fresh process, so that "cold" means what a user gets: parse every .tf file
 * once (cold), then four more times (warm, fastest kept); then the inventory pipeline by stage.
 * Prints JSON for bench/run.mjs.
 */
import fs from 'node:fs';
import path from 'node:path';
import { parseHcl } from '../dist/loaders/terraform/hcl/parser.js';
import { SourceFile } from '../dist/model/source.js';
import { loadTerraform } from '../dist/loaders/terraform/load.js';
import { zoneCandidates } from '../dist/loaders/terraform/zone-candidates.js';
import { loadConfig, resolveZones } from '../dist/config/index.js';
import { inventoryJson } from '../dist/report/inventory.js';

const dir = path.resolve(process.argv[2]);
const names = fs.readdirSync(dir).filter((f) => f.endsWith('.tf')).sort();
const texts = names.map((n) => [n, fs.readFileSync(path.join(dir, n), 'utf8')]);
const bytes = texts.reduce((a, [, t]) => a + Buffer.byteLength(t), 0);

const parseAll = () => {
  const t0 = performance.now();
  for (const [n, t] of texts) parseHcl(new SourceFile(n, t));
  return performance.now() - t0;
};
const parseColdMs = parseAll();
let parseWarmMs = Infinity;
for (let i = 0; i < 4; i++) parseWarmMs = Math.min(parseWarmMs, parseAll());

const t1 = performance.now();
const tf = loadTerraform({ paths: [dir], cwd: dir, scanRoot: dir, vars: [], varFiles: [] });
const loadMs = performance.now() - t1;
const t2 = performance.now();
const cfgPath = path.join(dir, 'gridfence.yaml');
const cfg = fs.existsSync(cfgPath) ? loadConfig(cfgPath).config : undefined;
const zones = resolveZones(cfg, zoneCandidates(tf.model.resources));
const zonesMs = performance.now() - t2;
const t3 = performance.now();
const out = JSON.stringify(inventoryJson({ config: cfg, model: tf.model, zoneOf: zones.zoneOf, zonesImplicit: zones.implicit, problems: tf.problems, parts: [] }, 'bench'));
const jsonMs = performance.now() - t3;

process.stdout.write(
  JSON.stringify({
    files: names.length,
    bytes,
    resources: tf.model.resources.length,
    errors: tf.problems.filter((p) => p.severity === 'error').length,
    parseColdMs,
    parseWarmMs,
    loadMs,
    zonesMs,
    jsonMs,
    outBytes: out.length,
    maxRssKb: process.resourceUsage().maxRSS,
  }),
);
