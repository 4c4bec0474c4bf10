import { charRuns } from '../../../../src-shared/codec/char-runs';
import type { EncodingId } from '../../../../src-shared/codec/encodings';
import { byteHex, toHex } from '../../../../src-shared/codec/hex';
import { decodeText } from '../../../../src-shared/codec/text';
import { visibleControls } from '../../../../src-shared/codec/visible';
import type { ViewMode } from '../../store/view-state';

/** Bytes shown in one log row; the detail pane shows all of them. */
export const PREVIEW_BYTES = 256;
/** Characters shown in one log row of a stream's text view. */
export const PREVIEW_CHARS = 256;
/** Bytes of one entry shown in the log's hex-dump layout; the inspector shows them all. */
export const DUMP_BYTES = 256;
export const DUMP_WIDTH = 16;

/** One line of a log row: text in the chosen encoding with controls visible, or hex. */
export function previewBytes(bytes: Uint8Array, mode: ViewMode): string {
  const head = bytes.byteLength > PREVIEW_BYTES ? bytes.subarray(0, PREVIEW_BYTES) : bytes;
  const text = mode === 'hex' ? toHex(head) : visibleControls(decodeText(head, mode));
  return bytes.byteLength > PREVIEW_BYTES ? `${text} …` : text;
}

/** Classic hex dump: offset, 16 bytes in hex, the same bytes as ASCII. */
export function hexDump(bytes: Uint8Array): string {
  const lines: string[] = [];
  for (let offset = 0; offset < bytes.byteLength; offset += 16) {
    const row = bytes.subarray(offset, offset + 16);
    const hex = toHex(row).padEnd(16 * 3 - 1, ' ');
    let ascii = '';
    for (const b of row) ascii += b >= 0x20 && b < 0x7f ? String.fromCharCode(b) : '.';
    lines.push(`${offset.toString(16).padStart(8, '0')}  ${hex}  ${ascii}`);
  }
  return lines.join('\n');
}

/** Characters that take two columns in a monospace CJK font. */
const WIDE =
  /[\u1100-\u115f\u2e80-\u303e\u3041-\u33ff\u3400-\u4dbf\u4e00-\u9fff\ua000-\ua4cf\uac00-\ud7a3\uf900-\ufaff\ufe30-\ufe4f\uff00-\uff60\uffe0-\uffe6]|[\u{1f300}-\u{1faff}\u{20000}-\u{3fffd}]/u;

export interface DumpLine {
  offset: string;
  hex: string;
  /** The same bytes as text in the chosen encoding: each character under its first byte, padded to its byte count. */
  text: string;
}

/**
 * A hex dump whose text column is in a real encoding, not just ASCII: a
 * two-byte GBK character sits over its two cells, a three-byte UTF-8 one
 * takes two cells and a space; control characters and invalid bytes stay
 * visible (␍, �), never dropped.
 */
export function dumpLines(bytes: Uint8Array, encoding: EncodingId, limit = bytes.byteLength): DumpLine[] {
  const n = Math.min(limit, bytes.byteLength);
  const cells: string[] = new Array<string>(n).fill('');
  for (const run of charRuns(bytes, encoding, n)) {
    if (run.start >= n) break;
    // A character cut off at the end (its rest comes in the next chunk) is a dot, not an error.
    const shown = run.incomplete ? '·' : visibleControls(run.char);
    const width = WIDE.test(shown) ? 2 : 1;
    cells[run.start] = shown;
    // The cells after a character's first byte are its own; pad them so the next character lines up.
    let padding = Math.max(0, Math.min(run.length, n - run.start) - width);
    for (let k = 1; k < run.length && run.start + k < n; k += 1) {
      if (padding > 0) {
        cells[run.start + k] = ' ';
        padding -= 1;
      }
    }
  }
  const lines: DumpLine[] = [];
  for (let offset = 0; offset < n; offset += DUMP_WIDTH) {
    const end = Math.min(n, offset + DUMP_WIDTH);
    const hex: string[] = [];
    for (let i = offset; i < end; i += 1) hex.push(byteHex(bytes[i] as number));
    const left = hex.slice(0, 8).join(' ');
    const right = hex.slice(8).join(' ');
    lines.push({
      offset: offset.toString(16).padStart(8, '0'),
      hex: `${left}${right ? `  ${right}` : ''}`.padEnd(DUMP_WIDTH * 3, ' '),
      text: cells.slice(offset, end).join(''),
    });
  }
  return lines;
}

/** Lines the log's dump layout draws for an entry (plus one saying how much more there is). */
export function dumpLineCount(byteLength: number): number {
  const shown = Math.min(byteLength, DUMP_BYTES);
  return Math.max(1, Math.ceil(shown / DUMP_WIDTH)) + (byteLength > DUMP_BYTES ? 1 : 0);
}
