import type { EncodingId } from '../../../../src-shared/codec/encodings';
import { createStreamDecoder, type StreamDecoder } from '../../../../src-shared/codec/stream';
import { visibleControls } from '../../../../src-shared/codec/visible';
import type { Direction } from '../../../../src-shared/contract';
import type { LogBuffer, LogEntry } from '../../store/log-buffer';
import { PREVIEW_CHARS } from './preview';

/** One log row of a stream, as text: the characters completed in this chunk. */
export interface StreamRow {
  text: string;
  /** Bytes at the end of this chunk that begin a character completed in a later chunk. */
  carry: number;
}

/** Chunks up to this size are decoded whole; of bigger ones only the head (shown) and the tail (carried). */
const WHOLE_LIMIT = 4096;
const TAIL = 16;

/**
 * The text view of a TCP stream. TCP has no message boundaries: a character
 * whose bytes arrive in two reads (a GBK 你 as C4 | E3) must show as one
 * character, not as two garbage halves. Each direction is its own byte
 * stream with its own decoder, fed every chunk in order; a row shows the
 * characters completed in it and carries an unfinished one to the next row
 * of the same direction. Rows are decoded once, when they first appear.
 */
export class StreamTexts {
  private lastSeq = 0;
  private readonly rows = new Map<number, StreamRow>();
  private readonly decoders: Record<Direction, StreamDecoder>;

  constructor(readonly encoding: EncodingId) {
    this.decoders = { in: createStreamDecoder(encoding), out: createStreamDecoder(encoding) };
  }

  /** Decode the entries that arrived since the last call (the log only ever appends). */
  sync(log: LogBuffer): void {
    for (const entry of log.newerThan(this.lastSeq)) this.add(entry);
    // Forget rows the ring no longer holds.
    if (this.rows.size > log.length) {
      const oldest = log.at(0)?.seq ?? this.lastSeq + 1;
      for (const seq of this.rows.keys()) if (seq < oldest) this.rows.delete(seq);
    }
  }

  row(entry: LogEntry): StreamRow | undefined {
    return this.rows.get(entry.seq);
  }

  private add(entry: LogEntry): void {
    const bytes = entry.bytes;
    let text: string;
    let cut = false;
    if (bytes.byteLength <= WHOLE_LIMIT) {
      text = this.decoders[entry.dir].write(bytes);
    } else {
      // Only the head is shown; a fresh decoder fed the tail carries the right bytes into the next row.
      text = this.decoders[entry.dir].write(bytes.subarray(0, WHOLE_LIMIT));
      cut = true;
      const decoder = createStreamDecoder(this.encoding);
      decoder.write(bytes.subarray(bytes.byteLength - TAIL));
      this.decoders[entry.dir] = decoder;
    }
    const carry = this.decoders[entry.dir].pending();
    if (text.length > PREVIEW_CHARS) {
      text = text.slice(0, PREVIEW_CHARS);
      cut = true;
    }
    this.rows.set(entry.seq, { text: visibleControls(text) + (cut ? ' …' : ''), carry });
    this.lastSeq = entry.seq;
  }
}

const cache = new WeakMap<LogBuffer, StreamTexts>();

/** The stream texts of one session's log in one encoding; a new encoding decodes the held entries afresh. */
export function streamTextsFor(log: LogBuffer, encoding: EncodingId): StreamTexts {
  let texts = cache.get(log);
  if (!texts || texts.encoding !== encoding) {
    texts = new StreamTexts(encoding);
    cache.set(log, texts);
  }
  texts.sync(log);
  return texts;
}
