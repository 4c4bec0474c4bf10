import type {
  AutoReplyArgs,
  BroadcastResult,
  CaptureStartArgs,
  CaptureStatus,
  ChunkedSendResult,
  EventBatch,
  PeriodicStartArgs,
  PeriodicStatus,
  SendResult,
  SessionSendArgs,
  SessionSendResult,
  SessionInfo,
  TcpConnectArgs,
  TimelineEvent,
  PeerStats,
  TcpListenArgs,
  UdpConfigureArgs,
  UdpGroupArgs,
  UdpOpenArgs,
  UdpSendArgs,
  UdpSendChunkedArgs,
} from '../../src-shared/contract';
import { describeError } from '../errors/describe-error';
import { EngineError } from '../errors/engine-error';
import { PeriodicJob, templateMaker } from './periodic-sender';
import { DEFAULT_BATCH_LIMITS, EventBatcher, type BatchLimits } from './event-batcher';
import type { Captures, CapturesFactory, DropCounts } from './needs';
import type { Session, SessionContext } from './session';
import { TcpClient } from './tcp-client';
import { TcpServer } from './tcp-server';
import { TcpStream } from './tcp-stream';
import { TlsClient } from './tls-client';
import type { SelfSignedSource } from './tls-material';
import { TlsServer } from './tls-server';
import { UdpEndpoint } from './udp-endpoint';

const isUdp = (s: Session): s is UdpEndpoint => s instanceof UdpEndpoint;
const isStream = (s: Session): s is TcpStream => s instanceof TcpStream;
const isServer = (s: Session): s is TcpServer => s instanceof TcpServer;
const isClient = (s: Session): s is TcpClient => s instanceof TcpClient;

function constant(payload: Uint8Array | undefined): () => Uint8Array {
  const bytes = payload ?? new Uint8Array(0);
  return () => bytes;
}

type Listener = (batch: EventBatch) => void;

export interface EngineOptions {
  batch?: Partial<BatchLimits>;
  /** Capture to file (src-main/capture); without it, capture.start is refused. */
  captures?: CapturesFactory;
  /** The kernel's drop counts of UDP sockets (src-main/system); without it, none are reported. */
  udpDrops?: DropCounts;
  /** A TLS server's certificate when it is given none (src-main/storage/self-signed.ts: kept in the data directory). */
  selfSigned?: SelfSignedSource;
}

/**
 * Owns every socket. Pure Node: the Electron main process, the web shell and
 * the unit tests all drive this same class. Each method either does what it
 * says or throws (an EngineError or the OS's errno error); the service layer
 * turns that into { code, message }.
 */
export class Engine {
  private readonly sessions = new Map<string, Session>();
  private readonly listeners = new Set<Listener>();
  private readonly batcher: EventBatcher;
  /** Capture to file, per session (a server's capture also records its accepted clients). */
  private readonly captures: Captures | undefined;
  private readonly ctx: SessionContext;
  private readonly udpDrops: DropCounts | undefined;
  /** The latest periodic send of each session (at most one runs per session). */
  private readonly periodic = new Map<string, PeriodicJob>();
  private lastId = 0;
  private readonly selfSigned: SelfSignedSource | undefined;

  constructor(options: EngineOptions = {}) {
    this.selfSigned = options.selfSigned;
    this.batcher = new EventBatcher(
      (batch) => {
        for (const listener of this.listeners) listener(batch);
      },
      { ...DEFAULT_BATCH_LIMITS, ...options.batch },
    );
    this.captures = options.captures?.((id) => this.announce(id));
    this.udpDrops = options.udpDrops;
    this.ctx = {
      batcher: this.batcher,
      describeError,
      capture: this.captures,
      captureOf: (id) => this.captures?.status(id),
      periodicOf: (id) => this.periodic.get(id)?.status(),
      udpDrops: this.udpDrops,
    };
  }

  onEvents(listener: Listener): () => void {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  }

  list(): SessionInfo[] {
    return [...this.sessions.values()].map((s) => s.info());
  }

  info(id: string): SessionInfo {
    return this.get(id).info();
  }

  async openUdp(args: UdpOpenArgs): Promise<SessionInfo> {
    return this.adopt(await UdpEndpoint.open(this.ctx, this.nextId(), args)).info();
  }

  udpSend(args: UdpSendArgs): Promise<SendResult> {
    return this.getAs(args.sessionId, isUdp).send(args.host, args.port, args.payload, args.connect);
  }

  udpConfigure(args: UdpConfigureArgs): SessionInfo {
    const udp = this.getAs(args.sessionId, isUdp);
    udp.configure(args);
    return udp.info();
  }

  udpJoinGroup(args: UdpGroupArgs): SessionInfo {
    const udp = this.getAs(args.sessionId, isUdp);
    udp.joinGroup(args.group, args.interfaceAddress);
    return udp.info();
  }

  udpLeaveGroup(args: UdpGroupArgs): SessionInfo {
    const udp = this.getAs(args.sessionId, isUdp);
    udp.leaveGroup(args.group, args.interfaceAddress);
    return udp.info();
  }

  udpPeers(sessionId: string): PeerStats[] {
    return this.getAs(sessionId, isUdp).peerStats();
  }

  /** A TCP client; with `tls`, a TLS client over the same kind of session. */
  connectTcp(args: TcpConnectArgs): SessionInfo {
    const { tls } = args;
    const client = tls
      ? TlsClient.connectTls(this.ctx, this.nextId(), { ...args, tls })
      : TcpClient.connect(this.ctx, this.nextId(), args);
    return this.adopt(client).info();
  }

  async listenTcp(args: TcpListenArgs): Promise<SessionInfo> {
    const hooks = { nextId: () => this.nextId(), adopt: (stream: TcpStream) => this.adopt(stream) };
    const { tls } = args;
    const server = tls
      ? await TlsServer.listenTls(this.ctx, this.nextId(), { ...args, tls }, hooks, this.selfSigned)
      : await TcpServer.listen(this.ctx, this.nextId(), args, hooks);
    return this.adopt(server).info();
  }

  reconnectTcp(sessionId: string): SessionInfo {
    const client = this.getAs(sessionId, isClient);
    client.connectAgain();
    return client.info();
  }

  tcpSend(sessionId: string, payload: Uint8Array): Promise<SendResult> {
    return this.getAs(sessionId, isStream).send(payload);
  }

  tcpSendAll(sessionId: string, payload: Uint8Array): Promise<BroadcastResult> {
    return this.getAs(sessionId, isServer).sendAll(payload);
  }

  halfClose(sessionId: string): SessionInfo {
    const stream = this.getAs(sessionId, isStream);
    stream.halfClose();
    return stream.info();
  }

  reset(sessionId: string): SessionInfo {
    const stream = this.getAs(sessionId, isStream);
    stream.reset();
    return stream.info();
  }

  stopListening(sessionId: string): SessionInfo {
    const server = this.getAs(sessionId, isServer);
    server.stopListening();
    return server.info();
  }

  async disconnectAll(sessionId: string): Promise<{ clients: number }> {
    return { clients: await this.getAs(sessionId, isServer).disconnectAll() };
  }

  /** Accepted clients answer by their server's rules, so they take none of their own. */
  setAutoReply(args: AutoReplyArgs): SessionInfo {
    const session = this.get(args.sessionId);
    if (session.kind === 'tcp-conn') {
      throw new EngineError('WRONG_KIND', 'Set automatic replies on the server.', { kind: session.kind });
    }
    session.setAutoReply(args.config);
    return session.info();
  }

  /** Send a message every intervalMs from main, with its variables expanded at each send. */
  async startPeriodic(args: PeriodicStartArgs): Promise<PeriodicStatus> {
    const session = this.get(args.sessionId);
    if (this.periodic.get(session.id)?.running) {
      throw new EngineError('PERIODIC_ACTIVE', 'A periodic send is already running on this session.');
    }
    if (session.isClosed) throw new EngineError('SESSION_CLOSED', 'The session is closed.');
    const make = args.template ? templateMaker(args.template) : constant(args.payload);
    const sendOn = this.senderFor(session, { host: args.host, port: args.port });
    const send = async (bytes: Uint8Array): Promise<void> => void (await sendOn(bytes));
    const job = await PeriodicJob.start({
      intervalMs: args.intervalMs,
      count: args.count,
      make,
      send,
      isClosed: () => session.isClosed,
      onProgress: () => this.announce(session.id),
      describeError,
    });
    this.periodic.set(session.id, job);
    this.announce(session.id);
    return job.status();
  }

  /** One send on any session (session.send): a datagram, a stream write or send-to-all, by its kind. */
  send(args: SessionSendArgs): Promise<SessionSendResult> {
    const session = this.get(args.sessionId);
    return this.senderFor(session, args)(args.payload);
  }

  /**
   * How bytes go out on this session, decided once by its kind: the one
   * choice behind session.send and the periodic sender. A UDP endpoint needs
   * a destination; a stream has its peer; a server sends to all its clients.
   */
  private senderFor(
    session: Session,
    to: { host?: string; port?: number; connect?: boolean },
  ): (bytes: Uint8Array) => Promise<SessionSendResult> {
    if (isUdp(session)) {
      const { host, port, connect } = to;
      if (!host || !port) throw new EngineError('NO_DESTINATION', 'A UDP send needs host and port.');
      return (bytes) => session.send(host, port, bytes, connect);
    }
    if (isStream(session)) return (bytes) => session.send(bytes);
    if (isServer(session)) return (bytes) => session.sendAll(bytes);
    throw new EngineError('WRONG_KIND', 'This action does not apply to that session.', {
      kind: session.kind,
    });
  }

  /** Stop the session's periodic send (if any) and report where it got to. */
  async stopPeriodic(sessionId: string): Promise<PeriodicStatus> {
    this.get(sessionId);
    const job = this.periodic.get(sessionId);
    if (!job) throw new EngineError('NOT_PERIODIC', 'No periodic send on this session.');
    return job.stop();
  }

  /** A file's chunk over UDP: consecutive datagrams of datagramSize bytes, in order, each awaited. */
  async udpSendChunked(args: UdpSendChunkedArgs): Promise<ChunkedSendResult> {
    const udp = this.getAs(args.sessionId, isUdp);
    let datagrams = 0;
    let bytes = 0;
    for (let at = 0; at < args.payload.byteLength; at += args.datagramSize) {
      const piece = args.payload.subarray(at, at + args.datagramSize);
      await udp.send(args.host, args.port, piece);
      datagrams += 1;
      bytes += piece.byteLength;
    }
    return { datagrams, bytes };
  }

  async close(sessionId: string): Promise<SessionInfo> {
    const session = this.get(sessionId);
    await this.periodic.get(sessionId)?.stop();
    await session.close();
    return session.info();
  }

  /**
   * Forget a closed session; a server takes its closed children with it. A TCP
   * client waiting to reconnect or still connecting goes too: its timer and
   * its connect() are cancelled, so no socket of a removed session ever
   * connects, and nothing more is reported about it.
   */
  remove(sessionId: string): string[] {
    const session = this.get(sessionId);
    const abandoned = isClient(session) && session.state === 'connecting';
    if (!session.isClosed && !abandoned) {
      throw new EngineError('STILL_OPEN', 'Close the session before removing it.');
    }
    const removed = [sessionId];
    for (const child of this.sessions.values()) {
      if (child.parentId === sessionId && child.isClosed) removed.push(child.id);
    }
    for (const id of removed) {
      this.captures?.stopQuietly(id);
      void this.periodic.get(id)?.stop();
      this.periodic.delete(id);
      this.sessions.get(id)?.dispose();
      this.sessions.delete(id);
      this.batcher.push({ type: 'session-removed', sessionId: id }, id);
    }
    return removed;
  }

  /**
   * Forget every closed session (sessions.removeClosed). A closed server goes
   * with its closed clients (remove() takes them); a closed client of a
   * server still open goes alone. What is open or still connecting stays.
   */
  removeClosed(): string[] {
    const removed: string[] = [];
    for (const session of [...this.sessions.values()]) {
      if (!this.sessions.has(session.id) || !session.isClosed) continue;
      const parent = session.parentId === undefined ? undefined : this.sessions.get(session.parentId);
      if (parent?.isClosed) continue;
      removed.push(...this.remove(session.id));
    }
    return removed;
  }

  resetCounters(sessionId: string): SessionInfo {
    const session = this.get(sessionId);
    session.resetCounters();
    return session.info();
  }

  timeline(sessionId: string): TimelineEvent[] {
    return this.get(sessionId).steps();
  }

  startCapture(args: CaptureStartArgs): CaptureStatus {
    const session = this.get(args.sessionId);
    const status = this.capturesOrRefuse().start(session, args);
    this.announce(session.id);
    return status;
  }

  stopCapture(sessionId: string): CaptureStatus {
    this.get(sessionId);
    const status = this.capturesOrRefuse().stop(sessionId);
    this.announce(sessionId);
    return status;
  }

  /** An engine assembled without capture (a unit test of sockets alone) says so. */
  private capturesOrRefuse(): Captures {
    if (!this.captures) throw new EngineError('NOT_CAPTURING', 'Capture to file is not available here.');
    return this.captures;
  }

  /** A session-updated event for a change the session itself does not know of (its capture). */
  private announce(sessionId: string): void {
    const session = this.sessions.get(sessionId);
    if (session) this.batcher.push({ type: 'session-updated', session: session.info() }, sessionId);
  }

  /** Close everything now (app quit): no socket outlives the engine. */
  shutdown(): void {
    this.udpDrops?.stop();
    this.captures?.stopAll();
    for (const job of this.periodic.values()) void job.stop();
    for (const session of this.sessions.values()) session.destroy();
    this.batcher.flush();
    this.batcher.dispose();
  }

  /** Deliver queued events immediately (tests; shutdown). */
  flush(): void {
    this.batcher.flush();
  }

  get(id: string): Session {
    const session = this.sessions.get(id);
    if (!session) throw new EngineError('NO_SESSION', 'That session no longer exists.', { id });
    return session;
  }

  private getAs<T extends Session>(id: string, is: (s: Session) => s is T): T {
    const session = this.get(id);
    if (!is(session)) {
      throw new EngineError('WRONG_KIND', 'This action does not apply to that session.', {
        kind: session.kind,
      });
    }
    return session;
  }

  private adopt<T extends Session>(session: T): T {
    this.sessions.set(session.id, session);
    session.emitOpened();
    return session;
  }

  private nextId(): string {
    this.lastId += 1;
    return `s${this.lastId}`;
  }
}
