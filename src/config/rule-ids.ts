/**
 * Rule ids in the configuration (`rules:` keys and waivers' `rule`) checked against the rule
 * registry, which the schema does not know. An unknown id is an error with the nearest known id: a
 * misspelt `off` or waiver would otherwise silently not apply.
 */
import type { InputProblem } from '../model/errors.js';
import { type ConfigPath, pathToPointer, sourceOf } from './locate.js';
import { CONFIG_PROBLEM_CODE, messages } from './messages.js';
import { nearest } from './suggest.js';
import type { GridfenceConfig } from './types.js';

/**
 * Problems for rule ids that are not in `knownIds`. Located in the file when the configuration came
 * from `loadConfig`/`parseConfig`.
 */
export function checkRuleIds(config: GridfenceConfig, knownIds: Iterable<string>): InputProblem[] {
  const known = [...knownIds];
  const knownSet = new Set(known);
  const map = sourceOf(config);
  const problems: InputProblem[] = [];
  const report = (id: string, path: ConfigPath, where: ConfigPath, at: 'key' | 'value') => {
    const location = map ? (at === 'key' ? map.keyLocation(path) : map.valueLocation(path)) : undefined;
    problems.push({
      severity: 'error',
      code: CONFIG_PROBLEM_CODE,
      message: messages.unknownRule(pathToPointer(where), id, nearest(id, known)),
      ...(location ? { location } : {}),
    });
  };
  for (const id of Object.keys(config.rules ?? {})) {
    if (!knownSet.has(id)) report(id, ['rules', id], ['rules'], 'key');
  }
  (config.waivers ?? []).forEach((w, i) => {
    if (!knownSet.has(w.rule)) report(w.rule, ['waivers', i, 'rule'], ['waivers', i, 'rule'], 'value');
  });
  return problems;
}
