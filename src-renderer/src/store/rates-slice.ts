import type { StateCreator } from 'zustand';
import type { Counters } from '../../../src-shared/contract';
import { countsInTotals } from './sessions-slice';
import type { Store } from './store';

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

export interface RatesSlice {
  /** Per session id (and TOTAL_KEY): the last RATE_HISTORY samples, oldest first. */
  rates: Record<string, RateSample[]>;
  /** The counters at the last sample, and when it was taken. */
  ratesBase: { at: number; counters: Record<string, Counters> } | undefined;
  sampleRates(now: number): void;
}

/** The change since the last sample; a counter that went down was reset, so it counts from zero. */
const delta = (now: number, before: number | undefined): number =>
  before === undefined || now < before ? now : now - before;

export const createRatesSlice: StateCreator<Store, [], [], RatesSlice> = (set, get) => ({
  rates: {},
  ratesBase: undefined,
  sampleRates(now) {
    const { sessions, counters: live, rates, ratesBase: previous } = get();
    const counters: Record<string, Counters> = {};
    const history: Record<string, RateSample[]> = {};
    const seconds = previous ? Math.max(0.001, (now - previous.at) / 1000) : 1;
    const total: RateSample = { ...ZERO };
    for (const [id, record] of Object.entries(sessions)) {
      const c = live[id] ?? record.info.counters;
      counters[id] = c;
      const before = previous?.counters[id];
      // A session seen for the first time has no "before": its first second shows nothing rather than a spike.
      const sample: RateSample = before
        ? {
            bytesIn: delta(c.bytesIn, before.bytesIn) / seconds,
            bytesOut: delta(c.bytesOut, before.bytesOut) / seconds,
            messagesIn: delta(c.messagesIn, before.messagesIn) / seconds,
            messagesOut: delta(c.messagesOut, before.messagesOut) / seconds,
          }
        : { ...ZERO };
      history[id] = [...(rates[id] ?? []), sample].slice(-RATE_HISTORY);
      if (!countsInTotals(record.info)) continue;
      total.bytesIn += sample.bytesIn;
      total.bytesOut += sample.bytesOut;
      total.messagesIn += sample.messagesIn;
      total.messagesOut += sample.messagesOut;
    }
    history[TOTAL_KEY] = [...(rates[TOTAL_KEY] ?? []), total].slice(-RATE_HISTORY);
    set({ rates: history, ratesBase: { at: now, counters } });
  },
});

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
