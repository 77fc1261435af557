/**
 * Which files under the given paths are Terraform plans: `.json` files (not `.tf.json` or
 * `.tfvars.json`) whose content is a plan, whatever their name (product.md §3: detected from content).
 */
import fs from 'node:fs';
import path from 'node:path';
import { fileHead } from '../file-head.js';
import { findFiles } from '../terraform/load.js';
import { looksLikePlan } from './load.js';

const isJson = (name: string): boolean => name.endsWith('.json') && !name.endsWith('.tf.json') && !name.endsWith('.tfvars.json') && !name.startsWith('.');

/** `byName`: every candidate file is taken as a plan (--input-format plan); loading one that is not says so. */
export function findPlans(paths: readonly string[], cwd: string, byName = false): string[] {
  const out: string[] = [];
  for (const given of paths) {
    const abs = path.resolve(cwd, given);
    if (!fs.existsSync(abs)) continue;
    const candidates = fs.statSync(abs).isDirectory() ? findFiles(abs, isJson) : isJson(path.basename(abs)) ? [abs] : [];
    for (const f of candidates) {
      if (byName || looksLikePlan(head(f))) out.push(f);
    }
  }
  return [...new Set(out)].sort();
}

/** The head of a file as text (UTF-16 when it starts with a byte-order mark): enough to tell a plan. */
function head(abs: string): string {
  const b = fileHead(abs);
  if (b[0] === 0xff && b[1] === 0xfe) return b.subarray(2, b.length - (b.length % 2)).toString('utf16le');
  return b.toString('utf8');
}
