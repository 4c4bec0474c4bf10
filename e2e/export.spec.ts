import { execFileSync, spawnSync } from 'node:child_process';
import { createSocket } from 'node:dgram';
import { mkdtempSync, readdirSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { expect, test } from './support/fixtures';
import { openUdp } from './support/ui';

const TSHARK = spawnSync('tshark', ['--version']).status === 0;

function tsharkUdp(file: string): string[] {
  return execFileSync(
    'tshark',
    [
      '-r',
      file,
      '-T',
      'fields',
      '-E',
      'separator=|',
      '-e',
      'ip.src',
      '-e',
      'udp.srcport',
      '-e',
      'ip.dst',
      '-e',
      'udp.dstport',
      '-e',
      'data.data',
    ],
    { encoding: 'utf8', stdio: ['ignore', 'pipe', 'ignore'] },
  )
    .trim()
    .split('\n');
}

test('a UDP log exported as pcapng in the browser, and captured to file by main: tshark shows the ports and bytes', async ({
  app,
}) => {
  test.skip(!TSHARK, 'tshark is not installed (apt-get install tshark): nothing else here needs skipping');
  const port = await openUdp(app);
  const dir = mkdtempSync(join(tmpdir(), 'wb-e2e-capture-'));
  try {
    await app.getByTestId('capture-toggle').click();
    await app.getByTestId('capture-directory').fill(dir);
    await app.getByTestId('capture-start').click();
    await expect(app.getByTestId('capture-summary')).toContainText('pcapng');

    const sender = createSocket('udp4');
    await new Promise<void>((r) => sender.bind(0, '127.0.0.1', () => r()));
    const from = sender.address().port;
    for (const text of ['alpha', 'beta']) {
      await new Promise<void>((r) => sender.send(Buffer.from(text), port, '127.0.0.1', () => r()));
    }
    sender.close();
    await expect(app.getByTestId('log-row')).toHaveCount(2);
    const expected = [
      `127.0.0.1|${from}|127.0.0.1|${port}|${Buffer.from('alpha').toString('hex')}`,
      `127.0.0.1|${from}|127.0.0.1|${port}|${Buffer.from('beta').toString('hex')}`,
    ];

    const downloading = app.waitForEvent('download');
    await app.getByTestId('log-export').selectOption('pcapng');
    const download = await downloading;
    expect(download.suggestedFilename()).toMatch(/\.pcapng$/);
    const exported = join(dir, 'exported.pcapng');
    await download.saveAs(exported);
    expect(tsharkUdp(exported)).toEqual(expected);

    await app.getByTestId('capture-stop').click();
    await expect(app.getByTestId('capture-status')).toHaveAttribute('data-records', '2');
    await expect(app.getByTestId('capture-status')).toHaveAttribute('data-state', 'stopped');
    const captured = readdirSync(dir).filter((f) => f.startsWith(`udp-127.0.0.1-${port}-`));
    expect(captured).toHaveLength(1);
    expect(tsharkUdp(join(dir, captured[0] as string))).toEqual(expected);
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
});
