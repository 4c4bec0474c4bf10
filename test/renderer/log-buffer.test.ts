import { describe, expect, it } from 'vitest';
import type { DataRecord } from '../../src-shared/contract';
import { LogBuffer } from '../../src-renderer/src/store/log-buffer';

const peer = { address: '127.0.0.1', port: 7788, family: 'IPv4' as const };
const record = (size: number, fill = 0x61): DataRecord => ({
  dir: 'in',
  t: 0,
  peer,
  bytes: new Uint8Array(size).fill(fill),
});

describe('LogBuffer: the bounded ring behind every view', () => {
  it('keeps the newest entries by count, numbered in order, and counts what fell out', () => {
    const ring = new LogBuffer(3);
    for (let i = 0; i < 5; i += 1) ring.push(record(1, 0x30 + i));
    expect(ring.length).toBe(3);
    expect([0, 1, 2].map((i) => ring.at(i)?.seq)).toEqual([3, 4, 5]);
    expect(ring.at(0)?.bytes[0]).toBe(0x32);
    expect(ring.notKept).toBe(2);
    expect(ring.findBySeq(4)?.bytes[0]).toBe(0x33);
    expect(ring.findBySeq(1)).toBeUndefined();
  });

  it('never holds more payload bytes than its byte limit, whatever its entry capacity', () => {
    const ring = new LogBuffer(1000, 100);
    for (let i = 0; i < 50; i += 1) ring.push(record(30));
    expect(ring.heldBytes).toBeLessThanOrEqual(100);
    expect(ring.length).toBe(3);
    expect(ring.notKept).toBe(47);
    expect(ring.at(2)?.seq).toBe(50);
  });

  it('keeps an entry larger than the byte limit on its own rather than dropping the newest', () => {
    const ring = new LogBuffer(10, 100);
    ring.push(record(40));
    ring.push(record(500));
    expect(ring.length).toBe(1);
    expect(ring.at(0)?.bytes.byteLength).toBe(500);
    ring.push(record(10));
    expect(ring.length).toBe(1);
    expect(ring.heldBytes).toBe(10);
  });

  it('resized keeps the newest entries, their numbers, their bytes and the counts', () => {
    const ring = new LogBuffer(10, 1000);
    for (let i = 0; i < 8; i += 1) ring.push(record(10));
    ring.skip(5);
    const small = ring.resized(3);
    expect(small.length).toBe(3);
    expect(small.heldBytes).toBe(30);
    expect(small.at(0)?.seq).toBe(6);
    expect(small.notKept).toBe(5 + 5);
    small.push(record(10));
    expect(small.at(2)?.seq).toBe(14);
  });
});
