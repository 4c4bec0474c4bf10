import { describe, expect, it } from 'vitest';
import { parseEscapes } from '../../src-shared/codec/escapes';

describe('parseEscapes', () => {
  it('leaves text without a backslash as one literal piece', () => {
    expect(parseEscapes('hello')).toEqual({
      ok: true,
      pieces: [{ kind: 'text', text: 'hello', at: 0, literal: true }],
    });
    expect(parseEscapes('')).toEqual({ ok: true, pieces: [] });
  });

  it('turns \\r \\n \\t \\0 \\\\ into characters, remembering where each came from', () => {
    const result = parseEscapes('a\\r\\n\\t\\0\\\\b');
    expect(result).toEqual({
      ok: true,
      pieces: [
        { kind: 'text', text: 'a', at: 0, literal: true },
        { kind: 'text', text: '\r', at: 1, length: 2, literal: false },
        { kind: 'text', text: '\n', at: 3, length: 2, literal: false },
        { kind: 'text', text: '\t', at: 5, length: 2, literal: false },
        { kind: 'text', text: '\0', at: 7, length: 2, literal: false },
        { kind: 'text', text: '\\', at: 9, length: 2, literal: false },
        { kind: 'text', text: 'b', at: 11, literal: true },
      ],
    });
  });

  it('makes \\xNN a raw byte, not a character', () => {
    expect(parseEscapes('\\xFF\\x0a')).toEqual({
      ok: true,
      pieces: [
        { kind: 'bytes', bytes: Uint8Array.of(0xff), at: 0, length: 4 },
        { kind: 'bytes', bytes: Uint8Array.of(0x0a), at: 4, length: 4 },
      ],
    });
  });

  it('makes \\uXXXX a character', () => {
    expect(parseEscapes('\\u4F60!')).toEqual({
      ok: true,
      pieces: [
        { kind: 'text', text: '你', at: 0, length: 6, literal: false },
        { kind: 'text', text: '!', at: 6, literal: true },
      ],
    });
  });

  it('points at an unknown escape', () => {
    expect(parseEscapes('ab\\q')).toEqual({ ok: false, index: 2, length: 2, text: '\\q', reason: 'unknown' });
    expect(parseEscapes('\\😀')).toEqual({ ok: false, index: 0, length: 3, text: '\\😀', reason: 'unknown' });
  });

  it('points at a \\x or \\u with too few hex digits, marking the digits it did get', () => {
    expect(parseEscapes('1\\x4G')).toEqual({ ok: false, index: 1, length: 3, text: '\\x4', reason: 'short' });
    expect(parseEscapes('\\u12')).toEqual({ ok: false, index: 0, length: 4, text: '\\u12', reason: 'short' });
    expect(parseEscapes('\\x')).toEqual({ ok: false, index: 0, length: 2, text: '\\x', reason: 'short' });
  });

  it('points at a backslash left dangling at the end', () => {
    expect(parseEscapes('abc\\')).toEqual({ ok: false, index: 3, length: 1, text: '\\', reason: 'dangling' });
  });

  it('shifts every position by an offset, for a slice of a larger input', () => {
    expect(parseEscapes('x\\n', 10)).toEqual({
      ok: true,
      pieces: [
        { kind: 'text', text: 'x', at: 10, literal: true },
        { kind: 'text', text: '\n', at: 11, length: 2, literal: false },
      ],
    });
    expect(parseEscapes('\\z', 5)).toMatchObject({ ok: false, index: 5 });
  });
});
