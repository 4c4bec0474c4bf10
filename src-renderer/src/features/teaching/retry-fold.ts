import type { StepEntry, TimelineItem } from './timeline-fold';

/** Every reconnect attempt repeating the failure before it, folded into one line. */
export interface RetryItem {
  type: 'retry';
  t: number;
  tEnd: number;
  /** Attempts folded here. */
  count: number;
  host: string | number;
  port: string | number;
  /** The failure they all ended in (the same code as the failure shown just before). */
  error: NonNullable<StepEntry['error']>;
  source?: string;
}

const stepAt = (items: readonly TimelineItem[], i: number): StepEntry | undefined => {
  const item = items[i];
  return item?.type === 'step' ? item.entry : undefined;
};

/**
 * A client that reconnects to a closed port logs reconnect → connect → error
 * → close once per attempt, each with the full explanation of the error.
 * Attempts that fail exactly like the failure before them (same address,
 * same code, same session) say nothing new: they become one "× N" item, and
 * the explanation stays with the first failure. A different outcome (another
 * code, a success) is shown step by step again.
 */
export function foldRetries(items: readonly TimelineItem[]): TimelineItem[] {
  const out: TimelineItem[] = [];
  /** The last failure shown: what an identical attempt repeats. */
  let lastFailure: { code: string; target: string; source: string | undefined } | undefined;
  for (let i = 0; i < items.length; i++) {
    const item = items[i] as TimelineItem;
    const source = item.source;
    const [reconnect, connect, error, close] = [0, 1, 2, 3].map((k) => stepAt(items, i + k));
    const attempt =
      reconnect?.step === 'reconnect' &&
      // A "Connect again" by hand is the user's own step: shown, never folded into the timer's retries.
      reconnect.detail?.manual !== 1 &&
      connect?.step === 'connect' &&
      error?.step === 'error' &&
      error.error &&
      close?.step === 'close' &&
      [1, 2, 3].every((k) => items[i + k]?.source === source)
        ? { connect, error: error.error, tEnd: (items[i + 3] as TimelineItem).t }
        : undefined;
    if (attempt) {
      const host = attempt.connect.detail?.host ?? '';
      const port = attempt.connect.detail?.port ?? '';
      const target = `${host}:${port}`;
      const same =
        lastFailure?.code === attempt.error.code &&
        lastFailure.target === target &&
        lastFailure.source === source;
      if (same) {
        const last = out.at(-1);
        if (last?.type === 'retry' && last.source === source) {
          last.count += 1;
          last.tEnd = attempt.tEnd;
        } else {
          out.push({
            type: 'retry',
            t: item.t,
            tEnd: attempt.tEnd,
            count: 1,
            host,
            port,
            error: attempt.error,
            ...(source ? { source } : {}),
          });
        }
        i += 3;
        continue;
      }
    }
    out.push(item);
    if (item.type === 'step') {
      if (item.entry.step === 'connect') {
        const target = `${item.entry.detail?.host ?? ''}:${item.entry.detail?.port ?? ''}`;
        const failed = stepAt(items, i + 1);
        lastFailure =
          failed?.step === 'error' && failed.error && items[i + 1]?.source === source
            ? { code: failed.error.code, target, source }
            : undefined;
      } else if (item.entry.step === 'connected') lastFailure = undefined;
    }
  }
  return out;
}
