import { describe, expect, it } from 'vitest';
import { charRuns } from '../../src-shared/codec/char-runs';
import { createStreamDecoder } from '../../src-shared/codec/stream';

const h = (text: string): Uint8Array => new Uint8Array(Buffer.from(text, 'hex'));
const runs = (hex: string, encoding: Parameters<typeof charRuns>[1]) =>
  charRuns(h(hex), encoding).map((r) => [r.char, r.start, r.length, r.invalid]);

describe('charRuns: which bytes made which character', () => {
  it('UTF-8: a three-byte character, an ASCII letter, a cut character at the end', () => {
    expect(runs('e4bda041e4bd', 'utf-8')).toEqual([
      ['你', 0, 3, false],
      ['A', 3, 1, false],
      ['\ufffd', 4, 2, false],
    ]);
    expect(charRuns(h('41e4bd'), 'utf-8').map((r) => r.incomplete)).toEqual([false, true]);
  });

  it('GBK: two-byte characters, and a lead byte followed by a space', () => {
    expect(runs('c4e38120', 'gbk')).toEqual([
      ['你', 0, 2, false],
      ['\ufffd', 2, 1, true],
      [' ', 3, 1, false],
    ]);
  });

  it('GB18030: four-byte sequences', () => {
    expect(runs('a2e39439fc36', 'gb18030')).toEqual([
      ['€', 0, 2, false],
      ['😀', 2, 4, false],
    ]);
  });

  it('UTF-16LE: a surrogate pair is one character of four bytes', () => {
    expect(runs('3dd800de4100', 'utf-16le')).toEqual([
      ['😀', 0, 4, false],
      ['A', 4, 2, false],
    ]);
  });

  it('tells an encoded U+FFFD from an invalid sequence', () => {
    expect(runs('efbfbd', 'utf-8')).toEqual([['\ufffd', 0, 3, false]]);
  });

  it('stops at a limit', () => {
    expect(charRuns(h('414243'), 'ascii', 2)).toHaveLength(2);
  });
});

describe('createStreamDecoder', () => {
  it('joins a character split across writes, as a TCP stream splits it', () => {
    const decoder = createStreamDecoder('gbk');
    // Python: '你好'.encode('gbk') == b'\xc4\xe3\xba\xc3', written one byte at a time.
    expect(['c4', 'e3ba', 'c3'].map((x) => decoder.write(h(x)))).toEqual(['', '你', '好']);
    expect(decoder.end()).toBe('');
  });

  it('turns bytes left pending at the end into U+FFFD', () => {
    const decoder = createStreamDecoder('utf-8');
    expect(decoder.write(h('41e4bd'))).toBe('A');
    expect(decoder.end()).toBe('\ufffd');
  });
});

describe('createStreamDecoder works around iconv-lite losing characters between writes', () => {
  const feed = (encoding: Parameters<typeof createStreamDecoder>[0], parts: string[]): string => {
    const decoder = createStreamDecoder(encoding);
    return parts.map((p) => decoder.write(h(p))).join('') + decoder.end();
  };

  it('GBK: an invalid lead byte at the end of one write, then a space and a letter', () => {
    // iconv-lite's own streaming decoder returns '你' + '� ' here, losing the 'A'.
    expect(feed('gbk', ['c4e381', '2041'])).toBe('你\ufffd A');
    // Python: bytes.fromhex('c4e3812041').decode('gbk', 'replace') == '你\ufffd A'
  });

  it('GB18030: a four-byte emoji written one byte at a time', () => {
    expect(feed('gb18030', ['94', '39', 'fc', '36', '41'])).toBe('😀A');
  });

  it('every encoding: the same text whether written whole or one byte per write', () => {
    const samples: [Parameters<typeof createStreamDecoder>[0], string][] = [
      ['utf-8', 'e4bda0e5a5bdefbc8ce4b896e7958cf09f9880'],
      ['gbk', 'c4e3bac3a3accac0bde781'],
      ['gb18030', 'c4e3bac3a2e39439fc36'],
      ['big5', 'a741a66ebb4fc657'],
      ['shift_jis', '82b182f182c982bf82cdb6c0'],
      ['euc-kr', 'bec8b3e7c7cfbcbcbfe4'],
      ['iso-8859-1', '636166e920ff'],
      ['utf-16le', '4100604f3dd800de'],
      ['utf-16be', '00414f60d83dde00'],
      ['ascii', '4869210d0a'],
    ];
    for (const [encoding, hex] of samples) {
      const whole = feed(encoding, [hex]);
      const bytewise = feed(encoding, hex.match(/../g) ?? []);
      expect(bytewise, encoding).toBe(whole);
    }
  });
});

describe('UTF-16 odd bytes', () => {
  it('are carried between writes and shown as U+FFFD at the very end', () => {
    const decoder = createStreamDecoder('utf-16le');
    expect(decoder.write(h('41'))).toBe('');
    expect(decoder.write(h('003d'))).toBe('A');
    expect(decoder.end()).toBe('\ufffd');
  });
});

describe('UTF-8 in a stream', () => {
  it('replaces invalid sequences the way Python and browsers do (one U+FFFD per maximal part)', () => {
    // Python: bytes.fromhex('c4e3bac3a3accac0bde7').decode('utf-8', 'replace')
    const decoder = createStreamDecoder('utf-8');
    expect(decoder.write(h('c4e3bac3a3accac0bde7')) + decoder.end()).toBe('��ã�����');
  });

  it('holds back only a character that can still complete', () => {
    const decoder = createStreamDecoder('utf-8');
    expect(decoder.write(h('41e4'))).toBe('A');
    expect(decoder.pending()).toBe(1);
    expect(decoder.write(h('bd'))).toBe('');
    expect(decoder.pending()).toBe(2);
    expect(decoder.write(h('a0e0'))).toBe('你');
    // E0 80 can never become a character (overlong): shown at once, not held.
    expect(decoder.write(h('80'))).toBe('\ufffd\ufffd');
    expect(decoder.pending()).toBe(0);
  });
});
