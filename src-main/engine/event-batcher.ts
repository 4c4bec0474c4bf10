import type { Counters, DataRecord, EngineEvent, EventBatch } from '../../src-shared/contract';

type DataEvent = Extract<EngineEvent, { type: 'data' }>;
type ControlEvent = Exclude<EngineEvent, { type: 'data' }>;

export interface BatchLimits {
  /** Time between deliveries: ~60 per second. */
  intervalMs: number;
  /** Per session and interval, the most records carried to the view. */
  maxRecords: number;
  /** Per session and interval, the most payload bytes carried to the view. */
  maxBytes: number;
}

export const DEFAULT_BATCH_LIMITS: BatchLimits = {
  intervalMs: 16,
  maxRecords: 250,
  maxBytes: 256 * 1024,
};

interface OpenData {
  event: DataEvent;
  counters: Counters;
}

/**
 * Coalesces engine events into batches delivered at most once per interval.
 *
 * Order is kept per session: a control event (state change, timeline step)
 * closes that session's open data event, so data that arrived before a FIN is
 * delivered before it. What exceeds a session's budget for the interval is
 * counted as dropped instead of queued, so memory stays bounded however fast
 * a peer sends and however slow the consumer is; counters stay exact because
 * every data event carries the session's totals.
 */
export class EventBatcher {
  private queue: EngineEvent[] = [];
  private open = new Map<string, OpenData>();
  private used = new Map<string, { records: number; bytes: number }>();
  private timer: NodeJS.Timeout | undefined;
  /** After dispose() (engine shut down) late socket events are dropped, not queued. */
  private disposed = false;

  constructor(
    private readonly deliver: (batch: EventBatch) => void,
    private readonly limits: BatchLimits = DEFAULT_BATCH_LIMITS,
  ) {}

  push(event: ControlEvent, sessionId: string): void {
    if (this.disposed) return;
    this.closeData(sessionId);
    this.queue.push(event);
    this.schedule();
  }

  record(sessionId: string, counters: Counters, record: DataRecord): void {
    if (this.disposed) return;
    let open = this.open.get(sessionId);
    if (!open) {
      const event: DataEvent = {
        type: 'data',
        sessionId,
        records: [],
        droppedRecords: 0,
        droppedBytes: 0,
        counters,
      };
      open = { event, counters };
      this.open.set(sessionId, open);
      this.queue.push(event);
    }
    let used = this.used.get(sessionId);
    if (!used) {
      used = { records: 0, bytes: 0 };
      this.used.set(sessionId, used);
    }
    const size = record.bytes.byteLength;
    if (used.records < this.limits.maxRecords && used.bytes + size <= this.limits.maxBytes) {
      used.records += 1;
      used.bytes += size;
      open.event.records.push(record);
    } else {
      open.event.droppedRecords += 1;
      open.event.droppedBytes += size;
    }
    this.schedule();
  }

  /** Deliver whatever is queued now (used on shutdown and by tests). */
  flush(): void {
    if (this.timer) {
      clearTimeout(this.timer);
      this.timer = undefined;
    }
    for (const id of [...this.open.keys()]) this.closeData(id);
    this.used.clear();
    if (this.queue.length === 0) return;
    const batch = this.queue;
    this.queue = [];
    this.deliver(batch);
  }

  dispose(): void {
    this.disposed = true;
    if (this.timer) clearTimeout(this.timer);
    this.timer = undefined;
    this.queue = [];
    this.open.clear();
    this.used.clear();
  }

  private closeData(sessionId: string): void {
    const open = this.open.get(sessionId);
    if (!open) return;
    // Snapshot: the session keeps counting into its own object.
    open.event.counters = { ...open.counters };
    this.open.delete(sessionId);
  }

  private schedule(): void {
    if (this.timer) return;
    this.timer = setTimeout(() => {
      this.timer = undefined;
      this.flush();
    }, this.limits.intervalMs);
    this.timer.unref();
  }
}
