/**
 * Which files under the given paths are Terraform plans: `.json` files (not `.tf.json` or
 * `.tfvars.json`) whose content is a plan, whatever their name (product.md §3: detected from content).
 */
import fs from 'node:fs';
import path from 'node:path';
import { decodeText, fileHead } from '../input-file.js';
import { findFiles } from '../find-files.js';
import type { InputProblem } from '../../model/errors.js';

const isJson = (name: string): boolean => name.endsWith('.json') && !name.endsWith('.tf.json') && !name.endsWith('.tfvars.json') && !name.startsWith('.');

/** `byName`: every candidate file is taken as a plan (--input-format plan); loading one that is not says so. */
export function findPlans(paths: readonly string[], cwd: string, byName = false, problems?: InputProblem[]): string[] {
  const out: string[] = [];
  for (const given of paths) {
    const abs = path.resolve(cwd, given);
    if (!fs.existsSync(abs)) continue;
    const candidates = fs.statSync(abs).isDirectory() ? findFiles(abs, isJson, problems) : isJson(path.basename(abs)) ? [abs] : [];
    for (const f of candidates) {
      if (byName || looksLikePlan(decodeText(fileHead(f))) || keysOfPlan(f)) out.push(f);
    }
  }
  return [...new Set(out)].sort();
}

/**
 * Whether the head of a JSON text (its first 64 KiB, as `fileHead` reads it) is a plan:
 * `format_version` among the first keys, and a plan's own keys within the head.
 */
function looksLikePlan(head: string): boolean {
  return /"format_version"\s*:/.test(head.slice(0, 4096)) && /"(planned_values|resource_changes|terraform_version)"\s*:/.test(head);
}

/**
 * Whether a JSON object whose head does not show it is a plan all the same: a plan written with its
 * keys sorted (`jq -S`) puts its `configuration` first, which may fill the head. Read whole only
 * for objects; unreadable text is not a plan (the run then says the file is no input it reads).
 */
function keysOfPlan(file: string): boolean {
  const head = decodeText(fileHead(file, 4096)).replace(/^\ufeff/, '').trimStart();
  // Sorted, a plan's first keys are among these (applyable, checks, complete, configuration, …).
  if (!/^\{\s*"(applyable|checks|complete|configuration|errored|format_version)"\s*:/.test(head)) return false;
  let text: string;
  try {
    text = decodeText(fs.readFileSync(file));
  } catch {
    return false;
  }
  return /"format_version"\s*:/.test(text) && /"planned_values"\s*:/.test(text);
}
