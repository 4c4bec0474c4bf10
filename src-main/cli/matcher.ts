import type { EncodingId } from '../../src-shared/codec/encodings';
import { parseHex, toHex } from '../../src-shared/codec/hex';
import { decodeText } from '../../src-shared/codec/text';
import { CliError, EXIT } from './io';

/** What an expected reply must look like: a regular expression over its text, or hex bytes it contains. */
export interface Matcher {
  /** For messages: /^OK/ or hex 4f 4b. */
  label: string;
  test(bytes: Uint8Array): boolean;
}

export function regexMatcher(pattern: string, encoding: EncodingId): Matcher {
  let re: RegExp;
  try {
    re = new RegExp(pattern);
  } catch (err) {
    const detail = err instanceof Error ? err.message : String(err);
    throw new CliError('BAD_REGEX', { rule: 'expect', pattern, detail }, EXIT.USAGE);
  }
  return { label: `/${pattern}/`, test: (bytes) => re.test(decodeText(bytes, encoding)) };
}

export function hexMatcher(pattern: string): Matcher {
  const parsed = parseHex(pattern);
  if (!parsed.ok || parsed.bytes.byteLength === 0)
    throw new CliError('BAD_RULE_HEX', { rule: 'expect', value: pattern }, EXIT.USAGE);
  const needle = parsed.bytes;
  return { label: `hex ${toHex(needle)}`, test: (bytes) => indexOfBytes(bytes, needle) >= 0 };
}

/** Any reply at all (send --wait). */
export const ANYTHING: Matcher = { label: 'anything', test: (bytes) => bytes.byteLength > 0 };

function indexOfBytes(haystack: Uint8Array, needle: Uint8Array): number {
  outer: for (let at = 0; at + needle.byteLength <= haystack.byteLength; at += 1) {
    for (let i = 0; i < needle.byteLength; i += 1) if (haystack[at + i] !== needle[i]) continue outer;
    return at;
  }
  return -1;
}
