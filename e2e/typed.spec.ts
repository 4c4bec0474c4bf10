import type { Page } from '@playwright/test';
import { expect, hexOf, test } from './support/fixtures';
import { openSlowApp } from './support/slow-bridge';
import { openUdp } from './support/ui';

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
