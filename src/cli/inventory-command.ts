/** `gridfence inventory [PATH…]`: what gridfence understood, as a table or as JSON (product.md §6). */
import { hasErrors, loadSystem } from '../linter/load-system.js';
import { inventoryJson, inventoryText } from '../report/inventory.js';
import { makeStyle } from '../report/style.js';
import { EXIT_INPUT_ERROR, EXIT_OK } from './exit-codes.js';
import { emit, jsonReport, loadOptions, progressLine, useColor, type InputOptions, type ReportOut } from './run-options.js';
import { toolVersion } from './version.js';
import { holdYoungGeneration } from '../model/young-generation.js';

export interface InventoryOptions extends InputOptions {
  format: string;
  output?: string;
  color?: boolean;
  quiet?: boolean;
}

export function runInventory(paths: string[], opts: InventoryOptions): number {
  holdYoungGeneration();
  const progress = progressLine();
  const sys = loadSystem(loadOptions(paths, opts, (m) => progress.update(m)));
  progress.done();
  if (opts.quiet) sys.problems = sys.problems.filter((p) => p.severity === 'error');
  let out: ReportOut;
  if (opts.format === 'json') out = jsonReport(inventoryJson(sys, toolVersion()), !opts.output && process.stdout.isTTY === true);
  else out = inventoryText(sys, makeStyle(!opts.output && useColor(opts, process.stdout)));
  emit(opts.output, out);
  return hasErrors(sys.problems) ? EXIT_INPUT_ERROR : EXIT_OK;
}
