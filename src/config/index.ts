/** The configuration stage: find, load and validate gridfence.yaml, and place resources in zones. */
export { findConfig, repositoryBase, CONFIG_FILE_NAMES, type FindResult } from './find.js';
export { loadConfig, parseConfig, type LoadResult } from './load.js';
export { configSchema, validateAgainstSchema, SCHEMA_URL, type ConfigIssue } from './schema.js';
export { checkRuleIds } from './rule-ids.js';
export { declaresZones, resolveZones, type ZoneCandidate, type ZoneResolution } from './zones.js';
export { matchesGlob, globToRegExp, isGlob } from './glob.js';
export { nearest, editDistance } from './suggest.js';
export { sourceOf, pointerToPath, pathToPointer, ConfigSourceMap, type ConfigPath } from './locate.js';
export { CONFIG_PROBLEM_CODE } from './messages.js';
export { isCalendarDate } from './checks.js';
export * from './types.js';
