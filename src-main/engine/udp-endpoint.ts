import dgram from 'node:dgram';
import { lookup } from 'node:dns/promises';
import { isIP } from 'node:net';
import type {
  DataRecord,
  Endpoint,
  Family,
  PeerStats,
  SendResult,
  SessionInfo,
  UdpConfigureArgs,
  UdpOpenArgs,
  UdpOptions,
} from '../../src-shared/contract';
import { endpointText } from '../../src-shared/net/endpoint-text';
import { nowMicros } from './clock';
import { EngineError } from '../errors/engine-error';
import { familyOf, toEndpoint } from './endpoint';
import { Session, type SessionContext } from './session';

/**
 * SO_RCVBUF asked for by default. The OS default (208 KiB on Linux, about 160
 * datagrams of 512 bytes) overflows within a millisecond of a flood while the
 * app does anything else, such as delivering a batch to the window; 4 MiB
 * holds about 20 ms of a 200,000 datagram/s flood. dumpcap asks for 2 MiB for
 * the same reason. The kernel caps it at net.core.rmem_max; info() reports
 * what was granted.
 */
export const DEFAULT_RECEIVE_BUFFER = 4 * 1024 * 1024;

/** Peers tracked per endpoint; beyond this the oldest is forgotten (a scan from many ports must not grow memory). */
const MAX_PEERS = 4096;

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
  private readonly options: UdpOptions = {
    broadcast: false,
    ttl: 64,
    multicastTtl: 1,
    multicastLoopback: true,
    groups: [],
    receiveBufferSize: DEFAULT_RECEIVE_BUFFER,
  };
  private readonly peers = new Map<string, PeerStats>();
  /** The entry of the latest exchange (see peerOf). */
  private lastPeer: PeerStats | undefined;
  /** The kernel's drop count at the last read, and at the last counter reset. */
  private kernelDrops = 0;
  private kernelDropsAtReset = 0;
  private unwatchDrops: (() => void) | undefined;

  private constructor(ctx: SessionContext, id: string, family: Family) {
    super(ctx, id, 'udp', 'idle');
    this.family = family;
    this.socket = dgram.createSocket({ type: family === 'IPv6' ? 'udp6' : 'udp4' });
    this.timeline('create', { type: 'SOCK_DGRAM', family });
    this.socket.on('message', (msg, rinfo) => this.onMessage(msg, rinfo));
    this.socket.on('listening', () => this.onBound());
    this.socket.on('error', (err: NodeJS.ErrnoException) => {
      // Connected sockets hear ICMP "port unreachable" as ECONNREFUSED; the socket stays usable.
      const to = this.options.connectedTo;
      if (to) Object.assign(err, { address: to.address, port: to.port });
      this.fail(err);
      this.emitUpdated();
    });
    this.socket.on('close', () => {
      this.unwatchDrops?.();
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

  protected override decorate(info: SessionInfo): SessionInfo {
    info.udp = { ...this.options, groups: [...this.options.groups] };
    return info;
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
    // Options chosen before the socket existed in the kernel take effect now.
    try {
      this.applyOptions(this.options);
    } catch (err) {
      this.fail(err);
    }
    const { address, port } = this.local;
    this.unwatchDrops = this.ctx.udpDrops?.watch(address, port, (n) => this.onKernelDrops(n));
    this.emitUpdated();
  }

  private onKernelDrops(total: number): void {
    this.kernelDrops = total;
    const since = total - this.kernelDropsAtReset;
    if (this.options.receiveDrops === since) return;
    this.options.receiveDrops = since;
    this.emitUpdated();
  }

  private onMessage(msg: Buffer, rinfo: dgram.RemoteInfo): void {
    const from = this.peerOf(rinfo.address, rinfo.port, rinfo.family);
    this.exchange('in', from, msg);
    const answer = this.replier?.respond(msg);
    if (!answer) return;
    const { address, port, family } = from.peer;
    const done = (err: Error | null): void => {
      // Looked up again: a counter reset meanwhile starts a fresh table.
      if (!err) this.exchange('out', this.peerOf(address, port, family), answer.bytes, answer.auto);
    };
    // A connect()ed socket may only send to its peer, which is the only one it hears from.
    if (this.options.connectedTo) this.socket.send(answer.bytes, done);
    else this.socket.send(answer.bytes, port, address, done);
  }

  /**
   * The table entry of this address and port, made on first contact. A flood
   * comes from one peer, so the latest entry is checked before the table: no
   * key string and no lookup per datagram.
   */
  private peerOf(address: string, port: number, family?: string): PeerStats {
    const last = this.lastPeer;
    if (last?.peer.port === port && last.peer.address === address) return last;
    const key = `${address}|${port}`;
    let stats = this.peers.get(key);
    if (!stats) {
      if (this.peers.size >= MAX_PEERS) this.peers.delete(this.peers.keys().next().value as string);
      const now = nowMicros();
      stats = {
        peer: toEndpoint({ address, port, family }),
        counters: { bytesIn: 0, bytesOut: 0, messagesIn: 0, messagesOut: 0 },
        firstSeen: now,
        lastSeen: now,
      };
      this.peers.set(key, stats);
    }
    this.lastPeer = stats;
    return stats;
  }

  private exchange(dir: 'in' | 'out', stats: PeerStats, bytes: Uint8Array, auto?: DataRecord['auto']): void {
    stats.lastSeen = this.count(dir, stats.peer, bytes, auto);
    if (dir === 'in') {
      stats.counters.bytesIn += bytes.byteLength;
      stats.counters.messagesIn += 1;
    } else {
      stats.counters.bytesOut += bytes.byteLength;
      stats.counters.messagesOut += 1;
    }
  }

  /** The per-peer counters are reset with the session's, so they keep adding up to it. */
  override resetCounters(): void {
    this.peers.clear();
    this.lastPeer = undefined;
    this.kernelDropsAtReset = this.kernelDrops;
    if (this.options.receiveDrops !== undefined) this.options.receiveDrops = 0;
    super.resetCounters();
  }

  peerStats(): PeerStats[] {
    return [...this.peers.values()].map((p) => ({ ...p, counters: { ...p.counters } }));
  }

  /** sendto(); a failure is also a lifecycle step, named after the call that failed. */
  async send(host: string, port: number, payload: Uint8Array, connect = false): Promise<SendResult> {
    const stage = { call: 'sendto' as 'sendto' | 'connect' };
    try {
      return await this.sendTo(host, port, payload, connect, stage);
    } catch (err) {
      this.failedCall(stage.call, err, { host, port });
      throw err;
    }
  }

  private async sendTo(
    host: string,
    port: number,
    payload: Uint8Array,
    connect: boolean,
    stage: { call: 'sendto' | 'connect' },
  ): Promise<SendResult> {
    this.assertOpen();
    const to = await this.resolve(host, port);
    if (this.state === 'idle') this.pendingImplicit = true;
    const connected = this.options.connectedTo;
    const sameDestination = connected?.address === to.address && connected.port === to.port;
    if (connected && (!connect || !sameDestination)) this.disconnect();
    if (connect && !sameDestination) {
      stage.call = 'connect';
      await this.connect(to);
      stage.call = 'sendto';
    }
    await new Promise<void>((resolve, reject) => {
      const done = (err: Error | null): void => {
        if (!err) return resolve();
        if ((err as NodeJS.ErrnoException).code === 'EACCES') {
          // On send (not bind), EACCES means a broadcast address without SO_BROADCAST.
          return reject(
            new EngineError('BROADCAST_DISABLED', 'Broadcast is not enabled.', { address: to.address }),
          );
        }
        reject(Object.assign(err, { size: payload.byteLength, address: to.address, port: to.port }));
      };
      if (connect) this.socket.send(payload, done);
      else this.socket.send(payload, to.port, to.address, done);
    });
    this.pendingImplicit = false;
    this.exchange('out', this.peerOf(to.address, to.port, to.family), payload);
    // A UDP socket stays usable after ECONNREFUSED/EMSGSIZE…: this send worked, so that error is past.
    this.clearSendError();
    return { bytes: payload.byteLength, to };
  }

  private connect(to: Endpoint): Promise<void> {
    return new Promise((resolve, reject) => {
      const onError = (err: Error): void => reject(err);
      this.socket.once('error', onError);
      this.socket.connect(to.port, to.address, () => {
        this.socket.off('error', onError);
        this.options.connectedTo = to;
        this.remote = to;
        this.timeline('udp-connect', { address: to.address, port: to.port });
        this.emitUpdated();
        resolve();
      });
    });
  }

  private disconnect(): void {
    this.socket.disconnect();
    delete this.options.connectedTo;
    delete this.remote;
  }

  configure(args: UdpConfigureArgs): void {
    this.assertOpen();
    const changes: Partial<UdpOptions> = {};
    if (args.broadcast !== undefined) changes.broadcast = args.broadcast;
    if (args.ttl !== undefined) changes.ttl = args.ttl;
    if (args.multicastTtl !== undefined) changes.multicastTtl = args.multicastTtl;
    if (args.multicastLoopback !== undefined) changes.multicastLoopback = args.multicastLoopback;
    if (args.multicastInterface !== undefined) changes.multicastInterface = args.multicastInterface;
    if (args.receiveBufferSize !== undefined) changes.receiveBufferSize = args.receiveBufferSize;
    // One setsockopt() at a time, so a refused one is named in the lifecycle and those before it stand.
    for (const [name, value] of Object.entries(changes)) {
      const one: Partial<UdpOptions> = { [name]: value };
      try {
        // Before the first bind the kernel has no socket to set options on; onBound applies them.
        if (this.state !== 'idle') this.applyOptions(one);
      } catch (err) {
        this.failedCall('setsockopt', err, { name, value: String(value) });
        this.emitUpdated();
        throw err;
      }
      Object.assign(this.options, one);
      if (name === 'multicastInterface' && value === '') delete this.options.multicastInterface;
      this.timeline('option', { name, value: String(value) });
    }
    this.emitUpdated();
  }

  private applyOptions(options: Partial<UdpOptions>): void {
    const s = this.socket;
    if (options.broadcast !== undefined) s.setBroadcast(options.broadcast);
    if (options.ttl !== undefined) s.setTTL(options.ttl);
    if (options.multicastTtl !== undefined) s.setMulticastTTL(options.multicastTtl);
    if (options.multicastLoopback !== undefined) s.setMulticastLoopback(options.multicastLoopback);
    if (options.multicastInterface) s.setMulticastInterface(options.multicastInterface);
    if (options.receiveBufferSize !== undefined) {
      s.setRecvBufferSize(options.receiveBufferSize);
      this.options.receiveBufferGranted = s.getRecvBufferSize();
    }
  }

  joinGroup(group: string, interfaceAddress?: string): void {
    try {
      this.join(group, interfaceAddress);
    } catch (err) {
      this.failedCall('join-group', err, { group, interface: interfaceAddress ?? '' });
      throw err;
    }
  }

  private join(group: string, interfaceAddress?: string): void {
    this.assertBound();
    this.assertFamily(group);
    const key = interfaceAddress ? `${group}@${interfaceAddress}` : group;
    if (this.options.groups.includes(key)) return;
    this.socket.addMembership(group, interfaceAddress);
    this.options.groups.push(key);
    this.timeline('join-group', { group, interface: interfaceAddress ?? '' });
    this.emitUpdated();
  }

  leaveGroup(group: string, interfaceAddress?: string): void {
    try {
      this.leave(group, interfaceAddress);
    } catch (err) {
      this.failedCall('leave-group', err, { group, interface: interfaceAddress ?? '' });
      throw err;
    }
  }

  private leave(group: string, interfaceAddress?: string): void {
    this.assertBound();
    const key = interfaceAddress ? `${group}@${interfaceAddress}` : group;
    if (!this.options.groups.includes(key)) {
      throw new EngineError('NOT_MEMBER', 'Not a member of that group.', { group });
    }
    this.socket.dropMembership(group, interfaceAddress);
    this.options.groups = this.options.groups.filter((g) => g !== key);
    this.timeline('leave-group', { group, interface: interfaceAddress ?? '' });
    this.emitUpdated();
  }

  private assertOpen(): void {
    if (this.isClosed) throw new EngineError('SESSION_CLOSED', 'The session is closed.');
  }

  private assertBound(): void {
    this.assertOpen();
    if (this.state !== 'bound') throw new EngineError('NOT_BOUND', 'Bind the socket first.');
  }

  /**
   * An IPv4 socket reaches only IPv4 addresses, an IPv6 one only IPv6 ones
   * (the OS answers the other with a bare EINVAL): say which is which, and
   * what would work, before the call.
   */
  private assertFamily(address: string): void {
    if (!isIP(address)) return;
    const other = familyOf(address);
    if (other === this.family) return;
    throw new EngineError('FAMILY_MISMATCH', `This socket is ${this.family}; ${address} is ${other}.`, {
      family: this.family,
      socket: this.local ? endpointText(this.local) : this.family === 'IPv6' ? 'AF_INET6' : 'AF_INET',
      host: address,
      hostFamily: other,
      example: this.family === 'IPv6' ? '::1' : '127.0.0.1',
    });
  }

  private async resolve(host: string, port: number): Promise<Endpoint> {
    const wanted = this.family === 'IPv6' ? 6 : 4;
    this.assertFamily(host);
    if (/^[\d.]+$/.test(host) || host.includes(':')) return { address: host, port, family: familyOf(host) };
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
