import { expect, hexOf, test } from './support/fixtures';
import { connectTcp, logRows, send } from './support/ui';

/**
 * TCP is a byte stream: how many send() calls one side makes says nothing
 * about how many recv() results the other gets. The log shows each read as a
 * chunk, and can frame the same bytes into messages by a rule.
 */
test('three lines in one send() and one line in three send() calls: four chunks, then 3 + 1 messages with \\n framing', async ({
  app,
  peer,
}, testInfo) => {
  // The server answers a request with send(b'one\ntwo\nthree\n'), then send(b'line '), send(b'fo'), send(b'ur\n').
  const server = peer('tcp_lines_server.py', ['--pause', '0.3', '--step']);
  const [, port] = await server.line('READY');
  await connectTcp(app, '127.0.0.1', Number(port));
  await expect(app.getByTestId('session-state')).toHaveAttribute('data-state', 'connected');

  await app.getByTestId('composer-line-ending').selectOption('lf');
  await send(app, 'go');
  expect((await server.line('RECV'))[3]).toBe(hexOf('go\n'));
  // Each send() after the first goes (0.3 s later) once the app has counted the bytes before it:
  // four reads, however busy the machine (a pause alone could be outrun by a reader waking late).
  for (const [writes, bytes] of [
    [1, 14],
    [2, 19],
    [3, 21],
  ] as const) {
    await server.count('SENT', writes);
    await expect(app.getByTestId('counter-bytes-in')).toHaveText(String(bytes));
    server.say();
  }
  const sent = await server.count('SENT', 4);
  expect(sent.map((words) => words[3])).toEqual([
    hexOf('one\ntwo\nthree\n'),
    hexOf('line '),
    hexOf('fo'),
    hexOf('ur\n'),
  ]);

  // Chunks, as read: one row per recv(), with its size. Nothing here is a message.
  const received = logRows(app, 'in');
  await expect(received.getByTestId('log-data')).toHaveText(['one␊two␊three␊', 'line ', 'fo', 'ur␊']);
  await expect(received.getByTestId('log-size')).toHaveText(['14', '5', '2', '3']);
  await expect(app.getByTestId('log-framing')).toHaveValue('chunks');
  await expect(app.getByTestId('log-framing-hint')).toHaveAttribute('data-framed', 'false');
  await expect(app.getByTestId('log-framing-hint')).toContainText('byte stream');

  // Framed by \n: the one write becomes three messages, the three writes one.
  await app.getByTestId('log-framing').selectOption('lf');
  await expect(app.getByTestId('log-framing-hint')).toHaveAttribute('data-framed', 'true');
  await expect(received.getByTestId('log-data')).toHaveText(['one␊', 'two␊', 'three␊', 'line four␊']);
  await expect(received.getByTestId('log-size')).toHaveText(['4', '4', '6', '10']);
  await expect(received.and(app.locator('[data-framed="true"]'))).toHaveCount(4);
  await expect(received.getByTestId('log-pending')).toHaveCount(0);
  // The first three come from the same read (one chunk, one seq); the fourth spans three reads.
  const firstChunk = await received.nth(0).getAttribute('data-seq');
  for (const row of [0, 1, 2]) {
    await expect(received.nth(row)).toHaveAttribute('data-chunks', '1');
    await expect(received.nth(row)).toHaveAttribute('data-seq', firstChunk ?? '');
    await expect(received.nth(row).getByTestId('log-chunks')).toHaveCount(0);
  }
  await expect(received.nth(3)).toHaveAttribute('data-chunks', '3');
  await expect(received.nth(3).getByTestId('log-chunks')).toHaveText('3 chunks');
  // Our own request is framed too, in its own direction; messages are numbered in time order.
  await expect(logRows(app, 'out').getByTestId('log-data')).toHaveText(['go␊']);
  await expect(app.getByTestId('log-row').locator('.c-seq')).toHaveText(['1', '2', '3', '4', '5']);
  await expect(app.getByTestId('log-count')).toHaveText('5 messages from 5 chunks');

  // A message selected shows its bytes and where they came from.
  await received.nth(3).click();
  await expect(app.getByTestId('log-detail-message')).toContainText('3 reads');
  await expect(app.getByTestId('log-detail-text')).toHaveText('line four␊');
  await app.screenshot({ path: testInfo.outputPath('framed-log.png') });

  // \r\n never comes: everything waits, pending, in one message per direction.
  await app.getByTestId('log-framing').selectOption('crlf');
  await expect(received.getByTestId('log-data')).toHaveText(['one␊two␊three␊line four␊']);
  await expect(received.getByTestId('log-pending')).toHaveText('pending');
  await expect(received).toHaveAttribute('data-chunks', '4');
  await app.screenshot({ path: testInfo.outputPath('framed-pending.png') });

  // A chosen byte, typed in hex: 0A is \n again; what is not hex is refused and the chunks come back.
  await app.getByTestId('log-framing').selectOption('byte');
  await app.getByTestId('log-framing-byte').fill('0A');
  await expect(received.getByTestId('log-data')).toHaveText(['one␊', 'two␊', 'three␊', 'line four␊']);
  await app.getByTestId('log-framing-byte').fill('zz');
  await expect(app.getByTestId('log-framing-byte')).toHaveAttribute('aria-invalid', 'true');
  await expect(received.getByTestId('log-data')).toHaveText(['one␊two␊three␊', 'line ', 'fo', 'ur␊']);

  // Fixed length 5 cuts across reads; the short tail is pending.
  await app.getByTestId('log-framing').selectOption('fixed');
  await app.getByTestId('log-framing-length').fill('5');
  await expect(received.getByTestId('log-data')).toHaveText(['one␊t', 'wo␊th', 'ree␊l', 'ine f', 'our␊']);
  await expect(received.and(app.locator('[data-pending="true"]'))).toHaveCount(1);

  // An idle gap shorter than the server's pauses splits where it paused, not where lines end.
  await app.getByTestId('log-framing').selectOption('idle');
  await app.getByTestId('log-framing-gap').fill('100');
  await expect(received.getByTestId('log-data')).toHaveText(['one␊two␊three␊', 'line ', 'fo', 'ur␊']);
  await expect(received.getByTestId('log-pending')).toHaveCount(0);
  await app.getByTestId('log-framing-gap').fill('5000');
  await expect(received.getByTestId('log-data')).toHaveText(['one␊two␊three␊line four␊']);

  // Framing is a view: back to chunks, the same four reads.
  await app.getByTestId('log-framing').selectOption('chunks');
  await expect(received.getByTestId('log-data')).toHaveText(['one␊two␊three␊', 'line ', 'fo', 'ur␊']);
  await expect(received.and(app.locator('[data-framed]'))).toHaveCount(0);
  await expect(app.getByTestId('counter-bytes-in')).toHaveText('24');
});
