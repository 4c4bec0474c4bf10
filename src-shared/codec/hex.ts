export type HexProblemReason = 'not-hex' | 'odd-digits' | 'no-digits';

export type HexParseResult =
  | { ok: true; bytes: Uint8Array }
  | {
      ok: false;
      code: 'BAD_HEX';
      /** UTF-16 index into the input where the problem starts, so the UI can select it. */
      index: number;
      /** How many UTF-16 units the problem spans (a whole odd group, one character…). */
      length: number;
      /** The offending character (a whole code point, never half a surrogate pair). */
      char: string;
      reason: HexProblemReason;
    };

// Full-width comma/semicolon too: Chinese input methods type them by default,
// and refusing "01，02" would only make people retype it.
const SEPARATOR = /[\s,;:\-，；]/;
const HEX_DIGIT = /[0-9a-fA-F]/;

function charAt(input: string, index: number): string {
  return String.fromCodePoint(input.codePointAt(index) ?? 0);
}

/**
 * Hex as people paste it: `48 65 6c`, `0x48,0x65`, `48656C`, one per line…
 * Separators are white space , ; : - (and their full-width forms); each group
 * may start with 0x. An error gives the exact index and length of the
 * offending part so the UI can point at it.
 */
export function parseHex(input: string): HexParseResult {
  const out: number[] = [];
  let i = 0;
  while (i < input.length) {
    const c = input[i] as string;
    if (SEPARATOR.test(c)) {
      i += 1;
      continue;
    }
    // One group: optional 0x, then an even number of hex digits.
    const start = i;
    const prefixed = c === '0' && (input[i + 1] === 'x' || input[i + 1] === 'X');
    if (prefixed) i += 2;
    const digitsStart = i;
    while (i < input.length && !SEPARATOR.test(input[i] as string)) {
      if (!HEX_DIGIT.test(input[i] as string)) {
        const char = charAt(input, i);
        return { ok: false, code: 'BAD_HEX', index: i, length: char.length, char, reason: 'not-hex' };
      }
      i += 1;
    }
    const digits = input.slice(digitsStart, i);
    if (digits.length === 0) {
      // Only reachable with a bare "0x": point at the prefix itself.
      return {
        ok: false,
        code: 'BAD_HEX',
        index: start,
        length: 2,
        char: input.slice(start, start + 2),
        reason: 'no-digits',
      };
    }
    if (digits.length % 2 !== 0) {
      // The whole group is marked: which digit is missing is for the user to say.
      return {
        ok: false,
        code: 'BAD_HEX',
        index: start,
        length: i - start,
        char: input[i - 1] as string,
        reason: 'odd-digits',
      };
    }
    for (let k = 0; k < digits.length; k += 2) out.push(parseInt(digits.slice(k, k + 2), 16));
  }
  return { ok: true, bytes: Uint8Array.from(out) };
}

const HEX = Array.from({ length: 256 }, (_, b) => b.toString(16).padStart(2, '0').toUpperCase());

/** `48` — one byte, upper case. */
export function byteHex(byte: number): string {
  return HEX[byte & 0xff] as string;
}

/** `48 65 6C` — upper case, space separated. */
export function toHex(bytes: Uint8Array, limit = bytes.byteLength): string {
  const n = Math.min(limit, bytes.byteLength);
  const parts = new Array<string>(n);
  for (let i = 0; i < n; i += 1) parts[i] = HEX[bytes[i] as number] as string;
  return parts.join(' ');
}
