import { spawnSync } from 'node:child_process';
import { createSocket, type Socket } from 'node:dgram';
import { mkdirSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { createEngine } from '../../src-main/app/compose';
import type { Engine } from '../../src-main/engine/engine';
import type { SessionInfo } from '../../src-shared/contract';
import { shutdownEngines, track, type EventLog } from '../helpers/events';

/**
 * A capture whose writes fail (disk full, folder removed) stops, and main says
 * so at once: the session's capture status turns to stopped with the error,
 * while the session itself goes on counting exactly. Start works again.
 */

let engine: Engine;
let log: EventLog;
let dir: string;

beforeEach(() => {
  engine = createEngine();
  log = track(engine);
  dir = mkdtempSync(join(tmpdir(), 'wb-capture-fail-'));
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
async function sendPaced(port: number, count: number, size: number): Promise<void> {
  const sender = await udpSender();
  for (let i = 0; i < count; i += 1) {
    const payload = Buffer.alloc(size, i & 0xff);
    await new Promise<void>((resolve) => sender.send(payload, port, '127.0.0.1', () => resolve()));
    if (i % 20 === 19) await new Promise((resolve) => setTimeout(resolve, 2));
  }
  sender.close();
}

/** The first snapshot of the session whose capture says it stopped. */
function stoppedSnapshot(sessionId: string): Promise<SessionInfo> {
  return log.waitForSnapshot(sessionId, (s) => s.capture?.state === 'stopped', 'the capture stopped', 10_000);
}

/** A 1 MiB tmpfs of the test's own, where the system lets it mount one (root); undefined elsewhere. */
function tinyDisk(): string | undefined {
  const mountPoint = join(dir, 'tiny');
  mkdirSync(mountPoint);
  const mounted = spawnSync('mount', ['-t', 'tmpfs', '-o', 'size=1m', 'tmpfs', mountPoint]);
  return mounted.status === 0 ? mountPoint : undefined;
}

const CAN_MOUNT = (() => {
  if (process.getuid?.() !== 0) return false;
  const probe = mkdtempSync(join(tmpdir(), 'wb-mount-probe-'));
  const ok = spawnSync('mount', ['-t', 'tmpfs', '-o', 'size=64k', 'tmpfs', probe]).status === 0;
  if (ok) spawnSync('umount', [probe]);
  rmSync(probe, { recursive: true, force: true });
  return ok;
})();
if (!CAN_MOUNT) console.warn('mount is not permitted here: the disk-full capture test is skipped.');

describe('a capture that a write failure stops', () => {
  it.skipIf(!CAN_MOUNT)(
    'disk full (1 MiB tmpfs, 3,000 datagrams of 1,000 bytes): stopped with ENOSPC at once; exact counters; Start works again',
    async () => {
      const disk = tinyDisk() as string;
      try {
        const session = await engine.openUdp({ bind: true, address: '127.0.0.1', port: 0 });
        const port = session.local?.port ?? 0;
        const started = engine.startCapture({ sessionId: session.id, format: 'pcapng', directory: disk });
        expect(started.state).toBe('recording');
        await sendPaced(port, 3000, 1000);

        // Told by main without anyone pressing Stop.
        const stopped = await stoppedSnapshot(session.id);
        expect(stopped.capture?.error).toMatchObject({ code: 'ENOSPC', params: { path: started.file } });
        // What it says it wrote fits on the disk: records lost with the failed write are not claimed.
        expect(stopped.capture?.bytes).toBeLessThanOrEqual(1024 * 1024);
        expect(stopped.capture?.records).toBeLessThan(1024);
        // The session stays up and counts every datagram.
        await log.waitFor(
          () => (engine.info(session.id).counters.messagesIn === 3000 ? true : undefined),
          'all 3,000 counted',
        );
        const info = engine.info(session.id);
        expect(info.state).toBe('bound');
        expect(info.counters).toMatchObject({ messagesIn: 3000, bytesIn: 3_000_000 });
        // A reloaded window asks main: it says the same.
        expect(info.capture).toMatchObject({ state: 'stopped', error: { code: 'ENOSPC' } });

        // Another folder: Start works again, and records from there.
        const again = engine.startCapture({ sessionId: session.id, format: 'jsonl', directory: dir });
        expect(again.state).toBe('recording');
        expect(engine.info(session.id).capture?.error).toBeUndefined();
        await sendPaced(port, 5, 10);
        await log.waitFor(
          () => (engine.info(session.id).capture?.records === 5 ? true : undefined),
          '5 records',
        );
        const final = engine.stopCapture(session.id);
        expect(final).toMatchObject({ state: 'stopped', records: 5 });
        expect(final.error).toBeUndefined();
        expect(engine.info(session.id).capture).toBeUndefined();
      } finally {
        // Its files closed first, or the disk is busy and stays mounted.
        shutdownEngines();
        if (spawnSync('umount', [disk]).status !== 0) spawnSync('umount', ['-l', disk]);
      }
    },
  );

  // Needs no mount, so it runs for every user: the folder is removed under a running capture.
  it('the folder removed (the next file cannot be created): stopped with ENOENT at once; exact counters; Stop answers with it', async () => {
    const folder = join(dir, 'captures');
    mkdirSync(folder);
    const session = await engine.openUdp({ bind: true, address: '127.0.0.1', port: 0 });
    const port = session.local?.port ?? 0;
    engine.startCapture({
      sessionId: session.id,
      format: 'jsonl',
      directory: folder,
      maxBytes: 64 * 1024,
      maxFiles: 3,
    });
    rmSync(folder, { recursive: true });
    // ~2 KiB of JSON each: the first file is full after ~32, and its successor cannot be created.
    await sendPaced(port, 200, 1000);

    const stopped = await stoppedSnapshot(session.id);
    expect(stopped.capture?.error?.code).toBe('ENOENT');
    expect(stopped.capture?.records).toBeLessThan(200);
    await log.waitFor(
      () => (engine.info(session.id).counters.messagesIn === 200 ? true : undefined),
      'all 200 counted',
    );
    expect(engine.info(session.id)).toMatchObject({
      state: 'bound',
      counters: { messagesIn: 200, bytesIn: 200_000 },
      capture: { state: 'stopped', error: { code: 'ENOENT' } },
    });
    // Stop (pressed as the capture failed) answers with the failure, not "not capturing".
    expect(engine.stopCapture(session.id)).toMatchObject({ state: 'stopped', error: { code: 'ENOENT' } });
    expect(engine.info(session.id).capture).toBeUndefined();
  });
});
