/**
 * The `inventory` report: every resource gridfence understood, with its zone, source location,
 * the module calls that led to it and its evaluated attributes. JSON as product.md §6 shows;
 * text as a table grouped by zone. Unknown values print as `(unknown: reason)`, never as a guess.
 */
import { zoneOfResource, type LoadedSystem } from '../linter/load-system.js';
import type { InputProblem } from '../model/errors.js';
import { toLocation, type Location } from '../model/source.js';
import type { ObjectValue, Value } from '../model/value.js';
import type { Style } from './style.js';

export interface InventoryJson {
  version: 1;
  tool: { name: 'gridfence'; version: string };
  resources: Array<{
    address: string;
    type: string;
    mode: 'managed' | 'data';
    provider: string;
    zone: string | null;
    location: Location;
    callers: Location[];
    expansion?: { $unknown: string };
    attributes: ObjectValue;
  }>;
  variables: Array<{ address: string; origin: string; value: Value; location: Location }>;
  /** Firewall hosts of gridfence.yaml with their rulesets (absent when none is declared). */
  hosts?: LoadedSystem['hosts'];
  errors: InputProblem[];
}

export function inventoryJson(sys: LoadedSystem, toolVersion: string): InventoryJson {
  // Two roots may declare one address: each resource's zone is its own part's (load-system.ts).
  const zoneOf = zoneOfResource(sys);
  return {
    version: 1,
    tool: { name: 'gridfence', version: toolVersion },
    resources: sys.model.resources.map((r) => ({
      address: r.address,
      type: r.nativeType ?? r.type,
      mode: r.mode,
      provider: r.provider,
      zone: zoneOf(r) ?? null,
      location: toLocation(r.span),
      callers: r.callers.map(toLocation),
      ...(r.expansion ? { expansion: { $unknown: r.expansion.reason } } : {}),
      // Values serialise themselves (Unknown and TfSet have toJSON): no converted copy of thousands of resources.
      attributes: r.attributes,
    })),
    variables: sys.model.variables.map((v) => ({ address: v.address, origin: v.origin, value: v.value, location: toLocation(v.span) })),
    ...(sys.hosts?.length ? { hosts: sys.hosts } : {}),
    errors: sys.problems,
  };
}

export function inventoryText(sys: LoadedSystem, style: Style): string {
  const lines: string[] = [];
  const groups = new Map<string, typeof sys.model.resources>();
  const zoneOrder = Object.keys(sys.config?.zones ?? {});
  const zoneOf = zoneOfResource(sys);
  for (const r of sys.model.resources) {
    const z = zoneOf(r) ?? '';
    const g = groups.get(z);
    if (g) g.push(r);
    else groups.set(z, [r]);
  }
  const names = [...zoneOrder.filter((z) => groups.has(z)), ...[...groups.keys()].filter((z) => z !== '' && !zoneOrder.includes(z)).sort()];
  if (groups.has('')) names.push('');
  for (const z of names) {
    const rs = groups.get(z)!;
    const role = z ? sys.config?.zones?.[z]?.role : undefined;
    const title = z ? `zone ${z}${role ? ` (${role})` : ''}` : sys.zonesImplicit ? 'no zones declared (every resource counts as protected)' : 'in no zone';
    lines.push(style.bold(`${title} — ${rs.length} resource${rs.length === 1 ? '' : 's'}`));
    const rows = rs.map((r) => {
      const loc = toLocation(r.span);
      return [r.address + (r.expansion ? ' (instances unknown)' : ''), r.nativeType ?? r.type, `${loc.file}:${loc.line}`];
    });
    // A fold, not Math.max(...): a zone may hold more resources than a call takes arguments.
    const w0 = rows.reduce((w, x) => Math.max(w, x[0]!.length), 0);
    const w1 = rows.reduce((w, x) => Math.max(w, x[1]!.length), 0);
    for (const [a, t, l] of rows) lines.push(`  ${a!.padEnd(w0)}  ${style.dim(t!.padEnd(w1))}  ${style.dim(l!)}`);
    lines.push('');
  }
  if (sys.hosts?.length) {
    lines.push(style.bold(`firewall hosts — ${sys.hosts.length}`));
    const w = Math.max(...sys.hosts.map((h) => h.name.length));
    for (const h of sys.hosts) lines.push(`  ${h.name.padEnd(w)}  ${style.dim(`${h.format}, ${h.chains} chain${h.chains === 1 ? '' : 's'}, ${h.rules} rule${h.rules === 1 ? '' : 's'}`)}  ${style.dim(h.file)}`);
    lines.push('');
  }
  const zonesUsed = names.filter((n) => n !== '').length;
  lines.push(
    `${sys.model.resources.length} resource${sys.model.resources.length === 1 ? '' : 's'} in ${zonesUsed} zone${zonesUsed === 1 ? '' : 's'}` +
      `, from ${sys.model.roots.length} root module${sys.model.roots.length === 1 ? '' : 's'}` +
      (sys.configPath ? `; configuration ${sys.configPath}` : '; no configuration file'),
  );
  const problems = formatProblems(sys.problems, style);
  if (problems) lines.push('', problems);
  return lines.join('\n') + '\n';
}

export function formatProblems(problems: readonly InputProblem[], style: Style, lang: 'en' | 'ja' = 'en'): string {
  return problems
    .map((p) => {
      const where = p.location ? `${p.location.file}:${p.location.line}:${p.location.column}: ` : '';
      const sev = p.severity === 'error' ? style.red(lang === 'ja' ? 'エラー' : 'error') : style.yellow(lang === 'ja' ? '警告' : 'warning');
      return `${where}${sev}: ${p.message} ${style.dim(`[${p.code}]`)}`;
    })
    .join('\n');
}
