import type { EncodingId } from '../../src-shared/codec/encodings';
import { toHex } from '../../src-shared/codec/hex';
import { decodeText } from '../../src-shared/codec/text';
import { visibleControls } from '../../src-shared/codec/visible';

/** How received bytes are shown: as text in an encoding (controls made visible), or as hex. */
export interface Shown {
  encoding: EncodingId;
  hex: boolean;
}

export function showBytes(bytes: Uint8Array, shown: Shown): string {
  return shown.hex ? toHex(bytes) : visibleControls(decodeText(bytes, shown.encoding));
}

const pad = (n: number, width = 2): string => String(n).padStart(width, '0');

/** Local wall-clock time with milliseconds, as the app's log shows it. */
export function clock(date: Date): string {
  return `${pad(date.getHours())}:${pad(date.getMinutes())}:${pad(date.getSeconds())}.${pad(date.getMilliseconds(), 3)}`;
}

export function endpoint(address: string, port: number): string {
  return address.includes(':') ? `[${address}]:${port}` : `${address}:${port}`;
}

/** One received message: `12:00:01.123  127.0.0.1:5000  5 B  hello`. */
export function messageLine(at: Date, peer: string, bytes: Uint8Array, shown: Shown): string {
  return `${clock(at)}  ${peer}  ${bytes.byteLength} B  ${showBytes(bytes, shown)}`;
}

/** The same message as one JSON Lines record: both forms, so a script never has to decode. */
export function messageJson(
  at: Date,
  proto: string,
  peer: { address: string; port: number },
  bytes: Uint8Array,
  encoding: EncodingId,
): string {
  return JSON.stringify({
    event: 'message',
    time: at.toISOString(),
    proto,
    peer,
    size: bytes.byteLength,
    hex: toHex(bytes).replace(/ /g, ''),
    text: decodeText(bytes, encoding),
  });
}

export function eventJson(event: string, fields: Record<string, unknown>): string {
  return JSON.stringify({ event, time: new Date().toISOString(), ...fields });
}

/** A short, single-line picture of bytes for pass/fail messages. */
export function preview(bytes: Uint8Array, shown: Shown, limit = 80): string {
  if (bytes.byteLength === 0) return shown.hex ? '(nothing)' : '""';
  const text = showBytes(bytes, shown);
  const cut = text.length > limit ? `${text.slice(0, limit)}…` : text;
  return shown.hex ? cut : JSON.stringify(cut);
}
