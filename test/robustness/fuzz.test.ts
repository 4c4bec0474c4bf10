/**
 * Bridge fuzzing with fast-check: random and malformed arguments for every
 * command through service.call, and random frames through a real web shell's
 * WebSocket. Main must never crash, never leak a socket, and always answer
 * { ok: true, value } or { ok: false, error: { code, message } }.
 *
 * Generated values can only point at loopback: every address or host field is
 * either a loopback address, a port known to be closed, or something the
 * schema refuses; a generated multicast join is pinned to 127.0.0.1. So a
 * valid generated command never sends anywhere but 127.0.0.1 / ::1.
 */
import { encode } from '@msgpack/msgpack';
import fc from 'fast-check';
import { mkdtemp, rm } from 'node:fs/promises';
import { isIP } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { COMMAND_NAMES } from '../../src-shared/commands';
import type { CommandName, Result, SessionInfo } from '../../src-shared/contract';
import { createEngine } from '../../src-main/app/compose';
import { createService, type Service } from '../../src-main/service/service';
import {
  closedTcpPort,
  socketHandles,
  startShell,
  stopAllShells,
  tcpPortFree,
  udpPortFree,
  waitUntil,
  WsBridge,
} from './support';

/** Per command; each also stops after its time limit, so the suite stays within its budget on 2 cores. */
const RUNS = 300;
const TIME_LIMIT_MS = 1500;

const ADDRESS_KEYS = new Set([
  'host',
  'address',
  'localAddress',
  'interfaceAddress',
  'multicastInterface',
  'group',
]);
const LOOPBACK = new Set(['127.0.0.1', '::1', '[::1]', ' 127.0.0.1 ', '0.0.0.0', '::', '127.255.255.255']);

let closedPort = 9;
let fuzzDir = '';
const problems: string[] = [];
const onUnhandled = (err: unknown): void => {
  problems.push(String(err));
};

beforeAll(async () => {
  closedPort = await closedTcpPort();
  fuzzDir = await mkdtemp(join(tmpdir(), 'workbench-fuzz-'));
  process.on('unhandledRejection', onUnhandled);
  process.on('uncaughtException', onUnhandled);
});

afterAll(async () => {
  process.off('unhandledRejection', onUnhandled);
  process.off('uncaughtException', onUnhandled);
  await stopAllShells();
  await rm(fuzzDir, { recursive: true, force: true });
});

/**
 * The last line of defence for the loopback rule: a generated address that is
 * neither loopback nor invalid is replaced by an invalid one, and a valid
 * multicast group is joined on 127.0.0.1 only (no IGMP report on a real interface).
 */
function confine(value: unknown, command = ''): unknown {
  if (command === 'capture.start' && value !== null && typeof value === 'object' && !Array.isArray(value)) {
    // Captures write files: only ever into this suite's own temporary folder.
    const { path: _path, ...rest } = value as Record<string, unknown>;
    value = { ...rest, directory: fuzzDir };
  }
  if (value === null || typeof value !== 'object' || value instanceof Uint8Array || Array.isArray(value))
    return value;
  const out: Record<string, unknown> = { ...(value as Record<string, unknown>) };
  for (const [key, v] of Object.entries(out)) {
    if (ADDRESS_KEYS.has(key) && typeof v === 'string' && key !== 'group') {
      const bare = v.trim().replace(/^\[(.*)\]$/, '$1');
      const named = /^[A-Za-z0-9_.-]+$/.test(bare) && isIP(bare) === 0;
      if ((isIP(bare) !== 0 && !LOOPBACK.has(v)) || named) out[key] = `${v} !`;
    }
    if (key === 'config') out[key] = confine(v);
    // Never another test's server or a fixed port someone else may need: a usable port is one known closed.
    if (
      key === 'port' &&
      (v === 'closed' || (Number.isInteger(v) && (v as number) > 0 && (v as number) < 65536))
    )
      out[key] = closedPort;
    if (key === 'localPort' && Number.isInteger(v) && (v as number) > 0 && (v as number) < 65536)
      out[key] = 0;
  }
  if (typeof out.group === 'string' && isIP(out.group.trim()) !== 0) out.interfaceAddress = '127.0.0.1';
  return out;
}

const nasty = fc.oneof(
  fc.constantFrom(
    null,
    undefined,
    true,
    false,
    0,
    -1,
    1.5,
    Number.NaN,
    Infinity,
    -Infinity,
    2 ** 53,
    '',
    ' ',
    '0',
  ),
  fc.constantFrom(
    '__proto__',
    'constructor',
    'x'.repeat(5000),
    '\u0000',
    '\ud800',
    '<script>',
    '../../etc/passwd',
  ),
  fc.integer(),
  fc.double(),
  fc.string({ maxLength: 40 }),
  fc.bigInt(),
  fc.uint8Array({ maxLength: 64 }),
  fc.array(fc.integer(), { maxLength: 5 }),
  fc.dictionary(fc.string({ maxLength: 5 }), fc.integer(), { maxKeys: 3 }),
);

const address = fc.oneof(
  fc.constantFrom(...LOOPBACK, '', '999.1.1.1', '::1::2', 'localhost !', '127.0.0.1.evil !', '[::1'),
  fc.string({ maxLength: 20 }).map((s) => `${s} !`),
  nasty,
);
/** Destination ports: one known to be closed, or invalid ones. Never another test's server. */
const badPort = fc.constantFrom(0, -1, 65536, 1.5, '80', Number.NaN, null, undefined, 2 ** 53, 'x', 10n);
const port = fc.oneof(fc.constant('closed'), badPort);
/** Local ports: the OS's choice, or invalid ones. */
const localPort = fc.oneof(fc.constant(0), badPort);
const payload = fc.oneof(fc.uint8Array({ maxLength: 2048 }), nasty);
const rule = fc.record(
  {
    match: fc.oneof(fc.constantFrom('exact', 'contains', 'starts', 'ends', 'hex', 'regex'), nasty),
    pattern: fc.oneof(
      fc.string({ maxLength: 30 }),
      fc.constantFrom('(', '[', '\\', 'zz', '48 65', '(a+)+$'),
      nasty,
    ),
    reply: fc.oneof(fc.string({ maxLength: 30 }), fc.constantFrom('\\q', '\\x4', '€', '$1', '你好'), nasty),
    replyHex: fc.oneof(fc.boolean(), nasty),
  },
  { requiredKeys: [] },
);

/** Arguments shaped like the command's (so validation gets past the first field), and wholly random ones. */
function argsFor(sessionIds: string[]): fc.Arbitrary<unknown> {
  const sessionId = fc.oneof(fc.constantFrom(...sessionIds, 's0', 's999999', ''), nasty);
  const shaped = fc.record(
    {
      sessionId,
      bind: fc.oneof(fc.boolean(), nasty),
      address,
      host: address,
      localAddress: address,
      interfaceAddress: address,
      multicastInterface: address,
      group: fc.oneof(fc.constantFrom('239.1.2.3', 'ff02::1234', '10.0.0.1', '224.0.0.1'), address),
      port,
      localPort,
      family: fc.oneof(fc.constantFrom('IPv4', 'IPv6'), nasty),
      payload,
      connect: fc.oneof(fc.boolean(), nasty),
      broadcast: fc.oneof(fc.boolean(), nasty),
      ttl: fc.oneof(fc.integer({ min: -1, max: 300 }), nasty),
      multicastTtl: fc.oneof(fc.integer({ min: -1, max: 300 }), nasty),
      multicastLoopback: fc.oneof(fc.boolean(), nasty),
      timeoutMs: fc.oneof(fc.integer({ min: -1, max: 500 }), nasty),
      reconnectMs: fc.oneof(fc.constantFrom(0, 50), nasty),
      backlog: fc.oneof(fc.integer({ min: -1, max: 70000 }), nasty),
      maxClients: fc.oneof(fc.integer({ min: -1, max: 10 }), nasty),
      closeOnPeerEnd: fc.oneof(fc.boolean(), nasty),
      config: fc.oneof(
        fc.record(
          {
            echo: fc.oneof(fc.boolean(), nasty),
            encoding: fc.oneof(fc.constantFrom('utf-8', 'gbk', 'ascii', 'klingon'), nasty),
            rules: fc.oneof(fc.array(rule, { maxLength: 3 }), nasty),
          },
          { requiredKeys: [] },
        ),
        nasty,
      ),
    },
    { requiredKeys: [] },
  );
  return fc.oneof(
    { weight: 4, arbitrary: shaped },
    { weight: 1, arbitrary: fc.anything() },
    { weight: 1, arbitrary: nasty },
  );
}

/** MessagePack cannot carry a BigInt (nor can a browser send one): such values go as their text. */
function encodeAny(value: unknown): Uint8Array {
  try {
    return encode(value);
  } catch {
    return encode(
      JSON.parse(
        JSON.stringify(value, (_k, v: unknown) => (typeof v === 'bigint' ? String(v) : v)) ?? 'null',
      ),
    );
  }
}

/** The one shape every answer must have. */
function checkAnswer(result: Result<unknown>): void {
  expect(typeof result).toBe('object');
  if (result.ok) {
    expect(Object.keys(result).sort()).toEqual(['ok', 'value']);
    return;
  }
  expect(result.error.code).toMatch(/^[A-Z][A-Z0-9_]+$/);
  expect(result.error.code).not.toBe('INTERNAL');
  expect(typeof result.error.message).toBe('string');
  expect(result.error.message.length).toBeGreaterThan(0);
  expect(result.error.message).not.toMatch(/\n\s+at /);
}

/** A live fixture: one session of every kind, so commands reach the engine and not only the schema. */
async function fixtures(service: Service): Promise<string[]> {
  const ok = async (name: CommandName, args: unknown): Promise<SessionInfo> => {
    const r = await service.call(name, args);
    if (!r.ok) throw new Error(`${name}: ${r.error.message}`);
    return r.value as SessionInfo;
  };
  const udpBound = await ok('udp.open', { bind: true, address: '127.0.0.1', port: 0 });
  const udpIdle = await ok('udp.open', { bind: false });
  const server = await ok('tcp.listen', { address: '127.0.0.1', port: 0 });
  const client = await ok('tcp.connect', { host: '127.0.0.1', port: server.local?.port });
  await new Promise((r) => setTimeout(r, 50));
  return [udpBound.id, udpIdle.id, server.id, client.id, ...new Set(['s5', 's6'])];
}

let totalCalls = 0;

describe('fuzzing service.call: every command, random and malformed arguments', () => {
  let baseline = 0;
  beforeAll(() => {
    baseline = socketHandles();
  });
  afterEach(() => {
    expect(problems).toEqual([]);
  });

  for (const name of COMMAND_NAMES) {
    it(`${name}: always { ok, value } or { ok: false, error: { code, message } }; no socket outlives the engine`, async () => {
      const engine = createEngine();
      const service = createService(engine, { shell: 'web', version: 'fuzz' });
      const ids = await fixtures(service);
      let calls = 0;
      try {
        await fc.assert(
          fc.asyncProperty(argsFor(ids), async (raw) => {
            calls += 1;
            checkAnswer(await service.call(name, confine(raw, name)));
          }),
          { numRuns: RUNS, interruptAfterTimeLimit: TIME_LIMIT_MS, markInterruptAsFailure: false },
        );
      } finally {
        // Every port any session held must be free again once the engine shuts down.
        const held = engine
          .list()
          .filter((s) => s.kind === 'udp' || s.kind === 'tcp-server')
          .map((s) => ({ kind: s.kind, port: s.local?.port ?? 0, address: s.local?.address ?? '' }))
          .filter((s) => s.port > 0 && s.address === '127.0.0.1');
        engine.shutdown();
        await waitUntil(
          () => socketHandles() <= baseline,
          `sockets back to ${baseline} (now ${socketHandles()})`,
        );
        for (const s of held) {
          expect(await (s.kind === 'udp' ? udpPortFree(s.port) : tcpPortFree(s.port))).toBe(true);
        }
      }
      totalCalls += calls;
      expect(calls).toBeGreaterThan(20);
    });
  }

  it('also answers names that are not commands', async () => {
    const engine = createEngine();
    const service = createService(engine, { shell: 'web', version: 'fuzz' });
    await fc.assert(
      fc.asyncProperty(fc.oneof(fc.string(), nasty, fc.anything()), fc.anything(), async (name, args) => {
        totalCalls += 1;
        const r = await service.call(name, args);
        checkAnswer(r);
        if (typeof name !== 'string' || !(COMMAND_NAMES as string[]).includes(name)) {
          expect(r.ok).toBe(false);
        }
      }),
      { numRuns: RUNS, interruptAfterTimeLimit: TIME_LIMIT_MS, markInterruptAsFailure: false },
    );
    engine.shutdown();
  });

  afterAll(() => {
    // The figure CONTRIBUTING.md quotes (Robustness).
    console.log(`fuzz: ${totalCalls} service calls over ${COMMAND_NAMES.length} commands, all answered`);
  });
});

describe('fuzzing the web shell: random frames on a real WebSocket', () => {
  it('never crashes, keeps answering, and frees every port on SIGTERM', async () => {
    const shell = await startShell();
    const bridge = await WsBridge.open(shell.url);
    const sessionIds = ['s1', 's2', 's3', 's999'];
    await bridge.ok('udp.open', { bind: true, address: '127.0.0.1', port: 0 });
    const server = await bridge.ok<SessionInfo>('tcp.listen', { address: '127.0.0.1', port: 0 });
    const frame = fc.oneof(
      fc.uint8Array({ maxLength: 256 }),
      fc.anything().map((v) => encodeAny(v)),
      fc
        .record({
          // Never an id the bridge's own good calls use (1, 2, 3, …): an answer to a
          // fuzzed call must not be taken for the answer to the check that follows.
          id: fc
            .oneof(fc.integer(), nasty)
            .filter((id) => !(typeof id === 'number' && id >= 1 && id < 1_000_000)),
          name: fc.oneof(fc.constantFrom(...COMMAND_NAMES), fc.string()),
          args: fc.oneof(argsFor(sessionIds), fc.anything()),
        })
        .map(({ id, name, args }) => encodeAny({ k: 'call', id, name, args: confine(args, String(name)) })),
      fc.string({ maxLength: 64 }),
    );
    let frames = 0;
    await fc.assert(
      fc.asyncProperty(fc.array(frame, { minLength: 1, maxLength: 10 }), async (batch) => {
        for (const f of batch) {
          bridge.ws.send(f);
          frames += 1;
        }
        // After any garbage the bridge still answers a good call.
        const r = await bridge.call('app.info', {});
        expect(r.ok).toBe(true);
      }),
      { numRuns: 60, interruptAfterTimeLimit: 4000, markInterruptAsFailure: false },
    );
    expect(frames).toBeGreaterThan(50);
    expect(shell.child.exitCode).toBeNull();
    const sessions = await bridge.ok<SessionInfo[]>('sessions.list', {});
    const ports = sessions
      .filter(
        (s) =>
          (s.kind === 'udp' || s.kind === 'tcp-server') &&
          s.local?.address === '127.0.0.1' &&
          s.local.port > 0,
      )
      .map((s) => ({ kind: s.kind, port: s.local?.port ?? 0 }));
    bridge.close();
    expect(await shell.stop()).toBe(0);
    for (const p of ports)
      expect(await (p.kind === 'udp' ? udpPortFree(p.port) : tcpPortFree(p.port))).toBe(true);
    expect(await tcpPortFree(server.local?.port ?? 0)).toBe(true);
    console.log(`fuzz: ${frames} WebSocket frames, ${ports.length} ports freed on SIGTERM`);
  });
});
