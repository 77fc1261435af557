#!/usr/bin/env node
/** Entry point of the `gridfence` bin. */
import { toolVersion } from './version.js';

// A reader that stops early (`gridfence rules | head`) closes the pipe: that ends the output, not the run with a trace.
for (const stream of [process.stdout, process.stderr]) {
  stream.on('error', (e: NodeJS.ErrnoException) => {
    if (e.code === 'EPIPE') process.exit(process.exitCode ?? 0);
    throw e;
  });
}

const argv = process.argv.slice(2);
if (argv.length === 1 && (argv[0] === '--version' || argv[0] === '-v')) {
  // Answered before the command line parser is set up (its module alone is most of the entry's
  // start-up): what the parser would print for the same option, exit 0.
  process.stdout.write(`${toolVersion()}\n`);
} else {
  import('./run.js')
    .then(({ run }) => run(argv))
    .then(
      (code) => {
        process.exitCode = code;
      },
      (e: unknown) => {
        process.stderr.write(`gridfence: internal error: ${(e as Error).message}\n`);
        process.exitCode = 2;
      },
    );
}
