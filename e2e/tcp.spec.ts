import type { Page } from '@playwright/test';
import { canMakeTestHosts, makeTestHost } from '../test/helpers/netns';
import { expect, hexOf, test } from './support/fixtures';
import { startWebShell } from './support/web-shell';
import { connectTcp, logRows, openTcpServer, send } from './support/ui';

/** Select the accepted client whose remote port is `port` (from Python's getsockname()). */
async function selectClient(page: Page, serverPort: number, port: string | undefined): Promise<void> {
  await page
    .getByTestId('session-item')
    .filter({ hasText: `0.0.0.0:${serverPort}` })
    .or(page.getByTestId('session-item').filter({ hasText: `127.0.0.1:${serverPort}` }))
    .first()
    .click();
  await page
    .getByTestId('client-row')
    .filter({ hasText: `127.0.0.1:${port}` })
    .click();
  await expect(page.getByTestId('session-remote')).toHaveText(`127.0.0.1:${port}`);
}

test('the app’s client talks to a Python server that answers in GBK, read correctly with the view set to GBK', async ({
  app,
  peer,
}) => {
  // '收到'.encode('gbk') is CA D5 B5 BD; the server answers every message with it.
  const server = peer('tcp_server.py', ['--reply', 'cad5b5bd']);
  const [, port] = await server.line('READY');
  await connectTcp(app, '127.0.0.1', Number(port));
  await expect(app.getByTestId('session-state')).toHaveAttribute('data-state', 'connected');
  await send(app, 'hello');
  expect((await server.line('RECV'))[3]).toBe(hexOf('hello'));

  const reply = logRows(app, 'in').first();
  await expect(reply.getByTestId('log-size')).toHaveText('4');
  await app.getByTestId('log-view-mode').selectOption('gbk');
  await expect(reply.getByTestId('log-data')).toHaveText('收到');
  await app.getByTestId('log-view-mode').selectOption('hex');
  await expect(reply.getByTestId('log-data')).toHaveText('CA D5 B5 BD');
});

test('five Python clients each get their own session, and send-to-all reaches all five', async ({
  app,
  peer,
}) => {
  const port = await openTcpServer(app);
  const clients = Array.from({ length: 5 }, (_, i) =>
    peer('tcp_client.py', ['127.0.0.1', String(port), '--send', hexOf(`client ${i}\n`)]),
  );
  const ports = await Promise.all(clients.map(async (c) => (await c.line('LOCAL'))[2]));
  await expect(app.getByTestId('client-row')).toHaveCount(5);
  for (const p of ports)
    await expect(app.getByTestId('client-row').filter({ hasText: `127.0.0.1:${p}` })).toBeVisible();
  await expect(app.getByTestId('session-item').and(app.locator('[data-kind="tcp-conn"]'))).toHaveCount(5);

  await send(app, 'to everyone\n');
  await expect(app.getByTestId('composer-sent')).toContainText('5');
  for (const client of clients) expect((await client.line('RECV'))[3]).toBe(hexOf('to everyone\n'));
});

test.describe('close is taught: half-close, FIN and RST are told apart', () => {
  test('our half-close: the Python server sees an empty recv(), and can still answer', async ({
    app,
    peer,
  }) => {
    const server = peer('tcp_server.py', ['--on-close', hexOf('bye after your FIN')]);
    const [, port] = await server.line('READY');
    await connectTcp(app, '127.0.0.1', Number(port));
    await expect(app.getByTestId('session-state')).toHaveAttribute('data-state', 'connected');
    await app.getByTestId('action-half-close').click();
    await server.line('CLOSED');
    await expect(logRows(app, 'in').first().getByTestId('log-data')).toHaveText('bye after your FIN');
    await expect(app.getByTestId('session-state')).toHaveAttribute('data-state', 'closed');
    await expect(app.getByTestId('session-close-reason')).toHaveAttribute('data-reason', 'local-close');
    await app.getByTestId('tab-timeline').click();
    const steps = app.getByTestId('timeline-step');
    await expect(steps.and(app.locator('[data-step="half-close"]'))).toContainText('shutdown(SHUT_WR)');
    const peerEnd = steps.and(app.locator('[data-step="peer-half-close"]'));
    await expect(peerEnd).toContainText("recv() returned b''");
    // After our own FIN Node cannot ask the kernel whether that was the peer's FIN or a reset: said so.
    await expect(peerEnd).toContainText('after our own FIN, Node cannot ask the kernel which');
    await app.getByTestId('language-toggle').click();
    await expect(peerEnd).toContainText('我方已发送过 FIN，Node 无法再向内核问清是哪一种');
  });

  test('a Python client’s close (FIN) and another’s reset (RST) are shown differently', async ({
    app,
    peer,
  }) => {
    const port = await openTcpServer(app);
    const polite = peer('tcp_client.py', [
      '127.0.0.1',
      String(port),
      '--send',
      hexOf('bye'),
      '--then',
      'close',
    ]);
    const [, , politePort] = await polite.line('LOCAL');
    await polite.line('DONE');
    // Nothing unread when the RST comes: Linux then reports ECONNRESET (with unread data it may look like EOF).
    const rude = peer('tcp_client.py', ['127.0.0.1', String(port), '--step', '--then', 'rst']);
    const [, , rudePort] = await rude.line('LOCAL');
    // Accepted (its own session) before it resets: it resets when told, once the app lists it.
    await expect(app.getByTestId('client-row').filter({ hasText: `127.0.0.1:${rudePort}` })).toBeVisible();
    rude.say();
    await rude.line('DONE');

    await selectClient(app, port, politePort);
    await expect(app.getByTestId('session-close-reason')).toHaveAttribute('data-reason', 'peer-close');
    await expect(app.getByTestId('session-close-reason')).toContainText(
      'closed the connection in order (FIN)',
    );
    await selectClient(app, port, rudePort);
    await expect(app.getByTestId('session-close-reason')).toHaveAttribute('data-reason', 'peer-reset');
    await expect(app.getByTestId('session-close-reason')).toContainText('reset the connection (RST)');
    await app.getByTestId('language-toggle').click();
    await expect(app.getByTestId('session-close-reason')).toContainText('对方重置了连接（RST）');
  });

  test('our reset (RST): the Python server sees ConnectionResetError', async ({ app, peer }) => {
    const server = peer('tcp_server.py', []);
    const [, port] = await server.line('READY');
    await connectTcp(app, '127.0.0.1', Number(port));
    await send(app, 'data then abort');
    await server.line('RECV');
    await app.getByTestId('action-reset').click();
    await server.line('RESET');
    await expect(app.getByTestId('session-close-reason')).toHaveAttribute('data-reason', 'local-reset');
  });
});

test('echo and a regex rule with a capture group answer Python clients, each answer marked in the log', async ({
  app,
  peer,
}) => {
  const port = await openTcpServer(app);
  await app.getByTestId('auto-reply-toggle').click();
  await app.getByTestId('auto-reply-echo').check();
  await app.getByTestId('auto-reply-add').click();
  await app.getByTestId('rule-match').selectOption('regex');
  await app.getByTestId('rule-pattern').fill('^GET (\\w+)');
  // Typed as a person would: backslash-n in a one-line field is the escape for a line feed.
  await app.getByTestId('rule-reply').fill('VALUE of $1 = 42\\n');
  await app.getByTestId('auto-reply-apply').click();
  await expect(app.getByTestId('auto-reply-applied')).toBeVisible();
  await expect(app.getByTestId('auto-reply-summary')).toContainText('1');

  const asker = peer('tcp_client.py', ['127.0.0.1', String(port), '--send', hexOf('GET temperature\n')]);
  expect((await asker.line('RECV'))[3]).toBe(hexOf('VALUE of temperature = 42\n'));
  const pinger = peer('tcp_client.py', ['127.0.0.1', String(port), '--send', hexOf('ping')]);
  expect((await pinger.line('RECV'))[3]).toBe(hexOf('ping'));

  const [, , askerPort] = await asker.line('LOCAL');
  await selectClient(app, port, askerPort);
  await expect(logRows(app, 'out').getByTestId('log-auto')).toHaveAttribute('data-auto', 'rule');
});

test('a bad regular expression is refused with its reason, and nothing changes', async ({ app }) => {
  await openTcpServer(app);
  await app.getByTestId('auto-reply-toggle').click();
  await app.getByTestId('auto-reply-add').click();
  await app.getByTestId('rule-match').selectOption('regex');
  await app.getByTestId('rule-pattern').fill('([unclosed');
  await app.getByTestId('rule-reply').fill('x');
  await app.getByTestId('auto-reply-apply').click();
  await expect(app.getByTestId('auto-reply-error')).toHaveAttribute('data-code', 'BAD_REGEX');
  await expect(app.getByTestId('auto-reply-summary')).toHaveText('off');
  await expect(app.getByTestId('rule-pattern')).toHaveValue('([unclosed');
});

test.describe('errors a user can cause', () => {
  test('connection refused and port in use, in English and Chinese', async ({ app, peer }) => {
    const gone = peer('tcp_server.py', ['--timeout', '0.3']);
    const [, closedPort] = await gone.line('READY');
    await gone.exit();
    await connectTcp(app, '127.0.0.1', Number(closedPort));
    await expect(app.getByTestId('session-state')).toHaveAttribute('data-state', 'failed');
    const error = app.getByTestId('session-error');
    await expect(error).toHaveAttribute('data-code', 'ECONNREFUSED');
    await expect(error).toContainText(`nothing is listening on 127.0.0.1:${closedPort}`);
    await app.getByTestId('language-toggle').click();
    await expect(error).toContainText('连接被拒绝');
    await app.getByTestId('language-toggle').click();

    const busy = peer('tcp_server.py', []);
    const [, busyPort] = await busy.line('READY');
    await app.getByTestId('new-tcp-server').click();
    await app.getByTestId('tcp-server-address').fill('127.0.0.1');
    await app.getByTestId('tcp-server-port').fill(busyPort ?? '');
    await app.getByTestId('dialog-submit').click();
    await expect(app.getByTestId('dialog-error')).toHaveAttribute('data-code', 'EADDRINUSE');
    await expect(app.getByTestId('dialog-error')).toContainText(`Port ${busyPort} is already in use`);
  });

  test('writing after the peer closed, on a half-open session', async ({ app, peer }) => {
    await app.getByTestId('new-tcp-server').click();
    await app.getByTestId('tcp-server-address').fill('127.0.0.1');
    await app.getByTestId('tcp-server-port').fill('0');
    await app.getByTestId('tcp-server-close-on-peer-end').uncheck();
    await app.getByTestId('dialog-submit').click();
    const text = (await app.getByTestId('session-local').textContent()) ?? '';
    const port = Number(text.split(':').pop());
    const client = peer('tcp_client.py', ['127.0.0.1', String(port), '--then', 'close']);
    const [, , clientPort] = await client.line('LOCAL');
    await client.line('DONE');
    await app
      .getByTestId('client-row')
      .filter({ hasText: `127.0.0.1:${clientPort}` })
      .click();
    await expect(app.getByTestId('session-state')).toHaveAttribute('data-state', 'peer-half-closed');
    // The first write is accepted by our kernel; the peer's answers with RST, and the next write fails.
    await app.getByTestId('composer-input').fill('anyone there?');
    await app.getByTestId('composer-send').click();
    await expect
      .poll(async () => {
        if (await app.getByTestId('composer-send').isEnabled())
          await app.getByTestId('composer-send').click();
        return (
          (await app
            .getByTestId('session-error')
            .getAttribute('data-code')
            .catch(() => null)) ??
          (await app
            .getByTestId('composer-error')
            .getAttribute('data-code')
            .catch(() => null))
        );
      })
      .toMatch(/^(EPIPE|ECONNRESET|SESSION_CLOSED)$/);
    await expect(app.getByTestId('session-close-reason')).toHaveAttribute('data-reason', 'peer-reset');
  });

  /** Connect from the dialog with a timeout, and read the failure the session shows. */
  async function failedConnect(page: Page, host: string, port: number, timeoutMs = '10000') {
    await page.getByTestId('new-tcp-client').click();
    await page.getByTestId('tcp-client-host').fill(host);
    await page.getByTestId('tcp-client-port').fill(String(port));
    await page.getByTestId('tcp-client-timeout').fill(timeoutMs);
    await page.getByTestId('dialog-submit').click();
    await expect(page.getByTestId('session-state')).toHaveAttribute('data-state', 'failed');
    return page.getByTestId('session-error');
  }

  test('unknown host, and an address that is not this machine’s', async ({ app }) => {
    const error = await failedConnect(app, 'no-such-host.invalid', 80);
    await expect(error).toHaveAttribute('data-code', 'ENOTFOUND');
    await expect(error).toContainText('"no-such-host.invalid" was not found');

    await app.getByTestId('new-tcp-server').click();
    await app.getByTestId('tcp-server-address').fill('192.0.2.77');
    await app.getByTestId('tcp-server-port').fill('0');
    await app.getByTestId('dialog-submit').click();
    await expect(app.getByTestId('dialog-error')).toHaveAttribute('data-code', 'EADDRNOTAVAIL');
    await app.getByTestId('language-toggle').click();
    await expect(app.getByTestId('dialog-error')).toContainText('不是本机的地址');
  });

  test.describe('on a test host of our own', () => {
    test.skip(!canMakeTestHosts(), 'needs root and iproute2 to make a test host (network namespace)');

    test('timed out, and no route to host', async ({ app }) => {
      const host = makeTestHost();
      try {
        // .3 on the test link answers nobody's ARP: SYNs go nowhere.
        const silent = host.hostAddress.replace(/\.2$/, '.3');
        const timedOut = await failedConnect(app, silent, 9, '800');
        await expect(timedOut).toHaveAttribute('data-code', 'ETIMEDOUT');
        await expect(timedOut).toContainText(`${silent}:9 did not answer in time`);

        const unreachable = await failedConnect(app, silent, 9, '20000');
        await expect(unreachable).toHaveAttribute('data-code', 'EHOSTUNREACH');
        await expect(unreachable).toContainText(`No route to host ${silent}`);
      } finally {
        host.remove();
      }
    });
  });

  test('a privileged port without permission', async ({ browser }) => {
    const shell = await startWebShell({ unprivileged: true });
    const page = await browser.newPage();
    try {
      await page.goto(shell.url);
      await page.getByTestId('new-tcp-server').click();
      await page.getByTestId('tcp-server-address').fill('127.0.0.1');
      await page.getByTestId('tcp-server-port').fill('80');
      await page.getByTestId('dialog-submit').click();
      await expect(page.getByTestId('dialog-error')).toHaveAttribute('data-code', 'EACCES');
      await expect(page.getByTestId('dialog-error')).toContainText('below 1024');
    } finally {
      await page.close();
      await shell.stop();
    }
  });
});
