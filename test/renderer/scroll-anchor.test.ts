import { describe, expect, it } from 'vitest';
import { anchoredOffset, rowAtOrAfter } from '../../src-renderer/src/features/log/scroll-anchor';
import { LogBuffer } from '../../src-renderer/src/store/log-buffer';

const ROW = 26;
const peer = { address: '127.0.0.1', port: 7788, family: 'IPv4' as const };
const push = (ring: LogBuffer, n: number): void => {
  for (let i = 0; i < n; i += 1) ring.push({ dir: 'in', t: 0, peer, bytes: new Uint8Array(1) });
};
const seqAt = (ring: LogBuffer) => (row: number) => ring.at(row)?.seq;
const startOf = (row: number): number => row * ROW;

describe('scroll anchor: a full ring evicting its oldest entries', () => {
  it('finds the first row at or after a sequence number', () => {
    const seqs = [3, 5, 9, 12];
    const at = (row: number) => seqs[row];
    expect(rowAtOrAfter(4, at, 9)).toBe(2);
    expect(rowAtOrAfter(4, at, 6)).toBe(2);
    expect(rowAtOrAfter(4, at, 1)).toBe(0);
    expect(rowAtOrAfter(4, at, 13)).toBe(4);
  });

  it('keeps the entry the reader looks at in place: k evicted rows move the offset up by k rows', () => {
    const ring = new LogBuffer(100);
    push(ring, 100);
    // The reader looks at #50 (row 49), 7 px into it.
    const anchor = { seq: 50, offset: 7 };
    expect(anchoredOffset(anchor, ring.length, seqAt(ring), startOf)).toBe(49 * ROW + 7);
    push(ring, 30);
    expect(ring.at(0)?.seq).toBe(31);
    const offset = anchoredOffset(anchor, ring.length, seqAt(ring), startOf);
    expect(offset).toBe(19 * ROW + 7);
    // The row at that offset is still #50.
    expect(ring.at(Math.floor(offset / ROW))?.seq).toBe(50);
  });

  it('stops at the top of what is still held once the anchored entry itself is gone', () => {
    const ring = new LogBuffer(100);
    push(ring, 160);
    expect(anchoredOffset({ seq: 50, offset: 7 }, ring.length, seqAt(ring), startOf)).toBe(0);
    expect(anchoredOffset({ seq: 50, offset: 7 }, 0, () => undefined, startOf)).toBe(0);
  });

  it('in a filtered view, holds on to the next shown row when the anchored one is filtered out', () => {
    const seqs = [10, 20, 30, 40];
    expect(anchoredOffset({ seq: 25, offset: 5 }, 4, (r) => seqs[r], startOf)).toBe(2 * ROW);
  });
});
