import { createSocket } from 'node:dgram';
import type { Page } from '@playwright/test';
import { expect, test } from './support/fixtures';
import { openUdp } from './support/ui';

async function setLanguage(page: Page, language: 'en' | 'zh-CN'): Promise<void> {
  const zh = (await page.locator('html').getAttribute('lang'))?.startsWith('zh') ?? false;
  if (zh !== (language === 'zh-CN')) await page.getByTestId('language-toggle').click();
}

/** `peers` peers on their own ports of 127.0.0.1 send `count` datagrams each to 127.0.0.1:port. */
async function udpPeers(port: number, peers: number, count: number): Promise<void> {
  for (let p = 0; p < peers; p += 1) {
    const socket = createSocket('udp4');
    await new Promise<void>((r) => socket.bind(0, '127.0.0.1', () => r()));
    for (let i = 0; i < count; i += 1) {
      const text = `peer ${p} line ${i} temperature=2${p}.${i}`;
      await new Promise<void>((r) => socket.send(Buffer.from(text), port, '127.0.0.1', () => r()));
    }
    socket.close();
  }
}

/** The bottom edge of an element, or +Infinity when it is not laid out. */
async function bottomOf(page: Page, testId: string): Promise<number> {
  const box = await page.getByTestId(testId).first().boundingBox();
  return box ? box.y + box.height : Number.POSITIVE_INFINITY;
}

/** Whole 26-pixel rows the log shows on screen: its scroll box, as far as the panel's middle shows it. */
async function fullRows(page: Page): Promise<number> {
  return page.getByTestId('log-view').evaluate((view) => {
    const log = view.getBoundingClientRect();
    const middle = view.closest('.session-middle')?.getBoundingClientRect() ?? log;
    const shown = Math.min(log.bottom, middle.bottom) - Math.max(log.top, middle.top);
    return Math.floor((shown + 0.5) / 26);
  });
}

/** The status bar's top edge: what is under it is not on screen. */
async function fold(page: Page): Promise<number> {
  const viewport = page.viewportSize() ?? { width: 1360, height: 860 };
  const status = await page.locator('[data-testid="status-bar"]').first().boundingBox();
  return status ? status.y : viewport.height;
}

for (const language of ['en', 'zh-CN'] as const) {
  test(`1360x860, a UDP session with five peers and Capture to file open: the log keeps rows, Send stays on screen (${language})`, async ({
    app,
  }, info) => {
    await setLanguage(app, language);
    const port = await openUdp(app);
    await udpPeers(port, 5, 8);
    await expect(app.getByTestId('peer-row')).toHaveCount(5);
    await app.getByTestId('capture-toggle').click();
    await app.getByTestId('peer-filter').first().click();
    await app.screenshot({ path: info.outputPath(`layout.${language}.png`) });

    // Everything fits: the panel does not scroll, the composer's last row is on screen.
    const overflow = await app
      .getByTestId('session-view')
      .evaluate((el) => el.scrollHeight - el.clientHeight);
    expect(overflow, 'the session pane does not scroll').toBeLessThanOrEqual(1);
    const bottom = await fold(app);
    for (const id of ['composer-send', 'composer', 'periodic']) {
      expect(await bottomOf(app, id), `${id} above the status bar`).toBeLessThanOrEqual(bottom + 0.5);
    }
    // The peer table scrolls in its own box; the log keeps at least seven full rows.
    const peers = app.getByTestId('peer-table').locator('..');
    expect(await peers.evaluate((el) => el.scrollHeight > el.clientHeight)).toBe(true);
    expect(await fullRows(app), 'rows of the log on screen').toBeGreaterThanOrEqual(7);
  });

  test(`1280x720, five peers, nothing open: the log keeps four rows above the composer (${language})`, async ({
    app,
  }) => {
    await app.setViewportSize({ width: 1280, height: 720 });
    await setLanguage(app, language);
    const port = await openUdp(app);
    await udpPeers(port, 5, 4);
    await expect(app.getByTestId('peer-row')).toHaveCount(5);
    const bottom = await fold(app);
    for (const id of ['composer-send', 'periodic']) {
      expect(await bottomOf(app, id), `${id} above the status bar`).toBeLessThanOrEqual(bottom + 0.5);
    }
    expect(await fullRows(app), 'rows of the log on screen').toBeGreaterThanOrEqual(4);
  });

  // The worst common case QA found: ten peers, Socket options open, Follow off and a row's
  // detail open. The composer and the header never leave the screen; the log keeps rows.
  for (const [width, height, rows] of [
    [1360, 860, 5],
    [1280, 720, 2],
    [1024, 700, 1],
  ] as const) {
    test(`${width}x${height}, ten peers, Socket options and a row's detail open: header, Send and Repeat stay on screen (${language})`, async ({
      app,
    }, info) => {
      await app.setViewportSize({ width, height });
      await setLanguage(app, language);
      const port = await openUdp(app);
      await udpPeers(port, 10, 3);
      await expect(app.getByTestId('peer-row')).toHaveCount(10);
      await app.getByTestId('udp-options-toggle').click();
      await expect(app.getByTestId('udp-options')).toBeVisible();
      await app.getByTestId('log-follow').uncheck();
      await app.getByTestId('log-row').nth(1).click();
      await expect(app.getByTestId('log-detail')).toBeVisible();
      await app.screenshot({ path: info.outputPath(`layout-${width}x${height}.${language}.png`) });

      const bottom = await fold(app);
      const metrics = {
        rows: await fullRows(app),
        composerTop: (await app.getByTestId('composer').boundingBox())?.y,
        periodicBottom: await bottomOf(app, 'periodic'),
        sendBottom: await bottomOf(app, 'composer-send'),
        fold: bottom,
      };
      console.log(`layout ${width}x${height} ${language}: ${JSON.stringify(metrics)}`);

      const header = await app.locator('.session-header').boundingBox();
      expect(header?.y ?? -1, 'the session header is on screen').toBeGreaterThanOrEqual(0);
      await expect(app.getByTestId('session-title')).toBeInViewport({ ratio: 1 });
      for (const id of ['composer-send', 'periodic']) {
        await expect(app.getByTestId(id).first()).toBeInViewport({ ratio: 1 });
        expect(await bottomOf(app, id), `${id} above the status bar`).toBeLessThanOrEqual(bottom + 0.5);
      }
      expect(metrics.rows, 'full rows of the log on screen').toBeGreaterThanOrEqual(rows);
    });
  }
}
