import type { Piece } from './pieces';

export type EscapeProblemReason =
  /** `\q`: a backslash before a letter that names no escape. */
  | 'unknown'
  /** `\x4` or `\u12`: fewer hex digits than the escape needs. */
  | 'short'
  /** A backslash as the very last character. */
  | 'dangling';

export type EscapeResult =
  | { ok: true; pieces: Piece[] }
  | { ok: false; index: number; length: number; text: string; reason: EscapeProblemReason };

const SIMPLE: Record<string, string> = { r: '\r', n: '\n', t: '\t', '0': '\0', '\\': '\\' };
const HEX_DIGITS = /^[0-9a-fA-F]+$/;

/**
 * Text with C-style escapes → literal text and raw bytes, each piece knowing
 * where it came from in the input (so an encoding error later can point at
 * the source). `\r \n \t \0 \\` and `\uXXXX` are characters (encoded like the
 * rest of the text); `\xNN` is one raw byte, written as is whatever the
 * encoding, because that is what people mean by it on a serial-style link.
 * `offset` shifts every reported position (the input may be a slice).
 */
export function parseEscapes(input: string, offset = 0): EscapeResult {
  const pieces: Piece[] = [];
  let literalStart = 0;
  const flushLiteral = (end: number): void => {
    if (end > literalStart)
      pieces.push({
        kind: 'text',
        text: input.slice(literalStart, end),
        at: offset + literalStart,
        literal: true,
      });
  };
  let i = 0;
  while (i < input.length) {
    if (input[i] !== '\\') {
      i += 1;
      continue;
    }
    flushLiteral(i);
    const name = input[i + 1];
    if (name === undefined)
      return { ok: false, index: offset + i, length: 1, text: '\\', reason: 'dangling' };
    const simple = SIMPLE[name];
    if (simple !== undefined) {
      pieces.push({ kind: 'text', text: simple, at: offset + i, length: 2, literal: false });
      i += 2;
    } else if (name === 'x' || name === 'u') {
      const width = name === 'x' ? 2 : 4;
      const digits = input.slice(i + 2, i + 2 + width);
      if (digits.length < width || !HEX_DIGITS.test(digits)) {
        // Mark the backslash, the letter and whatever hex digits did follow.
        let end = i + 2;
        while (end < i + 2 + width && end < input.length && /[0-9a-fA-F]/.test(input[end] as string))
          end += 1;
        return { ok: false, index: offset + i, length: end - i, text: input.slice(i, end), reason: 'short' };
      }
      const value = parseInt(digits, 16);
      if (name === 'x')
        pieces.push({ kind: 'bytes', bytes: Uint8Array.of(value), at: offset + i, length: 2 + width });
      else
        pieces.push({
          kind: 'text',
          text: String.fromCharCode(value),
          at: offset + i,
          length: 2 + width,
          literal: false,
        });
      i += 2 + width;
    } else {
      const char = String.fromCodePoint(input.codePointAt(i + 1) ?? 0);
      return { ok: false, index: offset + i, length: 1 + char.length, text: `\\${char}`, reason: 'unknown' };
    }
    literalStart = i;
  }
  flushLiteral(input.length);
  return { ok: true, pieces };
}
