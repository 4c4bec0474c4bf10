/**
 * The web shell's host, started in-process with a real Engine and service and
 * probed with real clients: node:http for the page, `ws` for the bridge,
 * node:dgram for the UDP peers. No build needed: the renderer directory is a
 * temporary folder holding a small index.html.
 */
import { encode } from '@msgpack/msgpack';
import { randomBytes } from 'node:crypto';
import dgram from 'node:dgram';
import { mkdir, mkdtemp, rm, writeFile } from 'node:fs/promises';
import http from 'node:http';
import net from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import WebSocket from 'ws';
import { createEngine } from '../../src-main/app/compose';
import type { Engine } from '../../src-main/engine/engine';
import { createService } from '../../src-main/service/service';
import { CONTENT_SECURITY_POLICY } from '../../src-main/shell/csp';
import { isLoopback, startWebHost, type WebHost } from '../../src-main/shell/web-host';
import type { CommandArgs, CommandName, CommandResult, DataRecord, Result } from '../../src-shared/contract';
import { BRIDGE_PATH, TOKEN_COOKIE } from '../../src-shared/web-frames';
import { opened, WsBridge } from '../helpers/ws-bridge';

const TOKEN = 'test-token-0123456789abcdef';
const INDEX_HTML = '<!doctype html><title>Socket Workbench test page</title>';
const STEP_TIMEOUT_MS = 5000;

let dir: string;
let engine: Engine;
let host: WebHost;
let port: number;
const cleanups: Array<() => void | Promise<void>> = [];

beforeEach(async () => {
  // The renderer lives one level down, next to a file that must never be served.
  dir = await mkdtemp(join(tmpdir(), 'workbench-web-host-'));
  await mkdir(join(dir, 'renderer'));
  await writeFile(join(dir, 'renderer', 'index.html'), INDEX_HTML);
  await writeFile(join(dir, 'secret.txt'), 'not for the browser');
  engine = createEngine();
  host = await startWebHost({
    host: '127.0.0.1',
    port: 0,
    token: TOKEN,
    rendererDir: join(dir, 'renderer'),
    engine,
    service: createService(engine, { shell: 'web', version: '0.0.0-test' }),
  });
  port = host.port;
});

afterEach(async () => {
  for (const cleanup of cleanups.splice(0).reverse()) await cleanup();
  await host.close();
  engine.shutdown();
  await rm(dir, { recursive: true, force: true });
  // No socket of the host, the engine or the test's peers outlives the test.
  await waitFor(() => !process.getActiveResourcesInfo().some((r) => /^(UDP|TCP)/.test(r)), 'sockets closed');
});

// ---------------------------------------------------------------------------
// Helpers

async function waitFor(done: () => boolean, what: string, timeoutMs = STEP_TIMEOUT_MS): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (!done()) {
    if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}`);
    await new Promise((r) => setTimeout(r, 10));
  }
}

interface Reply {
  status: number;
  headers: http.IncomingHttpHeaders;
  body: string;
}

/** A GET with the path sent exactly as given (no client-side normalisation) and any headers. */
function get(path: string, headers: Record<string, string> = {}): Promise<Reply> {
  return new Promise((resolve, reject) => {
    const req = http.request(
      { host: '127.0.0.1', port, path, headers, agent: false, timeout: STEP_TIMEOUT_MS },
      (res) => {
        const chunks: Buffer[] = [];
        res.on('data', (chunk: Buffer) => chunks.push(chunk));
        res.on('end', () =>
          resolve({
            status: res.statusCode ?? 0,
            headers: res.headers,
            body: Buffer.concat(chunks).toString(),
          }),
        );
        res.on('error', reject);
      },
    );
    req.on('timeout', () => req.destroy(new Error(`GET ${path} timed out`)));
    req.on('error', reject);
    req.end();
  });
}

/** Send raw bytes on a fresh TCP connection and collect whatever comes back until the server closes. */
function rawExchange(request: string): Promise<string> {
  return new Promise((resolve, reject) => {
    const socket = net.connect(port, '127.0.0.1', () => socket.write(request));
    const chunks: Buffer[] = [];
    socket.setTimeout(STEP_TIMEOUT_MS, () => socket.destroy(new Error('raw exchange timed out')));
    socket.on('data', (chunk) => chunks.push(chunk));
    socket.on('close', () => resolve(Buffer.concat(chunks).toString()));
    socket.on('error', reject);
  });
}

interface BridgeOptions {
  token?: string;
  origin?: string;
  hostHeader?: string;
  cookie?: string;
}

function bridgeSocket(options: BridgeOptions): WebSocket {
  const query = options.token === undefined ? '' : `?token=${encodeURIComponent(options.token)}`;
  const headers: Record<string, string> = {};
  if (options.hostHeader) headers.host = options.hostHeader;
  if (options.cookie) headers.cookie = options.cookie;
  const ws = new WebSocket(`ws://127.0.0.1:${port}${BRIDGE_PATH}${query}`, {
    headers,
    handshakeTimeout: STEP_TIMEOUT_MS,
    ...(options.origin ? { origin: options.origin } : {}),
  });
  cleanups.push(() => ws.terminate());
  return ws;
}

/** The HTTP status the upgrade was refused with, or 101 when it opened. */
function upgradeOutcome(options: BridgeOptions): Promise<number> {
  return new Promise((resolve, reject) => {
    const ws = bridgeSocket(options);
    ws.on('open', () => resolve(101));
    ws.on('unexpected-response', (req, res) => {
      resolve(res.statusCode ?? 0);
      req.destroy();
    });
    ws.on('error', reject);
  });
}

const ownOrigin = (): string => `http://127.0.0.1:${port}`;

/** The shared test client, with typed calls, and every frame from the host checked to be binary. */
class Bridge extends WsBridge {
  constructor(ws: WebSocket) {
    super(ws);
    ws.on('message', (_data, isBinary) => expect(isBinary).toBe(true));
  }

  static override async open(): Promise<Bridge> {
    const ws = bridgeSocket({ token: TOKEN, origin: ownOrigin() });
    await opened(ws);
    return new Bridge(ws);
  }

  override call<K extends CommandName>(name: K, args: CommandArgs<K>): Promise<Result<CommandResult<K>>> {
    return this.callRaw(name, args) as Promise<Result<CommandResult<K>>>;
  }

  /** A call whose name and arguments are not checked here: the host must check them. */
  callRaw(name: unknown, args: unknown): Promise<Result<unknown>> {
    return super.call(name, args, STEP_TIMEOUT_MS);
  }

  /** The first record of a `data` event for this session and direction. */
  async record(sessionId: string, dir: DataRecord['dir']): Promise<DataRecord> {
    let found: DataRecord | undefined;
    await waitFor(() => {
      for (const event of this.events) {
        if (event.type !== 'data' || event.sessionId !== sessionId) continue;
        found = event.records.find((r) => r.dir === dir);
        if (found) return true;
      }
      return false;
    }, `a ${dir} data record`);
    return found as DataRecord;
  }
}

function unwrap<T>(result: Result<T>): T {
  if (!result.ok) throw new Error(`command failed: ${result.error.code} ${result.error.message}`);
  return result.value;
}

async function udpPeer(): Promise<dgram.Socket> {
  const socket = dgram.createSocket('udp4');
  cleanups.push(() => new Promise<void>((resolve) => socket.close(() => resolve())));
  await new Promise<void>((resolve) => socket.bind(0, '127.0.0.1', resolve));
  return socket;
}

// ---------------------------------------------------------------------------
// The page

describe('web host: the page and its token', () => {
  it('refuses a request without the token, and explains why', async () => {
    const reply = await get('/');
    expect(reply.status).toBe(403);
    expect(reply.body).toContain('needs the access token');
    expect(reply.body).toContain('?token=');
    expect(reply.headers['set-cookie']).toBeUndefined();
  });

  it('refuses a wrong token, including one of the right length', async () => {
    expect((await get('/?token=wrong')).status).toBe(403);
    expect((await get(`/?token=${'x'.repeat(TOKEN.length)}`)).status).toBe(403);
    expect((await get('/', { cookie: `${TOKEN_COOKIE}=wrong` })).status).toBe(403);
  });

  it('serves the page with the token: CSP, hardening headers and an HttpOnly SameSite=Strict cookie', async () => {
    const reply = await get(`/?token=${TOKEN}`);
    expect(reply.status).toBe(200);
    expect(reply.body).toBe(INDEX_HTML);
    expect(reply.headers['content-type']).toMatch(/^text\/html/);
    expect(reply.headers['content-security-policy']).toBe(CONTENT_SECURITY_POLICY);
    expect(reply.headers['x-content-type-options']).toBe('nosniff');
    const cookies = reply.headers['set-cookie'] ?? [];
    expect(cookies).toHaveLength(1);
    const cookie = cookies[0] ?? '';
    expect(cookie.startsWith(`${TOKEN_COOKIE}=${TOKEN};`)).toBe(true);
    expect(cookie).toMatch(/;\s*HttpOnly/i);
    expect(cookie).toMatch(/;\s*SameSite=Strict/i);
    expect(host.url).toBe(`http://127.0.0.1:${port}/?token=${TOKEN}`);
  });

  it('serves later requests that carry only the cookie', async () => {
    const first = await get(`/?token=${TOKEN}`);
    const cookie = (first.headers['set-cookie']?.[0] ?? '').split(';')[0] ?? '';
    const second = await get('/index.html', { cookie: `theme=dark; ${cookie}` });
    expect(second.status).toBe(200);
    expect(second.body).toBe(INDEX_HTML);
  });

  it('never serves a file outside the renderer directory', async () => {
    const attempts = [
      '/../secret.txt',
      '/%2e%2e/secret.txt',
      '/%2e%2e%2fsecret.txt',
      '/..%2fsecret.txt',
      '/..%5csecret.txt',
      '/%2E%2E%2F%2E%2E%2Fetc%2Fpasswd',
      '/renderer/../../secret.txt',
    ];
    for (const path of attempts) {
      const reply = await get(`${path}?token=${TOKEN}`);
      expect(reply.status, path).toBe(404);
      expect(reply.body, path).not.toContain('not for the browser');
    }
    expect((await get(`/missing.js?token=${TOKEN}`)).status).toBe(404);
  });

  it('answers malformed percent-encoding with an error and keeps serving', async () => {
    for (const path of ['/%E0%A4%A', '/%', '/%zz', '/a%00b']) {
      const reply = await get(`${path}?token=${TOKEN}`);
      expect([400, 404], path).toContain(reply.status);
    }
    expect((await get(`/?token=${TOKEN}`)).status).toBe(200);
  });

  it('prints a URL that works for a user-chosen token with URL and cookie metacharacters', async () => {
    const token = 'a+b&c=d; e%f/g?h';
    const other = await startWebHost({
      host: '127.0.0.1',
      port: 0,
      token,
      rendererDir: join(dir, 'renderer'),
      engine,
      service: createService(engine, { shell: 'web', version: '0.0.0-test' }),
    });
    cleanups.push(() => other.close());
    const url = new URL(other.url);
    expect(url.searchParams.get('token')).toBe(token);
    const first = await fetch(other.url);
    expect(first.status).toBe(200);
    const cookie = (first.headers.get('set-cookie') ?? '').split(';')[0] ?? '';
    const byCookie = await fetch(`${url.origin}/`, { headers: { cookie } });
    expect(byCookie.status).toBe(200);
    expect((await fetch(`${url.origin}/?token=a+b`)).status).toBe(403);
  });

  it('refuses a foreign Host header on loopback (DNS rebinding) with 421', async () => {
    for (const name of ['evil.example', '127.0.0.1.evil.example', 'localhost.evil.example']) {
      const reply = await get(`/?token=${TOKEN}`, { host: `${name}:${port}` });
      expect(reply.status, name).toBe(421);
    }
    expect((await get(`/?token=${TOKEN}`, { host: `localhost:${port}` })).status).toBe(200);
    expect((await get(`/?token=${TOKEN}`, { host: `[::1]:${port}` })).status).toBe(200);
    expect(isLoopback('127.0.0.2')).toBe(true);
    expect(isLoopback('127.evil.example')).toBe(false);
  });
});

// ---------------------------------------------------------------------------
// The WebSocket bridge: who may open it

describe('web host: opening the bridge', () => {
  it('refuses an upgrade without the token or with a wrong one', async () => {
    expect(await upgradeOutcome({ origin: ownOrigin() })).toBe(403);
    expect(await upgradeOutcome({ token: 'wrong', origin: ownOrigin() })).toBe(403);
    expect(await upgradeOutcome({ token: '', origin: ownOrigin() })).toBe(403);
  });

  it('refuses the right token from a foreign Origin, or with no Origin at all', async () => {
    expect(await upgradeOutcome({ token: TOKEN, origin: 'http://evil.example' })).toBe(403);
    expect(await upgradeOutcome({ token: TOKEN, origin: `http://evil.example:${port}` })).toBe(403);
    expect(await upgradeOutcome({ token: TOKEN, origin: `https://127.0.0.1:${port}` })).toBe(403);
    expect(await upgradeOutcome({ token: TOKEN, origin: 'null' })).toBe(403);
    expect(await upgradeOutcome({ token: TOKEN })).toBe(403);
  });

  it('refuses a foreign Host even when the Origin matches it', async () => {
    const evil = `evil.example:${port}`;
    expect(await upgradeOutcome({ token: TOKEN, origin: `http://${evil}`, hostHeader: evil })).toBe(403);
  });

  it('refuses any path but the bridge', async () => {
    const ws = new WebSocket(`ws://127.0.0.1:${port}/other?token=${TOKEN}`, { origin: ownOrigin() });
    cleanups.push(() => ws.terminate());
    const status = await new Promise<number>((resolve, reject) => {
      ws.on('open', () => resolve(101));
      ws.on('unexpected-response', (req, res) => {
        resolve(res.statusCode ?? 0);
        req.destroy();
      });
      ws.on('error', reject);
    });
    expect(status).toBe(403);
  });

  it('opens with the right token and its own Origin, by query or by cookie', async () => {
    expect(await upgradeOutcome({ token: TOKEN, origin: ownOrigin() })).toBe(101);
    expect(await upgradeOutcome({ cookie: `${TOKEN_COOKIE}=${TOKEN}`, origin: ownOrigin() })).toBe(101);
  });

  it('survives an unparsable upgrade target and clients that vanish mid-handshake', async () => {
    const upgrade = (target: string): string =>
      `GET ${target} HTTP/1.1\r\nHost: 127.0.0.1:${port}\r\nOrigin: ${ownOrigin()}\r\n` +
      'Upgrade: websocket\r\nConnection: Upgrade\r\nSec-WebSocket-Version: 13\r\n' +
      'Sec-WebSocket-Key: dGhlIHNhbXBsZSBub25jZQ==\r\n\r\n';
    const reply = await rawExchange(upgrade('http://['));
    expect(reply).not.toMatch(/^HTTP\/1\.1 101/);
    for (let i = 0; i < 20; i++) {
      const socket = net.connect(port, '127.0.0.1', () => {
        socket.write(upgrade(`${BRIDGE_PATH}?token=wrong`));
        socket.resetAndDestroy();
      });
      socket.on('error', () => undefined);
    }
    await new Promise((r) => setTimeout(r, 100));
    expect((await get(`/?token=${TOKEN}`)).status).toBe(200);
    expect(await upgradeOutcome({ token: TOKEN, origin: ownOrigin() })).toBe(101);
  });
});

// ---------------------------------------------------------------------------
// The WebSocket bridge: commands and events, bytes intact

describe('web host: commands and events over the bridge', () => {
  it('answers app.info as the web shell', async () => {
    const bridge = await Bridge.open();
    const info = unwrap(await bridge.call('app.info', {}));
    expect(info.shell).toBe('web');
    expect(info.version).toBe('0.0.0-test');
    expect(info.sessions).toEqual([]);
  });

  it('opens a UDP socket and delivers received datagrams byte for byte, with the peer port', async () => {
    const bridge = await Bridge.open();
    const session = unwrap(await bridge.call('udp.open', { bind: true, address: '127.0.0.1', port: 0 }));
    expect(session.kind).toBe('udp');
    expect(session.state).toBe('bound');
    expect(session.local?.address).toBe('127.0.0.1');
    const localPort = session.local?.port ?? 0;
    expect(localPort).toBeGreaterThan(0);

    const sender = await udpPeer();
    const sent = Buffer.from([0x00, 0xff, 0x41, 0x0a, 0x0d, 0x80, 0xc3, 0x28, 0x00, 0xfe]);
    sender.send(sent, localPort, '127.0.0.1');

    const record = await bridge.record(session.id, 'in');
    expect(record.bytes).toBeInstanceOf(Uint8Array);
    expect(Array.from(record.bytes)).toEqual(Array.from(sent));
    expect(record.peer).toEqual({ address: '127.0.0.1', port: sender.address().port, family: 'IPv4' });
    const data = bridge.events.find((e) => e.type === 'data' && e.sessionId === session.id);
    expect(data?.type === 'data' && data.counters.bytesIn).toBe(sent.length);
  });

  it('sends a Uint8Array payload over UDP exactly as given', async () => {
    const bridge = await Bridge.open();
    const session = unwrap(await bridge.call('udp.open', { bind: true, address: '127.0.0.1', port: 0 }));
    const receiver = await udpPeer();
    const received = new Promise<{ msg: Buffer; rinfo: dgram.RemoteInfo }>((resolve) =>
      receiver.once('message', (msg, rinfo) => resolve({ msg, rinfo })),
    );
    const payload = new Uint8Array([0x00, 0xff, 0x00, 0x7f, 0x80, 0xe4, 0xbd, 0xa0, 0x00]);
    const result = unwrap(
      await bridge.call('udp.send', {
        sessionId: session.id,
        host: '127.0.0.1',
        port: receiver.address().port,
        payload,
      }),
    );
    expect(result.bytes).toBe(payload.byteLength);
    expect(result.to).toEqual({ address: '127.0.0.1', port: receiver.address().port, family: 'IPv4' });
    const { msg, rinfo } = await received;
    expect(Array.from(msg)).toEqual(Array.from(payload));
    expect(rinfo.port).toBe(session.local?.port);
    const out = await bridge.record(session.id, 'out');
    expect(Array.from(out.bytes)).toEqual(Array.from(payload));
  });

  it('ignores malformed frames and keeps the connection working', async () => {
    const bridge = await Bridge.open();
    const junk: Array<Uint8Array | string> = [
      randomBytes(64),
      Buffer.from([0xc1]), // a byte MessagePack never uses
      Buffer.from([0x92, 0x01]), // an array cut short
      new Uint8Array(0),
      encode(null),
      encode([1, 2, 3]),
      encode('call'),
      encode({ k: 'call', id: 'one', name: 'app.info', args: {} }),
      encode({ k: 'call', id: 1.5, name: 'app.info', args: {} }),
      encode({ k: 'result', id: 1, result: { ok: true, value: 1 } }),
      encode({ id: 7, name: 'app.info', args: {} }),
      'a text frame is not a call',
    ];
    for (const frame of junk) bridge.ws.send(frame);
    const info = unwrap(await bridge.call('app.info', {}));
    expect(info.shell).toBe('web');
    expect(bridge.ws.readyState).toBe(WebSocket.OPEN);
  });

  it('answers an unknown command with BAD_COMMAND', async () => {
    const bridge = await Bridge.open();
    for (const name of ['no.such.command', 42, null, '__proto__', 'constructor']) {
      const result = await bridge.callRaw(name, {});
      expect(result.ok, String(name)).toBe(false);
      if (!result.ok) expect(result.error.code).toBe('BAD_COMMAND');
    }
  });

  it('answers invalid arguments with the matching error code, in plain words', async () => {
    const bridge = await Bridge.open();
    const session = unwrap(await bridge.call('udp.open', { bind: false }));
    const cases: Array<[CommandName, unknown, string]> = [
      ['udp.open', { bind: true, port: 70000 }, 'BAD_PORT'],
      ['udp.open', { bind: true, port: -1 }, 'BAD_PORT'],
      ['udp.open', { bind: true, port: '7788' }, 'BAD_PORT'],
      ['udp.open', { bind: true, address: 'not-an-ip' }, 'BAD_ADDRESS'],
      ['udp.open', null, 'BAD_ARGS'],
      ['udp.open', { bind: true, extra: 1 }, 'BAD_ARGS'],
      [
        'udp.send',
        { sessionId: session.id, host: '127.0.0.1', port: 0, payload: new Uint8Array(1) },
        'BAD_PORT',
      ],
      ['udp.send', { sessionId: session.id, host: '127.0.0.1', port: 9, payload: 'text' }, 'BAD_PAYLOAD'],
      ['udp.send', { sessionId: session.id, host: '', port: 9, payload: new Uint8Array(1) }, 'BAD_HOST'],
      [
        'udp.send',
        { sessionId: 'u999', host: '127.0.0.1', port: 9, payload: new Uint8Array(1) },
        'NO_SESSION',
      ],
    ];
    for (const [name, args, code] of cases) {
      const result = await bridge.callRaw(name, args);
      expect(result.ok, `${name} ${JSON.stringify(args)}`).toBe(false);
      if (result.ok) continue;
      expect(result.error.code, `${name} ${JSON.stringify(args)}`).toBe(code);
      expect(result.error.message).not.toMatch(/\n\s+at /); // never a stack trace
    }
  });

  it('refuses a second socket on a port already in use with EADDRINUSE', async () => {
    const bridge = await Bridge.open();
    const first = unwrap(await bridge.call('udp.open', { bind: true, address: '127.0.0.1', port: 0 }));
    const second = await bridge.call('udp.open', {
      bind: true,
      address: '127.0.0.1',
      port: first.local?.port ?? 0,
    });
    expect(second.ok).toBe(false);
    if (!second.ok) expect(second.error.code).toBe('EADDRINUSE');
  });
});
