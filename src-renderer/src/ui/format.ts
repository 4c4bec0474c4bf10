import type { Endpoint } from '../../../src-shared/contract';
import { endpointText } from '../../../src-shared/net/endpoint-text';

/** `127.0.0.1:7788`, `[::1]:7788` (the shared endpointText()); `—` for none. */
export function formatEndpoint(endpoint: Endpoint | undefined): string {
  return endpoint ? endpointText(endpoint) : '—';
}

/** Python's view of the same address: `('127.0.0.1', 7788)`. */
export function formatPythonTuple(endpoint: Endpoint): string {
  return `('${endpoint.address}', ${endpoint.port})`;
}

const pad = (n: number, width = 2): string => String(n).padStart(width, '0');

/** Local wall-clock time with microseconds: `19:07:12.345678`. */
export function formatTime(micros: number): string {
  const date = new Date(Math.floor(micros / 1000));
  const us = Math.floor(micros % 1_000_000);
  return `${pad(date.getHours())}:${pad(date.getMinutes())}:${pad(date.getSeconds())}.${pad(us, 6)}`;
}

const grouping = new Intl.NumberFormat('en-US');

/** Exact count with thousands separators: counters are never rounded. */
export function formatCount(n: number | bigint): string {
  return grouping.format(n);
}

/**
 * Options for a counted text: `count` picks i18next's plural form ("1 byte",
 * "2 bytes"), `n` is the number as shown, with separators.
 */
export function counted(
  count: number,
  extra?: Record<string, string | number>,
): Record<string, string | number> {
  return { ...extra, count, n: formatCount(count) };
}

/** 1,048,576 B → "1 MiB": sizes people read, exact below 1 KiB. */
export function formatBytes(n: number): string {
  if (n < 1024) return `${formatCount(n)} B`;
  const units = ['KiB', 'MiB', 'GiB'];
  let value = n / 1024;
  let unit = 0;
  while (value >= 1024 && unit < units.length - 1) {
    value /= 1024;
    unit += 1;
  }
  return `${value.toLocaleString(undefined, { maximumFractionDigits: 1 })} ${units[unit]}`;
}
