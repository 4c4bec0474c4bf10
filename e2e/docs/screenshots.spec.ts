import { createServer } from 'node:net';
import type { Page } from '@playwright/test';
import { expect, hexOf, test } from '../support/fixtures';
import { flood } from '../support/flood';
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
    const sender = peer('udp_send.py', [
      '127.0.0.1',
      String(port),
      hexOf('hello 你好', 'utf8'),
      '--timeout',
      '20',
    ]);
    await sender.line('LOCAL');
    await logRows(app, 'in').first().click();
    await app.getByTestId('reply-to-sender').click();
    await app.getByTestId('composer-input').fill('收到 ok');
    await app.getByTestId('composer-line-ending').selectOption('crlf');
    await app.getByTestId('composer-send').click();
    await sender.line('RECV');
    await app.screenshot({ path: `docs/udp.${language}.png` });
  });

  test(`a UDP flood: exact counters, what the view kept, the receive buffer (${language})`, async ({
    app,
  }) => {
    await setLanguage(app, language);
    const port = await openUdp(app, '127.0.0.1', '0');
    await app.getByTestId('udp-options-toggle').click();
    const sent = await flood(['udp', '127.0.0.1', String(port), '--seconds', '3', '--rate', '8000000']);
    await expect(app.getByTestId('counter-messages-in')).toHaveText(sent.messages.toLocaleString('en-US'));
    await app
      .getByTestId('log-view-mode')
      .selectOption('hex')
      .catch(() => {});
    await app.screenshot({ path: `docs/flood.${language}.png` });
  });

  test(`code view: the session as a Python program (${language})`, async ({ app }) => {
    await setLanguage(app, language);
    await openUdp(app, '0.0.0.0', '0');
    await app.getByTestId('composer-host').fill('192.168.1.103');
    await app.getByTestId('composer-port').fill('8080');
    // The program sends what the send box holds, in the send box's encoding.
    await app.getByTestId('composer-encoding').selectOption('gbk');
    await app.getByTestId('composer-input').fill('你好，服务器');
    await app.getByTestId('tab-code').click();
    await expect(app.getByTestId('code-text')).toContainText("encode('gbk')");
    // Taller than the other pictures: the program / the steps are the subject, below the send box's tools.
    await app.setViewportSize({ width: 1360, height: 1080 });
    await app.screenshot({ path: `docs/code.${language}.png` });
  });

  test(`lifecycle of a TCP server with its clients (${language})`, async ({ app, peer }) => {
    await setLanguage(app, language);
    const port = await openTcpServer(app, '0.0.0.0', '0');
    const first = peer('tcp_client.py', [
      '127.0.0.1',
      String(port),
      '--send',
      hexOf('GET /status\n'),
      '--then',
      'close',
    ]);
    await first.line('DONE');
    const second = peer('tcp_client.py', [
      '127.0.0.1',
      String(port),
      '--send',
      hexOf('温度=23.5℃\n'),
      '--timeout',
      '20',
    ]);
    await second.line('LOCAL');
    await expect(app.getByTestId('client-row')).toHaveCount(2);
    await send(app, 'welcome\n');
    await second.line('RECV');
    await app.getByTestId('tab-timeline').click();
    await expect(app.getByTestId('timeline').locator('[data-step="receive"]')).toHaveCount(2);
    // Taller than the other pictures: the program / the steps are the subject, below the send box's tools.
    await app.setViewportSize({ width: 1360, height: 1080 });
    await app.screenshot({ path: `docs/lifecycle.${language}.png` });
  });

  test(`lifecycle of a client reconnecting to a closed port (${language})`, async ({ app }) => {
    await setLanguage(app, language);
    // A port nobody listens on: the OS opened it for us, we closed it again.
    const closed = createServer();
    await new Promise<void>((r) => closed.listen(0, '127.0.0.1', r));
    const address = closed.address();
    await new Promise<void>((r) => closed.close(() => r()));
    await app.getByTestId('new-tcp-client').click();
    await app.getByTestId('tcp-client-host').fill('127.0.0.1');
    await app
      .getByTestId('tcp-client-port')
      .fill(String(typeof address === 'object' && address ? address.port : 0));
    await app.getByTestId('tcp-client-reconnect').fill('1000');
    await app.getByTestId('dialog-submit').click();
    await app.getByTestId('tab-timeline').click();
    await expect(app.getByTestId('timeline').locator('[data-step="retry"]')).toHaveAttribute(
      'data-count',
      '3',
      {
        timeout: 15_000,
      },
    );
    await app.setViewportSize({ width: 1360, height: 1080 });
    await app.screenshot({ path: `docs/reconnect.${language}.png` });
    await app.getByTestId('action-remove').click();
  });

  test(`an error explained: EADDRINUSE (${language})`, async ({ app, peer }) => {
    await setLanguage(app, language);
    const busy = peer('tcp_server.py', ['--timeout', '20']);
    const [, busyPort] = await busy.line('READY');
    await app.getByTestId('new-tcp-server').click();
    await app.getByTestId('tcp-server-address').fill('127.0.0.1');
    await app.getByTestId('tcp-server-port').fill(busyPort ?? '');
    await app.getByTestId('dialog-submit').click();
    await expect(app.getByTestId('error-explain')).toHaveAttribute('data-code', 'EADDRINUSE');
    await app.screenshot({ path: `docs/error-explained.${language}.png` });
  });

  test(`network view: interfaces, address analyser, ports (${language})`, async ({ app }) => {
    await setLanguage(app, language);
    await openTcpServer(app, '0.0.0.0', '0');
    await app.getByTestId('nav-network').click();
    await app.getByTestId('ip-input').fill('192.168.1.10/24');
    await expect(app.getByTestId('port-row').first()).toBeVisible();
    await app.getByTestId('port-check-input').fill('8080');
    await app.getByTestId('port-check-button').click();
    await expect(app.getByTestId('port-check-result')).toBeVisible();
    await app.getByTestId('network-view').evaluate((el) => el.scrollTo(0, 0));
    await app.screenshot({ path: `docs/network.${language}.png` });
    await app.getByTestId('network-ports').screenshot({ path: `docs/ports.${language}.png` });
  });
}
