import { createSocket, type Socket } from 'node:dgram';
import { mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { createEngine } from '../../src-main/app/compose';
import type { Engine } from '../../src-main/engine/engine';
import { createService } from '../../src-main/service/service';
import type { BridgeError, SessionInfo } from '../../src-shared/contract';
import { shutdownEngines, track, type EventLog } from '../helpers/events';

let engine: Engine;
let log: EventLog;
let dir: string;

beforeEach(() => {
  engine = createEngine();
  log = track(engine);
  dir = mkdtempSync(join(tmpdir(), 'wb-capture-live-'));
});

afterEach(() => {
  shutdownEngines();
  rmSync(dir, { recursive: true, force: true });
});

async function udpSender(): Promise<Socket> {
  const sender = createSocket('udp4');
  await new Promise<void>((resolve) => sender.bind(0, '127.0.0.1', () => resolve()));
  return sender;
}

/** `count` datagrams of `size` bytes, paced in small bursts so the kernel's buffer never overflows. */
async function sendPaced(sender: Socket, port: number, count: number, size: number): Promise<void> {
  for (let i = 0; i < count; i += 1) {
    const payload = Buffer.alloc(size, i & 0xff);
    await new Promise<void>((resolve) => sender.send(payload, port, '127.0.0.1', () => resolve()));
    if (i % 20 === 19) await new Promise((resolve) => setTimeout(resolve, 2));
  }
}

describe('capture status while recording', () => {
  it('reaches the UI as session-updated snapshots: live records, bytes, current file after rotation; at most ~2 per second', async () => {
    const session = await engine.openUdp({ bind: true, address: '127.0.0.1', port: 0 });
    const port = session.local?.port ?? 0;
    const started = engine.startCapture({
      sessionId: session.id,
      format: 'jsonl',
      directory: dir,
      maxBytes: 64 * 1024,
      maxFiles: 2,
    });
    const first = started.file;
    const sender = await udpSender();
    const total = 200;
    // ~2 KiB of JSON per datagram: about 400 KiB in all, six or seven files of 64 KiB.
    await sendPaced(sender, port, total, 1000);
    sender.close();

    // Still running: a snapshot tells the whole count and names the file being written now.
    const live = await log.waitFor(
      () =>
        log
          .snapshots(session.id)
          .find((s: SessionInfo) => s.capture && s.capture.records === total && s.capture.file !== first),
      'a live capture snapshot with every record',
    );
    const capture = live.capture;
    expect(capture?.bytes).toBeGreaterThan(total * 1000);
    expect(capture?.files).toHaveLength(2);
    expect(capture?.files).not.toContain(first);
    expect(capture?.file).toBe(capture?.files.at(-1));
    expect(capture?.directory).toBe(dir);
    // The query the UI makes after a reload says the same.
    expect(engine.info(session.id).capture?.records).toBe(total);

    // Progress is announced on a timer, never per record: count the snapshots over a flood of a second or more.
    const before = log.snapshots(session.id).filter((s) => s.capture).length;
    const flood = await udpSender();
    const t0 = Date.now();
    await sendPaced(flood, port, 400, 100);
    while (Date.now() - t0 < 1200) await sendPaced(flood, port, 20, 100);
    flood.close();
    engine.flush();
    const elapsed = (Date.now() - t0) / 1000;
    const during = log.snapshots(session.id).filter((s) => s.capture).length - before;
    expect(during).toBeGreaterThanOrEqual(1);
    expect(during).toBeLessThanOrEqual(Math.ceil(elapsed * 2) + 1);

    const final = engine.stopCapture(session.id);
    expect(final.records).toBe(engine.info(session.id).counters.messagesIn);
  });

  it('sends no snapshots while nothing is recorded', async () => {
    const session = await engine.openUdp({ bind: true, address: '127.0.0.1', port: 0 });
    if (process.platform === 'linux') {
      // The one snapshot that says how many datagrams the OS dropped so far (none) comes first.
      await log.waitForSnapshot(session.id, (s) => s.udp?.receiveDrops === 0, 'the drop count', 5000);
    }
    engine.startCapture({ sessionId: session.id, format: 'pcapng', directory: dir });
    engine.flush();
    const before = log.snapshots(session.id).length;
    await new Promise((resolve) => setTimeout(resolve, 1200));
    engine.flush();
    expect(log.snapshots(session.id).length).toBe(before);
  });
});

describe('capture file names', () => {
  it('start, stop, start again within the same second: a new file each time, nothing overwritten', async () => {
    const session = await engine.openUdp({ bind: true, address: '127.0.0.1', port: 0 });
    const files: string[] = [];
    // Five runs take a few milliseconds: at least two of them share a second.
    for (let i = 0; i < 5; i += 1) {
      const status = engine.startCapture({ sessionId: session.id, format: 'pcapng', directory: dir });
      files.push(status.file);
      engine.stopCapture(session.id);
    }
    expect(new Set(files).size).toBe(5);
    // Named after the session as the user knows it, never its internal id.
    const name = `udp-127.0.0.1-${session.local?.port}-`;
    for (const file of files) expect(file.slice(dir.length + 1).startsWith(name)).toBe(true);
    expect(readdirSync(dir).sort()).toEqual(files.map((f) => f.slice(dir.length + 1)).sort());
  });

  it('skips a name whose rotated files are still there, and rotation keeps the newest N', async () => {
    const session = await engine.openUdp({ bind: true, address: '127.0.0.1', port: 0 });
    const port = session.local?.port ?? 0;
    const sender = await udpSender();
    const args = {
      sessionId: session.id,
      format: 'jsonl' as const,
      directory: dir,
      maxBytes: 64 * 1024,
      maxFiles: 2,
    };
    // Run one rotates its first file away (only .N files remain); run two, in the same second,
    // must not take that first name and then collide with run one's rotated files.
    const one = engine.startCapture(args);
    await sendPaced(sender, port, 100, 1000);
    await log.waitFor(
      () => (engine.info(session.id).capture?.records === 100 ? true : undefined),
      'run one recorded',
    );
    const oneFinal = engine.stopCapture(session.id);
    expect(oneFinal.files).not.toContain(one.file);
    const kept = new Map(oneFinal.files.map((f) => [f, readFileSync(f, 'utf8')]));

    const two = engine.startCapture(args);
    expect(two.file).not.toBe(one.file);
    await sendPaced(sender, port, 100, 1000);
    await log.waitFor(
      () => (engine.info(session.id).capture?.records === 100 ? true : undefined),
      'run two recorded',
    );
    const twoFinal = engine.stopCapture(session.id);
    sender.close();
    expect(twoFinal.error).toBeUndefined();
    expect(twoFinal.files).toHaveLength(2);
    // Run one's files are untouched.
    for (const [file, text] of kept) expect(readFileSync(file, 'utf8')).toBe(text);
    expect(readdirSync(dir).sort()).toEqual(
      [...oneFinal.files, ...twoFinal.files].map((f) => f.slice(dir.length + 1)).sort(),
    );
  });

  it('a rotated name someone else created meanwhile is skipped, not overwritten', async () => {
    const session = await engine.openUdp({ bind: true, address: '127.0.0.1', port: 0 });
    const port = session.local?.port ?? 0;
    const path = join(dir, 'mine.jsonl');
    writeFileSync(join(dir, 'mine.1.jsonl'), 'not yours');
    engine.startCapture({ sessionId: session.id, format: 'jsonl', path, maxBytes: 64 * 1024, maxFiles: 5 });
    const sender = await udpSender();
    await sendPaced(sender, port, 50, 1000);
    sender.close();
    await log.waitFor(() => (engine.info(session.id).capture?.records === 50 ? true : undefined), 'recorded');
    const status = engine.stopCapture(session.id);
    expect(status.error).toBeUndefined();
    expect(status.files).not.toContain(join(dir, 'mine.1.jsonl'));
    expect(status.files).toContain(join(dir, 'mine.2.jsonl'));
    expect(readFileSync(join(dir, 'mine.1.jsonl'), 'utf8')).toBe('not yours');
  });
});

describe('capture settings refused at the border', () => {
  const cases: [string, Record<string, unknown>, string, Record<string, unknown>][] = [
    ['a relative folder', { directory: 'relative/dir' }, 'BAD_CAPTURE_FOLDER', { value: 'relative/dir' }],
    ['a relative file path', { path: 'x.pcapng' }, 'BAD_CAPTURE_PATH', { value: 'x.pcapng' }],
    ['a file size of 0', { maxBytes: 0 }, 'BAD_CAPTURE_SIZE', { minMiB: '0.0625', minSize: '64 KiB' }],
    ['a file size of 0.001 MiB', { maxBytes: 1049 }, 'BAD_CAPTURE_SIZE', {}],
    ['a file size that is not a number', { maxBytes: Number.NaN }, 'BAD_CAPTURE_SIZE', {}],
    ['a file size past 1 TiB', { maxBytes: 2 ** 41 }, 'BAD_CAPTURE_SIZE', { maxSize: '1 TiB' }],
    ['keep 0 files', { maxFiles: 0 }, 'BAD_CAPTURE_FILES', { max: '100,000' }],
    ['keep 1.5 files', { maxFiles: 1.5 }, 'BAD_CAPTURE_FILES', {}],
  ];
  for (const [what, extra, code, params] of cases) {
    it(`${what}: ${code} with a plain message, no schema text`, async () => {
      const service = createService(engine, { shell: 'web', version: 'test' });
      const session = await engine.openUdp({ bind: true, address: '127.0.0.1', port: 0 });
      const result = await service.call('capture.start', {
        sessionId: session.id,
        format: 'pcapng',
        ...(extra.path ? {} : { directory: dir }),
        ...extra,
      });
      const error = (result.ok ? undefined : result.error) as BridgeError;
      expect(error).toMatchObject({ code, params });
      expect(error.message).not.toMatch(/Invalid input|Too small|Too big|expected|malformed/i);
      expect(engine.info(session.id).capture).toBeUndefined();
      expect(readdirSync(dir)).toEqual([]);
    });
  }
});
