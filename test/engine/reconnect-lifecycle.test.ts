import net from 'node:net';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { createEngine } from '../../src-main/app/compose';
import type { Engine } from '../../src-main/engine/engine';
import type { EventLog } from '../helpers/events';
import { shutdownEngines, track } from '../helpers/events';
import { closedTcpPort } from '../helpers/peer';

let engine: Engine;
let log: EventLog;
const servers: net.Server[] = [];

beforeEach(() => {
  engine = createEngine();
  log = track(engine);
});

afterEach(async () => {
  shutdownEngines();
  await Promise.all(servers.splice(0).map((s) => new Promise<void>((done) => s.close(() => done()))));
});

const sleep = (ms: number): Promise<void> => new Promise((done) => setTimeout(done, ms));

/** A listener on `port`; `accepted` counts every connection it sees (each is closed at once). */
async function listener(port: number): Promise<{ accepted: () => number }> {
  let count = 0;
  const server = net.createServer((socket) => {
    count += 1;
    socket.destroy();
  });
  servers.push(server);
  await new Promise<void>((done) => server.listen(port, '127.0.0.1', done));
  return { accepted: () => count };
}

/** A client to a closed port with a short reconnect delay, caught waiting to reconnect. */
async function reconnectingClient(port: number, reconnectMs = 300) {
  const client = engine.connectTcp({ host: '127.0.0.1', port, timeoutMs: 2000, reconnectMs });
  const waiting = await log.waitForState(client.id, 'reconnecting');
  return { id: client.id, waiting };
}

describe('a TCP client waiting to reconnect', () => {
  it('says so: state reconnecting, with the next attempt and its delay', async () => {
    const port = await closedTcpPort();
    const { id, waiting } = await reconnectingClient(port, 400);
    expect(waiting.reconnect).toMatchObject({ attempt: 1, delayMs: 400 });
    const second = await log.waitFor(
      () => log.snapshots(id).find((s) => s.state === 'reconnecting' && s.reconnect?.attempt === 2),
      'a second reconnect wait',
    );
    expect(second.reconnect?.delayMs).toBe(400);
    expect(second.error?.code).toBe('ECONNREFUSED');
  });

  it('is stopped by Close: no timer left, it stays closed, and a later listener sees nothing', async () => {
    const port = await closedTcpPort();
    const { id } = await reconnectingClient(port);
    const closed = await engine.close(id);
    expect(closed.state).toBe('closed');
    expect(closed.reconnect).toBeUndefined();
    const seen = await listener(port);
    await sleep(1200);
    expect(seen.accepted()).toBe(0);
    expect(engine.info(id).state).toBe('closed');
  });

  it('is removed for good by Remove: the timer is cancelled and no socket of it ever connects', async () => {
    const port = await closedTcpPort();
    const { id } = await reconnectingClient(port, 200);
    expect(engine.remove(id)).toEqual([id]);
    const seen = await listener(port);
    await sleep(2000);
    engine.flush();
    expect(seen.accepted()).toBe(0);
    expect(engine.list().map((s) => s.id)).not.toContain(id);
    // Nothing about it is reported after it was removed (a zombie row in the UI).
    const removedAt = log.events.findIndex((e) => e.type === 'session-removed' && e.sessionId === id);
    expect(removedAt).toBeGreaterThanOrEqual(0);
    const after = log.events
      .slice(removedAt + 1)
      .filter((e) => ('sessionId' in e && e.sessionId === id) || ('session' in e && e.session.id === id));
    expect(after).toEqual([]);
    expect(() => engine.remove(id)).toThrow(/no longer exists/);
  });

  it('removed right after a failed attempt, never connects afterwards (the zombie of QA)', async () => {
    const port = await closedTcpPort();
    const client = engine.connectTcp({ host: '127.0.0.1', port, timeoutMs: 2000, reconnectMs: 200 });
    await log.waitForState(client.id, 'failed');
    engine.remove(client.id);
    const seen = await listener(port);
    await sleep(2000);
    expect(seen.accepted()).toBe(0);
    expect(engine.list()).toEqual([]);
  });

  it('is removed even while its next connect() is in flight', async () => {
    const port = await closedTcpPort();
    // A blackhole-free way to hold a connect in flight: remove right after the timer dialled.
    const { id } = await reconnectingClient(port, 150);
    await log.waitFor(
      () => log.snapshots(id).find((s) => s.state === 'connecting' && log.steps(id).includes('reconnect')),
      'the reconnect dialling',
    );
    const state = engine.info(id).state;
    expect(['connecting', 'failed', 'reconnecting', 'closed']).toContain(state);
    expect(engine.remove(id)).toEqual([id]);
    const seen = await listener(port);
    await sleep(1500);
    expect(seen.accepted()).toBe(0);
  });

  it('Connect again dials now instead of waiting, and says it was by hand', async () => {
    const port = await closedTcpPort();
    const { id } = await reconnectingClient(port, 60_000);
    const seen = await listener(port);
    const again = engine.reconnectTcp(id);
    expect(again.state).toBe('connecting');
    await log.waitForState(id, 'connected');
    expect(seen.accepted()).toBe(1);
    const manual = log.events.filter(
      (e) => e.type === 'timeline' && e.sessionId === id && e.step === 'reconnect',
    );
    expect(manual.at(-1)).toMatchObject({ detail: { attempt: 1, manual: 1 } });
    await engine.close(id);
  });

  it('engine shutdown cancels the pending reconnect', async () => {
    const port = await closedTcpPort();
    await reconnectingClient(port, 200);
    engine.shutdown();
    const seen = await listener(port);
    await sleep(1200);
    expect(seen.accepted()).toBe(0);
  });
});
