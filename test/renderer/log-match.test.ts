import { describe, expect, it } from 'vitest';
import { createSearch } from '../../src-renderer/src/features/log/log-match';
import type { LogEntry } from '../../src-renderer/src/store/log-buffer';

const peer = { address: '127.0.0.1', port: 4001, family: 'IPv4' as const };
const entry = (text: string, seq: number): LogEntry => ({
  dir: 'in',
  t: seq,
  peer,
  seq,
  bytes: new TextEncoder().encode(text),
});
const entries = [entry('hello world', 1), entry('goodbye', 2), entry('HELLO\r\n', 3)];
const shown = (text: string, hex: string): number[] | 'all' => {
  const { matcher } = createSearch(text, hex, 'utf-8');
  return matcher ? entries.filter((e) => matcher.test(e)).map((e) => e.seq) : 'all';
};

describe('log search', () => {
  it('matches text ignoring case, and hex bytes; both together', () => {
    expect(shown('hello', '')).toEqual([1, 3]);
    expect(shown('', '0d 0a')).toEqual([3]);
    expect(shown('hello', '0x0d')).toEqual([3]);
    expect(shown('', '')).toBe('all');
  });

  it('an invalid hex term is reported and ignored alone: the text term still filters', () => {
    const search = createSearch('nomatchqq', 'zz', 'utf-8');
    expect(search.hexProblem).toMatchObject({ reason: 'not-hex', char: 'z', index: 0 });
    expect(shown('nomatchqq', 'zz')).toEqual([]);
    expect(shown('hello', 'zz')).toEqual([1, 3]);
    // Bad hex alone filters nothing (every row shown), but still says it is not hex.
    expect(shown('', 'zz')).toBe('all');
    expect(createSearch('', 'zz', 'utf-8').hexProblem).toBeDefined();
    expect(createSearch('', '0d 0a', 'utf-8').hexProblem).toBeUndefined();
  });
});
