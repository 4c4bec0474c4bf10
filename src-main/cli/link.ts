import dgram from 'node:dgram';
import { lookup } from 'node:dns/promises';
import net from 'node:net';
import { concatBytes } from '../../src-shared/codec/pieces';
import type { Protocol, Target } from './args';
import type { Matcher } from './matcher';

export interface Arrival {
  at: Date;
  bytes: Uint8Array;
}

export type WaitResult =
  | { matched: true; received: Uint8Array[] }
  | { matched: false; why: 'timeout' | 'closed' | 'aborted'; received: Uint8Array[] };

/**
 * One conversation with one peer, over UDP (a socket connected to the peer,
 * so only its datagrams count) or TCP (a connection). Everything received is
 * kept since the last `mark()`, so "wait for a reply that matches" sees what
 * arrived before the wait started too. UDP matches datagram by datagram; TCP
 * matches what the stream has delivered so far, since a stream has no messages.
 */
export class Link {
  private received: Uint8Array[] = [];
  private closed = false;
  private failure: unknown;
  private readonly wakers = new Set<() => void>();
  /** Called for every arrival (send --wait prints them). */
  onArrival: ((arrival: Arrival) => void) | undefined;

  private constructor(
    readonly proto: Protocol,
    private readonly udp: dgram.Socket | undefined,
    private readonly tcp: net.Socket | undefined,
    readonly local: { address: string; port: number },
    readonly remote: { address: string; port: number },
  ) {
    const take = (data: Uint8Array): void => {
      const bytes = new Uint8Array(data);
      this.received.push(bytes);
      this.onArrival?.({ at: new Date(), bytes });
      this.wake();
    };
    const fail = (err: unknown): void => {
      // A connected UDP socket learns of ICMP "port unreachable" as a bare ECONNREFUSED: name the peer.
      const fields = err as { address?: unknown; port?: unknown } | null;
      if (fields && typeof fields === 'object' && fields.address === undefined) {
        Object.assign(fields, { address: remote.address, port: remote.port });
      }
      this.failure ??= err;
      this.wake();
    };
    udp?.on('message', take).on('error', fail);
    tcp
      ?.on('data', take)
      .on('error', fail)
      .on('close', () => {
        this.closed = true;
        this.wake();
      });
  }

  static async open(
    proto: Protocol,
    target: Target,
    bind?: { address: string; port: number },
  ): Promise<Link> {
    const { address, family } = await lookup(target.host);
    if (proto === 'udp') {
      const socket = dgram.createSocket(family === 6 ? 'udp6' : 'udp4');
      try {
        await new Promise<void>((done, fail) => {
          socket.once('error', fail);
          socket.bind(bind?.port ?? 0, bind?.address, () => {
            socket.off('error', fail);
            done();
          });
        });
        await new Promise<void>((done, fail) => {
          socket.once('error', fail);
          socket.connect(target.port, address, () => {
            socket.off('error', fail);
            done();
          });
        });
      } catch (err) {
        socket.close();
        throw err;
      }
      const local = socket.address();
      return new Link('udp', socket, undefined, local, { address, port: target.port });
    }
    const socket = await new Promise<net.Socket>((done, fail) => {
      const s = net.connect({
        host: address,
        port: target.port,
        localAddress: bind?.address,
        localPort: bind?.port,
      });
      s.once('error', fail);
      s.once('connect', () => {
        s.off('error', fail);
        done(s);
      });
    });
    socket.setNoDelay(true);
    const local = { address: socket.localAddress ?? '', port: socket.localPort ?? 0 };
    return new Link('tcp', undefined, socket, local, { address, port: target.port });
  }

  send(bytes: Uint8Array): Promise<void> {
    if (this.failure) return Promise.reject(this.failure);
    return new Promise((done, fail) => {
      const callback = (err?: Error | null): void => (err ? fail(err) : done());
      if (this.udp) this.udp.send(bytes, callback);
      else this.tcp?.write(bytes, callback);
    });
  }

  /**
   * A send without a promise, for the traffic generator: the callback says when
   * the OS took it (or refused), with the bytes sent. UDP hands the callback to
   * dgram as it is, so a flood makes no closure per datagram.
   */
  sendQuick(bytes: Uint8Array, callback: (err: unknown, size: number) => void): void {
    if (this.udp) this.udp.send(bytes, callback as (err: Error | null, size: number) => void);
    else if (this.tcp) this.tcp.write(bytes, (err) => callback(err, bytes.byteLength));
  }

  /** Forget what arrived so far: the next wait looks only at replies to what is sent next. */
  mark(): void {
    this.received = [];
  }

  /** Wait until what arrived matches, the time is up, the peer closed, or the signal aborts. Rejects on a socket error. */
  waitFor(matcher: Matcher, timeoutMs: number, signal?: AbortSignal): Promise<WaitResult> {
    return new Promise((resolve, reject) => {
      const check = (): void => {
        if (this.failure) return finish(() => reject(this.failure));
        const hit =
          this.proto === 'udp'
            ? this.received.some((d) => matcher.test(d))
            : matcher.test(concatBytes(this.received));
        if (hit) return finish(() => resolve({ matched: true, received: [...this.received] }));
        if (this.closed)
          return finish(() => resolve({ matched: false, why: 'closed', received: [...this.received] }));
        if (signal?.aborted)
          return finish(() => resolve({ matched: false, why: 'aborted', received: [...this.received] }));
      };
      const timer = setTimeout(
        () => finish(() => resolve({ matched: false, why: 'timeout', received: [...this.received] })),
        timeoutMs,
      );
      const finish = (settle: () => void): void => {
        clearTimeout(timer);
        this.wakers.delete(check);
        signal?.removeEventListener('abort', check);
        settle();
      };
      this.wakers.add(check);
      signal?.addEventListener('abort', check);
      check();
    });
  }

  /** Everything received since the last mark, as one run of bytes. */
  get bytes(): Uint8Array {
    return concatBytes(this.received);
  }

  close(): Promise<void> {
    return new Promise((done) => {
      if (this.udp) {
        try {
          this.udp.close(() => done());
        } catch {
          done();
        }
      } else if (this.tcp) {
        if (this.tcp.destroyed) return done();
        this.tcp.once('close', () => done());
        this.tcp.end();
        // A peer that never closes its side must not keep us: the FIN is sent, then we let go.
        setTimeout(() => this.tcp?.destroy(), 1000).unref();
      } else done();
    });
  }

  private wake(): void {
    for (const waker of [...this.wakers]) waker();
  }
}
