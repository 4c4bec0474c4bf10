import { beforeEach, describe, expect, it } from 'vitest';
import type { DataRecord, EngineEvent, SessionInfo } from '../../src-shared/contract';
import { useStore } from '../../src-renderer/src/store/store';

/**
 * A window that joins while data flows (a reload during a periodic send): its
 * list of sessions (main's snapshot) and main's event batches reach it in
 * either order. Entry numbers and "not kept" must follow main's log whatever
 * the order: no restart at #1, no entry counted twice.
 */

const peer = { address: '127.0.0.1', port: 9000, family: 'IPv4' as const };
const record = (n: number): DataRecord => ({ dir: 'out', t: n, peer, bytes: new Uint8Array([n & 0xff]) });

/** Main's view of a UDP session that has logged `logSeq` entries (all sends). */
const info = (logSeq: number): SessionInfo => ({
  id: 's1',
  kind: 'udp',
  state: 'bound',
  createdAt: 0,
  counters: { bytesIn: 0, bytesOut: logSeq, messagesIn: 0, messagesOut: logSeq },
  logSeq,
});

/** A batch carrying entries first…first+records-1, then `dropped` more: counters at its end. */
const data = (first: number, records: number, dropped = 0): EngineEvent => {
  const last = first + records + dropped - 1;
  return {
    type: 'data',
    sessionId: 's1',
    seq: first,
    records: Array.from({ length: records }, (_, i) => record(first + i)),
    droppedRecords: dropped,
    droppedBytes: dropped,
    counters: { bytesIn: 0, bytesOut: last, messagesIn: 0, messagesOut: last },
  };
};

const updated = (logSeq: number): EngineEvent => ({ type: 'session-updated', session: info(logSeq) });

/** What the log view shows: entry numbers held, and the "not kept" count. */
function shown(): { seqs: number[]; notKept: number; latest: number } {
  const log = useStore.getState().logs.s1;
  if (!log) throw new Error('no view of s1');
  const seqs = Array.from({ length: log.length }, (_, i) => log.at(i)?.seq ?? 0);
  return { seqs, notKept: log.notKept, latest: log.latestSeq };
}

/** Every entry main logged is either shown, with its own number, or counted not kept. */
function agreesWithMain(total: number): void {
  const { seqs, notKept, latest } = shown();
  expect(latest).toBe(total);
  expect(seqs.length + notKept).toBe(total);
  // Each number once, in order, none past main's latest.
  expect(seqs.every((seq, i) => seq <= total && (i === 0 || seq > (seqs[i - 1] as number)))).toBe(true);
}

beforeEach(() => {
  useStore.setState({
    sessions: {},
    order: [],
    selectedId: undefined,
    logs: {},
    logRevs: {},
    counters: {},
    views: {},
  });
});

describe('entry numbers of a window that joins while data flows', () => {
  it('a session-updated (periodic progress) arrives before the list: numbering starts at main’s position, not #1', () => {
    const { apply, resync } = useStore.getState();
    apply([updated(100)]);
    apply([data(101, 2)]);
    resync([info(102)]);
    expect(shown().seqs).toEqual([101, 102]);
    expect(shown().notKept).toBe(100);
    apply([data(103, 1)]);
    agreesWithMain(103);
  });

  it('the list counted a batch that is delivered after it: the batch is not added again', () => {
    const { apply, resync } = useStore.getState();
    resync([info(102)]);
    apply([data(101, 2)]);
    expect(shown().seqs).toEqual([]);
    apply([data(103, 3)]);
    expect(shown().seqs).toEqual([103, 104, 105]);
    expect(shown().notKept).toBe(102);
    agreesWithMain(105);
  });

  it('a batch straddles the snapshot: only its entries after it are added', () => {
    const { apply, resync } = useStore.getState();
    resync([info(101)]);
    apply([data(100, 4)]);
    expect(shown().seqs).toEqual([102, 103]);
    agreesWithMain(103);
  });

  it('batches before the window knows the session are covered by the list; dropped entries are numbered too', () => {
    const { apply, resync } = useStore.getState();
    apply([data(1, 50)]);
    resync([info(50)]);
    apply([data(49, 3, 4)]);
    // 49 and 50 were counted in the list: 51 is new, then 4 dropped (52–55).
    expect(shown().seqs).toEqual([51]);
    agreesWithMain(55);
    apply([data(56, 1)]);
    expect(shown().seqs).toEqual([51, 56]);
    agreesWithMain(56);
  });

  it('batches missed while the link was down (no reload): the list counts them as not kept, numbering goes on', () => {
    const { apply, resync } = useStore.getState();
    resync([info(0)]);
    apply([data(1, 3)]);
    // The link drops; main logs 4…10; it comes back with a resync.
    resync([info(10)]);
    expect(shown().seqs).toEqual([1, 2, 3]);
    apply([data(11, 1)]);
    expect(shown().seqs).toEqual([1, 2, 3, 11]);
    agreesWithMain(11);
  });

  it('a gap between batches (delivered without payloads) is counted, not renumbered', () => {
    const { apply, resync } = useStore.getState();
    resync([info(0)]);
    apply([data(1, 2)]);
    apply([data(8, 1)]);
    expect(shown().seqs).toEqual([1, 2, 8]);
    agreesWithMain(8);
  });
});
