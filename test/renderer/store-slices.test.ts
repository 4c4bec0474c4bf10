import { beforeEach, describe, expect, it } from 'vitest';
import type { Counters, DataRecord, EngineEvent, SessionInfo } from '../../src-shared/contract';
import { flushDrafts } from '../../src-renderer/src/store/drafts';
import { applyBatch } from '../../src-renderer/src/store/sessions-slice';
import { createStore } from '../../src-renderer/src/store/store';
import { storeKeyOf } from '../../src-renderer/src/store/view-state';

/** A stand-in for the page's localStorage (the store runs in Node here): a Map behind the same three calls. */
const kept = new Map<string, string>();
(globalThis as { localStorage?: unknown }).localStorage = {
  getItem: (key: string) => kept.get(key) ?? null,
  setItem: (key: string, value: string) => void kept.set(key, value),
  removeItem: (key: string) => void kept.delete(key),
};

const peer = { address: '127.0.0.1', port: 9000, family: 'IPv4' as const };
const counters = (n: number): Counters => ({ bytesIn: n, bytesOut: 0, messagesIn: n, messagesOut: 0 });
const udp = (id: string, port: number): SessionInfo => ({
  id,
  kind: 'udp',
  state: 'bound',
  createdAt: 0,
  local: { address: '0.0.0.0', port, family: 'IPv4' },
  counters: counters(0),
  logSeq: 0,
});
const opened = (info: SessionInfo): EngineEvent => ({ type: 'session-opened', session: info });
const data = (sessionId: string, seq: number, count: number): EngineEvent => ({
  type: 'data',
  sessionId,
  seq,
  records: Array.from({ length: count }, (_, i): DataRecord => ({
    dir: 'in',
    t: seq + i,
    peer,
    bytes: new Uint8Array([1]),
  })),
  droppedRecords: 0,
  droppedBytes: 0,
  counters: counters(seq + count - 1),
});

let store = createStore();
beforeEach(() => {
  kept.clear();
  store = createStore();
});

describe('applying an event batch', () => {
  it('a session opened gets its log, counters and one view-state record; removed, all of them go', () => {
    store.getState().apply([opened(udp('s1', 7788)), opened(udp('s2', 7789))]);
    const s = store.getState();
    expect(s.order).toEqual(['s1', 's2']);
    expect(Object.keys(s.views)).toEqual(['s1', 's2']);
    expect(s.views.s1?.drafts.input).toBe('');
    expect(s.logs.s1?.length).toBe(0);
    store.getState().apply([{ type: 'session-removed', sessionId: 's1' }]);
    const after = store.getState();
    expect(after.order).toEqual(['s2']);
    for (const map of [after.sessions, after.views, after.logs, after.logRevs, after.counters])
      expect(Object.keys(map)).toEqual(['s2']);
  });

  it('data changes the log, its revision and the counters, and nothing a panel or list selects', () => {
    store.getState().apply([opened(udp('s1', 7788))]);
    const before = store.getState();
    store.getState().apply([data('s1', 1, 3), data('s1', 4, 2)]);
    const after = store.getState();
    expect(after.logs.s1?.length).toBe(5);
    expect(after.logs.s1?.at(4)?.seq).toBe(5);
    expect(after.counters.s1?.messagesIn).toBe(5);
    expect(after.logRevs.s1).toBe(2);
    // Same objects: selectors of the session's record, the order and the view state do not re-render.
    expect(after.sessions).toBe(before.sessions);
    expect(after.order).toBe(before.order);
    expect(after.views).toBe(before.views);
    expect(after.logs.s1).toBe(before.logs.s1);
  });

  it('costs O(new entries): a batch for one session leaves the other sessions’ logs untouched', () => {
    store.getState().apply([opened(udp('s1', 1)), opened(udp('s2', 2))]);
    const next = applyBatch(store.getState(), [data('s2', 1, 1)]);
    expect(Object.keys(next).sort()).toEqual(['counters', 'logRevs']);
    expect(next.logRevs?.s1).toBe(store.getState().logRevs.s1);
  });

  it('a timeline step changes that session’s record only', () => {
    store.getState().apply([opened(udp('s1', 1)), opened(udp('s2', 2))]);
    const s2 = store.getState().sessions.s2;
    store.getState().apply([{ type: 'timeline', sessionId: 's1', t: 5, step: 'bind' }]);
    expect(store.getState().sessions.s1?.timeline.map((e) => e.step)).toEqual(['bind']);
    expect(store.getState().sessions.s2).toBe(s2);
  });
});

describe('the view state of a session', () => {
  it('is kept when another session is selected, and when main resyncs the same sessions', () => {
    store.getState().apply([opened(udp('s1', 1)), opened(udp('s2', 2))]);
    store.getState().patchView('s1', { viewMode: 'gbk', tab: 'code', follow: false });
    store.getState().patchDrafts('s1', { input: 'half-typed' });
    store.getState().select('s2');
    store.getState().select('s1');
    store.getState().resync([udp('s1', 1), udp('s2', 2)]);
    const view = store.getState().views.s1;
    expect(view?.viewMode).toBe('gbk');
    expect(view?.tab).toBe('code');
    expect(view?.follow).toBe(false);
    expect(view?.drafts.input).toBe('half-typed');
  });

  it('drafts come back after a reload, by kind and address, not by session id', () => {
    store.getState().apply([opened(udp('s1', 7788))]);
    store.getState().patchDrafts('s1', {
      input: 'hello 你好',
      chatLine: 'hi',
      destination: { host: '127.0.0.1', port: '8080' },
      repeatCount: '3',
    });
    flushDrafts();
    expect(kept.has(`workbench.drafts.${storeKeyOf(udp('x', 7788))}`)).toBe(true);
    // A new page: a new store; main's list names the same socket with another id.
    const reloaded = createStore();
    reloaded.getState().resync([udp('s9', 7788), udp('s10', 7790)]);
    expect(reloaded.getState().views.s9?.drafts).toMatchObject({
      input: 'hello 你好',
      chatLine: 'hi',
      destination: { host: '127.0.0.1', port: '8080' },
      repeatCount: '3',
    });
    expect(reloaded.getState().views.s10?.drafts.input).toBe('');
  });

  it('a session that is gone is not written to', () => {
    store.getState().patchView('nope', { tab: 'code' });
    store.getState().patchDrafts('nope', { input: 'x' });
    expect(store.getState().views).toEqual({});
  });
});
