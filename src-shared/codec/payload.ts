import { checksumBytes, type ChecksumId } from './checksum';
import type { EncodingId } from './encodings';
import { parseEscapes, type EscapeProblemReason } from './escapes';
import { parseHex, type HexProblemReason } from './hex';
import { concatBytes, encodePieces, type Piece } from './pieces';
import { encodeText } from './text';
import {
  expandVariable,
  scanVariables,
  type VariableContext,
  type VariableName,
  type VariableProblemReason,
} from './variables';

export type InputMode = 'text' | 'hex';
export type LineEnding = 'none' | 'lf' | 'crlf' | 'cr';

export const LINE_ENDINGS: Record<LineEnding, string> = { none: '', lf: '\n', crlf: '\r\n', cr: '\r' };

export interface PayloadOptions {
  mode: InputMode;
  /** Text mode: the encoding of the text (and of the line ending). */
  encoding: EncodingId;
  lineEnding: LineEnding;
  /** Text mode: `\r \n \t \0 \\ \xNN \uXXXX` are escapes. */
  escapes: boolean;
  /** Text mode: `{{COUNTER}}`… are expanded (see ./variables). */
  variables: boolean;
  checksum: ChecksumId;
}

/** Why no bytes can be made: always with the span of the input to point at. */
export type PayloadProblem =
  | { kind: 'unencodable'; char: string; index: number; length: number; encoding: EncodingId }
  | { kind: 'bad-hex'; char: string; index: number; length: number; reason: HexProblemReason }
  | { kind: 'bad-escape'; text: string; index: number; length: number; reason: EscapeProblemReason }
  | { kind: 'bad-variable'; text: string; index: number; length: number; reason: VariableProblemReason };

/** The bytes, and how many of them are the message, the checksum and the line ending (in that order). */
export interface Payload {
  bytes: Uint8Array;
  body: number;
  checksum: number;
  ending: number;
  /** Variables the input uses: the UI says the preview is for the next send. */
  uses: ReadonlySet<VariableName>;
}

export type PayloadResult = { ok: true; payload: Payload } | { ok: false; problem: PayloadProblem };

const NO_VARIABLES: ReadonlySet<VariableName> = new Set();

/** Typed text → pieces: variables first, then escapes inside the literal text between them. */
function textPieces(
  input: string,
  options: PayloadOptions,
  context: VariableContext,
): { ok: true; pieces: Piece[]; uses: ReadonlySet<VariableName> } | { ok: false; problem: PayloadProblem } {
  const literal = (
    text: string,
    at: number,
  ): { ok: true; pieces: Piece[] } | { ok: false; problem: PayloadProblem } => {
    if (!options.escapes)
      return { ok: true, pieces: text ? [{ kind: 'text', text, at, literal: true }] : [] };
    const parsed = parseEscapes(text, at);
    if (!parsed.ok) return { ok: false, problem: { kind: 'bad-escape', ...pick(parsed) } };
    return { ok: true, pieces: parsed.pieces };
  };
  if (!options.variables) {
    const only = literal(input, 0);
    return only.ok ? { ok: true, pieces: only.pieces, uses: NO_VARIABLES } : only;
  }
  const scanned = scanVariables(input);
  if (!scanned.ok) return { ok: false, problem: { kind: 'bad-variable', ...pick(scanned) } };
  const pieces: Piece[] = [];
  for (const token of scanned.tokens) {
    if (token.kind === 'variable') {
      pieces.push(expandVariable(token, context));
      continue;
    }
    const part = literal(token.text, token.at);
    if (!part.ok) return part;
    pieces.push(...part.pieces);
  }
  return { ok: true, pieces, uses: scanned.uses };
}

function pick<R extends string>(p: { index: number; length: number; text: string; reason: R }) {
  return { index: p.index, length: p.length, text: p.text, reason: p.reason };
}

/**
 * What goes on the wire for one send: the message (hex, or text in an
 * encoding with optional escapes and variables), then the checksum of the
 * message, then the line ending. The checksum is computed over the message
 * only and comes before the line ending, because line-based device protocols
 * use the ending as the frame delimiter (`…<crc>\r\n`).
 */
export function buildPayload(
  input: string,
  options: PayloadOptions,
  context: VariableContext,
): PayloadResult {
  let body: Uint8Array;
  let uses: ReadonlySet<VariableName> = NO_VARIABLES;
  let ending: Uint8Array;
  if (options.mode === 'hex') {
    const parsed = parseHex(input);
    if (!parsed.ok) {
      const { char, index, length, reason } = parsed;
      return { ok: false, problem: { kind: 'bad-hex', char, index, length, reason } };
    }
    body = parsed.bytes;
    // Hex has no encoding: the line ending is its ASCII bytes.
    ending = Uint8Array.from(LINE_ENDINGS[options.lineEnding], (c) => c.charCodeAt(0));
  } else {
    const made = textPieces(input, options, context);
    if (!made.ok) return made;
    uses = made.uses;
    const encoded = encodePieces(made.pieces, options.encoding);
    if (!encoded.ok) {
      const { char, index, length, encoding } = encoded;
      return { ok: false, problem: { kind: 'unencodable', char, index, length, encoding } };
    }
    body = encoded.bytes;
    // Line endings are text too: in UTF-16 a CRLF is four bytes.
    const end = encodeText(LINE_ENDINGS[options.lineEnding], options.encoding);
    ending = end.ok ? end.bytes : new Uint8Array(0);
  }
  const sum = checksumBytes(options.checksum, body);
  return {
    ok: true,
    payload: {
      // Without a checksum or line ending the message is the payload: no copy of a 10 MB paste.
      bytes: sum.byteLength + ending.byteLength === 0 ? body : concatBytes([body, sum, ending]),
      body: body.byteLength,
      checksum: sum.byteLength,
      ending: ending.byteLength,
      uses,
    },
  };
}
