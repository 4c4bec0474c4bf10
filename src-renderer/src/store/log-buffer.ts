import type { DataRecord } from '../../../src-shared/contract';

export interface LogEntry extends DataRecord {
  /** 1-based position among everything this session sent and received. */
  seq: number;
}

/**
 * Payload bytes one view may hold, whatever its entry capacity: 10,000 chunks
 * of 64 KiB would otherwise be 640 MB in one tab. The oldest entries go first.
 */
export const DEFAULT_VIEW_BYTES = 64 * 1024 * 1024;

/**
 * A fixed-capacity ring of log entries, bounded by count and by payload
 * bytes. Mutable on purpose: a flood appends thousands of entries a second,
 * and copying an array per batch would cost more than drawing it. The store
 * bumps a revision number to re-render.
 */
export class LogBuffer {
  private readonly items: (LogEntry | undefined)[];
  private start = 0;
  private size = 0;
  /** Payload bytes of the entries held. */
  private bytes = 0;
  /** Entries pushed out of the ring by newer ones. */
  evicted = 0;
  /** Entries main did not carry to the view (batch budget), counted not kept. */
  dropped = 0;
  private lastSeq = 0;

  constructor(
    readonly capacity: number,
    readonly maxBytes: number = DEFAULT_VIEW_BYTES,
  ) {
    this.items = new Array<LogEntry | undefined>(capacity);
  }

  /** Payload bytes held now (at most maxBytes, except one entry larger than that alone). */
  get heldBytes(): number {
    return this.bytes;
  }

  get length(): number {
    return this.size;
  }

  /** Entries this view no longer (or never) held. */
  get notKept(): number {
    return this.evicted + this.dropped;
  }

  /** The number of the latest entry this view has had (held, evicted or counted as dropped). */
  get latestSeq(): number {
    return this.lastSeq;
  }

  push(record: DataRecord): void {
    this.lastSeq += 1;
    const entry: LogEntry = { ...record, seq: this.lastSeq };
    const size = entry.bytes.byteLength;
    // Make room by bytes first (the newest entry is always kept), then by count.
    while (this.size > 0 && this.bytes + size > this.maxBytes) this.evictOldest();
    if (this.size === this.capacity) this.evictOldest();
    this.items[(this.start + this.size) % this.capacity] = entry;
    this.size += 1;
    this.bytes += size;
  }

  private evictOldest(): void {
    const oldest = this.items[this.start];
    this.bytes -= oldest?.bytes.byteLength ?? 0;
    this.items[this.start] = undefined;
    this.start = (this.start + 1) % this.capacity;
    this.size -= 1;
    this.evicted += 1;
  }

  skip(count: number): void {
    this.lastSeq += count;
    this.dropped += count;
  }

  /**
   * Main's batch of entries numbered from `first`: `records`, then `dropped`
   * entries it did not carry. What this view already has (a batch that main's
   * snapshot at a reload already counted) is skipped; entries between the
   * latest here and `first` were never seen here and are counted not kept.
   * So numbering follows main's, whichever of snapshot and batch came first.
   */
  append(first: number, records: readonly DataRecord[], dropped: number): void {
    if (first > this.lastSeq + 1) this.skip(first - this.lastSeq - 1);
    for (let i = Math.max(0, this.lastSeq + 1 - first); i < records.length; i += 1) {
      this.push(records[i] as DataRecord);
    }
    const end = first + records.length + dropped - 1;
    if (end > this.lastSeq) this.skip(end - this.lastSeq);
  }

  /** Main says its log has reached entry `seq`: what this view never had up to there is counted not kept. */
  catchUp(seq: number): void {
    if (seq > this.lastSeq) this.skip(seq - this.lastSeq);
  }

  /** Index 0 is the oldest entry still held. */
  at(index: number): LogEntry | undefined {
    if (index < 0 || index >= this.size) return undefined;
    return this.items[(this.start + index) % this.capacity];
  }

  /**
   * The entries held that are newer than `seq`, oldest first: what a reader that has seen up to
   * `seq` has not yet (a framer, a stream decoder). Walks back from the newest, so it costs what is new.
   */
  *newerThan(seq: number): Generator<LogEntry> {
    let first = this.size;
    while (first > 0 && (this.at(first - 1)?.seq ?? 0) > seq) first -= 1;
    for (let i = first; i < this.size; i += 1) yield this.at(i) as LogEntry;
  }

  /** The entry with this sequence number, if the ring still holds it (binary search: seqs only grow). */
  findBySeq(seq: number): LogEntry | undefined {
    let lo = 0;
    let hi = this.size - 1;
    while (lo <= hi) {
      const mid = (lo + hi) >> 1;
      const entry = this.at(mid) as LogEntry;
      if (entry.seq === seq) return entry;
      if (entry.seq < seq) lo = mid + 1;
      else hi = mid - 1;
    }
    return undefined;
  }

  /** A ring of another size holding the newest entries of this one, with the same numbering and counts. */
  resized(capacity: number): LogBuffer {
    const next = new LogBuffer(capacity, this.maxBytes);
    const skip = Math.max(0, this.size - capacity);
    for (let i = skip; i < this.size; i += 1) {
      const entry = this.at(i) as LogEntry;
      next.items[i - skip] = entry;
      next.bytes += entry.bytes.byteLength;
    }
    next.size = this.size - skip;
    next.evicted = this.evicted + skip;
    next.dropped = this.dropped;
    next.lastSeq = this.lastSeq;
    return next;
  }

  clear(): void {
    this.items.fill(undefined);
    this.evicted += this.size;
    this.start = 0;
    this.size = 0;
    this.bytes = 0;
  }
}
