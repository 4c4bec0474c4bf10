import iconv from 'iconv-lite';
import type { EncodingId } from './encodings';

const utf8Encoder = new TextEncoder();
/** A high surrogate not followed by a low one, or a low one not preceded by a high one. */
const LONE_SURROGATE = /[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]/;

export type EncodeResult =
  | { ok: true; bytes: Uint8Array }
  | { ok: false; code: 'UNENCODABLE'; char: string; index: number; encoding: EncodingId };

/**
 * Text → bytes. iconv-lite is the one authority, but it silently writes '?'
 * for a character the encoding lacks; we refuse instead and name the first
 * such character, because a silent '?' on the wire is a bug report waiting.
 * GBK is held to Python's gbk codec (see refusedByPythonGbk).
 */
export function encodeText(text: string, encoding: EncodingId): EncodeResult {
  // UTF-8 holds every character but a lone surrogate. The native encoder makes the same bytes as
  // iconv-lite, whose browser path (a Buffer polyfill) took 0.8 s per MB: a big paste made typing lag.
  if (encoding === 'utf-8' && !LONE_SURROGATE.test(text))
    return { ok: true, bytes: utf8Encoder.encode(text) };
  const encoded = iconv.encode(text, encoding);
  const gbkCheck = encoding === 'gbk' && /[\u0080-\uffff]/.test(text);
  if (!gbkCheck && iconv.decode(encoded, encoding, { stripBOM: false }) === text)
    return { ok: true, bytes: toPlain(encoded) };
  let index = 0;
  for (const char of text) {
    const bytes = iconv.encode(char, encoding);
    const held = iconv.decode(bytes, encoding, { stripBOM: false }) === char;
    if (!held || (encoding === 'gbk' && refusedByPythonGbk(char, bytes))) {
      return { ok: false, code: 'UNENCODABLE', char, index, encoding };
    }
    index += char.length;
  }
  // Every character round-trips alone but not together (shift states): accept what iconv made.
  return { ok: true, bytes: toPlain(encoded) };
}

/**
 * iconv-lite's GBK is the Encoding Standard's (Windows CP936 plus GB18030's
 * two-byte additions): it writes € as 0x80 and the private-use area. Python's
 * gbk codec, the one the course's receivers decode('gbk') with, refuses those
 * both ways. The workbench refuses them too, so it never sends bytes a Python
 * peer cannot read; GB18030 holds them all. Checked against Python's codec
 * for every BMP character (test/codec/encodings.test.ts).
 */
function refusedByPythonGbk(char: string, bytes: Uint8Array): boolean {
  const cp = char.codePointAt(0) ?? 0;
  if (cp >= 0xe000 && cp <= 0xf8ff) return true; // private use
  const [lead, trail = 0] = bytes;
  if (bytes.byteLength === 1) return lead === 0x80; // €
  return (
    (lead === 0xa8 && (trail === 0xbc || trail === 0xbf)) ||
    (lead === 0xa9 && trail >= 0x89 && trail <= 0x95) ||
    (lead === 0xfe && trail >= 0x50 && trail <= 0xa0)
  );
}

/** An encoding that holds a character `encoding` refused, to suggest: GB18030 for GBK. */
export function widerEncoding(char: string, encoding: EncodingId): EncodingId | undefined {
  return encoding === 'gbk' && encodeText(char, 'gb18030').ok ? 'gb18030' : undefined;
}

/**
 * UTF-8 is decoded by the Encoding Standard's TextDecoder (in browsers and
 * Node alike): iconv-lite hands UTF-8 to Node's string decoder, whose browser
 * port replaces an invalid sequence with a different number of U+FFFD than
 * Node, Python and browsers do. `ignoreBOM` keeps a BOM visible.
 */
const utf8Decoder = new TextDecoder('utf-8', { ignoreBOM: true });

/** Bytes → text; invalid sequences become U+FFFD, never dropped. */
export function decodeText(bytes: Uint8Array, encoding: EncodingId): string {
  if (encoding === 'utf-8') return utf8Decoder.decode(bytes);
  const text = iconv.decode(bytes, encoding, { stripBOM: false });
  // iconv-lite silently drops a last odd byte of UTF-16; it is shown, like any invalid byte.
  const odd = (encoding === 'utf-16le' || encoding === 'utf-16be') && bytes.byteLength % 2 === 1;
  return odd ? `${text}\ufffd` : text;
}

/** A plain Uint8Array view (not a Buffer subclass), which every bridge serialises the same way. */
function toPlain(buffer: Uint8Array): Uint8Array {
  return new Uint8Array(buffer.buffer, buffer.byteOffset, buffer.byteLength);
}
