import type { Page } from '@playwright/test';
import { expect, hexOf, test } from '../support/fixtures';
import { logRows, openTcpServer, openUdp, send } from '../support/ui';

/**
 * The README's pictures, made from the running app with real Python peers:
 * `npm run screenshots`. Not part of `npm test`.
 */

async function setLanguage(page: Page, language: 'en' | 'zh-CN'): Promise<void> {
  const zh = (await page.locator('html').getAttribute('lang'))?.startsWith('zh') ?? false;
  if (zh !== (language === 'zh-CN')) await page.getByTestId('language-toggle').click();
}

for (const language of ['en', 'zh-CN'] as const) {
  test(`TCP server with three clients (${language})`, async ({ app, peer }) => {
    await setLanguage(app, language);
    const port = await openTcpServer(app, '0.0.0.0', '0');
    const lines = ['GET /status\n', '温度=23.5℃\n', 'PING\n'];
    const clients = lines.map((line) =>
      peer('tcp_client.py', ['127.0.0.1', String(port), '--send', hexOf(line), '--timeout', '20']),
    );
    for (const client of clients) await client.line('LOCAL');
    await expect(app.getByTestId('client-row')).toHaveCount(3);
    await send(app, 'welcome\n');
    for (const client of clients) await client.line('RECV');
    await app.getByTestId('client-row').nth(1).click();
    await send(app, 'ACK 温度\r\n');
    await expect(logRows(app)).toHaveCount(3);
    await app.getByTestId('log-row').first().click();
    await app.screenshot({ path: `docs/tcp-server.${language}.png` });
  });

  test(`UDP endpoint with a reply (${language})`, async ({ app, peer }) => {
    await setLanguage(app, language);
    const port = await openUdp(app, '127.0.0.1', '0');
    const sender = peer('udp_send.py', ['127.0.0.1', String(port), hexOf('hello 你好', 'utf8'), '--timeout', '20']);
    await sender.line('LOCAL');
    await logRows(app, 'in').first().click();
    await app.getByTestId('reply-to-sender').click();
    await app.getByTestId('composer-input').fill('收到 ok');
    await app.getByTestId('composer-line-ending').selectOption('crlf');
    await app.getByTestId('composer-send').click();
    await sender.line('RECV');
    await app.screenshot({ path: `docs/udp.${language}.png` });
  });
}
