/**
 * `ipset save` output: the sets that iptables' `-m set --match-set NAME DIRS` tests. Each set is its
 * type (hash:ip, hash:net, hash:ip,port, bitmap:port, list:set, …) and its members, every line with
 * its place in the file.
 *
 * Contracts:
 * - `create NAME TYPE [options]` declares a set, `add NAME MEMBER [options]` adds a member; comment
 *   and blank lines are skipped; anything else is an InputError at its line.
 * - An `add` for a set not created, or an option the model cannot honour (`nomatch` carves a hole
 *   out of a net set), is kept and marks the set `partial`: conditions on it are then not modelled.
 */
import { InputError, type InputProblem } from '../../model/errors.js';
import { toLocation, type SourceFile, type Span } from '../../model/source.js';
import { commandLines } from './tokens.js';

export interface IpSet {
  name: string;
  /** `hash:net`, `hash:ip,port`, `bitmap:port`, `list:set`, … */
  type: string;
  /** `inet` or `inet6` (from `family`; inet when absent). */
  family: 'inet' | 'inet6';
  members: Array<{ text: string; span: Span }>;
  /** Some member or option cannot be read exactly. */
  partial: boolean;
  span: Span;
}

export function looksLikeIpset(text: string): boolean {
  return /^[ \t]*create[ \t]+\S+[ \t]+(?:hash|bitmap|list):/m.test(text);
}

export function parseIpset(file: SourceFile): { sets: Map<string, IpSet>; problems: InputProblem[] } {
  const sets = new Map<string, IpSet>();
  const problems: InputProblem[] = [];
  for (const words of commandLines(file)) {
    const line: Span = { file, start: words[0]!.start, end: words[words.length - 1]!.end };
    const [cmd, name, arg, ...opts] = words;
    if (cmd!.text === 'create' && name && arg) {
      if (sets.has(name.text)) throw new InputError('ipset', `Set ${name.text} is created twice`, line);
      const fam = opts.findIndex((w) => w.text === 'family');
      const family = fam >= 0 && opts[fam + 1]?.text === 'inet6' ? 'inet6' : 'inet';
      sets.set(name.text, { name: name.text, type: arg.text, family, members: [], partial: false, span: line });
    } else if (cmd!.text === 'add' && name && arg) {
      const set = sets.get(name.text);
      if (!set) throw new InputError('ipset', `Set ${name.text} is not created before this add`, line);
      set.members.push({ text: arg.text, span: line });
      if (opts.some((w) => w.text === 'nomatch')) {
        set.partial = true;
        problems.push({ severity: 'warning', code: 'ipset-nomatch', message: `Set ${set.name}: a nomatch member is not modelled; conditions on the set are read as unknown`, location: toLocation(line) });
      }
    } else {
      throw new InputError('ipset', `Expected "create NAME TYPE …" or "add NAME MEMBER …" (ipset save output)`, line);
    }
  }
  return { sets, problems };
}
