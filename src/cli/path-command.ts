/** `gridfence path [PATH…] --from X --to Y`: flows between two places, or the blocked path; exit 0 or 2. */
import { PathAnalysis } from '../graph/analysis.js';
import { pathQuery, type PathQuery } from '../graph/query.js';
import { hasErrors, loadSystem, type LoadedSystem, type SystemPart } from '../linter/load-system.js';
import { declaredFrom } from '../linter/root-parts.js';
import { formatProblems } from '../report/inventory.js';
import { pathJson, pathText } from '../report/path.js';
import { makeStyle } from '../report/style.js';
import { EXIT_INPUT_ERROR, EXIT_OK } from './exit-codes.js';
import { emit, jsonReport, loadOptions, progressLine, useColor, type InputOptions } from './run-options.js';
import { toolVersion } from './version.js';
import type { Lang } from '../model/finding.js';
import { holdYoungGeneration } from '../model/young-generation.js';

export interface PathCommandOptions extends InputOptions {
  from: string;
  to: string;
  port?: number;
  protocol: 'tcp' | 'udp' | 'icmp' | 'any';
  format: 'text' | 'json';
  output?: string;
  color?: boolean;
  /** Of the text answer; English when not given. */
  lang?: Lang;
}

export function runPath(paths: string[], opts: PathCommandOptions): number {
  holdYoungGeneration();
  const progress = progressLine();
  const sys = loadSystem(loadOptions(paths, opts, (m) => progress.update(m)));
  progress.done();
  const style = makeStyle(!opts.output && useColor(opts, process.stdout));
  if (hasErrors(sys.problems)) {
    // They go to stderr: coloured only when stderr itself is a terminal.
    process.stderr.write(`${formatProblems(sys.problems, makeStyle(useColor(opts, process.stderr)))}\n`);
    return EXIT_INPUT_ERROR;
  }
  const part = partOf(sys, [opts.from, opts.to]);
  if ('error' in part) {
    process.stderr.write(`gridfence path: ${part.error}\n`);
    return EXIT_INPUT_ERROR;
  }
  const pa = new PathAnalysis(part.resources, sys.config, (a) => part.zoneOf.get(a), sys.placedHosts);
  const q: PathQuery = { from: opts.from, to: opts.to, protocol: opts.protocol, ...(opts.port !== undefined ? { port: opts.port } : {}) };
  const r = pathQuery(pa, q);
  if (!r.ok) {
    process.stderr.write(`gridfence path: ${r.error}\n`);
    return EXIT_INPUT_ERROR;
  }
  const out = opts.format === 'json' ? jsonReport(pathJson(pa, q, r, toolVersion()), !opts.output && process.stdout.isTTY === true) : pathText(pa, q, r, style, opts.lang);
  emit(opts.output, out);
  return EXIT_OK;
}

/**
 * The part a query is asked in. Roots that declare the same address are never in one graph
 * (load-system.ts): an answer comes from the one part that holds the resources the query names, and
 * a name that several roots declare, or a query that names no resource held by one part only, is
 * refused rather than answered from a graph the user did not mean.
 */
function partOf(sys: LoadedSystem, names: readonly string[]): SystemPart | { error: string } {
  if (sys.parts.length === 1) return sys.parts[0]!;
  const conflicting = [...new Set(sys.parts.flatMap((p) => p.roots))].filter((root) => sys.parts.some((p) => !p.roots.includes(root)));
  const advice = `give one of them (${conflicting.join(', ')}) on its own`;
  const held = names.filter((n) => sys.model.resources.some((r) => r.address === n));
  for (const n of held) {
    const roots = [...new Set(sys.model.resources.filter((r) => r.address === n).map(declaredFrom))];
    if (roots.length > 1) return { error: `"${n}" is declared in several roots of this run (${roots.join(', ')}): ${advice}` };
  }
  const parts = sys.parts.filter((p) => held.every((n) => p.resources.some((r) => r.address === n)));
  if (held.length && parts.length === 1) return parts[0]!;
  if (held.length && parts.length === 0) return { error: `"${held.join('" and "')}" are declared in roots that declare the same addresses, so they are not analysed together: ${advice}` };
  return { error: `the roots ${conflicting.join(', ')} declare the same addresses, and this query names no resource of only one of them: ${advice}` };
}
