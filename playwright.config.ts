import { defineConfig } from '@playwright/test';
import { ADMIN_STATE } from './e2e/auth-state';

// scripts/test.ts starts the stack and passes its URL; `webServer` covers running Playwright alone against `npm start`.
const baseURL = process.env.LEADFLOW_TEST_APP_URL ?? 'http://127.0.0.1:3000';

export default defineConfig({
  testDir: 'e2e',
  forbidOnly: Boolean(process.env.CI),
  retries: process.env.CI ? 1 : 0,
  workers: 1,
  timeout: 120_000,
  expect: { timeout: 20_000 },
  reporter: [['list'], ['json']],
  // Every spec starts signed in as the test admin; role-specific specs open their own signed-in contexts.
  globalSetup: './e2e/global-setup.ts',
  use: {
    baseURL,
    storageState: ADMIN_STATE,
    trace: 'on-first-retry',
    launchOptions: {
      executablePath: process.env.CHROMIUM_PATH ?? '/usr/bin/chromium',
      args: ['--no-sandbox', '--disable-gpu', '--disable-background-networking', '--disable-component-update', '--disable-sync', '--disable-quic', '--no-first-run'],
    },
  },
  webServer: process.env.LEADFLOW_TEST_APP_URL ? undefined : { command: 'npm start', url: `${baseURL}/api/health`, reuseExistingServer: true, timeout: 300_000 },
});
