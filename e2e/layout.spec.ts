import { createSocket } from 'node:dgram';
import type { Page } from '@playwright/test';
import { expect, test } from './support/fixtures';
import { openUdp } from './support/ui';

async function setLanguage(page: Page, language: 'en' | 'zh-CN'): Promise<void> {
  const zh = (await page.locator('html').getAttribute('lang'))?.startsWith('zh') ?? false;
  if (zh !== (language === 'zh-CN')) await page.getByTestId('language-toggle').click();
}

/** Five peers on their own ports send `count` datagrams each to 127.0.0.1:port. */
async function fivePeers(port: number, count: number): Promise<void> {
  for (let p = 0; p < 5; p += 1) {
    const socket = createSocket('udp4');
    await new Promise<void>((r) => socket.bind(0, '127.0.0.1', () => r()));
    for (let i = 0; i < count; i += 1) {
      const text = `peer ${p} line ${i} temperature=2${p}.${i}`;
      await new Promise<void>((r) => socket.send(Buffer.from(text), port, '127.0.0.1', () => r()));
    }
    socket.close();
  }
}

for (const language of ['en', 'zh-CN'] as const) {
  test(`1360x860, a UDP session with five peers and Capture to file open: the log keeps rows, Send stays on screen (${language})`, async ({
    app,
  }, info) => {
    await setLanguage(app, language);
    const port = await openUdp(app);
    await fivePeers(port, 8);
    await expect(app.getByTestId('peer-row')).toHaveCount(5);
    await app.getByTestId('capture-toggle').click();
    await app.getByTestId('peer-filter').first().click();
    await app.screenshot({ path: info.outputPath(`layout.${language}.png`) });

    // Everything fits: the panel does not scroll, the composer's last row is on screen.
    const viewport = app.viewportSize() ?? { width: 1360, height: 860 };
    const overflow = await app
      .getByTestId('session-view')
      .evaluate((el) => el.scrollHeight - el.clientHeight);
    expect(overflow, 'the session pane does not scroll').toBeLessThanOrEqual(1);
    for (const id of ['composer-send', 'composer']) {
      const box = await app.getByTestId(id).boundingBox();
      expect((box?.y ?? viewport.height) + (box?.height ?? 0), `${id} above the fold`).toBeLessThanOrEqual(
        viewport.height,
      );
    }
    // The peer table scrolls in its own box; the log keeps at least seven full rows.
    const peers = app.getByTestId('peer-table').locator('..');
    expect(await peers.evaluate((el) => el.scrollHeight > el.clientHeight)).toBe(true);
    const log = await app.getByTestId('log-view').boundingBox();
    expect(log?.height ?? 0, 'rows of the log on screen').toBeGreaterThanOrEqual(7 * 26);
  });
}
