/**
 * Faults survived, on real loopback sockets: resets mid-stream, half-close
 * from either side with data after it, a server stopped under its clients,
 * 1,000 concurrent clients with every byte counted, and the web shell quit
 * (SIGTERM) with sockets open: every port free afterwards.
 */
import net from 'node:net';
import { afterAll, afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { SessionInfo } from '../../src-shared/contract';
import { createEngine } from '../../src-main/app/compose';
import type { Engine } from '../../src-main/engine/engine';
import { shutdownEngines, track, type EventLog } from '../helpers/events';
import { stopAllShells, startShell, tcpPortFree, udpPortFree, waitUntil, WsBridge } from './support';

let engine: Engine;
let log: EventLog;
const sockets = new Set<net.Socket>();

beforeEach(() => {
  engine = createEngine();
  log = track(engine);
});

afterEach(() => {
  for (const s of sockets) s.destroy();
  sockets.clear();
  shutdownEngines();
});

afterAll(() => stopAllShells());

function connect(port: number): Promise<net.Socket> {
  return new Promise((done, fail) => {
    const s = net.connect({ host: '127.0.0.1', port, allowHalfOpen: true }, () => done(s));
    sockets.add(s);
    s.once('error', fail);
  });
}

/** Bytes the view received for a session plus the bytes it was told it did not get. */
const viewed = (id: string): number =>
  log.bytes(id, 'in').byteLength + log.dataEvents(id).reduce((n, e) => n + e.droppedBytes, 0);

const children = (serverId: string): SessionInfo[] => engine.list().filter((s) => s.parentId === serverId);

async function serverWithClient(options: { closeOnPeerEnd?: boolean } = {}) {
  const server = await engine.listenTcp({ address: '127.0.0.1', port: 0, backlog: 2048, ...options });
  const client = await connect(server.local?.port ?? 0);
  const conn = await log.waitForOpened((s) => s.parentId === server.id, 'accepted');
  return { server, client, conn };
}

describe('faults: resets mid-stream', () => {
  it('a peer that resets while data flows: session ends as peer-reset, counters equal the bytes delivered, the server keeps serving', async () => {
    const { server, client, conn } = await serverWithClient();
    const chunk = Buffer.alloc(16 * 1024, 0x5a);
    let written = 0;
    // Keep the stream busy, then abort it with RST in the middle of the flow.
    for (let i = 0; i < 64; i += 1) {
      client.write(chunk);
      written += chunk.byteLength;
    }
    await log.waitFor(() => (engine.info(conn.id).counters.bytesIn > 0 ? true : undefined), 'data flowing');
    client.resetAndDestroy();
    const ended = await log.waitForState(conn.id, 'closed');
    expect(ended.closeReason).toBe('peer-reset');
    const after = engine.info(conn.id);
    expect(after.error?.code).toBe('ECONNRESET');
    // Exact: the view was handed every counted byte, or told how many it was not (the flood budget).
    await log.waitFor(
      () => (viewed(conn.id) === after.counters.bytesIn ? true : undefined),
      'view = counters',
    );
    expect(after.counters.bytesIn).toBeLessThanOrEqual(written);
    // And the server is unharmed: a new client is accepted and heard.
    const again = await connect(server.local?.port ?? 0);
    again.end('still here');
    const next = await log.waitForOpened(
      (s) => s.parentId === server.id && s.id !== conn.id,
      'second client',
    );
    expect((await log.waitForBytes(next.id, 'in', 10)).toString()).toBe('still here');
  });

  it('our client streaming to a server that resets: peer-reset, later sends refused, nothing thrown', async () => {
    const peer = net.createServer((s) => {
      s.once('data', () => s.resetAndDestroy());
    });
    await new Promise<void>((r) => peer.listen(0, '127.0.0.1', r));
    try {
      const client = engine.connectTcp({ host: '127.0.0.1', port: (peer.address() as net.AddressInfo).port });
      await log.waitForState(client.id, 'connected');
      const sends: Promise<unknown>[] = [];
      for (let i = 0; i < 50; i += 1)
        sends.push(engine.tcpSend(client.id, new Uint8Array(8192)).catch((e: unknown) => e));
      await Promise.all(sends);
      const ended = await log.waitForState(client.id, 'closed');
      expect(ended.closeReason).toBe('peer-reset');
      await expect(engine.tcpSend(client.id, new Uint8Array(1))).rejects.toMatchObject({
        code: 'SESSION_CLOSED',
      });
      const out = log
        .dataEvents(client.id)
        .reduce((n, e) => n + e.droppedBytes, log.bytes(client.id, 'out').byteLength);
      expect(out).toBe(engine.info(client.id).counters.bytesOut);
    } finally {
      peer.close();
    }
  });
});

describe('faults: half-close from either side, with data after it', () => {
  it('the peer sends FIN; we keep sending and the peer receives every byte', async () => {
    const { client, conn } = await serverWithClient({ closeOnPeerEnd: false });
    const received: Buffer[] = [];
    client.on('data', (d: Buffer) => received.push(d));
    client.end('bye');
    await log.waitForState(conn.id, 'peer-half-closed');
    await engine.tcpSend(conn.id, Buffer.from('after your FIN 1;'));
    await engine.tcpSend(conn.id, Buffer.from('after your FIN 2'));
    await waitUntil(
      () => Buffer.concat(received).toString() === 'after your FIN 1;after your FIN 2',
      'data after FIN',
    );
    expect(engine.info(conn.id).counters).toMatchObject({ bytesIn: 3, bytesOut: 33 });
  });

  it('we send FIN (half-close); the peer keeps sending and we count every byte', async () => {
    const { client, conn } = await serverWithClient({ closeOnPeerEnd: false });
    engine.halfClose(conn.id);
    await new Promise<void>((r) => client.once('end', () => r()));
    const tail = Buffer.alloc(100_000, 0x33);
    client.end(tail);
    const got = await log.waitForBytes(conn.id, 'in', tail.byteLength);
    expect(got.equals(tail)).toBe(true);
    const closed = await log.waitForState(conn.id, 'closed');
    expect(closed.counters.bytesIn).toBe(tail.byteLength);
    expect(closed.closeReason).toBe('local-close');
  });
});

describe('faults: a server stopped while clients are connected', () => {
  it('every client sees FIN, every session is closed as server-stopped, counters intact', async () => {
    const server = await engine.listenTcp({ address: '127.0.0.1', port: 0 });
    const port = server.local?.port ?? 0;
    const clients = await Promise.all(Array.from({ length: 5 }, () => connect(port)));
    clients.forEach((c, i) => c.write(Buffer.alloc(100 * (i + 1), i)));
    await log.waitFor(
      () => (children(server.id).reduce((n, s) => n + s.counters.bytesIn, 0) === 1500 ? true : undefined),
      '1500 bytes in',
    );
    const fins = clients.map((c) => new Promise<void>((r) => c.once('end', () => r())));
    await engine.close(server.id);
    await Promise.all(fins);
    const after = children(server.id);
    expect(after).toHaveLength(5);
    for (const s of after) {
      expect(s.state).toBe('closed');
      expect(s.closeReason).toBe('server-stopped');
    }
    expect(after.map((s) => s.counters.bytesIn).sort((a, b) => a - b)).toEqual([100, 200, 300, 400, 500]);
    expect(engine.info(server.id).state).toBe('closed');
    expect(await tcpPortFree(port)).toBe(true);
  });
});

describe('faults: load', () => {
  const CLIENTS = 1000;
  it(`${CLIENTS} concurrent TCP clients on one server session: every byte counted`, async () => {
    const started = Date.now();
    // listen(128) would overflow under 1,000 simultaneous SYNs (the kernel retries a second later): a deep backlog.
    const server = await engine.listenTcp({ address: '127.0.0.1', port: 0, backlog: 2048 });
    const port = server.local?.port ?? 0;
    const sizeOf = (i: number): number => 1 + ((i * 7919) % 2048);
    const total = Array.from({ length: CLIENTS }, (_, i) => sizeOf(i)).reduce((a, b) => a + b, 0);
    const opened = await Promise.all(
      Array.from({ length: CLIENTS }, (_, i) =>
        connect(port).then((s) => {
          s.resume();
          // All connected at once, then each writes its own bytes and closes.
          return { s, bytes: Buffer.alloc(sizeOf(i), i & 0xff) };
        }),
      ),
    );
    await log.waitFor(
      () => (engine.info(server.id).clientCount === CLIENTS ? true : undefined),
      `${CLIENTS} clients accepted`,
      10_000,
    );
    for (const { s, bytes } of opened) s.end(bytes);
    const done = await log.waitFor(
      () => {
        const list = children(server.id);
        return list.length === CLIENTS && list.every((s) => s.state === 'closed') ? list : undefined;
      },
      `${CLIENTS} connections closed`,
      15_000,
    );
    const counted = done.reduce((n, s) => n + s.counters.bytesIn, 0);
    const delivered = done.reduce((n, s) => n + log.bytes(s.id, 'in').byteLength, 0);
    expect(counted).toBe(total);
    expect(delivered).toBe(total);
    expect(engine.info(server.id).clientCount).toBe(0);
    const seconds = (Date.now() - started) / 1000;
    console.log(
      `load: ${CLIENTS} concurrent clients, ${counted} of ${total} bytes counted, ${seconds.toFixed(1)} s`,
    );
    expect(seconds).toBeLessThan(20);
  }, 30_000);
});

describe('faults: the app quit with open sockets', () => {
  it('SIGTERM to `node out/main/web.js` with UDP, a server, its clients and an outgoing client open: every port free', async () => {
    const shell = await startShell();
    const bridge = await WsBridge.open(shell.url);
    const udp = await bridge.ok<SessionInfo>('udp.open', { bind: true, address: '127.0.0.1', port: 0 });
    const server = await bridge.ok<SessionInfo>('tcp.listen', { address: '127.0.0.1', port: 0 });
    const serverPort = server.local?.port ?? 0;
    const clients = await Promise.all(Array.from({ length: 3 }, () => connect(serverPort)));
    // An outgoing connection from the shell to a listener of ours.
    const outside = net.createServer((s) => sockets.add(s));
    await new Promise<void>((r) => outside.listen(0, '127.0.0.1', r));
    const client = await bridge.ok<SessionInfo>('tcp.connect', {
      host: '127.0.0.1',
      port: (outside.address() as net.AddressInfo).port,
    });
    await waitUntil(
      () =>
        bridge.events.some(
          (e) =>
            e.type === 'session-updated' && e.session.id === client.id && e.session.state === 'connected',
        ),
      'connected',
    );
    // Our clients are half-open capable: the shell's FIN shows as 'end'.
    const fins = clients.map((c) => new Promise<void>((r) => c.once('end', () => r())));
    bridge.close();

    expect(await shell.stop()).toBe(0);
    await Promise.all(fins);
    outside.close();
    expect(await udpPortFree(udp.local?.port ?? 0)).toBe(true);
    expect(await tcpPortFree(serverPort)).toBe(true);
    expect(await tcpPortFree(new URL(shell.url).port ? Number(new URL(shell.url).port) : 0)).toBe(true);
  });
});
