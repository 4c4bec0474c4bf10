import { createSocket } from 'node:dgram';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { createEngine } from '../../src-main/app/compose';
import type { Engine } from '../../src-main/engine/engine';
import { shutdownEngines, track, type EventLog } from '../helpers/events';

/**
 * Main numbers a session's log entries itself: every data event says where
 * its entries start, and a session's info says how far the delivered log has
 * got. A window that joins late (a reload) needs both to number exactly as
 * main counts: entries still queued arrive after the answer and follow on.
 */

let engine: Engine;
let log: EventLog;

beforeEach(() => {
  // A small budget, so the flood below is partly dropped: dropped entries are numbered too.
  engine = createEngine({ batch: { burstRecords: 50, maxRecords: 5 } });
  log = track(engine);
});

afterEach(() => {
  shutdownEngines();
});

describe('log entry numbers', () => {
  it('data events number on without a gap, carried or dropped; info().logSeq taken mid-flood is the last entry delivered', async () => {
    const session = await engine.openUdp({ bind: true, address: '127.0.0.1', port: 0 });
    const port = session.local?.port ?? 0;
    const sender = createSocket('udp4');
    await new Promise<void>((resolve) => sender.bind(0, '127.0.0.1', () => resolve()));
    const mid: { logSeq: number; delivered: number }[] = [];
    /** The number of the latest entry in the data events delivered so far. */
    const delivered = (): number =>
      log
        .dataEvents(session.id)
        .reduce((n, e) => Math.max(n, e.seq + e.records.length + e.droppedRecords - 1), 0);
    for (let i = 0; i < 400; i += 1) {
      await new Promise<void>((resolve) =>
        sender.send(Buffer.from([i & 0xff]), port, '127.0.0.1', () => resolve()),
      );
      if (i % 20 === 19) {
        await new Promise((resolve) => setTimeout(resolve, 2));
        // What a reloading window gets: the position of what was delivered before its answer.
        mid.push({ logSeq: engine.info(session.id).logSeq, delivered: delivered() });
      }
    }
    sender.close();
    await log.waitFor(
      () => (engine.info(session.id).counters.messagesIn === 400 ? true : undefined),
      'all 400 counted',
    );
    engine.flush();

    for (const { logSeq, delivered: before } of mid) expect(logSeq).toBe(before);
    // Mid-flood some entries were counted but still queued: the answer did not claim them.
    expect(mid.some(({ logSeq }, i) => logSeq < (i + 1) * 20)).toBe(true);
    let next = 1;
    let dropped = 0;
    for (const event of log.dataEvents(session.id)) {
      expect(event.seq).toBe(next);
      next += event.records.length + event.droppedRecords;
      dropped += event.droppedRecords;
    }
    expect(next - 1).toBe(400);
    expect(dropped).toBeGreaterThan(0);
    expect(engine.info(session.id).logSeq).toBe(400);
  });
});
