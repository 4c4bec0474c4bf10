import { isIP } from 'node:net';
import { isAbsolute } from 'node:path';
import { z } from 'zod';
import { TLS_VERSIONS, type CommandArgs, type CommandName } from '../../src-shared/contract';
import { CAPTURE_MAX_BYTES, CAPTURE_MAX_FILES, CAPTURE_MIN_BYTES } from '../../src-shared/capture/settings';
import {
  composerPrefs,
  dialogKind,
  dialogPrefs,
  uiPrefs,
  MAX_INPUT,
  messageName,
  payloadSettings,
  storeKey,
} from '../storage/schema';

/** The largest payload one command may carry (a UDP datagram is far smaller; a TCP send may be a file chunk). */
export const MAX_PAYLOAD_BYTES = 16 * 1024 * 1024;

const HOSTNAME =
  /^(?=.{1,253}\.?$)[A-Za-z0-9_](?:[A-Za-z0-9_-]{0,61}[A-Za-z0-9_])?(?:\.[A-Za-z0-9_](?:[A-Za-z0-9_-]{0,61}[A-Za-z0-9_])?)*\.?$/;

/** `[::1]` as people paste it from URLs is the address ::1. */
const unbracket = (value: string): string => value.trim().replace(/^\[(.*)\]$/, '$1');

const localPort = z.number().int().min(0).max(65535);
const remotePort = z.number().int().min(1).max(65535);
const ipAddress = z
  .string()
  .transform(unbracket)
  .refine((v) => isIP(v) !== 0);
/** `999.1.1.1` matches the host-name pattern but is a mistyped address: glibc would send it to DNS. */
export const looksNumeric = (v: string): boolean => /^[\d.]+$/.test(v);
const host = z
  .string()
  .transform(unbracket)
  .refine((v) => isIP(v) !== 0 || (HOSTNAME.test(v) && !looksNumeric(v)));
const payload = z.instanceof(Uint8Array).refine((p) => p.byteLength <= MAX_PAYLOAD_BYTES);
const sessionId = z.string().min(1).max(64);
const none = z.object({}).strict();
const ref = z.object({ sessionId }).strict();
const family = z.enum(['IPv4', 'IPv6']);
const ttl = z.number().int().min(1).max(255);
/** 224.0.0.0/4 or ff00::/8. */
const isMulticast = (v: string): boolean =>
  isIP(v) === 4 ? Number(v.split('.')[0]) >= 224 && Number(v.split('.')[0]) <= 239 : /^ff/i.test(v);
const group = z
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
const tlsClient = z
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
const tlsServer = z
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

type Schemas = { [K in CommandName]: z.ZodType<CommandArgs<K>, unknown> };

/** Every command's input, checked in main before the engine sees it. */
export const schemas: Schemas = {
  'app.info': none,
  'sessions.list': none,
  'udp.open': z
    .object({
      bind: z.boolean(),
      address: ipAddress.optional(),
      port: localPort.optional(),
      family: family.optional(),
    })
    .strict(),
  'udp.send': z
    .object({ sessionId, host, port: remotePort, payload, connect: z.boolean().optional() })
    .strict(),
  'udp.configure': z
    .object({
      sessionId,
      broadcast: z.boolean().optional(),
      ttl: ttl.optional(),
      multicastTtl: z.number().int().min(0).max(255).optional(),
      multicastLoopback: z.boolean().optional(),
      multicastInterface: z.union([z.literal(''), ipAddress]).optional(),
      receiveBufferSize: z.number().int().min(MIN_RECEIVE_BUFFER).max(MAX_RECEIVE_BUFFER).optional(),
    })
    .strict(),
  'udp.joinGroup': group,
  'udp.leaveGroup': group,
  'udp.peers': ref,
  'net.interfaces': none,
  'net.ports': none,
  'net.portFree': z.object({ port: remotePort, address: ipAddress.optional() }).strict(),
  'tcp.connect': z
    .object({
      host,
      port: remotePort,
      localAddress: ipAddress.optional(),
      localPort: localPort.optional(),
      timeoutMs: z.number().int().min(1).max(600_000).optional(),
      closeOnPeerEnd: z.boolean().optional(),
      reconnectMs: z.number().int().min(0).max(3_600_000).optional(),
      tls: tlsClient.optional(),
    })
    .strict(),
  'tcp.listen': z
    .object({
      address: ipAddress.optional(),
      port: localPort,
      backlog: z.number().int().min(0).max(65535).optional(),
      maxClients: z.number().int().min(0).max(100_000).optional(),
      closeOnPeerEnd: z.boolean().optional(),
      tls: tlsServer.optional(),
    })
    .strict(),
  'tcp.send': z.object({ sessionId, payload }).strict(),
  'tcp.sendAll': z.object({ sessionId, payload }).strict(),
  'tcp.halfClose': ref,
  'tcp.reset': ref,
  'tcp.reconnect': ref,
  'tcp.stopListening': ref,
  'tcp.disconnectAll': ref,
  'session.setAutoReply': z
    .object({
      sessionId,
      config: z
        .object({
          echo: z.boolean(),
          encoding: z.string().min(1).max(32),
          rules: z
            .array(
              z
                .object({
                  match: z.enum(['exact', 'contains', 'starts', 'ends', 'hex', 'regex']),
                  pattern: z.string().min(1).max(4096),
                  reply: z.string().max(65_536),
                  replyHex: z.boolean().optional(),
                })
                .strict(),
            )
            .max(64),
        })
        .strict(),
    })
    .strict(),
  'session.close': ref,
  'session.remove': ref,
  'session.resetCounters': ref,
  'session.timeline': ref,
  'capture.start': z
    .object({
      sessionId,
      format: z.enum(['pcapng', 'jsonl']),
      // Absolute only: a relative path would land wherever main happened to start.
      path: z.string().min(1).max(4096).refine(isAbsolute).optional(),
      directory: z.string().min(1).max(4096).refine(isAbsolute).optional(),
      maxBytes: z.number().int().min(CAPTURE_MIN_BYTES).max(CAPTURE_MAX_BYTES).optional(),
      maxFiles: z.number().int().min(1).max(CAPTURE_MAX_FILES).optional(),
    })
    .strict()
    .refine((a) => !(a.path && a.directory)),
  'capture.stop': ref,
  'send.startPeriodic': z
    .object({
      sessionId,
      payload: payload.optional(),
      template: z
        .object({
          input: z.string().max(MAX_INPUT),
          settings: payloadSettings,
          firstCounter: z.number().int().min(0).max(Number.MAX_SAFE_INTEGER),
        })
        .strict()
        .optional(),
      intervalMs: z.number().int().min(1).max(86_400_000),
      // Bounded so "count" can never be a typo that means forever; 0 is the explicit "until stopped".
      count: z.number().int().min(0).max(1_000_000_000),
      host: host.optional(),
      port: remotePort.optional(),
    })
    .strict()
    .refine((a) => (a.payload === undefined) !== (a.template === undefined), {
      message: 'give either payload or template',
    }),
  'send.stopPeriodic': ref,
  'udp.sendChunked': z
    .object({
      sessionId,
      host,
      port: remotePort,
      payload: z.instanceof(Uint8Array).refine((p) => p.byteLength <= MAX_FILE_CHUNK),
      datagramSize: z.number().int().min(1).max(MAX_DATAGRAM),
    })
    .strict(),
  'store.get': z.object({ key: storeKey }).strict(),
  'store.saveMessage': z
    .object({
      key: storeKey,
      scope: z.enum(['session', 'shared']),
      message: z
        .object({
          id: z.string().min(1).max(64).optional(),
          name: messageName,
          input: z.string().max(MAX_INPUT),
          settings: payloadSettings,
        })
        .strict(),
    })
    .strict(),
  'store.deleteMessage': z
    .object({ key: storeKey, scope: z.enum(['session', 'shared']), id: z.string().min(1).max(64) })
    .strict(),
  'store.setComposer': z.object({ key: storeKey, composer: composerPrefs }).strict(),
  'store.getDialog': z.object({ kind: dialogKind }).strict(),
  'store.setDialog': z.object({ kind: dialogKind, prefs: dialogPrefs }).strict(),
  'store.getUi': none,
  'store.setUi': uiPrefs,
};
