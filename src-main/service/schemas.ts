import { isIP } from 'node:net';
import { z } from 'zod';

/*
 * The pieces the command tables (./commands/*.ts) build their input schemas from:
 * addresses, ports, payloads, session references. Every command's own schema
 * stands in its table row, beside its handler.
 */

/** The largest payload one command may carry (a UDP datagram is far smaller; a TCP send may be a file chunk). */
export const MAX_PAYLOAD_BYTES = 16 * 1024 * 1024;

const HOSTNAME =
  /^(?=.{1,253}\.?$)[A-Za-z0-9_](?:[A-Za-z0-9_-]{0,61}[A-Za-z0-9_])?(?:\.[A-Za-z0-9_](?:[A-Za-z0-9_-]{0,61}[A-Za-z0-9_])?)*\.?$/;

/** `[::1]` as people paste it from URLs is the address ::1. */
const unbracket = (value: string): string => value.trim().replace(/^\[(.*)\]$/, '$1');

export const localPort = z.number().int().min(0).max(65535);
export const remotePort = z.number().int().min(1).max(65535);
export const ipAddress = z
  .string()
  .transform(unbracket)
  .refine((v) => isIP(v) !== 0);
/** `999.1.1.1` matches the host-name pattern but is a mistyped address: glibc would send it to DNS. */
export const looksNumeric = (v: string): boolean => /^[\d.]+$/.test(v);
export const host = z
  .string()
  .transform(unbracket)
  .refine((v) => isIP(v) !== 0 || (HOSTNAME.test(v) && !looksNumeric(v)));
export const payload = z.instanceof(Uint8Array).refine((p) => p.byteLength <= MAX_PAYLOAD_BYTES);
export const sessionId = z.string().min(1).max(64);
export const none = z.object({}).strict();
export const ref = z.object({ sessionId }).strict();
export const family = z.enum(['IPv4', 'IPv6']);
export const ttl = z.number().int().min(1).max(255);
/** 224.0.0.0/4 or ff00::/8. */
const isMulticast = (v: string): boolean =>
  isIP(v) === 4 ? Number(v.split('.')[0]) >= 224 && Number(v.split('.')[0]) <= 239 : /^ff/i.test(v);
export const group = z
  .object({
    sessionId,
    group: ipAddress.refine(isMulticast),
    interfaceAddress: ipAddress.optional(),
  })
  .strict();

/** SO_RCVBUF bounds: the kernel rounds below ~2 KiB up anyway, and caps above net.core.rmem_max. */
export const MIN_RECEIVE_BUFFER = 1024;
export const MAX_RECEIVE_BUFFER = 256 * 1024 * 1024;

/** The largest UDP payload over IPv4 (65535 − 8 UDP header − 20 IP header). */
export const MAX_DATAGRAM = 65_507;
/** One file chunk per command: big enough to be quick, small enough not to stall the bridge. */
export const MAX_FILE_CHUNK = 1024 * 1024;
