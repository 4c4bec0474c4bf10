export type HexParseResult =
  | { ok: true; bytes: Uint8Array }
  | { ok: false; code: 'BAD_HEX'; index: number; char: string; reason: 'not-hex' | 'odd-digits' };

const SEPARATOR = /[\s,;:-]/;
const HEX_DIGIT = /[0-9a-fA-F]/;

/**
 * Hex as people paste it: `48 65 6c`, `0x48,0x65`, `48656C`, one per line…
 * Separators are white space , ; : -; each group may start with 0x. An error
 * gives the exact index of the offending character so the UI can point at it.
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
    if (c === '0' && (input[i + 1] === 'x' || input[i + 1] === 'X')) i += 2;
    let digits = '';
    while (i < input.length && !SEPARATOR.test(input[i] as string)) {
      const d = input[i] as string;
      if (!HEX_DIGIT.test(d)) return { ok: false, code: 'BAD_HEX', index: i, char: d, reason: 'not-hex' };
      digits += d;
      i += 1;
    }
    if (digits.length === 0 || digits.length % 2 !== 0) {
      const at = digits.length === 0 ? start : i - 1;
      return { ok: false, code: 'BAD_HEX', index: at, char: input[at] as string, reason: 'odd-digits' };
    }
    for (let k = 0; k < digits.length; k += 2) out.push(parseInt(digits.slice(k, k + 2), 16));
  }
  return { ok: true, bytes: Uint8Array.from(out) };
}

const HEX = Array.from({ length: 256 }, (_, b) => b.toString(16).padStart(2, '0').toUpperCase());

/** `48 65 6C` — upper case, space separated. */
export function toHex(bytes: Uint8Array, limit = bytes.byteLength): string {
  const n = Math.min(limit, bytes.byteLength);
  const parts = new Array<string>(n);
  for (let i = 0; i < n; i += 1) parts[i] = HEX[bytes[i] as number] as string;
  return parts.join(' ');
}
