import type {
  CaptureStartArgs,
  CaptureStatus,
  DataRecord,
  Endpoint,
  SessionKind,
} from '../../src-shared/contract';

/**
 * What the engine needs from the floors beside it, declared here so every
 * arrow points at the engine and none leaves it: `capture/` implements the
 * capture interfaces, `system/` the drop counts, and the composition root
 * (src-main/app/compose.ts) passes them in. The engine runs without them
 * (a unit test of sockets alone), just with no capture and no kernel drop counts.
 */

/** What a capture needs of a session: no dependency on the engine's classes. */
export interface CapturedSession {
  id: string;
  kind: SessionKind;
  parentId?: string;
  local?: Endpoint;
  remote?: Endpoint;
  /** A TLS session: its records are the decrypted application data, and the files say so. */
  decryptedTls?: boolean;
}

/** Sees every record a session counts, before batching (the view may drop some; a capture keeps all). */
export interface CaptureTap {
  /** Whether any capture runs: when none does, a record the view drops is never built. */
  readonly active: boolean;
  tap(session: CapturedSession, record: DataRecord): void;
}

/** The captures running now, one per session (src-main/capture/registry.ts). */
export interface Captures extends CaptureTap {
  start(session: CapturedSession, args: CaptureStartArgs): CaptureStatus;
  stop(sessionId: string): CaptureStatus;
  /** Stop if running, say nothing (the session is being removed). */
  stopQuietly(sessionId: string): void;
  stopAll(): void;
  /** The session's capture as it is now, if any. */
  status(sessionId: string): CaptureStatus | undefined;
}

/** Makes the engine's captures; `changed(id)` is how a capture asks the engine to announce the session again. */
export type CapturesFactory = (changed: (sessionId: string) => void) => Captures;

/**
 * The kernel's count of datagrams a UDP socket lost to a full receive buffer
 * (src-main/system/udp-drops.ts reads it on Linux).
 */
export interface DropCounts {
  /** Report the drop count of our socket bound to address:port whenever it is read. Returns the way to stop. */
  watch(address: string, port: number, onDrops: (drops: number) => void): () => void;
  /** Stop reading (engine shutdown). */
  stop(): void;
}

/** A certificate (PEM, may hold its chain) and its private key, ready for a secure context. */
export interface TlsCredentials {
  cert: string;
  key: string;
  /** Where they came from, when they are files (the self-signed ones live in the data directory). */
  certFile?: string;
  keyFile?: string;
}

/**
 * The workbench's own self-signed certificate for localhost, made once and
 * kept (src-main/storage/self-signed.ts implements it): the engine only
 * declares what it needs, so it imports nothing from storage.
 */
export interface SelfSignedSource {
  credentials(): Promise<TlsCredentials>;
}
