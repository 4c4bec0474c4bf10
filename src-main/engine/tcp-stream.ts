import type net from 'node:net';
import type { SendResult, SessionInfo, SessionKind, StreamOptions } from '../../src-shared/contract';
import { endpointText } from '../../src-shared/net/endpoint-text';
import type { AutoAnswer, AutoReplier } from './auto-reply';
import { EngineError } from '../errors/engine-error';
import { toEndpoint } from './endpoint';
import { Session, type SessionContext } from './session';

/** How long an orderly close may wait for unsent data to drain before the socket is destroyed. */
const CLOSE_DRAIN_MS = 3000;

/**
 * One TCP connection: a client's socket or one accepted by a server (the
 * course's "new socket for every client"). Sockets run with allowHalfOpen, so
 * a peer's FIN (`recv()` returning b'') and our own shutdown(SHUT_WR) are
 * separate, visible steps instead of an implicit close.
 */
export class TcpStream extends Session {
  protected socket: net.Socket;
  private readonly options: StreamOptions;
  protected localEnded = false;
  protected peerEnded = false;
  protected onClosed: ((stream: TcpStream) => void) | undefined;
  /** Who answers what arrives: this session's own rules, or (accepted clients) the server's. */
  protected answerer: () => AutoReplier | undefined = () => this.replier;

  protected constructor(
    ctx: SessionContext,
    id: string,
    kind: SessionKind,
    socket: net.Socket,
    options: StreamOptions,
    parentId?: string,
  ) {
    super(ctx, id, kind, kind === 'tcp-client' ? 'connecting' : 'connected', parentId);
    this.options = options;
    this.socket = socket;
    this.attach(socket);
  }

  /** Listen to a socket: the first one, or a new one after a reconnect. */
  protected attach(socket: net.Socket): void {
    this.socket = socket;
    socket.setNoDelay(true);
    socket.on('data', (chunk: Buffer) => this.onData(chunk));
    socket.on('end', () => this.onPeerEnd());
    socket.on('error', (err: NodeJS.ErrnoException) => this.onError(err));
    socket.on('close', () => this.onClose());
  }

  private onData(chunk: Buffer): void {
    this.count('in', this.remote ?? UNKNOWN_PEER, chunk);
    const answer = this.answerer()?.respond(chunk);
    if (answer) this.answer(answer);
  }

  private answer({ bytes, auto }: AutoAnswer): void {
    if (!this.writable) return;
    this.socket.write(bytes, (err) => {
      if (!err) this.count('out', this.remote ?? UNKNOWN_PEER, bytes, auto);
    });
  }

  /** Wrap a socket a server accepted. */
  static accepted(
    ctx: SessionContext,
    id: string,
    socket: net.Socket,
    options: StreamOptions,
    parentId: string,
    onClosed: (stream: TcpStream) => void,
    answerer: () => AutoReplier | undefined,
    /** The server, whose counters total its clients'. */
    totals: Session,
  ): TcpStream {
    const stream = new TcpStream(ctx, id, 'tcp-conn', socket, options, parentId);
    stream.totals = totals;
    stream.onClosed = onClosed;
    stream.answerer = answerer;
    stream.markConnected('accept');
    return stream;
  }

  protected markConnected(step: 'accept' | 'connected'): void {
    const { socket } = this;
    if (socket.localAddress !== undefined && socket.localPort !== undefined) {
      this.local = toEndpoint({
        address: socket.localAddress,
        port: socket.localPort,
        family: socket.localFamily,
      });
    }
    if (socket.remoteAddress !== undefined && socket.remotePort !== undefined) {
      this.remote = toEndpoint({
        address: socket.remoteAddress,
        port: socket.remotePort,
        family: socket.remoteFamily,
      });
    }
    this.state = 'connected';
    this.timeline(step, {
      local: this.local ? endpointText(this.local) : '',
      remote: this.remote ? endpointText(this.remote) : '',
    });
  }

  protected override decorate(info: SessionInfo): SessionInfo {
    info.stream = { ...this.options };
    return info;
  }

  async send(payload: Uint8Array): Promise<SendResult> {
    // A refused send() is a lifecycle step; a failed write is reported by the socket's 'error' (onError).
    this.assertWritableFor('send');
    await new Promise<void>((resolve, reject) => {
      this.socket.write(payload, (err) => (err ? reject(err) : resolve()));
    });
    this.count('out', this.remote ?? UNKNOWN_PEER, payload);
    const result: SendResult = { bytes: payload.byteLength };
    if (this.remote) result.to = this.remote;
    return result;
  }

  /** Whether send() would be accepted now (used by send-to-all). */
  get writable(): boolean {
    return (this.state === 'connected' || this.state === 'peer-half-closed') && !this.localEnded;
  }

  private assertWritableFor(call: 'send' | 'shutdown'): void {
    try {
      this.assertWritable();
    } catch (err) {
      this.failedCall(call, err);
      throw err;
    }
  }

  private assertWritable(): void {
    if (this.state === 'connecting') throw new EngineError('NOT_CONNECTED', 'Not connected yet.');
    if (this.isClosed) throw new EngineError('SESSION_CLOSED', 'The session is closed.');
    if (this.localEnded) {
      throw new EngineError('HALF_CLOSED', 'The sending side was shut down.');
    }
  }

  /** shutdown(SHUT_WR): our FIN goes out after queued data; we keep receiving. */
  halfClose(): void {
    this.assertWritableFor('shutdown');
    this.localEnded = true;
    this.socket.end();
    this.state = this.peerEnded ? this.state : 'local-half-closed';
    this.timeline('half-close');
    this.emitUpdated();
  }

  /** Abort: RST instead of FIN, unsent data discarded. */
  reset(): void {
    if (this.isClosed) throw new EngineError('SESSION_CLOSED', 'The session is closed.');
    this.closeReason ??= 'local-reset';
    this.timeline('reset');
    this.socket.resetAndDestroy();
  }

  async close(reason: 'local-close' | 'server-stopped' = 'local-close'): Promise<void> {
    if (this.isClosed) return;
    this.closeReason ??= reason;
    const closed = new Promise<void>((resolve) => this.socket.once('close', () => resolve()));
    if (this.state === 'connecting') {
      this.socket.destroy();
    } else {
      this.localEnded = true;
      // FIN after everything queued has been written, then release the socket.
      this.socket.end(() => this.socket.destroy());
      setTimeout(() => this.socket.destroy(), CLOSE_DRAIN_MS).unref();
    }
    await closed;
  }

  destroy(): void {
    this.socket.destroy();
  }

  /**
   * Node's 'end'. Usually the peer's FIN, but libuv also ends the stream when
   * epoll reports POLLHUP after a short read (uv__stream_io), without the
   * read() that would have returned ECONNRESET: a RST that arrives while
   * received data is still queued (a server that sends a lot, then closes
   * with SO_LINGER 0) looks exactly like a FIN here. The kernel still holds
   * the error, so before saying FIN we ask it with a send() of zero bytes:
   * after a FIN (CLOSE_WAIT) it returns 0 and sends nothing; after a reset it
   * returns ECONNRESET (EPIPE if the error was already taken), which reaches
   * onError as the peer's reset.
   */
  private onPeerEnd(): void {
    // After our own FIN Node refuses writes, so there is nothing to ask: the
    // step says it may have been either, and the connection ends as our close.
    if (this.localEnded) {
      this.onPeerFin({ unverified: 1 });
      return;
    }
    this.socket.write(NO_BYTES, (err) => {
      if (err || this.isClosed) return; // a reset after all: onError tells it
      this.onPeerFin();
    });
  }

  /** The peer's FIN, as far as the kernel tells: recv() returned b''. */
  private onPeerFin(detail?: { unverified: 1 }): void {
    this.peerEnded = true;
    this.timeline('peer-half-close', detail);
    if (this.localEnded) {
      this.closeReason ??= 'local-close';
      this.socket.destroy();
      return;
    }
    if (this.options.closeOnPeerEnd) {
      // What the course programs do when recv() returns b'': close their side too.
      this.closeReason ??= 'peer-close';
      this.localEnded = true;
      this.socket.end(() => this.socket.destroy());
      return;
    }
    this.state = 'peer-half-closed';
    this.emitUpdated();
  }

  protected onError(err: NodeJS.ErrnoException): void {
    if (err.code === 'ECONNRESET' || err.code === 'EPIPE') {
      this.closeReason ??= 'peer-reset';
      this.fail(err, 'peer-reset');
      return;
    }
    this.closeReason ??= 'error';
    this.fail(err);
  }

  private onClose(): void {
    // Never connected is a failure, unless the user gave up on connecting.
    const failed = this.state === 'connecting' && this.closeReason !== 'local-close';
    this.state = failed ? 'failed' : 'closed';
    if (!this.closeReason && this.peerEnded) this.closeReason = 'peer-close';
    this.timeline('close', this.closeReason ? { reason: this.closeReason } : undefined);
    this.emitUpdated();
    this.onClosed?.(this);
    this.afterClose();
  }

  /** Hook for a client that reconnects. */
  protected afterClose(): void {}
}

const UNKNOWN_PEER = { address: '', port: 0, family: 'IPv4' } as const;
/** The zero-byte send() that asks the kernel whether an end of stream was a FIN or a reset. */
const NO_BYTES = Buffer.alloc(0);
