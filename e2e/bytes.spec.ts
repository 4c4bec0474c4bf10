import { expect, test } from './support/fixtures';
import { connectTcp, logRows, openTcpServer, openUdp } from './support/ui';

/**
 * Bytes and encodings, driven the way a person does it: Python peers send
 * GBK, the log is switched between views, the composer builds a Modbus frame.
 * Byte values come from Python, e.g. `'你好，世界'.encode('gbk').hex()`.
 */

const GBK_HELLO_WORLD = 'c4e3bac3a3accac0bde7'; // '你好，世界'.encode('gbk')

test('a GBK datagram from Python reads right in GBK, as mojibake in UTF-8, and as hex; the inspector names GBK', async ({
  app,
  peer,
}) => {
  const port = await openUdp(app);
  const sender = peer('udp_send.py', ['127.0.0.1', String(port), GBK_HELLO_WORLD, '--replies', '0']);
  await sender.line('SENT');
  const row = logRows(app, 'in').first();
  const data = row.getByTestId('log-data');

  await app.getByTestId('log-view-mode').selectOption('gbk');
  await expect(data).toHaveText('你好，世界');

  // Python: bytes.fromhex('c4e3bac3a3accac0bde7').decode('utf-8', 'replace')
  await app.getByTestId('log-view-mode').selectOption('utf-8');
  await expect(data).toHaveText('��ã�����');

  await app.getByTestId('log-view-mode').selectOption('hex');
  await expect(data).toHaveText('C4 E3 BA C3 A3 AC CA C0 BD E7');

  // The hex dump: offsets, hex and the text in the dump's encoding side by side.
  await app.getByTestId('log-view-mode').selectOption('dump');
  await app.getByTestId('log-dump-encoding').selectOption('gbk');
  const dump = row.getByTestId('log-dump');
  await expect(dump).toContainText('00000000');
  await expect(dump).toContainText('C4 E3 BA C3 A3 AC CA C0  BD E7');
  await expect(dump).toContainText('你好，世界');

  // Timestamps off and on again: the time column goes and comes back.
  await app.getByTestId('log-timestamps').uncheck();
  await expect(row.getByTestId('log-time')).toBeHidden();
  await app.getByTestId('log-timestamps').check();
  await expect(row.getByTestId('log-time')).toBeVisible();

  // Back to text in UTF-8, then let the byte inspector tell what the bytes are.
  await app.getByTestId('log-view-mode').selectOption('utf-8');
  await row.click();
  await app.getByTestId('inspect-bytes').click();
  const inspector = app.getByTestId('byte-inspector');
  await expect(inspector).toHaveAttribute('data-likely', 'gbk');
  const reading = (encoding: string) =>
    inspector.locator(`[data-testid="inspector-reading"][data-encoding="${encoding}"]`);
  await expect(reading('gbk')).toHaveAttribute('data-verdict', 'likely');
  await expect(reading('gbk').getByTestId('inspector-reading-text')).toHaveText('你好，世界');
  await expect(reading('gb18030')).toHaveAttribute('data-verdict', 'same');
  await expect(reading('utf-8')).toHaveAttribute('data-verdict', 'invalid');
  await expect(inspector.getByTestId('inspector-dump')).toContainText('C4 E3 BA C3');
  await inspector.getByTestId('inspector-view-as').click();
  await expect(inspector).toBeHidden();
  await expect(app.getByTestId('log-view-mode')).toHaveValue('gbk');
  await expect(data).toHaveText('你好，世界');
});

test('GBK sent one byte per write over TCP shows as whole characters, not halves', async ({ app, peer }) => {
  const port = await openTcpServer(app);
  const client = peer('tcp_trickle.py', [
    '127.0.0.1',
    String(port),
    GBK_HELLO_WORLD,
    '--step',
    '--linger',
    '5',
  ]);
  const [, , clientPort] = await client.line('LOCAL');
  await app
    .getByTestId('client-row')
    .filter({ hasText: `127.0.0.1:${clientPort}` })
    .click();
  await app.getByTestId('log-view-mode').selectOption('gbk');
  // Each byte goes once the app has counted the one before, so each is a read of its own
  // (a pause would be a guess: a busy machine can wake the reader late, to two bytes at once).
  for (let sent = 1; sent <= 10; sent += 1) {
    await expect(app.getByTestId('counter-bytes-in')).toHaveText(String(sent));
    if (sent < 10) client.say();
  }
  await client.count('SENT', 10);

  const rows = logRows(app, 'in');
  await expect(app.getByTestId('counter-bytes-in')).toHaveText('10');
  // TCP delivered the bytes in several reads: more rows than one.
  const count = await rows.count();
  expect(count).toBeGreaterThan(1);
  const texts = await rows.getByTestId('log-data').allTextContents();
  expect(texts.join('')).toBe('你好，世界');
  expect(texts.join('')).not.toContain('\ufffd');
  // A read that ends in the middle of a character says so, and shows that character in the next row.
  const carried = rows.getByTestId('log-data').and(app.locator('[data-carry]'));
  expect(await carried.count()).toBeGreaterThan(0);
});

test('a hex Modbus request with CRC-16/MODBUS and CRLF arrives byte-exact at a Python server', async ({
  app,
  peer,
}) => {
  const server = peer('tcp_server.py', []);
  const [, port] = await server.line('READY');
  await connectTcp(app, '127.0.0.1', Number(port));
  await expect(app.getByTestId('session-state')).toHaveAttribute('data-state', 'connected');

  await app.getByTestId('composer-mode').selectOption('hex');
  const input = app.getByTestId('composer-input');
  // A typo first: the problem is pointed at, and nothing typed is lost.
  await input.fill('01 03 00 00 00 0G');
  const problem = app.getByTestId('composer-problem');
  await expect(problem).toHaveAttribute('data-index', '16');
  await expect(problem.getByTestId('composer-problem-mark')).toHaveText('G');
  await expect(app.getByTestId('composer-send')).toBeDisabled();
  await input.press('Backspace');
  await input.pressSequentially('1');
  await expect(input).toHaveValue('01 03 00 00 00 01');

  await app.getByTestId('composer-checksum').selectOption('crc16-modbus');
  await app.getByTestId('composer-line-ending').selectOption('crlf');
  // CRC-16/MODBUS of 01 03 00 00 00 01 is 0x0A84, low byte first; then CR LF.
  await expect(app.getByTestId('composer-preview')).toHaveText('10 bytes: 01 03 00 00 00 01 84 0A 0D 0A');
  await expect(app.getByTestId('composer-preview-checksum')).toHaveText('84 0A');
  await app.getByTestId('composer-send').click();
  await expect(app.getByTestId('composer-sent')).toBeVisible();

  const [, , , hex] = await server.line('RECV');
  expect(hex).toBe('010300000001840a0d0a');
  await expect(input).toHaveValue('01 03 00 00 00 01');
});

test('text with escapes and a counter variable: raw bytes and the next send previewed', async ({
  app,
  peer,
}) => {
  const receiver = peer('udp_recv.py', ['--count', '2']);
  const [, port] = await receiver.line('READY');
  await openUdp(app);
  await app.getByTestId('composer-port').fill(port ?? '');
  await app.getByTestId('composer-encoding').selectOption('gbk');
  await app.getByTestId('composer-escapes').check();
  await app.getByTestId('composer-variables').check();
  await app.getByTestId('composer-input').fill('温度#{{COUNTER}}\\xFF\\r\\n');
  // GBK 温度 = CE C2 B6 C8, '#1', a raw FF byte, CR LF.
  await expect(app.getByTestId('composer-preview')).toHaveText('9 bytes: CE C2 B6 C8 23 31 FF 0D 0A');
  await app.getByTestId('composer-send').click();
  const [, , , first] = await receiver.line('RECV');
  expect(first).toBe('cec2b6c82331ff0d0a');
  await expect(app.getByTestId('composer-preview')).toHaveText('9 bytes: CE C2 B6 C8 23 32 FF 0D 0A');
  await app.getByTestId('composer-send').click();
  const [, [, , , second]] = (await receiver.count('RECV', 2)) as [string[], string[]];
  expect(second).toBe('cec2b6c82332ff0d0a');

  // A character GBK cannot hold is refused by name, never sent as "?".
  await app.getByTestId('composer-input').fill('ok 😀');
  await expect(app.getByTestId('composer-problem')).toHaveAttribute('data-kind', 'unencodable');
  await expect(app.getByTestId('composer-problem-mark')).toHaveText('😀');
});

test('a "Sent" confirmation speaks the language shown, and goes once anything that would be sent changes', async ({
  app,
}) => {
  const dgram = await import('node:dgram');
  const receiver = dgram.createSocket('udp4');
  await new Promise<void>((resolve) => receiver.bind(0, '127.0.0.1', resolve));
  try {
    await openUdp(app);
    await app.getByTestId('composer-host').fill('127.0.0.1');
    await app.getByTestId('composer-port').fill(String(receiver.address().port));
    await app.getByTestId('composer-input').fill('xy');
    await app.getByTestId('composer-send').click();
    const sent = app.getByTestId('composer-sent');
    await expect(sent).toHaveText('Sent 2 bytes.');
    await app.getByTestId('language-toggle').click();
    await expect(sent).toHaveText('已发送 2 字节。');
    await app.getByTestId('language-toggle').click();
    await expect(sent).toHaveText('Sent 2 bytes.');
    // Appending CR LF makes it 4 bytes: the confirmation of 2 is no longer about this message.
    await app.getByTestId('composer-line-ending').selectOption('crlf');
    await expect(app.getByTestId('composer-preview')).toContainText('4 bytes');
    await expect(sent).toHaveCount(0);
  } finally {
    receiver.close();
  }
});
