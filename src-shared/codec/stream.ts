import iconv from 'iconv-lite';
import type { EncodingId } from './encodings';
import { decodeText } from './text';

/** Decodes a byte stream piece by piece, carrying an incomplete character over to the next piece. */
export interface StreamDecoder {
  write(bytes: Uint8Array): string;
  /** Whatever is still pending, as U+FFFD: the stream ended inside a character. */
  end(): string;
  /** Bytes held back because they start a character that is not complete yet. */
  pending(): number;
}

/** The longest tail any of our encodings can leave pending: GB18030's four-byte sequences. */
const MAX_PENDING = 3;

/**
 * A stream decoder built on iconv-lite's.
 *
 * Why not iconv-lite's decoder as it is: its double-byte decoder (GBK, Big5,
 * Shift_JIS, EUC-KR, GB18030) sizes each write's output for that write's
 * bytes only, so when bytes carried over from the previous write turn out
 * invalid, or a four-byte GB18030 sequence completes, the extra characters are
 * silently cut off (`81` then `20 41` in GBK loses the space). So we carry the
 * incomplete tail ourselves and give iconv-lite a fresh decoder each time,
 * with the carried bytes in front: then its output always fits.
 */
export function createStreamDecoder(encoding: EncodingId): StreamDecoder {
  let carry = new Uint8Array(0);
  return {
    write(bytes) {
      const data = carry.byteLength === 0 ? bytes : concat(carry, bytes);
      if (encoding === 'utf-8') {
        const pending = utf8Pending(data);
        carry = data.slice(data.byteLength - pending);
        return decodeText(data.subarray(0, data.byteLength - pending), encoding);
      }
      if (encoding === 'utf-16le' || encoding === 'utf-16be') {
        // Two-byte units: hold back an odd byte, and a high surrogate until its low half comes.
        let pending = data.byteLength % 2;
        const last = data.byteLength - pending - 2;
        if (last >= 0) {
          const unit =
            encoding === 'utf-16le'
              ? (data[last] as number) | ((data[last + 1] as number) << 8)
              : ((data[last] as number) << 8) | (data[last + 1] as number);
          if (unit >= 0xd800 && unit <= 0xdbff) pending += 2;
        }
        carry = data.slice(data.byteLength - pending);
        return decodeAll(data.subarray(0, data.byteLength - pending), encoding);
      }
      const decoder = iconv.getDecoder(encoding, { stripBOM: false });
      // iconv-lite's decoders index plain bytes or wrap them in a Buffer
      // themselves; its typings ask for a Buffer only because they were written for Node.
      const out = decoder.write(data as Parameters<typeof decoder.write>[0]);
      if (!decoder.end()) {
        carry = new Uint8Array(0);
        return out;
      }
      // Something is pending: find how many tail bytes the decoder held back,
      // as the shortest tail whose removal decodes to exactly what it gave us.
      for (let pending = 1; pending <= Math.min(MAX_PENDING, data.byteLength); pending += 1) {
        const head = data.subarray(0, data.byteLength - pending);
        if (decodeAll(head, encoding) === out) {
          carry = data.slice(data.byteLength - pending);
          return out;
        }
      }
      // Not expected; never lose bytes: show them as decoded in full.
      carry = new Uint8Array(0);
      return decodeAll(data, encoding);
    },
    pending: () => carry.byteLength,
    end() {
      if (carry.byteLength === 0) return '';
      // A lone odd byte of UTF-16 decodes to nothing in iconv-lite: show it as U+FFFD instead.
      const rest = decodeAll(carry, encoding) || '\ufffd';
      carry = new Uint8Array(0);
      return rest;
    },
  };
}

function decodeAll(bytes: Uint8Array, encoding: EncodingId): string {
  return decodeText(bytes, encoding);
}

/**
 * How many bytes at the end of `data` begin a UTF-8 character that is still
 * valid so far but not complete: those wait for the next chunk. A sequence
 * already broken is not held back; the decoder shows it as U+FFFD now.
 */
export function utf8Pending(data: Uint8Array): number {
  const n = data.byteLength;
  for (let back = 1; back <= 3 && back <= n; back += 1) {
    const lead = data[n - back] as number;
    if ((lead & 0xc0) === 0x80) continue; // a continuation byte: look further back
    const need =
      lead >= 0xc2 && lead <= 0xdf
        ? 2
        : lead >= 0xe0 && lead <= 0xef
          ? 3
          : lead >= 0xf0 && lead <= 0xf4
            ? 4
            : 0;
    if (need <= back) return 0; // ASCII, an invalid lead, or a complete character
    const second = data[n - back + 1];
    if (second !== undefined) {
      // The lead bytes whose second byte has a narrower range (no overlongs, no surrogates, ≤ U+10FFFF).
      const lo = lead === 0xe0 ? 0xa0 : lead === 0xf0 ? 0x90 : 0x80;
      const hi = lead === 0xed ? 0x9f : lead === 0xf4 ? 0x8f : 0xbf;
      if (second < lo || second > hi) return 0;
    }
    return back;
  }
  return 0;
}

function concat(a: Uint8Array, b: Uint8Array): Uint8Array {
  const out = new Uint8Array(a.byteLength + b.byteLength);
  out.set(a);
  out.set(b, a.byteLength);
  return out;
}
