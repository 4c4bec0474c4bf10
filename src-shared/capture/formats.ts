import type { DataRecord, Endpoint, SessionKind } from '../contract';
import type { EncodingId } from '../codec/encodings';
import { toHex } from '../codec/hex';
import { decodeText } from '../codec/text';
import { visibleControls } from '../codec/visible';
import { endpointText } from '../net/endpoint-text';
import { PcapngEncoder, pcapngHeader, TLS_CAPTURE_COMMENT, type Transport } from './pcapng';

/** Formats a log can be saved in; capture to file uses the two that keep every byte and address. */
export type ExportFormat = 'text' | 'hexdump' | 'csv' | 'jsonl' | 'pcapng';
export type CaptureFormat = 'pcapng' | 'jsonl';

export const EXPORT_EXTENSIONS: Record<ExportFormat, string> = {
  text: 'txt',
  hexdump: 'txt',
  csv: 'csv',
  jsonl: 'jsonl',
  pcapng: 'pcapng',
};

export const transportOf = (kind: SessionKind): Transport => (kind === 'udp' ? 'udp' : 'tcp');

/** ISO time with microseconds, in UTC: a file outlives the time zone it was made in. */
export function isoMicros(micros: number): string {
  const ms = Math.floor(micros / 1000);
  const iso = new Date(ms).toISOString(); // 2024-01-02T03:04:05.678Z
  return `${iso.slice(0, 23)}${String(Math.floor(micros % 1000)).padStart(3, '0')}Z`;
}

export interface RecordContext {
  sessionId: string;
  local: Endpoint | undefined;
  /** A TLS session: each line says its bytes are the decrypted application data. */
  decryptedTls?: boolean;
}

/** One JSON object per record; the payload as hex, since bytes are bytes. */
export function jsonLine(record: DataRecord, ctx: RecordContext, seq?: number): string {
  const line: Record<string, unknown> = {
    ...(seq !== undefined ? { seq } : {}),
    time: isoMicros(record.t),
    t: record.t,
    session: ctx.sessionId,
    dir: record.dir,
    local: ctx.local ? { address: ctx.local.address, port: ctx.local.port } : null,
    peer: { address: record.peer.address, port: record.peer.port, family: record.peer.family },
    size: record.bytes.byteLength,
    hex: toHex(record.bytes).replace(/ /g, '').toLowerCase(),
  };
  if (record.auto) line.auto = record.auto;
  if (ctx.decryptedTls) line.tls = 'decrypted application data';
  return `${JSON.stringify(line)}\n`;
}

const csvCell = (value: string): string =>
  /[",\n\r]/.test(value) ? `"${value.replace(/"/g, '""')}"` : value;

export const CSV_HEADER = 'seq,time,micros,direction,peer_address,peer_port,size,hex,text\n';
/** Excel reads a CSV without a byte-order mark in the system's code page: UTF-8 Chinese becomes mojibake. */
export const CSV_BOM = '\uFEFF';

/** The text column: exact bytes are in the hex column; here control characters are made visible as in the log. */

export function csvLine(record: DataRecord, seq: number, encoding: EncodingId): string {
  return `${[
    String(seq),
    isoMicros(record.t),
    String(record.t),
    record.dir,
    csvCell(record.peer.address),
    String(record.peer.port),
    String(record.bytes.byteLength),
    toHex(record.bytes).replace(/ /g, '').toLowerCase(),
    csvCell(visibleControls(decodeText(record.bytes, encoding))),
  ].join(',')}\n`;
}

/** `#12 2024-…Z in 127.0.0.1:5000 5 B` then the text, control characters made visible. */
export function textLine(record: DataRecord, seq: number, encoding: EncodingId): string {
  const head = `#${seq} ${isoMicros(record.t)} ${record.dir === 'in' ? '<-' : '->'} ${endpointText(record.peer)} ${record.bytes.byteLength} B`;
  return `${head}  ${visibleControls(decodeText(record.bytes, encoding))}\n`;
}

/** The classic 16-bytes-a-line dump (offset, hex, ASCII) under the same head line as text. */
export function hexDumpBlock(record: DataRecord, seq: number): string {
  const lines = [
    `#${seq} ${isoMicros(record.t)} ${record.dir === 'in' ? '<-' : '->'} ${endpointText(record.peer)} ${record.bytes.byteLength} B`,
  ];
  const b = record.bytes;
  for (let off = 0; off < b.byteLength; off += 16) {
    const row = b.subarray(off, off + 16);
    const ascii = Array.from(row, (c) => (c >= 0x20 && c < 0x7f ? String.fromCharCode(c) : '.')).join('');
    lines.push(`${off.toString(16).padStart(8, '0')}  ${toHex(row).padEnd(47)}  |${ascii}|`);
  }
  return `${lines.join('\n')}\n\n`;
}

export interface ExportInput {
  format: ExportFormat;
  kind: SessionKind;
  sessionId: string;
  local: Endpoint | undefined;
  encoding: EncodingId;
  /** A TLS session (SessionInfo.tls set): the pcapng says the payload is decrypted TLS data. */
  decryptedTls?: boolean;
  /** Entries in order, with their log sequence numbers. */
  entries: Iterable<{ record: DataRecord; seq: number }>;
}

/** A whole export as file parts (strings and bytes), ready for a Blob or a file write. */
export function exportParts(input: ExportInput): (string | Uint8Array)[] {
  const parts: (string | Uint8Array)[] = [];
  const ctx: RecordContext = { sessionId: input.sessionId, local: input.local };
  if (input.decryptedTls) ctx.decryptedTls = true;
  const transport = transportOf(input.kind);
  const pcap = input.format === 'pcapng' ? new PcapngEncoder() : undefined;
  if (input.format === 'pcapng')
    parts.push(pcapngHeader(undefined, input.decryptedTls ? TLS_CAPTURE_COMMENT : undefined));
  if (input.format === 'csv') parts.push(CSV_BOM + CSV_HEADER);
  for (const { record, seq } of input.entries) {
    switch (input.format) {
      case 'text':
        parts.push(textLine(record, seq, input.encoding));
        break;
      case 'hexdump':
        parts.push(hexDumpBlock(record, seq));
        break;
      case 'csv':
        parts.push(csvLine(record, seq, input.encoding));
        break;
      case 'jsonl':
        parts.push(jsonLine(record, ctx, seq));
        break;
      case 'pcapng':
        parts.push((pcap as PcapngEncoder).encode({ record, local: input.local, transport }));
        break;
    }
  }
  return parts;
}
