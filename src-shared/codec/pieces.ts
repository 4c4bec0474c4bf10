import type { EncodingId } from './encodings';
import { encodeText } from './text';

/**
 * A payload on its way from what was typed to bytes: runs of text still to be
 * encoded, and raw bytes (`\xNN`, random bytes) that skip the encoder. Every
 * piece remembers where it came from in the typed input, so an error found
 * later (a character GBK cannot hold) still points at what the user typed.
 */
export type Piece =
  /** Typed text, unchanged: character k of `text` is at input index `at + k`. */
  | { kind: 'text'; text: string; at: number; literal: true }
  /** Text made from the input span [at, at + length): an escape like `\u4F60`, a variable. */
  | { kind: 'text'; text: string; at: number; length: number; literal: false }
  | { kind: 'bytes'; bytes: Uint8Array; at: number; length: number };

export type PiecesResult =
  | { ok: true; bytes: Uint8Array }
  | {
      ok: false;
      code: 'UNENCODABLE';
      char: string;
      /** Where to point in the typed input. */
      index: number;
      length: number;
      encoding: EncodingId;
    };

export function concatBytes(parts: readonly Uint8Array[]): Uint8Array {
  let total = 0;
  for (const p of parts) total += p.byteLength;
  const out = new Uint8Array(total);
  let at = 0;
  for (const p of parts) {
    out.set(p, at);
    at += p.byteLength;
  }
  return out;
}

/**
 * Encode the text pieces in `encoding` and splice the raw bytes in between.
 * Neighbouring text pieces are encoded together, so `\uD83D\uDE00` (a
 * surrogate pair written as two escapes) still becomes one emoji.
 */
export function encodePieces(pieces: readonly Piece[], encoding: EncodingId): PiecesResult {
  const out: Uint8Array[] = [];
  let run: Extract<Piece, { kind: 'text' }>[] = [];
  const flush = (): PiecesResult | undefined => {
    if (run.length === 0) return undefined;
    const text = run.map((p) => p.text).join('');
    const encoded = encodeText(text, encoding);
    if (!encoded.ok) {
      // Find the piece holding the bad character and translate its index back to the input.
      let base = 0;
      for (const piece of run) {
        if (encoded.index < base + piece.text.length) {
          const inside = encoded.index - base;
          return piece.literal
            ? {
                ok: false,
                code: 'UNENCODABLE',
                char: encoded.char,
                index: piece.at + inside,
                length: encoded.char.length,
                encoding,
              }
            : {
                ok: false,
                code: 'UNENCODABLE',
                char: encoded.char,
                index: piece.at,
                length: piece.length,
                encoding,
              };
        }
        base += piece.text.length;
      }
      return { ok: false, code: 'UNENCODABLE', char: encoded.char, index: 0, length: 0, encoding };
    }
    out.push(encoded.bytes);
    run = [];
    return undefined;
  };
  for (const piece of pieces) {
    if (piece.kind === 'text') {
      run.push(piece);
      continue;
    }
    const problem = flush();
    if (problem) return problem;
    out.push(piece.bytes);
  }
  const problem = flush();
  if (problem) return problem;
  return { ok: true, bytes: concatBytes(out) };
}
