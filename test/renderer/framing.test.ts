import { describe, expect, it } from 'vitest';
import type { Direction, Endpoint } from '../../src-shared/contract';
import {
  framedMessages,
  frameEntries,
  MAX_MESSAGE_BYTES,
  DEFAULT_FRAMING,
  parseFraming,
  type FramedMessage,
  type FramingRule,
} from '../../src-renderer/src/features/log/framing';
import { LogBuffer, type LogEntry } from '../../src-renderer/src/store/log-buffer';

const PEER: Endpoint = { address: '127.0.0.1', port: 9000, family: 'IPv4' };
const LF: FramingRule = { kind: 'delimiter', bytes: new Uint8Array([0x0a]) };
const CRLF: FramingRule = { kind: 'delimiter', bytes: new Uint8Array([0x0d, 0x0a]) };

const text = (bytes: Uint8Array): string => Buffer.from(bytes).toString('latin1');

/** Chunks as they were read: [dir, text, time in ms]; seq counts from 1. */
function log(...chunks: [Direction, string, number?][]): LogEntry[] {
  return chunks.map(([dir, data, ms], i) => ({
    dir,
    t: (ms ?? i) * 1000,
    peer: PEER,
    bytes: new Uint8Array(Buffer.from(data, 'latin1')),
    seq: i + 1,
  }));
}

/** What a spec would read off the rows: dir, text, chunk count, seq range, pending. */
const summary = (messages: FramedMessage[]): [Direction, string, number, string, boolean][] =>
  messages.map((m) => [m.dir, text(m.bytes), m.chunks, `${m.firstSeq}-${m.seq}`, m.pending]);

describe('framing a TCP stream', () => {
  it('three lines in one read are three messages; one line in three reads is one (the done-when case)', () => {
    const entries = log(['in', 'one\ntwo\nthree\n'], ['in', 'line '], ['in', 'fo'], ['in', 'ur\n']);
    const messages = frameEntries(entries, LF);
    expect(summary(messages)).toEqual([
      ['in', 'one\n', 1, '1-1', false],
      ['in', 'two\n', 1, '1-1', false],
      ['in', 'three\n', 1, '1-1', false],
      ['in', 'line four\n', 3, '2-4', false],
    ]);
    expect(messages.map((m) => m.n)).toEqual([1, 2, 3, 4]);
    // The message carries the time of the chunk that completed it.
    expect(messages[3]?.t).toBe(3000);
    // Ids tell messages from the same chunk apart, and stay put as a message grows.
    expect(new Set(messages.map((m) => m.id)).size).toBe(4);
  });

  it('shows chunks as they were read under the "chunks" rule', () => {
    const entries = log(['in', 'one\ntwo\nthree\n'], ['in', 'line '], ['out', 'ok\n']);
    expect(summary(frameEntries(entries, { kind: 'chunks' }))).toEqual([
      ['in', 'one\ntwo\nthree\n', 1, '1-1', false],
      ['in', 'line ', 1, '2-2', false],
      ['out', 'ok\n', 1, '3-3', false],
    ]);
  });

  it('finds \\r\\n split over two reads, and keeps the delimiter in the message', () => {
    const entries = log(['in', 'HELLO\r'], ['in', '\nWORLD\r\n']);
    expect(summary(frameEntries(entries, CRLF))).toEqual([
      ['in', 'HELLO\r\n', 2, '1-2', false],
      ['in', 'WORLD\r\n', 1, '2-2', false],
    ]);
  });

  it('does not take a lone \\r or \\n for \\r\\n, and restarts a partial match correctly', () => {
    const entries = log(['in', 'a\rb\nc\r'], ['in', '\r'], ['in', '\n']);
    expect(summary(frameEntries(entries, CRLF))).toEqual([['in', 'a\rb\nc\r\r\n', 3, '1-3', false]]);
  });

  it('splits on a chosen byte, even when it is the first or last of a read', () => {
    const ETX: FramingRule = { kind: 'delimiter', bytes: new Uint8Array([0x03]) };
    const entries = log(['in', '\x02A\x03\x02B'], ['in', '\x03'], ['in', '\x02C\x03']);
    expect(summary(frameEntries(entries, ETX))).toEqual([
      ['in', '\x02A\x03', 1, '1-1', false],
      ['in', '\x02B\x03', 2, '1-2', false],
      ['in', '\x02C\x03', 1, '3-3', false],
    ]);
  });

  it('marks an unfinished tail as pending, and completes it when the rest arrives', () => {
    const head = log(['in', 'one\ntw']);
    expect(summary(frameEntries(head, LF))).toEqual([
      ['in', 'one\n', 1, '1-1', false],
      ['in', 'tw', 1, '1-1', true],
    ]);
    const whole = log(['in', 'one\ntw'], ['in', 'o\n']);
    const messages = frameEntries(whole, LF);
    expect(summary(messages)).toEqual([
      ['in', 'one\n', 1, '1-1', false],
      ['in', 'two\n', 2, '1-2', false],
    ]);
    // Same message, same id, pending or not: a selection survives its completion.
    expect(messages[1]?.id).toBe(frameEntries(head, LF)[1]?.id);
  });

  it('frames each direction on its own and interleaves the messages in time order', () => {
    const entries = log(
      ['out', 'GET a\n'],
      ['in', 'part'],
      ['out', 'GET b'],
      ['in', 'ial\nnext'],
      ['out', '\n'],
      ['in', '\n'],
    );
    expect(summary(frameEntries(entries, LF))).toEqual([
      ['out', 'GET a\n', 1, '1-1', false],
      ['in', 'partial\n', 2, '2-4', false],
      ['out', 'GET b\n', 2, '3-5', false],
      ['in', 'next\n', 2, '4-6', false],
    ]);
  });

  it('puts pending tails of both directions in time order among the complete messages', () => {
    const entries = log(['in', 'x'], ['out', 'a\nb'], ['in', 'y']);
    expect(summary(frameEntries(entries, LF))).toEqual([
      ['out', 'a\n', 1, '2-2', false],
      ['out', 'b', 1, '2-2', true],
      ['in', 'xy', 2, '1-3', true],
    ]);
  });

  describe('idle gap', () => {
    const gap: FramingRule = { kind: 'idle', gapMs: 50 };

    it('starts a new message when a read follows the previous one of its direction after more than the gap', () => {
      const entries = log(['in', 'AB', 0], ['in', 'CD', 20], ['in', 'EF', 200], ['in', 'GH', 250]);
      expect(summary(frameEntries(entries, gap))).toEqual([
        ['in', 'ABCD', 2, '1-2', false],
        // 250 - 200 = 50 ms is not more than the gap: still the same message, not over yet.
        ['in', 'EFGH', 2, '3-4', true],
      ]);
    });

    it('measures the gap per direction: the other side talking in between does not end a message', () => {
      const entries = log(['in', 'AB', 0], ['out', 'x', 10], ['in', 'CD', 40], ['out', 'y', 300]);
      expect(summary(frameEntries(entries, gap))).toEqual([
        ['out', 'x', 1, '2-2', false],
        ['in', 'ABCD', 2, '1-3', true],
        ['out', 'y', 1, '4-4', true],
      ]);
    });

    it('closes the tail once the gap has passed by the clock', () => {
      const entries = log(['in', 'AB', 0], ['in', 'CD', 20]);
      expect(frameEntries(entries, gap, 60_000)[0]?.pending).toBe(true);
      expect(frameEntries(entries, gap, 80_000)[0]?.pending).toBe(false);
    });

    it('keeps time order when a message closes after newer ones of the other direction', () => {
      const entries = log(['in', 'A', 0], ['out', 'x', 10], ['out', 'y', 100], ['in', 'B', 200]);
      expect(summary(frameEntries(entries, gap))).toEqual([
        ['in', 'A', 1, '1-1', false],
        ['out', 'x', 1, '2-2', false],
        ['out', 'y', 1, '3-3', true],
        ['in', 'B', 1, '4-4', true],
      ]);
    });
  });

  describe('fixed length', () => {
    const four: FramingRule = { kind: 'fixed', length: 4 };

    it('cuts every N bytes across reads, with the short tail pending', () => {
      const entries = log(['in', 'ABCDEF'], ['in', 'GH'], ['in', 'IJKLMNO']);
      expect(summary(frameEntries(entries, four))).toEqual([
        ['in', 'ABCD', 1, '1-1', false],
        ['in', 'EFGH', 2, '1-2', false],
        ['in', 'IJKL', 1, '3-3', false],
        ['in', 'MNO', 1, '3-3', true],
      ]);
    });

    it('frames the directions separately', () => {
      const entries = log(['in', 'AB'], ['out', 'wxyz'], ['in', 'CD']);
      expect(summary(frameEntries(entries, four))).toEqual([
        ['out', 'wxyz', 1, '2-2', false],
        ['in', 'ABCD', 2, '1-3', false],
      ]);
    });
  });

  it('cuts a message that finds no end within MAX_MESSAGE_BYTES', () => {
    const entries = log(['in', 'x'.repeat(MAX_MESSAGE_BYTES + 10)], ['in', '\n']);
    const messages = frameEntries(entries, LF);
    expect(messages.map((m) => [m.bytes.byteLength, m.cut, m.pending])).toEqual([
      [MAX_MESSAGE_BYTES, true, false],
      [11, false, false],
    ]);
  });

  it('frames a live log incrementally, as new batches arrive, and forgets what the ring evicted', () => {
    const ring = new LogBuffer(3);
    const push = (data: string): void =>
      ring.push({ dir: 'in', t: 0, peer: PEER, bytes: new Uint8Array(Buffer.from(data)) });
    push('a\nb');
    expect(summary(framedMessages(ring, LF))).toEqual([
      ['in', 'a\n', 1, '1-1', false],
      ['in', 'b', 1, '1-1', true],
    ]);
    push('\nc\n');
    push('d\n');
    expect(framedMessages(ring, LF).map((m) => text(m.bytes))).toEqual(['a\n', 'b\n', 'c\n', 'd\n']);
    // The ring drops 'a\nb': 'a' goes with it, 'b' (completed by a chunk still held) stays; numbers go on.
    push('e\n');
    const messages = framedMessages(ring, LF);
    expect(messages.map((m) => text(m.bytes))).toEqual(['b\n', 'c\n', 'd\n', 'e\n']);
    expect(messages.map((m) => m.n)).toEqual([2, 3, 4, 5]);
    // Another rule frames what the ring holds afresh.
    expect(framedMessages(ring, { kind: 'fixed', length: 2 }).map((m) => text(m.bytes))).toEqual([
      '\nc',
      '\nd',
      '\ne',
      '\n',
    ]);
  });

  it('reads the toolbar setting into a rule, and names the input that cannot be read', () => {
    const rule = (change: Partial<typeof DEFAULT_FRAMING>) => parseFraming({ ...DEFAULT_FRAMING, ...change });
    expect(rule({ choice: 'lf' })).toEqual({ ok: true, rule: LF });
    expect(rule({ choice: 'crlf' })).toEqual({ ok: true, rule: CRLF });
    for (const typed of ['0a', '0x0A', '\\x0a', ' a '])
      expect(rule({ choice: 'byte', byteHex: typed }), typed).toEqual({ ok: true, rule: LF });
    expect(rule({ choice: 'byte', byteHex: '0D 0A' })).toEqual({ ok: true, rule: CRLF });
    for (const typed of ['', 'zz', '00 11 22 33 44 55 66 77 88'])
      expect(rule({ choice: 'byte', byteHex: typed }), typed).toEqual({ ok: false, field: 'byte' });
    expect(rule({ choice: 'idle', gapMs: '250' })).toEqual({ ok: true, rule: { kind: 'idle', gapMs: 250 } });
    expect(rule({ choice: 'idle', gapMs: '0' })).toEqual({ ok: false, field: 'gap' });
    expect(rule({ choice: 'fixed', length: '16' })).toEqual({
      ok: true,
      rule: { kind: 'fixed', length: 16 },
    });
    expect(rule({ choice: 'fixed', length: '1.5' })).toEqual({ ok: false, field: 'length' });
    expect(rule({ choice: 'fixed', length: String(MAX_MESSAGE_BYTES + 1) })).toEqual({
      ok: false,
      field: 'length',
    });
  });
});
