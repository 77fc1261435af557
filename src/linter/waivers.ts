/**
 * Accepted risks. A waiver in gridfence.yaml (`waivers:` rule + resource glob + reason + optional
 * expiry) or an inline comment on the line before the resource block, the attribute, or the module
 * block that created the resource:
 *   # gridfence:ignore:<rule-id>[,<rule-id>…] [exp:YYYY-MM-DD] <reason>
 * in Terraform, CloudFormation YAML and firewall rulesets (`#` or `//` comment lines). A waived
 * finding stays in the report, marked. A reason of at least MIN_REASON characters is required; a
 * waiver without one and one that matches nothing (of a rule the run checked) are reported as warnings. An expired waiver no
 * longer applies and is returned, to become a finding of its own (waiver-expired.ts). An inline waiver naming a rule that does not exist is an input
 * error. Rules in INLINE_REFUSED take config waivers only: a hole in the dispatch link's isolation
 * is accepted where the whole team reviews it (gridfence.yaml), not in a comment beside the hole.
 */
import { isCalendarDate, matchesGlob, sourceOf, type GridfenceConfig } from '../config/index.js';
import type { InputProblem } from '../model/errors.js';
import type { Finding } from '../model/finding.js';
import { toLocation, type Location, type SourceFile } from '../model/source.js';
import type { ModelResource } from '../model/resource.js';
import type { ExpiredWaiver } from './waiver-expired.js';

const MIN_REASON = 10;
const INLINE_REFUSED: ReadonlySet<string> = new Set(['dispatch-link-internet-isolation']);

const INLINE = /^\s*(?:#|\/\/)\s*gridfence:ignore:([a-z0-9-]+(?:\s*,\s*[a-z0-9-]+)*)(?::exp:(\S+)|\s+exp:(\S+))?\s*(.*)$/;

interface InlineWaiver {
  file: string;
  /** 1-based line of the comment. */
  line: number;
  /** Last line of what the comment stands before (a block, an attribute, a YAML mapping, a rule). */
  end: number;
  rules: string[];
  expires?: string;
  reason: string;
  used: boolean;
}

export function applyWaivers(
  findings: Finding[],
  files: Iterable<SourceFile>,
  config: GridfenceConfig | undefined,
  today: string,
  problems: InputProblem[],
  ruleIds?: ReadonlySet<string>,
  /** Every resource: those with waivers of their own (CloudFormation Metadata.gridfence.ignore), and what an inline waiver stands before. */
  resources: readonly ModelResource[] = [],
  /**
   * The rules this run checked (default: all). A waiver none of whose rules ran (left out by --rule,
   * or turned off) cannot have matched anything, so it is not reported as matching nothing.
   */
  rulesRun?: ReadonlySet<string>,
): ExpiredWaiver[] {
  const ran = (ids: readonly string[]): boolean => !rulesRun || ids.some((r) => rulesRun.has(r));
  const expired: ExpiredWaiver[] = [];
  const inline: InlineWaiver[] = [];
  for (const f of files) {
    if (!f.text.includes('gridfence:ignore')) continue;
    const lines = f.text.split('\n');
    lines.forEach((text, i) => {
      const m = INLINE.exec(text);
      if (!m) return;
      const w: InlineWaiver = { file: f.path, line: i + 1, end: extentAfter(lines, i + 1), rules: m[1]!.split(',').map((x) => x.trim()), reason: m[4]!.trim(), used: false };
      const exp = m[2] ?? m[3];
      if (exp) w.expires = exp;
      const location = { file: f.path, line: i + 1, column: 1, endLine: i + 1, endColumn: text.length + 1 };
      const unknown = ruleIds ? w.rules.filter((r) => !ruleIds.has(r)) : [];
      if (unknown.length) {
        problems.push({ severity: 'error', code: 'waiver', message: `Waiver names ${unknown.map((r) => `"${r}"`).join(', ')}, which ${unknown.length === 1 ? 'is not a rule' : 'are not rules'} (gridfence rules lists them)`, location });
        return;
      }
      const refused = w.rules.filter((r) => INLINE_REFUSED.has(r));
      if (refused.length) {
        problems.push({ severity: 'warning', code: 'waiver', message: `${refused.join(', ')} cannot be waived inline: accept the risk under waivers: in gridfence.yaml, where the whole team reviews it`, location });
        w.rules = w.rules.filter((r) => !INLINE_REFUSED.has(r));
        if (w.rules.length === 0) return;
      }
      if (w.reason.length < MIN_REASON) {
        problems.push({ severity: 'warning', code: 'waiver', message: w.reason ? `Waiver reason "${w.reason}" is too short (at least ${MIN_REASON} characters): the waiver is ignored` : 'Waiver without a reason is ignored: write why the risk is accepted after the rule id', location });
        return;
      }
      if (w.expires && !isCalendarDate(w.expires)) {
        problems.push({ severity: 'warning', code: 'waiver', message: `Waiver expiry "${w.expires}" is not a calendar date (YYYY-MM-DD); the waiver is ignored`, location });
        return;
      }
      if (w.expires && w.expires < today) {
        expired.push({ rules: w.rules, resource: standsBefore(resources, f.path, lines, w.line, w.end), expires: w.expires, reason: w.reason, location, kind: 'inline' });
        return;
      }
      inline.push(w);
    });
  }

  // Metadata waivers: the same checks as inline ones; they cover their resource's findings.
  const metadata: Array<{ resource: string; rule: string; reason: string; expires?: string; location: ReturnType<typeof toLocation>; used: boolean; file: string }> = [];
  for (const r of resources) {
    for (const w of r.waivers ?? []) {
      const location = toLocation(w.span);
      if (ruleIds && !ruleIds.has(w.rule)) {
        problems.push({ severity: 'error', code: 'waiver', message: `Waiver names "${w.rule}", which is not a rule (gridfence rules lists them)`, location });
      } else if (INLINE_REFUSED.has(w.rule)) {
        problems.push({ severity: 'warning', code: 'waiver', message: `${w.rule} cannot be waived in a template: accept the risk under waivers: in gridfence.yaml, where the whole team reviews it`, location });
      } else if (w.reason.trim().length < MIN_REASON) {
        problems.push({ severity: 'warning', code: 'waiver', message: `Waiver reason "${w.reason}" is too short (at least ${MIN_REASON} characters): the waiver is ignored`, location });
      } else if (w.expires && !isCalendarDate(w.expires)) {
        problems.push({ severity: 'warning', code: 'waiver', message: `Waiver expiry "${w.expires}" is not a calendar date (YYYY-MM-DD); the waiver is ignored`, location });
      } else if (w.expires && w.expires < today) {
        expired.push({ rules: [w.rule], resource: r.address, expires: w.expires, reason: w.reason.trim(), location, kind: 'inline' });
      } else metadata.push({ resource: r.address, rule: w.rule, reason: w.reason.trim(), ...(w.expires ? { expires: w.expires } : {}), location, used: false, file: r.span.file.path });
    }
  }
  // Two templates of one run may declare the same logical id: a waiver in one's metadata covers
  // that template's resource only, told by the file the finding points into.
  let repeated: Set<string> | undefined;
  if (metadata.length) {
    const waived = new Set(metadata.map((w) => w.resource));
    const seen = new Set<string>();
    repeated = new Set();
    for (const r of resources) {
      if (!waived.has(r.address)) continue;
      if (seen.has(r.address)) repeated.add(r.address);
      seen.add(r.address);
    }
  }

  const configWaivers = (config?.waivers ?? []).map((w, i) => ({ ...w, index: i, used: false }));
  const map = config ? sourceOf(config) : undefined;
  for (const w of configWaivers) {
    if (w.expires && w.expires < today) {
      const location = map?.valueLocation(['waivers', w.index, 'expires']);
      if (location) expired.push({ rules: [w.rule], resource: w.resource, expires: w.expires, reason: w.reason, location, kind: 'config' });
      else problems.push({ severity: 'warning', code: 'waiver', message: `Waiver for ${w.rule} on ${w.resource} expired on ${w.expires}: the findings it covered are reported again` });
      w.used = true;
    }
  }

  for (const f of findings) {
    const places = [f.location, ...f.related.map((r) => r.location), ...f.callers];
    let hit: InlineWaiver | undefined;
    // The waiver stands before what holds the place: the resource or module block, or the attribute
    // or nested block the finding points into.
    for (const p of places) {
      hit = inline.find((w) => w.file === p.file && p.line > w.line && p.line <= w.end && w.rules.includes(f.ruleId));
      if (hit) break;
    }
    const meta = hit ? undefined : metadata.find((w) => w.resource === f.resource && w.rule === f.ruleId && (!repeated?.has(w.resource) || w.file === f.location.file));
    if (meta) {
      meta.used = true;
      f.waived = true;
      f.waiver = { kind: 'inline', reason: meta.reason, ...(meta.expires ? { expires: meta.expires } : {}), location: meta.location };
      continue;
    }
    if (hit) {
      hit.used = true;
      f.waived = true;
      f.waiver = { kind: 'inline', reason: hit.reason, ...(hit.expires ? { expires: hit.expires } : {}), location: { file: hit.file, line: hit.line, column: 1, endLine: hit.line, endColumn: 1 } };
      continue;
    }
    const cw = configWaivers.find((w) => w.rule === f.ruleId && !(w.expires && w.expires < today) && matchesGlob(w.resource, f.resource));
    if (cw) {
      cw.used = true;
      f.waived = true;
      const location = map?.valueLocation(['waivers', cw.index]);
      f.waiver = { kind: 'config', reason: cw.reason, ...(cw.expires ? { expires: cw.expires } : {}), ...(location ? { location } : {}) };
    }
  }

  // Two waivers alike in everything a fingerprint reads are told apart by their order in the file.
  const seen = new Map<string, number>();
  for (const w of expired) {
    const key = JSON.stringify([w.location.file, w.rules, w.resource, w.expires, w.reason]);
    const n = seen.get(key) ?? 0;
    seen.set(key, n + 1);
    if (n > 0) w.nth = n;
  }

  for (const w of metadata) {
    if (!w.used && ran([w.rule])) problems.push({ severity: 'warning', code: 'waiver', message: `Waiver for ${w.rule} matches no finding`, location: w.location });
  }
  for (const w of inline) {
    if (!w.used && ran(w.rules)) {
      problems.push({ severity: 'warning', code: 'waiver', message: `Waiver for ${w.rules.join(', ')} matches no finding`, location: { file: w.file, line: w.line, column: 1, endLine: w.line, endColumn: 1 } });
    }
  }
  for (const w of configWaivers) {
    if (!w.used && ran([w.rule])) {
      const location = map?.valueLocation(['waivers', w.index]);
      problems.push({ severity: 'warning', code: 'waiver', message: `Waiver for ${w.rule} on ${w.resource} matches no finding`, ...(location ? { location } : {}) });
    }
  }
  return expired;
}

/**
 * What an inline waiver (at 1-based `line`, covering up to `end`) stands before, as an address: the
 * resource whose block holds it (a waiver before an attribute), else the resource whose block
 * follows it; the instances of one block (count, for_each, a module's instances) as one address with
 * `[*]` for their keys; a module call as `module.NAME`; anything else (several blocks, a ruleset
 * table) as the file.
 */
function standsBefore(resources: readonly ModelResource[], file: string, lines: readonly string[], line: number, end: number): string {
  let inner: { at: Location; list: ModelResource[] } | undefined;
  const following: ModelResource[] = [];
  for (const r of resources) {
    if (r.span.file.path !== file) continue;
    const at = toLocation(r.span);
    if (at.line < line && at.endLine > line) {
      if (!inner || at.line > inner.at.line || (at.line === inner.at.line && at.endLine < inner.at.endLine)) inner = { at, list: [r] };
      else if (at.line === inner.at.line && at.endLine === inner.at.endLine) inner.list.push(r);
    } else if (at.line > line && at.line <= end) following.push(r);
  }
  const one = (list: readonly ModelResource[]): string | undefined => {
    const names = new Set(list.map((r) => r.address.replace(/\[(?:"(?:[^"\\]|\\.)*"|\d+)\]/g, '[*]')));
    if (list.length === 1) return list[0]!.address;
    return names.size === 1 ? [...names][0] : undefined;
  };
  const named = inner ? one(inner.list) : following.length ? one(following) : undefined;
  if (named) return named;
  const call = /^\s*module\s+"([^"]+)"/.exec(lines.slice(line, end).find((t) => !/^\s*(#|\/\/|$)/.test(t)) ?? '');
  return call ? `module.${call[1]}` : file;
}

/**
 * The last line (1-based) of the construct that starts on the first non-comment line at or after
 * `i` (0-based): a brace block to its closing brace, a YAML key to the end of its more indented
 * lines, else that one line (an attribute, a firewall rule).
 */
function extentAfter(lines: readonly string[], i: number): number {
  let start = i;
  while (start < lines.length && /^\s*(#|\/\/|$)/.test(lines[start]!)) start++;
  if (start >= lines.length) return i + 1;
  const first = lines[start]!;
  const opens = (t: string) => (t.replace(/"(?:[^"\\]|\\.)*"/g, '').match(/[{[(]/g) ?? []).length - (t.replace(/"(?:[^"\\]|\\.)*"/g, '').match(/[}\])]/g) ?? []).length;
  let depth = opens(first);
  if (depth > 0) {
    for (let k = start + 1; k < lines.length; k++) {
      depth += opens(lines[k]!);
      if (depth <= 0) return k + 1;
    }
    return lines.length;
  }
  if (/:\s*$/.test(first) || /^\s*[\w.-]+:\s*(#.*)?$/.test(first)) {
    const indent = first.search(/\S/);
    let last = start;
    for (let k = start + 1; k < lines.length; k++) {
      const t = lines[k]!;
      if (t.trim() === '') continue;
      if (t.search(/\S/) <= indent) break;
      last = k;
    }
    return last + 1;
  }
  return start + 1;
}
