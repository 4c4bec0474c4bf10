import { create } from 'zustand';
import type {
  BridgeError,
  EventBatch,
  SessionInfo,
  TimelineEvent,
  TimelineStep,
} from '../../../src-shared/contract';
import { LogBuffer } from './log-buffer';

/** How many entries each session's view keeps; older ones are counted, not kept. */
export const DEFAULT_VIEW_CAPACITY = 10_000;
const TIMELINE_CAPACITY = 500;

export interface TimelineEntry {
  t: number;
  step: TimelineStep;
  detail?: Record<string, string | number>;
  error?: BridgeError;
}

export interface SessionView {
  info: SessionInfo;
  log: LogBuffer;
  /** Bumped whenever log changes, so subscribers re-render. */
  rev: number;
  timeline: TimelineEntry[];
}

interface SessionsState {
  sessions: Record<string, SessionView>;
  /** Ids in creation order. */
  order: string[];
  selectedId: string | undefined;
  select(id: string | undefined): void;
  /** Replace everything with main's list (start-up and after a reconnect). */
  resync(list: SessionInfo[]): void;
  apply(batch: EventBatch): void;
  /** Put main's record of a session's lifecycle under what this window saw live (after a reload). */
  restoreTimeline(sessionId: string, steps: TimelineEvent[]): void;
  /** How many entries each session's view keeps. */
  capacity: number;
  /** Resize every view's ring (keeping the newest entries) and new ones. */
  setCapacity(capacity: number): void;
}

/** Sizes a view may keep (Settings in the log toolbar); remembered across reloads. */
export const VIEW_CAPACITIES = [10_000, 100_000, 1_000_000] as const;
const CAPACITY_KEY = 'workbench.viewCapacity';

/** The page's localStorage; none where the store runs in Node (its unit tests). */
const storage = ():
  { getItem(key: string): string | null; setItem(key: string, value: string): void } | undefined =>
  (globalThis as { localStorage?: ReturnType<typeof storage> }).localStorage;

function storedCapacity(): number {
  try {
    const value = Number(storage()?.getItem(CAPACITY_KEY));
    return (VIEW_CAPACITIES as readonly number[]).includes(value) ? value : DEFAULT_VIEW_CAPACITY;
  } catch {
    // Storage refused (private mode, tests without DOM): the default.
    return DEFAULT_VIEW_CAPACITY;
  }
}

let viewCapacity = storedCapacity();

function newView(info: SessionInfo): SessionView {
  return { info, log: new LogBuffer(viewCapacity), rev: 0, timeline: [] };
}

function toEntry(event: TimelineEvent): TimelineEntry {
  const entry: TimelineEntry = { t: event.t, step: event.step };
  if (event.detail) entry.detail = event.detail;
  if (event.error) entry.error = event.error;
  return entry;
}

/**
 * A view of a session as main describes it now: one that already carried data
 * before this window knew it (after a reload) starts at main's log position,
 * since main keeps counters, not payloads: those entries are "not kept in
 * view", and numbering carries on from there. Batches main had already
 * counted in that position are recognised by their numbers and not added again.
 */
function joinedView(info: SessionInfo): SessionView {
  const view = newView(info);
  view.log.catchUp(info.logSeq);
  return view;
}

export const useSessions = create<SessionsState>((set, get) => ({
  sessions: {},
  order: [],
  selectedId: undefined,

  select: (id) => set({ selectedId: id }),

  capacity: viewCapacity,
  setCapacity(capacity) {
    viewCapacity = capacity;
    try {
      storage()?.setItem(CAPACITY_KEY, String(capacity));
    } catch {
      // Not remembered; still applied now.
    }
    const sessions: Record<string, SessionView> = {};
    for (const [id, view] of Object.entries(get().sessions)) {
      sessions[id] = { ...view, log: view.log.resized(capacity), rev: view.rev + 1 };
    }
    set({ sessions, capacity });
  },

  resync(list) {
    const previous = get().sessions;
    const sessions: Record<string, SessionView> = {};
    for (const info of list) {
      const kept = previous[info.id];
      if (kept) kept.log.catchUp(info.logSeq); // what went by while the link was down
      sessions[info.id] = kept ? { ...kept, info, rev: kept.rev + 1 } : joinedView(info);
    }
    const selectedId = get().selectedId;
    set({
      sessions,
      order: list.map((s) => s.id),
      selectedId: selectedId && sessions[selectedId] ? selectedId : list[0]?.id,
    });
  },

  restoreTimeline(sessionId, steps) {
    const view = get().sessions[sessionId];
    if (!view || steps.length === 0) return;
    const last = steps[steps.length - 1]?.t ?? 0;
    const restored = steps.map(toEntry);
    // What arrived live after main's answer was made is kept on top of it.
    const timeline = [...restored, ...view.timeline.filter((e) => e.t > last)].slice(-TIMELINE_CAPACITY);
    set({ sessions: { ...get().sessions, [sessionId]: { ...view, timeline } } });
  },

  apply(batch) {
    let sessions = { ...get().sessions };
    let order = get().order;
    let selectedId = get().selectedId;
    for (const event of batch) {
      switch (event.type) {
        case 'session-opened': {
          sessions[event.session.id] = joinedView(event.session);
          if (!order.includes(event.session.id)) order = [...order, event.session.id];
          break;
        }
        case 'session-updated': {
          const view = sessions[event.session.id];
          // Unknown here (this window is joining: its list of sessions is still on the way): main's position too.
          sessions[event.session.id] = view ? { ...view, info: event.session } : joinedView(event.session);
          if (!view) order = [...order, event.session.id];
          break;
        }
        case 'session-removed': {
          const { [event.sessionId]: _removed, ...rest } = sessions;
          sessions = rest;
          order = order.filter((id) => id !== event.sessionId);
          if (selectedId === event.sessionId) selectedId = undefined;
          break;
        }
        case 'data': {
          const view = sessions[event.sessionId];
          if (!view) break;
          view.log.append(event.seq, event.records, event.droppedRecords);
          sessions[event.sessionId] = {
            ...view,
            rev: view.rev + 1,
            info: { ...view.info, counters: event.counters },
          };
          break;
        }
        case 'timeline': {
          const view = sessions[event.sessionId];
          if (!view) break;
          const timeline = [...view.timeline, toEntry(event)].slice(-TIMELINE_CAPACITY);
          sessions[event.sessionId] = { ...view, timeline };
          break;
        }
      }
    }
    set({ sessions, order, selectedId });
  },
}));

/**
 * Whether a session's counters go into the app's totals: an accepted client's
 * bytes are already in its server's counters, so counting both would double them.
 */
export function countsInTotals(info: SessionInfo): boolean {
  return info.kind !== 'tcp-conn';
}

/** Children (accepted connections) of a server, in order. */
export function childrenOf(
  state: Pick<SessionsState, 'sessions' | 'order'>,
  parentId: string,
): SessionView[] {
  return state.order
    .map((id) => state.sessions[id])
    .filter((v): v is SessionView => v?.info.parentId === parentId);
}
