import type {
  AutoReplyArgs,
  BroadcastResult,
  EventBatch,
  SendResult,
  SessionInfo,
  TcpConnectArgs,
  PeerStats,
  TcpListenArgs,
  UdpConfigureArgs,
  UdpGroupArgs,
  UdpOpenArgs,
  UdpSendArgs,
} from '../../src-shared/contract';
import { describeError } from './describe-error';
import { EngineError } from './engine-error';
import { DEFAULT_BATCH_LIMITS, EventBatcher, type BatchLimits } from './event-batcher';
import type { Session, SessionContext } from './session';
import { TcpClient } from './tcp-client';
import { TcpServer } from './tcp-server';
import { TcpStream } from './tcp-stream';
import { UdpEndpoint } from './udp-endpoint';

const isUdp = (s: Session): s is UdpEndpoint => s instanceof UdpEndpoint;
const isStream = (s: Session): s is TcpStream => s instanceof TcpStream;
const isServer = (s: Session): s is TcpServer => s instanceof TcpServer;

type Listener = (batch: EventBatch) => void;

export interface EngineOptions {
  batch?: Partial<BatchLimits>;
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
  private readonly ctx: SessionContext;
  private lastId = 0;

  constructor(options: EngineOptions = {}) {
    this.batcher = new EventBatcher(
      (batch) => {
        for (const listener of this.listeners) listener(batch);
      },
      { ...DEFAULT_BATCH_LIMITS, ...options.batch },
    );
    this.ctx = { batcher: this.batcher, describeError };
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

  connectTcp(args: TcpConnectArgs): SessionInfo {
    return this.adopt(TcpClient.connect(this.ctx, this.nextId(), args)).info();
  }

  async listenTcp(args: TcpListenArgs): Promise<SessionInfo> {
    const server = await TcpServer.listen(this.ctx, this.nextId(), args, {
      nextId: () => this.nextId(),
      adopt: (stream) => this.adopt(stream),
    });
    return this.adopt(server).info();
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

  async close(sessionId: string): Promise<SessionInfo> {
    const session = this.get(sessionId);
    await session.close();
    return session.info();
  }

  /** Forget a closed session; a server takes its closed children with it. */
  remove(sessionId: string): string[] {
    const session = this.get(sessionId);
    if (!session.isClosed) throw new EngineError('STILL_OPEN', 'Close the session before removing it.');
    const removed = [sessionId];
    for (const child of this.sessions.values()) {
      if (child.parentId === sessionId && child.isClosed) removed.push(child.id);
    }
    for (const id of removed) {
      this.sessions.delete(id);
      this.batcher.push({ type: 'session-removed', sessionId: id }, id);
    }
    return removed;
  }

  /** Close everything now (app quit): no socket outlives the engine. */
  shutdown(): void {
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
