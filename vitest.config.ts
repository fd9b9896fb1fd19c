import { defineConfig } from 'vitest/config';

export default defineConfig({
  test: {
    include: ['tests/unit/**/*.test.ts', 'tests/store/**/*.test.ts'],
    environment: 'node',
    pool: 'forks',
    // A hang guard, not a speed check (speed is measured by npm run bench): the CLI tests spawn
    // the real binary several times per test, which takes seconds on a busy two-core machine.
    testTimeout: 60_000,
  },
});
