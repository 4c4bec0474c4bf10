import type { Counters, DataRecord, EngineEvent, EventBatch } from '../../src-shared/contract';

type DataEvent = Extract<EngineEvent, { type: 'data' }>;
type ControlEvent = Exclude<EngineEvent, { type: 'data' }>;

export interface BatchLimits {
  /** Time between deliveries: ~60 per second. */
  intervalMs: number;
  /** Per session and interval, on average, the most records carried to the view: a sustained flood is thinned to this. */
  maxRecords: number;
  /** Per session and interval, on average, the most payload bytes carried to the view. */
  maxBytes: number;
  /** The most records one delivery may carry for a session after a quiet spell: a burst this size reaches the view whole. */
  burstRecords: number;
  /** The most payload bytes one delivery may carry for a session. */
  burstBytes: number;
  /** The most payload bytes one delivery carries across all sessions: the byte cap per batch. */
  batchBytes: number;
}

export const DEFAULT_BATCH_LIMITS: BatchLimits = {
  intervalMs: 16,
  maxRecords: 250,
  maxBytes: 256 * 1024,
  // As many entries as the view keeps by default: a device dumping a log at
  // once is shown whole, not thinned to 250 per frame.
  burstRecords: 10_000,
  burstBytes: 4 * 1024 * 1024,
  // A thousand clients bursting at once still make one bounded batch.
  batchBytes: 8 * 1024 * 1024,
};

/**
 * One session's way into the batcher, held by the session so the hot path
 * (every datagram, every TCP read) costs no lookups. What the session may
 * carry to the view is a token bucket: it holds up to a burst and refills at
 * the sustained rate, so a burst after a quiet spell arrives whole while a
 * flood is thinned to the rate. A session asks fits() first, so a record that
 * would be dropped need not even be built.
 */
export class DataLane {
  /** The session's data event of the current interval, until a control event or the delivery closes it. */
  event: DataEvent | undefined;
  /** Listed in the batcher's lanes touched this interval. */
  touched = false;
  /**
   * Entries of this session's log so far, carried to the view or dropped: the
   * number of the latest one. Never reset (a counter reset does not renumber
   * the log), and read by info() in the same tick as the batch it continues,
   * so a window that joins late numbers exactly from there.
   */
  logged = 0;
  /**
   * The number of the latest entry already handed to the windows (delivered
   * in a batch). A window that joins late starts from here: entries counted
   * but still queued arrive after its answer on the same ordered channel and
   * are numbered on from it, so the view holds them instead of counting them
   * "not kept" and then skipping them as already seen.
   */
  delivered = 0;
  private recordTokens: number;
  private byteTokens: number;
  private refilledAt: number;

  constructor(
    private readonly batcher: EventBatcher,
    readonly sessionId: string,
    /** The session's own live counters; each delivered event carries a snapshot. */
    readonly counters: Counters,
    private readonly limits: BatchLimits,
  ) {
    this.recordTokens = limits.burstRecords;
    this.byteTokens = limits.burstBytes;
    this.refilledAt = performance.now();
  }

  /** Whether a record of `size` bytes would reach the view now. */
  fits(size: number): boolean {
    // One clock read per session and interval: the first record of an interval refills.
    if (!this.touched) this.refill();
    return this.recordTokens >= 1 && this.byteTokens >= size && this.batcher.bytesLeft >= size;
  }

  /** Carry a record to the view (the caller checked fits()). */
  carry(record: DataRecord): void {
    // An event numbers its records first, then its dropped ones: a record
    // carried after a drop (a small one after a big one did not fit) starts a new event.
    if (this.event && this.event.droppedRecords > 0) this.batcher.closeData(this);
    const event = this.batcher.openData(this);
    if (!event) return;
    this.logged += 1;
    const size = record.bytes.byteLength;
    this.recordTokens -= 1;
    this.byteTokens -= size;
    this.batcher.bytesLeft -= size;
    event.records.push(record);
  }

  /** Carry a record if it fits, else count it as dropped: for callers that have the record anyway. */
  offer(record: DataRecord): void {
    const size = record.bytes.byteLength;
    if (this.fits(size)) this.carry(record);
    else this.drop(size);
  }

  /** Deliver the session's counters with the next batch, though it carried no record itself (a server's totals). */
  touch(): void {
    this.batcher.openData(this);
  }

  /** Count a record the view will not see: its counters are still exact. */
  drop(size: number): void {
    const event = this.batcher.openData(this);
    if (!event) return;
    this.logged += 1;
    event.droppedRecords += 1;
    event.droppedBytes += size;
  }

  private refill(): void {
    const now = performance.now();
    const intervals = (now - this.refilledAt) / this.limits.intervalMs;
    this.refilledAt = now;
    const { maxRecords, maxBytes, burstRecords, burstBytes } = this.limits;
    this.recordTokens = Math.min(burstRecords, this.recordTokens + intervals * maxRecords);
    this.byteTokens = Math.min(burstBytes, this.byteTokens + intervals * maxBytes);
  }
}

/**
 * Coalesces engine events into batches delivered at most once per interval.
 *
 * Order is kept per session: a control event (state change, timeline step)
 * closes that session's open data event, so data that arrived before a FIN is
 * delivered before it. What exceeds a session's budget (its lane's bucket) is
 * counted as dropped instead of queued, so memory stays bounded however fast
 * a peer sends and however slow the consumer is; counters stay exact because
 * every data event carries the session's totals.
 */
export class EventBatcher {
  /** Payload bytes the next delivery may still carry, across all sessions. */
  bytesLeft: number;
  private queue: EngineEvent[] = [];
  private readonly lanes = new Map<string, DataLane>();
  /** Lanes that carried or dropped something since the last delivery. */
  private touched: DataLane[] = [];
  private timer: NodeJS.Timeout | undefined;
  /** After dispose() (engine shut down) late socket events are dropped, not queued. */
  private disposed = false;

  constructor(
    private readonly deliver: (batch: EventBatch) => void,
    private readonly limits: BatchLimits = DEFAULT_BATCH_LIMITS,
  ) {
    this.bytesLeft = limits.batchBytes;
  }

  /** The session's lane; `counters` is the object the session keeps counting into. */
  lane(sessionId: string, counters: Counters): DataLane {
    let lane = this.lanes.get(sessionId);
    if (!lane) {
      lane = new DataLane(this, sessionId, counters, this.limits);
      this.lanes.set(sessionId, lane);
    }
    return lane;
  }

  push(event: ControlEvent, sessionId: string): void {
    if (this.disposed) return;
    const lane = this.lanes.get(sessionId);
    if (lane) this.closeData(lane);
    // The last word about a session: nothing of it is batched any more.
    if (event.type === 'session-removed') this.lanes.delete(sessionId);
    this.queue.push(event);
    this.schedule();
  }

  /** Deliver whatever is queued now (used on shutdown and by tests). */
  flush(): void {
    if (this.timer) {
      clearTimeout(this.timer);
      this.timer = undefined;
    }
    for (const lane of this.touched) {
      this.closeData(lane);
      lane.touched = false;
      lane.delivered = lane.logged;
    }
    this.touched = [];
    this.bytesLeft = this.limits.batchBytes;
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
    for (const lane of this.touched) lane.event = undefined;
    this.touched = [];
    this.lanes.clear();
  }

  /** The lane's open data event, queued now if it has none; undefined once disposed. */
  openData(lane: DataLane): DataEvent | undefined {
    if (this.disposed) return undefined;
    if (!lane.touched) {
      lane.touched = true;
      this.touched.push(lane);
    }
    if (!lane.event) {
      lane.event = {
        type: 'data',
        sessionId: lane.sessionId,
        seq: lane.logged + 1,
        records: [],
        droppedRecords: 0,
        droppedBytes: 0,
        counters: lane.counters,
      };
      this.queue.push(lane.event);
      this.schedule();
    }
    return lane.event;
  }

  /** End the lane's open data event: what the lane reports next goes into a new one. */
  closeData(lane: DataLane): void {
    if (!lane.event) return;
    // Snapshot: the session keeps counting into its own object.
    lane.event.counters = { ...lane.counters };
    lane.event = undefined;
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
