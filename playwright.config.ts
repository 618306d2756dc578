import { defineConfig } from '@playwright/test';
import { chromiumArgs, chromiumPath } from './test/tools/chromium.ts';

// The built site (npm run build) served by `astro preview` on 127.0.0.1, driven in Debian's Chromium.
// E2E_PORT and E2E_DIST let two checkouts' suites run side by side.
const port = Number(process.env.E2E_PORT ?? 4321);
const dist = process.env.E2E_DIST ?? 'dist';

export default defineConfig({
  testDir: 'test/e2e',
  timeout: 60_000,
  expect: { timeout: 10_000 },
  workers: 1,
  retries: process.env.CI ? 1 : 0,
  reporter: [['list']],
  use: {
    baseURL: `http://127.0.0.1:${port}`,
    launchOptions: { executablePath: chromiumPath, args: chromiumArgs },
  },
  webServer: {
    command: `npm run preview -- --host 127.0.0.1 --port ${port} --outDir ${dist} --ignore-lock`,
    url: `http://127.0.0.1:${port}/`,
    reuseExistingServer: false,
    timeout: 60_000,
  },
});
