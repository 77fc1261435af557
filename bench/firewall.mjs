#!/usr/bin/env node
/**
 * One ruleset, in process on the built code: parse (iptables-save), map to the firewall model, and
 * find the rules no packet reaches (firewall-shadowed-rule's analysis). Prints JSON with the phases'
 * times; `npm run bench` runs it on bench/gen-iptables.mjs output.
 */
import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const load = (p) => import(pathToFileURL(path.join(root, 'dist', p)).href);
const { SourceFile } = await load('model/source.js');
const { parseIptables } = await load('loaders/iptables/parse.js');
const { iptablesToModel } = await load('loaders/iptables/to-model.js');
const { RulesetHygiene } = await load('graph/netfilter/hygiene.js');

const file = process.argv[2];
const t0 = performance.now();
const text = fs.readFileSync(file, 'utf8');
const parsed = parseIptables(new SourceFile(path.basename(file), text));
const t1 = performance.now();
const rs = iptablesToModel('gw1', path.basename(file), parsed);
const t2 = performance.now();
const unreachable = new RulesetHygiene(rs).unreachable();
const t3 = performance.now();
const rules = [...rs.chains.values()].reduce((k, c) => k + c.rules.length, 0);
console.log(JSON.stringify({ rules, parseMs: t1 - t0, modelMs: t2 - t1, shadowMs: t3 - t2, totalMs: t3 - t0, unreachable: unreachable.length }));
