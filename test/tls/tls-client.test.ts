import net from 'node:net';
import iconv from 'iconv-lite';
import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { createEngine } from '../../src-main/app/compose';
import type { Engine } from '../../src-main/engine/engine';
import type { SessionInfo, TcpConnectArgs } from '../../src-shared/contract';
import type { EventLog } from '../helpers/events';
import { shutdownEngines, track } from '../helpers/events';
import { killOpensslPeers, makePki, sServer, type TestPki } from '../helpers/tls-peers';

/**
 * The TLS client against real peers: `openssl s_server` with certificates
 * made for each case, and plain TCP servers that do not speak TLS.
 */

let engine: Engine;
let log: EventLog;
let pki: TestPki;

beforeAll(async () => {
  pki = await makePki();
});
afterAll(() => pki.cleanup());

beforeEach(() => {
  engine = createEngine();
  log = track(engine);
});

afterEach(async () => {
  shutdownEngines();
  await killOpensslPeers();
});

const HELLO = '你好，温度=23.5℃ hello';
const gbk = (text: string): Buffer => iconv.encode(text, 'gbk');

function connect(port: number, tls: TcpConnectArgs['tls'], host = '127.0.0.1'): SessionInfo {
  return engine.connectTcp({ host, port, tls });
}

/** A session that ended in failure: its error and the info it kept (the certificate it refused, say). */
async function failed(session: SessionInfo): Promise<SessionInfo> {
  return log.waitForSnapshot(session.id, (s) => s.state === 'failed' || s.state === 'closed', 'the end');
}

describe('TLS client', () => {
  it('exchanges GBK text with openssl s_server, with the handshake as lifecycle steps and its outcome shown', async () => {
    const { peer, port } = await sServer(['-cert', pki.goodCert, '-key', pki.goodKey, '-alpn', 'mqtt']);
    const session = connect(port, { caFile: pki.caFile, servername: 'localhost', alpn: ['h2', 'mqtt'] });
    expect(session.kind).toBe('tcp-client');
    expect(session.state).toBe('connecting');

    const up = await log.waitForState(session.id, 'connected');
    expect(log.steps(session.id)).toEqual(['create', 'connect', 'connected', 'tls-hello', 'tls-handshake']);
    const hello = log.timeline(session.id).find((e) => e.step === 'tls-hello');
    expect(hello?.detail).toEqual({ sni: 'localhost', alpn: 'h2, mqtt' });
    const tls = up.tls;
    expect(tls).toMatchObject({
      role: 'client',
      established: true,
      version: 'TLSv1.3',
      alpn: 'mqtt',
      servername: 'localhost',
      authorized: true,
    });
    expect(tls?.cipher).toMatch(/^TLS_/);
    expect(tls?.authorizationError).toBeUndefined();
    const [leaf] = tls?.peerCertificates ?? [];
    expect(leaf?.subject).toBe('CN=localhost');
    expect(leaf?.issuer).toBe('CN=Workbench Test CA');
    expect(leaf?.subjectAltNames).toEqual([
      'DNS:localhost',
      'IP Address:127.0.0.1',
      'IP Address:0:0:0:0:0:0:0:1',
    ]);
    expect(leaf?.fingerprint256).toMatch(/^([0-9A-F]{2}:){31}[0-9A-F]{2}$/);
    expect(Date.parse(leaf?.validTo ?? '')).toBeGreaterThan(Date.now());
    const step = log.timeline(session.id).find((e) => e.step === 'tls-handshake');
    expect(step?.detail).toEqual({ version: 'TLSv1.3', cipher: tls?.cipher, alpn: 'mqtt' });

    await engine.tcpSend(session.id, gbk(HELLO));
    await peer.waitForBytes(gbk(HELLO), 'the GBK text from the workbench');
    peer.write(gbk('收到，谢谢\n'));
    const reply = await log.waitForBytes(session.id, 'in', gbk('收到，谢谢\n').byteLength);
    expect(reply).toEqual(gbk('收到，谢谢\n'));
    expect(engine.info(session.id).counters.bytesOut).toBe(gbk(HELLO).byteLength);
    await engine.close(session.id);
  });

  it('negotiates the version it is limited to: TLS 1.2 with a 1.2 maximum', async () => {
    const { port } = await sServer(['-cert', pki.goodCert, '-key', pki.goodKey]);
    const session = connect(port, { caFile: pki.caFile, maxVersion: 'TLSv1.2' });
    const up = await log.waitForState(session.id, 'connected');
    expect(up.tls?.version).toBe('TLSv1.2');
    expect(up.tls?.alpn).toBeUndefined();
    expect(log.timeline(session.id).find((e) => e.step === 'tls-handshake')?.detail?.alpn).toBe('—');
  });

  it('presents its client certificate when the server requires one', async () => {
    const { peer, port } = await sServer([
      '-cert',
      pki.goodCert,
      '-key',
      pki.goodKey,
      '-Verify',
      '1',
      '-CAfile',
      pki.caFile,
    ]);
    const session = connect(port, { caFile: pki.caFile, certFile: pki.clientCert, keyFile: pki.clientKey });
    await log.waitForState(session.id, 'connected');
    await engine.tcpSend(session.id, gbk(HELLO));
    await peer.waitForBytes(gbk(HELLO), 'data after a mutual handshake');
    await peer.waitFor(
      (t) => (t.includes('CN=workbench client') || t.includes('CN = workbench client') ? true : undefined),
      'the client certificate',
    );
  });

  describe('explains a failed handshake', () => {
    it('expired certificate: TLS_CERT_EXPIRED, the certificate still shown', async () => {
      const { port } = await sServer(['-cert', pki.expiredCert, '-key', pki.expiredKey]);
      const end = await failed(connect(port, { caFile: pki.caFile }));
      expect(end.state).toBe('failed');
      expect(end.error?.code).toBe('TLS_CERT_EXPIRED');
      expect(end.error?.message).toContain('CN=localhost');
      expect(end.tls?.authorizationError).toBe('CERT_HAS_EXPIRED');
      expect(Date.parse(end.tls?.peerCertificates?.[0]?.validTo ?? '')).toBeLessThan(Date.now());
    });

    it('self-signed certificate: TLS_SELF_SIGNED', async () => {
      const { port } = await sServer(['-cert', pki.selfCert, '-key', pki.selfKey]);
      const end = await failed(connect(port, {}));
      expect(end.error?.code).toBe('TLS_SELF_SIGNED');
      expect(end.tls?.peerCertificates?.[0]?.selfSigned).toBe(true);
    });

    it('unknown CA: TLS_UNKNOWN_CA names the issuer', async () => {
      const { port } = await sServer(['-cert', pki.goodCert, '-key', pki.goodKey]);
      // Not given the test CA: the system's CAs do not know it.
      const end = await failed(connect(port, {}));
      expect(end.error?.code).toBe('TLS_UNKNOWN_CA');
      expect(end.error?.message).toContain('CN=Workbench Test CA');
    });

    it('hostname mismatch: TLS_HOSTNAME_MISMATCH names both', async () => {
      const { port } = await sServer(['-cert', pki.otherNameCert, '-key', pki.otherNameKey]);
      const end = await failed(connect(port, { caFile: pki.caFile }, 'localhost'));
      expect(end.error?.code).toBe('TLS_HOSTNAME_MISMATCH');
      expect(end.error?.params).toMatchObject({ host: 'localhost', names: 'DNS:other.example' });
    });

    it('no common version: TLS_VERSION', async () => {
      const { port } = await sServer(['-cert', pki.goodCert, '-key', pki.goodKey, '-tls1_2']);
      const end = await failed(connect(port, { caFile: pki.caFile, minVersion: 'TLSv1.3' }));
      expect(end.error?.code).toBe('TLS_VERSION');
      expect(end.error?.params).toMatchObject({ min: 'TLSv1.3', max: 'TLSv1.3' });
    });

    it('a server that requires a certificate, none given: TLS_CERT_REQUIRED', async () => {
      const { port } = await sServer([
        '-cert',
        pki.goodCert,
        '-key',
        pki.goodKey,
        '-Verify',
        '1',
        '-CAfile',
        pki.caFile,
      ]);
      const session = connect(port, { caFile: pki.caFile });
      await log.waitForSnapshot(session.id, (s) => s.error !== undefined, 'an error');
      expect(engine.info(session.id).error?.code).toBe('TLS_CERT_REQUIRED');
    });

    it('a plain TCP server that answers with text: TLS_NOT_TLS', async () => {
      const plain = net.createServer((socket) => {
        socket.on('error', () => socket.destroy());
        socket.once('data', () => socket.write(gbk('收到\r\n')));
      });
      await new Promise<void>((r) => plain.listen(0, '127.0.0.1', r));
      try {
        const end = await failed(connect((plain.address() as net.AddressInfo).port, {}));
        expect(end.state).toBe('failed');
        expect(end.error?.code).toBe('TLS_NOT_TLS');
      } finally {
        plain.close();
      }
    });

    it('a plain TCP server that stays silent: TLS_HANDSHAKE_TIMEOUT after the TCP connect', async () => {
      const sockets: net.Socket[] = [];
      const plain = net.createServer((socket) => void sockets.push(socket));
      await new Promise<void>((r) => plain.listen(0, '127.0.0.1', r));
      try {
        const port = (plain.address() as net.AddressInfo).port;
        const end = await failed(connect(port, { handshakeTimeoutMs: 300 }));
        expect(end.error?.code).toBe('TLS_HANDSHAKE_TIMEOUT');
        expect(end.error?.params).toMatchObject({ ms: 300 });
        expect(log.steps(end.id)).toEqual(['create', 'connect', 'connected', 'tls-hello', 'error', 'close']);
      } finally {
        for (const s of sockets) s.destroy();
        plain.close();
      }
    });

    it('a plain TCP server that closes on the ClientHello: TLS_HANDSHAKE_CLOSED', async () => {
      const plain = net.createServer((socket) => {
        socket.on('error', () => socket.destroy());
        socket.once('data', () => socket.end());
      });
      await new Promise<void>((r) => plain.listen(0, '127.0.0.1', r));
      try {
        const end = await failed(connect((plain.address() as net.AddressInfo).port, {}));
        expect(end.error?.code).toBe('TLS_HANDSHAKE_CLOSED');
        expect(end.state).toBe('failed');
        // The FIN came before any TLS: it ends the handshake, it is no "recv() returned b''" of a stream.
        expect(log.steps(end.id)).toEqual(['create', 'connect', 'connected', 'tls-hello', 'error', 'close']);
      } finally {
        plain.close();
      }
    });
  });

  it('with verification off, completes the handshake and says what the check would have found', async () => {
    const { peer, port } = await sServer(['-cert', pki.selfCert, '-key', pki.selfKey]);
    const session = connect(port, { verify: false });
    const up = await log.waitForState(session.id, 'connected');
    expect(up.tls).toMatchObject({ authorized: false, authorizationError: 'DEPTH_ZERO_SELF_SIGNED_CERT' });
    expect(log.steps(session.id)).toContain('tls-unverified');
    await engine.tcpSend(session.id, gbk(HELLO));
    await peer.waitForBytes(gbk(HELLO), 'data over an unverified connection');
  });

  it('refuses a CA file that does not exist before any session opens', () => {
    expect(() => connect(1, { caFile: '/nonexistent/ca.pem' })).toThrow(
      expect.objectContaining({ code: 'TLS_FILE_UNREADABLE' }),
    );
    expect(engine.list()).toEqual([]);
  });
});
