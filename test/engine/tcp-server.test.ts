import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { SessionInfo } from '../../src-shared/contract';
import { createEngine } from '../../src-main/app/compose';
import type { Engine } from '../../src-main/engine/engine';
import type { EventLog } from '../helpers/events';
import { shutdownEngines, track } from '../helpers/events';
import type { Peer } from '../helpers/peer';
import { hex, killAllPeers, spawnPeer, utf8 } from '../helpers/peer';

let engine: Engine;
let log: EventLog;

beforeEach(() => {
  engine = createEngine();
  log = track(engine);
});

afterEach(async () => {
  shutdownEngines();
  await killAllPeers();
});

async function listen(maxClients?: number): Promise<{ server: SessionInfo; port: number }> {
  const server = await engine.listenTcp({
    address: '127.0.0.1',
    port: 0,
    backlog: 128,
    ...(maxClients === undefined ? {} : { maxClients }),
  });
  return { server, port: server.local?.port ?? 0 };
}

/** Start a Python client and find the 'tcp-conn' session our server accepted for it. */
async function connectClient(
  server: SessionInfo,
  port: number,
  args: string[] = [],
): Promise<{ client: Peer; conn: SessionInfo; clientPort: number }> {
  const client = spawnPeer('tcp_client.py', ['127.0.0.1', String(port), ...args]);
  const [, , clientPortText] = await client.line('LOCAL');
  const clientPort = Number(clientPortText);
  const conn = await log.waitForOpened(
    (s) => s.kind === 'tcp-conn' && s.parentId === server.id && s.remote?.port === clientPort,
    `connection from port ${clientPort}`,
  );
  return { client, conn, clientPort };
}

describe('TCP server', () => {
  it('listens with backlog 128 on an OS-chosen port', async () => {
    const { server, port } = await listen();
    expect(server).toMatchObject({
      kind: 'tcp-server',
      state: 'listening',
      local: { address: '127.0.0.1', port, family: 'IPv4' },
      backlog: 128,
      maxClients: 0,
      clientCount: 0,
    });
    expect(port).toBeGreaterThan(0);
    await log.waitForStep(server.id, 'listen');
    expect(log.timeline(server.id).map((e) => [e.step, e.detail])).toEqual([
      ['create', { type: 'SOCK_STREAM' }],
      ['bind', { address: '127.0.0.1', port }],
      ['listen', { backlog: 128 }],
    ]);
  });

  it('gives every Python client its own session; send-to-all; stop listening keeps clients; close', async () => {
    const { server, port } = await listen();
    const clients = await Promise.all(
      [0, 1, 2].map((i) => connectClient(server, port, ['--send', hex(`client ${i} 你好`)])),
    );

    for (const [i, { conn, clientPort }] of clients.entries()) {
      expect(conn).toMatchObject({
        kind: 'tcp-conn',
        parentId: server.id,
        state: 'connected',
        local: { address: '127.0.0.1', port, family: 'IPv4' },
        remote: { address: '127.0.0.1', port: clientPort, family: 'IPv4' },
        stream: { closeOnPeerEnd: true },
      });
      const message = utf8(`client ${i} 你好`);
      const received = await log.waitForBytes(conn.id, 'in', message.byteLength);
      expect(hex(received)).toBe(hex(message));
      for (const r of log.records(conn.id, 'in')) expect(r.peer).toEqual(conn.remote);
    }
    await log.waitForSnapshot(server.id, (s) => s.clientCount === 3, 'clientCount 3');
    expect(engine.info(server.id).clientCount).toBe(3);
    const accepts = log.timeline(server.id).filter((e) => e.step === 'accept');
    expect(accepts.map((e) => e.detail?.sessionId).sort()).toEqual(clients.map((c) => c.conn.id).sort());

    // Send to all: every client's recv() gets the same bytes.
    const broadcast = utf8('to everyone');
    const result = await engine.tcpSendAll(server.id, broadcast);
    expect(result).toEqual({ clients: 3, bytes: 3 * broadcast.byteLength });
    for (const { client, conn } of clients) {
      const [, , , data] = await client.line('RECV');
      expect(data).toBe(hex(broadcast));
      expect(engine.info(conn.id).counters).toMatchObject({
        bytesOut: broadcast.byteLength,
        messagesOut: 1,
      });
    }

    // Stop listening: new connects are refused, accepted clients stay connected.
    const stopped = engine.stopListening(server.id);
    expect(stopped.state).toBe('stopped');
    expect(stopped.clientCount).toBe(3);
    const late = spawnPeer('tcp_client.py', ['127.0.0.1', String(port)]);
    await late.line('REFUSED');
    const [first] = clients;
    if (!first) throw new Error('no client');
    await engine.tcpSend(first.conn.id, utf8('still here'));
    const [, second] = await first.client.count('RECV', 2);
    expect(second?.[3]).toBe(hex('still here'));
    expect(log.steps(server.id)).toContain('stop-listening');

    // Close: the server takes its clients with it; every client's recv() returns b''.
    const closed = await engine.close(server.id);
    expect(closed).toMatchObject({ state: 'closed', closeReason: 'local-close', clientCount: 0 });
    for (const { client, conn } of clients) {
      await client.line('CLOSED');
      const info = engine.info(conn.id);
      expect(info.state).toBe('closed');
      expect(info.closeReason).toBe('server-stopped');
    }
    await log.waitForState(server.id, 'closed');
    expect(log.states(server.id)).toEqual(['listening', 'stopped', 'closed']);
  });

  it("a client's orderly close ends its session with peer-close and lowers clientCount", async () => {
    const { server, port } = await listen();
    const { conn } = await connectClient(server, port, ['--send', hex('bye'), '--then', 'close']);
    const closed = await log.waitForState(conn.id, 'closed');
    expect(closed.closeReason).toBe('peer-close');
    expect(hex(log.bytes(conn.id, 'in'))).toBe(hex('bye'));
    expect(log.steps(conn.id)).toEqual(['accept', 'peer-half-close', 'close']);
    await log.waitFor(
      () => (log.snapshots(server.id).at(-1)?.clientCount === 0 ? true : undefined),
      'server update with clientCount 0',
    );
    expect(log.snapshots(server.id).map((s) => s.clientCount)).toEqual([0, 1, 0]);
    expect(engine.info(server.id)).toMatchObject({ state: 'listening', clientCount: 0 });
  });

  it("a client's reset ends its session with peer-reset", async () => {
    const { server, port } = await listen();
    // The client resets only after our 'go', so the reset cannot race the accept. It sends nothing
    // first: with unread bytes queued, libuv reports a RST that arrives with them as a plain EOF.
    const { client, conn } = await connectClient(server, port, ['--wait-first', '--then', 'rst']);
    await engine.tcpSend(conn.id, utf8('go'));
    await client.line('RST');
    const closed = await log.waitForState(conn.id, 'closed');
    expect(closed.closeReason).toBe('peer-reset');
    expect(closed.error?.code).toBe('ECONNRESET');
  });

  it('our half-close of an accepted connection: the client sees b"" and can still answer', async () => {
    const { server, port } = await listen();
    const answer = utf8('last words');
    const { client, conn } = await connectClient(server, port, ['--on-close', hex(answer)]);
    expect(engine.halfClose(conn.id).state).toBe('local-half-closed');
    await client.line('CLOSED');
    const received = await log.waitForBytes(conn.id, 'in', answer.byteLength);
    expect(hex(received)).toBe(hex(answer));
    const closed = await log.waitForState(conn.id, 'closed');
    expect(closed.closeReason).toBe('local-close');
  });

  it('our reset of an accepted connection: the client sees ConnectionResetError', async () => {
    const { server, port } = await listen();
    const { client, conn } = await connectClient(server, port);
    engine.reset(conn.id);
    await client.line('RESET');
    expect((await log.waitForState(conn.id, 'closed')).closeReason).toBe('local-reset');
  });

  it('refuses clients beyond maxClients with a reset', async () => {
    const { server, port } = await listen(1);
    expect(server.maxClients).toBe(1);
    const { conn } = await connectClient(server, port);
    const extra = spawnPeer('tcp_client.py', ['127.0.0.1', String(port)]);
    // The kernel completes the handshake, then our reset arrives: in recv(), or already in connect().
    await extra.line('RESET');
    const refuse = await log.waitForStep(server.id, 'refuse');
    expect(refuse.detail).toEqual({ remote: expect.stringMatching(/^127\.0\.0\.1:\d+$/), limit: 1 });
    const local = extra.all('LOCAL')[0];
    if (local) expect(refuse.detail?.remote).toBe(`127.0.0.1:${local[2]}`);
    expect(log.opened((s) => s.kind === 'tcp-conn').map((s) => s.id)).toEqual([conn.id]);
    expect(engine.info(server.id).clientCount).toBe(1);
  });

  it('disconnects every client and keeps listening', async () => {
    const { server, port } = await listen();
    const clients = await Promise.all([0, 1].map(() => connectClient(server, port)));
    expect(await engine.disconnectAll(server.id)).toEqual({ clients: 2 });
    for (const { client, conn } of clients) {
      await client.line('CLOSED');
      expect(engine.info(conn.id)).toMatchObject({ state: 'closed', closeReason: 'local-close' });
    }
    expect(engine.info(server.id)).toMatchObject({ state: 'listening', clientCount: 0 });
    const again = await connectClient(server, port);
    expect(again.conn.parentId).toBe(server.id);
  });

  it('removes a closed server together with its closed connections', async () => {
    const { server, port } = await listen();
    const { conn } = await connectClient(server, port);
    expect(() => engine.remove(server.id)).toThrow(expect.objectContaining({ code: 'STILL_OPEN' }));
    await engine.close(server.id);
    expect(engine.remove(server.id)).toEqual([server.id, conn.id]);
    expect(engine.list()).toEqual([]);
    await log.waitFor(
      () => (log.events.filter((e) => e.type === 'session-removed').length === 2 ? true : undefined),
      'two session-removed events',
    );
    expect(() => engine.info(conn.id)).toThrow(expect.objectContaining({ code: 'NO_SESSION' }));
  });
});
