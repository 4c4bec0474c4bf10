import type { EncodingId } from './encodings';
import { createStreamDecoder } from './stream';

/** One character and the bytes it was made from. */
export interface CharRun {
  /** One code point (U+FFFD for bytes the encoding cannot read). */
  char: string;
  start: number;
  length: number;
  /** The bytes were not a valid sequence (rather than an encoded U+FFFD). */
  invalid: boolean;
  /** The bytes end the input in the middle of a character (a stream may complete it later). */
  incomplete: boolean;
}

const REPLACEMENT = '\ufffd';

/**
 * Which bytes made which character. Fed one byte at a time to iconv-lite's
 * stream decoder: a character appears when its last byte arrives. When one
 * byte yields several characters (the previous sequence turned out to be
 * invalid), the last one belongs to that byte and the others to the bytes
 * that were pending. Costs a decoder call per byte, so callers pass a limit.
 */
export function charRuns(bytes: Uint8Array, encoding: EncodingId, limit = bytes.byteLength): CharRun[] {
  const n = Math.min(limit, bytes.byteLength);
  const decoder = createStreamDecoder(encoding);
  const runs: CharRun[] = [];
  let pending = 0;
  const emit = (chars: string[], end: number, ownLast: boolean, incomplete = false): void => {
    let start = end - pending;
    chars.forEach((char, k) => {
      const last = k === chars.length - 1;
      let length: number;
      if (last) length = end - start;
      else if (ownLast) length = Math.max(1, end - 1 - start - (chars.length - 2 - k));
      else length = 1;
      length = Math.max(0, Math.min(length, end - start));
      const valid = char !== REPLACEMENT || isEncodedReplacement(bytes, start, length, encoding);
      runs.push({ char, start, length, invalid: !valid && !incomplete, incomplete });
      start += length;
    });
    pending = 0;
  };
  for (let i = 0; i < n; i += 1) {
    pending += 1;
    const out = decoder.write(bytes.subarray(i, i + 1));
    if (out) emit(Array.from(out), i + 1, true);
  }
  const rest = decoder.end();
  if (rest && pending > 0) emit(Array.from(rest), n, false, true);
  return runs;
}

function isEncodedReplacement(
  bytes: Uint8Array,
  start: number,
  length: number,
  encoding: EncodingId,
): boolean {
  const b = (k: number): number | undefined => (k < length ? bytes[start + k] : undefined);
  switch (encoding) {
    case 'utf-8':
      return length === 3 && b(0) === 0xef && b(1) === 0xbf && b(2) === 0xbd;
    case 'utf-16le':
      return length === 2 && b(0) === 0xfd && b(1) === 0xff;
    case 'utf-16be':
      return length === 2 && b(0) === 0xff && b(1) === 0xfd;
    default:
      return false;
  }
}
