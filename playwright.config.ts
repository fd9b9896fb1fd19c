import { defineConfig } from '@playwright/test';

// The e2e suite: tests/e2e/*.spec.ts through the harness (tests/e2e/harness.ts), on Chromium
// or, where its binary is installed, the real Electron app ($SPANWISE_E2E_HOST).
export default defineConfig({
  testDir: 'tests/e2e',
  testMatch: '**/*.spec.ts',
  outputDir: 'test-results/e2e',
  globalSetup: './tests/e2e/global-setup.ts',
  workers: 2,
  fullyParallel: true,
  timeout: 30_000,
  expect: { timeout: 5_000 },
  globalTimeout: 10 * 60_000,
  forbidOnly: Boolean(process.env['CI']),
  retries: 0,
  reporter: [['list'], ['./tests/e2e/reporter.ts']],
});
