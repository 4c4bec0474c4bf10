import dgram from 'node:dgram';
import { lookup } from 'node:dns/promises';
import net from 'node:net';
import type { Protocol, Target } from './args';
import { Inbox, type Conversation, type WaitResult } from './inbox';
import type { Matcher } from './matcher';

export type { Conversation, WaitResult } from './inbox';

export interface Arrival {
  at: Date;
  bytes: Uint8Array;
}

/**
 * One conversation with one peer, over UDP (a socket connected to the peer,
 * so only its datagrams count) or TCP (a connection). Everything received is
 * kept since the last `mark()`, so "wait for a reply that matches" sees what
 * arrived before the wait started too (the Inbox).
 */
export class Link implements Conversation {
  private readonly inbox: Inbox;
  /** Called for every arrival (send --wait prints them). */
  onArrival: ((arrival: Arrival) => void) | undefined;

  private constructor(
    readonly proto: Protocol,
    private readonly udp: dgram.Socket | undefined,
    private readonly tcp: net.Socket | undefined,
    readonly local: { address: string; port: number },
    readonly remote: { address: string; port: number },
  ) {
    this.inbox = new Inbox(proto);
    const take = (data: Uint8Array): void => {
      const bytes = new Uint8Array(data);
      this.inbox.take(bytes);
      this.onArrival?.({ at: new Date(), bytes });
    };
    const fail = (err: unknown): void => {
      // A connected UDP socket learns of ICMP "port unreachable" as a bare ECONNREFUSED: name the peer.
      const fields = err as { address?: unknown; port?: unknown } | null;
      if (fields && typeof fields === 'object' && fields.address === undefined) {
        Object.assign(fields, { address: remote.address, port: remote.port });
      }
      this.inbox.fail(err);
    };
    udp?.on('message', take).on('error', fail);
    tcp
      ?.on('data', take)
      .on('error', fail)
      .on('close', () => this.inbox.end());
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
    if (this.inbox.error) return Promise.reject(this.inbox.error);
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

  mark(): void {
    this.inbox.mark();
  }

  waitFor(matcher: Matcher, timeoutMs: number, signal?: AbortSignal): Promise<WaitResult> {
    return this.inbox.waitFor(matcher, timeoutMs, signal);
  }

  get bytes(): Uint8Array {
    return this.inbox.bytes;
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
}
