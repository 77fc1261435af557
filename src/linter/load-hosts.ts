/**
 * The firewall hosts of gridfence.yaml (`hosts.<name>.config`): each ruleset read by content as
 * iptables-save, nft text or nft JSON, relative to the configuration file. The path goes through the
 * file sandbox (../loaders/terraform/sandbox.ts) with the configuration's scan root (its enclosing
 * git work tree, else its folder): an absolute path, a `..` or a symbolic link that leads out of it
 * is refused and never read. A refused path, a file that is missing, unreadable or not a ruleset is
 * an error at the `config` key; the parsers' own problems join the run's. The rulesets are kept for
 * the reports; placing the hosts in the network graph is the next step.
 */
import fs from 'node:fs';
import path from 'node:path';
import type { GridfenceConfig } from '../config/types.js';
import { sourceOf } from '../config/locate.js';
import { looksLikeIptables, parseIptables } from '../loaders/iptables/parse.js';
import { looksLikeNftJson, looksLikeNftText, parseNftJson, parseNftText } from '../loaders/nftables/parse.js';
import { displayPath, readInputText } from '../loaders/input-file.js';
import { Sandbox } from '../loaders/terraform/sandbox.js';
import { findScanRoot } from '../loaders/terraform/load.js';
import { InputError, type InputProblem } from '../model/errors.js';
import { SourceFile } from '../model/source.js';

export interface LoadedHost {
  name: string;
  /** The ruleset file, as displayed (relative to the working directory). */
  file: string;
  format: 'iptables' | 'nftables';
  chains: number;
  rules: number;
}

export function loadHosts(config: GridfenceConfig | undefined, configAbs: string | undefined, cwd: string, problems: InputProblem[]): LoadedHost[] {
  const out: LoadedHost[] = [];
  if (!config?.hosts || !configAbs) return out;
  const at = (name: string) => sourceOf(config)?.valueLocation(['hosts', name, 'config']);
  const configDir = path.dirname(configAbs);
  const sandbox = new Sandbox(findScanRoot(configDir), configDir);
  for (const [name, host] of Object.entries(config.hosts)) {
    if (!host.config) continue;
    const fail = (message: string, code = 'host-config'): void => {
      const location = at(name);
      problems.push({ severity: 'error', code, message, ...(location ? { location } : {}) });
    };
    let abs: string;
    try {
      abs = sandbox.resolve(host.config);
    } catch (e) {
      if (!(e instanceof InputError)) throw e;
      fail(`The ruleset of host ${name}: ${e.message}`, e.code);
      continue;
    }
    const display = displayPath(cwd, abs);
    if (!fs.existsSync(abs)) {
      fail(`The ruleset of host ${name} (${host.config}) does not exist`);
      continue;
    }
    if (!fs.statSync(abs).isFile()) {
      fail(`The ruleset of host ${name} (${host.config}) is not a file`);
      continue;
    }
    let file: SourceFile;
    try {
      file = new SourceFile(display, readInputText(abs, display));
    } catch (e) {
      if (!(e instanceof InputError)) throw e;
      fail(`The ruleset of host ${name}: ${e.message}`, e.code);
      continue;
    }
    try {
      if (looksLikeIptables(file.text)) {
        const r = parseIptables(file);
        problems.push(...r.problems);
        const chains = [...r.tables.values()].flatMap((t) => [...t.values()]);
        out.push({ name, file: display, format: 'iptables', chains: chains.length, rules: chains.reduce((n, c) => n + c.rules.length, 0) });
      } else if (looksLikeNftJson(file.text) || looksLikeNftText(file.text)) {
        const r = looksLikeNftJson(file.text) ? parseNftJson(file) : parseNftText(file);
        problems.push(...r.problems);
        out.push({ name, file: display, format: 'nftables', chains: r.chains.length, rules: r.chains.reduce((n, c) => n + c.rules.length, 0) });
      } else fail(`The ruleset of host ${name} (${host.config}) is neither iptables-save output nor an nftables ruleset (nft list ruleset, nft -j list ruleset)`);
    } catch (e) {
      if (e instanceof InputError) problems.push(e.toProblem());
      else throw e;
    }
  }
  return out;
}
