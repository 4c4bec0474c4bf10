import { createReadStream } from 'node:fs';
import { stat } from 'node:fs/promises';
import http from 'node:http';
import { isIPv4, type AddressInfo } from 'node:net';
import { extname, join, normalize, resolve, sep } from 'node:path';
import { timingSafeEqual } from 'node:crypto';
import { WebSocketServer, type WebSocket } from 'ws';
import { BRIDGE_PATH, TOKEN_COOKIE } from '../../src-shared/web-frames';
import type { Engine } from '../engine/engine';
import type { Service } from '../service/service';
import { CONTENT_SECURITY_POLICY } from './csp';
import { MAX_UNREAD_PAYLOAD_BYTES, withoutPayloads } from './flow-control';
import { decodeClientFrame, encodeServerFrame } from './web-protocol';

export interface WebHostOptions {
  /** Interface to listen on; loopback unless the user asks otherwise. */
  host: string;
  port: number;
  token: string;
  /** The built renderer (out/renderer). */
  rendererDir: string;
  engine: Engine;
  service: Service;
}

export interface WebHost {
  url: string;
  port: number;
  close(): Promise<void>;
}

const MAX_FRAME_BYTES = 32 * 1024 * 1024;

const CONTENT_TYPES: Record<string, string> = {
  '.html': 'text/html; charset=utf-8',
  '.js': 'text/javascript; charset=utf-8',
  '.css': 'text/css; charset=utf-8',
  '.svg': 'image/svg+xml',
  '.png': 'image/png',
  '.ico': 'image/x-icon',
  '.woff2': 'font/woff2',
  '.json': 'application/json',
};

const LOOPBACK_HOSTS = new Set(['127.0.0.1', 'localhost', '[::1]', '::1']);

/** A loopback name or address; `127.0.0.1.evil.example` is a DNS name, not a loopback address. */
export function isLoopback(host: string): boolean {
  return LOOPBACK_HOSTS.has(host) || (isIPv4(host) && host.startsWith('127.'));
}

/**
 * The web shell: serves the built renderer and carries the bridge contract
 * over one WebSocket per page. Every request must present the access token
 * (in the URL once, then as a SameSite cookie); the WebSocket must also come
 * from our own Origin, and on loopback the Host header must be a loopback
 * name, which defeats DNS rebinding.
 */
export async function startWebHost(options: WebHostOptions): Promise<WebHost> {
  const { engine, service } = options;
  const expected = Buffer.from(options.token);
  const rendererRoot = resolve(options.rendererDir);

  const tokenMatches = (candidate: string | null | undefined): boolean => {
    if (!candidate) return false;
    const given = Buffer.from(candidate);
    return given.length === expected.length && timingSafeEqual(given, expected);
  };

  const hostAllowed = (req: http.IncomingMessage): boolean => {
    if (!isLoopback(options.host)) return true;
    const header = req.headers.host ?? '';
    const name = header.replace(/:\d+$/, '');
    return isLoopback(name);
  };

  const requestToken = (req: http.IncomingMessage, url: URL): string | undefined => {
    const fromQuery = url.searchParams.get('token');
    if (fromQuery) return fromQuery;
    const cookies = req.headers.cookie ?? '';
    for (const part of cookies.split(';')) {
      const [name, ...rest] = part.trim().split('=');
      if (name === TOKEN_COOKIE) return safeDecode(rest.join('='));
    }
    return undefined;
  };

  const server = http.createServer((req, res) => {
    serveStatic(req, res).catch(() => {
      if (!res.headersSent) refuse(res, 400, 'Bad request.');
      else res.destroy();
    });
  });

  async function serveStatic(req: http.IncomingMessage, res: http.ServerResponse): Promise<void> {
    const url = new URL(req.url ?? '/', 'http://localhost');
    if (!hostAllowed(req)) return refuse(res, 421, 'Unexpected Host header.');
    if (req.method !== 'GET' && req.method !== 'HEAD') return refuse(res, 405, 'Method not allowed.');
    if (!tokenMatches(requestToken(req, url))) {
      return refuse(
        res,
        403,
        'Socket Workbench: this page needs the access token. Open the full URL printed in the terminal (…/?token=…).',
      );
    }
    let path = decodeURIComponent(url.pathname);
    if (path === '/' || path === '') path = '/index.html';
    const file = normalize(join(rendererRoot, path));
    if (!file.startsWith(rendererRoot + sep)) return refuse(res, 404, 'Not found.');
    const info = await stat(file).catch(() => undefined);
    if (!info?.isFile()) return refuse(res, 404, 'Not found.');
    res.writeHead(200, {
      'Content-Type': CONTENT_TYPES[extname(file)] ?? 'application/octet-stream',
      'Content-Length': info.size,
      'Content-Security-Policy': CONTENT_SECURITY_POLICY,
      'X-Content-Type-Options': 'nosniff',
      'X-Frame-Options': 'DENY',
      'Referrer-Policy': 'no-referrer',
      'Cache-Control': 'no-store',
      // The token moves from the URL to a cookie the page's own requests carry.
      'Set-Cookie': `${TOKEN_COOKIE}=${encodeURIComponent(options.token)}; Path=/; HttpOnly; SameSite=Strict`,
    });
    if (req.method === 'HEAD') return void res.end();
    // A read error (file gone or unreadable after stat) must not become an unhandled 'error' event.
    createReadStream(file)
      .on('error', () => res.destroy())
      .pipe(res);
  }

  const wss = new WebSocketServer({ noServer: true, maxPayload: MAX_FRAME_BYTES });

  server.on('upgrade', (req, socket, head) => {
    // Node removes its own error handler from an upgraded socket: without this, a client that
    // resets the connection before our refusal is written would crash the host.
    const onSocketError = (): void => {
      socket.destroy();
    };
    socket.on('error', onSocketError);
    // An unparsable request target (`GET http://[ …`) is refused, not thrown out of the event handler.
    const url = parseUrl(req.url);
    const origin = req.headers.origin;
    const ownOrigin = `http://${req.headers.host ?? ''}`;
    const ok =
      url !== undefined &&
      url.pathname === BRIDGE_PATH &&
      hostAllowed(req) &&
      origin === ownOrigin &&
      tokenMatches(requestToken(req, url));
    if (!ok) {
      socket.end('HTTP/1.1 403 Forbidden\r\nConnection: close\r\nContent-Length: 0\r\n\r\n');
      return;
    }
    socket.off('error', onSocketError);
    wss.handleUpgrade(req, socket, head, (ws) => attach(ws));
  });

  function attach(ws: WebSocket): void {
    // Above this much unsent data to this browser, payload records are dropped (and counted) rather than queued.
    const unsubscribe = engine.onEvents((batch) => {
      if (ws.readyState !== ws.OPEN) return;
      const events = ws.bufferedAmount > MAX_UNREAD_PAYLOAD_BYTES ? withoutPayloads(batch) : batch;
      ws.send(encodeServerFrame({ k: 'events', events }));
    });
    ws.on('message', (data, isBinary) => {
      if (!isBinary || !(data instanceof Buffer)) return;
      const frame = decodeClientFrame(data);
      if (!frame) return;
      void service.call(frame.name, frame.args).then((result) => {
        if (ws.readyState === ws.OPEN) ws.send(encodeServerFrame({ k: 'result', id: frame.id, result }));
      });
    });
    ws.on('close', unsubscribe);
    ws.on('error', unsubscribe);
  }

  await new Promise<void>((resolveListen, reject) => {
    server.once('error', reject);
    server.listen(options.port, options.host, () => {
      server.off('error', reject);
      resolveListen();
    });
  });
  const port = (server.address() as AddressInfo).port;
  const hostInUrl = options.host.includes(':') ? `[${options.host}]` : options.host;
  const shownHost = options.host === '0.0.0.0' || options.host === '::' ? '127.0.0.1' : hostInUrl;
  return {
    port,
    url: `http://${shownHost}:${port}/?token=${encodeURIComponent(options.token)}`,
    close: () =>
      new Promise<void>((done) => {
        for (const client of wss.clients) client.terminate();
        wss.close();
        server.close(() => done());
        server.closeAllConnections();
      }),
  };
}

function parseUrl(target: string | undefined): URL | undefined {
  try {
    return new URL(target ?? '/', 'http://localhost');
  } catch {
    return undefined;
  }
}

function safeDecode(text: string): string | undefined {
  try {
    return decodeURIComponent(text);
  } catch {
    return undefined;
  }
}

function refuse(res: http.ServerResponse, status: number, text: string): void {
  res.writeHead(status, { 'Content-Type': 'text/plain; charset=utf-8', 'Cache-Control': 'no-store' });
  res.end(text);
}
