import { createHash } from 'node:crypto';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { PayloadOptions } from '../../src-shared/codec/payload';
import { createEngine } from '../../src-main/app/compose';
import type { Engine } from '../../src-main/engine/engine';
import { createService } from '../../src-main/service/service';
import type { EventLog } from '../helpers/events';
import { shutdownEngines, track } from '../helpers/events';
import { killAllPeers, spawnPeer, utf8 } from '../helpers/peer';

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

const TEXT: PayloadOptions = {
  mode: 'text',
  encoding: 'utf-8',
  lineEnding: 'none',
  escapes: false,
  variables: true,
  checksum: 'none',
};

async function udpCounter(args: string[]) {
  const peer = spawnPeer('udp_count.py', args);
  const [, port] = await peer.line('READY');
  return { peer, port: Number(port) };
}

describe('periodic send (in main)', () => {
  it('1 ms × 200 datagrams arrive complete at a Python peer, {{COUNTER}} expanded at each send', async () => {
    const { peer, port } = await udpCounter(['--count', '200', '--print', '--timeout', '15']);
    const udp = await engine.openUdp({ bind: true, address: '127.0.0.1', port: 0 });
    const started = await engine.startPeriodic({
      sessionId: udp.id,
      template: { input: 'msg {{COUNTER:3}}', settings: TEXT, firstCounter: 1 },
      intervalMs: 1,
      count: 200,
      host: '127.0.0.1',
      port,
    });
    expect(started.state).toBe('running');
    expect(started.target).toBe(200);

    const [, datagrams, bytes] = await peer.line('COUNT', 15_000);
    expect(Number(datagrams)).toBe(200);
    expect(Number(bytes)).toBe(200 * 'msg 001'.length);
    const texts = peer.all('RECV').map((w) => Buffer.from(w[3] ?? '', 'hex').toString());
    expect(texts[0]).toBe('msg 001');
    expect(texts[199]).toBe('msg 200');
    expect(new Set(texts).size).toBe(200);

    const done = await log.waitForSnapshot(udp.id, (s) => s.periodic?.state === 'done', 'periodic done');
    expect(done.periodic?.sent).toBe(200);
    expect(done.periodic?.bytes).toBe(200 * 7);
    // A 1 ms schedule that keeps up: ~1000 msg/s (generous bounds for a loaded CI box).
    expect(done.periodic?.rate).toBeGreaterThan(300);
    expect(done.periodic?.rate).toBeLessThan(1300);
    expect(engine.info(udp.id).counters.messagesOut).toBe(200);
  });

  it('keeps to the schedule without drift: 50 × 10 ms take ~490 ms, not 50 × (10 ms + lateness)', async () => {
    const { peer, port } = await udpCounter(['--count', '50', '--timeout', '15']);
    const udp = await engine.openUdp({ bind: true, address: '127.0.0.1', port: 0 });
    const t0 = performance.now();
    await engine.startPeriodic({
      sessionId: udp.id,
      payload: utf8('tick'),
      intervalMs: 10,
      count: 50,
      host: '127.0.0.1',
      port,
    });
    const done = await log.waitForSnapshot(udp.id, (s) => s.periodic?.state === 'done', 'done', 5000);
    const took = performance.now() - t0;
    expect(took).toBeGreaterThanOrEqual(480);
    expect(took).toBeLessThan(700);
    expect(done.periodic?.rate).toBeGreaterThan(95);
    expect(done.periodic?.rate).toBeLessThan(105);
    const [, n] = await peer.line('COUNT');
    expect(Number(n)).toBe(50);
  });

  it('until stopped over TCP: stop reports exactly what the peer received, and progress is batched', async () => {
    const peer = spawnPeer('tcp_sink.py', ['--timeout', '15']);
    const [, port] = await peer.line('READY');
    const client = engine.connectTcp({ host: '127.0.0.1', port: Number(port) });
    await log.waitForState(client.id, 'connected');
    await engine.startPeriodic({
      sessionId: client.id,
      payload: utf8('0123456789'),
      intervalMs: 2,
      count: 0,
    });
    await new Promise((r) => setTimeout(r, 300));
    const stopped = await engine.stopPeriodic(client.id);
    expect(stopped.state).toBe('stopped');
    expect(stopped.target).toBe(0);
    expect(stopped.sent).toBeGreaterThan(50);
    await engine.close(client.id);
    const [, bytes] = await peer.line('BYTES');
    expect(Number(bytes)).toBe(stopped.sent * 10);
    expect(stopped.bytes).toBe(stopped.sent * 10);
    // Progress a few times a second, not one event per message.
    const updates = log.snapshots(client.id).filter((s) => s.periodic?.state === 'running').length;
    expect(updates).toBeLessThan(10);
  });

  it('stops when the session closes, and a second job on a running session is refused', async () => {
    const { port } = await udpCounter(['--timeout', '15']);
    const udp = await engine.openUdp({ bind: true, address: '127.0.0.1', port: 0 });
    const args = { sessionId: udp.id, payload: utf8('x'), intervalMs: 5, count: 0, host: '127.0.0.1', port };
    await engine.startPeriodic(args);
    await expect(engine.startPeriodic(args)).rejects.toMatchObject({ code: 'PERIODIC_ACTIVE' });
    await new Promise((r) => setTimeout(r, 50));
    await engine.close(udp.id);
    const info = engine.info(udp.id);
    expect(info.periodic?.state).toBe('stopped');
    expect(info.periodic?.sent).toBe(info.counters.messagesOut);
  });

  it('the service validates: interval ≥ 1, a destination for UDP, one of payload/template, a sendable template', async () => {
    const service = createService(engine, { shell: 'web', version: 'test' });
    const udp = await engine.openUdp({ bind: true, address: '127.0.0.1', port: 0 });
    const base = { sessionId: udp.id, payload: utf8('x'), count: 1 };
    const zero = await service.call('send.startPeriodic', { ...base, intervalMs: 0 });
    expect(zero).toMatchObject({ ok: false, error: { code: 'BAD_ARGS' } });
    const noDest = await service.call('send.startPeriodic', { ...base, intervalMs: 1 });
    expect(noDest).toMatchObject({ ok: false, error: { code: 'NO_DESTINATION' } });
    const both = await service.call('send.startPeriodic', {
      ...base,
      intervalMs: 1,
      template: { input: 'a', settings: TEXT, firstCounter: 1 },
    });
    expect(both).toMatchObject({ ok: false, error: { code: 'BAD_ARGS' } });
    const badTemplate = await service.call('send.startPeriodic', {
      sessionId: udp.id,
      template: { input: '😀', settings: { ...TEXT, encoding: 'gbk' }, firstCounter: 1 },
      intervalMs: 1,
      count: 1,
      host: '127.0.0.1',
      port: 9,
    });
    expect(badTemplate).toMatchObject({ ok: false, error: { code: 'BAD_TEMPLATE' } });
    const badEncoding = await service.call('send.startPeriodic', {
      sessionId: udp.id,
      template: { input: 'a', settings: { ...TEXT, encoding: 'klingon' }, firstCounter: 1 },
      intervalMs: 1,
      count: 1,
      host: '127.0.0.1',
      port: 9,
    });
    expect(badEncoding).toMatchObject({ ok: false, error: { code: 'BAD_ARGS' } });
  });
});

describe('file chunks over UDP', () => {
  it('cuts a chunk into datagrams of the chosen size, in order, byte-exact', async () => {
    const { peer, port } = await udpCounter(['--timeout', '15']);
    const udp = await engine.openUdp({ bind: true, address: '127.0.0.1', port: 0 });
    const file = new Uint8Array(100_000).map((_, i) => (i * 31 + 7) & 0xff);
    const result = await engine.udpSendChunked({
      sessionId: udp.id,
      host: '127.0.0.1',
      port,
      payload: file,
      datagramSize: 1024,
    });
    expect(result).toEqual({ datagrams: 98, bytes: 100_000 });
    const [, datagrams, bytes] = await peer.line('COUNT');
    expect([Number(datagrams), Number(bytes)]).toEqual([98, 100_000]);
    const [, sha] = await peer.line('SHA256');
    expect(sha).toBe(createHash('sha256').update(file).digest('hex'));
  });
});
