import { describe, expect, it } from 'vitest';
import type { EngineEvent, EventBatch } from '../../src-shared/contract';
import { AckedEvents, MAX_UNREAD_PAYLOAD_BYTES, payloadBytes } from '../../src-main/shell/flow-control';

type DataEvent = Extract<EngineEvent, { type: 'data' }>;

const MiB = 1024 * 1024;

/** A batch of one data event carrying `records` payloads of `size` bytes, with its exact counters. */
function batch(records: number, size: number, n: number): EventBatch {
  return [
    {
      type: 'data',
      sessionId: 's1',
      seq: n * records,
      records: Array.from({ length: records }, (_, i) => ({
        dir: 'in' as const,
        t: n * 1000 + i,
        peer: { address: '127.0.0.1', port: 9, family: 'IPv4' as const },
        bytes: new Uint8Array(size),
      })),
      droppedRecords: 0,
      droppedBytes: 0,
      counters: {
        bytesIn: (n + 1) * records * size,
        bytesOut: 0,
        messagesIn: (n + 1) * records,
        messagesOut: 0,
      },
    },
  ];
}

/**
 * A fake window in place of Electron's webContents: it receives numbered
 * batches and, while it reads, acknowledges each one as the preload does.
 * `reading = false` is a window that stopped reading (busy, frozen, hidden).
 */
class FakeWindow {
  reading = true;
  readonly received: { batch: EventBatch; seq: number }[] = [];
  events: AckedEvents | undefined;
  send = (batch: EventBatch, seq: number): void => {
    this.received.push({ batch, seq });
    if (this.reading) this.events?.ack(seq);
  };
  data(): DataEvent[] {
    return this.received.flatMap((r) => r.batch).filter((e): e is DataEvent => e.type === 'data');
  }
}

function connect(window: FakeWindow): AckedEvents {
  const events = new AckedEvents(window.send);
  window.events = events;
  return events;
}

describe('IPC flow control: a window that stops reading is not flooded', () => {
  it('a window that keeps reading gets every payload', () => {
    const window = new FakeWindow();
    const events = connect(window);
    for (let n = 0; n < 64; n++) events.push(batch(4, 64 * 1024, n)); // 16 MiB in all
    expect(events.unread).toBe(0);
    expect(window.data().every((e) => e.records.length === 4 && e.droppedRecords === 0)).toBe(true);
  });

  it('a window that stops reading holds at most the limit plus one batch; the rest arrive as counts, counters exact', () => {
    const window = new FakeWindow();
    const events = connect(window);
    window.reading = false;
    let most = 0;
    for (let n = 0; n < 200; n++) {
      events.push(batch(4, 64 * 1024, n)); // 256 KiB a batch, 50 MiB in all
      most = Math.max(most, events.unread);
    }
    expect(most).toBeLessThanOrEqual(MAX_UNREAD_PAYLOAD_BYTES + 256 * 1024);
    // Every batch still arrived, in order, with its state: only bytes were shed.
    expect(window.received.map((r) => r.seq)).toEqual(Array.from({ length: 200 }, (_, i) => i + 1));
    const data = window.data();
    const carried = data.reduce((n, e) => n + e.records.length, 0);
    const dropped = data.reduce((n, e) => n + e.droppedRecords, 0);
    expect(carried + dropped).toBe(800);
    expect(dropped).toBeGreaterThan(0);
    expect(data.at(-1)?.counters).toEqual({
      bytesIn: 800 * 64 * 1024,
      bytesOut: 0,
      messagesIn: 800,
      messagesOut: 0,
    });
    expect(data.at(-1)?.droppedBytes).toBe(4 * 64 * 1024);
  });

  it('once the window reads again (one acknowledgement covers every batch before it), payloads flow again', () => {
    const window = new FakeWindow();
    const events = connect(window);
    window.reading = false;
    for (let n = 0; n < 100; n++) events.push(batch(1, MiB, n));
    expect(payloadBytes(window.received.at(-1)?.batch ?? [])).toBe(0);
    window.reading = true;
    events.ack(window.received.at(-1)?.seq);
    expect(events.unread).toBe(0);
    events.push(batch(1, MiB, 100));
    expect(payloadBytes(window.received.at(-1)?.batch ?? [])).toBe(MiB);
  });

  it('ignores acknowledgements of batches never sent, or that are not numbers', () => {
    const window = new FakeWindow();
    const events = connect(window);
    window.reading = false;
    events.push(batch(1, MiB, 0));
    for (const bogus of [2, 0, -1, 1.5, '1', null, undefined, Number.NaN]) events.ack(bogus);
    expect(events.unread).toBe(MiB);
    events.ack(1);
    expect(events.unread).toBe(0);
  });
});
