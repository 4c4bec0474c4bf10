import { expect, hexOf, test } from './support/fixtures';
import { logRows, openTcpServer, openUdp, send } from './support/ui';

test('a Python client connects to a TCP server opened in the UI, and gets the reply typed there', async ({
  app,
  peer,
}) => {
  const port = await openTcpServer(app);
  const client = peer('tcp_client.py', ['127.0.0.1', String(port), '--send', hexOf('hello from python\n')]);
  const [, , clientPort] = await client.line('LOCAL');

  // The accepted client is its own session, listed with the address Python's getsockname() printed.
  const row = app.getByTestId('client-row').filter({ hasText: `127.0.0.1:${clientPort}` });
  await expect(row).toBeVisible();
  await row.click();
  await expect(app.getByTestId('session-remote')).toHaveText(`127.0.0.1:${clientPort}`);

  const received = logRows(app, 'in').first();
  await expect(received.getByTestId('log-data')).toHaveText('hello from python␊');
  await expect(received.getByTestId('log-peer')).toHaveText(`127.0.0.1:${clientPort}`);
  await expect(received.getByTestId('log-size')).toHaveText('18');
  await expect(app.getByTestId('counter-bytes-in')).toHaveText('18');

  await send(app, 'reply from the workbench');
  const [, , , hex] = await client.line('RECV');
  expect(hex).toBe(hexOf('reply from the workbench'));
  await expect(app.getByTestId('counter-bytes-out')).toHaveText('24');
});

test('a Python sendto arrives at a bound UDP endpoint, which replies to the sender', async ({
  app,
  peer,
}) => {
  const port = await openUdp(app);
  const sender = peer('udp_send.py', ['127.0.0.1', String(port), hexOf('hello udp')]);
  const [, , senderPort] = await sender.line('LOCAL');

  const received = logRows(app, 'in').first();
  await expect(received.getByTestId('log-peer')).toHaveText(`127.0.0.1:${senderPort}`);
  await expect(received.getByTestId('log-data')).toHaveText('hello udp');
  await expect(app.getByTestId('counter-messages-in')).toHaveText('1');

  // Select the datagram and answer whoever sent it: the destination comes from its (ip, port).
  await received.click();
  await app.getByTestId('reply-to-sender').click();
  await expect(app.getByTestId('composer-host')).toHaveValue('127.0.0.1');
  await expect(app.getByTestId('composer-port')).toHaveValue(senderPort ?? '');
  await send(app, 'pong');

  const [, fromIp, fromPort, hex] = await sender.line('RECV');
  expect([fromIp, Number(fromPort), hex]).toEqual(['127.0.0.1', port, hexOf('pong')]);
});

test('the web shell refuses a page opened without its token', async ({ page, shell }) => {
  const response = await page.goto(shell.origin + '/');
  expect(response?.status()).toBe(403);
  await expect(page.locator('body')).toContainText('access token');
});
