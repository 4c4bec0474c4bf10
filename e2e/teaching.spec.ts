import type { Locator, Page } from '@playwright/test';
import { expect, hexOf, test } from './support/fixtures';
import { openTcpServer, openUdp } from './support/ui';

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

  await app.getByTestId('code-encoding').selectOption('gbk');
  await app.getByTestId('code-message').fill('温度');
  await expect(code).toContainText("send_data = '温度'");
  await expect(code).toContainText("send_data.encode('gbk')");
  await app.getByTestId('code-language-node').click();
  await expect(app.getByTestId('code-view')).toHaveAttribute('data-language', 'node');
  await expect(code).toContainText("dgram.createSocket('udp4')");
  await expect(code).toContainText(`udpSocket.bind(${port}, '0.0.0.0'`);
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
  const busy = peer('tcp_server.py', ['--timeout', '20']);
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
});
