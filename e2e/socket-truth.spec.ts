import type { Page } from '@playwright/test';
import { expect, hexOf, test } from './support/fixtures';
import { connectTcp, openTcpServer, openUdp } from './support/ui';

/**
 * What the app says about a socket is what the OS did: the family a new
 * socket really has, why a send across families fails (in the lifecycle too),
 * IPv6 endpoints written [addr]:port, and what close() did for sockets that
 * have no FIN to send.
 */

/** The app starts in English; the toggle switches to Chinese and back. */
async function useLanguage(page: Page, language: 'en' | 'zh-CN'): Promise<void> {
  await page.getByTestId('language-toggle').click();
  await expect(page.getByTestId('language-toggle')).toHaveText(language === 'zh-CN' ? 'English' : '中文');
}

async function sendTo(page: Page, host: string, port: number | string, text: string): Promise<void> {
  await page.getByTestId('composer-host').fill(host);
  await page.getByTestId('composer-port').fill(String(port));
  await page.getByTestId('composer-input').fill(text);
  await page.getByTestId('composer-send').click();
}

const step = (page: Page, name: string) =>
  page.getByTestId('timeline-step').and(page.locator(`[data-step="${name}"]`));

test('after an IPv6 session, New UDP → Unbound makes the AF_INET socket it says; a send across families is explained, in the lifecycle too', async ({
  app,
  peer,
}) => {
  // Many steps on a shared machine: more time, never a sleep.
  test.setTimeout(120_000);
  // An IPv6 socket: its address is written [::1]:port everywhere.
  const port6 = await openUdp(app, '::1', '0');
  await expect(app.getByTestId('session-local')).toHaveText(`[::1]:${port6}`);
  await expect(app.getByTestId('session-item').filter({ hasText: `[::1]:${port6}` })).toHaveCount(1);
  await app.getByTestId('tab-timeline').click();
  await expect(step(app, 'create')).toContainText('socket(AF_INET6, SOCK_DGRAM)');
  await expect(step(app, 'bind')).toContainText(`bind(): [::1]:${port6}`);

  // An IPv4 destination: not a bare EINVAL, but which family is which and what would work.
  await sendTo(app, '127.0.0.1', 9, 'across families');
  const error = app.getByTestId('composer-error');
  await expect(error).toHaveAttribute('data-code', 'FAMILY_MISMATCH');
  await expect(error).toContainText(
    `This socket is IPv6 ([::1]:${port6}); 127.0.0.1 is an IPv4 address, which it cannot reach. Open an IPv4 socket`,
  );
  const failed = step(app, 'error');
  await expect(failed).toContainText('sendto() to 127.0.0.1:9 failed');
  await expect(failed).toContainText('FAMILY_MISMATCH');
  await expect(failed.getByTestId('error-explain')).toContainText('socket(AF_INET6, …) only IPv6 ones');
  await useLanguage(app, 'zh-CN');
  await expect(failed).toContainText('sendto() 发往 127.0.0.1:9 失败');
  await expect(failed).toContainText(`这个套接字是 IPv6（[::1]:${port6}）；127.0.0.1 是 IPv4 地址`);
  await useLanguage(app, 'en');

  // close(): a UDP socket has no FIN; the notice says what close() did.
  await app.getByTestId('action-close').click();
  const closed = app.getByTestId('session-close-reason');
  await expect(closed).toContainText('close() released the socket and its port');
  await expect(closed).not.toContainText('FIN');
  await useLanguage(app, 'zh-CN');
  await expect(closed).toContainText('close() 释放了套接字及其端口');
  await expect(closed).not.toContainText('FIN');
  await useLanguage(app, 'en');

  // The dialog remembers bind + ::1; Unbound shows the family it will create, not the address's.
  await app.getByTestId('new-udp').click();
  await expect(app.getByTestId('udp-local-address')).toHaveValue('::1');
  await app.getByTestId('udp-bind-mode').selectOption('unbound');
  await expect(app.getByTestId('udp-local-address')).toHaveCount(0);
  await expect(app.getByTestId('udp-family')).toHaveValue('IPv4');
  const lead = app.getByTestId('dialog-lead');
  await expect(lead).toHaveAttribute('data-family', 'AF_INET');
  await expect(lead).toContainText('socket(AF_INET, SOCK_DGRAM)');
  await app.getByTestId('dialog-submit').click();
  await expect(app.getByTestId('session-state')).toHaveAttribute('data-state', 'idle');
  await app.getByTestId('tab-timeline').click();
  await expect(step(app, 'create')).toContainText('socket(AF_INET, SOCK_DGRAM): IPv4 socket created');

  // And it is that socket: an IPv4 destination works.
  const receiver = peer('udp_recv.py', ['--host', '127.0.0.1', '--timeout', '15']);
  const [, port] = await receiver.line('READY');
  await sendTo(app, '127.0.0.1', port ?? '', 'hi over IPv4');
  const [, , fromPort, hex] = await receiver.line('RECV');
  expect(hex).toBe(hexOf('hi over IPv4'));
  await expect(app.getByTestId('session-local')).toHaveText(`0.0.0.0:${fromPort}`);

  // Unbound with IPv6 chosen: the dialog says AF_INET6, the socket is IPv6, the bind reads [::]:port.
  await app.getByTestId('new-udp').click();
  await app.getByTestId('udp-bind-mode').selectOption('unbound');
  await app.getByTestId('udp-family').selectOption('IPv6');
  await expect(lead).toHaveAttribute('data-family', 'AF_INET6');
  await expect(lead).toContainText('socket(AF_INET6, SOCK_DGRAM)');
  await app.getByTestId('dialog-submit').click();
  await expect(app.getByTestId('session-state')).toHaveAttribute('data-state', 'idle');
  const receiver6 = peer('udp_recv.py', ['--host', '::1', '--timeout', '15']);
  const [, port6b] = await receiver6.line('READY');
  await sendTo(app, '::1', port6b ?? '', 'hi over IPv6');
  const [, , from6] = await receiver6.line('RECV');
  await expect(app.getByTestId('session-local')).toHaveText(`[::]:${from6}`);
  await app.getByTestId('tab-timeline').click();
  await expect(
    app.getByTestId('timeline-step').filter({ hasText: 'bound implicitly by the first sendto()' }),
  ).toContainText(`[::]:${from6}`);
});

test('closing a listening server says what close() did: no FIN with no clients; the accepted clients it closed, with theirs', async ({
  app,
}) => {
  test.setTimeout(90_000);
  await openTcpServer(app, '127.0.0.1', '0');
  await app.getByTestId('action-close').click();
  const closed = app.getByTestId('session-close-reason');
  await expect(closed).toContainText('stopped listening and released the port');
  await expect(closed).toContainText('No client was connected.');
  await expect(closed).not.toContainText('FIN');
  await useLanguage(app, 'zh-CN');
  await expect(closed).toContainText('停止监听并释放端口');
  await expect(closed).not.toContainText('FIN');
  await useLanguage(app, 'en');

  // With one accepted client: the app closes it too, with its FIN, and says so.
  const port = await openTcpServer(app, '127.0.0.1', '0');
  const server = app.getByTestId('session-item').and(app.locator('[data-state="listening"]'));
  await connectTcp(app, '127.0.0.1', port);
  await expect(app.getByTestId('session-state')).toHaveAttribute('data-state', 'connected');
  await server.click();
  await expect(app.getByTestId('client-row')).toHaveCount(1);
  await app.getByTestId('action-close').click();
  await expect(closed).toContainText('The app also closed the 1 accepted client, with its own FIN');
});

test('the New TCP client dialog names the family of the address it connects to, and the socket has it', async ({
  app,
  peer,
}) => {
  await app.getByTestId('new-tcp-client').click();
  const lead = app.getByTestId('dialog-lead');
  const host = app.getByTestId('tcp-client-host');
  await host.fill('127.0.0.1');
  await expect(lead).toHaveAttribute('data-family', 'AF_INET');
  await expect(lead).toContainText('socket(AF_INET, SOCK_STREAM)');
  // A name's family is known only once it resolves: the dialog says so rather than guess.
  await host.fill('localhost');
  await expect(lead).toHaveAttribute('data-family', 'by-name');
  await expect(lead).toContainText('AF_INET or AF_INET6, as the name resolves');
  await useLanguage(app, 'zh-CN');
  await expect(lead).toContainText('取决于名字解析的结果');
  await useLanguage(app, 'en');

  const server = peer('tcp_server.py', ['--host', '::1', '--timeout', '30']);
  const [, port] = await server.line('READY');
  await host.fill('::1');
  await expect(lead).toHaveAttribute('data-family', 'AF_INET6');
  await expect(lead).toContainText('socket(AF_INET6, SOCK_STREAM)');
  await app.getByTestId('tcp-client-port').fill(port ?? '');
  await app.getByTestId('dialog-submit').click();
  await expect(app.getByTestId('session-state')).toHaveAttribute('data-state', 'connected');
  await expect(app.getByTestId('session-remote')).toHaveText(`[::1]:${port}`);
  await expect(app.getByTestId('session-local')).toHaveText(/^\[::1\]:\d+$/);
});
