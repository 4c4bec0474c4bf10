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

/** A number as the UI writes it ("1,234 not kept in view" → 1234). */
const numberIn = (text: string | null): number => Number((text ?? '').replace(/[^\d]/g, ''));

test('reloading while a Repeat job runs: entry numbers and "not kept" agree with main counters every time', async ({
  app,
  peer,
}) => {
  // Three jobs, each seen through a reload, on a machine that may be busy.
  test.setTimeout(300_000);
  // A Python peer that receives and counts every datagram.
  const sink = peer('udp_count.py', ['--count', '100000', '--idle', '290', '--timeout', '290']);
  const [, peerPort] = await sink.line('READY');
  await openUdp(app);
  const progress = app.getByTestId('periodic-progress');
  const sent = async (): Promise<number> => Number(await progress.getAttribute('data-sent'));
  // Entries of earlier rounds: the log and the counters run on across jobs, each job's progress starts at 0.
  let earlier = 0;
  for (let round = 1; round <= 3; round += 1) {
    // Repeat every 50 ms until stopped: data still flows after the reload, however long it takes.
    await app.getByTestId('composer-host').fill('127.0.0.1');
    await app.getByTestId('composer-port').fill(peerPort ?? '');
    await app.getByTestId('composer-input').fill(`round ${round}`);
    await app.getByTestId('periodic-interval').fill('50');
    await app.getByTestId('periodic-count').fill('0');
    await app.getByTestId('periodic-start').click();
    await expect(progress).toHaveAttribute('data-state', 'running', { timeout: 30_000 });
    // A few sent (4 or more), many to go.
    await expect(progress).toHaveAttribute('data-sent', /^([4-9]|\d\d+)$/, { timeout: 30_000 });
    // Reloaded mid-job, while batches are on their way; the job goes on after it.
    await app.reload();
    await expect(app.getByTestId('status-connection')).toHaveAttribute('data-state', 'open');
    // Entries reach the reloaded page: then stop, and compare once main's counters stand still.
    await expect(app.getByTestId('log-row').nth(5)).toBeVisible({ timeout: 30_000 });
    await app.getByTestId('periodic-stop').click();
    await expect(progress).toHaveAttribute('data-state', 'stopped', { timeout: 30_000 });

    const total = earlier + (await sent());
    earlier = total;
    await expect(app.getByTestId('counter-messages-out')).toHaveText(total.toLocaleString('en-US'));
    const rows = app.getByTestId('log-row');
    // Following the newest: the last entry is number `total`, never more (an entry counted twice), never less.
    await expect(rows.last()).toHaveAttribute('data-seq', String(total));
    const notKept = numberIn(await app.getByTestId('log-not-kept').textContent());
    expect(notKept).toBeGreaterThan(0);
    expect(notKept).toBeLessThan(total);
    // The first entry held is the one right after those not kept.
    await app.getByTestId('log-view').evaluate((el) => (el.scrollTop = 0));
    await expect(rows.first()).toHaveAttribute('data-seq', String(notKept + 1));
    await app.getByTestId('log-follow').check();
  }
});
