import { availableParallelism } from 'node:os';
import { defineConfig } from 'vitest/config';

export default defineConfig({
  test: {
    include: ['test/**/*.test.ts'],
    testTimeout: 60_000,
    pool: 'forks',
    // Vitest's default is one worker fewer than the cores: a single worker on a 2-core runner, which
    // leaves a core idle while tests wait on the processes they spawn. One per core: on 2 cores the
    // suite took 223 s instead of 301 s.
    maxWorkers: availableParallelism(),
    // Each test file's temporary folders live under one folder that is removed after it.
    globalSetup: ['test/support/temp-run.ts'],
    setupFiles: ['test/support/temp-root.ts'],
  },
});
