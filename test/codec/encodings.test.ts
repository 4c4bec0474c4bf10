import { spawnSync } from 'node:child_process';
import { describe, expect, it } from 'vitest';
import { ENCODINGS, type EncodingId } from '../../src-shared/codec/encodings';
import { decodeText, encodeText, widerEncoding } from '../../src-shared/codec/text';

/**
 * Reference vectors made with Python's codecs at test-writing time, e.g.
 * `python3 -c "print('你好，世界'.encode('gbk').hex())"` (Python names:
 * gbk, gb18030, big5, shift_jis, euc_kr, latin-1, utf-16-le, utf-16-be,
 * ascii). Pasted as literals: the tests need no Python.
 */
const VECTORS: Record<EncodingId, [text: string, hex: string][]> = {
  'utf-8': [
    ['Hello', '48656c6c6f'],
    ['你好，世界', 'e4bda0e5a5bdefbc8ce4b896e7958c'],
    ['é€😀', 'c3a9e282acf09f9880'],
  ],
  gbk: [
    ['你好，世界', 'c4e3bac3a3accac0bde7'],
    ['温度=23.5℃', 'cec2b6c83d32332e35a1e6'],
  ],
  gb18030: [
    ['你好', 'c4e3bac3'],
    // Four-byte sequences: what GB18030 adds to GBK.
    ['€😀', 'a2e39439fc36'],
  ],
  big5: [
    ['你好', 'a741a66e'],
    ['臺灣', 'bb4fc657'],
  ],
  shift_jis: [
    ['こんにちは', '82b182f182c982bf82cd'],
    ['ｶﾀｶﾅ', 'b6c0b6c5'],
  ],
  'euc-kr': [['안녕하세요', 'bec8b3e7c7cfbcbcbfe4']],
  'iso-8859-1': [['café ÿ', '636166e920ff']],
  'utf-16le': [['A你😀', '4100604f3dd800de']],
  'utf-16be': [['A你😀', '00414f60d83dde00']],
  ascii: [['Hi!\r\n', '4869210d0a']],
};

const hex = (bytes: Uint8Array): string => Buffer.from(bytes).toString('hex');
const bytes = (h: string): Uint8Array => new Uint8Array(Buffer.from(h, 'hex'));

describe('text encodings against Python reference vectors', () => {
  it('has vectors for every encoding the workbench offers', () => {
    expect(Object.keys(VECTORS).sort()).toEqual(ENCODINGS.map((e) => e.id).sort());
  });

  for (const { id } of ENCODINGS) {
    for (const [text, expected] of VECTORS[id]) {
      it(`${id}: encodes ${JSON.stringify(text)}`, () => {
        const result = encodeText(text, id);
        expect(result.ok).toBe(true);
        if (result.ok) expect(hex(result.bytes)).toBe(expected);
      });
      it(`${id}: decodes ${expected}`, () => {
        expect(decodeText(bytes(expected), id)).toBe(text);
      });
    }
  }

  it('returns plain Uint8Arrays, not Buffers, so every bridge serialises them alike', () => {
    const result = encodeText('abc', 'utf-8');
    expect(result.ok && result.bytes.constructor).toBe(Uint8Array);
  });
});

describe('characters an encoding cannot hold', () => {
  // Python agrees each of these fails: e.g. '😀'.encode('gbk') raises UnicodeEncodeError.
  const cases: [EncodingId, string, string, number][] = [
    ['gbk', 'ok 😀 ok', '😀', 3],
    ['ascii', 'café', 'é', 3],
    ['iso-8859-1', 'price: €5', '€', 7],
    ['big5', '你好😀', '😀', 2],
    ['shift_jis', 'こんにちは你', '你', 5],
    ['gbk', '¥100', '¥', 0],
  ];
  for (const [encoding, text, char, index] of cases) {
    it(`${encoding}: names ${char} at index ${index}, never writes a silent "?"`, () => {
      expect(encodeText(text, encoding)).toEqual({ ok: false, code: 'UNENCODABLE', char, index, encoding });
    });
  }

  it("gbk: refuses € the way Python does (iconv-lite would write 0x80, which decode('gbk') cannot read)", () => {
    // Python: '€'.encode('gbk') raises UnicodeEncodeError; '€'.encode('gb18030') == b'\xa2\xe3'.
    expect(encodeText('价格 €5', 'gbk')).toEqual({
      ok: false,
      code: 'UNENCODABLE',
      char: '€',
      index: 3,
      encoding: 'gbk',
    });
    expect(widerEncoding('€', 'gbk')).toBe('gb18030');
    expect(widerEncoding('😀', 'ascii')).toBeUndefined();
    // Private use too: iconv-lite maps U+E000 to AAA1, Python's gbk refuses it.
    expect(encodeText('\ue000', 'gbk')).toMatchObject({ ok: false, char: '\ue000' });
  });

  it.skipIf(spawnSync('python3', ['--version']).status !== 0)(
    "gbk: holds exactly the BMP characters Python's gbk codec holds, as the same bytes",
    () => {
      const script = [
        'import json, sys',
        'out = {}',
        'for cp in range(0x80, 0x10000):',
        '    if 0xd800 <= cp < 0xe000: continue',
        '    try: out[cp] = chr(cp).encode("gbk").hex()',
        '    except UnicodeEncodeError: pass',
        'sys.stdout.write(json.dumps(out))',
      ].join('\n');
      const python = JSON.parse(spawnSync('python3', ['-c', script], { encoding: 'utf8' }).stdout) as Record<
        string,
        string
      >;
      const differ: string[] = [];
      for (let cp = 0x80; cp < 0x10000; cp++) {
        if (cp >= 0xd800 && cp < 0xe000) continue;
        const ours = encodeText(String.fromCodePoint(cp), 'gbk');
        if ((ours.ok ? hex(ours.bytes) : undefined) !== python[cp]) differ.push(cp.toString(16));
      }
      expect(differ).toEqual([]);
    },
  );

  it('indexes in UTF-16 units, as JavaScript strings and text areas do', () => {
    const result = encodeText('😀é', 'ascii');
    expect(result).toMatchObject({ ok: false, char: '😀', index: 0 });
    const second = encodeText('a😀', 'iso-8859-1');
    expect(second).toMatchObject({ ok: false, char: '😀', index: 1 });
  });
});

describe('decoding never drops bytes', () => {
  it('turns an invalid or cut sequence into U+FFFD', () => {
    // Python: b'\xe4\xbd'.decode('utf-8', errors='replace') == '\ufffd'
    expect(decodeText(bytes('e4bd'), 'utf-8')).toBe('\ufffd');
    expect(decodeText(bytes('41ff42'), 'utf-8')).toBe('A\ufffdB');
  });

  it('reads UTF-8 bytes as GBK the way Python does: the classic mojibake', () => {
    // Python: '你好'.encode('utf-8').decode('gbk', errors='replace') == '浣犲ソ'
    expect(decodeText(bytes('e4bda0e5a5bd'), 'gbk')).toBe('浣犲ソ');
    // Python: bytes.fromhex('efbfbdefbfbd').decode('gbk') == '锟斤拷'
    expect(decodeText(bytes('efbfbdefbfbd'), 'gbk')).toBe('锟斤拷');
  });

  it('shows a last odd byte of UTF-16 as U+FFFD instead of dropping it', () => {
    expect(decodeText(bytes('410042'), 'utf-16le')).toBe('A\ufffd');
  });

  it('keeps a BOM visible rather than silently stripping it', () => {
    expect(decodeText(bytes('efbbbf41'), 'utf-8')).toBe('\ufeffA');
  });
});
