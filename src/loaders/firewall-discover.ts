/**
 * Firewall rulesets under the given paths, told by content (product.md §3): iptables-save output
 * (`*.rules`, `*.iptables`, `rules.v4`/`rules.v6`, or a file without an extension), a script of
 * iptables commands (the same names and `*.sh`), `nft list ruleset` text (`*.nft`, `*.conf` and
 * extension-less files) and `nft -j list ruleset` JSON (`*.json`). A path given as a file is read
 * whatever its name. Directory walks skip what findFiles skips.
 */
import fs from 'node:fs';
import path from 'node:path';
import { decodeText, fileHead } from './input-file.js';
import { looksLikeIptables } from './iptables/parse.js';
import { looksLikeNftJson, looksLikeNftText } from './nftables/parse.js';
import { findFiles } from './find-files.js';
import type { InputProblem } from '../model/errors.js';

export type RulesetFormat = 'iptables' | 'nftables';

const isCandidate = (name: string): boolean =>
  !name.startsWith('.') && (/\.(rules|iptables|ip6tables|nft|v4|v6|json|conf|txt|sh)$/.test(name) || !name.includes('.')) && name !== 'package.json' && name !== 'package-lock.json';

/** File names that only firewall rulesets take. */
const RULESET_ONLY = /\.(nft|iptables|ip6tables)$/;

/** The format of a ruleset's text, or undefined when it is none. */
export function rulesetFormat(text: string): RulesetFormat | undefined {
  if (looksLikeNftJson(text)) return 'nftables';
  if (looksLikeIptables(text)) return 'iptables';
  if (looksLikeNftText(text)) return 'nftables';
  return undefined;
}

/**
 * Absolute paths of the rulesets under `paths`, except those in `except` (the hosts' own files).
 * `only` keeps one format (--input-format); with it, a file given by path is taken as that format.
 */
export function findRulesets(paths: readonly string[], cwd: string, except: ReadonlySet<string>, only?: RulesetFormat, problems?: InputProblem[]): Array<{ abs: string; format: RulesetFormat }> {
  const out = new Map<string, RulesetFormat>();
  for (const given of paths) {
    const abs = path.resolve(cwd, given);
    if (!fs.existsSync(abs)) continue;
    const dir = fs.statSync(abs).isDirectory();
    const candidates = dir ? findFiles(abs, isCandidate, problems) : [abs];
    for (const f of candidates) {
      if (except.has(f)) continue;
      // Whole-file reads only for candidates whose head already looks like a ruleset.
      const head = decodeText(fileHead(f));
      let format = rulesetFormat(head);
      if (!format && !dir && only) format = only;
      if (!format && /^\s*(?:\*[a-z]+|table\s)/m.test(head)) format = rulesetFormat(fs.readFileSync(f, 'utf8'));
      if (format && (only === undefined || only === format)) out.set(f, format);
      else if (!format && dir && problems && RULESET_ONLY.test(f)) {
        // A name only rulesets take (`.rules` is also udev's and Prometheus's): a file that is not one
        // gridfence reads is said, not passed over while the rest of the folder is linted.
        const shown = path.relative(cwd, f).split(path.sep).join('/');
        problems.push({
          severity: 'error',
          code: 'no-input',
          message: `${shown} is named as a firewall ruleset but is neither iptables-save output nor an nftables ruleset as nft list ruleset prints it`,
          location: { file: shown, line: 1, column: 1, endLine: 1, endColumn: 1 },
        });
      }
    }
  }
  return [...out].sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0)).map(([abs, format]) => ({ abs, format }));
}
