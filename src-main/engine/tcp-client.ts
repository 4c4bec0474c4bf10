import net from 'node:net';
import type { ReconnectPending, SessionInfo, TcpConnectArgs } from '../../src-shared/contract';
import { nowMicros } from './clock';
import { EngineError } from '../errors/engine-error';
import { familyOf } from './endpoint';
import type { SessionContext } from './session';
import { TcpStream } from './tcp-stream';

export const DEFAULT_CONNECT_TIMEOUT_MS = 10_000;

/**
 * `socket(AF_INET, SOCK_STREAM)` + `connect((host, port))`. The session exists
 * from the moment connect() is called, so "connecting" and a failure such as
 * ECONNREFUSED are visible states rather than a dialog. With reconnect on, a
 * lost or failed connection is dialled again in the same session (counters
 * and log carry on) until the user closes it.
 */
export class TcpClient extends TcpStream {
  protected args!: TcpConnectArgs;
  private attempts = 0;
  private reconnectTimer: NodeJS.Timeout | undefined;
  /** What the timer will do, while state is reconnecting. */
  private pending: ReconnectPending | undefined;
  /** The user closed or reset it: never reconnect. */
  private finished = false;

  static connect(ctx: SessionContext, id: string, args: TcpConnectArgs): TcpClient {
    const client = new TcpClient(ctx, id, 'tcp-client', new net.Socket({ allowHalfOpen: true }), {
      closeOnPeerEnd: args.closeOnPeerEnd ?? true,
    });
    client.args = args;
    client.timeline('create', { type: 'SOCK_STREAM' });
    client.dial();
    return client;
  }

  protected override decorate(info: SessionInfo): SessionInfo {
    super.decorate(info);
    if (this.args.reconnectMs) info.reconnectMs = this.args.reconnectMs;
    if (this.pending && this.state === 'reconnecting') info.reconnect = { ...this.pending };
    return info;
  }

  /** connect(): a TLS client (tls-client.ts) dials its own way, over TLS. */
  protected dial(): void {
    const { args } = this;
    const timeoutMs = args.timeoutMs ?? DEFAULT_CONNECT_TIMEOUT_MS;
    this.remote = { address: args.host, port: args.port, family: familyOf(args.host) };
    this.timeline('connect', { host: args.host, port: args.port });
    const socket = this.socket;
    const timer = setTimeout(() => {
      const err = new EngineError('ETIMEDOUT', 'Connect timed out.', {
        address: args.host,
        port: args.port,
        ms: timeoutMs,
      });
      socket.destroy(err);
    }, timeoutMs);
    socket.once('connect', () => {
      clearTimeout(timer);
      this.markConnected('connected');
      this.emitUpdated();
    });
    socket.once('close', () => clearTimeout(timer));
    const options: net.TcpNetConnectOpts = { host: args.host, port: args.port };
    if (args.localAddress) options.localAddress = args.localAddress;
    if (args.localPort) options.localPort = args.localPort;
    socket.connect(options);
  }

  protected override afterClose(): void {
    const delay = this.args.reconnectMs ?? 0;
    if (this.finished || delay <= 0) return;
    // No socket open and a timer set: a state of its own, not "failed" or "closed".
    this.state = 'reconnecting';
    this.pending = { attempt: this.attempts + 1, delayMs: delay, at: nowMicros() + delay * 1000 };
    this.reconnectTimer = setTimeout(() => this.redial(false), delay);
    this.reconnectTimer.unref();
    this.emitUpdated();
  }

  private cancelTimer(): void {
    if (this.reconnectTimer) clearTimeout(this.reconnectTimer);
    this.reconnectTimer = undefined;
    this.pending = undefined;
  }

  /** A new socket, connect() again: by the timer, or by hand ("Connect again"). */
  private redial(manual: boolean): void {
    this.cancelTimer();
    if (this.finished) return;
    this.attempts += 1;
    this.timeline('reconnect', manual ? { attempt: this.attempts, manual: 1 } : { attempt: this.attempts });
    this.localEnded = false;
    this.peerEnded = false;
    delete this.closeReason;
    delete this.error;
    this.state = 'connecting';
    this.attach(new net.Socket({ allowHalfOpen: true }));
    this.emitUpdated();
    this.dial();
  }

  /**
   * "Connect again" after a failure or a close: the same host, port and
   * options, in this same session, so the log, counters and lifecycle show
   * both attempts (as the automatic reconnect does). While waiting to
   * reconnect it dials now instead of at the end of the delay.
   */
  connectAgain(): void {
    if (!this.isClosed) {
      throw new EngineError('NOT_CLOSED', 'The client is still connected or connecting.');
    }
    this.finished = false;
    this.redial(true);
  }

  override reset(): void {
    this.finished = true;
    super.reset();
  }

  override async close(): Promise<void> {
    this.finished = true;
    if (this.state === 'reconnecting') {
      // Waiting to reconnect: closing just stops that; the session stays, closed.
      this.cancelTimer();
      this.state = 'closed';
      this.closeReason = 'local-close';
      this.timeline('close', { reason: 'local-close' });
      this.emitUpdated();
      return;
    }
    await super.close();
  }

  override destroy(): void {
    this.finished = true;
    this.cancelTimer();
    super.destroy();
  }

  /** Removed: no timer, no connect() in flight, no socket; and no more events. */
  override dispose(): void {
    super.dispose();
    this.destroy();
  }
}
