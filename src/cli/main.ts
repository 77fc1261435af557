#!/usr/bin/env node
/** Entry point of the `gridfence` bin. */
import { run } from './run.js';

run(process.argv.slice(2)).then(
  (code) => {
    process.exitCode = code;
  },
  (e: unknown) => {
    process.stderr.write(`gridfence: internal error: ${(e as Error).message}\n`);
    process.exitCode = 2;
  },
);
