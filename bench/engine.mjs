#!/usr/bin/env node
/**
 * Header-space engine figures: builds N random IPv4 5-tuple rules (default 10000; `node
 * bench/engine.mjs 50000` for more), ORs them, folds them as a first-match list and prints times and
 * node counts. Seeded, so runs are comparable. Nothing here is asserted by the tests. Runs on the
 * compiled engine: `npx tsc -p tsconfig.build.json` first.
 */
import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const compiled = path.join(root, 'dist/engine/header-space.js');
if (!fs.existsSync(compiled)) {
  console.error('bench: build first (npx tsc -p tsconfig.build.json)');
  process.exit(2);
}
const { HeaderSpace, PROTO } = await import(pathToFileURL(compiled).href);
const { foldFirstMatch, unreachableLines } = await import(pathToFileURL(path.join(root, 'dist/engine/acl.js')).href);

const count = Number(process.argv[2] ?? 10000);

// mulberry32: a small seeded generator, so every run builds the same rules.
let seed = 0x5eed;
const rand = () => {
  seed = (seed + 0x6d2b79f5) | 0;
  let t = Math.imul(seed ^ (seed >>> 15), 1 | seed);
  t = (t + Math.imul(t ^ (t >>> 7), 61 | t)) ^ t;
  return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
};
const int = (n) => Math.floor(rand() * n);
const pick = (xs) => xs[int(xs.length)];

const prefix = (minBits, maxBits) => {
  const bits = minBits + int(maxBits - minBits + 1);
  const mask = bits === 0 ? 0n : ((1n << BigInt(bits)) - 1n) << BigInt(32 - bits);
  const address = BigInt(int(2 ** 32));
  return { version: 4, address, network: address & mask, bits };
};
const portRange = () => {
  const r = rand();
  if (r < 0.3) return [0, 65535];
  if (r < 0.8) {
    const p = pick([22, 53, 80, 443, 3306, 5432, 8080, 8443]);
    return [p, p];
  }
  const lo = int(65536);
  return [lo, Math.min(65535, lo + int(4096))];
};

const hs = new HeaderSpace();
const bdd = hs.bdd;
const ms = (t0) => (performance.now() - t0).toFixed(1) + ' ms';

let t0 = performance.now();
const rules = [];
for (let i = 0; i < count; i++) {
  const [dlo, dhi] = portRange();
  const [slo, shi] = rand() < 0.9 ? [0, 65535] : [1024, 65535];
  const proto = rand() < 0.1 ? hs.all : hs.protocol(pick([PROTO.tcp, PROTO.tcp, PROTO.udp]));
  const match = bdd.andAll([
    hs.prefix('dstIp', prefix(8, 32)),
    hs.prefix('srcIp', prefix(0, 32)),
    hs.range('dstPort', dlo, dhi),
    hs.range('srcPort', slo, shi),
    proto,
  ]);
  rules.push({ match, action: rand() < 0.7 ? 'permit' : 'deny' });
}
const tBuild = ms(t0);
const afterBuild = bdd.nodeCount;

t0 = performance.now();
const union = bdd.orAll(rules.map((r) => r.match));
const tUnion = ms(t0);

t0 = performance.now();
let chained = hs.none;
for (const r of rules) chained = bdd.or(chained, r.match);
const tChain = ms(t0);
if (chained !== union) throw new Error('bench: the two unions differ');

t0 = performance.now();
const { permit } = foldFirstMatch(bdd, rules, 'deny');
const tFold = ms(t0);

t0 = performance.now();
const dead = unreachableLines(bdd, rules);
const tDead = ms(t0);

t0 = performance.now();
const w = hs.witness(permit);
const d = hs.describe(union);
const tWitness = ms(t0);

console.log(`rules                      ${count}`);
console.log(`build rules                ${tBuild}   (${afterBuild} nodes allocated)`);
console.log(`OR, balanced (orAll)       ${tUnion}   (union: ${bdd.size(union)} nodes)`);
console.log(`OR, one by one             ${tChain}`);
console.log(`first-match fold           ${tFold}   (permit: ${bdd.size(permit)} nodes)`);
console.log(`unreachable lines          ${tDead}   (${dead.length} found)`);
console.log(`witness + describe         ${tWitness}   (witness protocol ${w?.protocol}, dstPort ${w?.dstPort}; ${d.ports.split(', ').length} port ranges)`);
console.log(`nodes allocated in total   ${bdd.nodeCount}`);
