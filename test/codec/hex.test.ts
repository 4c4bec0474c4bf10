import { describe, expect, it } from 'vitest';
import { parseHex, toHex } from '../../src-shared/codec/hex';

const ok = (input: string): string => {
  const result = parseHex(input);
  if (!result.ok) throw new Error(`${input}: ${JSON.stringify(result)}`);
  return toHex(result.bytes);
};

describe('parseHex', () => {
  it('reads hex the way people paste it', () => {
    expect(ok('48 65 6c 6C 6f')).toBe('48 65 6C 6C 6F');
    expect(ok('0x48,0x65, 0X6c')).toBe('48 65 6C');
    expect(ok('48656C')).toBe('48 65 6C');
    expect(ok('01\n03\r\n00;00:00-01')).toBe('01 03 00 00 00 01');
    expect(ok('  \t')).toBe('');
    expect(ok('')).toBe('');
  });

  it('accepts full-width separators a Chinese input method types', () => {
    expect(ok('01，02；03　04')).toBe('01 02 03 04');
  });

  it('points at a character that is not a hex digit', () => {
    expect(parseHex('48 6G')).toEqual({
      ok: false,
      code: 'BAD_HEX',
      index: 4,
      length: 1,
      char: 'G',
      reason: 'not-hex',
    });
    expect(parseHex('0x4z')).toMatchObject({ index: 3, char: 'z', reason: 'not-hex' });
    expect(parseHex('12\n3q')).toMatchObject({ index: 4, char: 'q', reason: 'not-hex' });
  });

  it('names a whole emoji, not half of its surrogate pair', () => {
    expect(parseHex('41 😀')).toMatchObject({ index: 3, length: 2, char: '😀', reason: 'not-hex' });
    expect(parseHex('41 😀 zz')).toMatchObject({ index: 3 });
  });

  it('marks a whole group with an odd number of digits', () => {
    expect(parseHex('48 656 6C')).toEqual({
      ok: false,
      code: 'BAD_HEX',
      index: 3,
      length: 3,
      char: '6',
      reason: 'odd-digits',
    });
    expect(parseHex('0x123')).toMatchObject({ index: 0, length: 5, reason: 'odd-digits' });
    expect(parseHex('1')).toMatchObject({ index: 0, length: 1, reason: 'odd-digits' });
  });

  it('refuses a bare 0x prefix, pointing at it', () => {
    expect(parseHex('01 0x ff')).toEqual({
      ok: false,
      code: 'BAD_HEX',
      index: 3,
      length: 2,
      char: '0x',
      reason: 'no-digits',
    });
    expect(parseHex('0X')).toMatchObject({ index: 0, reason: 'no-digits' });
  });

  it('reports the first problem, left to right', () => {
    expect(parseHex('1 zz')).toMatchObject({ index: 0, reason: 'odd-digits' });
  });
});

describe('toHex', () => {
  it('writes upper-case pairs, and stops at a limit', () => {
    expect(toHex(Uint8Array.of(0, 15, 255))).toBe('00 0F FF');
    expect(toHex(Uint8Array.of(1, 2, 3), 2)).toBe('01 02');
  });
});
