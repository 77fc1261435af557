/**
 * Which rules run, with which severity and options: the pack's defaults, then gridfence.yaml's
 * `rules:` entries, then `--rule` (run only these). Unknown rule ids and invalid options are
 * configuration errors located in the file.
 */
import { checkRuleIds, normalizeRuleSetting, sourceOf, type GridfenceConfig } from '../config/index.js';
import { InputError, type InputProblem } from '../model/errors.js';
import type { Severity } from '../model/finding.js';
import { rules } from '../rules/index.js';
import { guidelinePack, type PackRule } from '../rules/pack.js';
import type { AnyRule } from '../rules/rule.js';
import { nearest } from '../config/suggest.js';
import { ajv2020 } from '../config/ajv-loader.js';
import { WAIVER_EXPIRED } from './waiver-expired.js';

export interface ActiveRule {
  rule: AnyRule;
  severity: Severity;
  clause: string;
  options: object;
}

/** Custom path policies join the pack's rules: their own clause and severity, overridable in `rules:` like any rule's. */
export function activeRules(config: GridfenceConfig | undefined, only: readonly string[], problems: InputProblem[], custom: ReadonlyArray<{ rule: AnyRule; meta: PackRule }> = []): ActiveRule[] {
  const all = new Map<string, AnyRule>([...rules, ...custom.map((c) => [c.rule.id, c.rule] as const)]);
  const ids = [...all.keys()];
  for (const id of only) {
    if (id === WAIVER_EXPIRED) {
      throw new InputError('usage', `--rule ${id}: this is the run's own check of waivers, not a rule; it reports the expired waivers of the rules a run checks (gridfence explain ${id})`);
    }
    if (!all.has(id)) {
      const near = nearest(id, ids);
      throw new InputError('usage', `--rule ${id}: no such rule${near ? `; did you mean "${near}"?` : ''} (gridfence rules lists them)`);
    }
  }
  if (config) problems.push(...checkRuleIds(config, ids));
  const pack = guidelinePack();
  const out: ActiveRule[] = [];
  const customMeta = new Map(custom.map((c) => [c.rule.id, c.meta]));
  for (const [id, rule] of all) {
    if (only.length && !only.includes(id)) continue;
    const meta = pack.rules[id] ?? customMeta.get(id);
    if (!meta) throw new Error(`rule ${id} is missing from the guideline pack`);
    const setting = config?.rules?.[id] !== undefined ? normalizeRuleSetting(config.rules[id]!) : {};
    if (setting.severity === 'off' && !only.includes(id)) continue;
    const severity: Severity = setting.severity && setting.severity !== 'off' ? setting.severity : meta.severity;
    const options = { ...rule.defaultOptions, ...(setting.options ?? {}) };
    if (setting.options && rule.optionsSchema) {
      // ajv is loaded only when a configuration sets options: most runs never pay for it.
      const { Ajv2020 } = ajv2020();
      // verbose: each error carries the schema it broke, whose keys a misspelt option is matched against.
      const validate = new Ajv2020({ allErrors: true, strict: false, verbose: true }).compile(rule.optionsSchema);
      if (!validate(options)) {
        const map = sourceOf(config!);
        const at = map?.valueLocation(['rules', id, 'options']);
        for (const e of validate.errors ?? []) {
          const where = `rules.${id}.options${e.instancePath.replace(/\//g, '.')}`;
          if (e.keyword === 'additionalProperties') {
            // An unknown option is named, placed at its key, with the nearest option the rule has.
            const key = String((e.params as { additionalProperty?: unknown }).additionalProperty);
            const known = Object.keys(((e.parentSchema as { properties?: object } | undefined)?.properties ?? {}) as object);
            const near = nearest(key, known);
            const path = ['rules', id, 'options', ...e.instancePath.split('/').filter(Boolean), key];
            const keyAt = map?.span(path) ? map.keyLocation(path) : at;
            problems.push({ severity: 'error', code: 'config', message: `${where}: unknown option "${key}"${near ? `; did you mean "${near}"?` : known.length ? ` (options: ${known.join(', ')})` : ''}`, ...(keyAt ? { location: keyAt } : {}) });
            continue;
          }
          problems.push({ severity: 'error', code: 'config', message: `${where}: ${e.message ?? 'invalid'}`, ...(at ? { location: at } : {}) });
        }
        continue;
      }
    }
    if (setting.options && rule.checkOptions) {
      const at = sourceOf(config!)?.valueLocation(['rules', id, 'options']);
      for (const message of rule.checkOptions(options as never, config)) problems.push({ severity: 'error', code: 'config', message: `rules.${id}.options: ${message}`, ...(at ? { location: at } : {}) });
    }
    out.push({ rule, severity, clause: meta.clause, options });
  }
  return out;
}
