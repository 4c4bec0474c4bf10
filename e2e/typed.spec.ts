import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import type { Page } from '@playwright/test';
import { expect, hexOf, test } from './support/fixtures';
import { openSlowApp } from './support/slow-bridge';
import { openTcpServer, openUdp } from './support/ui';

/**
 * What the user typed is sacred, even when main answers late: an answer never
 * overwrites a field the user touched after it was asked for, and a send's
 * answer never clears what was typed after the send. The web shell's answers
 * are held back while the user types (see openSlowApp), so the order of
 * events is the one a busy machine produces, every time.
 */

/** Connect a first client, so the dialog remembers its port and a 7000 ms timeout; wait until it does. */
async function rememberClient(page: Page, port: string): Promise<void> {
  await page.getByTestId('new-tcp-client').click();
  await page.getByTestId('tcp-client-host').fill('127.0.0.1');
  await page.getByTestId('tcp-client-port').fill(port);
  await page.getByTestId('tcp-client-timeout').fill('7000');
  await page.getByTestId('dialog-submit').click();
  await expect(page.getByTestId('session-state')).toHaveAttribute('data-state', 'connected');
  await page.getByTestId('new-tcp-client').click();
  await expect(page.getByTestId('tcp-client-timeout')).toHaveValue('7000');
  await expect(page.getByTestId('tcp-client-port')).toHaveValue(port);
  await page.getByTestId('dialog-cancel').click();
}

test('a port typed while the remembered fields are on their way stays, and the client connects to it', async ({
  page,
  shell,
  peer,
}) => {
  test.slow();
  const bridge = await openSlowApp(page, shell);
  const previous = peer('tcp_server.py', ['--timeout', '60']);
  const [, previousPort = ''] = await previous.line('READY');
  const typed = peer('tcp_server.py', ['--timeout', '60']);
  const [, typedPort = ''] = await typed.line('READY');
  await rememberClient(page, previousPort);
  await previous.line('ACCEPT');

  // The port is typed before the remembered fields arrive.
  bridge.hold();
  await page.getByTestId('new-tcp-client').click();
  const portField = page.getByTestId('tcp-client-port');
  await portField.fill(typedPort);
  bridge.release();
  // The remembered timeout (untouched) shows that the answer has arrived…
  await expect(page.getByTestId('tcp-client-timeout')).toHaveValue('7000');
  // …and it left the typed port alone.
  await expect(portField).toHaveValue(typedPort);
  await page.getByTestId('dialog-submit').click();
  const [, address, clientPort] = await typed.line('ACCEPT');
  expect(address).toBe('127.0.0.1');
  await expect(page.getByTestId('dialog-new-session')).toBeHidden();
  await expect(page.getByTestId('session-remote')).toHaveText(`127.0.0.1:${typedPort}`);
  await expect(page.getByTestId('session-local')).toHaveText(`127.0.0.1:${clientPort}`);
  expect(previous.lines.filter((l) => l.startsWith('ACCEPT'))).toHaveLength(1);
});

test('a port being typed key by key when the remembered fields arrive is neither replaced nor appended to', async ({
  page,
  shell,
  peer,
}) => {
  test.slow();
  const bridge = await openSlowApp(page, shell);
  const previous = peer('tcp_server.py', ['--timeout', '60']);
  const [, previousPort = ''] = await previous.line('READY');
  const typed = peer('tcp_server.py', ['--timeout', '60']);
  const [, typedPort = ''] = await typed.line('READY');
  await rememberClient(page, previousPort);
  await previous.line('ACCEPT');

  // Click into the port, select what is there, type half of it; the answer arrives; type the rest.
  bridge.hold();
  await page.getByTestId('new-tcp-client').click();
  const portField = page.getByTestId('tcp-client-port');
  await portField.click();
  await portField.press('ControlOrMeta+a');
  await portField.pressSequentially(typedPort.slice(0, 2));
  bridge.release();
  await expect(page.getByTestId('tcp-client-timeout')).toHaveValue('7000');
  await portField.pressSequentially(typedPort.slice(2));
  await expect(portField).toHaveValue(typedPort);
  await page.getByTestId('dialog-submit').click();
  await typed.line('ACCEPT');
  await expect(page.getByTestId('session-remote')).toHaveText(`127.0.0.1:${typedPort}`);
});

test('a port reached with Tab when the remembered fields arrive: what is typed replaces it, not appended to the remembered port', async ({
  page,
  shell,
  peer,
}) => {
  test.slow();
  const bridge = await openSlowApp(page, shell);
  const previous = peer('tcp_server.py', ['--timeout', '60']);
  const [, previousPort = ''] = await previous.line('READY');
  const typed = peer('tcp_server.py', ['--timeout', '60']);
  const [, typedPort = ''] = await typed.line('READY');
  await rememberClient(page, previousPort);
  await previous.line('ACCEPT');

  // The dialog opens on the host; Tab moves to the port and selects its text to be typed over.
  bridge.hold();
  await page.getByTestId('new-tcp-client').click();
  const portField = page.getByTestId('tcp-client-port');
  await expect(page.getByTestId('tcp-client-host')).toBeFocused();
  await page.keyboard.press('Tab');
  await expect(portField).toBeFocused();
  bridge.release();
  await expect(page.getByTestId('tcp-client-timeout')).toHaveValue('7000');
  await page.keyboard.type(typedPort);
  await expect(portField).toHaveValue(typedPort);
  await page.getByTestId('dialog-submit').click();
  await typed.line('ACCEPT');
  await expect(page.getByTestId('session-remote')).toHaveText(`127.0.0.1:${typedPort}`);
});

test('chat: the next line typed while the last one is being sent stays, and both lines arrive', async ({
  page,
  shell,
  peer,
}) => {
  test.slow();
  const bridge = await openSlowApp(page, shell);
  const port = await openUdp(page, '127.0.0.1', '0');
  const partner = peer('udp_send.py', [
    '127.0.0.1',
    String(port),
    hexOf('hi, this is A'),
    '--replies',
    '2',
    '--timeout',
    '60',
  ]);
  const [, , partnerPort] = await partner.line('LOCAL');
  const partnerRow = page.getByTestId('peer-row').and(page.locator(`[data-peer="127.0.0.1:${partnerPort}"]`));
  await partnerRow.getByTestId('peer-chat').click();
  const messages = page.getByTestId('chat-message');
  await expect(messages).toHaveCount(1);

  // Enter, then the next line, before main has answered the first send.
  bridge.hold();
  const input = page.getByTestId('chat-input');
  await input.fill('first line');
  await input.press('Enter');
  await input.pressSequentially('second line');
  bridge.release();
  // The first line's answer (and its bubble) arrive after the second line was typed…
  await expect(messages.filter({ hasText: 'first line' })).toHaveAttribute('data-dir', 'out');
  // …and the second line is still there.
  await expect(input).toHaveValue('second line');
  await input.press('Enter');
  const lines = await partner.count('RECV', 2);
  expect(lines.map((l) => l[3])).toEqual([hexOf('first line'), hexOf('second line')]);
  await expect(messages.filter({ hasText: 'second line' })).toHaveAttribute('data-dir', 'out');
  await expect(input).toHaveValue('');
});

test('chat: a line that cannot be sent comes back into the input, ahead of what was typed since', async ({
  page,
  shell,
  peer,
}) => {
  test.slow();
  const bridge = await openSlowApp(page, shell);
  const port = await openUdp(page, '127.0.0.1', '0');
  const partner = peer('udp_send.py', ['127.0.0.1', String(port), hexOf('hi'), '--replies', '0']);
  const [, , partnerPort] = await partner.line('LOCAL');
  await page
    .getByTestId('peer-row')
    .and(page.locator(`[data-peer="127.0.0.1:${partnerPort}"]`))
    .getByTestId('peer-chat')
    .click();
  await page.getByTestId('action-close').click();
  await expect(page.getByTestId('session-state')).toHaveAttribute('data-state', 'closed');

  bridge.hold();
  const input = page.getByTestId('chat-input');
  await input.fill('not sent');
  await input.press('Enter');
  await expect(input).toHaveValue('');
  await input.pressSequentially(' typed since');
  bridge.release();
  await expect(page.getByTestId('chat-error')).toBeVisible();
  await expect(input).toHaveValue('not sent typed since');
});

test('composer: a setting changed while the remembered ones are on their way stays; the others arrive', async ({
  page,
  shell,
  peer,
}) => {
  test.slow();
  const bridge = await openSlowApp(page, shell);
  const port = await openUdp(page, '127.0.0.1', '0');
  await page.getByTestId('composer-line-ending').selectOption('crlf');
  await page.getByTestId('composer-checksum').selectOption('xor8');
  // Kept in main's settings file under the endpoint's address.
  const settings = join(shell.dataDir, 'workbench-settings.json');
  await expect
    .poll(() => (existsSync(settings) ? readFileSync(settings, 'utf8') : ''))
    .toMatch(/"crlf"[\s\S]*"xor8"|"xor8"[\s\S]*"crlf"/);
  await page.getByTestId('action-close').click();
  await expect(page.getByTestId('session-state')).toHaveAttribute('data-state', 'closed');

  // The same address again: its remembered settings are read while the user picks a line ending.
  bridge.hold(['store.get']);
  await openUdp(page, '127.0.0.1', String(port));
  await page.getByTestId('composer-line-ending').selectOption('lf');
  bridge.release();
  await expect(page.getByTestId('composer-checksum')).toHaveValue('xor8');
  await expect(page.getByTestId('composer-line-ending')).toHaveValue('lf');

  // And what goes out is what is on screen: "ok", its XOR (0x6f ^ 0x6b = 0x04), then LF.
  const receiver = peer('udp_recv.py', ['--timeout', '30']);
  const [, receiverPort = ''] = await receiver.line('READY');
  await page.getByTestId('composer-host').fill('127.0.0.1');
  await page.getByTestId('composer-port').fill(receiverPort);
  await page.getByTestId('composer-input').fill('ok');
  await page.getByTestId('composer-send').click();
  const [, , , hex] = await receiver.line('RECV');
  expect(hex).toBe(`${hexOf('ok')}040a`);
});

test('composer: a port typed while main’s remembered destination is on its way is the one sent to', async ({
  page,
  shell,
  peer,
}) => {
  test.slow();
  const first = peer('udp_recv.py', ['--timeout', '60']);
  const [, firstPort = ''] = await first.line('READY');
  const typed = peer('udp_recv.py', ['--timeout', '60']);
  const [, typedPort = ''] = await typed.line('READY');
  await page.goto(shell.url);
  const port = await openUdp(page, '127.0.0.1', '0');
  await page.getByTestId('composer-host').fill('127.0.0.1');
  await page.getByTestId('composer-port').fill(firstPort);
  await page.getByTestId('composer-input').fill('first');
  await page.getByTestId('composer-send').click();
  await first.line('RECV');
  const settings = join(shell.dataDir, 'workbench-settings.json');
  await expect
    .poll(() => (existsSync(settings) ? readFileSync(settings, 'utf8') : ''))
    .toContain(`"${firstPort}"`);

  // Another browser (its own storage, so only main remembers the destination) picks the session;
  // the user clicks into the port and types over it while main's answer is on its way.
  const browser = page.context().browser();
  if (!browser) throw new Error('a browser to open another page in');
  const other = await browser.newPage();
  const bridge = await openSlowApp(other, shell);
  bridge.hold(['store.get']);
  await other
    .getByTestId('session-item')
    .filter({ hasText: `127.0.0.1:${port}` })
    .click();
  const portField = other.getByTestId('composer-port');
  await portField.click();
  await portField.press('ControlOrMeta+a');
  bridge.release();
  await portField.pressSequentially(typedPort);
  await expect(portField).toHaveValue(typedPort);
  await other.getByTestId('composer-input').fill('typed');
  await other.getByTestId('composer-send').click();
  const [, , , hex] = await typed.line('RECV');
  expect(hex).toBe(hexOf('typed'));
  await other.close();
});

test('multicast TTL: digits typed before main confirms the first one are all kept', async ({
  page,
  shell,
}) => {
  test.slow();
  const bridge = await openSlowApp(page, shell);
  await openUdp(page, '127.0.0.1', '0');
  await page.getByTestId('udp-options-toggle').click();
  const ttl = page.getByTestId('udp-multicast-ttl');
  await expect(ttl).toHaveValue('1');
  bridge.hold();
  await ttl.click();
  await ttl.press('ControlOrMeta+a');
  await ttl.pressSequentially('64');
  await expect(ttl).toHaveValue('64');
  bridge.release();
  // What main holds, read afresh after a reload: the whole number typed, not a mix of keys and old value.
  await page.reload();
  await expect(page.getByTestId('status-connection')).toHaveAttribute('data-state', 'open');
  await page.getByTestId('session-item').first().click();
  await page.getByTestId('udp-options-toggle').click();
  await expect(page.getByTestId('udp-multicast-ttl')).toHaveValue('64');
});

test('port check: an answer about a port no longer in the field is not shown as that port’s', async ({
  page,
  shell,
}) => {
  test.slow();
  const bridge = await openSlowApp(page, shell);
  const usedPort = await openTcpServer(page, '127.0.0.1', '0');
  await page.getByTestId('nav-network').click();
  // Every answer the page ever shows, recorded as it appears (the e2e project has no DOM typings: plain script).
  await page.evaluate(`(() => {
    const seen = (globalThis.seen = []);
    new MutationObserver(() => {
      const tcp = document.querySelector('[data-testid="port-check-result"]')?.getAttribute('data-tcp') ?? 'none';
      if (seen.at(-1) !== tcp) seen.push(tcp);
    }).observe(document.body, { subtree: true, childList: true, attributes: true });
  })()`);
  await page.getByTestId('port-check-address').selectOption('127.0.0.1');
  const input = page.getByTestId('port-check-input');
  bridge.hold(['net.portFree']);
  await input.fill(String(usedPort));
  await page.getByTestId('port-check-button').click();
  // Edited before the answer came: the answer (TCP in use) is about the old port.
  const freePort = String(usedPort === 65535 ? usedPort - 1 : usedPort + 1);
  await input.fill(freePort);
  bridge.release();
  await page.getByTestId('port-check-button').click();
  await expect(page.getByTestId('port-check-result')).toHaveAttribute('data-tcp', /free|used/);
  const seen = await page.evaluate(() => (globalThis as unknown as { seen: string[] }).seen);
  expect(seen).not.toContain('used');
});

test('auto-reply: "Applied" is not said of rules edited after Apply was pressed', async ({
  page,
  shell,
  peer,
}) => {
  test.slow();
  const bridge = await openSlowApp(page, shell);
  const port = await openTcpServer(page, '127.0.0.1', '0');
  await page.getByTestId('auto-reply-toggle').click();
  await page.getByTestId('auto-reply-add').click();
  await page.getByTestId('rule-pattern').fill('ping');
  await page.getByTestId('rule-reply').fill('pong');
  bridge.hold();
  await page.getByTestId('auto-reply-apply').click();
  await page.getByTestId('rule-reply').fill('PONG');
  bridge.release();
  // A send to all (no client yet): its answer comes after Apply's, so once it shows, Apply's has arrived.
  await page.getByTestId('composer-input').fill('anyone?');
  await page.getByTestId('composer-send-all').click();
  await expect(page.getByTestId('composer-nothing-sent')).toBeVisible();
  await expect(page.getByTestId('auto-reply-summary')).toContainText('1');
  // The form holds PONG, which was never applied.
  await expect(page.getByTestId('rule-reply')).toHaveValue('PONG');
  await expect(page.getByTestId('auto-reply-applied')).toBeHidden();
  await page.getByTestId('auto-reply-apply').click();
  await expect(page.getByTestId('auto-reply-applied')).toBeVisible();
  // Now it is: a client's ping is answered with PONG.
  const client = peer('tcp_client.py', [
    '127.0.0.1',
    String(port),
    '--send',
    hexOf('ping'),
    '--timeout',
    '30',
  ]);
  const [, , , hex] = await client.line('RECV');
  expect(hex).toBe(hexOf('PONG'));
});
