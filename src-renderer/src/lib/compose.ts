import type { EncodingId } from '../../../src-shared/codec/encodings';
import { parseHex } from '../../../src-shared/codec/hex';
import { encodeText } from '../../../src-shared/codec/text';

export type InputMode = 'text' | 'hex';
export type LineEnding = 'none' | 'lf' | 'crlf' | 'cr';

const ENDINGS: Record<LineEnding, string> = { none: '', lf: '\n', crlf: '\r\n', cr: '\r' };

export interface ComposeSettings {
  mode: InputMode;
  encoding: EncodingId;
  lineEnding: LineEnding;
}

/** Why the composer cannot make bytes from what was typed, for the UI to point at. */
export type ComposeProblem =
  | { kind: 'unencodable'; char: string; index: number; encoding: EncodingId }
  | { kind: 'bad-hex'; char: string; index: number; reason: 'not-hex' | 'odd-digits' };

export type ComposeResult = { ok: true; bytes: Uint8Array } | { ok: false; problem: ComposeProblem };

/** What the composer will put on the wire: the exact bytes, computed before sending. */
export function compose(input: string, settings: ComposeSettings): ComposeResult {
  if (settings.mode === 'hex') {
    const parsed = parseHex(input);
    if (!parsed.ok)
      return {
        ok: false,
        problem: { kind: 'bad-hex', char: parsed.char, index: parsed.index, reason: parsed.reason },
      };
    return { ok: true, bytes: parsed.bytes };
  }
  const encoded = encodeText(input + ENDINGS[settings.lineEnding], settings.encoding);
  if (!encoded.ok) {
    return {
      ok: false,
      problem: { kind: 'unencodable', char: encoded.char, index: encoded.index, encoding: encoded.encoding },
    };
  }
  return { ok: true, bytes: encoded.bytes };
}
