import { existsSync } from 'node:fs';
import { defineConfig } from '@playwright/test';

/**
 * Debian's Chromium where it is installed (our machines cannot download
 * Playwright's own browsers); otherwise Playwright's browser, for users who
 * have one. CHROMIUM_PATH overrides both.
 */
const chromium =
  process.env.CHROMIUM_PATH ?? (existsSync('/usr/bin/chromium') ? '/usr/bin/chromium' : undefined);

export default defineConfig({
  testDir: 'e2e',
  projects: [
    { name: 'e2e', testIgnore: 'docs/**' },
    // `npm run screenshots`: the README's pictures, from the running app.
    { name: 'docs', testMatch: 'docs/**/*.spec.ts' },
  ],
  // Bounds that catch a hang, not speed limits: every wait in the specs is for a condition, and
  // on a busy machine (other builds, `stress-ng --cpu 2`) a test's page, shell and peers take a
  // while just to start, and one step can take over 10 s: 45 s / 10 s timed tests out there
  // (load average 20-28 on 2 cores), though nothing was wrong.
  timeout: 180_000,
  expect: { timeout: 30_000 },
  fullyParallel: false,
  workers: process.env.CI ? 2 : undefined,
  retries: 0,
  reporter: [['list'], ['json', { outputFile: '.tmp/playwright.json' }]],
  outputDir: 'test-results',
  use: {
    viewport: { width: 1360, height: 860 },
    trace: 'retain-on-failure',
    screenshot: 'only-on-failure',
    launchOptions: {
      ...(chromium ? { executablePath: chromium } : {}),
      args: [
        '--no-sandbox',
        '--disable-gpu',
        '--disable-background-networking',
        '--disable-component-update',
      ],
    },
  },
});
