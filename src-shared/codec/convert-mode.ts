import type { EncodingId } from './encodings';
import { parseHex, toHex } from './hex';
import { buildPayload, type PayloadOptions, type PayloadProblem } from './payload';
import { decodeText, encodeText } from './text';

/**
 * Switching the composer between Text and Hex converts what is typed, as
 * NetAssist does: Text → Hex writes the text's bytes in the chosen encoding;
 * Hex → Text decodes the bytes. A conversion that would lose or change a byte
 * is refused (the input stays as it is, with the reason), so toggling back and
 * forth never changes what would be sent.
 */
export type ModeConversion =
  | { ok: true; input: string }
  | { ok: false; reason: 'text-problem'; problem: PayloadProblem }
  /** `{{COUNTER}}`… are different bytes at every send: there is no one hex for them. */
  | { ok: false; reason: 'variables' }
  /** The hex is not hex: the input is kept as typed, now read as text. */
  | { ok: false; reason: 'bad-hex' }
  /** The bytes are not clean text in the encoding (invalid sequence, or a control byte text cannot show). */
  | { ok: false; reason: 'not-text'; offset: number; encoding: EncodingId };

type TextOptions = Pick<PayloadOptions, 'encoding' | 'escapes' | 'variables'>;

/** The message's own bytes as hex: no line ending or checksum (those stay options). */
export function textToHex(input: string, options: TextOptions): ModeConversion {
  const made = buildPayload(
    input,
    { ...options, mode: 'text', lineEnding: 'none', checksum: 'none' },
    // Never used: a message with variables is refused below before its bytes matter.
    { counter: 1, now: new Date(0), random: (n) => new Uint8Array(n) },
  );
  if (!made.ok) return { ok: false, reason: 'text-problem', problem: made.problem };
  if (made.payload.uses.size > 0) return { ok: false, reason: 'variables' };
  return { ok: true, input: toHex(made.payload.bytes) };
}

/** Escapes for the characters a text box cannot show, when the composer reads escapes. */
const ESCAPED: Record<string, string> = { '\\': '\\\\', '\r': '\\r', '\n': '\\n', '\t': '\\t', '\0': '\\0' };
/**
 * C0 controls and DEL other than tab and LF: invisible in a text box, easily
 * lost by editing. CR too, because a text box turns CR LF into LF.
 */
// eslint-disable-next-line no-control-regex
const INVISIBLE = /[\x00-\x08\x0b-\x1f\x7f]/;

/**
 * Hex → text in the encoding. Refused unless the text encodes back to exactly
 * the same bytes and shows every one of them: with escapes on, CR, LF, tab,
 * NUL and backslash are written as `\r \n \t \0 \\`.
 */
export function hexToText(input: string, options: TextOptions): ModeConversion {
  const parsed = parseHex(input);
  if (!parsed.ok) return input.trim() === '' ? { ok: true, input: '' } : { ok: false, reason: 'bad-hex' };
  const bytes = parsed.bytes;
  const text = decodeText(bytes, options.encoding);
  const back = encodeText(text, options.encoding);
  const same =
    back.ok && back.bytes.byteLength === bytes.byteLength && back.bytes.every((b, i) => b === bytes[i]);
  const notText = { ok: false, reason: 'not-text', encoding: options.encoding } as const;
  if (!same) {
    if (back.ok) return { ...notText, offset: firstDifference(bytes, back.bytes) };
    // The decoded text holds a character the encoding will not write back (U+FFFD for an invalid
    // sequence): the bad byte is where the text before that character ends.
    const prefix = encodeText(text.slice(0, back.index), options.encoding);
    return { ...notText, offset: prefix.ok ? prefix.bytes.byteLength : 0 };
  }
  const shown = options.escapes ? text.replace(/[\\\r\n\t\0]/g, (c) => ESCAPED[c] ?? c) : text;
  const invisible = INVISIBLE.exec(shown);
  if (invisible) {
    const encoded = encodeText(text.slice(0, text.indexOf(invisible[0])), options.encoding);
    return { ...notText, offset: encoded.ok ? encoded.bytes.byteLength : 0 };
  }
  // Without escapes a variable-looking `{{…}}` would be expanded: it stays hex.
  if (options.variables && /\{\{/.test(shown)) return { ok: false, reason: 'variables' };
  return { ok: true, input: shown };
}

function firstDifference(a: Uint8Array, b: Uint8Array): number {
  let i = 0;
  while (i < a.byteLength && a[i] === b[i]) i += 1;
  return i;
}
