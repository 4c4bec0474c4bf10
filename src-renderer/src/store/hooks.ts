import { useEffect, useMemo } from 'react';
import type { Counters, SessionInfo } from '../../../src-shared/contract';
import type { RateSample } from './rates-slice';
import type { SessionLog, SessionRecord } from './sessions-slice';
import { useStore } from './store';
import type { SessionViewState } from './view-state';

/** Selectors by session id: each re-renders its component only when its part changes. */

export const useRecord = (id: string): SessionRecord | undefined => useStore((s) => s.sessions[id]);
export const useInfo = (id: string): SessionInfo | undefined => useStore((s) => s.sessions[id]?.info);

const NO_COUNTERS: Counters = { bytesIn: 0, bytesOut: 0, messagesIn: 0, messagesOut: 0 };
/** Live counters: they change with every batch, so only what shows them should select them. */
export const useCounters = (id: string): Counters => useStore((s) => s.counters[id] ?? NO_COUNTERS);

/** The session's log ring and its revision (the ring is mutable: the revision marks a change). */
export function useSessionLog(id: string): SessionLog | undefined {
  const log = useStore((s) => s.logs[id]);
  const rev = useStore((s) => s.logRevs[id] ?? 0);
  return useMemo(() => (log ? { log, rev } : undefined), [log, rev]);
}

/** One field (or a derived value) of a session's view state. */
export function useViewState<T>(id: string, pick: (view: SessionViewState) => T, fallback: T): T {
  return useStore((s) => {
    const view = s.views[id];
    return view ? pick(view) : fallback;
  });
}

/** Main is out of reach (the link dropped): nothing the page shows of it is known to be current. */
export const useOffline = (): boolean =>
  useStore((s) => s.connection === 'closed' || s.connection === 'lost');

const EMPTY_RATES: RateSample[] = [];
export const useRateHistory = (key: string): RateSample[] => useStore((s) => s.rates[key] ?? EMPTY_RATES);

/** Sample once a second while mounted (the status bar, which is always there, runs it). */
export function useRateSampler(): void {
  useEffect(() => {
    const timer = setInterval(() => useStore.getState().sampleRates(performance.now()), 1000);
    return () => clearInterval(timer);
  }, []);
}

/** The setters of a session's view state (stable functions: selecting them never re-renders). */
export const usePatchView = () => useStore((s) => s.patchView);
export const usePatchDrafts = () => useStore((s) => s.patchDrafts);
