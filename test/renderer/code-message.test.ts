import { describe, expect, it } from 'vitest';
import { codeMessage } from '../../src-renderer/src/features/teaching/code-message';
import type { ComposeSettings } from '../../src-renderer/src/features/composer/compose';

const settings = (change: Partial<ComposeSettings> = {}): ComposeSettings => ({
  mode: 'text',
  encoding: 'utf-8',
  lineEnding: 'none',
  escapes: false,
  variables: false,
  checksum: 'none',
  ...change,
});

describe('the Code tab sends what the send box would send', () => {
  it('takes the text and the encoding of the send box', () => {
    expect(codeMessage('s', { input: '你好 gbk', settings: settings({ encoding: 'gbk' }) }, 'hello')).toEqual(
      {
        text: '你好 gbk',
        encoding: 'gbk',
        example: false,
      },
    );
  });

  it('an empty send box gives an example, in the send box encoding', () => {
    expect(codeMessage('s', { input: '', settings: settings({ encoding: 'gbk' }) }, 'hello')).toEqual({
      text: 'hello',
      encoding: 'gbk',
      example: true,
    });
    expect(codeMessage('s', undefined, 'hello')).toMatchObject({ encoding: 'utf-8', example: true });
  });

  it('adds the line ending and expands escapes, as the text the program encodes', () => {
    const draft = { input: 'a\\tb', settings: settings({ escapes: true, lineEnding: 'crlf' }) };
    expect(codeMessage('s', draft, 'hello').text).toBe('a\tb\r\n');
  });

  it('hex and raw \\xNN bytes become bytes, exactly', () => {
    const hex = codeMessage('s', { input: '01 03 ff', settings: settings({ mode: 'hex' }) }, 'hello');
    expect(Array.from(hex.text as Uint8Array)).toEqual([1, 3, 255]);
    const raw = codeMessage('s', { input: 'a\\xff', settings: settings({ escapes: true }) }, 'hello');
    expect(Array.from(raw.text as Uint8Array)).toEqual([0x61, 0xff]);
  });

  it('text the encoding refuses stays text, so the program refuses it too (UnicodeEncodeError)', () => {
    expect(codeMessage('s', { input: '€5', settings: settings({ encoding: 'gbk' }) }, 'hello').text).toBe(
      '€5',
    );
  });
});
