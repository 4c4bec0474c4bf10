import dgram from 'node:dgram';
import { lookup } from 'node:dns/promises';
import type { Endpoint, Family, SendResult, UdpOpenArgs } from '../../src-shared/contract';
import { EngineError } from './engine-error';
import { familyOf, toEndpoint } from './endpoint';
import { Session, type SessionContext } from './session';

/**
 * A UDP socket: `socket(AF_INET, SOCK_DGRAM)`, optionally `bind((addr, port))`,
 * then `sendto` / `recvfrom`. Left unbound, the OS binds it to an ephemeral
 * port on the first send, and the session reports which.
 */
export class UdpEndpoint extends Session {
  private readonly socket: dgram.Socket;
  readonly family: Family;
  /** True while a send on an unbound socket is about to make the OS bind it. */
  private pendingImplicit = false;

  private constructor(ctx: SessionContext, id: string, family: Family) {
    super(ctx, id, 'udp', 'idle');
    this.family = family;
    this.socket = dgram.createSocket({ type: family === 'IPv6' ? 'udp6' : 'udp4' });
    this.timeline('create', { type: 'SOCK_DGRAM', family });
    this.socket.on('message', (msg, rinfo) => this.count('in', toEndpoint(rinfo), msg));
    this.socket.on('listening', () => this.onBound());
    this.socket.on('error', (err) => {
      // Errors after bind (rare for UDP) are reported; the socket stays usable.
      this.fail(err);
      this.emitUpdated();
    });
    this.socket.on('close', () => {
      this.state = 'closed';
      this.closeReason ??= 'local-close';
      this.timeline('close');
      this.emitUpdated();
    });
  }

  static async open(ctx: SessionContext, id: string, args: UdpOpenArgs): Promise<UdpEndpoint> {
    const address = args.address ?? (args.family === 'IPv6' ? '::' : '0.0.0.0');
    const endpoint = new UdpEndpoint(
      ctx,
      id,
      args.address ? familyOf(args.address) : (args.family ?? 'IPv4'),
    );
    if (args.bind) await endpoint.bind(address, args.port ?? 0);
    return endpoint;
  }

  private bind(address: string, port: number): Promise<void> {
    return new Promise((resolve, reject) => {
      const onError = (err: Error): void => {
        this.socket.close();
        reject(err);
      };
      this.socket.once('error', onError);
      this.socket.bind({ address, port, exclusive: true }, () => {
        this.socket.off('error', onError);
        resolve();
      });
    });
  }

  private onBound(): void {
    this.local = toEndpoint(this.socket.address());
    this.state = 'bound';
    this.timeline('bind', {
      address: this.local.address,
      port: this.local.port,
      implicit: this.pendingImplicit ? 1 : 0,
    });
    this.emitUpdated();
  }

  async send(host: string, port: number, payload: Uint8Array): Promise<SendResult> {
    if (this.isClosed) throw new EngineError('SESSION_CLOSED', 'The session is closed.');
    const to = await this.resolve(host, port);
    if (this.state === 'idle') this.pendingImplicit = true;
    await new Promise<void>((resolve, reject) => {
      this.socket.send(payload, to.port, to.address, (err) =>
        err
          ? reject(Object.assign(err, { size: payload.byteLength, address: to.address, port: to.port }))
          : resolve(),
      );
    });
    this.pendingImplicit = false;
    this.count('out', to, payload);
    return { bytes: payload.byteLength, to };
  }

  private async resolve(host: string, port: number): Promise<Endpoint> {
    const wanted = this.family === 'IPv6' ? 6 : 4;
    const literal = familyOf(host);
    if (host.includes(':') && wanted === 4) {
      throw new EngineError('FAMILY_MISMATCH', 'IPv4 socket cannot send to an IPv6 address.', {
        family: this.family,
        host,
      });
    }
    if (/^[\d.]+$/.test(host) || host.includes(':')) return { address: host, port, family: literal };
    try {
      const { address, family } = await lookup(host, { family: wanted });
      return { address, port, family: family === 6 ? 'IPv6' : 'IPv4' };
    } catch (err) {
      throw Object.assign(err as Error, { hostname: host });
    }
  }

  async close(): Promise<void> {
    if (this.isClosed) return;
    await new Promise<void>((resolve) => this.socket.close(() => resolve()));
  }

  destroy(): void {
    if (this.isClosed) return;
    try {
      this.socket.close();
    } catch {
      // Already closed by the OS: nothing left to free.
    }
  }
}
