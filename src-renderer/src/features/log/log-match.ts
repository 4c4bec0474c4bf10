import type { EncodingId } from '../../../../src-shared/codec/encodings';
import { parseHex, type HexParseResult } from '../../../../src-shared/codec/hex';
import { decodeText } from '../../../../src-shared/codec/text';
import type { LogEntry } from '../../store/log-buffer';

/** Where `needle` first occurs in `haystack`, or -1. */
export function indexOfBytes(haystack: Uint8Array, needle: Uint8Array): number {
  const n = needle.byteLength;
  if (n === 0) return 0;
  const first = needle[0];
  outer: for (
    let i = haystack.indexOf(first as number);
    i !== -1 && i + n <= haystack.byteLength;
    i = haystack.indexOf(first as number, i + 1)
  ) {
    for (let j = 1; j < n; j += 1) if (haystack[i + j] !== needle[j]) continue outer;
    return i;
  }
  return -1;
}

export interface Matcher {
  test(entry: LogEntry): boolean;
}

/** Why the hex query is not hex (the parser's finding), shown on the field. */
export type HexProblem = Extract<HexParseResult, { ok: false }>;

export interface Search {
  /** Undefined when no valid term is typed: nothing is searched. */
  matcher: Matcher | undefined;
  /** The hex query is not hex: it alone is ignored until valid; the text term still applies. */
  hexProblem: HexProblem | undefined;
}

/**
 * A search by text (decoded in the view's encoding, ignoring case) and/or hex
 * bytes. Results are remembered per entry (entries never change), so during a
 * flood only new entries are decoded, not the whole ring on every batch.
 */
export function createSearch(text: string, hex: string, encoding: EncodingId): Search {
  const needleText = text.toLocaleLowerCase();
  const parsed = hex.trim() ? parseHex(hex) : undefined;
  const needleBytes = parsed?.ok ? parsed.bytes : undefined;
  const hexProblem = parsed && !parsed.ok ? parsed : undefined;
  if (!needleText && !needleBytes) return { matcher: undefined, hexProblem };
  const seen = new WeakMap<LogEntry, boolean>();
  const matcher: Matcher = {
    test(entry) {
      let hit = seen.get(entry);
      if (hit === undefined) {
        hit =
          (!needleBytes || indexOfBytes(entry.bytes, needleBytes) !== -1) &&
          (!needleText || decodeText(entry.bytes, encoding).toLocaleLowerCase().includes(needleText));
        seen.set(entry, hit);
      }
      return hit;
    },
  };
  return { matcher, hexProblem };
}
