import { expect, hexOf, test } from './support/fixtures';
import { openUdp } from './support/ui';

/**
 * A session's view state is one record that lives as long as the session:
 * what was typed, where to, how the log is shown. Looking at another session
 * keeps it; a reload gives back what was typed (by kind + address).
 */
test('what is typed and chosen in a session stays across a switch to another session and a reload, and is sent as typed', async ({
  app,
  peer,
}) => {
  const receiver = peer('udp_recv.py', []);
  const [, port = ''] = await receiver.line('READY');
  const a = await openUdp(app);
  const itemA = app.getByTestId('session-item').filter({ hasText: `127.0.0.1:${a}` });
  await app.getByTestId('composer-input').fill('草稿 A: half a thought');
  await app.getByTestId('composer-host').fill('127.0.0.1');
  await app.getByTestId('composer-port').fill(port);
  await app.getByTestId('log-view-mode').selectOption('hex');
  await app.getByTestId('log-filter-dir').selectOption('out');
  await app.getByTestId('tab-code').click();

  // Another session: its own, empty, boxes.
  await openUdp(app);
  await expect(app.getByTestId('composer-input')).toHaveValue('');
  await expect(app.getByTestId('composer-port')).toHaveValue('');
  await expect(app.getByTestId('log-view-mode')).toHaveValue('utf-8');
  await app.getByTestId('composer-input').fill('B’s own line');

  await itemA.click();
  await expect(app.getByTestId('code-view')).toBeVisible();
  await expect(app.getByTestId('composer-input')).toHaveValue('草稿 A: half a thought');
  await expect(app.getByTestId('composer-port')).toHaveValue(port);
  await app.getByTestId('tab-log').click();
  await expect(app.getByTestId('log-view-mode')).toHaveValue('hex');
  await expect(app.getByTestId('log-filter-dir')).toHaveValue('out');

  // A reload: the page starts from nothing but main's list; what was typed comes back.
  await app.reload();
  await expect(app.getByTestId('status-connection')).toHaveAttribute('data-state', 'open');
  await itemA.click();
  await expect(app.getByTestId('composer-input')).toHaveValue('草稿 A: half a thought');
  await expect(app.getByTestId('composer-host')).toHaveValue('127.0.0.1');
  await expect(app.getByTestId('composer-port')).toHaveValue(port);

  await app.getByTestId('composer-send').click();
  const [, , fromPort, hex] = await receiver.line('RECV');
  expect(hex).toBe(hexOf('草稿 A: half a thought'));
  expect(Number(fromPort)).toBe(a);
  // Sending does not clear the box: the same message can go again.
  await expect(app.getByTestId('composer-input')).toHaveValue('草稿 A: half a thought');
});

test('a session that goes takes its view state with it: the same address opened again starts clean but for its drafts', async ({
  app,
}) => {
  const a = await openUdp(app);
  await app.getByTestId('log-view-mode').selectOption('hex');
  await app.getByTestId('composer-input').fill('kept by address');
  await app.getByTestId('action-close').click();
  await expect(app.getByTestId('session-state')).toHaveAttribute('data-state', 'closed');
  await app.getByTestId('action-remove').click();
  await expect(app.getByTestId('session-item')).toHaveCount(0);
  await openUdp(app, '127.0.0.1', String(a));
  // The log's settings belonged to the session that went; the typed text belongs to the address.
  await expect(app.getByTestId('log-view-mode')).toHaveValue('utf-8');
  await expect(app.getByTestId('composer-input')).toHaveValue('kept by address');
});
