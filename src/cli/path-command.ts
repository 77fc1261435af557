/** `gridfence path [PATH…] --from X --to Y`: flows between two places, or the blocked path; exit 0 or 2. */
import { PathAnalysis } from '../graph/analysis.js';
import { pathQuery, type PathQuery } from '../graph/query.js';
import { hasErrors, loadSystem } from '../linter/load-system.js';
import { formatProblems } from '../report/inventory.js';
import { pathJson, pathText } from '../report/path.js';
import { makeStyle } from '../report/style.js';
import { EXIT_INPUT_ERROR, EXIT_OK } from './exit-codes.js';
import { emit, jsonText, loadOptions, progressLine, useColor, type InputOptions } from './run-options.js';
import { toolVersion } from './version.js';

export interface PathCommandOptions extends InputOptions {
  from: string;
  to: string;
  port?: number;
  protocol: 'tcp' | 'udp' | 'icmp' | 'any';
  format: 'text' | 'json';
  output?: string;
  color?: boolean;
}

export function runPath(paths: string[], opts: PathCommandOptions): number {
  const progress = progressLine();
  const sys = loadSystem(loadOptions(paths, opts, (m) => progress.update(m)));
  progress.done();
  const style = makeStyle(!opts.output && useColor(opts, process.stdout));
  if (hasErrors(sys.problems)) {
    // They go to stderr: coloured only when stderr itself is a terminal.
    process.stderr.write(`${formatProblems(sys.problems, makeStyle(useColor(opts, process.stderr)))}\n`);
    return EXIT_INPUT_ERROR;
  }
  const pa = new PathAnalysis(sys.model.resources, sys.config, (a) => sys.zoneOf.get(a), sys.placedHosts);
  const q: PathQuery = { from: opts.from, to: opts.to, protocol: opts.protocol, ...(opts.port !== undefined ? { port: opts.port } : {}) };
  const r = pathQuery(pa, q);
  if (!r.ok) {
    process.stderr.write(`gridfence path: ${r.error}\n`);
    return EXIT_INPUT_ERROR;
  }
  const out = opts.format === 'json' ? jsonText(pathJson(pa, q, r, toolVersion()), !opts.output && process.stdout.isTTY === true) : pathText(pa, q, r, style);
  emit(opts.output, out);
  return EXIT_OK;
}
