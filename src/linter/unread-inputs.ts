/**
 * Paths named as inputs that gave nothing to read (product.md §2: an input that cannot be understood
 * is never a silent pass): a file that no loader took as its format, a folder under which no loader
 * found anything. Each is an error naming the path; a path that does not exist is the loaders' to
 * report.
 */
import fs from 'node:fs';
import path from 'node:path';
import { findModuleDirs, isConfigFile } from '../loaders/terraform/load.js';
import { displayPath } from '../loaders/input-file.js';
import type { InputProblem } from '../model/errors.js';
import { isInside } from '../loaders/terraform/sandbox.js';

/** The formats gridfence reads, as the problems name them (linter/ja-config-errors.ts matches them). */
export const FORMATS = 'Terraform (.tf, .tf.json), a plan (terraform show -json), a CloudFormation template, a cdk.out folder, or an iptables or nftables ruleset';

/**
 * `read`: the absolute paths of the plans, templates and rulesets the loaders took; `terraform`:
 * whether Terraform files count (not when --input-format names another format).
 */
export function unreadInputs(paths: readonly string[], cwd: string, read: readonly string[], terraform: boolean): InputProblem[] {
  const problems: InputProblem[] = [];
  for (const given of paths) {
    const abs = path.resolve(cwd, given);
    let st: fs.Stats;
    try {
      st = fs.statSync(abs);
    } catch {
      continue;
    }
    const shown = displayPath(cwd, abs);
    if (st.isDirectory()) {
      if (read.some((f) => isInside(f, abs)) || (terraform && findModuleDirs(abs, []).length > 0)) continue;
      problems.push({ severity: 'error', code: 'no-input', message: `Nothing under ${shown} is an input gridfence reads: ${FORMATS}` });
    } else if (!read.includes(abs) && !(terraform && isConfigFile(path.basename(abs)))) {
      problems.push({ severity: 'error', code: 'no-input', message: `${shown} is not an input gridfence reads (${FORMATS}); --input-format names the format of a file that is one`, location: { file: shown, line: 1, column: 1, endLine: 1, endColumn: 1 } });
    }
  }
  return problems;
}
