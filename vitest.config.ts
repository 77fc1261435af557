import { defineConfig } from 'vitest/config';

export default defineConfig({
  test: {
    include: ['test/**/*.test.ts'],
    testTimeout: 60_000,
    pool: 'forks',
    // Each test file's temporary folders live under one folder that is removed after it.
    globalSetup: ['test/support/temp-run.ts'],
    setupFiles: ['test/support/temp-root.ts'],
  },
});
