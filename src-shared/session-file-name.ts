import type { Endpoint, SessionKind } from './contract';

const pad = (n: number): string => String(n).padStart(2, '0');

/** `20261201-113303`: local time, the clock the user reads; names sort by it. */
export function fileStamp(d: Date): string {
  const day = `${d.getFullYear()}${pad(d.getMonth() + 1)}${pad(d.getDate())}`;
  return `${day}-${pad(d.getHours())}${pad(d.getMinutes())}${pad(d.getSeconds())}`;
}

/** `127.0.0.1-7788`; IPv6 colons (not allowed in Windows file names) become `_`. */
function place(e: Endpoint | undefined): string {
  return e ? `${e.address.replace(/[^0-9A-Za-z.]+/g, '_')}-${e.port}` : 'unbound';
}

/**
 * The start of a file name a user recognises for a session's export or
 * capture: its kind and the address it is known by (as in the session list),
 * then the time, e.g. `udp-127.0.0.1-7788-20261201-113303`. Never the
 * internal session id.
 */
export function sessionFileName(
  session: { kind: SessionKind; local?: Endpoint; remote?: Endpoint },
  now: Date,
): string {
  const byRemote = session.kind === 'tcp-client' || session.kind === 'tcp-conn';
  return `${session.kind}-${place(byRemote ? session.remote : session.local)}-${fileStamp(now)}`;
}
