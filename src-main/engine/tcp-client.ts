import net from 'node:net';
import type { TcpConnectArgs } from '../../src-shared/contract';
import { EngineError } from './engine-error';
import { familyOf } from './endpoint';
import type { SessionContext } from './session';
import { TcpStream } from './tcp-stream';

export const DEFAULT_CONNECT_TIMEOUT_MS = 10_000;

/**
 * `socket(AF_INET, SOCK_STREAM)` + `connect((host, port))`. The session exists
 * from the moment connect() is called, so "connecting" and a failure such as
 * ECONNREFUSED are visible states rather than a dialog.
 */
export class TcpClient extends TcpStream {
  static connect(ctx: SessionContext, id: string, args: TcpConnectArgs): TcpClient {
    const socket = new net.Socket({ allowHalfOpen: true });
    const client = new TcpClient(ctx, id, 'tcp-client', socket, {
      closeOnPeerEnd: args.closeOnPeerEnd ?? true,
    });
    client.remote = { address: args.host, port: args.port, family: familyOf(args.host) };
    client.start(args);
    return client;
  }

  private start(args: TcpConnectArgs): void {
    const timeoutMs = args.timeoutMs ?? DEFAULT_CONNECT_TIMEOUT_MS;
    this.timeline('create', { type: 'SOCK_STREAM' });
    this.timeline('connect', { host: args.host, port: args.port });
    const timer = setTimeout(() => {
      const err = new EngineError('ETIMEDOUT', 'Connect timed out.', {
        address: args.host,
        port: args.port,
        ms: timeoutMs,
      });
      this.socket.destroy(err);
    }, timeoutMs);
    this.socket.once('connect', () => {
      clearTimeout(timer);
      this.markConnected('connected');
      this.emitUpdated();
    });
    this.socket.once('close', () => clearTimeout(timer));
    const options: net.TcpNetConnectOpts = { host: args.host, port: args.port };
    if (args.localAddress) options.localAddress = args.localAddress;
    if (args.localPort) options.localPort = args.localPort;
    this.socket.connect(options);
  }
}
