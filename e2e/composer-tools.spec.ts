import { createHash, randomBytes } from 'node:crypto';
import { expect, test } from './support/fixtures';
import { whileProgressing } from './support/progress';
import { connectTcp, openUdp } from './support/ui';

/**
 * The composer's tools, driven the way a person does it: a periodic send
 * counted by a Python peer, a file streamed to a Python server that prints
 * its SHA-256.
 */

test('periodic send of 20 messages counted by the peer, {{COUNTER}} expanded in main', async ({
  app,
  peer,
}) => {
  // --idle: the count ends at 20, not at a pause a busy machine may well make between two sends.
  const counter = peer('udp_count.py', ['--count', '20', '--idle', '30', '--print']);
  const [, port] = await counter.line('READY');
  await openUdp(app);
  await app.getByTestId('composer-port').fill(port ?? '');
  await app.getByTestId('composer-variables').check();
  await app.getByTestId('composer-input').fill('tick {{COUNTER}}');
  await app.getByTestId('periodic-interval').fill('5');
  await app.getByTestId('periodic-count').fill('20');
  await app.getByTestId('periodic-start').click();

  const [, datagrams, bytes] = await counter.line('COUNT');
  expect(Number(datagrams)).toBe(20);
  const texts = counter.all('RECV').map((w) => Buffer.from(w[3] ?? '', 'hex').toString());
  expect(texts[0]).toBe('tick 1');
  expect(texts[19]).toBe('tick 20');
  expect(Number(bytes)).toBe(texts.join('').length);

  const progress = app.getByTestId('periodic-progress');
  await expect(progress).toHaveAttribute('data-state', 'done');
  await expect(progress).toHaveAttribute('data-sent', '20');
  await expect(progress).toContainText('20 / 20');
  await expect(app.getByTestId('counter-messages-out')).toHaveText('20');
  // The composer's counter moved past the 20 sent by main.
  await expect(app.getByTestId('composer-preview')).toContainText('74 69 63 6B 20 32 31');
});

test('an interval below 1 ms cannot be started', async ({ app }) => {
  await openUdp(app);
  await app.getByTestId('composer-port').fill('9');
  await app.getByTestId('composer-input').fill('x');
  await app.getByTestId('periodic-interval').fill('0');
  await expect(app.getByTestId('periodic-start')).toBeDisabled();
  await app.getByTestId('periodic-interval').fill('1');
  await expect(app.getByTestId('periodic-start')).toBeEnabled();
});

test('a 1 MiB file arrives byte-exact at a Python server (SHA-256 compared)', async ({ app, peer }) => {
  const file = randomBytes(1024 * 1024 + 123);
  const sink = peer('tcp_sink.py', ['--bytes', String(file.byteLength)]);
  const [, port] = await sink.line('READY');
  await connectTcp(app, '127.0.0.1', Number(port));
  await expect(app.getByTestId('session-state')).toHaveAttribute('data-state', 'connected');

  await app.getByTestId('composer-file').setInputFiles({
    name: 'firmware.bin',
    mimeType: 'application/octet-stream',
    buffer: file,
  });
  await expect(app.getByTestId('file-name')).toContainText('firmware.bin');
  await app.getByTestId('file-send').click();

  const progress = app.getByTestId('file-progress');
  // As long as it takes a busy machine, while the bytes sent keep moving.
  await whileProgressing(
    async () => [await progress.getAttribute('data-state'), await progress.getAttribute('data-sent')],
    ([state]) => state === 'done',
    { what: 'file progress' },
  );
  await expect(progress).toHaveAttribute('data-state', 'done');
  await expect(progress).toHaveAttribute('data-sent', String(file.byteLength));
  const [, received] = await sink.line('BYTES');
  expect(Number(received)).toBe(file.byteLength);
  const [, sha] = await sink.line('SHA256');
  expect(sha).toBe(createHash('sha256').update(file).digest('hex'));
});

test('a file over UDP goes as datagrams of the chosen size; a bad size is refused before sending', async ({
  app,
  peer,
}) => {
  const file = randomBytes(10_000);
  const counter = peer('udp_count.py', ['--count', '20', '--idle', '30']);
  const [, port] = await counter.line('READY');
  await openUdp(app);
  await app.getByTestId('composer-port').fill(port ?? '');
  await app
    .getByTestId('composer-file')
    .setInputFiles({ name: 'data.bin', mimeType: 'application/octet-stream', buffer: file });
  await app.getByTestId('file-datagram-size').fill('70000');
  await expect(app.getByTestId('file-send')).toBeDisabled();
  await app.getByTestId('file-datagram-size').fill('500');
  await app.getByTestId('file-send').click();
  await expect(app.getByTestId('file-progress')).toHaveAttribute('data-state', 'done');
  const [, datagrams, bytes] = await counter.line('COUNT');
  expect([Number(datagrams), Number(bytes)]).toEqual([20, 10_000]);
  const [, sha] = await counter.line('SHA256');
  expect(sha).toBe(createHash('sha256').update(file).digest('hex'));
});

test('a file send that cannot go says why, in words and by code', async ({ app }) => {
  await openUdp(app);
  await app.getByTestId('composer-port').fill('');
  await app
    .getByTestId('composer-file')
    .setInputFiles({ name: 'a.bin', mimeType: 'application/octet-stream', buffer: Buffer.from('hi') });
  await app.getByTestId('file-send').click();
  const error = app.getByTestId('file-error');
  await expect(error).toHaveAttribute('data-code', 'NO_DESTINATION');
  await expect(error).toContainText('destination');
  await expect(app.getByTestId('file-progress')).toHaveAttribute('data-state', 'failed');
});
