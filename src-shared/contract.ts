/**
 * The one bridge contract between the renderer and main.
 *
 * Every command (request → result) and every event (main → renderer) is named
 * here with its types. The Electron preload, the web-shell client, the
 * main-side router and the renderer all import this module, so a channel that
 * is not listed here cannot exist. Type-only, apart from the list of command
 * names the adapters iterate over (see ./commands.ts).
 */

import type { PayloadOptions } from './codec/payload';

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
 * (local-half-closed | peer-half-closed) → closed; a TCP client with
 * reconnect on waits in reconnecting (no socket open, a timer set) between
 * a lost or failed connection and its next connect(); UDP uses idle (created,
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
  | 'reconnecting'
  | 'closed'
  | 'failed';

/** The next automatic connect() of a TCP client in state reconnecting. */
export interface ReconnectPending {
  /** Its number, counting from 1 (the first connect() is not a reconnect). */
  attempt: number;
  delayMs: number;
  /** When it dials: microseconds since the Unix epoch. */
  at: number;
}

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

/** UDP socket options and memberships, as set on the socket now. */
export interface UdpOptions {
  /** SO_BROADCAST: sending to a broadcast address is allowed. */
  broadcast: boolean;
  /** IP_TTL of unicast datagrams. */
  ttl: number;
  multicastTtl: number;
  /** IP_MULTICAST_LOOP: our own multicast datagrams come back to this host. */
  multicastLoopback: boolean;
  /** IP_MULTICAST_IF: the local address multicast leaves from; unset = the OS's choice. */
  multicastInterface?: string;
  /** Multicast groups joined, as `group` or `group@interface`. */
  groups: string[];
  /** SO_RCVBUF asked for, in bytes: room for datagrams that arrive while the app is busy. */
  receiveBufferSize: number;
  /** SO_RCVBUF as getsockopt() reports it once bound (Linux doubles the request and caps it at net.core.rmem_max). */
  receiveBufferGranted?: number;
  /** connect()ed to one peer: only its datagrams arrive, and ICMP errors are reported. */
  connectedTo?: Endpoint;
  /**
   * Datagrams the OS dropped at this socket because its receive buffer was
   * full, since it was bound or its counters were last reset (Linux, read
   * about once a second; absent where the OS does not tell).
   */
  receiveDrops?: number;
}

/** How an automatic-reply rule recognises a received message. */
export type MatchKind = 'exact' | 'contains' | 'starts' | 'ends' | 'hex' | 'regex';

export interface AutoReplyRule {
  match: MatchKind;
  /** Text (in the config's encoding), hex bytes for 'hex', a JavaScript regular expression for 'regex'. */
  pattern: string;
  /** The answer, as text in the config's encoding; with 'regex', $1…$9 and $& insert what matched. */
  reply: string;
  /** The answer is hex bytes rather than text. */
  replyHex?: boolean;
}

/**
 * Echo and rule-based answers, run in main for every received datagram or
 * chunk (a TCP rule sees each chunk as it was read: a stream has no messages).
 */
export interface AutoReplyConfig {
  /** Send back every message no rule answered. */
  echo: boolean;
  /** iconv-lite encoding used to read messages and write replies. */
  encoding: string;
  rules: AutoReplyRule[];
}

/** TLS protocol versions, as Node and OpenSSL name them, oldest first (a list, for the version pickers and the schema). */
export const TLS_VERSIONS = ['TLSv1', 'TLSv1.1', 'TLSv1.2', 'TLSv1.3'] as const;

export type TlsVersion = (typeof TLS_VERSIONS)[number];

/**
 * tcp.connect's TLS layer (Node's tls.connect over the TCP connection). The
 * session stays a tcp-client: framing, encodings, auto-reply, periodic send
 * and capture work on the decrypted bytes exactly as for TCP.
 */
export interface TlsClientOptions {
  /**
   * The server name sent in the ClientHello (SNI) and checked against the
   * certificate. Default: the host, when it is a name (an IP address is never
   * sent as SNI, RFC 6066; the certificate is then checked for that IP).
   */
  servername?: string;
  /** ALPN protocols offered, most wanted first (`h2`, `http/1.1`, `mqtt`…). */
  alpn?: string[];
  minVersion?: TlsVersion;
  maxVersion?: TlsVersion;
  /**
   * Check the server's certificate (chain and name). Default true. Off: the
   * handshake completes whatever the certificate, and SessionInfo.tls says
   * what the check found (`authorized`, `authorizationError`).
   */
  verify?: boolean;
  /** A PEM file of CA certificates to trust instead of the built-in ones (absolute path). */
  caFile?: string;
  /** A client certificate (PEM, may hold its chain) and its key, for servers that ask for one. Both or neither. */
  certFile?: string;
  keyFile?: string;
  /** Give up when the handshake has not finished this long after the TCP connect (ms). Default 10 000. */
  handshakeTimeoutMs?: number;
}

/** tcp.listen's TLS layer: every accepted socket is wrapped in TLS (Node's TLSSocket, server side). */
export interface TlsServerOptions {
  /**
   * The server's certificate (PEM, may hold its chain) and key files. Both or
   * neither: neither = the workbench's own self-signed certificate for
   * localhost (SANs localhost, 127.0.0.1, ::1), made once and kept in the
   * data directory.
   */
  certFile?: string;
  keyFile?: string;
  /** Ask every client for a certificate (CertificateRequest). A client without one is still served. */
  requestClientCert?: boolean;
  /** The CA file client certificates are checked against (the result shows as `authorized`). */
  caFile?: string;
  /** ALPN protocols this server accepts, most wanted first. */
  alpn?: string[];
  minVersion?: TlsVersion;
  maxVersion?: TlsVersion;
  /** Drop a client whose handshake has not finished this long after accept() (ms). Default 10 000. */
  handshakeTimeoutMs?: number;
}

/** One certificate as `openssl x509 -text` would summarise it. */
export interface TlsCertificate {
  /** `CN=localhost, O=Example` */
  subject: string;
  issuer: string;
  /** ISO 8601 (UTC). */
  validFrom: string;
  validTo: string;
  /** `DNS:localhost`, `IP Address:127.0.0.1`… as OpenSSL lists them. */
  subjectAltNames: string[];
  /** SHA-256 of the DER certificate, `AB:CD:…`: what a client pins. */
  fingerprint256: string;
  /** Issued by itself (subject and issuer the same). */
  selfSigned: boolean;
}

/** The TLS layer of a stream session (SessionInfo.tls). */
export interface TlsInfo {
  role: 'client' | 'server';
  /** The handshake has finished (false while it runs or after it failed). */
  established: boolean;
  /** Negotiated: `TLSv1.3`, `TLS_AES_256_GCM_SHA384`, and the ALPN protocol (absent = none agreed). */
  version?: string;
  cipher?: string;
  alpn?: string;
  /** SNI: sent (client), or received from the client (accepted connection). */
  servername?: string;
  /** The peer's certificate chain, leaf first (a client that sent none: empty). */
  peerCertificates?: TlsCertificate[];
  /** Whether the peer's certificate passed the check, and if not why (OpenSSL's or Node's code, e.g. CERT_HAS_EXPIRED). */
  authorized?: boolean;
  authorizationError?: string;
  /** Servers and their connections: our own certificate, and whether it is the workbench's self-signed one. */
  localCertificate?: TlsCertificate;
  selfSigned?: boolean;
  /** Servers: the certificate and key files in use (the self-signed ones live in the data directory). */
  certFile?: string;
  keyFile?: string;
  /** What the session was opened with. */
  client?: TlsClientOptions;
  server?: TlsServerOptions;
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
  /** Servers: the totals of every client it accepted (since its last reset), not a count of its own. */
  counters: Counters;
  /**
   * The number of the latest log entry (each message sent or received; a
   * server's own send-to-all entries) main has already delivered to the
   * windows, whether the view got its record or only its count. Entries
   * counted but still queued come after this answer on the same channel, so
   * a window that joins now numbers on from here without a gap.
   */
  logSeq: number;
  closeReason?: CloseReason;
  error?: BridgeError;
  /** Servers: the backlog passed to listen() and the client limit (0 = none). */
  backlog?: number;
  maxClients?: number;
  /** Servers: accepted connections currently open. */
  clientCount?: number;
  stream?: StreamOptions;
  udp?: UdpOptions;
  /** Set on UDP endpoints, TCP clients and servers (a server's rules answer all its clients). */
  autoReply?: AutoReplyConfig;
  /** TCP clients: reconnect this long after the connection is lost (0 = never). */
  reconnectMs?: number;
  /** TCP clients in state reconnecting: the attempt the timer will make. */
  reconnect?: ReconnectPending;
  /** Set while the session records everything it sends and receives to files, or after a write failure stopped that. */
  capture?: CaptureStatus;
  /** The latest periodic send of this session (running, or how the last one ended). */
  periodic?: PeriodicStatus;
  /** TLS clients, servers and their accepted connections: the TLS layer over the TCP stream. */
  tls?: TlsInfo;
}

/**
 * A message typed in the composer, expanded afresh in main at every periodic
 * send (so `{{COUNTER}}` counts 1, 2, 3… at 1 ms intervals, which a renderer
 * timer could never deliver). Expanded by the one shared implementation,
 * src-shared/codec/payload.ts.
 */
export interface PayloadTemplate {
  input: string;
  settings: PayloadOptions;
  /** The value {{COUNTER}} takes on the first send (the composer's next counter). */
  firstCounter: number;
}

export interface PeriodicStartArgs {
  sessionId: string;
  /** Exactly one of: fixed bytes, or a template expanded at each send. */
  payload?: Uint8Array;
  template?: PayloadTemplate;
  /** Time between sends, from 1 ms. */
  intervalMs: number;
  /** Messages to send; 0 = until stopped. */
  count: number;
  /** UDP sessions: where to send. */
  host?: string;
  port?: number;
}

export type PeriodicState = 'running' | 'done' | 'stopped' | 'failed';

/** Progress of a periodic send, exact; refreshed a few times a second, never once per message. */
export interface PeriodicStatus {
  state: PeriodicState;
  /** Messages handed to the kernel so far, and their bytes. */
  sent: number;
  bytes: number;
  /** Messages wanted; 0 = until stopped. */
  target: number;
  intervalMs: number;
  /** Rate actually achieved, messages per second (between the first and the latest send). */
  rate: number;
  /** Microseconds since the Unix epoch. */
  startedAt: number;
  endedAt?: number;
  error?: BridgeError;
}

export interface UdpSendChunkedArgs {
  sessionId: string;
  host: string;
  port: number;
  /** Up to 1 MiB of a file, cut into datagrams of `datagramSize` bytes in order. */
  payload: Uint8Array;
  datagramSize: number;
}

export interface ChunkedSendResult {
  datagrams: number;
  bytes: number;
}

/** A message kept for one-click sending: the typed text and how to make bytes of it. */
export interface SavedMessage {
  id: string;
  name: string;
  input: string;
  settings: PayloadOptions;
}

/** What the composer remembers per session between runs of the app. */
export interface ComposerPrefs {
  settings: PayloadOptions;
  /** Periodic send: interval (ms) and count, as last typed. */
  intervalMs?: number;
  count?: number;
  datagramSize?: number;
  /** UDP: where the composer sends, as typed (restored after a reload or a restart). */
  destination?: { host: string; port: string };
}

/**
 * Stored per session key: `kind address` (`udp 127.0.0.1:7788`,
 * `tcp-client 192.168.1.5:502`), because sessions are recreated after a
 * restart with new ids. Shared messages are offered in every session.
 */
export interface StoredView {
  key: string;
  shared: SavedMessage[];
  messages: SavedMessage[];
  composer?: ComposerPrefs;
  /** The settings file was damaged and moved aside (STORE_RECOVERED); shown once. */
  notice?: BridgeError;
}

export type SavedScope = 'session' | 'shared';

/** The three "new session" dialogs. */
export type DialogKind = 'udp' | 'tcp-client' | 'tcp-server';

/**
 * A dialog's fields as last used to open a session (as typed: main checks
 * them when the session opens), so the next one starts from there.
 */
export interface DialogPrefs {
  udpBind?: boolean;
  /** An unbound UDP socket's family: socket(AF_INET or AF_INET6, SOCK_DGRAM). */
  udpFamily?: Family;
  address?: string;
  localPort?: string;
  host?: string;
  port?: string;
  timeoutMs?: string;
  backlog?: string;
  maxClients?: string;
  reconnectMs?: string;
  closeOnPeerEnd?: boolean;
  /** TLS over the TCP client or server, and its options as typed (ALPN comma-separated). */
  tls?: boolean;
  tlsServername?: string;
  tlsAlpn?: string;
  tlsMinVersion?: string;
  tlsMaxVersion?: string;
  tlsCaFile?: string;
  tlsCertFile?: string;
  tlsKeyFile?: string;
  tlsHandshakeTimeoutMs?: string;
  tlsRequestClientCert?: boolean;
}

/** The renderer's own preferences, kept in main's settings file so they outlive a port or origin change. */
export interface UiPrefs {
  language?: 'en' | 'zh-CN';
  /** How many entries each session's log view keeps (VIEW_CAPACITIES). */
  viewCapacity?: number;
}

export interface SetDialogArgs {
  kind: DialogKind;
  prefs: DialogPrefs;
}

export interface SaveMessageArgs {
  key: string;
  scope: SavedScope;
  /** A new message when id is absent; otherwise a rename or an edit of that one. */
  message: Omit<SavedMessage, 'id'> & { id?: string };
}

export interface DeleteMessageArgs {
  key: string;
  scope: SavedScope;
  id: string;
}

export interface SetComposerArgs {
  key: string;
  composer: ComposerPrefs;
}

/** Capture to file: what is being written where. */
export interface CaptureStatus {
  /**
   * recording: files are being written. stopped: by the user (capture.stop's
   * answer), or by itself when a write failed (disk full…): then `error` says
   * why, the session's info keeps this status until the next start, and
   * capture.start works again.
   */
  state: 'recording' | 'stopped';
  format: 'pcapng' | 'jsonl';
  /** The folder the files go to (absolute): what the form shows after a reload. */
  directory: string;
  /** The file being written now. */
  file: string;
  /** Files kept, oldest first (older ones were deleted by rotation). */
  files: string[];
  /** Records written since the capture started, and file bytes (headers included). */
  records: number;
  bytes: number;
  maxBytes: number;
  maxFiles: number;
  /** Microseconds since the Unix epoch. */
  startedAt: number;
  /** Set when a write failed and the capture stopped (disk full, folder removed…). */
  error?: BridgeError;
}

export interface CaptureStartArgs {
  sessionId: string;
  format: 'pcapng' | 'jsonl';
  /** An absolute file path for the first file; never overwritten. */
  path?: string;
  /** Or an absolute directory: the file is named after the session and the time. Default: the system's temp directory. */
  directory?: string;
  /** Rotate to a new file past this size. Default 100 MiB. */
  maxBytes?: number;
  /** Keep this many files at most (the oldest is deleted). Default 10. */
  maxFiles?: number;
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
  /**
   * connect() to this destination first (Python's `s.connect((host, port))` on a
   * UDP socket), so the OS reports "port unreachable" as ECONNREFUSED.
   */
  connect?: boolean;
}

export interface UdpConfigureArgs {
  sessionId: string;
  broadcast?: boolean;
  ttl?: number;
  multicastTtl?: number;
  multicastLoopback?: boolean;
  /** Local IPv4 address for outgoing multicast; '' returns the choice to the OS. */
  multicastInterface?: string;
  /** SO_RCVBUF in bytes. */
  receiveBufferSize?: number;
}

export interface UdpGroupArgs {
  sessionId: string;
  /** A multicast group address (224.0.0.0/4 or ff00::/8). */
  group: string;
  /** The local interface address to join on; unset = the OS's choice. */
  interfaceAddress?: string;
}

/** What one UDP session has exchanged with one peer; exact, kept in main. */
export interface PeerStats {
  peer: Endpoint;
  counters: Counters;
  firstSeen: number;
  lastSeen: number;
}

/** One address of one network interface, as `ifconfig` / `ipconfig` list them. */
export interface NetInterface {
  name: string;
  address: string;
  family: Family;
  netmask: string;
  /** `192.168.1.10/24` */
  cidr: string;
  internal: boolean;
  mac: string;
  /** IPv4 only: the subnet's directed broadcast address. */
  broadcast?: string;
}

/** One socket of this machine, as `netstat -an` / `lsof -i` list it. */
export interface PortEntry {
  protocol: 'tcp' | 'udp';
  family: Family;
  localAddress: string;
  localPort: number;
  remoteAddress?: string;
  remotePort?: number;
  /** TCP: LISTEN, ESTABLISHED, TIME_WAIT…; UDP: UNCONN, or ESTABLISHED when connect()ed. */
  state: string;
  /** The owning process, where the OS lets us see it. */
  pid?: number;
  process?: string;
}

export interface PortsResult {
  /** Where the list came from: Linux /proc, `netstat -ano`, `lsof`, or nothing available. */
  source: 'proc' | 'netstat' | 'lsof' | 'none';
  entries: PortEntry[];
  /** At least one entry names its process. */
  processes: boolean;
}

export interface PortFreeArgs {
  port: number;
  /** Where to try binding; default '0.0.0.0' (every IPv4 interface). */
  address?: string;
}

/** Whether binding the port worked just now (and was released at once), for TCP and for UDP. */
export interface PortFreeResult {
  port: number;
  address: string;
  tcp: boolean;
  udp: boolean;
  tcpError?: string;
  udpError?: string;
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
  /** Reconnect this long after the connection fails or is lost, until closed by the user (0 = never). */
  reconnectMs?: number;
  /** Speak TLS over the connection (a TLS client); absent = plain TCP. */
  tls?: TlsClientOptions;
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
  /** Speak TLS with every client (a TLS server); absent = plain TCP. */
  tls?: TlsServerOptions;
}

export interface SessionRef {
  sessionId: string;
}

export interface AutoReplyArgs {
  sessionId: string;
  config: AutoReplyConfig;
}

export interface StreamSendArgs {
  sessionId: string;
  payload: Uint8Array;
}

export interface BroadcastResult {
  clients: number;
  bytes: number;
}

/**
 * One send on a session of any kind; main chooses by the kind: a datagram
 * from a UDP endpoint (host and port needed), a write on a TCP client or
 * accepted connection, the same bytes to every client of a TCP server.
 */
export interface SessionSendArgs {
  sessionId: string;
  payload: Uint8Array;
  /** UDP: the destination. A TCP session has its peer(s) already and ignores these. */
  host?: string;
  port?: number;
  /** UDP: connect() to the destination first (see UdpSendArgs.connect). */
  connect?: boolean;
}

/** A datagram or stream write: SendResult; a server's send-to-all: BroadcastResult (it has `clients`). */
export type SessionSendResult = SendResult | BroadcastResult;

export interface AppInfo {
  shell: 'electron' | 'web';
  version: string;
  platform: string;
  /**
   * Different for every start of main: a page that reconnects to a new one
   * (the web shell was restarted) knows its old sessions are gone, even where
   * the new main reuses their ids.
   */
  instance: string;
  /** Session ids that exist now, so a reloaded renderer can resynchronise. */
  sessions: SessionInfo[];
}

/** Run a scenario file's steps on an open session (the Scenario tab). */
export interface ScenarioRunArgs {
  sessionId: string;
  /** The scenario file's text: the command line's format (docs/cli.md); its targets are not dialled. */
  text: string;
  format: 'yaml' | 'json';
  /** UDP sessions: where sends go; without them, the scenario's first target. */
  host?: string;
  port?: number;
  /** Language of the step labels' details and error messages (default en). */
  lang?: 'en' | 'zh-CN';
}

export interface ScenarioStepResult {
  /** 0-based position in the file's steps. */
  index: number;
  /** What the step does: `connect`, `greet: send "HELLO\n"`, `expect /^OK/`, `sleep 100 ms`. */
  label: string;
  /** 'skip': an earlier step failed, or the run was cancelled. */
  status: 'pass' | 'fail' | 'skip';
  /** Pass: what the step did (`6 B`, `got "OK␊"`); fail: the error's message. */
  detail: string;
  /** Expect steps: everything that arrived for it, matched or not. */
  received?: { hex: string; text: string };
  error?: BridgeError;
  seconds: number;
}

export interface ScenarioRunResult {
  /** The scenario's name (or "scenario.yaml"/"scenario.json"). */
  name: string;
  /** Every step passed. */
  passed: boolean;
  /** scenario.cancel (or a newer run on the same session) stopped it; later steps are 'skip'. */
  cancelled: boolean;
  steps: ScenarioStepResult[];
}

/** Every command: its argument and result types. */
export interface Commands {
  'app.info': { args: Record<string, never>; result: AppInfo };
  'sessions.list': { args: Record<string, never>; result: SessionInfo[] };
  'udp.open': { args: UdpOpenArgs; result: SessionInfo };
  'udp.send': { args: UdpSendArgs; result: SendResult };
  /** Socket options: broadcast permission, TTLs, multicast interface and loopback. */
  'udp.configure': { args: UdpConfigureArgs; result: SessionInfo };
  'udp.joinGroup': { args: UdpGroupArgs; result: SessionInfo };
  'udp.leaveGroup': { args: UdpGroupArgs; result: SessionInfo };
  /** Every peer this UDP session has exchanged datagrams with, with exact counters. */
  'udp.peers': { args: SessionRef; result: PeerStats[] };
  /** This machine's interfaces and addresses. */
  'net.interfaces': { args: Record<string, never>; result: NetInterface[] };
  /** TCP and UDP ports in use on this machine, with state and (where allowed) the owning process. */
  'net.ports': { args: Record<string, never>; result: PortsResult };
  /** Is this port free? Binds TCP and UDP on it and releases them at once. */
  'net.portFree': { args: PortFreeArgs; result: PortFreeResult };
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
  /**
   * TCP clients, closed or failed: dial the same host and port with the same
   * options again, in the same session. A client waiting to reconnect dials
   * now instead (the timer is cancelled).
   */
  'tcp.reconnect': { args: SessionRef; result: SessionInfo };
  /** Servers: stop accepting; accepted clients stay connected. */
  'tcp.stopListening': { args: SessionRef; result: SessionInfo };
  /** Servers: close every accepted client. */
  'tcp.disconnectAll': { args: SessionRef; result: { clients: number } };
  /** Orderly close of any session (FIN for streams; servers close with their clients). */
  'session.close': { args: SessionRef; result: SessionInfo };
  /** Echo and automatic-reply rules of a UDP endpoint, TCP client or TCP server. */
  'session.setAutoReply': { args: AutoReplyArgs; result: SessionInfo };
  /**
   * Forget a closed session and its children. A TCP client that is waiting to
   * reconnect or still connecting is stopped first (timer and connect()
   * cancelled): nothing of it is reported or dialled afterwards.
   */
  'session.remove': { args: SessionRef; result: { removed: string[] } };
  /** Send on any session: main picks datagram, stream write or send-to-all by the session's kind. */
  'session.send': { args: SessionSendArgs; result: SessionSendResult };
  /**
   * Forget every closed session (as session.remove does each): a closed
   * server takes its closed clients with it; a closed client of an open
   * server goes alone. The result names every session removed.
   */
  'sessions.removeClosed': { args: Record<string, never>; result: { removed: string[] } };
  /** Zero a session's counters (and a UDP session's per-peer counters); they count exactly from there. */
  'session.resetCounters': { args: SessionRef; result: SessionInfo };
  /** The session's lifecycle steps so far (the newest 500), for a window that opens or reloads later. */
  'session.timeline': { args: SessionRef; result: TimelineEvent[] };
  /**
   * Run a scenario's steps on this session: sends go through it, expects wait
   * for what it receives. Resolves when the run ends; the session stays open.
   */
  'scenario.run': { args: ScenarioRunArgs; result: ScenarioRunResult };
  /** Stop the session's running scenario; its result comes back with cancelled: true. */
  'scenario.cancel': { args: SessionRef; result: { cancelled: boolean } };
  /** Record everything the session sends and receives to rotating files (before any batching). */
  'capture.start': { args: CaptureStartArgs; result: CaptureStatus };
  /** Stop recording; the result names the files written. */
  'capture.stop': { args: SessionRef; result: CaptureStatus };
  /** Send a message every intervalMs in main (down to 1 ms), count times or until stopped. */
  'send.startPeriodic': { args: PeriodicStartArgs; result: PeriodicStatus };
  /** Stop the session's periodic send; the result is its final progress. */
  'send.stopPeriodic': { args: SessionRef; result: PeriodicStatus };
  /** UDP: send a file's chunk as consecutive datagrams of a chosen size. */
  'udp.sendChunked': { args: UdpSendChunkedArgs; result: ChunkedSendResult };
  /** Saved messages (this session's and shared) and composer settings, from the settings file. */
  'store.get': { args: { key: string }; result: StoredView };
  /** Add, rename or edit a saved message; written to disk before the result comes back. */
  'store.saveMessage': { args: SaveMessageArgs; result: StoredView };
  'store.deleteMessage': { args: DeleteMessageArgs; result: StoredView };
  /** Remember the composer's settings for this session key. */
  'store.setComposer': { args: SetComposerArgs; result: StoredView };
  /** What the dialog of this kind was last used with (empty before the first use). */
  'store.getDialog': { args: { kind: DialogKind }; result: DialogPrefs };
  /** Remember what a dialog opened its session with. */
  'store.setDialog': { args: SetDialogArgs; result: DialogPrefs };
  /** The renderer's remembered preferences (empty before the first choice). */
  'store.getUi': { args: Record<string, never>; result: UiPrefs };
  /** Remember some of them; the rest stay as they were. The result is all of them. */
  'store.setUi': { args: UiPrefs; result: UiPrefs };
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
  /** Sent by the workbench itself: an echo, or the answer of auto-reply rule number `rule`. */
  auto?: { kind: 'echo' } | { kind: 'rule'; rule: number };
  /**
   * A server's send-to-all, in the server's own log: `peer` is the server's
   * listening address and the bytes went to this many clients (each client's
   * log and counters have its own copy; the server's counters are their totals).
   */
  broadcast?: { clients: number };
}

/**
 * Every lifecycle step, as a list so a test can check that each has a label
 * in both languages. `auto-reply` and `counters-reset` are the app's own
 * features, not socket calls: the lifecycle says so.
 */
export const TIMELINE_STEPS = [
  'create',
  'bind',
  'listen',
  'connect',
  'connected',
  'accept',
  'half-close',
  'peer-half-close',
  'reset',
  'peer-reset',
  'stop-listening',
  'join-group',
  'leave-group',
  'udp-connect',
  'auto-reply',
  'counters-reset',
  'reconnect',
  'tls-hello',
  'tls-handshake',
  'tls-unverified',
  'option',
  'refuse',
  'close',
  'error',
] as const;

export type TimelineStep = (typeof TIMELINE_STEPS)[number];

/**
 * The calls an 'error' step names in `detail.call` when a call the user asked
 * for failed but the socket lives on (a sendto() refused, a setsockopt() the
 * OS rejected…). Each has its own label in both languages.
 */
export const FAILED_CALLS = [
  'sendto',
  'connect',
  'setsockopt',
  'join-group',
  'leave-group',
  'send',
  'shutdown',
] as const;

export type FailedCall = (typeof FAILED_CALLS)[number];

export type EngineEvent =
  | { type: 'session-opened'; session: SessionInfo }
  | { type: 'session-updated'; session: SessionInfo }
  | { type: 'session-removed'; sessionId: string }
  | {
      type: 'data';
      sessionId: string;
      /**
       * The log entry number of this event's first record: its records are
       * entries seq, seq+1…, its dropped ones follow. With SessionInfo.logSeq a
       * window that joined late (a reload) knows which entries it already has.
       */
      seq: number;
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

/** One lifecycle step: socket(), bind(), accept(), close(), … */
export type TimelineEvent = Extract<EngineEvent, { type: 'timeline' }>;

/** What the renderer sees of main, whichever shell carries it. */
export type BridgeApi = {
  [K in CommandName]: (args: CommandArgs<K>) => Promise<Result<CommandResult<K>>>;
};

export interface BridgeEvents {
  onEvents(listener: (batch: EventBatch) => void): () => void;
}

/**
 * How the renderer reaches main, whichever shell carries it: one call by name
 * and one stream of event batches. The Electron preload exposes exactly this
 * as `window.workbench`; the web shell's WebSocket client implements it too;
 * the renderer builds its typed BridgeApi on top, once (bridge/typed-api.ts).
 */
export interface Transport extends BridgeEvents {
  call(name: CommandName, args: unknown): Promise<Result<unknown>>;
}

/** The object the Electron preload exposes as `window.workbench`. */
export type PreloadApi = Transport;
