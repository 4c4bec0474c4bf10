import { execFileSync } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { createEngine } from '../../src-main/app/compose';
import type { Engine } from '../../src-main/engine/engine';
import { createService, type Service } from '../../src-main/service/service';
import type { BridgeError, PeerStats, Result, SessionInfo } from '../../src-shared/contract';
import type { EventLog } from '../helpers/events';
import { shutdownEngines, track } from '../helpers/events';
import { canMakeTestHosts, makeTestHost, type TestHost } from '../helpers/netns';
import { hex, killAllPeers, spawnPeer, startListeningPeer, utf8 } from '../helpers/peer';
import { flood } from '../../e2e/support/flood';

let engine: Engine;
let service: Service;
let log: EventLog;

beforeEach(() => {
  engine = createEngine();
  service = createService(engine, { shell: 'web', version: 'test' });
  log = track(engine);
});

afterEach(async () => {
  shutdownEngines();
  await killAllPeers();
});

async function call<T>(name: string, args: unknown): Promise<T> {
  const result = (await service.call(name, args)) as Result<T>;
  if (!result.ok) throw new Error(`${name} failed: ${result.error.code} ${result.error.message}`);
  return result.value;
}

async function failure(name: string, args: unknown): Promise<BridgeError> {
  const result = await service.call(name, args);
  if (result.ok) throw new Error(`${name} unexpectedly succeeded`);
  return result.error;
}

describe('UDP errors a user can cause', () => {
  it('a port already bound elsewhere: EADDRINUSE naming the port; the app keeps working', async () => {
    const { port } = await startListeningPeer('udp_recv.py', ['--host', '127.0.0.1', '--timeout', '5']);
    const error = await failure('udp.open', { bind: true, address: '127.0.0.1', port });
    expect(error.code).toBe('EADDRINUSE');
    expect(error.message).toContain(String(port));
    expect(engine.list()).toEqual([]);
    await call<SessionInfo>('udp.open', { bind: true, address: '127.0.0.1', port: 0 });
  });

  it('an address that is not this machine’s: EADDRNOTAVAIL', async () => {
    // 192.0.2.0/24 is TEST-NET-1: never a local address. bind() sends nothing.
    const error = await failure('udp.open', { bind: true, address: '192.0.2.77', port: 0 });
    expect(error.code).toBe('EADDRNOTAVAIL');
    expect(error.message).toContain('192.0.2.77');
  });

  it('an unknown host name: ENOTFOUND, and the endpoint stays usable', async () => {
    const udp = await call<SessionInfo>('udp.open', { bind: true, address: '127.0.0.1', port: 0 });
    const error = await failure('udp.send', {
      sessionId: udp.id,
      host: 'no-such-host.invalid',
      port: 9,
      payload: utf8('x'),
    });
    expect(error.code).toBe('ENOTFOUND');
    expect(error.message).toContain('no-such-host.invalid');
    const { peer, port } = await startListeningPeer('udp_recv.py', ['--timeout', '5']);
    await call('udp.send', { sessionId: udp.id, host: '127.0.0.1', port, payload: utf8('still fine') });
    expect((await peer.line('RECV'))[3]).toBe(hex(utf8('still fine')));
  });

  it('a datagram over the size limit: EMSGSIZE with its size, nothing counted', async () => {
    const udp = await call<SessionInfo>('udp.open', { bind: true, address: '127.0.0.1', port: 0 });
    const error = await failure('udp.send', {
      sessionId: udp.id,
      host: '127.0.0.1',
      port: 9,
      payload: new Uint8Array(70_000),
    });
    expect(error.code).toBe('EMSGSIZE');
    expect(error.params?.size).toBe(70_000);
    expect(engine.info(udp.id).counters.messagesOut).toBe(0);
  });

  it('connect()ed to a port nobody listens on: the ICMP "port unreachable" arrives as ECONNREFUSED', async () => {
    const { peer, port } = await startListeningPeer('udp_recv.py', ['--timeout', '1']);
    await peer.exit(5000); // the port is closed again once the receiver has gone
    const udp = await call<SessionInfo>('udp.open', { bind: true, address: '127.0.0.1', port: 0 });
    await call('udp.send', {
      sessionId: udp.id,
      host: '127.0.0.1',
      port,
      payload: utf8('anyone?'),
      connect: true,
    });
    const step = await log.waitFor(
      () => log.timeline(udp.id).find((e) => e.step === 'error'),
      'an error step',
    );
    expect(step.error?.code).toBe('ECONNREFUSED');
    expect(step.error?.message).toContain(`127.0.0.1:${port}`);
    expect(engine.info(udp.id).udp?.connectedTo).toEqual({ address: '127.0.0.1', port, family: 'IPv4' });
    // Still usable: an unconnected send elsewhere works and disconnects first.
    const other = await startListeningPeer('udp_recv.py', ['--timeout', '5']);
    await call('udp.send', { sessionId: udp.id, host: '127.0.0.1', port: other.port, payload: utf8('ok') });
    await other.peer.line('RECV');
    expect(engine.info(udp.id).udp?.connectedTo).toBeUndefined();
  });

  it('an IPv4 destination on an IPv6 socket: FAMILY_MISMATCH naming both families, a step in the lifecycle', async () => {
    const udp = await call<SessionInfo>('udp.open', { bind: true, address: '::1', port: 0 });
    const port = udp.local?.port ?? 0;
    const error = await failure('udp.send', {
      sessionId: udp.id,
      host: '127.0.0.1',
      port: 9,
      payload: utf8('x'),
    });
    // Not the OS's bare EINVAL: which family each side is, and what would work.
    expect(error.code).toBe('FAMILY_MISMATCH');
    expect(error.message).toBe(
      `This socket is IPv6 ([::1]:${port}); 127.0.0.1 is an IPv4 address, which it cannot reach. Open an IPv4 socket, or use an IPv6 address such as ::1.`,
    );
    const step = await log.waitFor(
      () => log.timeline(udp.id).find((e) => e.step === 'error'),
      'the failed sendto() step',
    );
    expect(step.detail).toEqual({ call: 'sendto', host: '127.0.0.1', port: 9 });
    expect(step.error?.code).toBe('FAMILY_MISMATCH');
    // The socket lives on: nothing was sent, nothing counted, no session error.
    expect(engine.info(udp.id).state).toBe('bound');
    expect(engine.info(udp.id).error).toBeUndefined();
  });

  it('unbound with the IPv6 family: socket(AF_INET6), an IPv4 destination refused, ::1 reached from [::]', async () => {
    const udp = await call<SessionInfo>('udp.open', { bind: false, family: 'IPv6' });
    expect(engine.timeline(udp.id)[0]?.detail).toEqual({ type: 'SOCK_DGRAM', family: 'IPv6' });
    const error = await failure('udp.send', {
      sessionId: udp.id,
      host: '127.0.0.1',
      port: 9,
      payload: utf8('x'),
    });
    expect(error.code).toBe('FAMILY_MISMATCH');
    expect(error.message).toContain('This socket is IPv6 (AF_INET6); 127.0.0.1 is an IPv4 address');
    expect(engine.info(udp.id).state).toBe('idle');
    const { peer, port } = await startListeningPeer('udp_recv.py', ['--host', '::1', '--timeout', '5']);
    await call('udp.send', { sessionId: udp.id, host: '::1', port, payload: utf8('v6') });
    expect((await peer.line('RECV'))[3]).toBe(hex(utf8('v6')));
    expect(engine.info(udp.id).local).toMatchObject({ address: '::', family: 'IPv6' });
  });

  it('every failed call is a lifecycle step with its error: setsockopt, joining and leaving a group', async () => {
    const unbound = await call<SessionInfo>('udp.open', { bind: false });
    await failure('udp.joinGroup', { sessionId: unbound.id, group: '239.1.2.3' });
    const udp = await call<SessionInfo>('udp.open', { bind: true, address: '127.0.0.1', port: 0 });
    // 192.0.2.77 (TEST-NET-1) is no interface of this machine: the OS refuses IP_MULTICAST_IF.
    const option = await failure('udp.configure', { sessionId: udp.id, multicastInterface: '192.0.2.77' });
    await failure('udp.joinGroup', { sessionId: udp.id, group: 'ff02::1' });
    await failure('udp.leaveGroup', { sessionId: udp.id, group: '239.1.2.3' });
    const failed = (id: string) =>
      log
        .timeline(id)
        .filter((e) => e.step === 'error')
        .map((e) => [e.detail?.call, e.error?.code]);
    await log.waitFor(() => failed(udp.id).length === 3 || undefined, 'three failed calls');
    expect(failed(unbound.id)).toEqual([['join-group', 'NOT_BOUND']]);
    expect(failed(udp.id)).toEqual([
      ['setsockopt', option.code],
      ['join-group', 'FAMILY_MISMATCH'],
      ['leave-group', 'NOT_MEMBER'],
    ]);
    expect(engine.info(udp.id).udp?.multicastInterface).toBeUndefined();
  });

  it('multicast needs a bound socket and a group address', async () => {
    const unbound = await call<SessionInfo>('udp.open', { bind: false });
    expect((await failure('udp.joinGroup', { sessionId: unbound.id, group: '239.1.2.3' })).code).toBe(
      'NOT_BOUND',
    );
    const bound = await call<SessionInfo>('udp.open', { bind: true, address: '0.0.0.0', port: 0 });
    expect((await failure('udp.joinGroup', { sessionId: bound.id, group: '10.1.2.3' })).code).toBe(
      'BAD_MULTICAST',
    );
    expect((await failure('udp.leaveGroup', { sessionId: bound.id, group: '239.1.2.3' })).code).toBe(
      'NOT_MEMBER',
    );
  });
});

describe('UDP peers', () => {
  it('counts every peer exactly, in and out', async () => {
    const udp = await call<SessionInfo>('udp.open', { bind: true, address: '127.0.0.1', port: 0 });
    const port = udp.local?.port ?? 0;
    const a = spawnPeer('udp_send.py', [
      '127.0.0.1',
      String(port),
      hex(utf8('aaaa')),
      '--count',
      '3',
      '--replies',
      '1',
    ]);
    const b = spawnPeer('udp_send.py', [
      '127.0.0.1',
      String(port),
      hex(utf8('bb')),
      '--count',
      '2',
      '--replies',
      '0',
    ]);
    const [, , aPort] = await a.line('LOCAL');
    const [, , bPort] = await b.line('LOCAL');
    await log.waitForRecords(udp.id, 'in', 5);
    await call('udp.send', {
      sessionId: udp.id,
      host: '127.0.0.1',
      port: Number(aPort),
      payload: utf8('reply'),
    });
    await a.line('RECV');
    const peers = await call<PeerStats[]>('udp.peers', { sessionId: udp.id });
    const byPort = new Map(peers.map((p) => [p.peer.port, p.counters]));
    expect(byPort.get(Number(aPort))).toEqual({ bytesIn: 12, messagesIn: 3, bytesOut: 5, messagesOut: 1 });
    expect(byPort.get(Number(bPort))).toEqual({ bytesIn: 4, messagesIn: 2, bytesOut: 0, messagesOut: 0 });
  });
});

/** The kernel's own view of a UDP socket's receive buffer: `ss -m` prints skmem:(r0,rb<bytes>,…). */
function kernelReceiveBuffer(port: number): number {
  const out = execFileSync('ss', ['-uanm', `sport = :${port}`], { encoding: 'utf8' });
  return Number(/\brb(\d+)/.exec(out)?.[1]);
}

describe.skipIf(process.platform !== 'linux')('UDP receive buffer (SO_RCVBUF)', () => {
  const rmemMax = Number(readFileSync('/proc/sys/net/core/rmem_max', 'utf8'));
  /** Linux caps the request at net.core.rmem_max, then doubles it for its bookkeeping. */
  const granted = (asked: number): number => 2 * Math.min(asked, rmemMax);

  it('asks for 4 MiB by default and reports what the kernel granted; a change applies at once', async () => {
    const udp = await call<SessionInfo>('udp.open', { bind: true, address: '127.0.0.1', port: 0 });
    const port = udp.local?.port ?? 0;
    expect(udp.udp?.receiveBufferSize).toBe(4 * 1024 * 1024);
    expect(udp.udp?.receiveBufferGranted).toBe(granted(4 * 1024 * 1024));
    expect(kernelReceiveBuffer(port)).toBe(granted(4 * 1024 * 1024));

    const changed = await call<SessionInfo>('udp.configure', { sessionId: udp.id, receiveBufferSize: 65536 });
    expect(changed.udp).toMatchObject({ receiveBufferSize: 65536, receiveBufferGranted: granted(65536) });
    expect(kernelReceiveBuffer(port)).toBe(granted(65536));
    const option = await log.waitForStep(udp.id, 'option');
    expect(option.detail).toEqual({ name: 'receiveBufferSize', value: '65536' });
  });

  it('chosen before the socket exists, it is set when the first sendto makes the OS bind it', async () => {
    const receiver = await startListeningPeer('udp_recv.py', ['--host', '127.0.0.1', '--timeout', '5']);
    const udp = await call<SessionInfo>('udp.open', { bind: false });
    const chosen = await call<SessionInfo>('udp.configure', {
      sessionId: udp.id,
      receiveBufferSize: 1024 * 1024,
    });
    expect(chosen.udp?.receiveBufferGranted).toBeUndefined(); // no socket in the kernel yet
    await call('udp.send', { sessionId: udp.id, host: '127.0.0.1', port: receiver.port, payload: utf8('x') });
    await receiver.peer.line('RECV');
    const bound = engine.info(udp.id);
    expect(bound.udp?.receiveBufferGranted).toBe(granted(1024 * 1024));
    expect(kernelReceiveBuffer(bound.local?.port ?? 0)).toBe(granted(1024 * 1024));
  });

  it('counts what the OS dropped for a full buffer: received + dropped = sent, exactly; a reset zeroes it', async () => {
    const udp = await call<SessionInfo>('udp.open', { bind: true, address: '127.0.0.1', port: 0 });
    await log.waitForSnapshot(udp.id, (s) => s.udp?.receiveDrops === 0, 'no drops yet', 5000);
    // A 1 KiB buffer holds a datagram or two: a flood from another process overflows it.
    await call('udp.configure', { sessionId: udp.id, receiveBufferSize: 1024 });
    const port = String(udp.local?.port);
    const sent = await flood(['udp', '127.0.0.1', port, '--count', '3000', '--chunk', '512']);
    expect(sent.messages).toBe(3000);
    const settled = await log.waitForSnapshot(
      udp.id,
      (s) => s.counters.messagesIn + (s.udp?.receiveDrops ?? 0) === 3000,
      'received + dropped = 3000',
      5000,
    );
    expect(settled.udp?.receiveDrops).toBeGreaterThan(0);
    expect(engine.info(udp.id).udp?.receiveDrops).toBe(3000 - engine.info(udp.id).counters.messagesIn);

    const reset = await call<SessionInfo>('session.resetCounters', { sessionId: udp.id });
    expect(reset.udp?.receiveDrops).toBe(0);
    await call('udp.configure', { sessionId: udp.id, receiveBufferSize: 4 * 1024 * 1024 });
    await flood(['udp', '127.0.0.1', port, '--count', '10', '--chunk', '512']);
    await log.waitFor(
      () => (log.lastCounters(udp.id)?.messagesIn === 10 ? true : undefined),
      '10 after the reset',
    );
    // One more read of the kernel's table: still none dropped since the reset.
    await new Promise((r) => setTimeout(r, 1200));
    expect(engine.info(udp.id).udp?.receiveDrops).toBe(0);
  });

  it('finds the drop count of IPv6 and wildcard sockets too', async () => {
    for (const address of ['::1', '::', '0.0.0.0']) {
      const udp = await call<SessionInfo>('udp.open', { bind: true, address, port: 0 });
      await log.waitForSnapshot(udp.id, (s) => s.udp?.receiveDrops === 0, `${address}: a count`, 5000);
    }
  });

  it('refuses a size below 1 KiB and changes nothing', async () => {
    const udp = await call<SessionInfo>('udp.open', { bind: true, address: '127.0.0.1', port: 0 });
    const error = await failure('udp.configure', { sessionId: udp.id, receiveBufferSize: 100 });
    expect(error.code).toBe('BAD_ARGS');
    expect(error.message).toContain('receiveBufferSize');
    expect(engine.info(udp.id).udp?.receiveBufferSize).toBe(4 * 1024 * 1024);
  });
});

describe('network interfaces', () => {
  it('lists loopback with 127.0.0.1/8 and its broadcast address', async () => {
    const list = await call<
      { name: string; address: string; cidr: string; internal: boolean; broadcast?: string }[]
    >('net.interfaces', {});
    const lo = list.find((i) => i.address === '127.0.0.1');
    expect(lo).toMatchObject({ cidr: '127.0.0.1/8', internal: true, broadcast: '127.255.255.255' });
  });
});

describe.skipIf(!canMakeTestHosts())('broadcast and multicast, to a test host of our own', () => {
  let host: TestHost;
  beforeAll(() => {
    host = makeTestHost();
  });
  afterAll(() => host.remove());

  it('broadcast is refused until the Broadcast option is on, then reaches the subnet', async () => {
    const receiver = spawnPeer('udp_recv.py', ['--host', '0.0.0.0', '--timeout', '8'], host.exec);
    const port = Number((await receiver.line('READY'))[1]);
    const udp = await call<SessionInfo>('udp.open', { bind: true, address: host.localAddress, port: 0 });
    const send = { sessionId: udp.id, host: host.broadcast, port, payload: utf8('to everyone') };

    const refused = await failure('udp.send', send);
    expect(refused.code).toBe('BROADCAST_DISABLED');
    expect(refused.message).toContain(host.broadcast);

    const configured = await call<SessionInfo>('udp.configure', { sessionId: udp.id, broadcast: true });
    expect(configured.udp?.broadcast).toBe(true);
    await call('udp.send', send);
    const [, fromIp, fromPort, bytes] = await receiver.line('RECV');
    expect([fromIp, Number(fromPort), bytes]).toEqual([
      host.localAddress,
      udp.local?.port,
      hex(utf8('to everyone')),
    ]);
  });

  it('a joined endpoint receives the group’s datagrams; after leaving it does not', async () => {
    const group = '239.77.1.2';
    const udp = await call<SessionInfo>('udp.open', { bind: true, address: '0.0.0.0', port: 0 });
    const port = String(udp.local?.port);
    const joined = await call<SessionInfo>('udp.joinGroup', {
      sessionId: udp.id,
      group,
      interfaceAddress: host.localAddress,
    });
    expect(joined.udp?.groups).toEqual([`${group}@${host.localAddress}`]);
    const sender = spawnPeer(
      'udp_multicast_send.py',
      [group, port, host.hostAddress, hex(utf8('mc hello'))],
      host.exec,
    );
    const [record] = await log.waitForRecords(udp.id, 'in', 1);
    expect(record?.peer.address).toBe(host.hostAddress);
    expect(hex(record?.bytes ?? new Uint8Array())).toBe(hex(utf8('mc hello')));
    await sender.exit();

    await call('udp.leaveGroup', { sessionId: udp.id, group, interfaceAddress: host.localAddress });
    const after = spawnPeer(
      'udp_multicast_send.py',
      [group, port, host.hostAddress, hex(utf8('gone')), '--count', '3', '--interval', '0.1'],
      host.exec,
    );
    await after.line('DONE');
    engine.flush();
    expect(log.records(udp.id, 'in')).toHaveLength(1);
    expect(log.steps(udp.id)).toEqual(expect.arrayContaining(['join-group', 'leave-group']));
  });
});
