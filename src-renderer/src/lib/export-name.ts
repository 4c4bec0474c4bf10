import type { Endpoint, SessionInfo } from '../../../src-shared/contract';

const pad = (n: number): string => String(n).padStart(2, '0');

/** `20261201-113303`: local time, the clock the user reads, sortable by name. */
function stamp(d: Date): string {
  const day = `${d.getFullYear()}${pad(d.getMonth() + 1)}${pad(d.getDate())}`;
  return `${day}-${pad(d.getHours())}${pad(d.getMinutes())}${pad(d.getSeconds())}`;
}

/** `127.0.0.1-7788`; IPv6 colons (not allowed in Windows file names) become `_`. */
function place(e: Endpoint | undefined): string {
  return e ? `${e.address.replace(/[^0-9A-Za-z.]+/g, '_')}-${e.port}` : 'unbound';
}

/**
 * A name the user recognises for an exported log: the kind and the address
 * the session is known by (as in the session list), then the time, e.g.
 * `udp-127.0.0.1-7788-20261201-113303.csv`. Never the internal session id.
 */
export function exportFileName(info: SessionInfo, suffix: string, extension: string, now: Date): string {
  const byRemote = info.kind === 'tcp-client' || info.kind === 'tcp-conn';
  return `${info.kind}-${place(byRemote ? info.remote : info.local)}-${stamp(now)}${suffix}.${extension}`;
}
