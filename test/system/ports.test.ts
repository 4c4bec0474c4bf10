import { createSocket } from 'node:dgram';
import { createServer, type Server } from 'node:net';
import { afterEach, describe, expect, it } from 'vitest';
import {
  checkPortFree,
  listPorts,
  parseLsof,
  parseNetstat,
  parseProcNet,
  procAddress,
} from '../../src-main/system/ports';
import { createService } from '../../src-main/service/service';
import { createEngine } from '../../src-main/app/compose';

const servers: Server[] = [];
afterEach(async () => {
  await Promise.all(servers.splice(0).map((s) => new Promise((r) => s.close(r))));
});

async function listen(): Promise<number> {
  const server = createServer();
  servers.push(server);
  await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
  const address = server.address();
  return typeof address === 'object' && address ? address.port : 0;
}

describe('/proc/net parsing', () => {
  it('reads addresses the way the kernel prints them', () => {
    expect(procAddress('0100007F')).toBe('127.0.0.1');
    expect(procAddress('00000000000000000000000001000000')).toBe('::1');
    expect(procAddress('0000000000000000FFFF00000100007F')).toBe('::ffff:7f00:1');
  });

  it('turns a table into entries with state and inode', () => {
    const text = [
      '  sl  local_address rem_address   st tx_queue rx_queue tr tm->when retrnsmt   uid  timeout inode',
      '   0: 0100007F:1F90 00000000:0000 0A 00000000:00000000 00:00000000 00000000  1000        0 12345 1 0 100 0 0 10 0',
      '   1: 0100007F:1F90 0100007F:D431 01 00000000:00000000 00:00000000 00000000  1000        0 12346 1 0 20 4 30 10 -1',
    ].join('\n');
    const rows = parseProcNet(text, 'tcp', false);
    expect(rows).toEqual([
      {
        protocol: 'tcp',
        family: 'IPv4',
        localAddress: '127.0.0.1',
        localPort: 8080,
        state: 'LISTEN',
        inode: '12345',
      },
      {
        protocol: 'tcp',
        family: 'IPv4',
        localAddress: '127.0.0.1',
        localPort: 8080,
        remoteAddress: '127.0.0.1',
        remotePort: 54321,
        state: 'ESTABLISHED',
        inode: '12346',
      },
    ]);
    const udp = parseProcNet(text.replace(' 0A ', ' 07 '), 'udp', false);
    expect(udp[0]?.state).toBe('UNCONN');
  });
});

describe('fallback parsers', () => {
  it('netstat -ano (Windows)', () => {
    const text = [
      'Active Connections',
      '  Proto  Local Address          Foreign Address        State           PID',
      '  TCP    0.0.0.0:135            0.0.0.0:0              LISTENING       912',
      '  TCP    [::1]:5432             [::1]:50123            ESTABLISHED     4321',
      '  UDP    0.0.0.0:123            *:*                                    1500',
    ].join('\r\n');
    expect(parseNetstat(text)).toEqual([
      { protocol: 'tcp', family: 'IPv4', localAddress: '0.0.0.0', localPort: 135, state: 'LISTEN', pid: 912 },
      {
        protocol: 'tcp',
        family: 'IPv6',
        localAddress: '::1',
        localPort: 5432,
        remoteAddress: '::1',
        remotePort: 50123,
        state: 'ESTABLISHED',
        pid: 4321,
      },
      {
        protocol: 'udp',
        family: 'IPv4',
        localAddress: '0.0.0.0',
        localPort: 123,
        state: 'UNCONN',
        pid: 1500,
      },
    ]);
  });

  it('lsof -nP -iTCP -iUDP (macOS)', () => {
    const text = [
      'COMMAND   PID USER   FD   TYPE             DEVICE SIZE/OFF NODE NAME',
      'node    41234   me   20u  IPv4 0x1234567890abcdef      0t0  TCP 127.0.0.1:7788 (LISTEN)',
      'node    41234   me   21u  IPv6 0x1234567890abcdf0      0t0  TCP [::1]:7788->[::1]:60000 (ESTABLISHED)',
      'mDNSResp  300   me    8u  IPv4 0x1234567890abcdf1      0t0  UDP *:5353',
    ].join('\n');
    const rows = parseLsof(text);
    expect(rows[0]).toMatchObject({
      protocol: 'tcp',
      localPort: 7788,
      state: 'LISTEN',
      pid: 41234,
      process: 'node',
    });
    expect(rows[1]).toMatchObject({
      family: 'IPv6',
      localAddress: '::1',
      remotePort: 60000,
      state: 'ESTABLISHED',
    });
    expect(rows[2]).toMatchObject({
      protocol: 'udp',
      localAddress: '0.0.0.0',
      localPort: 5353,
      state: 'UNCONN',
    });
  });
});

describe.runIf(process.platform === 'linux')('this machine', () => {
  it('lists a port we listen on, as LISTEN, owned by this process', async () => {
    const port = await listen();
    const result = await listPorts();
    expect(result.source).toBe('proc');
    const entry = result.entries.find(
      (e) => e.protocol === 'tcp' && e.localPort === port && e.state === 'LISTEN',
    );
    expect(entry).toMatchObject({ localAddress: '127.0.0.1', pid: process.pid });
  });

  it('lists a bound UDP socket as UNCONN', async () => {
    const socket = createSocket('udp4');
    await new Promise<void>((r) => socket.bind(0, '127.0.0.1', r));
    const { port } = socket.address();
    const result = await listPorts();
    expect(result.entries.find((e) => e.protocol === 'udp' && e.localPort === port)?.state).toBe('UNCONN');
    socket.close();
  });
});

describe('is this port free', () => {
  it('says taken for TCP when something listens, and releases what it bound', async () => {
    const port = await listen();
    const result = await checkPortFree(port, '127.0.0.1');
    expect(result).toMatchObject({ port, tcp: false, tcpError: 'EADDRINUSE', udp: true });
    // It let go of the UDP port at once: binding it again works.
    expect((await checkPortFree(port, '127.0.0.1')).udp).toBe(true);
  });

  it('says free for a port nobody uses', async () => {
    const port = await listen();
    await new Promise((r) => servers.pop()?.close(r));
    expect(await checkPortFree(port, '127.0.0.1')).toEqual({
      port,
      address: '127.0.0.1',
      tcp: true,
      udp: true,
    });
  });

  it('is validated at the border', async () => {
    const service = createService(createEngine(), { shell: 'web', version: 'test' });
    const bad = await service.call('net.portFree', { port: 0 });
    expect(bad).toMatchObject({ ok: false, error: { code: 'BAD_PORT' } });
    const badAddress = await service.call('net.portFree', { port: 80, address: 'nope' });
    expect(badAddress).toMatchObject({ ok: false });
    const ports = await service.call('net.ports', {});
    expect(ports).toMatchObject({ ok: true });
  });
});
