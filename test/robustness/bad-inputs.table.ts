/**
 * The bad-input table: every wrong thing a user or a peer can do that we
 * know of, with the code and the exact English message the user sees. Each
 * row is run by bad-inputs.test.ts on real loopback sockets, the real service
 * and the real codecs, and docs/bad-inputs.md is generated from this same
 * list (a test fails when the two differ), so they cannot drift apart.
 *
 * `{{name}}` in a message is a value only known at run time (a port the OS
 * chose); the row's run() says which value it expects there.
 */
import net from 'node:net';
import { en } from '../../src-renderer/src/i18n/locales/en';
import { buildPayload, type PayloadOptions } from '../../src-shared/codec/payload';
import type { BridgeError, SessionInfo } from '../../src-shared/contract';
import { formatMessage } from '../../src-shared/errors';
import { MAX_PAYLOAD_BYTES } from '../../src-main/service/schemas';
import type { Engine } from '../../src-main/engine/engine';
import type { Service } from '../../src-main/service/service';
import type { EventLog } from '../helpers/events';
import type { TestHost } from '../helpers/netns';
import { spawnPeer, startListeningPeer, utf8 } from '../helpers/peer';
import { closedTcpPort, type WsBridge } from './support';

/** What the user was shown. `vars` fills the row's `{{placeholders}}` with what the test expected there. */
export interface Seen {
  code: string;
  message: string;
  vars?: Record<string, string | number>;
}

export interface Ctx {
  engine: Engine;
  service: Service;
  log: EventLog;
  ok<T>(name: string, args: unknown): Promise<T>;
  fails(name: string, args: unknown): Promise<Seen>;
  /** The error a session ends up showing (a connect that failed, a reset). */
  sessionError(id: string, timeoutMs?: number): Promise<Seen>;
  /** A web shell running as nobody (setpriv), for privileged ports. */
  nobodyShell(): Promise<WsBridge>;
  /** A network namespace of our own (root only). */
  testHost(): TestHost;
  /** The web host in this process (token / Origin rows). */
  webHost(): Promise<{ port: number; token: string }>;
  /** Run `node out/main/web.js` with these arguments; its output once it has exited or printed a URL. */
  shellOutput(args: string[]): Promise<string>;
}

export type Via = 'service' | 'session' | 'composer' | 'peer' | 'web shell' | 'command line';

export interface BadInput {
  area: string;
  what: string;
  /** The input, as the doc shows it. */
  input: string;
  via: Via;
  /** An error code, or '—' when the input is taken in stride (no error, nothing lost). */
  code: string;
  message: string;
  /** root: needs a network namespace or setpriv (skipped, and said so, without root). */
  needs?: 'root';
  run(ctx: Ctx): Promise<Seen>;
}

const NO_ERROR = '—';
const FIXED_CONTEXT = { counter: 0, now: new Date(0), random: (n: number) => new Uint8Array(n) };
const toSeen = (e: BridgeError): Seen => ({ code: e.code, message: e.message });

/** What the composer shows for input it cannot turn into bytes (the same texts Composer.tsx renders). */
function composerProblem(input: string, options: Partial<PayloadOptions>): Seen {
  const settings: PayloadOptions = {
    mode: 'text',
    encoding: 'utf-8',
    lineEnding: 'none',
    escapes: false,
    variables: false,
    checksum: 'none',
    ...options,
  };
  const result = buildPayload(input, settings, FIXED_CONTEXT);
  if (result.ok) return { code: NO_ERROR, message: `No error: ${result.payload.bytes.byteLength} bytes.` };
  const p = result.problem;
  const at = p.index + 1;
  switch (p.kind) {
    case 'bad-hex':
      return {
        code: 'BAD_HEX',
        message: formatMessage(en.composer.badHex[p.reason], { char: p.char, index: at }),
      };
    case 'bad-escape':
      return {
        code: 'BAD_ESCAPE',
        message: formatMessage(en.composer.badEscape[p.reason], { text: p.text, index: at }),
      };
    case 'bad-variable':
      return {
        code: 'BAD_VARIABLE',
        message: formatMessage(en.composer.badVariable[p.reason], { text: p.text, index: at }),
      };
    case 'unencodable': {
      const code = `U+${(p.char.codePointAt(0) ?? 0).toString(16).toUpperCase().padStart(4, '0')}`;
      const label =
        { 'iso-8859-1': 'ISO-8859-1', gbk: 'GBK', ascii: 'ASCII' }[p.encoding as string] ?? p.encoding;
      return {
        code: 'UNENCODABLE',
        message: formatMessage(en.composer.unencodable, { char: p.char, code, index: at, encoding: label }),
      };
    }
  }
}

async function udp(c: Ctx, bind = true): Promise<SessionInfo> {
  return c.ok<SessionInfo>(
    'udp.open',
    bind ? { bind: true, address: '127.0.0.1', port: 0 } : { bind: false },
  );
}

async function listening(c: Ctx, extra: object = {}): Promise<SessionInfo> {
  return c.ok<SessionInfo>('tcp.listen', { address: '127.0.0.1', port: 0, ...extra });
}

/** A client connected to our own server, and the accepted session on the other end. */
async function connectedPair(
  c: Ctx,
  options: object = {},
): Promise<{ client: SessionInfo; conn: SessionInfo }> {
  const server = await listening(c, options);
  const client = await c.ok<SessionInfo>('tcp.connect', {
    host: '127.0.0.1',
    port: server.local?.port,
    ...options,
  });
  await c.log.waitForState(client.id, 'connected');
  const conn = await c.log.waitForOpened((s) => s.parentId === server.id, 'accepted');
  return { client, conn };
}

async function closedSession(c: Ctx, kind: 'udp' | 'tcp'): Promise<SessionInfo> {
  const session = kind === 'udp' ? await udp(c) : (await connectedPair(c)).client;
  await c.ok('session.close', { sessionId: session.id });
  return session;
}

/** A raw client that connects to `port`, writes `bytes` and closes. */
function rawSend(port: number, bytes: Uint8Array): Promise<void> {
  return new Promise((done, fail) => {
    const s = net.connect({ host: '127.0.0.1', port }, () => s.end(bytes));
    s.on('error', fail);
    s.on('close', () => done());
    s.resume();
  });
}

const ALL_BYTES = Uint8Array.from({ length: 256 }, (_, i) => i);

export const BAD_INPUTS: BadInput[] = [
  // --- Ports -------------------------------------------------------------------------------
  {
    area: 'Ports',
    what: 'UDP bind to a port above 65535',
    input: 'udp.open { bind: true, port: 65536 }',
    via: 'service',
    code: 'BAD_PORT',
    message: 'Port must be a whole number from 0 to 65535.',
    run: (c) => c.fails('udp.open', { bind: true, port: 65536 }),
  },
  {
    area: 'Ports',
    what: 'UDP bind to a negative port',
    input: 'udp.open { bind: true, port: -1 }',
    via: 'service',
    code: 'BAD_PORT',
    message: 'Port must be a whole number from 0 to 65535.',
    run: (c) => c.fails('udp.open', { bind: true, port: -1 }),
  },
  {
    area: 'Ports',
    what: 'TCP listen on a fractional port',
    input: 'tcp.listen { port: 8080.5 }',
    via: 'service',
    code: 'BAD_PORT',
    message: 'Port must be a whole number from 0 to 65535.',
    run: (c) => c.fails('tcp.listen', { port: 8080.5 }),
  },
  {
    area: 'Ports',
    what: 'TCP listen with the port as text',
    input: 'tcp.listen { port: "8080" }',
    via: 'service',
    code: 'BAD_PORT',
    message: 'Port must be a whole number from 0 to 65535.',
    run: (c) => c.fails('tcp.listen', { port: '8080' }),
  },
  {
    area: 'Ports',
    what: 'TCP listen on NaN (a float MessagePack can carry)',
    input: 'tcp.listen { port: NaN }',
    via: 'service',
    code: 'BAD_PORT',
    message: 'Port must be a whole number from 0 to 65535.',
    run: (c) => c.fails('tcp.listen', { port: Number.NaN }),
  },
  {
    area: 'Ports',
    what: 'UDP send to port 0',
    input: 'udp.send { host: "127.0.0.1", port: 0 }',
    via: 'service',
    code: 'BAD_PORT',
    message: 'Port must be a whole number from 1 to 65535.',
    run: async (c) =>
      c.fails('udp.send', { sessionId: (await udp(c)).id, host: '127.0.0.1', port: 0, payload: utf8('x') }),
  },
  {
    area: 'Ports',
    what: 'TCP connect to port 0',
    input: 'tcp.connect { host: "127.0.0.1", port: 0 }',
    via: 'service',
    code: 'BAD_PORT',
    message: 'Port must be a whole number from 1 to 65535.',
    run: (c) => c.fails('tcp.connect', { host: '127.0.0.1', port: 0 }),
  },
  {
    area: 'Ports',
    what: 'TCP connect to port 65536',
    input: 'tcp.connect { host: "127.0.0.1", port: 65536 }',
    via: 'service',
    code: 'BAD_PORT',
    message: 'Port must be a whole number from 1 to 65535.',
    run: (c) => c.fails('tcp.connect', { host: '127.0.0.1', port: 65536 }),
  },
  {
    area: 'Ports',
    what: 'TCP connect from local port 70000',
    input: 'tcp.connect { …, localPort: 70000 }',
    via: 'service',
    code: 'BAD_PORT',
    message: 'Port must be a whole number from 0 to 65535.',
    run: (c) => c.fails('tcp.connect', { host: '127.0.0.1', port: 9, localPort: 70000 }),
  },
  // --- Addresses and hosts -----------------------------------------------------------------
  {
    area: 'Addresses',
    what: 'UDP bind to an IPv4 address with an octet over 255',
    input: 'udp.open { address: "256.1.1.1" }',
    via: 'service',
    code: 'BAD_ADDRESS',
    message: '"256.1.1.1" is not a valid IP address.',
    run: (c) => c.fails('udp.open', { bind: true, address: '256.1.1.1' }),
  },
  {
    area: 'Addresses',
    what: 'TCP listen on a name instead of an address',
    input: 'tcp.listen { address: "localhost" }',
    via: 'service',
    code: 'BAD_ADDRESS',
    message: '"localhost" is not a valid IP address.',
    run: (c) => c.fails('tcp.listen', { address: 'localhost', port: 0 }),
  },
  {
    area: 'Addresses',
    what: 'TCP listen on a malformed IPv6 address',
    input: 'tcp.listen { address: "::1::2" }',
    via: 'service',
    code: 'BAD_ADDRESS',
    message: '"::1::2" is not a valid IP address.',
    run: (c) => c.fails('tcp.listen', { address: '::1::2', port: 0 }),
  },
  {
    area: 'Addresses',
    what: 'UDP bind to an address that is not this machine’s',
    input: 'udp.open { address: "192.0.2.1" }',
    via: 'service',
    code: 'EADDRNOTAVAIL',
    message: '192.0.2.1 is not an address of this machine.',
    run: (c) => c.fails('udp.open', { bind: true, address: '192.0.2.1', port: 0 }),
  },
  {
    area: 'Addresses',
    what: 'TCP listen on an address that is not this machine’s',
    input: 'tcp.listen { address: "192.0.2.1" }',
    via: 'service',
    code: 'EADDRNOTAVAIL',
    message: '192.0.2.1 is not an address of this machine.',
    run: (c) => c.fails('tcp.listen', { address: '192.0.2.1', port: 0 }),
  },
  {
    area: 'Addresses',
    what: 'TCP connect from a local address that is not this machine’s (no SYN leaves)',
    input: 'tcp.connect { host: "127.0.0.1", localAddress: "192.0.2.1" }',
    via: 'session',
    code: 'EADDRNOTAVAIL',
    message: '192.0.2.1 is not an address of this machine.',
    run: async (c) => {
      const s = await c.ok<SessionInfo>('tcp.connect', {
        host: '127.0.0.1',
        port: await closedTcpPort(),
        localAddress: '192.0.2.1',
      });
      return c.sessionError(s.id);
    },
  },
  {
    area: 'Hosts',
    what: 'TCP connect with an empty host',
    input: 'tcp.connect { host: "" }',
    via: 'service',
    code: 'BAD_HOST',
    message: 'Enter a host name or an IP address.',
    run: (c) => c.fails('tcp.connect', { host: '', port: 80 }),
  },
  {
    area: 'Hosts',
    what: 'UDP send to a host of spaces',
    input: 'udp.send { host: "   " }',
    via: 'service',
    code: 'BAD_HOST',
    message: 'Enter a host name or an IP address.',
    run: async (c) =>
      c.fails('udp.send', { sessionId: (await udp(c)).id, host: '   ', port: 9, payload: utf8('x') }),
  },
  {
    area: 'Hosts',
    what: 'TCP connect to a name with spaces and punctuation',
    input: 'tcp.connect { host: "no such host!" }',
    via: 'service',
    code: 'BAD_HOST_NAME',
    message: '"no such host!" is not a valid host name or IP address.',
    run: (c) => c.fails('tcp.connect', { host: 'no such host!', port: 80 }),
  },
  {
    area: 'Hosts',
    what: 'TCP connect to a mistyped IPv4 address (never sent to DNS)',
    input: 'tcp.connect { host: "999.1.1.1" }',
    via: 'service',
    code: 'BAD_ADDRESS',
    message: '"999.1.1.1" is not a valid IP address.',
    run: (c) => c.fails('tcp.connect', { host: '999.1.1.1', port: 80 }),
  },
  {
    area: 'Hosts',
    what: 'TCP connect to a host name that does not exist (the one DNS query of the suite, as in e2e/tcp.spec.ts)',
    input: 'tcp.connect { host: "no-such-host.invalid" }',
    via: 'session',
    code: 'ENOTFOUND',
    message: 'Host "no-such-host.invalid" was not found.',
    run: async (c) => {
      const s = await c.ok<SessionInfo>('tcp.connect', {
        host: 'no-such-host.invalid',
        port: 80,
        timeoutMs: 8000,
      });
      return c.sessionError(s.id, 10_000);
    },
  },
  {
    area: 'Addresses',
    what: 'IPv4 UDP socket sending to an IPv6 address',
    input: 'udp.send { host: "::1" } on an unbound IPv4 socket',
    via: 'service',
    code: 'FAMILY_MISMATCH',
    message:
      'This socket is IPv4 (AF_INET); ::1 is an IPv6 address, which it cannot reach. Open an IPv6 socket, or use an IPv4 address such as 127.0.0.1.',
    run: async (c) =>
      c.fails('udp.send', { sessionId: (await udp(c, false)).id, host: '::1', port: 9, payload: utf8('x') }),
  },
  {
    area: 'Addresses',
    what: 'UDP send to a broadcast address without SO_BROADCAST',
    input: 'udp.send { host: "127.255.255.255" }',
    via: 'service',
    code: 'BROADCAST_DISABLED',
    message:
      'Sending to the broadcast address 127.255.255.255 needs the Broadcast option (SO_BROADCAST) turned on.',
    run: async (c) =>
      c.fails('udp.send', {
        sessionId: (await udp(c)).id,
        host: '127.255.255.255',
        port: 9,
        payload: utf8('x'),
      }),
  },
  {
    area: 'Multicast',
    what: 'Join a group that is not a multicast address',
    input: 'udp.joinGroup { group: "10.0.0.1" }',
    via: 'service',
    code: 'BAD_MULTICAST',
    message: '"10.0.0.1" is not a multicast group address (224.0.0.0 to 239.255.255.255, or ff00::/8).',
    run: async (c) => c.fails('udp.joinGroup', { sessionId: (await udp(c)).id, group: '10.0.0.1' }),
  },
  {
    area: 'Multicast',
    what: 'Join a group on a socket that is not bound yet',
    input: 'udp.joinGroup on an unbound socket',
    via: 'service',
    code: 'NOT_BOUND',
    message: 'Bind the socket first: joining a multicast group needs a bound port.',
    run: async (c) => c.fails('udp.joinGroup', { sessionId: (await udp(c, false)).id, group: '239.1.2.3' }),
  },
  {
    area: 'Multicast',
    what: 'Leave a group never joined',
    input: 'udp.leaveGroup { group: "239.1.2.3" }',
    via: 'service',
    code: 'NOT_MEMBER',
    message: 'This socket has not joined 239.1.2.3.',
    run: async (c) => c.fails('udp.leaveGroup', { sessionId: (await udp(c)).id, group: '239.1.2.3' }),
  },
  // --- Sizes and payloads ------------------------------------------------------------------
  {
    area: 'Payloads',
    what: 'A UDP datagram over the IPv4 limit of 65,507 bytes',
    input: 'udp.send 65,508 bytes to 127.0.0.1',
    via: 'service',
    code: 'EMSGSIZE',
    message: 'The datagram is too large (65508 bytes) to send in one piece.',
    run: async (c) =>
      c.fails('udp.send', {
        sessionId: (await udp(c)).id,
        host: '127.0.0.1',
        port: 9,
        payload: new Uint8Array(65_508),
      }),
  },
  {
    area: 'Payloads',
    what: 'A paste of more than 16 MiB in one send',
    input: `tcp.send ${MAX_PAYLOAD_BYTES + 1} bytes`,
    via: 'service',
    code: 'PAYLOAD_TOO_LARGE',
    message: `Too much data for one send: ${MAX_PAYLOAD_BYTES + 1} bytes (at most ${MAX_PAYLOAD_BYTES}).`,
    run: async (c) =>
      c.fails('tcp.send', {
        sessionId: (await connectedPair(c)).client.id,
        payload: new Uint8Array(MAX_PAYLOAD_BYTES + 1),
      }),
  },
  {
    area: 'Payloads',
    what: 'A payload sent as a string, not bytes',
    input: 'udp.send { payload: "hello" }',
    via: 'service',
    code: 'BAD_PAYLOAD',
    message: 'The data to send must be bytes.',
    run: async (c) =>
      c.fails('udp.send', { sessionId: (await udp(c)).id, host: '127.0.0.1', port: 9, payload: 'hello' }),
  },
  {
    area: 'Payloads',
    what: 'A payload sent as an array of numbers',
    input: 'tcp.send { payload: [1, 2, 3] }',
    via: 'service',
    code: 'BAD_PAYLOAD',
    message: 'The data to send must be bytes.',
    run: (c) => c.fails('tcp.send', { sessionId: 's1', payload: [1, 2, 3] }),
  },
  {
    area: 'Payloads',
    what: 'A 1,000,000-character paste sent on TCP',
    input: 'composer text × 1,000,000 → tcp.send',
    via: 'peer',
    code: NO_ERROR,
    message: 'No error: {{bytes}} bytes sent, {{bytes}} counted by the peer and the session.',
    run: async (c) => {
      const text = 'x'.repeat(1_000_000);
      const built = buildPayload(
        text,
        {
          mode: 'text',
          encoding: 'utf-8',
          lineEnding: 'none',
          escapes: true,
          variables: true,
          checksum: 'none',
        },
        FIXED_CONTEXT,
      );
      if (!built.ok) return composerProblem(text, {});
      const server = await listening(c);
      let received = 0;
      const drained = new Promise<void>((done) => {
        const s = net.connect({ host: '127.0.0.1', port: server.local?.port ?? 0 });
        s.on('data', (d: Buffer) => {
          received += d.byteLength;
          if (received >= built.payload.bytes.byteLength) {
            s.destroy();
            done();
          }
        });
      });
      const conn = await c.log.waitForOpened((s) => s.parentId === server.id, 'accepted');
      const sent = await c.ok<{ bytes: number }>('tcp.send', {
        sessionId: conn.id,
        payload: built.payload.bytes,
      });
      await drained;
      const counted = c.engine.info(conn.id).counters.bytesOut;
      return {
        code: NO_ERROR,
        message: `No error: ${sent.bytes} bytes sent, ${received === counted ? received : `${received}≠${counted}`} counted by the peer and the session.`,
        vars: { bytes: 1_000_000 },
      };
    },
  },
  // --- Ports in use, privileges ------------------------------------------------------------
  {
    area: 'Ports in use',
    what: 'UDP bind to a port a Python program holds',
    input: 'udp.open { port: <udp_recv.py’s port> }',
    via: 'service',
    code: 'EADDRINUSE',
    message: 'Port {{port}} is already in use on 127.0.0.1. Another program (or another session) has it.',
    run: async (c) => {
      const { port } = await startListeningPeer('udp_recv.py');
      return { ...(await c.fails('udp.open', { bind: true, address: '127.0.0.1', port })), vars: { port } };
    },
  },
  {
    area: 'Ports in use',
    what: 'TCP listen on a port another session listens on',
    input: 'tcp.listen twice on one port',
    via: 'service',
    code: 'EADDRINUSE',
    message: 'Port {{port}} is already in use on 127.0.0.1. Another program (or another session) has it.',
    run: async (c) => {
      const port = (await listening(c)).local?.port ?? 0;
      return { ...(await c.fails('tcp.listen', { address: '127.0.0.1', port })), vars: { port } };
    },
  },
  {
    area: 'Privileges',
    what: 'TCP listen on port 80 as an ordinary user',
    input: 'tcp.listen { port: 80 } (web shell run as nobody)',
    via: 'web shell',
    code: 'EACCES',
    message: 'Permission denied. Ports below 1024 need administrator rights on this system.',
    needs: 'root',
    run: async (c) => {
      const r = await (await c.nobodyShell()).call('tcp.listen', { address: '127.0.0.1', port: 80 });
      return r.ok ? { code: NO_ERROR, message: 'listened' } : toSeen(r.error);
    },
  },
  {
    area: 'Privileges',
    what: 'UDP bind to port 53 as an ordinary user',
    input: 'udp.open { port: 53 } (web shell run as nobody)',
    via: 'web shell',
    code: 'EACCES',
    message: 'Permission denied. Ports below 1024 need administrator rights on this system.',
    needs: 'root',
    run: async (c) => {
      const r = await (
        await c.nobodyShell()
      ).call('udp.open', { bind: true, address: '127.0.0.1', port: 53 });
      return r.ok ? { code: NO_ERROR, message: 'bound' } : toSeen(r.error);
    },
  },
  // --- Connections -------------------------------------------------------------------------
  {
    area: 'Connections',
    what: 'TCP connect to a port nothing listens on',
    input: 'tcp.connect { host: "127.0.0.1", port: <closed> }',
    via: 'session',
    code: 'ECONNREFUSED',
    message: 'Connection refused: nothing is listening on 127.0.0.1:{{port}}.',
    run: async (c) => {
      const port = await closedTcpPort();
      const s = await c.ok<SessionInfo>('tcp.connect', { host: '127.0.0.1', port });
      return { ...(await c.sessionError(s.id)), vars: { port } };
    },
  },
  {
    area: 'Connections',
    what: 'UDP send with connect() to a closed port (ICMP port unreachable)',
    input: 'udp.send { connect: true } to a closed port',
    via: 'session',
    code: 'ECONNREFUSED',
    message: 'Connection refused: nothing is listening on 127.0.0.1:{{port}}.',
    run: async (c) => {
      const s = await udp(c);
      const port = await closedTcpPort();
      await c.ok('udp.send', {
        sessionId: s.id,
        host: '127.0.0.1',
        port,
        payload: utf8('anyone?'),
        connect: true,
      });
      return { ...(await c.sessionError(s.id)), vars: { port } };
    },
  },
  {
    area: 'Connections',
    what: 'The peer resets a connected client (RST)',
    input: 'python tcp_server.py --then rst',
    via: 'session',
    code: 'ECONNRESET',
    message: 'The peer reset the connection (RST).',
    run: async (c) => {
      const { port } = await startListeningPeer('tcp_server.py', ['--then', 'rst']);
      const s = await c.ok<SessionInfo>('tcp.connect', { host: '127.0.0.1', port });
      await c.log.waitForState(s.id, 'connected');
      await c.ok('tcp.send', { sessionId: s.id, payload: utf8('hello') });
      return c.sessionError(s.id);
    },
  },
  {
    area: 'Connections',
    what: 'Send after the peer reset the connection',
    input: 'tcp.send after an RST',
    via: 'service',
    code: 'SESSION_CLOSED',
    message: 'The session is closed.',
    run: async (c) => {
      const { client, conn } = await connectedPair(c);
      await c.ok('tcp.reset', { sessionId: conn.id });
      await c.log.waitForState(client.id, 'closed');
      return c.fails('tcp.send', { sessionId: client.id, payload: utf8('late') });
    },
  },
  {
    area: 'Connections',
    what: 'Send while the connection is still being made',
    input: 'tcp.send right after tcp.connect',
    via: 'service',
    code: 'NOT_CONNECTED',
    message: 'The socket is not connected yet.',
    run: async (c) => {
      const server = await listening(c);
      // No I/O turn between the two calls: the handshake cannot have completed yet.
      const s = await c.ok<SessionInfo>('tcp.connect', { host: '127.0.0.1', port: server.local?.port });
      return c.fails('tcp.send', { sessionId: s.id, payload: utf8('too soon') });
    },
  },
  {
    area: 'Connections',
    what: 'TCP connect to a host that never answers (timeout 300 ms)',
    input: 'tcp.connect { host: <silent test host>, timeoutMs: 300 }',
    via: 'session',
    code: 'ETIMEDOUT',
    message: 'Timed out: {{address}}:9 did not answer in time.',
    needs: 'root',
    run: async (c) => {
      // .3 on our own test link answers nobody's ARP: the SYN goes nowhere else.
      const address = c.testHost().hostAddress.replace(/\.2$/, '.3');
      const s = await c.ok<SessionInfo>('tcp.connect', { host: address, port: 9, timeoutMs: 300 });
      return { ...(await c.sessionError(s.id)), vars: { address } };
    },
  },
  // --- Writes after close ------------------------------------------------------------------
  {
    area: 'After close',
    what: 'Send after half-closing (shutdown SHUT_WR)',
    input: 'tcp.halfClose, then tcp.send',
    via: 'service',
    code: 'HALF_CLOSED',
    message: 'You shut down the sending side (half-close): this connection can only receive now.',
    run: async (c) => {
      const { client } = await connectedPair(c, { closeOnPeerEnd: false });
      await c.ok('tcp.halfClose', { sessionId: client.id });
      return c.fails('tcp.send', { sessionId: client.id, payload: utf8('x') });
    },
  },
  {
    area: 'After close',
    what: 'Half-close twice',
    input: 'tcp.halfClose × 2',
    via: 'service',
    code: 'HALF_CLOSED',
    message: 'You shut down the sending side (half-close): this connection can only receive now.',
    run: async (c) => {
      const { client } = await connectedPair(c, { closeOnPeerEnd: false });
      await c.ok('tcp.halfClose', { sessionId: client.id });
      return c.fails('tcp.halfClose', { sessionId: client.id });
    },
  },
  {
    area: 'After close',
    what: 'TCP send on a closed session',
    input: 'session.close, then tcp.send',
    via: 'service',
    code: 'SESSION_CLOSED',
    message: 'The session is closed.',
    run: async (c) =>
      c.fails('tcp.send', { sessionId: (await closedSession(c, 'tcp')).id, payload: utf8('x') }),
  },
  {
    area: 'After close',
    what: 'UDP send on a closed session',
    input: 'session.close, then udp.send',
    via: 'service',
    code: 'SESSION_CLOSED',
    message: 'The session is closed.',
    run: async (c) =>
      c.fails('udp.send', {
        sessionId: (await closedSession(c, 'udp')).id,
        host: '127.0.0.1',
        port: 9,
        payload: utf8('x'),
      }),
  },
  {
    area: 'After close',
    what: 'Reset a closed connection',
    input: 'session.close, then tcp.reset',
    via: 'service',
    code: 'SESSION_CLOSED',
    message: 'The session is closed.',
    run: async (c) => c.fails('tcp.reset', { sessionId: (await closedSession(c, 'tcp')).id }),
  },
  {
    area: 'After close',
    what: '"Connect again" on a client that is still connected',
    input: 'tcp.connect, then tcp.reconnect',
    via: 'service',
    code: 'NOT_CLOSED',
    message: 'This client is still connected or connecting; close it before connecting again.',
    run: async (c) => c.fails('tcp.reconnect', { sessionId: (await connectedPair(c)).client.id }),
  },
  // --- Sessions that no longer exist -------------------------------------------------------
  {
    area: 'Sessions',
    what: 'Send on a session that was removed',
    input: 'session.remove, then tcp.send',
    via: 'service',
    code: 'NO_SESSION',
    message: 'That session no longer exists.',
    run: async (c) => {
      const s = await closedSession(c, 'udp');
      await c.ok('session.remove', { sessionId: s.id });
      return c.fails('udp.send', { sessionId: s.id, host: '127.0.0.1', port: 9, payload: utf8('x') });
    },
  },
  {
    area: 'Sessions',
    what: 'Close a session id that never existed',
    input: 'session.close { sessionId: "s999999" }',
    via: 'service',
    code: 'NO_SESSION',
    message: 'That session no longer exists.',
    run: (c) => c.fails('session.close', { sessionId: 's999999' }),
  },
  {
    area: 'Sessions',
    what: 'Ask for the peers of a removed UDP session',
    input: 'session.remove, then udp.peers',
    via: 'service',
    code: 'NO_SESSION',
    message: 'That session no longer exists.',
    run: async (c) => {
      const s = await closedSession(c, 'udp');
      await c.ok('session.remove', { sessionId: s.id });
      return c.fails('udp.peers', { sessionId: s.id });
    },
  },
  {
    area: 'Sessions',
    what: 'A TCP command on a UDP session',
    input: 'tcp.send on a UDP session',
    via: 'service',
    code: 'WRONG_KIND',
    message: 'This action does not apply to a udp session.',
    run: async (c) => c.fails('tcp.send', { sessionId: (await udp(c)).id, payload: utf8('x') }),
  },
  {
    area: 'Sessions',
    what: 'Auto-reply rules on an accepted client (they belong to its server)',
    input: 'session.setAutoReply on a tcp-conn',
    via: 'service',
    code: 'WRONG_KIND',
    message: 'This action does not apply to a tcp-conn session.',
    run: async (c) =>
      c.fails('session.setAutoReply', {
        sessionId: (await connectedPair(c)).conn.id,
        config: { echo: true, encoding: 'utf-8', rules: [] },
      }),
  },
  {
    area: 'Sessions',
    what: 'Remove a session that is still open',
    input: 'session.remove on a bound UDP socket',
    via: 'service',
    code: 'STILL_OPEN',
    message: 'Close the session before removing it.',
    run: async (c) => c.fails('session.remove', { sessionId: (await udp(c)).id }),
  },
  // --- Auto-reply rules --------------------------------------------------------------------
  {
    area: 'Rules',
    what: 'A regular expression that does not compile',
    input: 'rule { match: "regex", pattern: "(" }',
    via: 'service',
    code: 'BAD_REGEX',
    message:
      'Rule 1: "(" is not a valid regular expression (Invalid regular expression: /(/: Unterminated group).',
    run: async (c) =>
      c.fails('session.setAutoReply', {
        sessionId: (await udp(c)).id,
        config: { echo: false, encoding: 'utf-8', rules: [{ match: 'regex', pattern: '(', reply: 'x' }] },
      }),
  },
  {
    area: 'Rules',
    what: 'A hex rule that is not hex',
    input: 'rule { match: "hex", pattern: "zz" }',
    via: 'service',
    code: 'BAD_RULE_HEX',
    message: 'Rule 1: "zz" is not valid hex.',
    run: async (c) =>
      c.fails('session.setAutoReply', {
        sessionId: (await udp(c)).id,
        config: { echo: false, encoding: 'utf-8', rules: [{ match: 'hex', pattern: 'zz', reply: 'x' }] },
      }),
  },
  {
    area: 'Rules',
    what: 'A reply with an unknown escape',
    input: 'rule { reply: "ok\\q" }',
    via: 'service',
    code: 'BAD_ESCAPE',
    message: 'Rule 1: "\\q" is not a valid escape (use \\r \\n \\t \\0 \\\\ \\xNN \\uXXXX).',
    run: async (c) =>
      c.fails('session.setAutoReply', {
        sessionId: (await udp(c)).id,
        config: {
          echo: false,
          encoding: 'utf-8',
          rules: [{ match: 'contains', pattern: 'a', reply: 'ok\\q' }],
        },
      }),
  },
  {
    area: 'Rules',
    what: 'A reply the chosen encoding cannot hold',
    input: 'rule { reply: "€" }, encoding ascii',
    via: 'service',
    code: 'UNENCODABLE',
    message: 'Rule 1: "€" cannot be written in ascii.',
    run: async (c) =>
      c.fails('session.setAutoReply', {
        sessionId: (await udp(c)).id,
        config: { echo: false, encoding: 'ascii', rules: [{ match: 'contains', pattern: 'a', reply: '€' }] },
      }),
  },
  {
    area: 'Rules',
    what: 'An encoding the workbench does not know',
    input: 'auto-reply { encoding: "klingon" }',
    via: 'service',
    code: 'BAD_ENCODING',
    message: '"klingon" is not an encoding the workbench knows.',
    run: async (c) =>
      c.fails('session.setAutoReply', {
        sessionId: (await udp(c)).id,
        config: { echo: true, encoding: 'klingon', rules: [] },
      }),
  },
  // --- Malformed requests ------------------------------------------------------------------
  {
    area: 'Requests',
    what: 'A receive buffer (SO_RCVBUF) below 1 KiB (the panel offers 4 KiB to 64 MiB)',
    input: 'udp.configure { receiveBufferSize: 100 }',
    via: 'service',
    code: 'BAD_ARGS',
    message: 'The request was malformed: receiveBufferSize: Too small: expected number to be >=1024',
    run: async (c) => c.fails('udp.configure', { sessionId: (await udp(c)).id, receiveBufferSize: 100 }),
  },
  {
    area: 'Requests',
    what: 'Capture to a folder given as a relative path',
    input: 'capture.start { directory: "relative/dir" }',
    via: 'service',
    code: 'BAD_CAPTURE_FOLDER',
    message:
      'Folder must be an absolute path (for example /home/me/captures or C:\\captures); "relative/dir" is not.',
    run: async (c) =>
      c.fails('capture.start', { sessionId: (await udp(c)).id, format: 'pcapng', directory: 'relative/dir' }),
  },
  {
    area: 'Requests',
    what: 'Capture files of 0 bytes each',
    input: 'capture.start { maxBytes: 0 }',
    via: 'service',
    code: 'BAD_CAPTURE_SIZE',
    message: 'File size must be from 0.0625 MiB (64 KiB) to 1,048,576 MiB (1 TiB).',
    run: async (c) =>
      c.fails('capture.start', { sessionId: (await udp(c)).id, format: 'pcapng', maxBytes: 0 }),
  },
  {
    area: 'Requests',
    what: 'Capture keeping 0 files',
    input: 'capture.start { maxFiles: 0 }',
    via: 'service',
    code: 'BAD_CAPTURE_FILES',
    message: 'Keep files must be a whole number from 1 to 100,000.',
    run: async (c) =>
      c.fails('capture.start', { sessionId: (await udp(c)).id, format: 'pcapng', maxFiles: 0 }),
  },
  {
    area: 'Requests',
    what: 'A command that does not exist',
    input: 'tcp.explode {}',
    via: 'service',
    code: 'BAD_COMMAND',
    message: 'Unknown command "tcp.explode".',
    run: (c) => c.fails('tcp.explode', {}),
  },
  {
    area: 'Requests',
    what: 'Arguments that are not an object',
    input: 'udp.open 42',
    via: 'service',
    code: 'BAD_ARGS',
    message: 'The request was malformed: arguments: Invalid input: expected object, received number',
    run: (c) => c.fails('udp.open', 42),
  },
  {
    area: 'Requests',
    what: 'An argument the command does not take',
    input: 'tcp.listen { port: 0, evil: true }',
    via: 'service',
    code: 'BAD_ARGS',
    message: 'The request was malformed: arguments: Unrecognized key: "evil"',
    run: (c) => c.fails('tcp.listen', { port: 0, evil: true }),
  },
  {
    area: 'Requests',
    what: 'A session id longer than any the workbench makes',
    input: 'session.close { sessionId: "s" × 65 }',
    via: 'service',
    code: 'BAD_ARGS',
    message: 'The request was malformed: sessionId: Too big: expected string to have <=64 characters',
    run: (c) => c.fails('session.close', { sessionId: 's'.repeat(65) }),
  },
  {
    area: 'Requests',
    what: 'A frame that is not MessagePack, then a good call',
    input: 'WebSocket frame 0xc1 (never valid MessagePack)',
    via: 'web shell',
    code: NO_ERROR,
    message: 'No answer to the bad frame; the next call is answered on the same connection.',
    run: async (c) => {
      const { port, token } = await c.webHost();
      const { WsBridge } = await import('./support');
      const bridge = await WsBridge.open(`http://127.0.0.1:${port}/?token=${token}`);
      try {
        bridge.ws.send(Buffer.from([0xc1]));
        const r = await bridge.call('app.info', {});
        return {
          code: NO_ERROR,
          message: r.ok
            ? 'No answer to the bad frame; the next call is answered on the same connection.'
            : r.error.code,
        };
      } finally {
        bridge.close();
      }
    },
  },
  // --- The composer (in the page, before anything is sent) ---------------------------------
  {
    area: 'Composer',
    what: 'Hex with a character that is not a hex digit',
    input: 'hex "48 6G"',
    via: 'composer',
    code: 'BAD_HEX',
    message: '"G" at position 5 is not a hex digit.',
    run: async () => composerProblem('48 6G', { mode: 'hex' }),
  },
  {
    area: 'Composer',
    what: 'Hex with an odd number of digits',
    input: 'hex "48 656"',
    via: 'composer',
    code: 'BAD_HEX',
    message: 'Hex digits come in pairs: the group at position 4 has an odd number.',
    run: async () => composerProblem('48 656', { mode: 'hex' }),
  },
  {
    area: 'Composer',
    what: 'Hex "0x" with no digits',
    input: 'hex "0x"',
    via: 'composer',
    code: 'BAD_HEX',
    message: '"0x" at position 1 has no hex digits after it.',
    run: async () => composerProblem('0x', { mode: 'hex' }),
  },
  {
    area: 'Composer',
    what: 'Chinese text in ISO-8859-1',
    input: 'text "ok 你好", ISO-8859-1',
    via: 'composer',
    code: 'UNENCODABLE',
    message: '"你" (U+4F60) at character 4 cannot be written in ISO-8859-1.',
    run: async () => composerProblem('ok 你好', { encoding: 'iso-8859-1' }),
  },
  {
    area: 'Composer',
    what: 'An emoji in GBK',
    input: 'text "hi 😀", GBK',
    via: 'composer',
    code: 'UNENCODABLE',
    message: '"😀" (U+1F600) at character 4 cannot be written in GBK.',
    run: async () => composerProblem('hi 😀', { encoding: 'gbk' }),
  },
  {
    area: 'Composer',
    what: 'An escape that does not exist',
    input: 'text "a\\qb", escapes on',
    via: 'composer',
    code: 'BAD_ESCAPE',
    message:
      '"\\q" at position 2 is not an escape. Use \\r \\n \\t \\0 \\\\ \\xNN or \\uXXXX (\\\\ for a backslash).',
    run: async () => composerProblem('a\\qb', { escapes: true }),
  },
  {
    area: 'Composer',
    what: 'A byte escape cut short',
    input: 'text "\\x4", escapes on',
    via: 'composer',
    code: 'BAD_ESCAPE',
    message: '"\\x4" at position 1 needs more hex digits: \\xNN takes 2, \\uXXXX takes 4.',
    run: async () => composerProblem('\\x4', { escapes: true }),
  },
  {
    area: 'Composer',
    what: 'A variable that does not exist',
    input: 'text "{{NOPE}}", variables on',
    via: 'composer',
    code: 'BAD_VARIABLE',
    message:
      '{{NOPE}} at position 1 is not a variable. Known: COUNTER, COUNTER:N, TIME, DATE, TIMESTAMP, RANDOM:N.',
    run: async () => composerProblem('{{NOPE}}', { variables: true }),
  },
  // --- Peers -------------------------------------------------------------------------------
  {
    area: 'Peers',
    what: 'A TCP peer sends every byte value 0x00–0xFF (invalid UTF-8, NULs, control bytes)',
    input: 'raw client: bytes 00…FF',
    via: 'peer',
    code: NO_ERROR,
    message: 'No error: 256 bytes received, identical, counted 256.',
    run: async (c) => {
      const server = await listening(c);
      await rawSend(server.local?.port ?? 0, ALL_BYTES);
      const conn = await c.log.waitForOpened((s) => s.parentId === server.id, 'accepted');
      const got = await c.log.waitForBytes(conn.id, 'in', 256);
      const same = Buffer.compare(got, Buffer.from(ALL_BYTES)) === 0;
      return {
        code: NO_ERROR,
        message: `No error: ${got.byteLength} bytes received, ${same ? 'identical' : 'CHANGED'}, counted ${c.engine.info(conn.id).counters.bytesIn}.`,
      };
    },
  },
  {
    area: 'Peers',
    what: 'A UDP peer sends invalid UTF-8 and an empty datagram',
    input: 'python udp_send.py: ff fe c0 80, then b""',
    via: 'peer',
    code: NO_ERROR,
    message: 'No error: 2 datagrams, 4 bytes counted, the empty one logged too.',
    run: async (c) => {
      const s = await udp(c);
      const port = String(s.local?.port);
      spawnPeer('udp_send.py', ['127.0.0.1', port, 'fffec080', '--replies', '0']);
      await c.log.waitForRecords(s.id, 'in', 1);
      spawnPeer('udp_send.py', ['127.0.0.1', port, '', '--replies', '0']);
      const records = await c.log.waitForRecords(s.id, 'in', 2);
      const k = c.engine.info(s.id).counters;
      return {
        code: NO_ERROR,
        message: `No error: ${k.messagesIn} datagrams, ${k.bytesIn} bytes counted, the empty one ${records.some((r) => r.bytes.byteLength === 0) ? 'logged too' : 'LOST'}.`,
      };
    },
  },
  {
    area: 'Peers',
    what: 'A flood of 300 connections on a server limited to 10 clients',
    input: 'tcp.listen { maxClients: 10 }; 300 raw clients',
    via: 'peer',
    code: NO_ERROR,
    message: 'Refused {{remote}}: limit of 10 clients',
    run: async (c) => {
      const server = await listening(c, { maxClients: 10, backlog: 512 });
      const port = server.local?.port ?? 0;
      const sockets = Array.from({ length: 300 }, () => net.connect({ host: '127.0.0.1', port }));
      for (const s of sockets) s.on('error', () => undefined);
      try {
        const refusals = await c.log.waitFor(
          () => {
            const r = c.log.steps(server.id).filter((step) => step === 'refuse').length;
            return r === 290 ? r : undefined;
          },
          '290 refusals',
          10_000,
        );
        const first = c.log.timeline(server.id).find((e) => e.step === 'refuse');
        const remote = String(first?.detail?.remote);
        const accepted = c.engine.info(server.id).clientCount;
        return {
          code: accepted === 10 && refusals === 290 ? NO_ERROR : `accepted ${accepted}`,
          message: formatMessage(en.timeline.refuse_other, first?.detail ?? {}),
          vars: { remote },
        };
      } finally {
        for (const s of sockets) s.destroy();
      }
    },
  },
  {
    area: 'Peers',
    what: 'A flood of 5,000 datagrams',
    input: '5,000 × 100-byte datagrams from one socket',
    via: 'peer',
    code: NO_ERROR,
    message:
      'No error: counters {{n}} datagrams / {{bytes}} bytes, the view says how many it no longer holds.',
    run: async (c) => {
      const s = await udp(c);
      const dgram = await import('node:dgram');
      const sender = dgram.createSocket('udp4');
      const payload = Buffer.alloc(100, 0x41);
      // In windows of 250, each waited for, so the kernel's receive buffer never overflows (that loss is the OS's).
      let sent = 0;
      for (let w = 0; w < 20; w += 1) {
        await Promise.all(
          Array.from(
            { length: 250 },
            () =>
              new Promise<void>((done) =>
                sender.send(payload, s.local?.port ?? 0, '127.0.0.1', () => done()),
              ),
          ),
        );
        sent += 250;
        await c.log.waitFor(
          () => (c.engine.info(s.id).counters.messagesIn >= sent ? true : undefined),
          `${sent} in`,
        );
      }
      sender.close();
      const k = c.engine.info(s.id).counters;
      return {
        code: NO_ERROR,
        message: `No error: counters ${k.messagesIn} datagrams / ${k.bytesIn} bytes, the view says how many it no longer holds.`,
        vars: { n: 5000, bytes: 500_000 },
      };
    },
  },
  // --- The web shell -----------------------------------------------------------------------
  {
    area: 'Web shell',
    what: 'Open the page without the token',
    input: 'GET / (no ?token=)',
    via: 'web shell',
    code: 'HTTP 403',
    message:
      'Socket Workbench: this page needs the access token. Open the full URL printed in the terminal (…/?token=…).',
    run: async (c) => {
      const { port } = await c.webHost();
      const res = await fetch(`http://127.0.0.1:${port}/`);
      return { code: `HTTP ${res.status}`, message: await res.text() };
    },
  },
  {
    area: 'Web shell',
    what: 'Open the page with a wrong token of the right length',
    input: 'GET /?token=<wrong>',
    via: 'web shell',
    code: 'HTTP 403',
    message:
      'Socket Workbench: this page needs the access token. Open the full URL printed in the terminal (…/?token=…).',
    run: async (c) => {
      const { port, token } = await c.webHost();
      const res = await fetch(`http://127.0.0.1:${port}/?token=${'x'.repeat(token.length)}`);
      return { code: `HTTP ${res.status}`, message: await res.text() };
    },
  },
  {
    area: 'Web shell',
    what: 'Start the web shell on port 70000',
    input: 'npm run web -- --port 70000',
    via: 'command line',
    code: 'exit 2',
    message: 'Socket Workbench: --port must be a whole number from 0 to 65535 (got "70000").',
    run: async (c) => {
      const out = await c.shellOutput(['--port', '70000']);
      return { code: out.split('\n')[0] ?? '', message: out.split('\n')[1] ?? '' };
    },
  },
  {
    area: 'Web shell',
    what: 'Start the web shell on a port already in use',
    input: 'npm run web -- --port <busy>',
    via: 'command line',
    code: 'exit 1',
    message: 'Socket Workbench: that port is already in use; choose another with --port.',
    run: async (c) => {
      const server = await listening(c);
      const out = await c.shellOutput(['--port', String(server.local?.port)]);
      return { code: out.split('\n')[0] ?? '', message: out.split('\n')[1] ?? '' };
    },
  },
];
