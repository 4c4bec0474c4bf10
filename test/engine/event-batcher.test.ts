import { afterEach, describe, expect, it, vi } from 'vitest';
import type { Counters, DataRecord, EngineEvent, EventBatch } from '../../src-shared/contract';

type TimelineEvent = Extract<EngineEvent, { type: 'timeline' }>;
import { EventBatcher, type BatchLimits } from '../../src-main/engine/event-batcher';

const PEER = { address: '127.0.0.1', port: 7788, family: 'IPv4' } as const;

/** What a session does for each chunk: count it exactly, then carry it to the view if its lane has room. */
function feed(batcher: EventBatcher, sessionId: string, counters: Counters, size: number, tag = 0): void {
  counters.bytesIn += size;
  counters.messagesIn += 1;
  const lane = batcher.lane(sessionId, counters);
  const record: DataRecord = { dir: 'in', t: 0, peer: PEER, bytes: new Uint8Array(size).fill(tag) };
  lane.offer(record);
}

const zero = (): Counters => ({ bytesIn: 0, bytesOut: 0, messagesIn: 0, messagesOut: 0 });

const timeline = (sessionId: string, step: 'close' | 'peer-half-close'): TimelineEvent => ({
  type: 'timeline',
  sessionId,
  t: 0,
  step,
});

/** A compact picture of a batch: 'data:A[1,2]', 'timeline:A:close'. */
function shape(batch: EventBatch): string[] {
  return batch.map((e) => {
    if (e.type === 'data') return `data:${e.sessionId}[${e.records.map((r) => r.bytes[0]).join(',')}]`;
    if (e.type === 'timeline') return `timeline:${e.sessionId}:${e.step}`;
    return e.type;
  });
}

const ROOMY: BatchLimits = {
  intervalMs: 60_000,
  maxRecords: 1000,
  maxBytes: 1 << 20,
  burstRecords: 1000,
  burstBytes: 1 << 20,
  batchBytes: 1 << 20,
};

function collect(limits: Partial<BatchLimits> = {}): { batcher: EventBatcher; batches: EventBatch[] } {
  const batches: EventBatch[] = [];
  return { batcher: new EventBatcher((b) => batches.push(b), { ...ROOMY, ...limits }), batches };
}

/** Fake timers that also drive performance.now(), the clock the lanes refill by. */
const fakeClock = (): void => {
  vi.useFakeTimers({ toFake: ['setTimeout', 'clearTimeout', 'performance'] });
};

afterEach(() => {
  vi.useRealTimers();
});

describe('EventBatcher', () => {
  it("keeps each session's order: a control event closes that session's open data event", () => {
    const { batcher, batches } = collect();
    const a = zero();
    const b = zero();
    feed(batcher, 'A', a, 1, 1);
    feed(batcher, 'B', b, 1, 10);
    feed(batcher, 'A', a, 1, 2);
    batcher.push(timeline('A', 'peer-half-close'), 'A');
    feed(batcher, 'B', b, 1, 11);
    feed(batcher, 'A', a, 1, 3);
    batcher.push(timeline('A', 'close'), 'A');
    batcher.flush();

    expect(batches).toHaveLength(1);
    expect(shape(batches[0] ?? [])).toEqual([
      'data:A[1,2]',
      'data:B[10,11]',
      'timeline:A:peer-half-close',
      'data:A[3]',
      'timeline:A:close',
    ]);
  });

  it('counts what exceeds the budget as dropped, and counters stay exact', () => {
    fakeClock();
    const { batcher, batches } = collect({ maxRecords: 3, maxBytes: 10, burstRecords: 3, burstBytes: 10 });
    const c = zero();
    feed(batcher, 'A', c, 4, 1); // carried: 1 record, 4 bytes
    feed(batcher, 'A', c, 4, 2); // carried: 2 records, 8 bytes
    feed(batcher, 'A', c, 4, 3); // 12 bytes > 10: dropped
    feed(batcher, 'A', c, 2, 4); // carried: 3 records, 10 bytes
    feed(batcher, 'A', c, 1, 5); // a 4th record: dropped
    feed(batcher, 'B', zero(), 10, 6); // another session has its own budget
    batcher.flush();

    // The record carried after a drop starts a second event, so each event's entries number in order.
    const [dataA1, dataA2, dataB] = batches[0] ?? [];
    expect(dataA1).toMatchObject({
      type: 'data',
      sessionId: 'A',
      seq: 1,
      droppedRecords: 1,
      droppedBytes: 4,
    });
    expect(dataA2).toMatchObject({
      type: 'data',
      sessionId: 'A',
      seq: 4,
      droppedRecords: 1,
      droppedBytes: 1,
      counters: { bytesIn: 15, bytesOut: 0, messagesIn: 5, messagesOut: 0 },
    });
    const carried = [dataA1, dataA2].flatMap((e) => (e?.type === 'data' ? e.records : []));
    expect(carried.map((r) => r.bytes.byteLength)).toEqual([4, 4, 2]);
    expect(dataB).toMatchObject({ sessionId: 'B', droppedRecords: 0, droppedBytes: 0 });

    // With no time gone by the budget has not refilled: still dropped.
    feed(batcher, 'A', c, 4, 7);
    batcher.flush();
    expect(batches[1]).toMatchObject([{ sessionId: 'A', records: [], droppedRecords: 1 }]);

    // One interval later it has: the view gets records again.
    vi.advanceTimersByTime(60_000);
    feed(batcher, 'A', c, 4, 8);
    batcher.flush();
    expect(batches[2]).toEqual([
      {
        type: 'data',
        sessionId: 'A',
        seq: 7,
        records: [expect.objectContaining({ bytes: new Uint8Array(4).fill(8) })],
        droppedRecords: 0,
        droppedBytes: 0,
        counters: { bytesIn: 23, bytesOut: 0, messagesIn: 7, messagesOut: 0 },
      },
    ]);
  });

  it('lets a burst after a quiet spell through whole, then thins a flood to the sustained rate', () => {
    fakeClock();
    const limits = {
      intervalMs: 16,
      maxRecords: 10,
      maxBytes: 1 << 20,
      burstRecords: 500,
      burstBytes: 1 << 20,
    };
    const { batcher, batches } = collect(limits);
    const c = zero();
    const carried = (): number[] =>
      batches.map((b) => b.reduce((n, e) => n + (e.type === 'data' ? e.records.length : 0), 0));

    // A device dumps 400 datagrams at once: far more than 10 per interval, within the burst.
    for (let i = 0; i < 400; i += 1) feed(batcher, 'A', c, 1);
    vi.advanceTimersByTime(16);
    expect(carried()).toEqual([400]);

    // It keeps flooding: 100 per interval. What is left of the burst (100, plus 10 refilled) goes
    // first, then 10 per interval.
    for (let round = 0; round < 4; round += 1) {
      for (let i = 0; i < 100; i += 1) feed(batcher, 'A', c, 1);
      vi.advanceTimersByTime(16);
    }
    expect(carried()).toEqual([400, 100, 20, 10, 10]);

    // Quiet for 10 s: the bucket is full again, but never above the burst.
    vi.advanceTimersByTime(10_000);
    for (let i = 0; i < 600; i += 1) feed(batcher, 'A', c, 1);
    vi.advanceTimersByTime(16);
    expect(carried().at(-1)).toBe(500);
    expect(c.messagesIn).toBe(1400);
    const dropped = batches.flat().reduce((n, e) => n + (e.type === 'data' ? e.droppedRecords : 0), 0);
    expect(dropped).toBe(1400 - 400 - 100 - 40 - 500);
  });

  it('caps the bytes of one delivery, whatever the record count', () => {
    fakeClock();
    const { batcher, batches } = collect({ burstBytes: 1000, maxBytes: 100 });
    const c = zero();
    for (let i = 0; i < 30; i += 1) feed(batcher, 'A', c, 64);
    batcher.flush();
    const [data] = batches[0] ?? [];
    expect(data?.type === 'data' && data.records.length).toBe(15); // 15 × 64 = 960 ≤ 1000
    expect(data?.type === 'data' && data.droppedBytes).toBe(15 * 64);
  });

  it('caps the bytes of one delivery across all sessions, each of them within its own budget', () => {
    fakeClock();
    const { batcher, batches } = collect({ batchBytes: 1000 });
    for (const id of ['A', 'B', 'C']) {
      const c = zero();
      for (let i = 0; i < 10; i += 1) feed(batcher, id, c, 50);
    }
    batcher.flush();
    const carried = (batches[0] ?? []).map((e) => (e.type === 'data' ? e.records.length : -1));
    expect(carried).toEqual([10, 10, 0]); // 20 × 50 = 1000: C's records are counted as dropped
    expect(batches[0]?.[2]).toMatchObject({ sessionId: 'C', droppedRecords: 10, droppedBytes: 500 });
    // The next delivery has room again.
    for (let i = 0; i < 2; i += 1) feed(batcher, 'C', zero(), 50);
    batcher.flush();
    expect((batches[1] ?? []).map((e) => (e.type === 'data' ? e.records.length : -1))).toEqual([2]);
  });

  it('snapshots counters when a data event closes, so later counting does not rewrite it', () => {
    const { batcher, batches } = collect();
    const c = zero();
    feed(batcher, 'A', c, 3);
    batcher.push(timeline('A', 'peer-half-close'), 'A'); // closes the first data event at 3 bytes
    feed(batcher, 'A', c, 5);
    batcher.flush(); // closes the second at 8 bytes
    feed(batcher, 'A', c, 7); // counted after delivery: must not change what was delivered

    const data = (batches[0] ?? []).filter((e) => e.type === 'data');
    expect(data.map((e) => e.counters)).toEqual([
      { bytesIn: 3, bytesOut: 0, messagesIn: 1, messagesOut: 0 },
      { bytesIn: 8, bytesOut: 0, messagesIn: 2, messagesOut: 0 },
    ]);
    expect(c).toEqual({ bytesIn: 15, bytesOut: 0, messagesIn: 3, messagesOut: 0 });
  });

  it('delivers at most once per interval, coalescing everything queued meanwhile', () => {
    vi.useFakeTimers();
    const { batcher, batches } = collect({ intervalMs: 16 });
    const c = zero();
    for (let i = 0; i < 100; i += 1) feed(batcher, 'A', c, 1);
    batcher.push(timeline('A', 'close'), 'A');
    expect(batches).toHaveLength(0);
    vi.advanceTimersByTime(15);
    expect(batches).toHaveLength(0);
    vi.advanceTimersByTime(1);
    expect(batches).toHaveLength(1);
    const [data] = batches[0] ?? [];
    expect(data?.type === 'data' && data.records.length).toBe(100);
    vi.advanceTimersByTime(1000);
    expect(batches).toHaveLength(1); // nothing new queued: nothing delivered
  });

  it('numbers every entry of a session, carried or dropped: an event says where it starts, a record after a drop starts a new one', () => {
    fakeClock();
    const { batcher, batches } = collect({ burstBytes: 100, maxBytes: 0 });
    const c = zero();
    const lane = batcher.lane('A', c);
    // 60 fits, 60 does not (dropped), 30 fits: the 30 is entry 3, not entry 2.
    for (const size of [60, 60, 30]) feed(batcher, 'A', c, size, size);
    expect(lane.logged).toBe(3);
    batcher.flush();
    const events = (batches[0] ?? []).filter((e) => e.type === 'data');
    expect(events.map((e) => [e.seq, e.records.map((r) => r.bytes[0]), e.droppedRecords])).toEqual([
      [1, [60], 1],
      [3, [30], 0],
    ]);
    // The next delivery goes on from entry 4.
    feed(batcher, 'A', c, 0);
    batcher.flush();
    expect(batches[1]?.[0]).toMatchObject({ type: 'data', seq: 4 });
  });

  it('delivers nothing after dispose', () => {
    vi.useFakeTimers();
    const { batcher, batches } = collect({ intervalMs: 16 });
    feed(batcher, 'A', zero(), 1);
    batcher.dispose();
    vi.advanceTimersByTime(100);
    batcher.flush();
    expect(batches).toEqual([]);
  });
});
