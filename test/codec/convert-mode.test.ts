import { describe, expect, it } from 'vitest';
import { hexToText, textToHex } from '../../src-shared/codec/convert-mode';

const plain = { encoding: 'utf-8', escapes: false, variables: false } as const;

describe('switching the composer between Text and Hex', () => {
  it('turns text into its bytes in the chosen encoding', () => {
    expect(textToHex('你好', plain)).toEqual({ ok: true, input: 'E4 BD A0 E5 A5 BD' });
    expect(textToHex('你好', { ...plain, encoding: 'gbk' })).toEqual({ ok: true, input: 'C4 E3 BA C3' });
    expect(textToHex('A\\r\\n', { ...plain, escapes: true })).toEqual({ ok: true, input: '41 0D 0A' });
  });

  it('decodes hex bytes as text, and back to the same hex', () => {
    const text = hexToText('48 65 6C 6C 6F', plain);
    expect(text).toEqual({ ok: true, input: 'Hello' });
    expect(hexToText('C4 E3 BA C3', { ...plain, encoding: 'gbk' })).toEqual({ ok: true, input: '你好' });
    expect(hexToText('41 0D 0A 5C', { ...plain, escapes: true })).toEqual({ ok: true, input: 'A\\r\\n\\\\' });
    expect(textToHex('A\\r\\n\\\\', { ...plain, escapes: true })).toEqual({ ok: true, input: '41 0D 0A 5C' });
  });

  it('keeps the hex when its bytes are not clean text, and says where', () => {
    expect(hexToText('48 FF 65', plain)).toEqual({
      ok: false,
      reason: 'not-text',
      offset: 1,
      encoding: 'utf-8',
    });
    // A CR would be lost in a text box; a NUL would be invisible: only with escapes on.
    expect(hexToText('41 0D 0A', plain)).toMatchObject({ ok: false, reason: 'not-text', offset: 1 });
    expect(hexToText('00 01', { ...plain, escapes: true })).toMatchObject({ ok: false, offset: 1 });
    // In GBK too, whether the bad byte stands alone or follows valid two-byte characters.
    const gbk = { ...plain, encoding: 'gbk' } as const;
    expect(hexToText('48 65 FF', gbk)).toMatchObject({ ok: false, reason: 'not-text', offset: 2 });
    expect(hexToText('41 42 43 44 80', gbk)).toMatchObject({ ok: false, offset: 4 });
    expect(hexToText('C4 E3 FF', gbk)).toMatchObject({ ok: false, offset: 2 });
  });

  it('refuses what has no single conversion, and keeps invalid hex as typed', () => {
    expect(textToHex('n={{COUNTER}}', { ...plain, variables: true })).toEqual({
      ok: false,
      reason: 'variables',
    });
    expect(textToHex('é', { ...plain, encoding: 'ascii' })).toMatchObject({
      ok: false,
      reason: 'text-problem',
      problem: { kind: 'unencodable', char: 'é' },
    });
    expect(hexToText('你好', plain)).toEqual({ ok: false, reason: 'bad-hex' });
    expect(hexToText('', plain)).toEqual({ ok: true, input: '' });
  });
});
