/**
 * The page and the web shell's lifetime (issue 12, item 9): when main goes
 * away the page says so and shows nothing as live; when a shell comes back on
 * the same port and data directory, the same page reconnects by itself and
 * shows the new main (which has no sessions); the language chosen before the
 * restart is kept, also in a fresh browser profile (main's settings file, not
 * the browser's storage).
 */
import { expect, test, type Page } from '@playwright/test';
import { openUdp } from './support/ui';
import { startWebShell, type WebShell } from './support/web-shell';

// Two shells and two pages per test.
test.describe.configure({ timeout: 120_000 });

const shells: WebShell[] = [];
test.afterEach(async () => {
  for (const shell of shells.splice(0)) await shell.stop();
});

async function start(options: Parameters<typeof startWebShell>[0] = {}): Promise<WebShell> {
  const shell = await startWebShell(options);
  shells.push(shell);
  return shell;
}

const lang = async (page: Page): Promise<string | null> => page.locator('html').getAttribute('lang');

test('stopping the shell shows the page disconnected; a restarted shell is found again, with the language kept', async ({
  page,
  browser,
}) => {
  const first = await start();
  await page.goto(first.url);
  const link = page.getByTestId('status-connection');
  await expect(link).toHaveAttribute('data-state', 'open');
  await expect(page.getByTestId('disconnected-banner')).toBeHidden();

  // Choose the language the page does not start in.
  const before = await lang(page);
  const chosen = before === 'zh-CN' ? 'en' : 'zh-CN';
  await page.getByTestId('language-toggle').click();
  await expect.poll(() => lang(page)).toBe(chosen);

  await openUdp(page);
  await page.getByTestId('composer-port').fill('9');
  await page.getByTestId('composer-input').fill('typed before the restart');
  await expect(page.getByTestId('composer-send')).toBeEnabled();

  await first.stop();

  // Nothing looks live: a banner over the page, no live state on any badge, nothing to send or open with.
  const banner = page.getByTestId('disconnected-banner');
  await expect(banner).toBeVisible();
  await expect(link).not.toHaveAttribute('data-state', 'open');
  await expect(page.getByTestId('session-state')).toHaveAttribute('data-state', 'unknown');
  await expect(page.getByTestId('session-item')).toHaveAttribute('data-state', 'unknown');
  await expect(page.getByTestId('composer-send')).toBeDisabled();
  // What was typed stays, and can still be edited: only sending waits for main.
  await expect(page.getByTestId('composer-input')).toHaveValue('typed before the restart');
  await expect(page.getByTestId('composer-input')).toBeEditable();
  await expect(page.getByTestId('action-close')).toBeDisabled();
  await expect(page.getByTestId('new-udp')).toBeDisabled();

  // The same port and data directory: the same access token, so the same page gets in again.
  const second = await start({ dataDir: first.dataDir, port: Number(new URL(first.url).port) });
  expect(second.url).toBe(first.url);
  await expect(banner).toBeHidden({ timeout: 15_000 });
  await expect(link).toHaveAttribute('data-state', 'open');
  // The new main has no sessions: the old one's are gone from the page, not shown as if still bound.
  await expect(page.getByTestId('session-item')).toHaveCount(0);
  await expect(page.getByTestId('session-view')).toHaveCount(0);
  await expect(page.getByTestId('new-udp')).toBeEnabled();
  expect(await lang(page)).toBe(chosen);

  // A fresh browser profile (no storage of the old page) on the restarted shell: still the chosen language.
  const fresh = await browser.newContext();
  try {
    const other = await fresh.newPage();
    await other.goto(second.url);
    await expect(other.getByTestId('status-connection')).toHaveAttribute('data-state', 'open');
    await expect.poll(() => lang(other)).toBe(chosen);
  } finally {
    await fresh.close();
  }
});

test('a reconnected page shows the sessions of the shell it found', async ({ page }) => {
  const first = await start();
  await page.goto(first.url);
  await expect(page.getByTestId('status-connection')).toHaveAttribute('data-state', 'open');
  await openUdp(page);
  await first.stop();
  await expect(page.getByTestId('disconnected-banner')).toBeVisible();
  await expect(page.getByTestId('reconnect-now')).toBeVisible();

  const second = await start({ dataDir: first.dataDir, port: Number(new URL(first.url).port) });
  // Another page on the new shell opens a session of its own (its id is s1 again, as the old one's was).
  const other = await page.context().newPage();
  await other.goto(second.url);
  const port = await openUdp(other, '127.0.0.1');

  await expect(page.getByTestId('disconnected-banner')).toBeHidden({ timeout: 15_000 });
  await expect(page.getByTestId('session-item')).toHaveCount(1);
  await expect(page.getByTestId('session-item')).toHaveAttribute('data-state', 'bound');
  await page.getByTestId('session-item').click();
  await expect(page.getByTestId('session-local')).toHaveText(`127.0.0.1:${port}`);
});
