import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { createEngine } from '../../src-main/app/compose';
import type { Engine } from '../../src-main/engine/engine';
import type { EventLog } from '../helpers/events';
import { shutdownEngines, track } from '../helpers/events';
import { hex, killAllPeers, spawnPeer, startListeningPeer, utf8 } from '../helpers/peer';
import { flood } from '../../e2e/support/flood';

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

describe('UDP endpoint', () => {
  it('bound to port 0, receives a Python sendto datagram with the sender (ip, port) and exact bytes', async () => {
    const session = await engine.openUdp({ bind: true, address: '127.0.0.1', port: 0 });
    expect(session.state).toBe('bound');
    expect(session.local?.address).toBe('127.0.0.1');
    const port = session.local?.port ?? 0;
    expect(port).toBeGreaterThan(0);

    const message = utf8('你好, UDP!');
    const sender = spawnPeer('udp_send.py', ['127.0.0.1', String(port), hex(message), '--replies', '0']);
    const [, , senderPort] = await sender.line('LOCAL');

    const [record] = await log.waitForRecords(session.id, 'in', 1);
    expect(record?.peer).toEqual({ address: '127.0.0.1', port: Number(senderPort), family: 'IPv4' });
    expect(hex(record?.bytes ?? new Uint8Array())).toBe(hex(message));

    const expected = { bytesIn: message.byteLength, bytesOut: 0, messagesIn: 1, messagesOut: 0 };
    expect(engine.info(session.id).counters).toEqual(expected);
    expect(log.lastCounters(session.id)).toEqual(expected);

    const bind = log.timeline(session.id).find((e) => e.step === 'bind');
    expect(bind?.detail).toEqual({ address: '127.0.0.1', port, implicit: 0 });
    expect(log.steps(session.id).slice(0, 2)).toEqual(['create', 'bind']);
  });

  it('left unbound, is bound by the OS on the first sendto; the receiver sees that ephemeral port', async () => {
    const session = await engine.openUdp({ bind: false });
    expect(session.state).toBe('idle');
    expect(session.local).toBeUndefined();

    const { peer: receiver, port } = await startListeningPeer('udp_recv.py');
    const message = utf8('hello');
    const result = await engine.udpSend({ sessionId: session.id, host: '127.0.0.1', port, payload: message });
    expect(result).toEqual({ bytes: 5, to: { address: '127.0.0.1', port, family: 'IPv4' } });

    const [, ip, sourcePort, data] = await receiver.line('RECV');
    expect(ip).toBe('127.0.0.1');
    expect(data).toBe(hex(message));

    const bound = await log.waitForState(session.id, 'bound');
    expect(bound.local).toEqual({ address: '0.0.0.0', port: Number(sourcePort), family: 'IPv4' });
    expect(engine.info(session.id).local?.port).toBe(Number(sourcePort));

    const bind = await log.waitForStep(session.id, 'bind');
    expect(bind.detail).toEqual({ address: '0.0.0.0', port: Number(sourcePort), implicit: 1 });

    const [out] = await log.waitForRecords(session.id, 'out', 1);
    expect(out?.peer).toEqual({ address: '127.0.0.1', port, family: 'IPv4' });
    expect(hex(out?.bytes ?? new Uint8Array())).toBe(hex(message));
    expect(engine.info(session.id).counters).toEqual({
      bytesIn: 0,
      bytesOut: 5,
      messagesIn: 0,
      messagesOut: 1,
    });
  });

  it('keeps datagram boundaries on a reply round trip: 3 datagrams → 3 records each way', async () => {
    const session = await engine.openUdp({ bind: true, address: '127.0.0.1', port: 0 });
    const { peer: echo, port } = await startListeningPeer('udp_recv.py', ['--count', '3', '--echo']);
    const datagrams = [utf8('a'), utf8('bb'), new Uint8Array(300).map((_, i) => i & 0xff)];

    for (const payload of datagrams) {
      await engine.udpSend({ sessionId: session.id, host: '127.0.0.1', port, payload });
    }

    const received = await echo.count('RECV', 3);
    expect(received.map(([, ip, p, data]) => [ip, Number(p), data])).toEqual(
      datagrams.map((d) => ['127.0.0.1', session.local?.port, hex(d)]),
    );

    const replies = await log.waitForRecords(session.id, 'in', 3);
    expect(replies.map((r) => hex(r.bytes))).toEqual(datagrams.map((d) => hex(d)));
    for (const r of replies) expect(r.peer).toEqual({ address: '127.0.0.1', port, family: 'IPv4' });

    const total = 1 + 2 + 300;
    const expected = { bytesIn: total, bytesOut: total, messagesIn: 3, messagesOut: 3 };
    await log.waitFor(
      () => (log.lastCounters(session.id)?.messagesIn === 3 ? true : undefined),
      'final counters',
    );
    expect(log.lastCounters(session.id)).toEqual(expected);
    expect(engine.info(session.id).counters).toEqual(expected);
  });

  it('counts an empty datagram as a message of 0 bytes (UDP has no "peer closed")', async () => {
    const session = await engine.openUdp({ bind: true, address: '127.0.0.1', port: 0 });
    const { peer: echo, port } = await startListeningPeer('udp_recv.py', ['--echo']);

    await engine.udpSend({ sessionId: session.id, host: '127.0.0.1', port, payload: new Uint8Array(0) });
    const [, , , data] = await echo.line('RECV');
    expect(data).toBe('');

    const [reply] = await log.waitForRecords(session.id, 'in', 1);
    expect(reply?.bytes.byteLength).toBe(0);
    expect(engine.info(session.id).counters).toEqual({
      bytesIn: 0,
      bytesOut: 0,
      messagesIn: 1,
      messagesOut: 1,
    });
    expect(engine.info(session.id).state).toBe('bound');
  });

  it('shows a burst of 3,000 datagrams whole: every one reaches the view, none is thinned out', async () => {
    const session = await engine.openUdp({ bind: true, address: '127.0.0.1', port: 0 });
    const port = String(session.local?.port);
    // 30,000 datagrams/s for 0.1 s: ~500 per 16 ms delivery, paced so that no kernel buffer overflows.
    const burst = ['--count', '3000', '--chunk', '100', '--rate', '3000000', '--seconds', '10'];
    const sent = await flood(['udp', '127.0.0.1', port, ...burst]);
    expect(sent.messages).toBe(3000);
    const records = await log.waitForRecords(session.id, 'in', 3000);
    expect(records).toHaveLength(3000);
    expect(records.every((r) => r.peer.port === sent.localPort && r.bytes.byteLength === 100)).toBe(true);
    const dropped = log.dataEvents(session.id).reduce((n, e) => n + e.droppedRecords, 0);
    expect(dropped).toBe(0);
    expect(engine.info(session.id).counters).toEqual({
      bytesIn: 300_000,
      bytesOut: 0,
      messagesIn: 3000,
      messagesOut: 0,
    });
  });

  it('keeps its lifecycle for a window that opens later: the newest 500 steps, in order', async () => {
    const session = await engine.openUdp({ bind: true, address: '127.0.0.1', port: 0 });
    expect(engine.timeline(session.id).map((e) => e.step)).toEqual(['create', 'bind']);
    for (let ttl = 1; ttl <= 700; ttl += 1)
      engine.udpConfigure({ sessionId: session.id, ttl: (ttl % 255) + 1 });
    const steps = engine.timeline(session.id);
    expect(steps.length).toBeGreaterThanOrEqual(500);
    expect(steps.length).toBeLessThanOrEqual(550);
    expect(steps.at(-1)?.detail).toEqual({ name: 'ttl', value: String((700 % 255) + 1) });
    expect(steps.every((e, i) => i === 0 || e.t >= (steps[i - 1]?.t ?? 0))).toBe(true);
  });

  it('works over IPv6 loopback (::1)', async () => {
    const session = await engine.openUdp({ bind: true, address: '::1', port: 0 });
    expect(session.local).toEqual({ address: '::1', port: session.local?.port, family: 'IPv6' });
    const message = utf8('v6');
    const sender = spawnPeer('udp_send.py', [
      '::1',
      String(session.local?.port),
      hex(message),
      '--replies',
      '1',
    ]);
    const [, , senderPort] = await sender.line('LOCAL');

    const [record] = await log.waitForRecords(session.id, 'in', 1);
    expect(record?.peer).toEqual({ address: '::1', port: Number(senderPort), family: 'IPv6' });

    await engine.udpSend({
      sessionId: session.id,
      host: '::1',
      port: Number(senderPort),
      payload: utf8('ok'),
    });
    const [, ip, port, data] = await sender.line('RECV');
    expect([ip, Number(port), data]).toEqual(['::1', session.local?.port, hex('ok')]);
  });

  it('refuses to send from an IPv4 socket to an IPv6 address', async () => {
    const session = await engine.openUdp({ bind: false });
    await expect(
      engine.udpSend({ sessionId: session.id, host: '::1', port: 9, payload: utf8('x') }),
    ).rejects.toMatchObject({ code: 'FAMILY_MISMATCH' });
    expect(engine.info(session.id).state).toBe('idle');
  });

  it('closes: state closed, reason local-close, and sends are refused afterwards', async () => {
    const session = await engine.openUdp({ bind: true, address: '127.0.0.1', port: 0 });
    const closed = await engine.close(session.id);
    expect(closed.state).toBe('closed');
    expect(closed.closeReason).toBe('local-close');
    await log.waitForStep(session.id, 'close');
    await expect(
      engine.udpSend({ sessionId: session.id, host: '127.0.0.1', port: 9, payload: utf8('x') }),
    ).rejects.toMatchObject({ code: 'SESSION_CLOSED' });
  });
});
