import net from 'node:net';
import type { BroadcastResult, SessionInfo, StreamOptions, TcpListenArgs } from '../../src-shared/contract';
import { hostPort } from '../../src-shared/net/endpoint-text';
import { nowMicros } from './clock';
import { toEndpoint } from './endpoint';
import { EngineError } from '../errors/engine-error';
import { Session, type SessionContext } from './session';
import { TcpStream } from './tcp-stream';

export const DEFAULT_BACKLOG = 128;

export interface ServerHooks {
  nextId: () => string;
  /** Called for each accepted connection so the engine can register it. */
  adopt: (stream: TcpStream) => void;
}

/**
 * `bind` + `listen(backlog)` + an `accept()` loop: every accepted client
 * becomes its own TcpStream session, listed under this one.
 */
export class TcpServer extends Session {
  private readonly server: net.Server;
  private readonly clients = new Set<TcpStream>();
  private readonly backlog: number;
  private readonly maxClients: number;
  protected readonly streamOptions: StreamOptions;

  protected constructor(
    ctx: SessionContext,
    id: string,
    args: TcpListenArgs,
    protected readonly hooks: ServerHooks,
  ) {
    super(ctx, id, 'tcp-server', 'idle');
    this.backlog = args.backlog ?? DEFAULT_BACKLOG;
    this.maxClients = args.maxClients ?? 0;
    this.streamOptions = { closeOnPeerEnd: args.closeOnPeerEnd ?? true };
    this.server = net.createServer({ allowHalfOpen: true, noDelay: true });
    this.server.on('connection', (socket) => this.onConnection(socket));
    this.timeline('create', { type: 'SOCK_STREAM' });
  }

  static async listen(
    ctx: SessionContext,
    id: string,
    args: TcpListenArgs,
    hooks: ServerHooks,
  ): Promise<TcpServer> {
    const session = new TcpServer(ctx, id, args, hooks);
    await session.start(args.address ?? '0.0.0.0', args.port);
    return session;
  }

  protected start(address: string, port: number): Promise<void> {
    return new Promise((resolve, reject) => {
      const onError = (err: Error): void => reject(err);
      this.server.once('error', onError);
      this.server.listen({ host: address, port, backlog: this.backlog, exclusive: true }, () => {
        this.server.off('error', onError);
        this.server.on('error', (err) => {
          this.fail(err);
          this.emitUpdated();
        });
        const bound = this.server.address();
        if (bound && typeof bound === 'object') this.local = toEndpoint(bound);
        this.state = 'listening';
        this.timeline('bind', { address: this.local?.address ?? address, port: this.local?.port ?? port });
        this.timeline('listen', { backlog: this.backlog });
        resolve();
      });
    });
  }

  protected override decorate(info: SessionInfo): SessionInfo {
    info.backlog = this.backlog;
    info.maxClients = this.maxClients;
    info.clientCount = this.clients.size;
    return info;
  }

  private onConnection(socket: net.Socket): void {
    // Reset by the client before we got to it: nothing left to talk to.
    if (socket.remoteAddress === undefined) {
      socket.destroy();
      return;
    }
    const peer = hostPort(socket.remoteAddress, socket.remotePort ?? 0);
    if (this.maxClients > 0 && this.clients.size >= this.maxClients) {
      this.timeline('refuse', { remote: peer, limit: this.maxClients });
      socket.resetAndDestroy();
      return;
    }
    const stream = this.acceptStream(socket, (closed) => {
      this.clients.delete(closed);
      this.emitUpdated();
    });
    this.clients.add(stream);
    this.timeline('accept', { remote: peer, sessionId: stream.id });
    this.hooks.adopt(stream);
    this.emitUpdated();
  }

  /** The session of one accepted socket; a TLS server wraps the socket in TLS first (tls-server.ts). */
  protected acceptStream(socket: net.Socket, onClosed: (stream: TcpStream) => void): TcpStream {
    return TcpStream.accepted(
      this.ctx,
      this.hooks.nextId(),
      socket,
      this.streamOptions,
      this.id,
      onClosed,
      () => this.replier,
      this,
    );
  }

  async sendAll(payload: Uint8Array): Promise<BroadcastResult> {
    if (this.isClosed) throw new EngineError('SESSION_CLOSED', 'The session is closed.');
    const targets = [...this.clients].filter((c) => c.writable);
    const results = await Promise.allSettled(targets.map((c) => c.send(payload)));
    const reached = results.filter((r) => r.status === 'fulfilled').length;
    // One entry in the server's own log per send-to-all; the clients counted the bytes.
    if (reached > 0 && this.local) {
      this.note({
        dir: 'out',
        t: nowMicros(),
        peer: this.local,
        bytes: payload,
        broadcast: { clients: reached },
      });
    }
    return { clients: reached, bytes: reached * payload.byteLength };
  }

  async disconnectAll(): Promise<number> {
    const open = [...this.clients];
    await Promise.all(open.map((c) => c.close()));
    return open.length;
  }

  /** Close the listening socket; accepted clients keep their connections. */
  stopListening(): void {
    if (this.state !== 'listening') return;
    // The listening handle is released at once; close()'s callback would wait for every client.
    this.server.close();
    this.state = 'stopped';
    this.timeline('stop-listening');
    this.emitUpdated();
  }

  async close(): Promise<void> {
    if (this.isClosed) return;
    const clients = [...this.clients];
    this.server.close();
    await Promise.all(clients.map((c) => c.close('server-stopped')));
    this.state = 'closed';
    this.closeReason = 'local-close';
    // How many accepted clients went with it: the close notice says so (a listening socket itself sends no FIN).
    this.timeline('close', { clients: clients.length });
    this.emitUpdated();
  }

  destroy(): void {
    for (const c of this.clients) c.destroy();
    this.server.close();
    this.state = 'closed';
  }
}
