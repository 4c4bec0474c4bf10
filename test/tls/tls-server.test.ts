import { execFileSync, spawn } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import net from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import iconv from 'iconv-lite';
import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { createEngine } from '../../src-main/app/compose';
import type { Engine } from '../../src-main/engine/engine';
import { SELF_SIGNED_CERT, SelfSignedStore } from '../../src-main/storage/self-signed';
import type { SessionInfo, TcpListenArgs } from '../../src-shared/contract';
import { TLS_CAPTURE_COMMENT } from '../../src-shared/capture/pcapng';
import type { EventLog } from '../helpers/events';
import { shutdownEngines, track } from '../helpers/events';
import { killOpensslPeers, makePki, OpensslPeer, type TestPki } from '../helpers/tls-peers';

/**
 * The TLS server against real clients: `openssl s_client`, Python's ssl
 * module, and a plain TCP client that does not speak TLS.
 */

let engine: Engine;
let log: EventLog;
let pki: TestPki;
let dataDir: string;

beforeAll(async () => {
  pki = await makePki();
});
afterAll(() => pki.cleanup());

beforeEach(() => {
  dataDir = mkdtempSync(join(tmpdir(), 'wb-tls-data-'));
  engine = createEngine({ selfSigned: new SelfSignedStore(dataDir) });
  log = track(engine);
});

afterEach(async () => {
  shutdownEngines();
  await killOpensslPeers();
  rmSync(dataDir, { recursive: true, force: true });
});

const HELLO = '你好，服务器 温度=23.5℃';
const REPLY = '收到，客户端';
const gbk = (text: string): Buffer => iconv.encode(text, 'gbk');

async function listen(tls: TcpListenArgs['tls'] = {}): Promise<{ server: SessionInfo; port: number }> {
  const server = await engine.listenTcp({ address: '127.0.0.1', port: 0, tls });
  return { server, port: server.local?.port ?? 0 };
}

const accepted = (server: SessionInfo): Promise<SessionInfo> =>
  log.waitForOpened((s) => s.parentId === server.id, 'an accepted client');

/** `openssl x509 -fingerprint -sha256`: the fingerprint as OpenSSL computes it from the file. */
function opensslFingerprint(file: string): string {
  const out = execFileSync('openssl', ['x509', '-noout', '-fingerprint', '-sha256', '-in', file], {
    encoding: 'utf8',
  });
  return out.trim().split('=')[1] ?? '';
}

interface PythonRun {
  done: Promise<{ code: number | null; stdout: string; stderr: string }>;
}

/** A Python ssl client, written as the course would: create_default_context, wrap_socket, send, recv. */
function pythonClient(
  port: number,
  options: { cafile: string; certfile?: string; keyfile?: string },
): PythonRun {
  const program = `
import ssl, sys
from socket import *
context = ssl.create_default_context(cafile=${JSON.stringify(options.cafile)})
${options.certfile ? `context.load_cert_chain(${JSON.stringify(options.certfile)}, ${JSON.stringify(options.keyfile)})` : ''}
tcp_socket = create_connection(('127.0.0.1', ${port}), timeout=10)
tls_socket = context.wrap_socket(tcp_socket, server_hostname='localhost')
print('VERSION', tls_socket.version(), flush=True)
tls_socket.sendall(${JSON.stringify(HELLO)}.encode('gbk'))
data = tls_socket.recv(1024)
print('RECV', data.hex(), flush=True)
tls_socket.close()
`;
  const child = spawn('python3', ['-c', program], { stdio: ['ignore', 'pipe', 'pipe'] });
  let stdout = '';
  let stderr = '';
  child.stdout.on('data', (c: Buffer) => (stdout += c.toString()));
  child.stderr.on('data', (c: Buffer) => (stderr += c.toString()));
  const killer = setTimeout(() => child.kill('SIGKILL'), 20_000);
  return {
    done: new Promise((resolve) =>
      child.once('exit', (code) => {
        clearTimeout(killer);
        resolve({ code, stdout, stderr });
      }),
    ),
  };
}

describe('TLS server', () => {
  it('exchanges GBK text with openssl s_client using its self-signed certificate, kept in the data directory', async () => {
    const { server, port } = await listen({ alpn: ['mqtt'] });
    const certFile = join(dataDir, SELF_SIGNED_CERT);
    expect(server.tls).toMatchObject({ role: 'server', selfSigned: true, certFile });
    expect(server.tls?.localCertificate?.subject).toBe('CN=localhost');
    expect(server.tls?.localCertificate?.subjectAltNames).toEqual([
      'DNS:localhost',
      'IP Address:127.0.0.1',
      'IP Address:0:0:0:0:0:0:0:1',
    ]);
    // The fingerprint a client pins is the one OpenSSL computes from the saved file.
    expect(server.tls?.localCertificate?.fingerprint256).toBe(opensslFingerprint(certFile));

    const client = new OpensslPeer([
      's_client',
      '-connect',
      `127.0.0.1:${port}`,
      '-servername',
      'localhost',
      '-CAfile',
      certFile,
      '-verify_return_error',
      '-alpn',
      'mqtt',
      '-quiet',
    ]);
    const conn = await accepted(server);
    const up = await log.waitForState(conn.id, 'connected');
    expect(log.steps(conn.id)).toEqual(['accept', 'tls-handshake']);
    expect(up.tls).toMatchObject({
      role: 'server',
      established: true,
      version: 'TLSv1.3',
      alpn: 'mqtt',
      servername: 'localhost',
      peerCertificates: [],
    });
    expect(up.tls?.localCertificate?.fingerprint256).toBe(server.tls?.localCertificate?.fingerprint256);

    client.write(gbk(HELLO));
    expect(await log.waitForBytes(conn.id, 'in', gbk(HELLO).byteLength)).toEqual(gbk(HELLO));
    await engine.tcpSend(conn.id, gbk(REPLY));
    await client.waitForBytes(gbk(REPLY), 'the GBK reply');
    // The server's counters total its client's, decrypted bytes.
    expect(engine.info(server.id).counters).toMatchObject({
      bytesIn: gbk(HELLO).byteLength,
      bytesOut: gbk(REPLY).byteLength,
    });
  });

  it('reuses its kept certificate: the same fingerprint after a restart', async () => {
    const first = (await listen()).server.tls?.localCertificate?.fingerprint256;
    shutdownEngines();
    engine = createEngine({ selfSigned: new SelfSignedStore(dataDir) });
    log = track(engine);
    const again = (await listen()).server.tls?.localCertificate?.fingerprint256;
    expect(again).toBe(first);
    expect(readFileSync(join(dataDir, SELF_SIGNED_CERT), 'utf8')).toContain('BEGIN CERTIFICATE');
  });

  it('exchanges GBK text with a Python ssl client that verifies it (create_default_context, wrap_socket)', async () => {
    const { server, port } = await listen({ certFile: pki.goodCert, keyFile: pki.goodKey });
    expect(server.tls).toMatchObject({ selfSigned: false, certFile: pki.goodCert });
    const python = pythonClient(port, { cafile: pki.caFile });
    const conn = await accepted(server);
    expect(await log.waitForBytes(conn.id, 'in', gbk(HELLO).byteLength)).toEqual(gbk(HELLO));
    await engine.tcpSend(conn.id, gbk(REPLY));
    const { code, stdout, stderr } = await python.done;
    expect(code, stderr).toBe(0);
    expect(stdout).toContain('VERSION TLSv1.3');
    expect(stdout).toContain(`RECV ${gbk(REPLY).toString('hex')}`);
  });

  it('asks for a client certificate: shows the one that came and that it checks out', async () => {
    const { server, port } = await listen({
      certFile: pki.goodCert,
      keyFile: pki.goodKey,
      requestClientCert: true,
      caFile: pki.caFile,
    });
    const python = pythonClient(port, {
      cafile: pki.caFile,
      certfile: pki.clientCert,
      keyfile: pki.clientKey,
    });
    const conn = await accepted(server);
    const up = await log.waitForState(conn.id, 'connected');
    expect(up.tls?.peerCertificates?.[0]?.subject).toBe('CN=workbench client');
    expect(up.tls?.authorized).toBe(true);
    await log.waitForBytes(conn.id, 'in', gbk(HELLO).byteLength);
    await engine.tcpSend(conn.id, gbk(REPLY));
    expect((await python.done).code).toBe(0);
  });

  it('asks for a client certificate: a client without one is still served, and the session says none came', async () => {
    const { server, port } = await listen({
      certFile: pki.goodCert,
      keyFile: pki.goodKey,
      requestClientCert: true,
    });
    const python = pythonClient(port, { cafile: pki.caFile });
    const conn = await accepted(server);
    const up = await log.waitForState(conn.id, 'connected');
    expect(up.tls?.peerCertificates).toEqual([]);
    expect(up.tls?.authorized).toBe(false);
    await log.waitForBytes(conn.id, 'in', gbk(HELLO).byteLength);
    await engine.tcpSend(conn.id, gbk(REPLY));
    expect((await python.done).code).toBe(0);
  });

  it('negotiates TLS 1.2 when limited to it, as openssl s_client reports', async () => {
    const { server, port } = await listen({ maxVersion: 'TLSv1.2' });
    const client = new OpensslPeer(['s_client', '-connect', `127.0.0.1:${port}`, '-brief']);
    const conn = await accepted(server);
    const up = await log.waitForState(conn.id, 'connected');
    expect(up.tls?.version).toBe('TLSv1.2');
    await client.waitFor(
      (t) => (/Protocol version: TLSv1\.2/.test(t) ? true : undefined),
      'the protocol line',
    );
  });

  it('a client that does not speak TLS: its connection fails with TLS_NOT_TLS', async () => {
    const { server, port } = await listen();
    const plain = net.connect(port, '127.0.0.1', () => plain.write('hello\r\n'));
    plain.on('error', () => plain.destroy());
    try {
      const conn = await accepted(server);
      const end = await log.waitForState(conn.id, 'failed');
      expect(end.error?.code).toBe('TLS_NOT_TLS');
      expect(log.steps(conn.id)).toEqual(['accept', 'error', 'close']);
    } finally {
      plain.destroy();
    }
  });

  it('captures the decrypted bytes as a TCP stream, and the file says they are decrypted TLS payload', async () => {
    const { server, port } = await listen();
    const capture = engine.startCapture({ sessionId: server.id, format: 'pcapng', directory: dataDir });
    const client = new OpensslPeer(['s_client', '-connect', `127.0.0.1:${port}`, '-quiet']);
    const conn = await accepted(server);
    await log.waitForState(conn.id, 'connected');
    client.write(gbk(HELLO));
    await log.waitForBytes(conn.id, 'in', gbk(HELLO).byteLength);
    await engine.tcpSend(conn.id, gbk(REPLY));
    await client.waitForBytes(gbk(REPLY), 'the reply');
    const final = engine.stopCapture(server.id);
    expect(final.records).toBe(2);
    const file = capture.file;
    const payloads = execFileSync(
      'tshark',
      ['-r', file, '-d', `tcp.port==${port},data`, '-T', 'fields', '-e', 'ip.proto', '-e', 'data.data'],
      { encoding: 'utf8' },
    )
      .trim()
      .split('\n')
      .map((line) => line.split('\t'));
    expect(payloads).toEqual([
      ['6', gbk(HELLO).toString('hex')],
      ['6', gbk(REPLY).toString('hex')],
    ]);
    expect(execFileSync('capinfos', ['-k', file], { encoding: 'utf8' })).toContain(TLS_CAPTURE_COMMENT);
  });
});
