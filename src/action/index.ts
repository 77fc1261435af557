/** The Action's entry, bundled into action/dist/index.mjs (scripts/bundle-action.mjs), which action.yml runs. */
import * as core from '@actions/core';
import { run } from './main.js';

try {
  process.exitCode = run();
} catch (e) {
  core.setFailed(`gridfence: ${(e as Error).message}`);
  process.exitCode = 2;
}
