import { expect, test } from './support/fixtures';
import { openUdp } from './support/ui';
import { startWebShell } from './support/web-shell';
import { storedComposers } from './support/stored';

/**
 * Saved messages and composer settings live in main, in the data directory,
 * written atomically: a new web shell on the same directory (the app
 * restarted) finds them again, keyed by the session's kind and address.
 */

test('saved messages and composer settings are still there after the app restarts', async ({
  page,
  peer,
}) => {
  const receiver = peer('udp_recv.py', ['--count', '2']);
  const [, port] = await receiver.line('READY');
  // A fixed local port: after the restart "the same socket" is the same kind and address.
  const first = await startWebShell();
  try {
    await page.goto(first.url);
    await expect(page.getByTestId('status-connection')).toHaveAttribute('data-state', 'open');
    const local = await openUdp(page);
    await page.getByTestId('composer-port').fill(port ?? '');
    await page.getByTestId('composer-encoding').selectOption('gbk');
    await page.getByTestId('composer-line-ending').selectOption('crlf');
    await page.getByTestId('composer-input').fill('温度?');
    await page.getByTestId('saved-save').click();
    const saved = page.getByTestId('saved-message');
    await expect(saved).toHaveCount(1);
    await saved.getByTestId('saved-rename').click();
    await page.getByTestId('saved-rename-input').fill('Query temperature');
    await page.getByTestId('saved-rename-input').press('Enter');
    await expect(saved).toHaveAttribute('data-name', 'Query temperature');

    await page.getByTestId('composer-input').fill('shared ping');
    await page.getByTestId('saved-shared').check();
    await page.getByTestId('saved-save').click();
    await expect(page.locator('[data-testid="saved-message"][data-scope="shared"]')).toHaveCount(1);
    // The debounced composer settings are on disk before the "crash".
    await expect
      .poll(() =>
        storedComposers(first.dataDir).map((c) => `${c.settings?.encoding} ${c.settings?.lineEnding}`),
      )
      .toContain('gbk crlf');
    await first.stop();

    const second = await startWebShell({ dataDir: first.dataDir });
    try {
      await page.goto(second.url);
      await expect(page.getByTestId('status-connection')).toHaveAttribute('data-state', 'open');
      await openUdp(page, '127.0.0.1', String(local));
      const again = page.locator('[data-testid="saved-message"][data-scope="session"]');
      await expect(again).toHaveAttribute('data-name', 'Query temperature');
      await expect(page.locator('[data-testid="saved-message"][data-scope="shared"]')).toHaveCount(1);
      // The composer settings came back too.
      await expect(page.getByTestId('composer-encoding')).toHaveValue('gbk');
      await expect(page.getByTestId('composer-line-ending')).toHaveValue('crlf');

      // One click sends it, with its own settings: GBK 温度? + CRLF.
      await page.getByTestId('composer-port').fill(port ?? '');
      await again.getByTestId('saved-send').click();
      const [, , , hex] = await receiver.line('RECV');
      expect(hex).toBe('cec2b6c83f0d0a');

      await again.getByTestId('saved-delete').click();
      await expect(again).toHaveCount(0);
    } finally {
      await second.stop();
    }
  } finally {
    await first.stop();
  }
});
