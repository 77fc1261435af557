#!/usr/bin/env node
/** Entry point of the `gridfence` bin. */
import { run } from './run.js';

// A reader that stops early (`gridfence rules | head`) closes the pipe: that ends the output, not the run with a trace.
for (const stream of [process.stdout, process.stderr]) {
  stream.on('error', (e: NodeJS.ErrnoException) => {
    if (e.code === 'EPIPE') process.exit(process.exitCode ?? 0);
    throw e;
  });
}

run(process.argv.slice(2)).then(
  (code) => {
    process.exitCode = code;
  },
  (e: unknown) => {
    process.stderr.write(`gridfence: internal error: ${(e as Error).message}\n`);
    process.exitCode = 2;
  },
);
