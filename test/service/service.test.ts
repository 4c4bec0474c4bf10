import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type {
  BridgeError,
  CommandName,
  Result,
  ScenarioRunResult,
  SessionInfo,
} from '../../src-shared/contract';
import { COMMAND_NAMES } from '../../src-shared/commands';
import { createEngine } from '../../src-main/app/compose';
import type { Engine } from '../../src-main/engine/engine';
import { MAX_PAYLOAD_BYTES } from '../../src-main/service/schemas';
import { createService, type Service } from '../../src-main/service/service';
import type { EventLog } from '../helpers/events';
import { shutdownEngines, track } from '../helpers/events';
import { hex, killAllPeers, startListeningPeer, utf8 } from '../helpers/peer';

let engine: Engine;
let log: EventLog;
let service: Service;

beforeEach(() => {
  engine = createEngine();
  log = track(engine);
  service = createService(engine, { shell: 'web', version: 'test' });
});

afterEach(async () => {
  shutdownEngines();
  await killAllPeers();
});

/** The value of a successful call; fails the test with the error otherwise. */
async function ok<T>(name: CommandName, args: unknown): Promise<T> {
  const result = await service.call(name, args);
  if (!result.ok) throw new Error(`${name} failed: ${JSON.stringify(result.error)}`);
  return result.value as T;
}

/** The error of a failed call; fails the test if it succeeded. */
async function fails(name: unknown, args: unknown): Promise<BridgeError> {
  const result = await service.call(name, args);
  if (result.ok) throw new Error(`${String(name)} unexpectedly succeeded: ${JSON.stringify(result.value)}`);
  return result.error;
}

/** A failure is data: a code, a plain message, never a stack trace. */
function expectPlainError(result: Result<unknown>): void {
  if (result.ok) return;
  expect(Object.keys(result.error).sort()).toEqual(
    Object.keys(result.error)
      .filter((k) => ['code', 'message', 'params'].includes(k))
      .sort(),
  );
  expect(result.error.code).toMatch(/^[A-Z][A-Z0-9_]+$/);
  expect(typeof result.error.message).toBe('string');
  expect(result.error.message.length).toBeGreaterThan(0);
  expect(result.error.message).not.toMatch(/\n\s+at /);
}

describe('service: commands reach the engine', () => {
  it('opens a UDP endpoint and sends to a Python receiver', async () => {
    const { peer, port } = await startListeningPeer('udp_recv.py');
    const session = await ok<SessionInfo>('udp.open', { bind: true, address: '127.0.0.1', port: 0 });
    expect(session).toMatchObject({ kind: 'udp', state: 'bound', local: { address: '127.0.0.1' } });

    const sent = await ok('udp.send', {
      sessionId: session.id,
      host: '127.0.0.1',
      port,
      payload: utf8('via service'),
    });
    expect(sent).toEqual({ bytes: 11, to: { address: '127.0.0.1', port, family: 'IPv4' } });
    const [, ip, from, data] = await peer.line('RECV');
    expect([ip, Number(from), data]).toEqual(['127.0.0.1', session.local?.port, hex('via service')]);

    const info = await ok<{ shell: string; version: string; sessions: SessionInfo[] }>('app.info', {});
    expect(info).toMatchObject({ shell: 'web', version: 'test', platform: process.platform });
    expect(info.sessions.map((s) => s.id)).toEqual([session.id]);
    expect(await ok('sessions.list', {})).toEqual([engine.info(session.id)]);
  });

  it('accepts a bracketed IPv6 address as people paste it from URLs', async () => {
    const session = await ok<SessionInfo>('udp.open', { bind: true, address: '[::1]', port: 0 });
    expect(session.local).toMatchObject({ address: '::1', family: 'IPv6' });
  });
});

describe('service: errors come back as { code, message }', () => {
  it('EADDRINUSE when a Python program already has the UDP port', async () => {
    const { port } = await startListeningPeer('udp_recv.py');
    const error = await fails('udp.open', { bind: true, address: '127.0.0.1', port });
    expect(error).toEqual({
      code: 'EADDRINUSE',
      message: `Port ${port} is already in use on 127.0.0.1. Another program (or another session) has it.`,
      params: { address: '127.0.0.1', port },
    });
    // A session whose bind failed never appears.
    expect(engine.list()).toEqual([]);
    engine.flush();
    expect(log.opened()).toEqual([]);
  });

  it('EADDRINUSE when a Python program already listens on the TCP port', async () => {
    const { port } = await startListeningPeer('tcp_server.py');
    const error = await fails('tcp.listen', { address: '127.0.0.1', port });
    expect(error).toMatchObject({ code: 'EADDRINUSE', params: { address: '127.0.0.1', port } });
    expect(error.message).toContain(String(port));
    expect(engine.list()).toEqual([]);
  });

  it('ECONNREFUSED ends the connecting session as failed, with the error on it', async () => {
    // Listen, then stop: the port is known to be closed.
    const probe = await ok<SessionInfo>('tcp.listen', { address: '127.0.0.1', port: 0 });
    const port = probe.local?.port ?? 0;
    await ok('session.close', { sessionId: probe.id });

    const session = await ok<SessionInfo>('tcp.connect', { host: '127.0.0.1', port });
    expect(session.state).toBe('connecting');
    const failed = await log.waitForState(session.id, 'failed');
    expect(failed.error).toEqual({
      code: 'ECONNREFUSED',
      message: `Connection refused: nothing is listening on 127.0.0.1:${port}.`,
      params: { address: '127.0.0.1', port, endpoint: `127.0.0.1:${port}` },
    });
    const send = await fails('tcp.send', { sessionId: session.id, payload: utf8('x') });
    expect(send.code).toBe('SESSION_CLOSED');
  });

  it('NO_SESSION for an id that does not exist', async () => {
    for (const [name, args] of [
      ['tcp.send', { sessionId: 's999', payload: utf8('x') }],
      ['udp.send', { sessionId: 's999', host: '127.0.0.1', port: 9, payload: utf8('x') }],
      ['session.close', { sessionId: 's999' }],
      ['tcp.reset', { sessionId: 's999' }],
    ] as const) {
      expect(await fails(name, args)).toEqual({
        code: 'NO_SESSION',
        message: 'That session no longer exists.',
        params: { id: 's999' },
      });
    }
  });

  it('WRONG_KIND and STILL_OPEN name what went wrong', async () => {
    const udp = await ok<SessionInfo>('udp.open', { bind: false });
    expect(await fails('tcp.send', { sessionId: udp.id, payload: utf8('x') })).toEqual({
      code: 'WRONG_KIND',
      message: 'This action does not apply to a udp session.',
      params: { kind: 'udp' },
    });
    expect(await fails('session.remove', { sessionId: udp.id })).toMatchObject({ code: 'STILL_OPEN' });
    await ok('session.close', { sessionId: udp.id });
    expect(await ok('session.remove', { sessionId: udp.id })).toEqual({ removed: [udp.id] });
  });

  it('BAD_PORT for a port out of range, with the lowest allowed value', async () => {
    expect(
      await fails('udp.send', { sessionId: 's1', host: '127.0.0.1', port: 70000, payload: utf8('x') }),
    ).toEqual({
      code: 'BAD_PORT',
      message: 'Port must be a whole number from 1 to 65535.',
      params: { min: 1, value: '70000' },
    });
    expect(await fails('tcp.listen', { port: 70000 })).toEqual({
      code: 'BAD_PORT',
      message: 'Port must be a whole number from 0 to 65535.',
      params: { min: 0, value: '70000' },
    });
    expect(await fails('tcp.connect', { host: '127.0.0.1', port: 0 })).toMatchObject({
      code: 'BAD_PORT',
      params: { min: 1, value: '0' },
    });
    expect(await fails('udp.open', { bind: true, port: 1.5 })).toMatchObject({ code: 'BAD_PORT' });
    expect(await fails('tcp.listen', { port: '80' })).toMatchObject({
      code: 'BAD_PORT',
      params: { value: '80' },
    });
    expect(await fails('tcp.connect', { host: '127.0.0.1', port: 80, localPort: -1 })).toMatchObject({
      code: 'BAD_PORT',
      params: { min: 0 },
    });
  });

  it('BAD_ADDRESS for something that is not an IP address; BAD_HOST for no host at all', async () => {
    expect(await fails('udp.open', { bind: true, address: '999.1.1.1' })).toEqual({
      code: 'BAD_ADDRESS',
      message: '"999.1.1.1" is not a valid IP address.',
      params: { value: '999.1.1.1' },
    });
    expect(await fails('tcp.listen', { address: 'localhost', port: 0 })).toMatchObject({
      code: 'BAD_ADDRESS',
    });
    expect(await fails('tcp.connect', { host: 'no such host!', port: 80 })).toMatchObject({
      code: 'BAD_HOST_NAME',
      params: { value: 'no such host!' },
    });
    expect(await fails('tcp.connect', { host: '  ', port: 80 })).toMatchObject({ code: 'BAD_HOST' });
    expect(await fails('tcp.connect', { port: 80 })).toMatchObject({ code: 'BAD_HOST' });
  });

  it('BAD_PAYLOAD unless the payload is bytes of an allowed size', async () => {
    const base = { sessionId: 's1', host: '127.0.0.1', port: 9 };
    for (const payload of [undefined, 'hello', [104, 105], { 0: 104 }, null]) {
      expect(await fails('udp.send', { ...base, payload })).toEqual({
        code: 'BAD_PAYLOAD',
        message: 'The data to send must be bytes.',
        params: {},
      });
    }
    const tooBig = new Uint8Array(MAX_PAYLOAD_BYTES + 1);
    expect(await fails('tcp.send', { sessionId: 's1', payload: tooBig })).toMatchObject({
      code: 'PAYLOAD_TOO_LARGE',
    });
  });

  it('BAD_COMMAND for a name outside the contract; BAD_ARGS for malformed arguments', async () => {
    expect(await fails('tcp.explode', {})).toEqual({
      code: 'BAD_COMMAND',
      message: 'Unknown command "tcp.explode".',
      params: { name: 'tcp.explode' },
    });
    for (const name of [undefined, null, 42, {}, ['udp.open'], 'toString', '__proto__']) {
      expect((await fails(name, {})).code).toBe('BAD_COMMAND');
    }
    const extra = await fails('session.close', { sessionId: 's1', force: true });
    expect(extra.code).toBe('BAD_ARGS');
    expect(extra.message).toMatch(/^The request was malformed: /);
    expect((await fails('udp.open', 'bind please')).code).toBe('BAD_ARGS');
    expect((await fails('udp.open', {})).code).toBe('BAD_ARGS');
  });

  it('never throws: values with no JSON form (BigInt, cycles) still come back as BAD_PORT', async () => {
    const cyclic: Record<string, unknown> = {};
    cyclic.self = cyclic;
    for (const port of [1n, cyclic]) {
      const result = await service.call('udp.send', {
        sessionId: 's1',
        host: '127.0.0.1',
        port,
        payload: utf8('x'),
      });
      expect(result).toMatchObject({ ok: false, error: { code: 'BAD_PORT' } });
    }
  });

  it('never throws and always answers { ok, value | error } for odd input to every command', async () => {
    const cyclic: Record<string, unknown> = {};
    cyclic.self = cyclic;
    const odd: unknown[] = [
      undefined,
      null,
      true,
      0,
      -1,
      Number.NaN,
      Infinity,
      2n ** 70n,
      '',
      'x'.repeat(10_000),
      [],
      [1, 2, 3],
      new Uint8Array(3),
      new Map([['sessionId', 's1']]),
      new Set([1]),
      new Date(0),
      cyclic,
      { __proto__: { sessionId: 's1' } },
    ];
    // Only as arguments: neither structured clone nor MessagePack can deliver a prototype-less object.
    const bare: unknown = Object.create(null);
    // Every field a command knows, each set to every odd value; opening commands keep an invalid
    // port, so nothing generated here can reach the network.
    const fields = ['sessionId', 'host', 'port', 'payload', 'address', 'bind', 'backlog', 'localPort'];
    const inputs: unknown[] = [...odd, bare];
    for (const field of fields) {
      for (const value of [...odd, bare])
        inputs.push({ port: 70000, [field]: value }, { sessionId: 's1', [field]: value });
    }
    for (const name of [...COMMAND_NAMES, ...odd]) {
      for (const args of inputs) {
        const result = await service.call(name, args);
        expect(typeof result.ok).toBe('boolean');
        expectPlainError(result);
      }
    }
    // Nothing above opened a socket.
    expect(engine.list()).toEqual([]);
  });
});

// scenario.run / scenario.cancel: a scenario file's steps on an open session (the Scenario tab).

/** A TCP client session of the app, connected to a Python server that answers every message with `reply`. */
async function clientOf(
  reply: string,
): Promise<{ session: SessionInfo; peer: Awaited<ReturnType<typeof startListeningPeer>>['peer'] }> {
  const { peer, port } = await startListeningPeer('tcp_server.py', ['--reply', hex(reply)]);
  const session = await ok<SessionInfo>('tcp.connect', { host: '127.0.0.1', port });
  await log.waitForState(session.id, 'connected');
  return { session, peer };
}

const GREETING = [
  'name: greeting',
  'timeout: 1500',
  'steps:',
  '  - connect: true',
  '  - name: greet',
  '    send: "HELLO\\n"',
  '  - expect: "^HELLO \\\\w+"',
  '  - close: true',
  '',
].join('\n');

describe('scenario.run on an open session', () => {
  it('grades a server that answers right: every step passes, with what arrived as hex and text', async () => {
    const { session, peer } = await clientOf('HELLO alice\n');
    const result = await ok<ScenarioRunResult>('scenario.run', {
      sessionId: session.id,
      text: GREETING,
      format: 'yaml',
    });
    expect(result).toMatchObject({ name: 'greeting', passed: true, cancelled: false });
    expect(result.steps.map((s) => [s.label, s.status])).toEqual([
      ['connect', 'pass'],
      ['greet: send "HELLO\\n"', 'pass'],
      ['expect /^HELLO \\w+/', 'pass'],
      ['close', 'pass'],
    ]);
    expect(result.steps[2]?.received).toEqual({
      hex: '48 45 4C 4C 4F 20 61 6C 69 63 65 0A',
      text: 'HELLO alice\n',
    });
    // Sent through the session: the server got the bytes, and the session is still open.
    expect((await peer.line('RECV'))[3]).toBe(hex('HELLO\n'));
    const after = await ok<SessionInfo[]>('sessions.list', {});
    expect(after.find((s) => s.id === session.id)?.state).toBe('connected');
  });

  it('grades a server that answers wrongly: the expect fails with NO_MATCH and what did arrive, the rest is skipped', async () => {
    const { session } = await clientOf('GOODBYE\n');
    const result = await ok<ScenarioRunResult>('scenario.run', {
      sessionId: session.id,
      text: JSON.stringify({
        name: 'greeting',
        timeout: 800,
        steps: [{ send: 'HELLO\n' }, { expect: '^HELLO' }, { send: 'BYE\n' }],
      }),
      format: 'json',
    });
    expect(result.passed).toBe(false);
    expect(result.steps.map((s) => s.status)).toEqual(['pass', 'fail', 'skip']);
    const failed = result.steps[1];
    expect(failed?.error).toMatchObject({
      code: 'NO_MATCH',
      params: { pattern: '/^HELLO/', timeout: 800, received: '"GOODBYE␊"' },
    });
    expect(failed?.error?.message).toBe('No reply matching /^HELLO/ within 800 ms; received: "GOODBYE␊".');
    expect(failed?.received).toEqual({ hex: '47 4F 4F 44 42 59 45 0A', text: 'GOODBYE\n' });
  });

  it('is cancelled by scenario.cancel: the waiting step ends at once, the rest is skipped', async () => {
    const { session } = await clientOf('NOTHING USEFUL\n');
    const run = service.call('scenario.run', {
      sessionId: session.id,
      text: JSON.stringify({ timeout: 60_000, steps: [{ send: 'x' }, { expect: 'never' }, { send: 'y' }] }),
      format: 'json',
    });
    // Cancel once the run is waiting: the send has gone out.
    let cancelled = { cancelled: false };
    for (let i = 0; i < 200 && !cancelled.cancelled; i += 1) {
      cancelled = await ok<{ cancelled: boolean }>('scenario.cancel', { sessionId: session.id });
      if (!cancelled.cancelled) await new Promise((done) => setImmediate(done));
    }
    expect(cancelled.cancelled).toBe(true);
    const result = await run;
    if (!result.ok) throw new Error(JSON.stringify(result.error));
    const value = result.value as ScenarioRunResult;
    expect(value.cancelled).toBe(true);
    // The step that was waiting did not fail (no timeout passed): it was skipped, like the rest.
    expect(value.steps.map((s) => s.status)).toEqual(['pass', 'skip', 'skip']);
  });

  it('refuses a malformed scenario and an unknown session in words', async () => {
    const { session } = await clientOf('x');
    const bad = await service.call('scenario.run', {
      sessionId: session.id,
      text: 'steps: [{expect: {regx: 1}}]',
      format: 'yaml',
    });
    expect(bad.ok).toBe(false);
    if (!bad.ok) expect(bad.error.code).toBe('BAD_SCENARIO');
    const unknown = await service.call('scenario.run', { sessionId: 'nope', text: GREETING, format: 'yaml' });
    expect(unknown.ok).toBe(false);
  });
});
