/**
 * Firewall hosts: those of gridfence.yaml (`hosts.<name>`: a ruleset in `config`, read by content as
 * iptables-save, nft text or nft JSON relative to the configuration file, its `ipsets` file, and the
 * interfaces that place the host in the network), and rulesets found among the inputs on their own
 * (a host named after the file, with the sets of `<name>.ipset` beside it, and no place in the
 * network: only the firewall hygiene rules judge it).
 *
 * A `config` path goes through the file sandbox (../loaders/terraform/sandbox.ts) with the
 * configuration's scan root (its enclosing git work tree, else its folder): an absolute path, a `..`
 * or a symbolic link that leads out of it is refused and never read. A refused path, a file that is
 * missing, unreadable or not a ruleset is an error at the `config` key; the parsers' own problems
 * join the run's. Each host, interface, chain and rule is also a resource (firewallResources), so
 * findings can point at them.
 */
import fs from 'node:fs';
import path from 'node:path';
import type { GridfenceConfig } from '../config/types.js';
import { sourceOf } from '../config/locate.js';
import { findRulesets, rulesetFormat, type RulesetFormat } from '../loaders/firewall-discover.js';
import { parseIpset, type IpSet } from '../loaders/iptables/ipset.js';
import { parseIptables } from '../loaders/iptables/parse.js';
import { iptablesToModel } from '../loaders/iptables/to-model.js';
import { looksLikeNftJson, parseNftJson, parseNftText } from '../loaders/nftables/parse.js';
import { nftablesToModel } from '../loaders/nftables/to-model.js';
import { displayPath, readInputText } from '../loaders/input-file.js';
import { Sandbox } from '../loaders/terraform/sandbox.js';
import { findScanRoot } from '../loaders/terraform/load.js';
import { InputError, type InputProblem } from '../model/errors.js';
import type { FirewallHost, FirewallRuleset, HostInterface } from '../model/firewall.js';
import { parsePrefixOrAddress } from '../model/net/cidr.js';
import type { ModelResource } from '../model/resource.js';
import { SourceFile, toLocation, type Span } from '../model/source.js';
import { pushAll } from '../model/arrays.js';

export interface LoadedHost {
  name: string;
  /** The ruleset file, as displayed (relative to the working directory). */
  file: string;
  format: 'iptables' | 'nftables';
  chains: number;
  rules: number;
}

export interface LoadedHosts {
  /** For the inventory. */
  listed: LoadedHost[];
  /** Hosts of gridfence.yaml, placed in the network by their interfaces. */
  placed: FirewallHost[];
  /** Rulesets found among the inputs, judged on their own. */
  standalone: FirewallHost[];
}

/**
 * Reads a ruleset file as `format` (or by its content), with the sets of an `ipset save` file for
 * iptables; problems are collected, undefined when the file is no ruleset. A `-m set` match on a set
 * the file does not give is a warning at the match: its condition is not modelled.
 */
function readRuleset(host: string, abs: string, display: string, problems: InputProblem[], format?: RulesetFormat, ipsets?: { abs: string; display: string }, placed = false): FirewallRuleset | undefined {
  const file = new SourceFile(display, readInputText(abs, display));
  const kind = format ?? rulesetFormat(file.text);
  if (!kind) return undefined;
  if (kind === 'iptables') {
    const r = parseIptables(file);
    pushAll(problems, r.problems);
    let sets = new Map<string, IpSet>();
    if (ipsets) {
      const parsed = parseIpset(new SourceFile(ipsets.display, readInputText(ipsets.abs, ipsets.display)));
      pushAll(problems, parsed.problems);
      sets = parsed.sets;
    }
    for (const chain of [...r.tables.values(), ...(r.ip6?.values() ?? [])].flatMap((t) => [...t.values()])) {
      for (const rule of chain.rules) {
        for (const m of rule.matches) {
          if (m.kind === 'set' && !sets.has(m.name)) {
            problems.push({ severity: 'warning', code: 'ipset-missing', message: `Set ${m.name} is not given (${ipsets ? `not in ${ipsets.display}` : `no ipset save file: ${placed ? `hosts.${host}.ipsets in the configuration` : `${host}.ipset beside the ruleset`}`}): the condition is not modelled`, location: toLocation(m.span) });
          }
        }
      }
    }
    return iptablesToModel(host, display, r, sets);
  }
  const r = looksLikeNftJson(file.text) ? parseNftJson(file) : parseNftText(file);
  pushAll(problems, r.problems);
  return nftablesToModel(host, display, r);
}

function listed(name: string, rs: FirewallRuleset): LoadedHost {
  const chains = [...rs.chains.values()];
  return { name, file: rs.file, format: rs.format, chains: chains.length, rules: chains.reduce((n, c) => n + c.rules.length, 0) };
}

export interface HostInputs {
  config: GridfenceConfig | undefined;
  configAbs: string | undefined;
  cwd: string;
  /** The inputs' paths, searched for rulesets on their own. */
  paths: readonly string[];
  /** --input-format iptables|nftables; `false` when another format is forced (no rulesets then). */
  only?: RulesetFormat | false;
}

export function loadHosts({ config, configAbs, cwd, paths, only }: HostInputs, problems: InputProblem[]): LoadedHosts {
  const out: LoadedHosts = { listed: [], placed: [], standalone: [] };
  const own = new Set<string>();
  if (config?.hosts && configAbs) {
    const map = sourceOf(config);
    const configDir = path.dirname(configAbs);
    const sandbox = new Sandbox(findScanRoot(configDir), configDir);
    const whole: Span = { file: map?.file ?? new SourceFile(displayPath(cwd, configAbs), ''), start: 0, end: 0 };
    for (const [name, host] of Object.entries(config.hosts)) {
      const hostSpan = map?.span(['hosts', name]) ?? whole;
      const interfaces: HostInterface[] = Object.entries(host.interfaces ?? {}).map(([ifName, i]) => {
        const address = i.address ? parsePrefixOrAddress(i.address) : undefined;
        return { name: ifName, ...(address ? { address } : {}), ...(i.zone ? { zone: i.zone } : {}), ...(i.link ? { link: i.link } : {}), span: map?.span(['hosts', name, 'interfaces', ifName]) ?? hostSpan };
      });
      const placed: FirewallHost = { name, interfaces, span: hostSpan };
      out.placed.push(placed);
      if (!host.config) continue;
      const fail = (message: string, code = 'host-config'): void => {
        const location = map?.valueLocation(['hosts', name, 'config']);
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
      own.add(abs);
      if (!fs.existsSync(abs)) {
        fail(`The ruleset of host ${name} (${host.config}) does not exist`);
        continue;
      }
      if (!fs.statSync(abs).isFile()) {
        fail(`The ruleset of host ${name} (${host.config}) is not a file`);
        continue;
      }
      let ipsets: { abs: string; display: string } | undefined;
      if (host.ipsets) {
        try {
          const setsAbs = sandbox.resolve(host.ipsets);
          if (!fs.existsSync(setsAbs) || !fs.statSync(setsAbs).isFile()) {
            const location = map?.valueLocation(['hosts', name, 'ipsets']);
            problems.push({ severity: 'error', code: 'host-config', message: `The ipset file of host ${name} (${host.ipsets}) does not exist or is not a file`, ...(location ? { location } : {}) });
            continue;
          }
          ipsets = { abs: setsAbs, display: displayPath(cwd, setsAbs) };
          own.add(setsAbs);
        } catch (e) {
          if (!(e instanceof InputError)) throw e;
          const location = map?.valueLocation(['hosts', name, 'ipsets']);
          problems.push({ severity: 'error', code: e.code, message: `The ipset file of host ${name}: ${e.message}`, ...(location ? { location } : {}) });
          continue;
        }
      }
      try {
        const rs = readRuleset(name, abs, displayPath(cwd, abs), problems, undefined, ipsets, true);
        if (!rs) {
          fail(`The ruleset of host ${name} (${host.config}) is neither iptables-save output nor an nftables ruleset (nft list ruleset, nft -j list ruleset)`);
          continue;
        }
        placed.ruleset = rs;
        out.listed.push(listed(name, rs));
      } catch (e) {
        if (e instanceof InputError) problems.push(e.toProblem());
        else throw e;
      }
    }
  }
  if (only === false) return out;
  const names = new Set(out.placed.map((h) => h.name));
  for (const f of findRulesets(paths, cwd, own, only, problems)) {
    const display = displayPath(cwd, f.abs);
    let name = path.basename(f.abs).replace(/\..*$/, '') || display;
    if (names.has(name)) name = display;
    names.add(name);
    // A ruleset on its own takes the sets of `<name>.ipset` beside it.
    const beside = path.join(path.dirname(f.abs), `${path.basename(f.abs).replace(/\..*$/, '')}.ipset`);
    const ipsets = f.format === 'iptables' && fs.existsSync(beside) ? { abs: beside, display: displayPath(cwd, beside) } : undefined;
    try {
      const rs = readRuleset(name, f.abs, display, problems, f.format, ipsets);
      if (!rs) continue;
      out.standalone.push({ name, interfaces: [], ruleset: rs, span: { file: new SourceFile(display, ''), start: 0, end: 0 } });
      out.listed.push(listed(name, rs));
    } catch (e) {
      if (e instanceof InputError) problems.push(e.toProblem());
      else throw e;
    }
  }
  return out;
}

/** Hosts, their interfaces, chains and rules as resources, so that findings and traces can name them. */
export function firewallResources(hosts: readonly FirewallHost[]): ModelResource[] {
  const out: ModelResource[] = [];
  const res = (address: string, type: string, span: Span, provider: string): ModelResource => ({
    address, mode: 'managed', type, name: address, provider, module: '', span, callers: [], attributes: {}, sources: new Map(),
  });
  for (const h of hosts) {
    const provider = h.ruleset?.format ?? 'firewall';
    // A host on its own is found by its ruleset: its place is the file's first line.
    const first = h.ruleset ? [...h.ruleset.chains.values()][0]?.span : undefined;
    out.push(res(h.name, 'firewall_host', h.interfaces.length || !first ? h.span : first, provider));
    for (const i of h.interfaces) out.push(res(`${h.name}:${i.name}`, 'firewall_interface', i.span, provider));
    for (const c of h.ruleset?.chains.values() ?? []) {
      out.push(res(`${h.name}:${c.id}`, 'firewall_chain', c.span, provider));
      for (const r of c.rules) out.push(res(r.address, 'firewall_rule', r.span, provider));
    }
  }
  return out;
}
