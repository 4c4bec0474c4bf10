import { mkdtempSync, rmSync } from 'node:fs';
import net from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import iconv from 'iconv-lite';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { createEngine } from '../../src-main/app/compose';
import type { Engine } from '../../src-main/engine/engine';
import { SelfSignedStore } from '../../src-main/storage/self-signed';
import type { SessionInfo } from '../../src-shared/contract';
import type { EventLog } from '../helpers/events';
import { shutdownEngines, track } from '../helpers/events';

/**
 * A TLS stream's life after the handshake is a TCP stream's: the peer's
 * close is its FIN, a reconnect makes a new handshake, and a server drops a
 * client whose handshake never comes. Our own TLS server is the peer here.
 */

let engine: Engine;
let log: EventLog;
let dataDir: string;
let certFile: string;

beforeEach(async () => {
  dataDir = mkdtempSync(join(tmpdir(), 'wb-tls-life-'));
  const store = new SelfSignedStore(dataDir);
  certFile = (await store.credentials()).certFile ?? '';
  engine = createEngine({ selfSigned: store });
  log = track(engine);
});

afterEach(() => {
  shutdownEngines();
  rmSync(dataDir, { recursive: true, force: true });
});

async function tlsServer(handshakeTimeoutMs?: number): Promise<{ server: SessionInfo; port: number }> {
  const server = await engine.listenTcp({
    address: '127.0.0.1',
    port: 0,
    tls: handshakeTimeoutMs ? { handshakeTimeoutMs } : {},
  });
  return { server, port: server.local?.port ?? 0 };
}

describe('TLS stream lifecycle', () => {
  it("the server closing after the handshake is the peer's FIN, as for TCP: the client closes too", async () => {
    const { server, port } = await tlsServer();
    const client = engine.connectTcp({ host: 'localhost', port, tls: { caFile: certFile } });
    const conn = await log.waitForOpened((s) => s.parentId === server.id, 'accepted client');
    await log.waitForState(conn.id, 'connected');
    await log.waitForState(client.id, 'connected');
    await engine.tcpSend(conn.id, iconv.encode('再见', 'gbk'));
    await log.waitForBytes(client.id, 'in', 4);
    await engine.close(conn.id);
    const end = await log.waitForState(client.id, 'closed');
    expect(end.closeReason).toBe('peer-close');
    expect(log.steps(client.id).slice(-2)).toEqual(['peer-half-close', 'close']);
  });

  it('reconnects with a new handshake in the same session', async () => {
    const { server, port } = await tlsServer();
    const client = engine.connectTcp({ host: '127.0.0.1', port, reconnectMs: 50, tls: { caFile: certFile } });
    const first = await log.waitForOpened((s) => s.parentId === server.id, 'first client');
    await log.waitForState(client.id, 'connected');
    await engine.close(first.id);
    await log.waitForStep(client.id, 'reconnect');
    await log.waitForSnapshot(
      client.id,
      (s) =>
        s.state === 'connected' &&
        log.steps(client.id).filter((step) => step === 'tls-handshake').length === 2,
      'a second handshake',
    );
    expect(engine.info(client.id).tls).toMatchObject({
      established: true,
      authorized: true,
      version: 'TLSv1.3',
    });
    await engine.close(client.id);
  });

  it('drops a client that never starts its handshake: TLS_HANDSHAKE_TIMEOUT on that connection', async () => {
    const { server, port } = await tlsServer(300);
    const silent = net.connect(port, '127.0.0.1');
    silent.on('error', () => silent.destroy());
    try {
      const conn = await log.waitForOpened((s) => s.parentId === server.id, 'accepted client');
      const end = await log.waitForState(conn.id, 'failed');
      expect(end.error).toMatchObject({ code: 'TLS_HANDSHAKE_TIMEOUT', params: { ms: 300 } });
      // The server itself listens on.
      expect(engine.info(server.id).state).toBe('listening');
    } finally {
      silent.destroy();
    }
  });

  it('runs the stream features on the decrypted bytes: a periodic send answered by the server’s echo', async () => {
    const { server, port } = await tlsServer();
    engine.setAutoReply({ sessionId: server.id, config: { echo: true, encoding: 'gbk', rules: [] } });
    const client = engine.connectTcp({ host: 'localhost', port, tls: { caFile: certFile } });
    await log.waitForState(client.id, 'connected');
    const message = iconv.encode('温度', 'gbk');
    await engine.startPeriodic({ sessionId: client.id, payload: message, intervalMs: 5, count: 3 });
    const echoed = await log.waitForBytes(client.id, 'in', message.byteLength * 3);
    expect(echoed).toEqual(Buffer.concat([message, message, message]));
    const conn = log.opened((s) => s.parentId === server.id)[0];
    expect(log.records(conn?.id ?? '', 'out').every((r) => r.auto?.kind === 'echo')).toBe(true);
  });
});
