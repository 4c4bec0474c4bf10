import { spawn } from 'node:child_process';
import { createSocket } from 'node:dgram';
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { createServer } from 'node:net';
import { join, resolve } from 'node:path';
import { afterAll, afterEach, beforeEach, describe, expect, it } from 'vitest';
import iconv from 'iconv-lite';
import { nodeProgram, pythonProgram, type CodeLanguage, type CodeSpec } from '../../src-shared/codegen';
import { createEngine } from '../../src-main/app/compose';
import type { Engine } from '../../src-main/engine/engine';
import { SelfSignedStore } from '../../src-main/storage/self-signed';
import type { EventLog } from '../helpers/events';
import { shutdownEngines, track } from '../helpers/events';

/**
 * The generated programs are not pictures of code: each one runs here, as
 * python3 and as node, against the workbench's own engine on loopback, and
 * the bytes on both sides are checked.
 */

let engine: Engine;
let log: EventLog;
// Inside the repository, so a generated Node program's require('iconv-lite') finds our node_modules.
mkdirSync('.tmp', { recursive: true });
const dir = mkdtempSync(join(resolve('.tmp'), 'codegen-'));

beforeEach(() => {
  engine = createEngine();
  log = track(engine);
});
afterEach(() => shutdownEngines());
afterAll(() => rmSync(dir, { recursive: true, force: true }));

interface Run {
  /** stdout so far, decoded as UTF-8. */
  output(): string;
  done: Promise<number | null>;
}

function run(language: CodeLanguage, spec: CodeSpec): Run {
  const file = join(
    dir,
    `${spec.kind}-${Math.random().toString(36).slice(2)}.${language === 'python' ? 'py' : 'js'}`,
  );
  writeFileSync(file, language === 'python' ? pythonProgram(spec) : nodeProgram(spec));
  const child = spawn(language === 'python' ? 'python3' : process.execPath, [file], {
    stdio: ['ignore', 'pipe', 'pipe'],
    env: { ...process.env, PYTHONIOENCODING: 'utf-8', PYTHONUNBUFFERED: '1' },
  });
  let stdout = '';
  let stderr = '';
  child.stdout.on('data', (chunk: Buffer) => (stdout += chunk.toString('utf8')));
  child.stderr.on('data', (chunk: Buffer) => (stderr += chunk.toString('utf8')));
  const done = new Promise<number | null>((resolve) =>
    child.once('exit', (code) => {
      if (code !== 0) console.error(`${file} exited ${code}:\n${stdout}\n${stderr}`);
      resolve(code);
    }),
  );
  const killer = setTimeout(() => child.kill('SIGKILL'), 15_000);
  void done.then(() => clearTimeout(killer));
  return { output: () => stdout, done };
}

/** A port nobody uses right now, for a program that binds a fixed port as the course does. */
async function freePort(type: 'tcp' | 'udp'): Promise<number> {
  if (type === 'udp') {
    const s = createSocket('udp4');
    await new Promise<void>((r) => s.bind(0, '127.0.0.1', r));
    const { port } = s.address();
    await new Promise<void>((r) => s.close(() => r()));
    return port;
  }
  const server = createServer();
  await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
  const address = server.address();
  await new Promise<void>((r) => server.close(() => r()));
  return typeof address === 'object' && address ? address.port : 0;
}

const sleep = (ms: number): Promise<void> => new Promise((r) => setTimeout(r, ms));

const TEXT = '你好 hello 温度=23.5℃';

describe.each(['python', 'node'] as const)('the generated %s program', (language) => {
  it('UDP send: its datagram reaches an engine endpoint as the exact GBK bytes', async () => {
    const udp = await engine.openUdp({ bind: true, address: '127.0.0.1', port: 0 });
    const port = udp.local?.port ?? 0;
    const program = run(language, {
      kind: 'udp',
      encoding: language === 'python' ? 'gbk' : 'utf-8',
      send: { host: '127.0.0.1', port, text: TEXT },
      count: 0,
      timeoutSeconds: 10,
    });
    const [record] = await log.waitForRecords(udp.id, 'in', 1);
    expect(Buffer.from(record?.bytes ?? [])).toEqual(
      iconv.encode(TEXT, language === 'python' ? 'gbk' : 'utf-8'),
    );
    expect(await program.done).toBe(0);
  });

  it('UDP send of hex from the send box: the bytes literal arrives byte for byte', async () => {
    const udp = await engine.openUdp({ bind: true, address: '127.0.0.1', port: 0 });
    const raw = Uint8Array.from([0x00, 0x01, 0x27, 0x5c, 0x41, 0x7f, 0x80, 0xff]);
    const program = run(language, {
      kind: 'udp',
      encoding: 'utf-8',
      send: { host: '127.0.0.1', port: udp.local?.port ?? 0, text: raw },
      count: 0,
      timeoutSeconds: 10,
    });
    const [record] = await log.waitForRecords(udp.id, 'in', 1);
    expect(Buffer.from(record?.bytes ?? [])).toEqual(Buffer.from(raw));
    expect(await program.done).toBe(0);
  });

  it("UDP bind and receive: bind(('', port)) gets the engine’s datagram and prints its sender and text", async () => {
    const port = await freePort('udp');
    const program = run(language, {
      kind: 'udp',
      encoding: 'utf-8',
      bind: { address: '0.0.0.0', port },
      count: 1,
      timeoutSeconds: 10,
    });
    const udp = await engine.openUdp({ bind: true, address: '127.0.0.1', port: 0 });
    let exited = false;
    void program.done.then(() => (exited = true));
    // The program needs a moment to bind; UDP does not wait for it, so send until it has heard one.
    while (!exited) {
      await engine.udpSend({
        sessionId: udp.id,
        host: '127.0.0.1',
        port,
        payload: iconv.encode(TEXT, 'utf-8'),
      });
      await sleep(100);
    }
    expect(await program.done).toBe(0);
    expect(program.output()).toContain(`127.0.0.1:${udp.local?.port} ${TEXT}`);
  });

  it('TCP client: connects to an engine server, sends its bytes, prints the reply, closes', async () => {
    const server = await engine.listenTcp({ address: '127.0.0.1', port: 0, backlog: 128 });
    const program = run(language, {
      kind: 'tcp-client',
      encoding: 'utf-8',
      host: '127.0.0.1',
      port: server.local?.port ?? 0,
      text: TEXT,
      timeoutSeconds: 10,
    });
    const conn = await log.waitForOpened((s) => s.parentId === server.id, 'accepted client');
    const received = await log.waitForBytes(conn.id, 'in', Buffer.byteLength(TEXT));
    expect(received).toEqual(Buffer.from(TEXT, 'utf8'));
    await engine.tcpSend(conn.id, Buffer.from('thank you !'));
    expect(await program.done).toBe(0);
    expect(program.output()).toContain('thank you !');
    await log.waitForStep(conn.id, 'peer-half-close');
  });

  it('TCP client with the log view in hex: a reply of FF 00 41 42 43 prints as the log shows it', async () => {
    // decode() would raise UnicodeDecodeError (Python) or print U+FFFD (Node) on these bytes; hex shows each one.
    const server = await engine.listenTcp({ address: '127.0.0.1', port: 0, backlog: 128 });
    const program = run(language, {
      kind: 'tcp-client',
      encoding: 'utf-8',
      decoding: 'hex',
      host: '127.0.0.1',
      port: server.local?.port ?? 0,
      text: 'hi',
      timeoutSeconds: 10,
    });
    const conn = await log.waitForOpened((s) => s.parentId === server.id, 'accepted client');
    await log.waitForBytes(conn.id, 'in', 2);
    await engine.tcpSend(conn.id, Uint8Array.from([0xff, 0x00, 0x41, 0x42, 0x43]));
    expect(await program.done).toBe(0);
    // A line of its own (node also prints where it connected from, and the server's FIN).
    expect(program.output()).toMatch(/^FF 00 41 42 43$/m);
  });

  it('UDP with the log view in hex: a datagram FF 00 41 42 43 prints with its sender, in hex', async () => {
    const port = await freePort('udp');
    const program = run(language, {
      kind: 'udp',
      encoding: 'utf-8',
      decoding: 'hex',
      bind: { address: '127.0.0.1', port },
      count: 1,
      timeoutSeconds: 10,
    });
    const udp = await engine.openUdp({ bind: true, address: '127.0.0.1', port: 0 });
    let exited = false;
    void program.done.then(() => (exited = true));
    // The program needs a moment to bind; UDP does not wait for it, so send until it has heard one.
    for (let i = 0; i < 100 && !exited; i++) {
      await engine.udpSend({
        sessionId: udp.id,
        host: '127.0.0.1',
        port,
        payload: Uint8Array.from([0xff, 0x00, 0x41, 0x42, 0x43]),
      });
      await sleep(100);
    }
    expect(await program.done).toBe(0);
    expect(program.output()).toContain(`127.0.0.1:${udp.local?.port} FF 00 41 42 43\n`);
  });

  it('TCP client against an echo server that never closes: one recv, print, close, exit', async () => {
    // A typical echo server (and the workbench's own): answers and keeps the connection open.
    const received: Buffer[] = [];
    let sawFin = false;
    const echo = createServer((socket) => {
      socket.on('data', (chunk) => {
        received.push(chunk);
        socket.write(chunk);
      });
      socket.on('end', () => {
        sawFin = true;
        socket.end();
      });
      socket.on('error', () => socket.destroy());
    });
    await new Promise<void>((r) => echo.listen(0, '127.0.0.1', r));
    try {
      const address = echo.address();
      const program = run(language, {
        kind: 'tcp-client',
        encoding: 'gbk',
        host: '127.0.0.1',
        port: typeof address === 'object' && address ? address.port : 0,
        text: TEXT,
        // A client that loops on recv() would hit this and exit 1; the course's client is long gone.
        timeoutSeconds: 5,
      });
      expect(await program.done).toBe(0);
      expect(program.output()).toContain(TEXT);
      expect(Buffer.concat(received)).toEqual(iconv.encode(TEXT, 'gbk'));
      for (let i = 0; i < 50 && !sawFin; i++) await sleep(20);
      expect(sawFin).toBe(true);
    } finally {
      echo.close();
    }
  });

  it('TCP server: accepts an engine client, prints its bytes, answers, and ends after one client', async () => {
    const port = await freePort('tcp');
    const program = run(language, {
      kind: 'tcp-server',
      encoding: 'gbk',
      address: '127.0.0.1',
      port,
      backlog: 128,
      reply: '收到',
      count: 1,
      timeoutSeconds: 10,
    });
    // Until the program is listening, connecting is refused: try again, as a person would.
    let client = await engine.connectTcp({ host: '127.0.0.1', port });
    for (let i = 0; i < 50; i++) {
      const state = await log.waitForSnapshot(
        client.id,
        (s) => s.state === 'connected' || s.state === 'failed' || s.state === 'closed',
        'connected or failed',
      );
      if (state.state === 'connected') break;
      await sleep(100);
      client = await engine.connectTcp({ host: '127.0.0.1', port });
    }
    await engine.tcpSend(client.id, iconv.encode(TEXT, 'gbk'));
    const reply = await log.waitForBytes(client.id, 'in', 4);
    expect(reply).toEqual(iconv.encode('收到', 'gbk'));
    await engine.close(client.id);
    expect(await program.done).toBe(0);
    expect(program.output()).toContain(TEXT);
  });
});

describe.each(['python', 'node'] as const)('the generated %s TLS program', (language) => {
  /** The workbench's own self-signed certificate, kept in a folder of this run: the CA file of both ends. */
  const dataDir = join(dir, `data-${language}`);
  const tlsEngine = (): { engine: Engine; log: EventLog } => {
    const made = createEngine({ selfSigned: new SelfSignedStore(dataDir) });
    return { engine: made, log: track(made) };
  };

  it('TLS client: verifies the engine TLS server by its certificate, sends GBK, prints the reply', async () => {
    const { engine: tls, log: tlsLog } = tlsEngine();
    const server = await tls.listenTcp({ address: '127.0.0.1', port: 0, tls: { alpn: ['mqtt'] } });
    const certFile = server.tls?.certFile ?? '';
    const program = run(language, {
      kind: 'tcp-client',
      encoding: 'gbk',
      host: '127.0.0.1',
      port: server.local?.port ?? 0,
      text: TEXT,
      timeoutSeconds: 10,
      tls: { verify: true, servername: 'localhost', caFile: certFile, alpn: ['mqtt'], minVersion: 'TLSv1.2' },
    });
    const conn = await tlsLog.waitForOpened((s) => s.parentId === server.id, 'accepted client');
    const received = await tlsLog.waitForBytes(conn.id, 'in', iconv.encode(TEXT, 'gbk').byteLength);
    expect(received).toEqual(iconv.encode(TEXT, 'gbk'));
    expect(tlsLog.snapshots(conn.id).at(-1)?.tls).toMatchObject({ version: 'TLSv1.3', alpn: 'mqtt' });
    await tls.tcpSend(conn.id, iconv.encode('收到', 'gbk'));
    expect(await program.done).toBe(0);
    expect(program.output()).toContain('收到');
    expect(program.output()).toMatch(/TLS TLSv1\.3 TLS_\w+ mqtt/);
  });

  it('TLS server: the engine TLS client verifies it, sends GBK, gets the answer; it ends after one client', async () => {
    const { engine: tls, log: tlsLog } = tlsEngine();
    // The program serves the workbench's kept self-signed certificate, so the engine client can trust that file.
    const { certFile = '', keyFile = '' } = await new SelfSignedStore(dataDir).credentials();
    const port = await freePort('tcp');
    const program = run(language, {
      kind: 'tcp-server',
      encoding: 'gbk',
      address: '127.0.0.1',
      port,
      backlog: 128,
      reply: '收到',
      count: 1,
      timeoutSeconds: 10,
      tls: { certFile, keyFile, alpn: ['mqtt'] },
    });
    const options = { host: '127.0.0.1', port, tls: { caFile: certFile, alpn: ['mqtt'] } };
    // Until the program is listening, connecting is refused: try again, as a person would.
    let client = tls.connectTcp(options);
    for (let i = 0; i < 50; i++) {
      const state = await tlsLog.waitForSnapshot(
        client.id,
        (s) => s.state === 'connected' || s.state === 'failed' || s.state === 'closed',
        'connected or failed',
      );
      if (state.state === 'connected') break;
      await sleep(100);
      client = tls.connectTcp(options);
    }
    expect(tlsLog.snapshots(client.id).at(-1)?.tls).toMatchObject({ authorized: true, alpn: 'mqtt' });
    await tls.tcpSend(client.id, iconv.encode(TEXT, 'gbk'));
    const reply = await tlsLog.waitForBytes(client.id, 'in', 4);
    expect(reply).toEqual(iconv.encode('收到', 'gbk'));
    await tls.close(client.id);
    expect(await program.done).toBe(0);
    expect(program.output()).toContain(TEXT);
  });
});
