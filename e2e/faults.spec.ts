import { expect, hexOf, test } from './support/fixtures';
import { flood } from './support/flood';
import { storedComposers } from './support/stored';
import { openTcpServer, openUdp } from './support/ui';

/**
 * The renderer reloaded while data flows: main keeps the sockets and the
 * exact counters; the reloaded page finds its sessions again (app.info) and
 * ends with the counters the peer says it sent.
 */
test('reloading the page while a peer is sending: sessions and counters intact, exact at the end', async ({
  app,
  peer,
}) => {
  const port = await openTcpServer(app);
  const message = 'reload-proof stream of bytes, one per send()\n';
  const trickle = peer('tcp_trickle.py', [
    '127.0.0.1',
    String(port),
    hexOf(message),
    '--pause',
    '0.03',
    '--linger',
    '3',
  ]);
  const [, , peerPort] = await trickle.line('LOCAL');
  // Data is flowing: some bytes sent, not all.
  await trickle.count('SENT', 10);
  await app.reload();
  await expect(app.getByTestId('status-connection')).toHaveAttribute('data-state', 'open');
  await trickle.count('SENT', 20);
  await app.reload();
  await expect(app.getByTestId('status-connection')).toHaveAttribute('data-state', 'open');

  // Both sessions are still there, once each (a reload must not list them twice):
  // the server and the accepted client.
  const items = app.getByTestId('session-item');
  const server = items.and(app.locator('[data-kind="tcp-server"]')).filter({ hasText: `:${port}` });
  await expect(server).toHaveCount(1);
  const conn = items.and(app.locator('[data-kind="tcp-conn"]')).filter({ hasText: `:${peerPort}` });
  await expect(conn).toHaveCount(1);
  await conn.click();

  // The peer's own count of what it sent is the truth the counters must reach.
  const sent = await trickle.count('SENT', Buffer.byteLength(message));
  expect(sent).toHaveLength(Buffer.byteLength(message));
  await expect(app.getByTestId('counter-bytes-in')).toHaveText(String(Buffer.byteLength(message)));
  await expect(app.getByTestId('counter-messages-in')).not.toHaveText('0');
  await expect(app.getByTestId('counter-bytes-out')).toHaveText('0');
});

test('after a reload the view says what it no longer holds, entry numbers carry on, the lifecycle is whole and the destination kept', async ({
  app,
  shell,
}) => {
  const port = String(await openUdp(app));
  // Where the composer would send: typed once, it survives the reload (nothing is sent here).
  await app.getByTestId('composer-host').fill('127.0.0.1');
  await app.getByTestId('composer-port').fill('7788');
  // The composer saves its settings a moment after the last keystroke: reload once main has them.
  await expect.poll(() => storedComposers(shell.dataDir).map((c) => c.destination?.port)).toContain('7788');
  await flood(['udp', '127.0.0.1', port, '--count', '50', '--chunk', '8']);
  await expect(app.getByTestId('counter-messages-in')).toHaveText('50');
  await app.reload();
  await expect(app.getByTestId('status-connection')).toHaveAttribute('data-state', 'open');

  // Main keeps counters, not payloads: the 50 are counted, not held, and the view says so.
  await expect(app.getByTestId('counter-messages-in')).toHaveText('50');
  await expect(app.getByTestId('log-not-kept')).toContainText('50');
  await expect(app.getByTestId('log-empty')).toContainText('50');
  await expect(app.getByTestId('log-empty')).not.toContainText('Nothing sent or received yet');
  await expect(app.getByTestId('composer-port')).toHaveValue('7788');

  // The lifecycle is main's too: socket() and bind() are still there after the reload.
  await app.getByTestId('tab-timeline').click();
  const steps = app.getByTestId('timeline-step');
  await expect(steps.first()).toHaveAttribute('data-step', 'create');
  await expect(steps.nth(1)).toHaveAttribute('data-step', 'bind');
  // Its sendto()/recvfrom() steps are drawn from the log, which main does not keep: it says so.
  await expect(app.getByTestId('timeline-not-kept')).toContainText('50 messages');
  await app.getByTestId('tab-log').click();

  await flood(['udp', '127.0.0.1', port, '--count', '3', '--chunk', '8']);
  await expect(app.getByTestId('log-row')).toHaveCount(3);
  const seqs = await app
    .getByTestId('log-row')
    .evaluateAll((rows) => rows.map((r) => r.getAttribute('data-seq')));
  expect(seqs).toEqual(['51', '52', '53']);
});
