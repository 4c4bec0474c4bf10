import type { EventBatch } from '../../src-shared/contract';

/**
 * Above this much payload that a window has not yet read, payload records are
 * shed (and counted as dropped) rather than queued: state, timeline and exact
 * counters still arrive, so what the UI says stays true, only bytes are missing
 * from the view. The same limit for both shells.
 */
export const MAX_UNREAD_PAYLOAD_BYTES = 8 * 1024 * 1024;

/** Payload bytes a batch carries (what a slow window would have to hold). */
export function payloadBytes(batch: EventBatch): number {
  let bytes = 0;
  for (const event of batch) {
    if (event.type === 'data') for (const record of event.records) bytes += record.bytes.byteLength;
  }
  return bytes;
}

/** The batch with payload bytes turned into drop counts: state and counters still arrive. */
export function withoutPayloads(batch: EventBatch): EventBatch {
  return batch.map((event) =>
    event.type === 'data'
      ? {
          ...event,
          records: [],
          droppedRecords: event.droppedRecords + event.records.length,
          droppedBytes: event.droppedBytes + event.records.reduce((n, r) => n + r.bytes.byteLength, 0),
        }
      : event,
  );
}

/** Where numbered batches go: Electron's webContents.send, or a test's fake window. */
export type SendBatch = (batch: EventBatch, seq: number) => void;

/**
 * Event batches to a window that acknowledges what it has read (Electron IPC
 * has no backpressure of its own: a busy window would queue without bound).
 * Each batch goes out with a sequence number; the window's preload answers
 * with the number of the last batch it delivered, which covers every batch
 * before it too (so a window that reloads and acknowledges a later batch
 * frees the ones the old page never read). While more than `limit` payload
 * bytes are unacknowledged, batches go without their payloads.
 */
export class AckedEvents {
  private seq = 0;
  /** Batches sent and not yet acknowledged that carried payload: [seq, bytes], oldest first. */
  private readonly inFlight: [number, number][] = [];
  private unreadBytes = 0;

  constructor(
    private readonly send: SendBatch,
    private readonly limit = MAX_UNREAD_PAYLOAD_BYTES,
  ) {}

  /** Send a batch: with its payloads if the window keeps up, without them while it does not. */
  push(batch: EventBatch): void {
    const out = this.unreadBytes > this.limit ? withoutPayloads(batch) : batch;
    this.seq += 1;
    const bytes = payloadBytes(out);
    if (bytes > 0) {
      this.inFlight.push([this.seq, bytes]);
      this.unreadBytes += bytes;
    }
    this.send(out, this.seq);
  }

  /** The window has read every batch up to `seq`. Anything but a number we sent is ignored. */
  ack(seq: unknown): void {
    if (typeof seq !== 'number' || !Number.isInteger(seq) || seq < 1 || seq > this.seq) return;
    while (this.inFlight.length > 0 && (this.inFlight[0]?.[0] ?? Infinity) <= seq) {
      this.unreadBytes -= this.inFlight.shift()?.[1] ?? 0;
    }
  }

  /** Payload bytes sent and not yet acknowledged. */
  get unread(): number {
    return this.unreadBytes;
  }
}
