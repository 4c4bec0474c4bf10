import type { Direction, Endpoint } from '../../../../src-shared/contract';
import type { LogBuffer, LogEntry } from '../../store/log-buffer';
import { DEFAULT_FRAMING, type FramingChoice, type FramingSetting } from '../../store/view-state';

/**
 * Message framing of a TCP stream, as a view.
 *
 * TCP carries a byte stream with no message boundaries: a log entry is one
 * read (what `recv()` happened to return), not one message the peer sent.
 * Three lines written at once arrive as one chunk; one line written in three
 * pieces may arrive as three. Framing regroups the same bytes into messages
 * by a rule, the way a protocol parser would. Each direction is its own
 * stream and is framed on its own; the result is interleaved in time order.
 */
export type FramingRule =
  /** Each chunk as it was read (no framing). */
  | { kind: 'chunks' }
  /** A message ends with these bytes (kept in the message). */
  | { kind: 'delimiter'; bytes: Uint8Array }
  /** A message ends when no chunk of its direction follows within gapMs. */
  | { kind: 'idle'; gapMs: number }
  /** Every `length` bytes are one message. */
  | { kind: 'fixed'; length: number };

/** One framed message. It is a LogEntry (seq = its last chunk), so the log's row views can draw it. */
export interface FramedMessage extends LogEntry {
  /** Stable across re-framing: direction, first chunk and the offset in it where the message starts. */
  id: string;
  /** 1-based number in this view (counting messages the view no longer holds). */
  n: number;
  /** Chunks (reads) the message's bytes came from. */
  chunks: number;
  /** Seq of the first chunk; `seq` is the last one (the chunk that completed it). */
  firstSeq: number;
  /** Not complete yet: no delimiter so far, fewer than `length` bytes, or the idle gap has not passed. */
  pending: boolean;
  /** Cut at MAX_MESSAGE_BYTES because the rule found no end within it. */
  cut: boolean;
}

/** A message with no end in this many bytes is cut here: a binary flood under `\n` framing must not grow one message forever. */
export const MAX_MESSAGE_BYTES = 64 * 1024;
/** Framed messages a view holds, like the log's ring; older ones are counted, not kept. */
export const MAX_MESSAGES = 10_000;

interface Open {
  parts: Uint8Array[];
  length: number;
  chunks: number;
  firstSeq: number;
  offset: number;
  lastSeq: number;
  /** Time of the last chunk that added bytes. */
  t: number;
  peer: Endpoint;
}

interface DirState {
  open: Open | undefined;
  /** Delimiter bytes matched at the end of what was read so far (KMP state), so `\r|\n` split over two reads still matches. */
  matched: number;
  /** Time of the previous chunk of this direction (idle framing). */
  lastT: number;
}

/** A message that starts in this entry at this offset. */
function fresh(entry: LogEntry, offset: number): Open {
  return {
    parts: [],
    length: 0,
    chunks: 0,
    firstSeq: entry.seq,
    offset,
    lastSeq: 0,
    t: entry.t,
    peer: entry.peer,
  };
}

function concat(parts: Uint8Array[], length: number): Uint8Array {
  if (parts.length === 1) return parts[0] as Uint8Array;
  const out = new Uint8Array(length);
  let at = 0;
  for (const part of parts) {
    out.set(part, at);
    at += part.byteLength;
  }
  return out;
}

/** KMP failure table: after a mismatch, how much of the delimiter is still matched. */
function failureTable(delimiter: Uint8Array): number[] {
  const fail = new Array<number>(delimiter.length).fill(0);
  let k = 0;
  for (let i = 1; i < delimiter.length; i += 1) {
    while (k > 0 && delimiter[i] !== delimiter[k]) k = fail[k - 1] as number;
    if (delimiter[i] === delimiter[k]) k += 1;
    fail[i] = k;
  }
  return fail;
}

/** A short text that is equal for equal rules (the framer cache compares it). */
export function ruleKey(rule: FramingRule): string {
  switch (rule.kind) {
    case 'chunks':
      return 'chunks';
    case 'delimiter':
      return `delimiter:${Array.from(rule.bytes).join(',')}`;
    case 'idle':
      return `idle:${rule.gapMs}`;
    case 'fixed':
      return `fixed:${rule.length}`;
  }
}

/**
 * Frames a log incrementally: entries are fed once, in seq order, and the
 * completed messages are kept, so a new batch costs only its own bytes.
 */
export class Framer {
  readonly key: string;
  private readonly state: Record<Direction, DirState> = {
    in: { open: undefined, matched: 0, lastT: 0 },
    out: { open: undefined, matched: 0, lastT: 0 },
  };
  private readonly fail: number[];
  /** Completed messages in time order (by the seq of the chunk that completed them). */
  private done: FramedMessage[] = [];
  /** Completed messages no longer held (older than the log's ring, or beyond MAX_MESSAGES). */
  private forgotten = 0;
  private lastSeq = 0;

  constructor(readonly rule: FramingRule) {
    this.key = ruleKey(rule);
    this.fail = rule.kind === 'delimiter' ? failureTable(rule.bytes) : [];
  }

  /** Feed one entry; entries must come in seq order. */
  push(entry: LogEntry): void {
    this.lastSeq = entry.seq;
    const rule = this.rule;
    const bytes = entry.bytes;
    const state = this.state[entry.dir];
    switch (rule.kind) {
      case 'chunks':
        // Each read as it came: one message per entry, whatever its size.
        this.insert(
          this.message(entry.dir, {
            ...fresh(entry, 0),
            parts: [bytes],
            length: bytes.byteLength,
            chunks: 1,
            lastSeq: entry.seq,
          }),
        );
        return;
      case 'delimiter': {
        const delimiter = rule.bytes;
        if (delimiter.byteLength === 0) {
          this.add(state, entry, 0, bytes.byteLength);
          return;
        }
        let start = 0;
        let k = state.matched;
        for (let i = 0; i < bytes.byteLength; i += 1) {
          const b = bytes[i];
          while (k > 0 && b !== delimiter[k]) k = this.fail[k - 1] as number;
          if (b === delimiter[k]) k += 1;
          if (k === delimiter.byteLength) {
            this.add(state, entry, start, i + 1);
            this.close(entry.dir, false);
            start = i + 1;
            k = 0;
          }
        }
        state.matched = k;
        if (start < bytes.byteLength) this.add(state, entry, start, bytes.byteLength);
        return;
      }
      case 'fixed': {
        const length = Math.max(1, Math.floor(rule.length));
        let start = 0;
        while (start < bytes.byteLength) {
          const need = length - (state.open?.length ?? 0);
          const end = Math.min(bytes.byteLength, start + need);
          this.add(state, entry, start, end);
          start = end;
          if ((state.open?.length ?? 0) >= length) this.close(entry.dir, false);
        }
        return;
      }
      case 'idle': {
        // The gap is measured between reads of the same direction: the other side's traffic does not end a message.
        if (state.open && entry.t - state.lastT > rule.gapMs * 1000) this.close(entry.dir, false);
        this.add(state, entry, 0, bytes.byteLength);
        state.lastT = entry.t;
        return;
      }
    }
  }

  /** Feed the entries the log gained since the last call, and forget messages older than what it holds. */
  sync(log: LogBuffer): void {
    for (const entry of log.newerThan(this.lastSeq)) this.push(entry);
    const oldest = log.at(0)?.seq;
    let drop = 0;
    if (oldest !== undefined)
      while (drop < this.done.length && (this.done[drop]?.seq ?? 0) < oldest) drop += 1;
    drop = Math.max(drop, this.done.length - MAX_MESSAGES);
    if (drop > 0) {
      this.done.splice(0, drop);
      this.forgotten += drop;
    }
  }

  /**
   * Every message held, in time order, with the unfinished tail of each
   * direction last-but-in-place, marked pending. With idle framing, `now`
   * (µs) closes a tail whose gap has already passed.
   */
  messages(now?: number): FramedMessage[] {
    const tails: FramedMessage[] = [];
    for (const dir of ['in', 'out'] as const) {
      const open = this.state[dir].open;
      if (!open) continue;
      const idleOver =
        this.rule.kind === 'idle' && now !== undefined && now - open.t > this.rule.gapMs * 1000;
      tails.push(this.message(dir, open, !idleOver, false));
    }
    tails.sort((a, b) => a.seq - b.seq);
    const out: FramedMessage[] = [];
    let d = 0;
    for (const tail of tails) {
      while (d < this.done.length && (this.done[d] as FramedMessage).seq <= tail.seq)
        out.push(this.done[d++] as FramedMessage);
      out.push(tail);
    }
    while (d < this.done.length) out.push(this.done[d++] as FramedMessage);
    out.forEach((m, i) => (m.n = this.forgotten + i + 1));
    return out;
  }

  /** Append bytes [from, to) of an entry to the open message of its direction, cutting at MAX_MESSAGE_BYTES. */
  private add(state: DirState, entry: LogEntry, from: number, to: number): void {
    while (from < to) {
      const open = (state.open ??= fresh(entry, from));
      const end = Math.min(to, from + MAX_MESSAGE_BYTES - open.length);
      open.parts.push(entry.bytes.subarray(from, end));
      open.length += end - from;
      if (open.lastSeq !== entry.seq) open.chunks += 1;
      open.lastSeq = entry.seq;
      open.t = entry.t;
      from = end;
      // A fixed-length message of exactly the cap is complete, not cut: the fixed rule closes it.
      const complete = this.rule.kind === 'fixed' && open.length === this.rule.length;
      if (open.length >= MAX_MESSAGE_BYTES && !complete) {
        this.close(entry.dir, true);
        state.matched = 0;
      }
    }
  }

  private close(dir: Direction, cut: boolean): void {
    const state = this.state[dir];
    const open = state.open;
    if (!open) return;
    state.open = undefined;
    this.insert(this.message(dir, open, false, cut));
  }

  /**
   * Idle framing closes a message only when a later read arrives, possibly after the
   * other direction completed newer ones: insert in place to keep time order.
   */
  private insert(message: FramedMessage): void {
    let at = this.done.length;
    while (at > 0 && (this.done[at - 1] as FramedMessage).seq > message.seq) at -= 1;
    if (at === this.done.length) this.done.push(message);
    else this.done.splice(at, 0, message);
  }

  private message(dir: Direction, open: Open, pending = false, cut = false): FramedMessage {
    return {
      id: `${dir}${open.firstSeq}.${open.offset}`,
      n: 0,
      dir,
      t: open.t,
      peer: open.peer,
      bytes: concat(open.parts, open.length),
      chunks: open.chunks,
      firstSeq: open.firstSeq,
      seq: open.lastSeq,
      pending,
      cut,
    };
  }
}

/** Frame a list of entries (in seq order) in one go. */
export function frameEntries(entries: Iterable<LogEntry>, rule: FramingRule, now?: number): FramedMessage[] {
  const framer = new Framer(rule);
  for (const entry of entries) framer.push(entry);
  return framer.messages(now);
}

const cache = new WeakMap<LogBuffer, Framer>();

/** The framed messages of one session's log under one rule; a new rule frames the held entries afresh. */
export function framedMessages(log: LogBuffer, rule: FramingRule, now?: number): FramedMessage[] {
  const key = ruleKey(rule);
  let framer = cache.get(log);
  if (!framer || framer.key !== key) {
    framer = new Framer(rule);
    cache.set(log, framer);
  }
  framer.sync(log);
  return framer.messages(now);
}

// ---------------------------------------------------------------------------
// The framing a user picks in the log toolbar, with its inputs as typed.

export type { FramingChoice, FramingSetting };
export { DEFAULT_FRAMING };
export const FRAMING_CHOICES: readonly FramingChoice[] = ['chunks', 'lf', 'crlf', 'byte', 'idle', 'fixed'];

export const isFramingChoice = (value: string): value is FramingChoice =>
  (FRAMING_CHOICES as readonly string[]).includes(value);

export const MAX_GAP_MS = 60_000;
/** Delimiters longer than this are not a "chosen byte" any more; keep the input honest. */
const MAX_DELIMITER_BYTES = 8;

/** The rule a setting means, or which of its inputs cannot be read. */
export type FramingParse = { ok: true; rule: FramingRule } | { ok: false; field: 'byte' | 'gap' | 'length' };

function parseDelimiterHex(text: string): Uint8Array | undefined {
  const groups = text
    .trim()
    .split(/[\s,;:]+/)
    .filter(Boolean);
  const out: number[] = [];
  for (const group of groups) {
    const digits = group.replace(/^(0x|\\x)/i, '');
    if (!/^[0-9a-f]+$/i.test(digits)) return undefined;
    // `0d0a` and `0D 0A` both work; a lone digit (`3`) is the byte 03.
    const padded = digits.length % 2 ? `0${digits}` : digits;
    for (let i = 0; i < padded.length; i += 2) out.push(parseInt(padded.slice(i, i + 2), 16));
  }
  return out.length > 0 && out.length <= MAX_DELIMITER_BYTES ? new Uint8Array(out) : undefined;
}

function parseWhole(text: string, max: number): number | undefined {
  if (!/^\s*\d+\s*$/.test(text)) return undefined;
  const n = Number(text);
  return n >= 1 && n <= max ? n : undefined;
}

export function parseFraming(setting: FramingSetting): FramingParse {
  switch (setting.choice) {
    case 'chunks':
      return { ok: true, rule: { kind: 'chunks' } };
    case 'lf':
      return { ok: true, rule: { kind: 'delimiter', bytes: new Uint8Array([0x0a]) } };
    case 'crlf':
      return { ok: true, rule: { kind: 'delimiter', bytes: new Uint8Array([0x0d, 0x0a]) } };
    case 'byte': {
      const bytes = parseDelimiterHex(setting.byteHex);
      return bytes ? { ok: true, rule: { kind: 'delimiter', bytes } } : { ok: false, field: 'byte' };
    }
    case 'idle': {
      const gapMs = parseWhole(setting.gapMs, MAX_GAP_MS);
      return gapMs ? { ok: true, rule: { kind: 'idle', gapMs } } : { ok: false, field: 'gap' };
    }
    case 'fixed': {
      const length = parseWhole(setting.length, MAX_MESSAGE_BYTES);
      return length ? { ok: true, rule: { kind: 'fixed', length } } : { ok: false, field: 'length' };
    }
  }
}
