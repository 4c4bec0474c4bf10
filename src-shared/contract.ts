/**
 * The one bridge contract between the renderer and main.
 *
 * Every command (request → result) and every event (main → renderer) is named
 * here with its types. The Electron preload, the web-shell client, the
 * main-side router and the renderer all import this module, so a channel that
 * is not listed here cannot exist. Type-only, apart from the list of command
 * names the adapters iterate over (see ./commands.ts).
 */

export type Family = 'IPv4' | 'IPv6';

/** An address as the kernel reports it: what Python shows as the `(ip, port)` tuple. */
export interface Endpoint {
  address: string;
  port: number;
  family: Family;
}

export type SessionKind = 'udp' | 'tcp-client' | 'tcp-server' | 'tcp-conn';

/**
 * Lifecycle states. TCP stream sessions use connecting → connected →
 * (local-half-closed | peer-half-closed) → closed; UDP uses idle (created,
 * not bound yet: the OS binds on the first send) → bound; servers listening →
 * stopped (no longer accepting, clients may remain) → closed.
 */
export type SessionState =
  | 'idle'
  | 'bound'
  | 'listening'
  | 'connecting'
  | 'connected'
  | 'local-half-closed'
  | 'peer-half-closed'
  | 'stopped'
  | 'closed'
  | 'failed';

/** Why a stream ended, told apart because the course teaches the difference. */
export type CloseReason =
  | 'local-close' // we sent FIN and closed
  | 'local-reset' // we aborted with RST
  | 'peer-close' // the peer's FIN: Python's recv() returned b''
  | 'peer-reset' // the peer's RST: ECONNRESET
  | 'server-stopped' // the listening server was closed with its clients
  | 'error';

export interface Counters {
  bytesIn: number;
  bytesOut: number;
  messagesIn: number;
  messagesOut: number;
}

/** Options a TCP stream session (client or accepted connection) runs with. */
export interface StreamOptions {
  /** Close our side as soon as the peer's FIN arrives (what the course programs do). */
  closeOnPeerEnd: boolean;
}

export interface SessionInfo {
  id: string;
  kind: SessionKind;
  /** For an accepted connection: the server session that accepted it. */
  parentId?: string;
  state: SessionState;
  local?: Endpoint;
  remote?: Endpoint;
  /** Microseconds since the Unix epoch. */
  createdAt: number;
  counters: Counters;
  closeReason?: CloseReason;
  error?: BridgeError;
  /** Servers: the backlog passed to listen() and the client limit (0 = none). */
  backlog?: number;
  maxClients?: number;
  /** Servers: accepted connections currently open. */
  clientCount?: number;
  stream?: StreamOptions;
}

/** Errors cross the bridge as data, never as exceptions or stack traces. */
export interface BridgeError {
  /** Node's errno code (EADDRINUSE…) or one of ours (BAD_PORT, NO_SESSION…). */
  code: string;
  /** Plain-language English; the renderer shows its own translation of `code`. */
  message: string;
  /** Values the message names (the port, the host, the field…). */
  params?: Record<string, string | number>;
}

export type Result<T> = { ok: true; value: T } | { ok: false; error: BridgeError };

// ---------------------------------------------------------------------------
// Commands

export interface UdpOpenArgs {
  /** Bind now (the course's `bind(('', 7788))`) or leave it to the first send. */
  bind: boolean;
  /** Local address; '0.0.0.0' or '::' for all interfaces. Default '0.0.0.0'. */
  address?: string;
  /** Local port; 0 lets the OS choose. Default 0. */
  port?: number;
  /** Needed only when unbound and no address is given: which socket type to make. */
  family?: Family;
}

export interface UdpSendArgs {
  sessionId: string;
  host: string;
  port: number;
  payload: Uint8Array;
}

export interface SendResult {
  /** Bytes handed to the kernel. */
  bytes: number;
  /** Where they went, after name resolution (UDP) or the connected peer (TCP). */
  to?: Endpoint;
}

export interface TcpConnectArgs {
  host: string;
  port: number;
  localAddress?: string;
  localPort?: number;
  /** Give up connecting after this long (ms). Default 10 000. */
  timeoutMs?: number;
  closeOnPeerEnd?: boolean;
}

export interface TcpListenArgs {
  /** Default '0.0.0.0' (all IPv4 interfaces, like the course's `bind(('', port))`). */
  address?: string;
  port: number;
  /** listen(backlog); default 128, as in the course. */
  backlog?: number;
  /** Refuse clients beyond this many (0 = no limit). */
  maxClients?: number;
  closeOnPeerEnd?: boolean;
}

export interface SessionRef {
  sessionId: string;
}

export interface StreamSendArgs {
  sessionId: string;
  payload: Uint8Array;
}

export interface BroadcastResult {
  clients: number;
  bytes: number;
}

export interface AppInfo {
  shell: 'electron' | 'web';
  version: string;
  platform: string;
  /** Session ids that exist now, so a reloaded renderer can resynchronise. */
  sessions: SessionInfo[];
}

/** Every command: its argument and result types. */
export interface Commands {
  'app.info': { args: Record<string, never>; result: AppInfo };
  'sessions.list': { args: Record<string, never>; result: SessionInfo[] };
  'udp.open': { args: UdpOpenArgs; result: SessionInfo };
  'udp.send': { args: UdpSendArgs; result: SendResult };
  'tcp.connect': { args: TcpConnectArgs; result: SessionInfo };
  'tcp.listen': { args: TcpListenArgs; result: SessionInfo };
  /** Send on a TCP client or an accepted connection. */
  'tcp.send': { args: StreamSendArgs; result: SendResult };
  /** Send the same bytes to every client of a server. */
  'tcp.sendAll': { args: StreamSendArgs; result: BroadcastResult };
  /** shutdown(SHUT_WR): send FIN, keep receiving. */
  'tcp.halfClose': { args: SessionRef; result: SessionInfo };
  /** Abort with RST. */
  'tcp.reset': { args: SessionRef; result: SessionInfo };
  /** Servers: stop accepting; accepted clients stay connected. */
  'tcp.stopListening': { args: SessionRef; result: SessionInfo };
  /** Servers: close every accepted client. */
  'tcp.disconnectAll': { args: SessionRef; result: { clients: number } };
  /** Orderly close of any session (FIN for streams; servers close with their clients). */
  'session.close': { args: SessionRef; result: SessionInfo };
  /** Forget a closed session and its children. */
  'session.remove': { args: SessionRef; result: { removed: string[] } };
}

export type CommandName = keyof Commands;
export type CommandArgs<K extends CommandName> = Commands[K]['args'];
export type CommandResult<K extends CommandName> = Commands[K]['result'];

// ---------------------------------------------------------------------------
// Events (main → renderer), delivered in batches at most ~60 times a second.

export type Direction = 'in' | 'out';

export interface DataRecord {
  dir: Direction;
  /** Microseconds since the Unix epoch. */
  t: number;
  /** The other end: sender of an incoming datagram/chunk, destination of an outgoing one. */
  peer: Endpoint;
  bytes: Uint8Array;
}

export type TimelineStep =
  | 'create'
  | 'bind'
  | 'listen'
  | 'connect'
  | 'connected'
  | 'accept'
  | 'half-close'
  | 'peer-half-close'
  | 'reset'
  | 'peer-reset'
  | 'stop-listening'
  | 'refuse'
  | 'close'
  | 'error';

export type EngineEvent =
  | { type: 'session-opened'; session: SessionInfo }
  | { type: 'session-updated'; session: SessionInfo }
  | { type: 'session-removed'; sessionId: string }
  | {
      type: 'data';
      sessionId: string;
      records: DataRecord[];
      /** Records (and their bytes) not carried to the view because a batch was full. Counters still count them. */
      droppedRecords: number;
      droppedBytes: number;
      /** Exact totals at the end of this batch. */
      counters: Counters;
    }
  | {
      type: 'timeline';
      sessionId: string;
      t: number;
      step: TimelineStep;
      detail?: Record<string, string | number>;
      error?: BridgeError;
    };

export type EventBatch = EngineEvent[];

/** What the renderer sees of main, whichever shell carries it. */
export type BridgeApi = {
  [K in CommandName]: (args: CommandArgs<K>) => Promise<Result<CommandResult<K>>>;
};

export interface BridgeEvents {
  onEvents(listener: (batch: EventBatch) => void): () => void;
}

/** The object the Electron preload exposes as `window.workbench`. */
export type PreloadApi = BridgeApi & BridgeEvents;
