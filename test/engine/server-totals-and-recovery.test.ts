import dgram from 'node:dgram';
import net from 'node:net';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { createEngine } from '../../src-main/app/compose';
import type { Engine } from '../../src-main/engine/engine';
import type { EventLog } from '../helpers/events';
import { shutdownEngines, track } from '../helpers/events';
import { closedTcpPort, utf8 } from '../helpers/peer';
import { isSelfConnected } from '../../src-renderer/src/features/sessions/self-connect';

let engine: Engine;
let log: EventLog;
const sockets: (net.Socket | dgram.Socket)[] = [];

beforeEach(() => {
  engine = createEngine();
  log = track(engine);
});

afterEach(() => {
  for (const s of sockets.splice(0)) {
    if (s instanceof net.Socket) s.destroy();
    else s.close();
  }
  shutdownEngines();
});

function nodeClient(port: number): Promise<net.Socket> {
  return new Promise((resolve, reject) => {
    const socket = net.connect({ host: '127.0.0.1', port }, () => resolve(socket));
    socket.once('error', reject);
    sockets.push(socket);
  });
}

describe('a TCP server with three clients', () => {
  it('counts its clients’ totals and logs each send-to-all once, with the number of clients', async () => {
    const server = await engine.listenTcp({ address: '127.0.0.1', port: 0 });
    const port = server.local?.port ?? 0;
    const clients = await Promise.all([0, 1, 2].map(() => nodeClient(port)));
    await log.waitForSnapshot(server.id, (s) => s.clientCount === 3, 'three clients');
    const received = clients.map(() => 0);
    clients.forEach((c, i) => c.on('data', (d: Buffer) => (received[i] = (received[i] ?? 0) + d.byteLength)));
    clients[0]?.write('hello');

    const payload = utf8('to everyone');
    expect(await engine.tcpSendAll(server.id, payload)).toEqual({
      clients: 3,
      bytes: 3 * payload.byteLength,
    });
    await log.waitFor(
      () => (received.every((n) => n === payload.byteLength) ? true : undefined),
      'all received',
    );
    await log.waitFor(
      () => (log.lastCounters(server.id)?.bytesIn === 5 ? true : undefined),
      'the server’s counters to include the client’s 5 bytes',
    );

    // The server's counters are the totals of its clients, in and out.
    const conns = log.opened((s) => s.parentId === server.id).map((s) => engine.info(s.id).counters);
    const sum = (k: 'bytesIn' | 'bytesOut' | 'messagesOut'): number => conns.reduce((n, c) => n + c[k], 0);
    expect(engine.info(server.id).counters).toMatchObject({
      bytesIn: 5,
      bytesOut: 3 * payload.byteLength,
      messagesOut: 3,
    });
    expect(sum('bytesOut')).toBe(3 * payload.byteLength);
    expect(sum('bytesIn')).toBe(5);

    // One entry in the server's own log, naming how many clients the bytes went to.
    const own = log.records(server.id);
    expect(own).toHaveLength(1);
    expect(own[0]).toMatchObject({ dir: 'out', broadcast: { clients: 3 }, peer: server.local });
    expect(Buffer.from(own[0]?.bytes ?? []).toString()).toBe('to everyone');
  });

  it('reaches nobody with no client connected, and logs nothing', async () => {
    const server = await engine.listenTcp({ address: '127.0.0.1', port: 0 });
    expect(await engine.tcpSendAll(server.id, utf8('anyone?'))).toEqual({ clients: 0, bytes: 0 });
    engine.flush();
    expect(log.records(server.id)).toHaveLength(0);
  });
});

describe('a UDP send error', () => {
  it('is cleared by a later successful send on the same socket, and stays in the lifecycle', async () => {
    const closed = await closedTcpPort();
    const udp = await engine.openUdp({ bind: true, address: '127.0.0.1', port: 0 });
    await engine.udpSend({
      sessionId: udp.id,
      host: '127.0.0.1',
      port: closed,
      payload: utf8('x'),
      connect: true,
    });
    await log.waitForSnapshot(udp.id, (s) => s.error?.code === 'ECONNREFUSED', 'ECONNREFUSED');

    const receiver = dgram.createSocket('udp4');
    sockets.push(receiver);
    await new Promise<void>((resolve) => receiver.bind(0, '127.0.0.1', resolve));
    const got = new Promise<Buffer>((resolve) => receiver.once('message', resolve));
    const sent = await engine.udpSend({
      sessionId: udp.id,
      host: '127.0.0.1',
      port: receiver.address().port,
      payload: utf8('hello world'),
    });
    expect(sent.bytes).toBe(11);
    expect((await got).toString()).toBe('hello world');
    await log.waitForSnapshot(udp.id, (s) => s.error === undefined && s.state === 'bound', 'error cleared');
    expect(engine.info(udp.id).error).toBeUndefined();
    expect(log.timeline(udp.id).some((e) => e.step === 'error' && e.error?.code === 'ECONNREFUSED')).toBe(
      true,
    );
  });
});

describe('a TCP client', () => {
  it('connects again after a failure in the same session, with the same host and port', async () => {
    const port = await closedTcpPort();
    const client = engine.connectTcp({ host: '127.0.0.1', port, timeoutMs: 2000 });
    await log.waitForState(client.id, 'failed');
    expect(engine.info(client.id).local).toBeUndefined();

    const server = net.createServer((s) => sockets.push(s));
    await new Promise<void>((resolve) => server.listen(port, '127.0.0.1', resolve));
    try {
      const again = engine.reconnectTcp(client.id);
      expect(again).toMatchObject({ id: client.id, state: 'connecting', remote: { port } });
      const connected = await log.waitForState(client.id, 'connected');
      expect(connected.error).toBeUndefined();
      expect(connected.local?.port).toBeGreaterThan(0);
      expect(log.steps(client.id).filter((s) => s === 'connect')).toHaveLength(2);
      // Only a closed client can be dialled again.
      expect(() => engine.reconnectTcp(client.id)).toThrow(/still connected/);
    } finally {
      await engine.close(client.id);
      await new Promise<void>((resolve) => server.close(() => resolve()));
    }
  });

  it('connected to itself (local port = remote port, nothing listening) is recognised', async () => {
    const port = await closedTcpPort();
    const client = engine.connectTcp({ host: '127.0.0.1', port, localPort: port, timeoutMs: 2000 });
    const info = await log.waitForSnapshot(
      client.id,
      (s) => s.state === 'connected' || s.state === 'failed',
      'connected or failed',
    );
    // Linux joins the socket to itself ("simultaneous open"); other systems may refuse instead.
    if (process.platform === 'linux') expect(info.state).toBe('connected');
    if (info.state === 'connected') {
      expect(info.local).toEqual(info.remote);
      expect(isSelfConnected(info)).toBe(true);
    }
    expect(
      isSelfConnected({ ...info, local: { address: '127.0.0.1', port: port + 1, family: 'IPv4' } }),
    ).toBe(false);
  });
});
