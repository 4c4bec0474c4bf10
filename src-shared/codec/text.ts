import iconv from 'iconv-lite';
import type { EncodingId } from './encodings';

export type EncodeResult =
  | { ok: true; bytes: Uint8Array }
  | { ok: false; code: 'UNENCODABLE'; char: string; index: number; encoding: EncodingId };

/**
 * Text → bytes. iconv-lite is the one authority, but it silently writes '?'
 * for a character the encoding lacks; we refuse instead and name the first
 * such character, because a silent '?' on the wire is a bug report waiting.
 */
export function encodeText(text: string, encoding: EncodingId): EncodeResult {
  const encoded = iconv.encode(text, encoding);
  if (iconv.decode(encoded, encoding, { stripBOM: false }) === text)
    return { ok: true, bytes: toPlain(encoded) };
  let index = 0;
  for (const char of text) {
    if (iconv.decode(iconv.encode(char, encoding), encoding, { stripBOM: false }) !== char) {
      return { ok: false, code: 'UNENCODABLE', char, index, encoding };
    }
    index += char.length;
  }
  // Every character round-trips alone but not together (shift states): accept what iconv made.
  return { ok: true, bytes: toPlain(encoded) };
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
