import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { createEngine } from '../../src-main/app/compose';
import type { Engine } from '../../src-main/engine/engine';
import type { EventLog } from '../helpers/events';
import { shutdownEngines, track } from '../helpers/events';
import { closedTcpPort, hex, killAllPeers, startListeningPeer, utf8 } from '../helpers/peer';

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

describe('TCP client', () => {
  it('connects to a Python server, sends, receives the reply, and closes', async () => {
    const reply = utf8('收到 OK');
    const { peer: server, port } = await startListeningPeer('tcp_server.py', ['--reply', hex(reply)]);

    const session = engine.connectTcp({ host: '127.0.0.1', port });
    expect(session.kind).toBe('tcp-client');
    expect(session.state).toBe('connecting');
    expect(session.remote).toEqual({ address: '127.0.0.1', port, family: 'IPv4' });

    const connected = await log.waitForState(session.id, 'connected');
    const [, clientIp, clientPort] = await server.line('ACCEPT');
    expect(connected.local).toEqual({ address: clientIp, port: Number(clientPort), family: 'IPv4' });
    expect(connected.remote).toEqual({ address: '127.0.0.1', port, family: 'IPv4' });

    const message = utf8('ping');
    const sent = await engine.tcpSend(session.id, message);
    expect(sent).toEqual({ bytes: 4, to: { address: '127.0.0.1', port, family: 'IPv4' } });
    const [, ip, p, data] = await server.line('RECV');
    expect([ip, Number(p), data]).toEqual(['127.0.0.1', Number(clientPort), hex(message)]);

    const received = await log.waitForBytes(session.id, 'in', reply.byteLength);
    expect(hex(received)).toBe(hex(reply));
    for (const r of log.records(session.id, 'in')) {
      expect(r.peer).toEqual({ address: '127.0.0.1', port, family: 'IPv4' });
    }

    const closed = await engine.close(session.id);
    expect(closed.state).toBe('closed');
    expect(closed.closeReason).toBe('local-close');
    await server.line('CLOSED'); // the server's recv() returned b''

    await log.waitForState(session.id, 'closed');
    expect(log.states(session.id)).toEqual(['connecting', 'connected', 'closed']);
    expect(log.steps(session.id)).toEqual(['create', 'connect', 'connected', 'close']);
    const chunks = log.records(session.id, 'in').length;
    const expected = { bytesIn: reply.byteLength, bytesOut: 4, messagesIn: chunks, messagesOut: 1 };
    expect(engine.info(session.id).counters).toEqual(expected);
    expect(log.lastCounters(session.id)).toEqual(expected);
  });

  it('fails with ECONNREFUSED when nothing listens on the port', async () => {
    const port = await closedTcpPort();
    const session = engine.connectTcp({ host: '127.0.0.1', port });

    const failed = await log.waitForState(session.id, 'failed');
    expect(failed.error?.code).toBe('ECONNREFUSED');
    expect(failed.error?.params).toMatchObject({ address: '127.0.0.1', port });
    expect(failed.error?.message).toBe(`Connection refused: nothing is listening on 127.0.0.1:${port}.`);
    expect(failed.closeReason).toBe('error');
    const error = log.timeline(session.id).find((e) => e.step === 'error');
    expect(error?.error?.code).toBe('ECONNREFUSED');
    expect(log.states(session.id)).toEqual(['connecting', 'failed']);
    expect(() => engine.halfClose(session.id)).toThrow(expect.objectContaining({ code: 'SESSION_CLOSED' }));
  });

  it('refuses to send before the connection is up', async () => {
    const { port } = await startListeningPeer('tcp_server.py');
    const session = engine.connectTcp({ host: '127.0.0.1', port });
    await expect(engine.tcpSend(session.id, utf8('early'))).rejects.toMatchObject({ code: 'NOT_CONNECTED' });
    await log.waitForState(session.id, 'connected');
  });
});

describe('TCP close semantics (our client, Python server)', () => {
  it("peer's orderly close (FIN): reply first, then peer-half-close, closeReason peer-close", async () => {
    const reply = utf8('bye');
    const { peer: server, port } = await startListeningPeer('tcp_server.py', [
      '--reply',
      hex(reply),
      '--then',
      'close',
    ]);
    const session = engine.connectTcp({ host: '127.0.0.1', port });
    await log.waitForState(session.id, 'connected');
    await engine.tcpSend(session.id, utf8('hi'));
    await server.line('CLOSE');

    const closed = await log.waitForState(session.id, 'closed');
    expect(closed.closeReason).toBe('peer-close');
    expect(closed.error).toBeUndefined();
    expect(hex(log.bytes(session.id, 'in'))).toBe(hex(reply));
    const steps = log.steps(session.id);
    expect(steps.slice(-2)).toEqual(['peer-half-close', 'close']);
    expect(log.timeline(session.id).at(-1)?.detail).toEqual({ reason: 'peer-close' });

    // Data that arrived before the FIN is delivered before the peer-half-close step.
    const order = log.events
      .filter((e) => ('sessionId' in e ? e.sessionId === session.id : false))
      .map((e) => (e.type === 'timeline' ? e.step : e.type));
    expect(order.lastIndexOf('data')).toBeLessThan(order.indexOf('peer-half-close'));
  });

  it("peer's reset (SO_LINGER 0 + close → RST): closeReason peer-reset with ECONNRESET", async () => {
    const { peer: server, port } = await startListeningPeer('tcp_server.py', ['--then', 'rst']);
    const session = engine.connectTcp({ host: '127.0.0.1', port });
    await log.waitForState(session.id, 'connected');
    await engine.tcpSend(session.id, utf8('hi'));
    await server.line('RST');

    const closed = await log.waitForState(session.id, 'closed');
    expect(closed.closeReason).toBe('peer-reset');
    expect(closed.error?.code).toBe('ECONNRESET');
    const reset = log.timeline(session.id).find((e) => e.step === 'peer-reset');
    expect(reset?.error?.code).toBe('ECONNRESET');
    expect(log.steps(session.id)).not.toContain('peer-half-close');
  });

  it('our half-close: the server sees recv() == b"" while we can still receive its answer', async () => {
    const last = utf8('after your FIN');
    const { peer: server, port } = await startListeningPeer('tcp_server.py', ['--on-close', hex(last)]);
    const session = engine.connectTcp({ host: '127.0.0.1', port });
    await log.waitForState(session.id, 'connected');
    await engine.tcpSend(session.id, utf8('request'));
    await server.line('RECV');

    const half = engine.halfClose(session.id);
    expect(half.state).toBe('local-half-closed');
    await expect(engine.tcpSend(session.id, utf8('more'))).rejects.toMatchObject({ code: 'HALF_CLOSED' });

    await server.line('CLOSED');
    const received = await log.waitForBytes(session.id, 'in', last.byteLength);
    expect(hex(received)).toBe(hex(last));

    const closed = await log.waitForState(session.id, 'closed');
    expect(closed.closeReason).toBe('local-close');
    expect(log.states(session.id)).toEqual(['connecting', 'connected', 'local-half-closed', 'closed']);
    const steps = log.steps(session.id);
    expect(steps.indexOf('half-close')).toBeLessThan(steps.indexOf('peer-half-close'));
    expect(engine.info(session.id).counters).toMatchObject({ bytesIn: last.byteLength, bytesOut: 7 });
  });

  it('our reset: the server sees ConnectionResetError', async () => {
    const { peer: server, port } = await startListeningPeer('tcp_server.py');
    const session = engine.connectTcp({ host: '127.0.0.1', port });
    await log.waitForState(session.id, 'connected');
    await server.line('ACCEPT');

    engine.reset(session.id);
    await server.line('RESET');
    const closed = await log.waitForState(session.id, 'closed');
    expect(closed.closeReason).toBe('local-reset');
    expect(log.steps(session.id).slice(-2)).toEqual(['reset', 'close']);
  });

  it('with closeOnPeerEnd off, stays peer-half-closed after the FIN until we close', async () => {
    const { peer: server, port } = await startListeningPeer('tcp_server.py', ['--then', 'close']);
    const session = engine.connectTcp({ host: '127.0.0.1', port, closeOnPeerEnd: false });
    await log.waitForState(session.id, 'connected');
    await engine.tcpSend(session.id, utf8('hi'));
    await server.line('CLOSE');

    const half = await log.waitForState(session.id, 'peer-half-closed');
    expect(half.stream).toEqual({ closeOnPeerEnd: false });
    expect(engine.info(session.id).state).toBe('peer-half-closed');

    const closed = await engine.close(session.id);
    expect(closed.state).toBe('closed');
    await log.waitForState(session.id, 'closed');
    expect(log.states(session.id)).toEqual(['connecting', 'connected', 'peer-half-closed', 'closed']);
  });
});
