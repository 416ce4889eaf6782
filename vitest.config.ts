import { defineConfig } from 'vitest/config';

export default defineConfig({
  test: {
    include: ['src/**/*.test.ts', 'test/**/*.test.ts'],
    testTimeout: 60_000,
    hookTimeout: 60_000,
    pool: 'forks',
    // Real databases: keep parallelism modest on a 2-core machine.
    maxWorkers: 2,
    dangerouslyIgnoreUnhandledErrors: false,
    // Builds the admin console once for the browser tests (skipped when dist/admin is up to date).
    globalSetup: ['test/support/build-web.ts'],
  },
});
