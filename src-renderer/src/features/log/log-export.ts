import type { EncodingId } from '../../../../src-shared/codec/encodings';
import { EXPORT_EXTENSIONS, exportParts, type ExportFormat } from '../../../../src-shared/capture/formats';
import type { LogEntry } from '../../store/log-buffer';
import { exportFileName } from './export-name';
import type { LogOf } from './log-of';

export const EXPORT_FORMATS: ExportFormat[] = ['text', 'hexdump', 'csv', 'jsonl', 'pcapng'];

/** How many entries an export of these rows writes (positions: the rows shown; undefined: all held). */
export const exportCount = (view: LogOf, positions: number[] | undefined): number =>
  positions ? positions.length : view.log.length;

function* entriesOf(
  view: LogOf,
  positions: number[] | undefined,
): Generator<{ record: LogEntry; seq: number }> {
  const { log } = view;
  const count = exportCount(view, positions);
  for (let row = 0; row < count; row += 1) {
    const entry = log.at(positions ? (positions[row] as number) : row);
    if (entry) yield { record: entry, seq: entry.seq };
  }
}

/**
 * Saves what the view holds (the rows shown, when a search or filter is on)
 * as a download: Blob + <a download> works the same in the web shell's
 * browser and in Electron's window, so no extra command is needed. Returns
 * false, saving nothing, when there is nothing to save: an empty file (or a
 * header alone) only looks like a failed export.
 */
export function downloadExport(
  view: LogOf,
  positions: number[] | undefined,
  format: ExportFormat,
  encoding: EncodingId,
): boolean {
  if (exportCount(view, positions) === 0) return false;
  const parts = exportParts({
    format,
    kind: view.info.kind,
    sessionId: view.info.id,
    local: view.info.local,
    encoding,
    // A TLS session's log holds the decrypted application data: the export says so.
    decryptedTls: !!view.info.tls,
    entries: entriesOf(view, positions),
  });
  const blob = new Blob(
    parts.map((p) => (typeof p === 'string' ? p : (p as Uint8Array<ArrayBuffer>))),
    { type: format === 'pcapng' ? 'application/vnd.tcpdump.pcap' : 'text/plain;charset=utf-8' },
  );
  const url = URL.createObjectURL(blob);
  const a = document.createElement('a');
  a.href = url;
  a.download = exportFileName(
    view.info,
    format === 'hexdump' ? '-hex' : '',
    EXPORT_EXTENSIONS[format],
    new Date(),
  );
  document.body.append(a);
  a.click();
  a.remove();
  // After the click has handed the data to the download.
  setTimeout(() => URL.revokeObjectURL(url), 10_000);
  return true;
}
