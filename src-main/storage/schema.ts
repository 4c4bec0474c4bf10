import { z } from 'zod';
import { isChecksumId, type ChecksumId } from '../../src-shared/codec/checksum';
import { isEncodingId, type EncodingId } from '../../src-shared/codec/encodings';
import type { ComposerPrefs, DialogPrefs, SavedMessage, UiPrefs } from '../../src-shared/contract';

/** The composer's settings, as src-shared/codec/payload.ts takes them (commands and the settings file alike). */
export const payloadSettings = z
  .object({
    mode: z.enum(['text', 'hex']),
    encoding: z.custom<EncodingId>((v) => typeof v === 'string' && isEncodingId(v)),
    lineEnding: z.enum(['none', 'lf', 'crlf', 'cr']),
    escapes: z.boolean(),
    variables: z.boolean(),
    checksum: z.custom<ChecksumId>((v) => typeof v === 'string' && isChecksumId(v)),
  })
  .strict();

/** Bounds, so a settings file (or a runaway client) can never grow without limit. */
export const MAX_MESSAGES = 200;
export const MAX_KEYS = 1000;
export const MAX_INPUT = 65_536;

export const storeKey = z.string().min(1).max(300);
export const messageName = z.string().trim().min(1).max(120);

export const savedMessage: z.ZodType<SavedMessage> = z
  .object({
    id: z.string().min(1).max(64),
    name: messageName,
    input: z.string().max(MAX_INPUT),
    settings: payloadSettings,
  })
  .strict();

export const composerPrefs: z.ZodType<ComposerPrefs> = z
  .object({
    settings: payloadSettings,
    intervalMs: z.number().int().min(1).max(86_400_000).optional(),
    count: z.number().int().min(0).max(1_000_000_000).optional(),
    datagramSize: z.number().int().min(1).max(65_507).optional(),
    destination: z
      .object({ host: z.string().max(255), port: z.string().max(16) })
      .strict()
      .optional(),
  })
  .strict();

export const dialogKind = z.enum(['udp', 'tcp-client', 'tcp-server']);

/** A dialog's fields as typed; bounded like everything else in the file. */
const dialogField = z.string().max(300).optional();
export const dialogPrefs: z.ZodType<DialogPrefs> = z
  .object({
    udpBind: z.boolean().optional(),
    udpFamily: z.enum(['IPv4', 'IPv6']).optional(),
    address: dialogField,
    localPort: dialogField,
    host: dialogField,
    port: dialogField,
    timeoutMs: dialogField,
    backlog: dialogField,
    maxClients: dialogField,
    reconnectMs: dialogField,
    closeOnPeerEnd: z.boolean().optional(),
    tls: z.boolean().optional(),
    tlsServername: dialogField,
    tlsAlpn: dialogField,
    tlsMinVersion: dialogField,
    tlsMaxVersion: dialogField,
    tlsCaFile: dialogField,
    tlsCertFile: dialogField,
    tlsKeyFile: dialogField,
    tlsHandshakeTimeoutMs: dialogField,
    tlsRequestClientCert: z.boolean().optional(),
  })
  .strict();

/** The renderer's preferences; the renderer checks a capacity against the sizes it offers. */
export const uiPrefs: z.ZodType<UiPrefs> = z
  .object({
    language: z.enum(['en', 'zh-CN']).optional(),
    viewCapacity: z.number().int().min(1).max(1_000_000).optional(),
  })
  .strict();

/** The settings file, version 1. Unknown keys are dropped on read (a newer version's extras do no harm). */
export const storeFile = z.object({
  version: z.literal(1),
  shared: z.array(savedMessage).max(MAX_MESSAGES),
  sessions: z.record(
    storeKey,
    z.object({
      messages: z.array(savedMessage).max(MAX_MESSAGES),
      composer: composerPrefs.optional(),
    }),
  ),
  /** Added later in version 1: files without it read as "no dialog used yet". */
  dialogs: z.partialRecord(dialogKind, dialogPrefs).optional(),
  /** Added later in version 1: the language and other choices the browser's storage used to keep. */
  ui: uiPrefs.optional(),
});

export type StoreFile = z.infer<typeof storeFile>;
