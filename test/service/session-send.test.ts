import dgram from 'node:dgram';
import net from 'node:net';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { BridgeError, CommandName, SessionInfo } from '../../src-shared/contract';
import { createEngine } from '../../src-main/app/compose';
import type { Engine } from '../../src-main/engine/engine';
import { createService, type Service } from '../../src-main/service/service';
import type { EventLog } from '../helpers/events';
import { shutdownEngines, track } from '../helpers/events';
import { utf8 } from '../helpers/peer';

/**
 * session.send and sessions.removeClosed: main chooses by the session's kind
 * (datagram, stream write, send-to-all) and knows servers and their clients,
 * so the renderer need not. Real loopback sockets on both ends.
 */
let engine: Engine;
let log: EventLog;
let service: Service;
const cleanups: (() => void)[] = [];

beforeEach(() => {
  engine = createEngine();
  log = track(engine);
  service = createService(engine, { shell: 'web', version: 'test' });
});

afterEach(() => {
  shutdownEngines();
  for (const cleanup of cleanups.splice(0)) cleanup();
});

async function ok<T>(name: CommandName, args: unknown): Promise<T> {
  const result = await service.call(name, args);
  if (!result.ok) throw new Error(`${name} failed: ${JSON.stringify(result.error)}`);
  return result.value as T;
}

async function fails(name: CommandName, args: unknown): Promise<BridgeError> {
  const result = await service.call(name, args);
  if (result.ok) throw new Error(`${name} unexpectedly succeeded: ${JSON.stringify(result.value)}`);
  return result.error;
}

/** A UDP receiver on loopback: resolves each datagram's text as it arrives. */
async function udpPeer(): Promise<{ port: number; next: () => Promise<string> }> {
  const socket = dgram.createSocket('udp4');
  cleanups.push(() => socket.close());
  const queue: string[] = [];
  const waiters: ((text: string) => void)[] = [];
  socket.on('message', (msg) => {
    const waiter = waiters.shift();
    if (waiter) waiter(msg.toString());
    else queue.push(msg.toString());
  });
  await new Promise<void>((done) => socket.bind(0, '127.0.0.1', done));
  const next = (): Promise<string> =>
    new Promise((done) => {
      const queued = queue.shift();
      if (queued !== undefined) done(queued);
      else waiters.push(done);
    });
  return { port: socket.address().port, next };
}

/** A TCP client of ours that reads until it has `n` bytes. */
function tcpClient(port: number): { socket: net.Socket; read: (n: number) => Promise<string> } {
  const socket = net.connect(port, '127.0.0.1');
  cleanups.push(() => socket.destroy());
  let got = Buffer.alloc(0);
  const waiters: (() => void)[] = [];
  socket.on('data', (chunk) => {
    got = Buffer.concat([got, chunk]);
    for (const wake of waiters.splice(0)) wake();
  });
  const read = async (n: number): Promise<string> => {
    while (got.byteLength < n) await new Promise<void>((wake) => waiters.push(wake));
    const text = got.subarray(0, n).toString();
    got = got.subarray(n);
    return text;
  };
  return { socket, read };
}

/** A TCP server of ours that accepts one connection and reads from it. */
async function tcpPeerServer(): Promise<{ port: number; read: (n: number) => Promise<string> }> {
  let got = Buffer.alloc(0);
  const waiters: (() => void)[] = [];
  const server = net.createServer((socket) => {
    cleanups.push(() => socket.destroy());
    socket.on('data', (chunk) => {
      got = Buffer.concat([got, chunk]);
      for (const wake of waiters.splice(0)) wake();
    });
  });
  cleanups.push(() => server.close());
  await new Promise<void>((done) => server.listen(0, '127.0.0.1', done));
  const read = async (n: number): Promise<string> => {
    while (got.byteLength < n) await new Promise<void>((wake) => waiters.push(wake));
    const text = got.subarray(0, n).toString();
    got = got.subarray(n);
    return text;
  };
  return { port: (server.address() as net.AddressInfo).port, read };
}

describe('session.send: main chooses by the session kind', () => {
  it('a UDP endpoint sends a datagram to the host and port given', async () => {
    const peer = await udpPeer();
    const udp = await ok<SessionInfo>('udp.open', { bind: true, address: '127.0.0.1', port: 0 });
    const sent = await ok('session.send', {
      sessionId: udp.id,
      host: '127.0.0.1',
      port: peer.port,
      payload: utf8('datagram'),
    });
    expect(sent).toEqual({ bytes: 8, to: { address: '127.0.0.1', port: peer.port, family: 'IPv4' } });
    expect(await peer.next()).toBe('datagram');
    expect((await log.waitForRecords(udp.id, 'out', 1))[0]?.bytes).toEqual(utf8('datagram'));
  });

  it('a UDP endpoint without a destination is refused with NO_DESTINATION, nothing sent', async () => {
    const udp = await ok<SessionInfo>('udp.open', { bind: true, address: '127.0.0.1', port: 0 });
    const error = await fails('session.send', { sessionId: udp.id, payload: utf8('x') });
    expect(error.code).toBe('NO_DESTINATION');
    expect(engine.info(udp.id).counters.messagesOut).toBe(0);
  });

  it('a TCP client writes on its stream', async () => {
    const peer = await tcpPeerServer();
    const client = await ok<SessionInfo>('tcp.connect', { host: '127.0.0.1', port: peer.port });
    await log.waitForState(client.id, 'connected');
    const sent = await ok<{ bytes: number }>('session.send', {
      sessionId: client.id,
      payload: utf8('stream'),
    });
    expect(sent.bytes).toBe(6);
    expect(await peer.read(6)).toBe('stream');
  });

  it('an accepted connection writes to its one peer; its server sends to every client', async () => {
    const server = await ok<SessionInfo>('tcp.listen', { address: '127.0.0.1', port: 0 });
    const port = server.local?.port ?? 0;
    const a = tcpClient(port);
    const b = tcpClient(port);
    const accepted = await log.waitFor(() => {
      const children = engine.list().filter((s) => s.parentId === server.id && s.state === 'connected');
      return children.length === 2 ? children : undefined;
    }, 'two accepted clients');

    const one = accepted.find((s) => s.remote?.port === a.socket.localPort);
    expect(one).toBeDefined();
    await ok('session.send', { sessionId: one?.id, payload: utf8('just-a') });
    expect(await a.read(6)).toBe('just-a');

    const all = await ok('session.send', { sessionId: server.id, payload: utf8('all') });
    // As tcp.sendAll: the bytes handed to the kernel over all clients.
    expect(all).toEqual({ clients: 2, bytes: 6 });
    expect(await a.read(3)).toBe('all');
    expect(await b.read(3)).toBe('all');
  });

  it('the old per-kind commands still work beside it', async () => {
    const peer = await udpPeer();
    const udp = await ok<SessionInfo>('udp.open', { bind: true, address: '127.0.0.1', port: 0 });
    await ok('udp.send', { sessionId: udp.id, host: '127.0.0.1', port: peer.port, payload: utf8('old') });
    expect(await peer.next()).toBe('old');
  });
});

describe('sessions.removeClosed: main knows servers and their clients', () => {
  it('removes every closed session, a closed server with its clients, and keeps what is open', async () => {
    const openUdp = await ok<SessionInfo>('udp.open', { bind: true, address: '127.0.0.1', port: 0 });
    const closedUdp = await ok<SessionInfo>('udp.open', { bind: true, address: '127.0.0.1', port: 0 });
    await ok('session.close', { sessionId: closedUdp.id });

    // A server that stays open, with one client that closed (it goes alone) and one that stays.
    const server = await ok<SessionInfo>('tcp.listen', { address: '127.0.0.1', port: 0 });
    const port = server.local?.port ?? 0;
    const leaving = tcpClient(port);
    tcpClient(port);
    const children = await log.waitFor(() => {
      const c = engine.list().filter((s) => s.parentId === server.id && s.state === 'connected');
      return c.length === 2 ? c : undefined;
    }, 'two accepted clients');
    const gone = children.find((s) => s.remote?.port === leaving.socket.localPort);
    const staying = children.find((s) => s.id !== gone?.id);
    await ok('session.close', { sessionId: gone?.id });

    // A server that closed with its client: both go, asked once.
    const closedServer = await ok<SessionInfo>('tcp.listen', { address: '127.0.0.1', port: 0 });
    tcpClient(closedServer.local?.port ?? 0);
    const child = await log.waitForOpened((s) => s.parentId === closedServer.id, 'accepted client');
    await ok('session.close', { sessionId: closedServer.id });

    const { removed } = await ok<{ removed: string[] }>('sessions.removeClosed', {});
    expect([...removed].sort()).toEqual([closedUdp.id, gone?.id, closedServer.id, child.id].sort());
    expect(
      engine
        .list()
        .map((s) => s.id)
        .sort(),
    ).toEqual([openUdp.id, server.id, staying?.id].sort());
  });

  it('with nothing closed removes nothing', async () => {
    await ok<SessionInfo>('udp.open', { bind: true, address: '127.0.0.1', port: 0 });
    expect(await ok('sessions.removeClosed', {})).toEqual({ removed: [] });
    expect(engine.list()).toHaveLength(1);
  });
});
