import { useEffect } from 'react';
import { create } from 'zustand';
import type { Counters } from '../../../src-shared/contract';
import { countsInTotals, useSessions } from './sessions';

/** One second's traffic: bytes and messages, both directions together and apart. */
export interface RateSample {
  bytesIn: number;
  bytesOut: number;
  messagesIn: number;
  messagesOut: number;
}

/** How many one-second samples the graphs keep (a minute). */
export const RATE_HISTORY = 60;
export const TOTAL_KEY = '*';
const ZERO: RateSample = { bytesIn: 0, bytesOut: 0, messagesIn: 0, messagesOut: 0 };

interface RatesState {
  /** Per session id (and TOTAL_KEY): the last RATE_HISTORY samples, oldest first. */
  history: Record<string, RateSample[]>;
  sample(now: number): void;
}

let previous: { at: number; counters: Record<string, Counters> } | undefined;

/** The change since the last sample; a counter that went down was reset, so it counts from zero. */
const delta = (now: number, before: number | undefined): number =>
  before === undefined || now < before ? now : now - before;

export const useRates = create<RatesState>((set, get) => ({
  history: {},
  sample(now) {
    const { sessions } = useSessions.getState();
    const counters: Record<string, Counters> = {};
    const history: Record<string, RateSample[]> = {};
    const seconds = previous ? Math.max(0.001, (now - previous.at) / 1000) : 1;
    const total: RateSample = { ...ZERO };
    for (const [id, view] of Object.entries(sessions)) {
      const c = view.info.counters;
      counters[id] = c;
      const before = previous?.counters[id];
      const s: RateSample = {
        bytesIn: delta(c.bytesIn, before?.bytesIn) / seconds,
        bytesOut: delta(c.bytesOut, before?.bytesOut) / seconds,
        messagesIn: delta(c.messagesIn, before?.messagesIn) / seconds,
        messagesOut: delta(c.messagesOut, before?.messagesOut) / seconds,
      };
      // A session seen for the first time has no "before": its first second shows nothing rather than a spike.
      const sample = before ? s : { ...ZERO };
      history[id] = [...(get().history[id] ?? []), sample].slice(-RATE_HISTORY);
      if (!countsInTotals(view.info)) continue;
      total.bytesIn += sample.bytesIn;
      total.bytesOut += sample.bytesOut;
      total.messagesIn += sample.messagesIn;
      total.messagesOut += sample.messagesOut;
    }
    history[TOTAL_KEY] = [...(get().history[TOTAL_KEY] ?? []), total].slice(-RATE_HISTORY);
    previous = { at: now, counters };
    set({ history });
  },
}));

/** Sample once a second while mounted (the status bar, which is always there, runs it). */
export function useRateSampler(): void {
  useEffect(() => {
    const timer = setInterval(() => useRates.getState().sample(performance.now()), 1000);
    return () => clearInterval(timer);
  }, []);
}

const EMPTY: RateSample[] = [];
export const useRateHistory = (key: string): RateSample[] => useRates((s) => s.history[key] ?? EMPTY);

/** `1.2 MB/s`, `830 B/s`: rates are estimates, so they are rounded (counters never are). */
export function formatRate(perSecond: number, unit: 'B' | 'msg'): string {
  if (unit === 'msg') return perSecond >= 10 ? `${Math.round(perSecond)}/s` : `${perSecond.toFixed(1)}/s`;
  const units = ['B', 'KB', 'MB', 'GB'];
  let value = perSecond;
  let i = 0;
  while (value >= 1000 && i < units.length - 1) {
    value /= 1000;
    i += 1;
  }
  return `${value >= 100 || i === 0 ? Math.round(value) : value.toFixed(1)} ${units[i]}/s`;
}
