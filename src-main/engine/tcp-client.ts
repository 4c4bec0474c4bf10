import net from 'node:net';
import type { SessionInfo, TcpConnectArgs } from '../../src-shared/contract';
import { EngineError } from './engine-error';
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
  private args!: TcpConnectArgs;
  private attempts = 0;
  private reconnectTimer: NodeJS.Timeout | undefined;
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
    return info;
  }

  private dial(): void {
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
    this.reconnectTimer = setTimeout(() => this.redial(), delay);
    this.reconnectTimer.unref();
  }

  private redial(): void {
    this.reconnectTimer = undefined;
    if (this.finished) return;
    this.attempts += 1;
    this.timeline('reconnect', { attempt: this.attempts });
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
   * both attempts (as the automatic reconnect does).
   */
  connectAgain(): void {
    if (!this.isClosed || this.reconnectTimer) {
      throw new EngineError('NOT_CLOSED', 'The client is still connected or about to reconnect.');
    }
    this.finished = false;
    this.redial();
  }

  override reset(): void {
    this.finished = true;
    super.reset();
  }

  override async close(): Promise<void> {
    this.finished = true;
    if (this.reconnectTimer) {
      // Waiting to reconnect: closing just stops that.
      clearTimeout(this.reconnectTimer);
      this.reconnectTimer = undefined;
      this.closeReason = 'local-close';
      this.timeline('close', { reason: 'local-close' });
      this.emitUpdated();
      return;
    }
    await super.close();
  }

  override destroy(): void {
    this.finished = true;
    if (this.reconnectTimer) clearTimeout(this.reconnectTimer);
    super.destroy();
  }
}
