import { createConnection, type Socket } from 'node:net';
import type { Locator, Page } from '@playwright/test';
import { expect, hexOf, test } from './support/fixtures';
import { connectTcp, openTcpServer, openUdp, send } from './support/ui';
import { closedTcpPort, type Peer, type PeerScript } from '../test/helpers/peer';

/**
 * The teaching layer, driven like a student would: the code a session
 * stands for, its lifecycle step by step, errors explained, and the network
 * view. Peers are the course-style Python programs in e2e/peers.
 */

/** data-step of every lifecycle step, in screen order. */
const stepsOf = (timeline: Locator): Promise<string[]> =>
  timeline
    .getByTestId('timeline-step')
    .evaluateAll((els) => els.map((e) => e.getAttribute('data-step') ?? ''));

/** `expected` appears in `actual` in this order (other steps may sit between). */
function inOrder(actual: string[], expected: string[]): boolean {
  let i = 0;
  for (const step of actual) if (step === expected[i]) i += 1;
  return i === expected.length;
}

async function useLanguage(page: Page, language: 'en' | 'zh-CN'): Promise<void> {
  const zh = (await page.locator('html').getAttribute('lang'))?.startsWith('zh') ?? false;
  if (zh !== (language === 'zh-CN')) await page.getByTestId('language-toggle').click();
}

test('the code tab shows the session as a course-style Python program and as Node.js', async ({ app }) => {
  const port = await openUdp(app, '0.0.0.0', '0');
  await app.getByTestId('composer-host').fill('127.0.0.1');
  await app.getByTestId('composer-port').fill('8080');
  await app.getByTestId('tab-code').click();
  const code = app.getByTestId('code-text');
  await expect(code).toContainText('from socket import *');
  await expect(code).toContainText('udp_socket = socket(AF_INET, SOCK_DGRAM)');
  await expect(code).toContainText(`local_addr = ('', ${port})`);
  await expect(code).toContainText("dest_addr = ('127.0.0.1', 8080)");
  await expect(code).toContainText('recvfrom(1024)');

  // The program sends what the send box holds, encoded as the send box encodes.
  await app.getByTestId('composer-encoding').selectOption('gbk');
  await app.getByTestId('composer-input').fill('温度');
  await expect(code).toContainText("send_data = '温度'");
  await expect(code).toContainText("send_data.encode('gbk')");
  await app.getByTestId('code-language-node').click();
  await expect(app.getByTestId('code-view')).toHaveAttribute('data-language', 'node');
  await expect(code).toContainText("dgram.createSocket('udp4')");
  await expect(code).toContainText(`udpSocket.bind(${port}, '0.0.0.0'`);
});

/** A TCP client session connected to a Python echo server. */
async function connectToEcho(app: Page, peer: (script: PeerScript, args: string[]) => Peer): Promise<void> {
  const server = peer('tcp_server.py', ['--echo']);
  const [, port] = await server.line('READY');
  await connectTcp(app, '127.0.0.1', Number(port));
  await expect(app.getByTestId('session-state')).toHaveAttribute('data-state', 'connected');
}

test('a TCP client’s Code tab follows its send box: text and encoding; decode() follows the log view', async ({
  app,
  peer,
}) => {
  await connectToEcho(app, peer);
  await app.getByTestId('composer-encoding').selectOption('gbk');
  await app.getByTestId('composer-input').fill('你好 gbk');
  await app.getByTestId('tab-code').click();
  const code = app.getByTestId('code-text');
  await expect(code).toContainText("send_data = '你好 gbk'");
  await expect(code).toContainText("tcp_client_socket.send(send_data.encode('gbk'))");
  // One recv(1024), then close: the course's client, which ends although the echo server stays open.
  await expect(code).toContainText('recv_data = tcp_client_socket.recv(1024)');
  await expect(code).not.toContainText('while True');
  await expect(app.getByTestId('code-codecs')).toHaveAttribute('data-decoding', 'utf-8');
  await app.getByTestId('tab-log').click();
  await app.getByTestId('log-view-mode').selectOption('gbk');
  await app.getByTestId('tab-code').click();
  await expect(code).toContainText("print(recv_data.decode('gbk'))");
  await expect(app.getByTestId('code-codecs')).toHaveAttribute('data-decoding', 'gbk');
  await expect(app.getByTestId('code-example')).toHaveCount(0);
  await app.getByTestId('composer-input').fill('');
  await expect(app.getByTestId('code-example')).toBeVisible();
  await useLanguage(app, 'zh-CN');
  await expect(app.getByTestId('code-codecs')).toContainText('与发送框一致');
  await useLanguage(app, 'en');
});

test('with the log view in hex, the Code tab’s program prints hex, which any bytes survive', async ({
  app,
  peer,
}) => {
  await connectToEcho(app, peer);
  await app.getByTestId('log-view-mode').selectOption('hex');
  await app.getByTestId('tab-code').click();
  const code = app.getByTestId('code-text');
  // decode() would raise UnicodeDecodeError on a reply such as FF 00 41 42 43.
  await expect(code).toContainText("print(recv_data.hex(' ').upper())");
  await expect(code).not.toContainText('recv_data.decode(');
  await expect(app.getByTestId('code-codecs')).toHaveAttribute('data-decoding', 'hex');
  await expect(app.getByTestId('code-codecs')).toContainText('received bytes printed in hex');
  await app.getByTestId('code-language-node').click();
  await expect(code).toContainText(
    "Array.from(recvData, (b) => b.toString(16).padStart(2, '0').toUpperCase()).join(' ')",
  );
});

test('a client reconnecting to a closed port: the reconnect step is named, identical failures fold', async ({
  app,
}) => {
  const port = await closedTcpPort();
  await app.getByTestId('new-tcp-client').click();
  await app.getByTestId('tcp-client-host').fill('127.0.0.1');
  await app.getByTestId('tcp-client-port').fill(String(port));
  await app.getByTestId('tcp-client-reconnect').fill('300');
  await app.getByTestId('dialog-submit').click();
  await app.getByTestId('tab-timeline').click();
  const timeline = app.getByTestId('timeline');
  const retry = timeline.locator('[data-step="retry"]');
  await expect
    .poll(async () => Number(await retry.getAttribute('data-count', { timeout: 1000 }).catch(() => 0)))
    .toBeGreaterThanOrEqual(3);
  await expect(retry).toHaveCount(1);
  await expect(retry).toHaveAttribute('data-code', 'ECONNREFUSED');
  for (const [language, text] of [
    ['en', /reconnect × \d+: connect\(\('127\.0\.0\.1', \d+\)\) failed the same way each time/],
    ['zh-CN', /重新连接 × \d+：每次 connect/],
  ] as const) {
    await useLanguage(app, language);
    await expect(retry).toContainText(text);
    await expect(timeline).not.toContainText('timeline.');
    // The explanation once, with the first failure; not once per attempt.
    await expect(timeline.getByTestId('error-explain')).toHaveCount(1);
  }
  await useLanguage(app, 'en');
  // A failed session offers Remove, which also ends the retries.
  await app.getByTestId('action-remove').click();
});

test('counts read right: "1 byte", never "1 bytes", in the composer and the lifecycle', async ({
  app,
  peer,
}) => {
  await connectToEcho(app, peer);
  await app.getByTestId('composer-mode').selectOption('hex');
  await app.getByTestId('composer-input').fill('0A');
  await expect(app.getByTestId('composer-preview')).toHaveText('1 byte: 0A');
  await send(app, '0A');
  await expect(app.getByTestId('composer-sent')).toHaveText('Sent 1 byte.');
  await expect(app.getByTestId('counter-bytes-in')).toHaveText('1');
  await app.getByTestId('tab-timeline').click();
  await expect(app.getByTestId('timeline').locator('[data-step="receive"]')).toContainText(
    /recv\(\) × 1: 1 byte received from/,
  );
  await app.getByTestId('composer-input').fill('0A 0B');
  await expect(app.getByTestId('composer-preview')).toHaveText('2 bytes: 0A 0B');
});

test('auto-reply shows as the app’s own step, translated; GBK refuses € as Python does', async ({ app }) => {
  await openUdp(app, '127.0.0.1', '0');
  await app.getByTestId('auto-reply-toggle').click();
  await app.getByTestId('auto-reply-echo').check();
  await app.getByTestId('auto-reply-apply').click();
  await expect(app.getByTestId('auto-reply-applied')).toBeVisible();
  await app.getByTestId('tab-timeline').click();
  const step = app.getByTestId('timeline').locator('[data-step="auto-reply"]');
  await expect(step).toContainText('Workbench feature, not a socket call: echo on, and 0 auto-reply rules');
  await useLanguage(app, 'zh-CN');
  await expect(step).toContainText('工作台功能，不是套接字调用：回显开启');
  await expect(app.getByTestId('timeline')).not.toContainText('setsockopt');
  await useLanguage(app, 'en');

  await app.getByTestId('composer-encoding').selectOption('gbk');
  await app.getByTestId('composer-input').fill('价格 €5');
  const problem = app.getByTestId('composer-problem');
  await expect(problem).toHaveAttribute('data-kind', 'unencodable');
  await expect(problem).toHaveAttribute('data-index', '3');
  await expect(problem).toContainText('"€" (U+20AC) at character 4 cannot be written in GBK.');
  await expect(problem).toContainText('GB18030 can write it');
  await app.getByTestId('composer-encoding').selectOption('gb18030');
  await expect(problem).toHaveCount(0);
});

test('the TCP server header and dialog say backlog in Chinese', async ({ app }) => {
  await useLanguage(app, 'zh-CN');
  await app.getByTestId('new-tcp-server').click();
  await expect(app.getByTestId('dialog-new-session')).toContainText('等待队列长度（backlog）');
  await app.getByTestId('dialog-cancel').click();
  await openTcpServer(app, '127.0.0.1', '0');
  await expect(app.getByTestId('session-view')).toContainText('等待队列');
  await expect(app.getByTestId('session-view')).not.toContainText('Backlog');
  await useLanguage(app, 'en');
});

test('the lifecycle of a TCP server: a client connects, sends and closes, in that order', async ({
  app,
  peer,
}) => {
  const port = await openTcpServer(app, '127.0.0.1', '0');
  const client = peer('tcp_client.py', [
    '127.0.0.1',
    String(port),
    '--send',
    hexOf('hello 你好'),
    '--then',
    'close',
  ]);
  await client.line('DONE');
  await app.getByTestId('tab-timeline').click();
  const timeline = app.getByTestId('timeline');
  const expected = ['create', 'bind', 'listen', 'accept', 'receive', 'peer-half-close', 'close'];
  await expect
    .poll(async () => inOrder(await stepsOf(timeline), expected), { message: 'steps in order' })
    .toBe(true);
  const receive = timeline.locator('[data-step="receive"]').first();
  await expect(receive).toHaveAttribute('data-bytes', String(Buffer.byteLength('hello 你好')));
  await expect(receive).toContainText('recv()');
  await expect(timeline.locator('[data-step="listen"]')).toContainText('listen(128)');
});

test('many datagrams fold into one lifecycle step', async ({ app, peer }) => {
  const port = await openUdp(app, '127.0.0.1', '0');
  const sender = peer('udp_send.py', [
    '127.0.0.1',
    String(port),
    hexOf('tick'),
    '--count',
    '25',
    '--replies',
    '0',
  ]);
  await sender.line('DONE');
  await expect(app.getByTestId('counter-messages-in')).toHaveText('25');
  await app.getByTestId('tab-timeline').click();
  const receive = app.getByTestId('timeline').locator('[data-step="receive"]');
  await expect(receive).toHaveCount(1);
  await expect(receive).toHaveAttribute('data-count', '25');
  await expect(receive).toHaveAttribute('data-bytes', '100');
  await expect(receive).toContainText('recvfrom() × 25: 100 bytes');
});

test('EADDRINUSE is explained, with what to try next, in English and in Chinese', async ({ app, peer }) => {
  const busy = peer('tcp_server.py', []);
  const [, busyPort] = await busy.line('READY');
  for (const [language, what, next] of [
    ['en', 'Another socket already has this address and port bound', 'What to try next:'],
    ['zh-CN', '这个地址和端口已经被另一个套接字绑定了', '接下来可以：'],
  ] as const) {
    await useLanguage(app, language);
    await app.getByTestId('new-tcp-server').click();
    await app.getByTestId('tcp-server-address').fill('127.0.0.1');
    await app.getByTestId('tcp-server-port').fill(busyPort ?? '');
    await app.getByTestId('dialog-submit').click();
    const explain = app.getByTestId('dialog-error').getByTestId('error-explain');
    await expect(explain).toHaveAttribute('data-code', 'EADDRINUSE');
    await expect(explain).toContainText(what);
    await expect(explain).toContainText(next);
    await app.getByTestId('dialog-cancel').click();
  }
});

test('the network view lists the loopback interface and a port this test opened, with its owner', async ({
  app,
}) => {
  const port = await openTcpServer(app, '127.0.0.1', '0');
  await app.getByTestId('nav-network').click();
  await expect(app.getByTestId('network-view')).toBeVisible();
  const loopback = app.getByTestId('interface-row').and(app.locator('[data-address="127.0.0.1"]'));
  await expect(loopback).toHaveAttribute('data-internal', 'true');
  await expect(loopback).toContainText('127.0.0.1/8');

  await app.getByTestId('ports-filter').fill(String(port));
  const row = app.getByTestId('port-row').and(app.locator(`[data-port="${port}"][data-protocol="tcp"]`));
  await expect(row).toHaveAttribute('data-state', 'LISTEN');
  await expect(row).toContainText('127.0.0.1');
  await expect(row).toContainText(/node|MainThread|\(\d+\)/);

  // The port is taken for TCP (our server has it) and free for UDP.
  await app.getByTestId('port-check-address').selectOption('127.0.0.1');
  await app.getByTestId('port-check-input').fill(String(port));
  await app.getByTestId('port-check-button').click();
  const check = app.getByTestId('port-check-result');
  await expect(check).toHaveAttribute('data-tcp', 'used');
  await expect(check).toHaveAttribute('data-udp', 'free');
  await expect(app.getByTestId('network-ports').getByTestId('error-explain')).toHaveAttribute(
    'data-code',
    'EADDRINUSE',
  );

  // A session picked in the list leaves the network view.
  await app.getByTestId('session-item').first().click();
  await expect(app.getByTestId('network-view')).toBeHidden();
  await expect(app.getByTestId('session-view')).toBeVisible();
});

test('the address analyser classifies the course’s eight addresses', async ({ app }) => {
  await app.getByTestId('nav-network').click();
  const input = app.getByTestId('ip-input');
  const result = app.getByTestId('ip-result');
  for (const [address, version, ipClass, scope, label] of [
    ['10.1.2.3', '4', 'A', 'private', 'Private'],
    ['172.16.0.1', '4', 'B', 'private', 'Private'],
    ['192.168.1.1', '4', 'C', 'private', 'Private'],
    ['224.0.0.251', '4', 'D', 'multicast', 'Multicast'],
    ['127.0.0.1', '4', 'A', 'loopback', 'Loopback'],
    ['169.254.1.1', '4', 'B', 'link-local', 'Link-local'],
    ['fe80::1', '6', '', 'link-local', 'Link-local'],
    ['8.8.8.8', '4', 'A', 'public', 'Public'],
  ] as const) {
    await input.fill(address);
    await expect(result).toHaveAttribute('data-scope', scope);
    await expect(result).toHaveAttribute('data-version', version);
    await expect(result).toHaveAttribute('data-class', ipClass);
    await expect(app.getByTestId('ip-scope')).toHaveText(label);
  }
  await input.fill('192.168.1.10/26');
  await expect(result).toContainText('255.255.255.192');
  await expect(result).toContainText('192.168.1.63');
  await useLanguage(app, 'zh-CN');
  await expect(app.getByTestId('ip-scope')).toHaveText('私有');
  await input.fill('300.1.1.1');
  await expect(app.getByTestId('ip-error')).toHaveAttribute('data-error', 'address');
  await useLanguage(app, 'en');

  // Leading zeros: octal to inet_aton(), decimal to others. Refused, with both readings.
  await input.fill('10.0.010.1');
  await expect(app.getByTestId('ip-error')).toHaveAttribute('data-error', 'leading-zero');
  await expect(app.getByTestId('ip-error')).toContainText('octal (10.0.8.1)');
  await expect(app.getByTestId('ip-error')).toContainText('Write 10.0.10.1');
  // A bare IPv6 address is that one address: ::1 is loopback, /128.
  await input.fill('::1');
  await expect(result).toHaveAttribute('data-scope', 'loopback');
  await expect(result).toContainText('/128');
  await expect(result).not.toContainText('/64');
  await input.fill('2001:db8::/64');
  await expect(result).toContainText('18,446,744,073,709,551,616');
});

test('a server’s lifecycle shows "send to all" as each client’s send(), not as a send to its own port', async ({
  app,
}) => {
  const port = await openTcpServer(app);
  const clients: Socket[] = [];
  try {
    for (let i = 0; i < 2; i += 1) {
      const socket = createConnection({ host: '127.0.0.1', port });
      clients.push(socket);
      await new Promise<void>((resolve) => socket.once('connect', () => resolve()));
    }
    await expect(app.getByTestId('client-row')).toHaveCount(2);
    await send(app, 'all!');
    await expect(app.getByTestId('composer-sent')).toHaveText('Sent to 2 clients.');
    await app.getByTestId('tab-timeline').click();
    const sends = app.locator('[data-testid="timeline-step"][data-step="send"]');
    await expect(sends).toHaveCount(2);
    for (const step of await sends.all()) {
      await expect(step).toHaveAttribute('data-bytes', '4');
      await expect(step).not.toContainText(`:${port}`);
    }
  } finally {
    for (const socket of clients) socket.destroy();
  }
});
