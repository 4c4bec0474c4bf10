import { isIP } from 'node:net';
import { isAbsolute } from 'node:path';
import { z } from 'zod';
import { TLS_VERSIONS } from '../../src-shared/contract';

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

/** A PEM file the TLS layer reads: absolute, like a capture path, so it never depends on where main started. */
const pemFile = z.string().min(1).max(4096).refine(isAbsolute);
const tlsVersion = z.enum(TLS_VERSIONS);
/** ALPN protocol names are 1–255 bytes on the wire (RFC 7301); printable ASCII is what every real one is. */
const alpn = z
  .array(z.string().regex(/^[\x21-\x7e]{1,255}$/))
  .min(1)
  .max(16);
const bothOrNeither = (a: { certFile?: string; keyFile?: string }): boolean =>
  (a.certFile === undefined) === (a.keyFile === undefined);
/** tcp.connect's `tls`: a TLS client's options. */
export const tlsClient = z
  .object({
    // An empty SNI means "send none"; otherwise a host name (an IP address is never sent as SNI).
    servername: z.union([z.literal(''), host]).optional(),
    alpn: alpn.optional(),
    minVersion: tlsVersion.optional(),
    maxVersion: tlsVersion.optional(),
    verify: z.boolean().optional(),
    caFile: pemFile.optional(),
    certFile: pemFile.optional(),
    keyFile: pemFile.optional(),
    handshakeTimeoutMs: z.number().int().min(1).max(600_000).optional(),
  })
  .strict()
  .refine(bothOrNeither, { message: 'give both certFile and keyFile, or neither' });
/** tcp.listen's `tls`: a TLS server's options. */
export const tlsServer = z
  .object({
    certFile: pemFile.optional(),
    keyFile: pemFile.optional(),
    requestClientCert: z.boolean().optional(),
    caFile: pemFile.optional(),
    alpn: alpn.optional(),
    minVersion: tlsVersion.optional(),
    maxVersion: tlsVersion.optional(),
    handshakeTimeoutMs: z.number().int().min(1).max(600_000).optional(),
  })
  .strict()
  .refine(bothOrNeither, { message: 'give both certFile and keyFile, or neither' });
