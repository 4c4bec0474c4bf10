import { decodeText } from '../../../src-shared/codec/text';
import { toHex } from '../../../src-shared/codec/hex';
import { visibleControls } from '../../../src-shared/codec/visible';
import type { ViewMode } from '../store/ui';

/** Bytes shown in one log row; the detail pane shows all of them. */
export const PREVIEW_BYTES = 256;

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
