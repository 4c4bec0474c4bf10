import { execFileSync } from 'node:child_process';
import { readFileSync } from 'node:fs';
import type { Page } from '@playwright/test';
import { canMakeTestHosts, makeTestHost } from '../test/helpers/netns';
import { Peer } from '../test/helpers/peer';
import { expect, hexOf, test } from './support/fixtures';
import { startWebShell } from './support/web-shell';
import { flood } from './support/flood';
import { whileProgressing } from './support/progress';
import { logRows, openUdp } from './support/ui';

/** Open an unbound UDP socket: the OS binds it on the first send. */
async function openUnboundUdp(page: Page): Promise<void> {
  await page.getByTestId('new-udp').click();
  await page.getByTestId('udp-bind-mode').selectOption('unbound');
  await page.getByTestId('dialog-submit').click();
  await expect(page.getByTestId('session-state')).toHaveAttribute('data-state', 'idle');
}

async function sendTo(page: Page, host: string, port: number | string, text: string): Promise<void> {
  await page.getByTestId('composer-host').fill(host);
  await page.getByTestId('composer-port').fill(String(port));
  await page.getByTestId('composer-input').fill(text);
  await page.getByTestId('composer-send').click();
}

/** The message on screen, first in English, then (after the language switch) in Chinese. */
async function expectInBothLanguages(
  page: Page,
  testId: string,
  code: string,
  en: string | RegExp,
  zh: string | RegExp,
) {
  const notice = page.getByTestId(testId);
  await expect(notice).toHaveAttribute('data-code', code);
  await expect(notice).toContainText(en);
  await page.getByTestId('language-toggle').click();
  await expect(notice).toContainText(zh);
  await page.getByTestId('language-toggle').click();
  await expect(notice).toContainText(en);
}

test("an unbound endpoint’s first datagram reaches a Python bind(('', port)) receiver, from the port the panel shows", async ({
  app,
  peer,
}) => {
  const receiver = peer('udp_recv.py', ['--host', '0.0.0.0']);
  const [, port] = await receiver.line('READY');
  await openUnboundUdp(app);
  await expect(app.getByTestId('session-local')).toContainText(/not bound/);

  await sendTo(app, '127.0.0.1', port ?? '', 'hi from an unbound socket');
  const [, , fromPort, hex] = await receiver.line('RECV');
  expect(hex).toBe(hexOf('hi from an unbound socket'));
  await expect(app.getByTestId('session-state')).toHaveAttribute('data-state', 'bound');
  await expect(app.getByTestId('session-local')).toHaveText(`0.0.0.0:${fromPort}`);
  await app.getByTestId('tab-timeline').click();
  await expect(app.getByTestId('timeline-step').filter({ hasText: 'bound implicitly' })).toContainText(
    `0.0.0.0:${fromPort}`,
  );
});

test('chat with one peer, both directions live, and a log filtered to that peer', async ({ app, peer }) => {
  const port = await openUdp(app, '127.0.0.1', '0');
  // Two senders: the chat partner, and another that should be filtered out.
  const partner = peer('udp_send.py', ['127.0.0.1', String(port), hexOf('你好，我是 A'), '--replies', '2']);
  const other = peer('udp_send.py', [
    '127.0.0.1',
    String(port),
    hexOf('noise from B'),
    '--count',
    '3',
    '--replies',
    '0',
  ]);
  const [, , partnerPort] = await partner.line('LOCAL');
  const [, , otherPort] = await other.line('LOCAL');
  await expect(logRows(app, 'in')).toHaveCount(4);

  // Peer list with exact counters; filter the log to the partner.
  const partnerRow = app.getByTestId('peer-row').and(app.locator(`[data-peer="127.0.0.1:${partnerPort}"]`));
  const otherRow = app.getByTestId('peer-row').and(app.locator(`[data-peer="127.0.0.1:${otherPort}"]`));
  await expect(otherRow).toContainText('3');
  await partnerRow.getByTestId('peer-filter').click();
  await expect(logRows(app)).toHaveCount(1);
  await expect(logRows(app).getByTestId('log-peer')).toHaveText(`127.0.0.1:${partnerPort}`);
  await app.getByTestId('log-filter-clear').click();
  await expect(logRows(app)).toHaveCount(4);

  // Chat: the partner's message, our two answers, each of which the partner receives.
  await partnerRow.getByTestId('peer-chat').click();
  const messages = app.getByTestId('chat-message');
  await expect(messages.filter({ hasText: '你好，我是 A' })).toHaveAttribute('data-dir', 'in');
  await app.getByTestId('chat-input').fill('hello A');
  await app.getByTestId('chat-input').press('Enter');
  await app.getByTestId('chat-input').fill('second line');
  await app.getByTestId('chat-send').click();
  const replies = await partner.count('RECV', 2);
  expect(replies.map((r) => r[3])).toEqual([hexOf('hello A'), hexOf('second line')]);
  await expect(messages).toHaveCount(3);
  await expect(messages.last()).toHaveAttribute('data-dir', 'out');
  await expect(messages.filter({ hasText: 'noise' })).toHaveCount(0);
});

/** The kernel's own view of a UDP socket's receive buffer: `ss -m` prints skmem:(r0,rb<bytes>,…). */
function kernelReceiveBuffer(port: number): number {
  const out = execFileSync('ss', ['-uanm', `sport = :${port}`], { encoding: 'utf8' });
  return Number(/\brb(\d+)/.exec(out)?.[1]);
}

test('the receive buffer the panel shows is the one the kernel holds, and choosing another changes it', async ({
  app,
}) => {
  test.skip(process.platform !== 'linux', 'reads the kernel’s view with ss');
  // Linux caps the request at net.core.rmem_max, then doubles it for its bookkeeping.
  const rmemMax = Number(readFileSync('/proc/sys/net/core/rmem_max', 'utf8'));
  const expected = (asked: number): number => 2 * Math.min(asked, rmemMax);
  const port = await openUdp(app, '127.0.0.1', '0');
  await app.getByTestId('udp-options-toggle').click();
  await expect(app.getByTestId('udp-rcvbuf')).toHaveValue(String(4 * 1024 * 1024));
  const granted = app.getByTestId('udp-rcvbuf-granted');
  await expect(granted).toHaveAttribute('data-bytes', String(expected(4 * 1024 * 1024)));
  expect(kernelReceiveBuffer(port)).toBe(expected(4 * 1024 * 1024));

  await app.getByTestId('udp-rcvbuf').selectOption(String(1024 * 1024));
  await expect(granted).toHaveAttribute('data-bytes', String(expected(1024 * 1024)));
  expect(kernelReceiveBuffer(port)).toBe(expected(1024 * 1024));
  await expect(granted).toHaveText(rmemMax >= 1024 * 1024 ? 'granted 2 MiB' : /^capped at /);
});

test('a flood into a 4 KiB receive buffer: the OS drops datagrams, and received + lost in OS = sent, exactly', async ({
  app,
}) => {
  test.skip(process.platform !== 'linux', 'the kernel’s drop count is read from /proc/net/udp');
  const port = await openUdp(app, '127.0.0.1', '0');
  await expect(app.getByTestId('counter-os-drops')).toHaveText('0');
  await expect(app.getByTestId('counter-os-drops').locator('..')).not.toHaveClass(/warn/);
  await app.getByTestId('udp-options-toggle').click();
  await app.getByTestId('udp-rcvbuf').selectOption('4096');
  await expect(app.getByTestId('udp-rcvbuf-granted')).toHaveAttribute('data-bytes', /^\d+$/);

  const sent = await flood(['udp', '127.0.0.1', String(port), '--count', '3000', '--chunk', '512']);
  const number = async (id: string): Promise<number> =>
    Number(((await app.getByTestId(id).textContent()) ?? '').replace(/,/g, ''));
  // However long a busy machine takes to count them, as long as the count moves.
  const settled = await whileProgressing(
    async () => (await number('counter-messages-in')) + (await number('counter-os-drops')),
    (total) => total >= sent.messages,
    { what: 'datagrams received + lost in OS' },
  );
  expect(settled).toBe(sent.messages);
  expect(await number('counter-os-drops')).toBeGreaterThan(0);
  await expect(app.getByTestId('counter-os-drops').locator('..')).toHaveClass(/warn/);
});

test.describe('multicast', () => {
  test.skip(!canMakeTestHosts(), 'needs root and iproute2 to make a test host (network namespace)');

  test('an endpoint that joined a group receives what a Python host sends to it', async ({
    app,
    peer: _peer,
  }) => {
    const host = makeTestHost();
    try {
      const port = await openUdp(app, '0.0.0.0', '0');
      await app.getByTestId('udp-options-toggle').click();
      await app.getByTestId('udp-group').fill('239.77.3.4');
      await app.getByTestId('udp-group-interface').selectOption(host.localAddress);
      await app.getByTestId('udp-join').click();
      await expect(app.getByTestId('udp-joined-group')).toHaveAttribute('data-group', '239.77.3.4');
      await expect(app.getByTestId('udp-options-summary')).toHaveText('multicast groups: 1');

      const sender = new Peer(
        'udp_multicast_send.py',
        ['239.77.3.4', String(port), host.hostAddress, hexOf('group news')],
        host.exec,
      );
      try {
        await sender.line('SENT');
        const row = logRows(app, 'in').first();
        await expect(row.getByTestId('log-data')).toHaveText('group news');
        await expect(row.getByTestId('log-peer')).toContainText(host.hostAddress);
      } finally {
        await sender.kill();
      }
    } finally {
      host.remove();
    }
  });
});

test.describe('errors a user can cause, in English and Chinese', () => {
  test('port out of range, port in use, address not local', async ({ app, peer }) => {
    await app.getByTestId('new-udp').click();
    await app.getByTestId('udp-local-address').fill('127.0.0.1');
    await app.getByTestId('udp-local-port').fill('70000');
    await app.getByTestId('dialog-submit').click();
    await expectInBothLanguages(app, 'dialog-error', 'BAD_PORT', '0 to 65535', '0 到 65535');

    const taken = peer('udp_recv.py', ['--host', '127.0.0.1']);
    const [, takenPort] = await taken.line('READY');
    await app.getByTestId('udp-local-port').fill(takenPort ?? '');
    await app.getByTestId('dialog-submit').click();
    await expectInBothLanguages(
      app,
      'dialog-error',
      'EADDRINUSE',
      `Port ${takenPort} is already in use`,
      '已被占用',
    );

    await app.getByTestId('udp-local-address').fill('192.0.2.77');
    await app.getByTestId('udp-local-port').fill('0');
    await app.getByTestId('dialog-submit').click();
    await expectInBothLanguages(
      app,
      'dialog-error',
      'EADDRNOTAVAIL',
      'not an address of this machine',
      '不是本机的地址',
    );
    // Nothing typed was lost.
    await expect(app.getByTestId('udp-local-address')).toHaveValue('192.0.2.77');
  });

  test('unknown host, datagram too large, destination refused; the endpoint keeps working', async ({
    app,
    peer,
  }) => {
    await openUdp(app, '127.0.0.1', '0');
    await sendTo(app, 'no-such-host.invalid', 9, 'x');
    await expectInBothLanguages(app, 'composer-error', 'ENOTFOUND', 'not found', '找不到主机');

    await app.getByTestId('composer-mode').selectOption('text');
    // Too big for one datagram: said before Send, with Send off (no EMSGSIZE round trip).
    await app.getByTestId('composer-host').fill('127.0.0.1');
    await app.getByTestId('composer-port').fill('9');
    await app.getByTestId('composer-input').fill('x'.repeat(70_000));
    const tooBig = app.getByTestId('composer-blocked');
    await expect(tooBig).toHaveAttribute('data-reason', 'too-big');
    await expect(tooBig).toContainText('70,000 bytes');
    await expect(app.getByTestId('composer-send')).toBeDisabled();
    await app.getByTestId('language-toggle').click();
    await expect(tooBig).toContainText('超出一个 UDP 数据报的容量');
    await app.getByTestId('language-toggle').click();

    // A port nobody listens on, with connect(): the ICMP "port unreachable" comes back.
    const gone = peer('udp_recv.py', ['--timeout', '0.5']);
    const [, closedPort] = await gone.line('READY');
    await gone.exit();
    await app.getByTestId('composer-connect').check();
    await sendTo(app, '127.0.0.1', closedPort ?? '', 'anyone?');
    await expectInBothLanguages(
      app,
      'session-error',
      'ECONNREFUSED',
      `127.0.0.1:${closedPort}`,
      '连接被拒绝',
    );

    // Still usable.
    await app.getByTestId('composer-connect').uncheck();
    const receiver = peer('udp_recv.py', []);
    const [, port] = await receiver.line('READY');
    await sendTo(app, '127.0.0.1', port ?? '', 'still here');
    expect((await receiver.line('RECV'))[3]).toBe(hexOf('still here'));
  });

  test('a privileged port without permission', async ({ browser }) => {
    // As root every port is allowed, so the shell for this test runs as an unprivileged user.
    const shell = await startWebShell({ unprivileged: true });
    const page = await browser.newPage();
    try {
      await page.goto(shell.url);
      await page.getByTestId('new-udp').click();
      await page.getByTestId('udp-local-address').fill('127.0.0.1');
      await page.getByTestId('udp-local-port').fill('80');
      await page.getByTestId('dialog-submit').click();
      await expectInBothLanguages(page, 'dialog-error', 'EACCES', 'below 1024', '1024 以下');
    } finally {
      await page.close();
      await shell.stop();
    }
  });
});
