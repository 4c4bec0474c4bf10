import type { StateCreator } from 'zustand';
import type {
  BridgeError,
  Counters,
  EventBatch,
  SessionInfo,
  TimelineEvent,
  TimelineStep,
} from '../../../src-shared/contract';
import { loadDrafts, loadEncoding } from './drafts';
import { LogBuffer } from './log-buffer';
import type { Store } from './store';
import { languageEncoding, newViewState, storeKeyOf, type SessionViewState } from './view-state';

/** How many entries each session's view keeps; older ones are counted, not kept. */
export const DEFAULT_VIEW_CAPACITY = 10_000;
/** Sizes a view may keep (Settings in the log toolbar); remembered across reloads. */
export const VIEW_CAPACITIES = [10_000, 100_000, 1_000_000] as const;
const TIMELINE_CAPACITY = 500;
const CAPACITY_KEY = 'workbench.viewCapacity';

export interface TimelineEntry {
  t: number;
  step: TimelineStep;
  detail?: Record<string, string | number>;
  error?: BridgeError;
}

/**
 * A session as this window knows it. The parts that change with every batch
 * (counters, the log) are kept beside it, not in it, so what shows the
 * session's facts re-renders only when a fact changes.
 */
export interface SessionRecord {
  /** Main's description; its `counters` are as of the last session-updated: read `counters` for live ones. */
  info: SessionInfo;
  timeline: TimelineEntry[];
}

/** A session's log as a component reads it: the mutable ring and the revision that marks a change in it. */
export interface SessionLog {
  log: LogBuffer;
  rev: number;
}

export interface SessionsSlice {
  sessions: Record<string, SessionRecord>;
  /** Ids in creation order. */
  order: string[];
  selectedId: string | undefined;
  counters: Record<string, Counters>;
  logs: Record<string, LogBuffer>;
  logRevs: Record<string, number>;
  views: Record<string, SessionViewState>;
  /** How many entries each session's view keeps. */
  capacity: number;
  select(id: string | undefined): void;
  /** Replace everything with main's list (start-up and after a reconnect). */
  resync(list: SessionInfo[]): void;
  apply(batch: EventBatch): void;
  /** Put main's record of a session's lifecycle under what this window saw live (after a reload). */
  restoreTimeline(sessionId: string, steps: TimelineEvent[]): void;
  /** Resize every view's ring (keeping the newest entries) and new ones. */
  setCapacity(capacity: number): void;
  /** Something wrote into a session's ring outside a batch (the bench's fill): re-render its log. */
  touchLog(sessionId: string): void;
}

interface Storage {
  getItem(key: string): string | null;
  setItem(key: string, value: string): void;
}
/** The page's localStorage; none where the store runs in Node (its unit tests). */
const storage = (): Storage | undefined => (globalThis as { localStorage?: Storage }).localStorage;

function storedCapacity(): number {
  try {
    const value = Number(storage()?.getItem(CAPACITY_KEY));
    return (VIEW_CAPACITIES as readonly number[]).includes(value) ? value : DEFAULT_VIEW_CAPACITY;
  } catch {
    // Storage refused (private mode, tests without DOM): the default.
    return DEFAULT_VIEW_CAPACITY;
  }
}

/** The language the page is shown in (i18n sets it on <html>); none in the store's unit tests. */
const pageLanguage = (): string | undefined =>
  (globalThis as { document?: { documentElement?: { lang?: string } } }).document?.documentElement?.lang;

function toEntry(event: TimelineEvent): TimelineEntry {
  const entry: TimelineEntry = { t: event.t, step: event.step };
  if (event.detail) entry.detail = event.detail;
  if (event.error) entry.error = event.error;
  return entry;
}

type Data = Pick<
  SessionsSlice,
  'sessions' | 'order' | 'selectedId' | 'counters' | 'logs' | 'logRevs' | 'views' | 'capacity'
>;

/**
 * Applies main's batch to the sessions' data: O(records in the batch) plus
 * one shallow copy of each map the batch touched. Payload-carrying events
 * (data) touch only the live maps; the session records, their order and the
 * view states change only when a session opens, changes or goes.
 */
export function applyBatch(state: Data, batch: EventBatch): Partial<Data> {
  const out: Partial<Data> = {};
  const own = <K extends 'sessions' | 'counters' | 'logs' | 'logRevs' | 'views'>(key: K): Data[K] => {
    if (!out[key]) out[key] = { ...state[key] } as Data[K];
    return out[key] as Data[K];
  };
  const sessions = (): Record<string, SessionRecord> => out.sessions ?? state.sessions;
  const join = (info: SessionInfo): void => {
    own('sessions')[info.id] = { info, timeline: sessions()[info.id]?.timeline ?? [] };
    own('counters')[info.id] = info.counters;
    const log = new LogBuffer(state.capacity);
    log.catchUp(info.logSeq);
    own('logs')[info.id] = log;
    own('logRevs')[info.id] = 0;
    if (!(out.views ?? state.views)[info.id]) {
      const key = storeKeyOf(info);
      own('views')[info.id] = newViewState(
        loadDrafts(key),
        loadEncoding(key) ?? languageEncoding(pageLanguage()),
      );
    }
    const order = out.order ?? state.order;
    if (!order.includes(info.id)) out.order = [...order, info.id];
  };
  for (const event of batch) {
    switch (event.type) {
      case 'session-opened':
        join(event.session);
        break;
      case 'session-updated': {
        const known = sessions()[event.session.id];
        // Unknown here (this window is joining: its list of sessions is still on the way): main's position too.
        if (!known) join(event.session);
        else {
          own('sessions')[event.session.id] = { ...known, info: event.session };
          own('counters')[event.session.id] = event.session.counters;
        }
        break;
      }
      case 'session-removed': {
        const id = event.sessionId;
        for (const key of ['sessions', 'counters', 'logs', 'logRevs', 'views'] as const)
          Reflect.deleteProperty(own(key), id);
        out.order = (out.order ?? state.order).filter((x) => x !== id);
        if ((out.selectedId ?? state.selectedId) === id) out.selectedId = undefined;
        break;
      }
      case 'data': {
        const log = (out.logs ?? state.logs)[event.sessionId];
        if (!log) break;
        log.append(event.seq, event.records, event.droppedRecords);
        const revs = own('logRevs');
        revs[event.sessionId] = (revs[event.sessionId] ?? 0) + 1;
        own('counters')[event.sessionId] = event.counters;
        break;
      }
      case 'timeline': {
        const record = sessions()[event.sessionId];
        if (!record) break;
        const timeline = [...record.timeline, toEntry(event)].slice(-TIMELINE_CAPACITY);
        own('sessions')[event.sessionId] = { ...record, timeline };
        break;
      }
    }
  }
  return out;
}

/** Main's full list: kept sessions keep their log, lifecycle and view state; gone ones lose all three. */
export function resyncSessions(state: Data, list: SessionInfo[]): Partial<Data> {
  const fresh: Data = {
    ...state,
    sessions: {},
    order: [],
    counters: {},
    logs: {},
    logRevs: {},
    views: {},
  };
  for (const info of list) {
    const kept = state.sessions[info.id];
    const log = state.logs[info.id];
    if (kept && log) {
      log.catchUp(info.logSeq); // what went by while the link was down
      fresh.sessions[info.id] = { ...kept, info };
      fresh.logs[info.id] = log;
      fresh.logRevs[info.id] = (state.logRevs[info.id] ?? 0) + 1;
      fresh.counters[info.id] = info.counters;
      const view = state.views[info.id];
      if (view) fresh.views[info.id] = view;
    }
  }
  const joined = applyBatch(
    fresh,
    list.filter((info) => !fresh.sessions[info.id]).map((session) => ({ type: 'session-opened', session })),
  );
  const next = { ...fresh, ...joined, order: list.map((s) => s.id) };
  const selectedId = state.selectedId;
  return { ...next, selectedId: selectedId && next.sessions[selectedId] ? selectedId : list[0]?.id };
}

export const createSessionsSlice: StateCreator<Store, [], [], SessionsSlice> = (set, get) => ({
  sessions: {},
  order: [],
  selectedId: undefined,
  counters: {},
  logs: {},
  logRevs: {},
  views: {},
  capacity: storedCapacity(),

  // Choosing a session (in the list, or by opening a new one) leaves the network view.
  select: (id) => set(id === undefined ? { selectedId: id } : { selectedId: id, networkOpen: false }),

  setCapacity(capacity) {
    try {
      storage()?.setItem(CAPACITY_KEY, String(capacity));
    } catch {
      // Not remembered; still applied now.
    }
    const logs: Record<string, LogBuffer> = {};
    const logRevs: Record<string, number> = {};
    for (const [id, log] of Object.entries(get().logs)) {
      logs[id] = log.resized(capacity);
      logRevs[id] = (get().logRevs[id] ?? 0) + 1;
    }
    set({ logs, logRevs, capacity });
  },

  resync: (list) => set(resyncSessions(get(), list)),
  apply: (batch) => set(applyBatch(get(), batch)),

  restoreTimeline(sessionId, steps) {
    const record = get().sessions[sessionId];
    if (!record || steps.length === 0) return;
    const last = steps[steps.length - 1]?.t ?? 0;
    // What arrived live after main's answer was made is kept on top of it.
    const timeline = [...steps.map(toEntry), ...record.timeline.filter((e) => e.t > last)].slice(
      -TIMELINE_CAPACITY,
    );
    set({ sessions: { ...get().sessions, [sessionId]: { ...record, timeline } } });
  },

  touchLog: (sessionId) =>
    set({ logRevs: { ...get().logRevs, [sessionId]: (get().logRevs[sessionId] ?? 0) + 1 } }),
});

/**
 * Whether a session's counters go into the app's totals: an accepted client's
 * bytes are already in its server's counters, so counting both would double them.
 */
export function countsInTotals(info: SessionInfo): boolean {
  return info.kind !== 'tcp-conn';
}

/** Children (accepted connections) of a server, in order. */
export function childrenOf(
  state: Pick<SessionsSlice, 'sessions' | 'order'>,
  parentId: string,
): SessionRecord[] {
  return state.order
    .map((id) => state.sessions[id])
    .filter((r): r is SessionRecord => r?.info.parentId === parentId);
}
