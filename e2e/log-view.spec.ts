import { createSocket, type Socket } from 'node:dgram';
import { readFileSync } from 'node:fs';
import type { Page } from '@playwright/test';
import { contrastOf } from './support/contrast';
import { expect, test } from './support/fixtures';
import { flood } from './support/flood';
import { openUdp } from './support/ui';
import { whileProgressing } from './support/progress';

/** A UDP sender on its own loopback port. */
async function udpPeer(): Promise<{ send: (bytes: Buffer, port: number) => Promise<void>; socket: Socket }> {
  const socket = createSocket('udp4');
  await new Promise<void>((r) => socket.bind(0, '127.0.0.1', () => r()));
  return {
    socket,
    send: (bytes, port) => new Promise<void>((r) => socket.send(bytes, port, '127.0.0.1', () => r())),
  };
}

async function receive(app: Page, port: number, payloads: Buffer[]): Promise<void> {
  const peer = await udpPeer();
  for (const p of payloads) await peer.send(p, port);
  peer.socket.close();
  await expect(app.getByTestId('log-row')).toHaveCount(payloads.length);
}

test('every state of the log toolbar toggles and the peer filter is readable (contrast ≥ 4.5:1)', async ({
  app,
}) => {
  const port = await openUdp(app);
  await receive(app, port, [Buffer.from('one'), Buffer.from('two')]);
  const filter = app.getByTestId('peer-filter');
  const pause = app.getByTestId('log-pause');
  const check = async (what: string): Promise<void> => {
    for (const [name, locator] of [
      ['peer filter', filter],
      ['pause', pause],
      ['follow', app.locator('label', { has: app.getByTestId('log-follow') })],
      ['timestamps', app.locator('label', { has: app.getByTestId('log-timestamps') })],
      ['direction', app.getByTestId('log-filter-dir')],
      ['export', app.getByTestId('log-export')],
    ] as const)
      expect(await contrastOf(locator), `${name}, ${what}`).toBeGreaterThanOrEqual(4.5);
  };
  await check('off');
  await filter.click();
  await expect(filter).toHaveAttribute('aria-pressed', 'true');
  await expect(filter).toHaveText('Show all peers');
  await pause.click();
  await expect(pause).toHaveAttribute('aria-pressed', 'true');
  await app.mouse.move(0, 0);
  await check('on');
  await filter.hover();
  expect(await contrastOf(filter), 'peer filter on, hovered').toBeGreaterThanOrEqual(4.5);
  await pause.hover();
  expect(await contrastOf(pause), 'pause on, hovered').toBeGreaterThanOrEqual(4.5);
});

test('an invalid hex term says "not hex" in the user\'s language and leaves the text search applied', async ({
  app,
}) => {
  const port = await openUdp(app);
  await receive(app, port, [Buffer.from('hello'), Buffer.from('world'), Buffer.from('hello again')]);
  await app.getByTestId('log-search-text').fill('nomatchqq');
  await expect(app.getByTestId('log-count')).toHaveText('0 of 3 entries');
  await app.getByTestId('log-search-hex').fill('zz');
  await expect(app.getByTestId('log-search-hex')).toHaveAttribute('aria-invalid', 'true');
  await expect(app.getByTestId('log-search-hex-error')).toHaveText('Not hex · ignored');
  await expect(app.getByTestId('log-row')).toHaveCount(0);
  await expect(app.getByTestId('log-count')).toHaveText('0 of 3 entries');
  await expect(app.getByTestId('log-search-count')).toHaveText('0 matches');

  await app.getByTestId('log-search-text').fill('hello');
  await expect(app.getByTestId('log-row')).toHaveCount(2);
  await app.getByTestId('language-toggle').click();
  await expect(app.getByTestId('log-search-hex-error')).toHaveText('不是十六进制 · 已忽略');
  await expect(app.getByTestId('log-search-count')).toHaveText('2 条匹配');
  await app.getByTestId('language-toggle').click();

  // Valid again: the hex term filters too, and the message goes.
  await app.getByTestId('log-search-hex').fill('61 67');
  await expect(app.getByTestId('log-search-hex-error')).toBeHidden();
  await expect(app.getByTestId('log-search-hex')).toHaveAttribute('aria-invalid', 'false');
  await expect(app.getByTestId('log-row')).toHaveCount(1);
  await expect(app.getByTestId('log-search-count')).toHaveText('1 match');
});

test('counts in the log toolbar are proper English: 1 entry, 1 match', async ({ app }) => {
  const port = await openUdp(app);
  await receive(app, port, [Buffer.from('only one')]);
  await expect(app.getByTestId('log-count')).toHaveText('1 entry');
  await app.getByTestId('log-search-text').fill('only');
  await expect(app.getByTestId('log-search-count')).toHaveText('1 match');
  await expect(app.getByTestId('log-count')).toHaveText('1 of 1 entry');
});

test('Export is disabled, with the reason, when there is nothing to export; no empty file', async ({
  app,
}) => {
  const port = await openUdp(app);
  const exporter = app.getByTestId('log-export');
  await expect(exporter).toBeDisabled();
  await expect(exporter).toHaveAttribute('title', 'Nothing to export yet: this view holds no entries');

  await receive(app, port, [Buffer.from('hello'), Buffer.from('world')]);
  await expect(exporter).toBeEnabled();
  await expect(exporter).toHaveAttribute('title', /^Save the 2 entries shown/);
  await app.getByTestId('log-search-text').fill('nomatchqq');
  await expect(exporter).toBeDisabled();
  await expect(exporter).toHaveAttribute('title', 'Nothing to export: no entry matches the search or filter');
  await app.getByTestId('log-search-text').fill('world');
  await expect(exporter).toBeEnabled();
  await expect(exporter).toHaveAttribute('title', /^Save the 1 entry shown/);
});

test('CSV export: a UTF-8 BOM, control characters visible in the text column, exact bytes in hex', async ({
  app,
}) => {
  const port = await openUdp(app);
  await receive(app, port, [Buffer.from('deadbeef00ff', 'hex'), Buffer.from('温度\r\n', 'utf8')]);
  const downloading = app.waitForEvent('download');
  await app.getByTestId('log-export').selectOption('csv');
  const download = await downloading;
  expect(download.suggestedFilename()).toMatch(/\.csv$/);
  const file = readFileSync((await download.path()) as string);
  expect([...file.subarray(0, 3)]).toEqual([0xef, 0xbb, 0xbf]);
  const lines = file.toString('utf8').slice(1).trimEnd().split('\n');
  expect(lines).toHaveLength(3);
  expect(lines[1]).toContain(',6,deadbeef00ff,');
  expect(lines[1]).toMatch(/␀/);
  expect(lines[2]).toMatch(/,8,e6b8a9e5baa60d0a,温度␍␊$/);
  // eslint-disable-next-line no-control-regex
  expect(file.toString('utf8').replace(/\n/g, '')).not.toMatch(/[\u0000-\u001f]/);
});

/** The sequence number of the row at the top of the log's viewport. */
function topSeq(app: Page): Promise<number> {
  return app.getByTestId('log-view').evaluate((view) => {
    const top = view.getBoundingClientRect().top + 1;
    for (const row of view.querySelectorAll('[data-testid="log-row"]')) {
      const r = row.getBoundingClientRect();
      if (r.top <= top && r.bottom > top) return Number(row.getAttribute('data-seq'));
    }
    return -1;
  });
}

test('not following a full view: the entry being read stays put while the oldest ones drop out', async ({
  app,
}) => {
  const port = await openUdp(app);
  const count = async (id: string): Promise<number> =>
    Number(((await app.getByTestId(id).textContent()) ?? '').replace(/\D/g, ''));
  // Fill the 10,000-entry ring and overflow it: ~5,000 datagrams/s, well inside the view's budget.
  // The count, not the clock, ends the flood (60 s is only its safety bound), and a busy machine
  // may lose datagrams in the OS: what did not arrive is sent again, until 10,500 have.
  let sent = 0;
  for (let round = 0; round < 5; round += 1) {
    const received = await count('counter-messages-in');
    if (received >= 10_500) break;
    const filled = await flood([
      'udp',
      '127.0.0.1',
      String(port),
      '--count',
      String(10_500 - received),
      '--chunk',
      '64',
      '--rate',
      '320000',
      '--seconds',
      '60',
    ]);
    expect(filled.messages).toBe(10_500 - received);
    sent += filled.messages;
    // Every datagram sent is either counted or dropped by the OS: wait for that, however long the CPUs take.
    await whileProgressing(
      async () => (await count('counter-messages-in')) + (await count('counter-os-drops')),
      (total) => total === sent,
      { what: 'datagrams counted or dropped by the OS' },
    );
  }
  await whileProgressing(
    async () => (await app.getByTestId('log-count').textContent()) ?? '',
    (text) => text === '10,000 entries',
    { what: 'entries in the view' },
  );
  await expect(app.getByTestId('log-count')).toHaveText('10,000 entries');
  await app.getByTestId('log-follow').uncheck();
  await app.getByTestId('log-view').evaluate((el) => el.scrollTo(0, el.scrollHeight / 2));
  await expect.poll(() => topSeq(app)).toBeGreaterThan(0);
  const reading = await topSeq(app);
  const droppedBefore = await count('log-not-kept');
  const arrived = async (): Promise<number> =>
    (await count('counter-messages-in')) + (await count('counter-os-drops'));
  const arrivedBefore = await arrived();

  // 50 datagrams/s for 2 s: every batch evicts the oldest entries. The row under the reader is
  // looked at all along, until the view has taken every one of them.
  const trickle = flood([
    'udp',
    '127.0.0.1',
    String(port),
    '--count',
    '100',
    '--chunk',
    '64',
    '--rate',
    '3200',
    '--seconds',
    '60',
  ]);
  const seen: number[] = [];
  await whileProgressing(
    async () => {
      seen.push(await topSeq(app));
      return [await arrived(), await count('log-not-kept')] as const;
    },
    ([total, notKept]) => total === arrivedBefore + 100 && notKept > droppedBefore,
    { what: 'the trickle received and the oldest entries evicted' },
  );
  expect((await trickle).messages).toBe(100);
  expect(await count('log-not-kept'), 'entries were evicted meanwhile').toBeGreaterThan(droppedBefore);
  expect(seen.length).toBeGreaterThan(1);
  expect(seen, `the row under the reader stays #${reading}`).toEqual(seen.map(() => reading));
  await expect(app.getByTestId('log-follow')).not.toBeChecked();
});
