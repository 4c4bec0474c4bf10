import net from 'node:net';
import dgram from 'node:dgram';
import type { Page } from '@playwright/test';
import { expect, test } from './support/fixtures';
import { connectTcp, logRows, openTcpServer, openUdp, send } from './support/ui';
import { closedTcpPort } from '../test/helpers/peer';

function nodeClient(port: number, sockets: net.Socket[]): Promise<net.Socket> {
  return new Promise((resolve, reject) => {
    const socket = net.connect({ host: '127.0.0.1', port }, () => resolve(socket));
    socket.once('error', reject);
    sockets.push(socket);
  });
}

async function typeInComposer(app: Page, text: string): Promise<void> {
  await app.getByTestId('composer-input').fill(text);
}

test('send to all: the server logs it once with the client count, its counters total its clients, the status bar does not double count', async ({
  app,
}) => {
  const port = await openTcpServer(app);
  // No client yet: a warning, not a green success.
  await typeInComposer(app, 'anyone?');
  await app.getByTestId('composer-send-all').click();
  await expect(app.getByTestId('composer-nothing-sent')).toHaveText(
    'No client is connected; nothing was sent.',
  );
  await expect(app.getByTestId('composer-sent')).toHaveCount(0);

  const sockets: net.Socket[] = [];
  try {
    await Promise.all([0, 1, 2].map(() => nodeClient(port, sockets)));
    await expect(app.getByTestId('client-row')).toHaveCount(3);
    await send(app, 'hello all');
    await expect(app.getByTestId('composer-sent')).toHaveText('Sent to 3 clients.');
    const rows = logRows(app, 'out');
    await expect(rows).toHaveCount(1);
    await expect(rows.first().getByTestId('log-peer')).toHaveText('all 3 clients');
    await expect(app.getByTestId('counters-scope')).toBeVisible();
    await expect(app.getByTestId('counter-bytes-out')).toHaveText('27');
    await expect(app.getByTestId('counter-messages-out')).toHaveText('3');
    await expect(app.getByTestId('status-bar')).toContainText('27');
    await expect(app.getByTestId('status-bar')).not.toContainText('54');
  } finally {
    for (const s of sockets) s.destroy();
  }
  // Closed clients go below live ones.
  await expect(app.getByTestId('client-row').first()).toHaveAttribute('data-state', /closed/);
});

test('a failed TCP client says it has no local port, connects again in the same session, and the dialog remembers', async ({
  app,
}) => {
  const port = await closedTcpPort();
  await connectTcp(app, '127.0.0.1', port);
  await expect(app.getByTestId('session-state')).toHaveAttribute('data-state', 'failed');
  await expect(app.getByTestId('session-local')).toHaveText('none (never connected)');
  const id = await app.getByTestId('session-view').getAttribute('data-session-id');

  const server = net.createServer((s) => s.end());
  await new Promise<void>((resolve) => server.listen(port, '127.0.0.1', resolve));
  try {
    await app.getByTestId('action-connect-again').click();
    await expect(app.getByTestId('session-state')).toHaveAttribute('data-state', /connected|closed/);
    await expect(app.getByTestId('session-view')).toHaveAttribute('data-session-id', id ?? '');
    await expect(app.getByTestId('session-local')).toHaveText(/^127\.0\.0\.1:\d+$/);
  } finally {
    await new Promise<void>((resolve) => server.close(() => resolve()));
  }
  await expect(app.getByTestId('session-item')).toHaveCount(1);

  await app.getByTestId('new-tcp-client').click();
  await expect(app.getByTestId('tcp-client-port')).toHaveValue(String(port));
  await expect(app.getByTestId('tcp-client-host')).toHaveValue('127.0.0.1');
  await app.getByTestId('dialog-cancel').click();
});

test('a TCP client connected to itself is called out, in both languages', async ({ app }) => {
  test.skip(process.platform !== 'linux', 'self-connect (simultaneous open) is what Linux does');
  const port = await closedTcpPort();
  await app.getByTestId('new-tcp-client').click();
  await app.getByTestId('tcp-client-host').fill('127.0.0.1');
  await app.getByTestId('tcp-client-port').fill(String(port));
  await app.getByTestId('tcp-client-local-port').fill(String(port));
  await app.getByTestId('dialog-submit').click();
  await expect(app.getByTestId('session-state')).toHaveAttribute('data-state', 'connected');
  const notice = app.getByTestId('session-self-connect');
  await expect(notice).toContainText(`Connected to itself: local and remote are both 127.0.0.1:${port}.`);
  await app.getByTestId('language-toggle').click();
  await expect(notice).toContainText('连接到了自己');
  await app.getByTestId('language-toggle').click();
  // The local port is not remembered: one click must not repeat the self-connect (or EADDRINUSE).
  await app.getByTestId('new-tcp-client').click();
  await expect(app.getByTestId('tcp-client-port')).toHaveValue(String(port));
  await expect(app.getByTestId('tcp-client-local-port')).toHaveValue('');
  await app.getByTestId('dialog-cancel').click();
});

/** A listener on `port` that counts the connections it accepts. */
async function countingListener(port: number): Promise<{ server: net.Server; accepted: () => number }> {
  let count = 0;
  const server = net.createServer((s) => {
    count += 1;
    s.destroy();
  });
  await new Promise<void>((resolve) => server.listen(port, '127.0.0.1', resolve));
  return { server, accepted: () => count };
}

async function reconnectingClient(app: Page, port: number): Promise<void> {
  await app.getByTestId('new-tcp-client').click();
  await app.getByTestId('tcp-client-host').fill('127.0.0.1');
  await app.getByTestId('tcp-client-port').fill(String(port));
  await app.getByTestId('tcp-client-reconnect').fill('500');
  await app.getByTestId('dialog-submit').click();
  await expect(app.getByTestId('session-state')).toHaveAttribute('data-state', 'reconnecting');
  await expect(app.getByTestId('session-reconnecting')).toContainText(/Reconnecting: attempt \d+ in 500 ms/);
}

test('a reconnecting TCP client says so, and Stop reconnecting leaves it closed for good', async ({
  app,
}) => {
  const port = await closedTcpPort();
  await reconnectingClient(app, port);
  await expect(app.getByTestId('session-state')).toHaveText('Reconnecting');
  await app.getByTestId('language-toggle').click();
  await expect(app.getByTestId('session-reconnecting')).toContainText('等待重连');
  await app.getByTestId('language-toggle').click();
  await app.getByTestId('action-stop-reconnecting').click();
  await expect(app.getByTestId('session-state')).toHaveAttribute('data-state', 'closed');
  await expect(app.getByTestId('session-reconnecting')).toHaveCount(0);
  const { server, accepted } = await countingListener(port);
  try {
    await app.waitForTimeout(1500);
    expect(accepted()).toBe(0);
    await expect(app.getByTestId('session-state')).toHaveAttribute('data-state', 'closed');
  } finally {
    await new Promise<void>((resolve) => server.close(() => resolve()));
  }
});

test('Remove on a reconnecting TCP client: gone from the list, and it never connects afterwards', async ({
  app,
}) => {
  const port = await closedTcpPort();
  await reconnectingClient(app, port);
  // Well into its retries: a later attempt than the first is scheduled.
  await expect(app.getByTestId('session-reconnecting')).toContainText(/attempt ([3-9]|\d{2,}) in 500 ms/);
  await app.getByTestId('action-remove').click();
  await expect(app.getByTestId('session-item')).toHaveCount(0);
  const { server, accepted } = await countingListener(port);
  try {
    await app.waitForTimeout(2000);
    expect(accepted()).toBe(0);
    await expect(app.getByTestId('session-item')).toHaveCount(0);
  } finally {
    await new Promise<void>((resolve) => server.close(() => resolve()));
  }
  // "Remove closed" takes a reconnecting client too.
  await reconnectingClient(app, port);
  await app.getByTestId('sidebar-remove-closed').click();
  await expect(app.getByTestId('session-item')).toHaveCount(0);
});

test('a UDP send error clears after a later success, can be dismissed, and stays in the lifecycle', async ({
  app,
}) => {
  await openUdp(app);
  const closed = await closedTcpPort();
  const receiver = dgram.createSocket('udp4');
  await new Promise<void>((resolve) => receiver.bind(0, '127.0.0.1', resolve));
  try {
    await app.getByTestId('composer-connect').check();
    await app.getByTestId('composer-host').fill('127.0.0.1');
    await app.getByTestId('composer-port').fill(String(closed));
    await typeInComposer(app, 'anyone?');
    await app.getByTestId('composer-send').click();
    await expect(app.getByTestId('session-error')).toHaveAttribute('data-code', 'ECONNREFUSED');
    // Dismissed, it is hidden, and comes back only with a new error.
    await app.getByTestId('session-error-dismiss').click();
    await expect(app.getByTestId('session-error')).toHaveCount(0);
    await app.getByTestId('composer-send').click();
    await expect(app.getByTestId('session-error')).toBeVisible();

    await app.getByTestId('composer-connect').uncheck();
    await app.getByTestId('composer-port').fill(String(receiver.address().port));
    await typeInComposer(app, 'hello world');
    await app.getByTestId('composer-send').click();
    await expect(app.getByTestId('composer-sent')).toHaveText('Sent 11 bytes.');
    await expect(app.getByTestId('session-error')).toHaveCount(0);
    await app.getByTestId('tab-timeline').click();
    await expect(app.getByTestId('timeline')).toContainText('ECONNREFUSED');
  } finally {
    receiver.close();
  }
});

test('the composer converts between Text and Hex, and an edit clears the last confirmation', async ({
  app,
}) => {
  await openUdp(app);
  const mode = app.getByTestId('composer-mode');
  const input = app.getByTestId('composer-input');
  await typeInComposer(app, '你好');
  await mode.selectOption('hex');
  await expect(input).toHaveValue('E4 BD A0 E5 A5 BD');
  await expect(app.getByTestId('composer-problem')).toHaveCount(0);
  await mode.selectOption('text');
  await expect(input).toHaveValue('你好');

  await mode.selectOption('hex');
  await input.fill('48 65 6C 6C 6F');
  await mode.selectOption('text');
  await expect(input).toHaveValue('Hello');
  await expect(app.getByTestId('composer-preview')).toContainText('5 bytes');
  // Undo gives back exactly what was typed.
  await app.getByTestId('composer-conversion-action').click();
  await expect(input).toHaveValue('48 65 6C 6C 6F');
  await expect(mode).toHaveValue('hex');

  // Bytes that are not text stay hex, with the reason.
  await input.fill('48 FF');
  await mode.selectOption('text');
  await expect(mode).toHaveValue('hex');
  await expect(app.getByTestId('composer-conversion')).toHaveAttribute('data-ok', 'false');
  await expect(input).toHaveValue('48 FF');

  // A confirmation belongs to the send it confirms.
  const receiver = dgram.createSocket('udp4');
  await new Promise<void>((resolve) => receiver.bind(0, '127.0.0.1', resolve));
  try {
    await app.getByTestId('composer-host').fill('127.0.0.1');
    await app.getByTestId('composer-port').fill(String(receiver.address().port));
    await app.getByTestId('composer-send').click();
    await expect(app.getByTestId('composer-sent')).toHaveText('Sent 2 bytes.');
    await input.fill('48 Z');
    await expect(app.getByTestId('composer-problem')).toBeVisible();
    await expect(app.getByTestId('composer-sent')).toHaveCount(0);
  } finally {
    receiver.close();
  }
});

test('closed sessions are removed at once; exports are named after the session', async ({ app }) => {
  const udpPort = await openUdp(app);
  const port = await closedTcpPort();
  for (let i = 0; i < 3; i += 1) {
    await connectTcp(app, '127.0.0.1', port);
    await expect(app.getByTestId('session-state')).toHaveAttribute('data-state', 'failed');
  }
  await expect(app.getByTestId('session-item')).toHaveCount(4);
  await app.getByTestId('sidebar-remove-closed').click();
  await expect(app.getByTestId('session-item')).toHaveCount(1);
  await expect(app.getByTestId('sidebar-remove-closed')).toHaveCount(0);

  await app.getByTestId('session-item').click();
  // Something to export: a datagram to itself.
  await app.getByTestId('composer-host').fill('127.0.0.1');
  await app.getByTestId('composer-port').fill(String(udpPort));
  await send(app, 'ping');
  await expect(logRows(app, 'in')).toHaveCount(1);
  const downloading = app.waitForEvent('download');
  await app.getByTestId('log-export').selectOption('csv');
  const download = await downloading;
  expect(download.suggestedFilename()).toMatch(
    new RegExp(`^udp-127\\.0\\.0\\.1-${udpPort}-\\d{8}-\\d{6}\\.csv$`),
  );
});
