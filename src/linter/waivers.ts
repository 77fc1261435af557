/**
 * Accepted risks. A waiver in gridfence.yaml (`waivers:` rule + resource glob + reason + optional
 * expiry) or an inline comment on the line before the resource block, the attribute, or the module
 * block that created the resource:
 *   # gridfence:ignore:<rule-id>[,<rule-id>…] [exp:YYYY-MM-DD] <reason>
 * A waived finding stays in the report, marked. A waiver without a reason, an expired one, and one
 * that matches nothing are reported as warnings; an expired waiver no longer applies.
 */
import { matchesGlob, sourceOf, type GridfenceConfig } from '../config/index.js';
import type { InputProblem } from '../model/errors.js';
import type { Finding } from '../model/finding.js';
import type { SourceFile } from '../model/source.js';

const INLINE = /^\s*(?:#|\/\/)\s*gridfence:ignore:([a-z0-9-]+(?:\s*,\s*[a-z0-9-]+)*)(?::exp:(\S+)|\s+exp:(\S+))?\s*(.*)$/;

interface InlineWaiver {
  file: string;
  /** 1-based line of the comment. */
  line: number;
  rules: string[];
  expires?: string;
  reason: string;
  used: boolean;
}

export function applyWaivers(findings: Finding[], files: Iterable<SourceFile>, config: GridfenceConfig | undefined, today: string, problems: InputProblem[]): void {
  const inline = new Map<string, InlineWaiver>();
  for (const f of files) {
    if (!f.text.includes('gridfence:ignore')) continue;
    const lines = f.text.split('\n');
    lines.forEach((text, i) => {
      const m = INLINE.exec(text);
      if (!m) return;
      const w: InlineWaiver = { file: f.path, line: i + 1, rules: m[1]!.split(',').map((x) => x.trim()), reason: m[4]!.trim(), used: false };
      const exp = m[2] ?? m[3];
      if (exp) w.expires = exp;
      const location = { file: f.path, line: i + 1, column: 1, endLine: i + 1, endColumn: text.length + 1 };
      if (!w.reason) {
        problems.push({ severity: 'warning', code: 'waiver', message: 'Waiver without a reason is ignored: write why the risk is accepted after the rule id', location });
        return;
      }
      if (w.expires && !/^\d{4}-\d{2}-\d{2}$/.test(w.expires)) {
        problems.push({ severity: 'warning', code: 'waiver', message: `Waiver expiry "${w.expires}" is not a date (YYYY-MM-DD); the waiver is ignored`, location });
        return;
      }
      if (w.expires && w.expires < today) {
        problems.push({ severity: 'warning', code: 'waiver', message: `Waiver expired on ${w.expires}: the findings it covered are reported again`, location });
        w.used = true;
        return;
      }
      inline.set(`${f.path}:${i + 1}`, w);
    });
  }

  const configWaivers = (config?.waivers ?? []).map((w, i) => ({ ...w, index: i, used: false }));
  const map = config ? sourceOf(config) : undefined;
  for (const w of configWaivers) {
    if (w.expires && w.expires < today) {
      const location = map?.valueLocation(['waivers', w.index, 'expires']);
      problems.push({ severity: 'warning', code: 'waiver', message: `Waiver for ${w.rule} on ${w.resource} expired on ${w.expires}: the findings it covered are reported again`, ...(location ? { location } : {}) });
      w.used = true;
    }
  }

  for (const f of findings) {
    const places = [f.location, ...f.related.map((r) => r.location), ...f.callers];
    let hit: InlineWaiver | undefined;
    for (const p of places) {
      const w = inline.get(`${p.file}:${p.line - 1}`);
      if (w && w.rules.includes(f.ruleId)) {
        hit = w;
        break;
      }
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

  for (const w of inline.values()) {
    if (!w.used) {
      problems.push({ severity: 'warning', code: 'waiver', message: `Waiver for ${w.rules.join(', ')} matches no finding`, location: { file: w.file, line: w.line, column: 1, endLine: w.line, endColumn: 1 } });
    }
  }
  for (const w of configWaivers) {
    if (!w.used) {
      const location = map?.valueLocation(['waivers', w.index]);
      problems.push({ severity: 'warning', code: 'waiver', message: `Waiver for ${w.rule} on ${w.resource} matches no finding`, ...(location ? { location } : {}) });
    }
  }
}
