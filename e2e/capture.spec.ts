import { spawnSync } from 'node:child_process';
import { createSocket } from 'node:dgram';
import { existsSync, mkdirSync, mkdtempSync, readdirSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Page } from '@playwright/test';
import { expect, test } from './support/fixtures';
import { openUdp } from './support/ui';

let dir: string;
/** A tmpfs a test mounted: unmounted after it whatever happened (lazily if a file is still open). */
let mounted: string | undefined;
test.beforeEach(() => {
  dir = mkdtempSync(join(tmpdir(), 'wb-e2e-capture-'));
});
test.afterEach(() => {
  if (mounted && spawnSync('umount', [mounted]).status !== 0) spawnSync('umount', ['-l', mounted]);
  mounted = undefined;
  rmSync(dir, { recursive: true, force: true });
});

async function useLanguage(page: Page, language: 'en' | 'zh-CN'): Promise<void> {
  const zh = (await page.locator('html').getAttribute('lang')) === 'zh-CN';
  if (zh !== (language === 'zh-CN')) await page.getByTestId('language-toggle').click();
  await expect(page.locator('html')).toHaveAttribute('lang', language);
}

/** The capture form as a person fills it. */
async function fillCapture(
  page: Page,
  settings: { format?: 'pcapng' | 'jsonl'; folder?: string; mib?: string; files?: string },
): Promise<void> {
  if (settings.format) await page.getByTestId('capture-format').selectOption(settings.format);
  if (settings.folder !== undefined) await page.getByTestId('capture-directory').fill(settings.folder);
  if (settings.mib !== undefined) await page.getByTestId('capture-max-mib').fill(settings.mib);
  if (settings.files !== undefined) await page.getByTestId('capture-max-files').fill(settings.files);
}

/** `count` datagrams of `size` bytes from 127.0.0.1, paced so the kernel's buffer never overflows. */
async function sendDatagrams(port: number, count: number, size: number): Promise<void> {
  const sender = createSocket('udp4');
  await new Promise<void>((resolve) => sender.bind(0, '127.0.0.1', () => resolve()));
  for (let i = 0; i < count; i += 1) {
    await new Promise<void>((resolve) =>
      sender.send(Buffer.alloc(size, 0x41 + (i % 26)), port, '127.0.0.1', () => resolve()),
    );
    if (i % 20 === 19) await new Promise((resolve) => setTimeout(resolve, 2));
  }
  sender.close();
}

test('while recording, the status shows live records, bytes, files kept and the file being written now', async ({
  app,
}, testInfo) => {
  const port = await openUdp(app);
  await app.getByTestId('capture-toggle').click();
  await fillCapture(app, { format: 'jsonl', folder: dir, mib: '0.0625', files: '2' });
  await app.getByTestId('capture-start').click();
  const status = app.getByTestId('capture-status');
  await expect(status).toHaveAttribute('data-state', 'recording');
  const first = (await status.getAttribute('data-file')) ?? '';
  expect(first.startsWith(dir)).toBe(true);

  // About 300 KiB of JSON: the 64 KiB files rotate several times; only the newest 2 are kept.
  await sendDatagrams(port, 150, 1000);
  await expect(status).toHaveAttribute('data-records', '150');
  await expect(app.getByTestId('capture-records')).toHaveText('150');
  await expect(status).toHaveAttribute('data-files', '2');
  await expect(app.getByTestId('capture-files')).toHaveText('2 of 2');
  await expect(status).not.toHaveAttribute('data-file', first);
  const current = (await status.getAttribute('data-file')) ?? '';
  await expect(app.getByTestId('capture-file')).toHaveText(current.slice(dir.length + 1));
  expect(Number(await status.getAttribute('data-bytes'))).toBeGreaterThan(150 * 1000);
  await expect(app.getByTestId('capture-bytes')).toContainText('KiB');
  // The file the status first named was rotated away and deleted; the one it names now exists.
  expect(existsSync(first)).toBe(false);
  expect(existsSync(current)).toBe(true);
  await app.screenshot({ path: testInfo.outputPath('capture-recording.en.png') });

  await app.getByTestId('capture-stop').click();
  await expect(status).toHaveAttribute('data-state', 'stopped');
  await expect(status).toHaveAttribute('data-records', '150');
  expect(readdirSync(dir)).toHaveLength(2);
});

test('start, stop, start again at once: each run gets its own file, no error, nothing overwritten', async ({
  app,
}) => {
  await openUdp(app);
  await app.getByTestId('capture-toggle').click();
  await fillCapture(app, { folder: dir });
  const files: string[] = [];
  for (let run = 0; run < 3; run += 1) {
    await app.getByTestId('capture-start').click();
    await expect(app.getByTestId('capture-summary')).toHaveText('recording · pcapng');
    await expect(app.getByTestId('capture-error')).toHaveCount(0);
    files.push((await app.getByTestId('capture-status').getAttribute('data-file')) ?? '');
    await app.getByTestId('capture-stop').click();
    await expect(app.getByTestId('capture-summary')).toHaveText('off');
  }
  await expect(app.getByTestId('capture-error')).toHaveCount(0);
  expect(new Set(files).size).toBe(3);
  expect(readdirSync(dir).sort()).toEqual(files.map((f) => f.slice(dir.length + 1)).sort());
});

test('wrong capture settings are explained in the user language, naming the field; what was typed stays', async ({
  app,
}, testInfo) => {
  await openUdp(app);
  await useLanguage(app, 'zh-CN');
  await app.getByTestId('capture-toggle').click();
  const error = app.getByTestId('capture-error');
  const cases: [Partial<Record<'folder' | 'mib' | 'files', string>>, string, string, string][] = [
    [{ folder: 'relative/dir' }, 'BAD_CAPTURE_FOLDER', 'capture-directory', '文件夹必须是绝对路径'],
    [{ folder: dir, mib: '0' }, 'BAD_CAPTURE_SIZE', 'capture-max-mib', '单个文件大小必须在 0.0625 MiB'],
    [{ mib: '0.001' }, 'BAD_CAPTURE_SIZE', 'capture-max-mib', '单个文件大小必须在'],
    [{ mib: 'abc' }, 'BAD_CAPTURE_SIZE', 'capture-max-mib', '1,048,576 MiB（1 TiB）'],
    [
      { mib: '1', files: '0' },
      'BAD_CAPTURE_FILES',
      'capture-max-files',
      '保留文件数必须是 1 到 100,000 之间的整数',
    ],
  ];
  for (const [typed, code, field, text] of cases) {
    await fillCapture(app, typed);
    await app.getByTestId('capture-start').click();
    await expect(error).toHaveAttribute('data-code', code);
    await expect(error).toContainText(text);
    await expect(error).not.toContainText(/Invalid|Too small|expected/);
    await expect(app.getByTestId(field)).toHaveAttribute('aria-invalid', 'true');
    const value = typed.files ?? typed.mib ?? typed.folder ?? '';
    await expect(app.getByTestId(field)).toHaveValue(value);
    // Checked in the form: nothing was started, no file was made.
    await expect(app.getByTestId('capture-summary')).toHaveText('关闭');
  }
  expect(readdirSync(dir)).toEqual([]);
  await app.screenshot({ path: testInfo.outputPath('capture-error.zh-CN.png') });

  // The same error in English after switching; fixing the field clears it.
  await useLanguage(app, 'en');
  await expect(error).toHaveText('Keep files must be a whole number from 1 to 100,000.');
  await app.getByTestId('capture-max-files').fill('3');
  await expect(error).toHaveCount(0);

  // What only main can know (the folder does not exist) comes back translated, on the folder field.
  await useLanguage(app, 'zh-CN');
  await fillCapture(app, { folder: join(dir, 'missing') });
  await app.getByTestId('capture-start').click();
  await expect(error).toHaveAttribute('data-code', 'ENOENT');
  await expect(error).toContainText('不存在');
  await expect(app.getByTestId('capture-directory')).toHaveAttribute('aria-invalid', 'true');
  await expect(app.getByTestId('capture-max-mib')).toHaveValue('1');
  await expect(app.getByTestId('capture-max-files')).toHaveValue('3');
});

test('after a reload during a capture, the form shows the running capture real settings', async ({
  app,
}, testInfo) => {
  const port = await openUdp(app);
  await useLanguage(app, 'zh-CN');
  await app.getByTestId('capture-toggle').click();
  await fillCapture(app, { format: 'jsonl', folder: dir, mib: '0.5', files: '3' });
  await app.getByTestId('capture-start').click();
  await expect(app.getByTestId('capture-summary')).toHaveText('记录中 · jsonl');

  await app.reload();
  await expect(app.getByTestId('status-connection')).toHaveAttribute('data-state', 'open');
  await app.getByTestId('session-item').first().click();
  await app.getByTestId('capture-toggle').click();
  await expect(app.getByTestId('capture-summary')).toHaveText('记录中 · jsonl');
  await expect(app.getByTestId('capture-format')).toHaveValue('jsonl');
  await expect(app.getByTestId('capture-directory')).toHaveValue(dir);
  await expect(app.getByTestId('capture-max-mib')).toHaveValue('0.5');
  await expect(app.getByTestId('capture-max-files')).toHaveValue('3');

  await sendDatagrams(port, 40, 200);
  await expect(app.getByTestId('capture-status')).toHaveAttribute('data-records', '40');
  await expect(app.getByTestId('capture-records')).toHaveText('40');
  await app.screenshot({ path: testInfo.outputPath('capture-recording.zh-CN.png') });
  await app.getByTestId('capture-stop').click();
  await expect(app.getByTestId('capture-status')).toHaveAttribute('data-state', 'stopped');
  // The settings stay as they were, ready for the next run.
  await expect(app.getByTestId('capture-format')).toHaveValue('jsonl');
  await expect(app.getByTestId('capture-max-mib')).toHaveValue('0.5');
});

/** A 1 MiB tmpfs of the test's own where the system lets it mount one (root), else undefined. */
function tinyDisk(): string | undefined {
  if (process.getuid?.() !== 0) return undefined;
  const mountPoint = join(dir, 'tiny');
  mkdirSync(mountPoint);
  if (spawnSync('mount', ['-t', 'tmpfs', '-o', 'size=1m', 'tmpfs', mountPoint]).status !== 0)
    return undefined;
  mounted = mountPoint;
  return mountPoint;
}

test('a capture the full disk stopped is shown stopped with the error; the form works again and Start records elsewhere', async ({
  app,
}) => {
  // Datagrams counted through the UI on a machine that may be busy.
  test.setTimeout(90_000);
  const disk = tinyDisk();
  test.skip(
    !disk,
    'mounting a 1 MiB tmpfs needs root (the engine test of a removed folder runs for everyone)',
  );
  const port = await openUdp(app);
  await app.getByTestId('capture-toggle').click();
  await fillCapture(app, { format: 'pcapng', folder: disk });
  await app.getByTestId('capture-start').click();
  const status = app.getByTestId('capture-status');
  await expect(status).toHaveAttribute('data-state', 'recording');

  // About 2 MB of pcapng for a 1 MiB disk: main stops the capture and says so, nobody presses Stop.
  // Sent 50 at a time, each lot once the last is counted, so a busy machine's kernel buffer never overflows.
  for (let sent = 50; sent <= 250; sent += 50) {
    await sendDatagrams(port, 50, 8000);
    await expect(app.getByTestId('counter-messages-in')).toHaveText(String(sent), { timeout: 20_000 });
  }
  await expect(status).toHaveAttribute('data-state', 'stopped');
  await expect(app.getByTestId('capture-error')).toHaveAttribute('data-code', 'ENOSPC');
  await expect(app.getByTestId('capture-error')).toContainText('The disk is full');
  await expect(app.getByTestId('capture-summary')).toHaveText('stopped by an error');
  await expect(app.getByTestId('capture-stop')).toHaveCount(0);
  // The session itself stays up, with exact counters.
  await expect(app.getByTestId('counter-bytes-in')).toHaveText('2,000,000');
  await expect(app.getByTestId('session-state')).toHaveAttribute('data-state', 'bound');

  // The form is usable again: another folder, Start, and it records.
  await expect(app.getByTestId('capture-directory')).toBeEnabled();
  await expect(app.getByTestId('capture-format')).toBeEnabled();
  await fillCapture(app, { folder: dir });
  await app.getByTestId('capture-start').click();
  await expect(status).toHaveAttribute('data-state', 'recording');
  await expect(app.getByTestId('capture-error')).toHaveCount(0);
  await expect(app.getByTestId('capture-summary')).toHaveText('recording · pcapng');
  await sendDatagrams(port, 5, 10);
  await expect(status).toHaveAttribute('data-records', '5');
  await app.getByTestId('capture-stop').click();
  await expect(status).toHaveAttribute('data-state', 'stopped');
  await expect(app.getByTestId('capture-summary')).toHaveText('off');
});
