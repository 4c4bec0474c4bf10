import { describe, expect, it } from 'vitest';
import { detectEncoding, utf8Validity } from '../../src-shared/codec/detect';

/** Bytes from Python: `'…'.encode(encoding).hex()`, pasted as literals. */
const h = (hex: string): Uint8Array => new Uint8Array(Buffer.from(hex, 'hex'));
const verdicts = (hex: string): Record<string, string> =>
  Object.fromEntries(detectEncoding(h(hex)).readings.map((r) => [r.encoding, r.verdict]));

describe('detectEncoding', () => {
  it('UTF-8 Chinese: likely UTF-8, and the GBK reading flagged as mojibake', () => {
    // '你好，世界'.encode('utf-8')
    const d = detectEncoding(h('e4bda0e5a5bdefbc8ce4b896e7958c'));
    expect([d.likely, d.confidence, d.reason]).toEqual(['utf-8', 'high', 'utf8-valid']);
    const gbk = d.readings.find((r) => r.encoding === 'gbk');
    expect(gbk?.verdict).toMatch(/mojibake|invalid/);
  });

  it('UTF-8 你好 read as GBK is 浣犲ソ: valid characters, so mojibake rather than invalid', () => {
    const d = detectEncoding(h('e4bda0e5a5bd'));
    expect(d.likely).toBe('utf-8');
    expect(d.readings.find((r) => r.encoding === 'gbk')).toMatchObject({
      text: '浣犲ソ',
      verdict: 'mojibake',
    });
  });

  it('GBK Chinese: likely GBK; GB18030 reads it the same; UTF-8 finds invalid bytes', () => {
    // '你好，世界'.encode('gbk'), '温度=23.5℃'.encode('gbk'), '收到数据，谢谢'.encode('gbk')
    for (const hex of ['c4e3bac3a3accac0bde7', 'cec2b6c83d32332e35a1e6', 'cad5b5bdcafdbedda3acd0bbd0bb']) {
      const d = detectEncoding(h(hex));
      expect(d.likely, hex).toBe('gbk');
      expect(verdicts(hex)).toMatchObject({ gb18030: 'same', 'utf-8': 'invalid', gbk: 'likely' });
    }
  });

  it('Big5 traditional Chinese: likely Big5', () => {
    // '臺灣的天氣很好'.encode('big5')
    expect(detectEncoding(h('bb4fc657aabaa4d1aef0abdca66e')).likely).toBe('big5');
  });

  it('Shift_JIS Japanese: likely Shift_JIS', () => {
    // 'こんにちは、世界'.encode('shift_jis')
    expect(detectEncoding(h('82b182f182c982bf82cd814190a28a45')).likely).toBe('shift_jis');
  });

  it('EUC-KR Korean: likely EUC-KR', () => {
    // '안녕하세요'.encode('euc_kr')
    expect(detectEncoding(h('bec8b3e7c7cfbcbcbfe4')).likely).toBe('euc-kr');
  });

  it('plain ASCII, UTF-16 with its NULs, byte-order marks', () => {
    expect(detectEncoding(h('48656c6c6f0d0a'))).toMatchObject({ likely: 'ascii', reason: 'ascii' });
    // 'Hello'.encode('utf-16-le') / ('utf-16-be')
    expect(detectEncoding(h('480065006c006c006f00'))).toMatchObject({
      likely: 'utf-16le',
      reason: 'utf16-nul',
    });
    expect(detectEncoding(h('00480065006c006c006f'))).toMatchObject({
      likely: 'utf-16be',
      reason: 'utf16-nul',
    });
    expect(detectEncoding(h('efbbbf41'))).toMatchObject({ likely: 'utf-8', reason: 'bom' });
    expect(detectEncoding(h('fffe4100'))).toMatchObject({ likely: 'utf-16le', reason: 'bom' });
  });

  it('a byte-order mark convinces only when what follows reads as text', () => {
    // '你好'.encode('utf-16') on a little-endian machine: BOM + real text.
    expect(detectEncoding(h('fffe604f7d59'))).toMatchObject({
      likely: 'utf-16le',
      confidence: 'high',
      reason: 'bom',
    });
    // FF FE by chance: the UTF-16LE reading is 쑁胣 (Hangul beside a rare ideograph).
    const chance = detectEncoding(h('fffe41c4e380'));
    expect(chance).toMatchObject({ likely: 'utf-16le', confidence: 'low', reason: 'bom-implausible' });
    // Low confidence: the other readings are not called mojibake on the mark's word alone.
    expect(chance.readings.find((r) => r.encoding === 'gbk')?.verdict).not.toBe('mojibake');
    // A UTF-8 mark before bytes that are not UTF-8.
    expect(detectEncoding(h('efbbbfc4e3'))).toMatchObject({ confidence: 'low', reason: 'bom-implausible' });
    // An unpaired surrogate after the mark.
    expect(detectEncoding(h('fffe3dd84100'))).toMatchObject({ reason: 'bom-implausible' });
  });

  it('Latin-1 when no multi-byte encoding reads it well', () => {
    // 'café'.encode('latin-1')
    expect(detectEncoding(h('636166e9'))).toMatchObject({ likely: 'iso-8859-1', reason: 'latin1' });
  });

  it('binary (a Modbus request) has no likely encoding', () => {
    expect(detectEncoding(h('010300000001840a'))).toMatchObject({ likely: undefined, reason: 'binary' });
    expect(detectEncoding(new Uint8Array(0))).toMatchObject({ likely: undefined, reason: 'empty' });
  });

  it('notices UTF-8 encoded U+FFFD: text damaged before it was sent (锟斤拷 in GBK)', () => {
    const d = detectEncoding(h('efbfbdefbfbd'));
    expect(d.replacementChars).toBe(true);
    expect(d.readings.find((r) => r.encoding === 'gbk')?.text).toBe('锟斤拷');
    expect(d.readings.find((r) => r.encoding === 'utf-8')?.invalid).toBe(0);
  });
});

describe('utf8Validity', () => {
  it('accepts valid UTF-8 and counts its multi-byte characters', () => {
    expect(utf8Validity(h('41e4bda0f09f9880'))).toEqual({ valid: true, multibyte: 2 });
  });
  it('refuses overlongs, surrogates, cut sequences and stray continuation bytes', () => {
    for (const hex of ['c0af', 'eda080', 'e4bd', '80', 'f5808080'])
      expect(utf8Validity(h(hex)).valid, hex).toBe(false);
  });
});
