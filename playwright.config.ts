import { defineConfig } from '@playwright/test';
import { chromiumPath } from './tests/support/browser.ts';
import { PORTS } from './tests/support/ports.ts';

// Browser journeys against the built server: one server with a seeded organisation, and one
// on an empty data folder for the first-run setup journey.
export default defineConfig({
  testDir: 'tests/e2e',
  fullyParallel: false,
  workers: 2,
  forbidOnly: !!process.env.CI,
  retries: 0,
  timeout: 60_000,
  reporter: process.env.CI ? [['list']] : [['list']],
  use: {
    baseURL: `http://localhost:${PORTS.seeded}`,
    launchOptions: {
      executablePath: chromiumPath(),
      args: [
        '--no-sandbox',
        '--disable-gpu',
        '--disable-background-networking',
        '--disable-component-update',
        '--disable-sync',
        '--no-first-run',
      ],
    },
    trace: 'off',
  },
  webServer: [
    {
      command: 'node tests/support/serve.ts seeded',
      url: `http://localhost:${PORTS.seeded}/healthz`,
      reuseExistingServer: false,
      timeout: 120_000,
      stdout: 'pipe',
    },
    {
      command: 'node tests/support/serve.ts empty',
      url: `http://localhost:${PORTS.empty}/healthz`,
      reuseExistingServer: false,
      timeout: 120_000,
    },
  ],
});
