import net from 'node:net';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { createEngine } from '../../src-main/app/compose';
import type { Engine } from '../../src-main/engine/engine';
import type { EventLog } from '../helpers/events';
import { shutdownEngines, track } from '../helpers/events';

const CLIENTS = 200;

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

/** Client i's bytes: a size and fill of its own, so a mix-up between connections would show. */
function payloadOf(i: number): Buffer {
  const size = 1 + ((i * 997) % 4096);
  return Buffer.alloc(size, i & 0xff);
}

/** Connect, write, and end (FIN); resolves with the client's local port once the connect succeeded. */
function sendOnce(port: number, payload: Buffer): Promise<number> {
  return new Promise((resolve, reject) => {
    const socket = net.connect({ host: '127.0.0.1', port }, () => {
      socket.end(payload);
      resolve(socket.localPort ?? 0);
    });
    sockets.add(socket);
    socket.on('error', reject);
    socket.resume(); // read (and discard) whatever comes back, so the close completes
  });
}

describe('TCP server under load', () => {
  it(`counts every byte from ${CLIENTS} concurrent clients exactly`, async () => {
    // With the course's listen(128), 200 simultaneous SYNs overflow the queue and the kernel retries a
    // second later: still exact, just slower. A deeper backlog keeps the test fast.
    const server = await engine.listenTcp({ address: '127.0.0.1', port: 0, backlog: 1024 });
    const port = server.local?.port ?? 0;

    const payloads = Array.from({ length: CLIENTS }, (_, i) => payloadOf(i));
    const total = payloads.reduce((sum, p) => sum + p.byteLength, 0);
    const clientPorts = await Promise.all(payloads.map((p) => sendOnce(port, p)));

    const children = (): ReturnType<Engine['list']> => engine.list().filter((s) => s.parentId === server.id);
    const closedChildren = await log.waitFor(
      () => {
        const list = children();
        return list.length === CLIENTS && list.every((s) => s.state === 'closed') ? list : undefined;
      },
      `${CLIENTS} connections closed`,
      8000,
    );

    const sum = closedChildren.reduce((n, s) => n + s.counters.bytesIn, 0);
    expect(sum).toBe(total);
    expect(closedChildren.reduce((n, s) => n + s.counters.bytesOut, 0)).toBe(0);
    expect(engine.info(server.id).clientCount).toBe(0);

    // Each connection carried exactly its own client's bytes, in order, and says so in its counters.
    const byPort = new Map(clientPorts.map((p, i) => [p, payloads[i]]));
    for (const child of closedChildren) {
      const expected = byPort.get(child.remote?.port ?? -1);
      expect(expected).toBeDefined();
      expect(child.counters.bytesIn).toBe(expected?.byteLength);
      expect(log.bytes(child.id, 'in').equals(expected ?? Buffer.alloc(0))).toBe(true);
      expect(log.lastCounters(child.id)?.bytesIn).toBe(expected?.byteLength);
      expect(child.closeReason).toBe('peer-close');
    }
  });
});
