/**
 * Reading gridfence.yaml: YAML → plain data → schema → checks beyond the schema. Every failure is an
 * `InputProblem` with code "config", the file, and the line and column of the key or value at fault;
 * nothing here throws for a bad file. A configuration is returned only when no problem is an error.
 */
import { readFileSync } from 'node:fs';
import { parseDocument } from 'yaml';
import type { InputProblem } from '../model/errors.js';
import { SourceFile, toLocation } from '../model/source.js';
import { checkConfigData } from './checks.js';
import { ConfigSourceMap, pathToPointer, rememberSource } from './locate.js';
import { CONFIG_PROBLEM_CODE, messages } from './messages.js';
import { type ConfigIssue, validateAgainstSchema } from './schema.js';
import type { GridfenceConfig } from './types.js';

export interface LoadResult {
  /** Present when the file has no error (warnings may remain in `problems`). */
  config?: GridfenceConfig;
  problems: InputProblem[];
}

/**
 * Reads and validates a configuration file. `displayPath` is the name used in problems (for example
 * the path relative to the scan root); it defaults to `path`.
 */
export function loadConfig(path: string, displayPath: string = path): LoadResult {
  const shown = toPosix(displayPath);
  let text: string;
  try {
    text = readFileSync(path, 'utf8');
  } catch (err) {
    const reason = (err as NodeJS.ErrnoException).code === 'ENOENT' ? 'no such file' : ((err as Error).message ?? String(err));
    return { problems: [{ severity: 'error', code: CONFIG_PROBLEM_CODE, message: messages.unreadable(shown, reason), location: fileStart(shown) }] };
  }
  return parseConfig(text, shown);
}

/** Validates configuration text; `file` names it in problems. */
export function parseConfig(text: string, file: string): LoadResult {
  const source = new SourceFile(file, text.startsWith('\uFEFF') ? text.slice(1) : text);
  const problem = (severity: InputProblem['severity'], message: string, start: number, end: number): InputProblem => ({
    severity,
    code: CONFIG_PROBLEM_CODE,
    message,
    location: toLocation({ file: source, start, end }),
  });

  // Plain YAML 1.2: `off` and `2027-01-31` stay strings; duplicate keys are errors.
  // logLevel 'error': the library's warnings (a collection as a key, made text) would reach stderr as Node warnings; what they warn of is checked here.
  const doc = parseDocument(source.text, { prettyErrors: false, uniqueKeys: true, version: '1.2', logLevel: 'error' });
  const yamlErrors = doc.errors.map((e) => problem('error', messages.yamlSyntax(e.message), e.pos[0], e.pos[1]));
  const yamlWarnings = doc.warnings.map((w) => problem('warning', messages.yamlWarning(w.message), w.pos[0], w.pos[1]));
  if (yamlErrors.length > 0) return { problems: sortProblems([...yamlErrors, ...yamlWarnings]) };

  if (doc.contents === null || (doc.contents.range && isBlankValue(doc.contents))) {
    return { problems: [problem('error', messages.empty(), 0, 0), ...yamlWarnings] };
  }

  let data: unknown;
  try {
    // Aliases are expanded with yaml's default cap, which defeats "billion laughs" documents.
    data = doc.toJS();
  } catch (err) {
    return { problems: [problem('error', messages.yamlSyntax((err as Error).message), 0, 0), ...yamlWarnings] };
  }

  const map = new ConfigSourceMap(source, doc);
  const schemaIssues = validateAgainstSchema(data);
  const reported = new Set(schemaIssues.map((i) => pathToPointer(i.path)));
  // A value the schema rejected is not checked a second time.
  const checkIssues = checkConfigData(data).filter((i) => !reported.has(pathToPointer(i.path)));
  const located = [...schemaIssues, ...checkIssues].map((i) => locate(i, map));
  const problems = sortProblems([...yamlWarnings, ...located]);
  if (problems.some((p) => p.severity === 'error')) return { problems };

  const config = normalize(data as GridfenceConfig);
  rememberSource(config, map);
  return { config, problems };
}

function locate(issue: ConfigIssue, map: ConfigSourceMap): InputProblem {
  const location = issue.at === 'key' ? map.keyLocation(issue.path) : map.valueLocation(issue.path);
  return { severity: issue.severity, code: CONFIG_PROBLEM_CODE, message: issue.message, location };
}

/** `tls.min-version: 1.2` written as a YAML number becomes the string "1.2" the types promise. */
function normalize(config: GridfenceConfig): GridfenceConfig {
  for (const x of Object.values(config.externals ?? {})) {
    const v = x.tls?.['min-version'] as unknown;
    if (typeof v === 'number') x.tls!['min-version'] = v.toFixed(1) as '1.0' | '1.1' | '1.2' | '1.3';
  }
  return config;
}

function isBlankValue(node: unknown): boolean {
  return typeof node === 'object' && node !== null && 'value' in node && (node as { value: unknown }).value === null;
}

function sortProblems(problems: InputProblem[]): InputProblem[] {
  const key = (p: InputProblem) => [p.location?.line ?? 0, p.location?.column ?? 0];
  return problems.sort((a, b) => {
    const [al, ac] = key(a);
    const [bl, bc] = key(b);
    return al! - bl! || ac! - bc!;
  });
}

function fileStart(file: string) {
  return { file, line: 1, column: 1, endLine: 1, endColumn: 1 };
}

function toPosix(p: string): string {
  return p.replace(/\\/g, '/');
}
