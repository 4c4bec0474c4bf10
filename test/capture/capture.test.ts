import { execFileSync, spawnSync } from 'node:child_process';
import { createSocket } from 'node:dgram';
import { existsSync, mkdtempSync, readdirSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { connect, type Socket } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { createEngine } from '../../src-main/app/compose';
import type { Engine } from '../../src-main/engine/engine';
import { createService } from '../../src-main/service/service';
import { exportParts } from '../../src-shared/capture/formats';
import type { DataRecord } from '../../src-shared/contract';
import { shutdownEngines, track, type EventLog } from '../helpers/events';

/** tshark is the judge of our pcapng; without it those checks are skipped (and say so), nothing else. */
const TSHARK = spawnSync('tshark', ['--version'], { encoding: 'utf8' }).status === 0;
if (!TSHARK) console.warn('tshark is not installed: the pcapng checks against tshark are skipped.');

let engine: Engine;
let log: EventLog;
let dir: string;

beforeEach(() => {
  engine = createEngine();
  log = track(engine);
  dir = mkdtempSync(join(tmpdir(), 'wb-capture-'));
});

afterEach(() => {
  shutdownEngines();
  rmSync(dir, { recursive: true, force: true });
});

interface Packet {
  src: string;
  srcPort: number;
  dst: string;
  dstPort: number;
  seq?: number;
  payload: string;
}

/** The packets as tshark dissects them: addresses, ports and payload hex. */
function tshark(file: string, transport: 'tcp' | 'udp'): Packet[] {
  const ip = ['-e', 'ip.src', '-e', 'ipv6.src', '-e', 'ip.dst', '-e', 'ipv6.dst'];
  const fields =
    transport === 'tcp'
      ? ['-e', `tcp.srcport`, '-e', 'tcp.dstport', '-e', 'tcp.seq_raw', '-e', 'tcp.payload']
      : ['-e', 'udp.srcport', '-e', 'udp.dstport', '-e', 'udp.length', '-e', 'data.data'];
  const out = execFileSync('tshark', ['-r', file, '-T', 'fields', '-E', 'separator=|', ...ip, ...fields], {
    encoding: 'utf8',
    stdio: ['ignore', 'pipe', 'ignore'],
  });
  return out
    .trim()
    .split('\n')
    .filter(Boolean)
    .map((line) => {
      const [src4, src6, dst4, dst6, sp, dp, seq, payload] = line.split('|');
      return {
        src: src4 || src6 || '',
        dst: dst4 || dst6 || '',
        srcPort: Number(sp),
        dstPort: Number(dp),
        ...(transport === 'tcp' ? { seq: Number(seq) } : {}),
        payload: (payload ?? '').replace(/:/g, ''),
      };
    });
}

const tcpAnalysisProblems = (file: string): string =>
  execFileSync('tshark', ['-r', file, '-Y', 'tcp.analysis.flags', '-T', 'fields', '-e', 'frame.number'], {
    encoding: 'utf8',
    stdio: ['ignore', 'pipe', 'ignore'],
  }).trim();

function connectTo(port: number, host = '127.0.0.1'): Promise<Socket> {
  return new Promise((resolve, reject) => {
    const socket = connect({ port, host }, () => resolve(socket));
    socket.once('error', reject);
  });
}

describe('capture to file', () => {
  it.skipIf(!TSHARK)(
    'records a TCP server and its client as pcapng that tshark reads: ports, payload, consistent sequence numbers',
    async () => {
      const server = await engine.listenTcp({ address: '127.0.0.1', port: 0 });
      const serverPort = server.local?.port ?? 0;
      const status = engine.startCapture({ sessionId: server.id, format: 'pcapng', directory: dir });
      expect(status.file.startsWith(dir)).toBe(true);

      const client = await connectTo(serverPort);
      const clientPort = client.localPort ?? 0;
      const conn = await log.waitForOpened((s) => s.kind === 'tcp-conn', 'accepted client');
      // A big write: more than one synthesized segment (and more than IPv4's 64 KiB).
      const big = Buffer.alloc(100_000, 0);
      for (let i = 0; i < big.length; i += 1) big[i] = (i * 7) & 0xff;
      client.write(Buffer.from('hello'));
      client.write(big);
      await log.waitForBytes(conn.id, 'in', 5 + big.length);
      await engine.tcpSend(conn.id, new TextEncoder().encode('reply!'));
      await log.waitForBytes(conn.id, 'out', 6);
      client.destroy();
      const final = engine.stopCapture(server.id);
      expect(final.records).toBeGreaterThanOrEqual(2);

      const packets = tshark(final.file, 'tcp');
      const inbound = packets.filter((p) => p.srcPort === clientPort && p.dstPort === serverPort);
      const outbound = packets.filter((p) => p.srcPort === serverPort && p.dstPort === clientPort);
      expect(inbound.every((p) => p.src === '127.0.0.1' && p.dst === '127.0.0.1')).toBe(true);
      expect(inbound.map((p) => p.payload).join('')).toBe(
        Buffer.concat([Buffer.from('hello'), big]).toString('hex'),
      );
      expect(outbound.map((p) => p.payload).join('')).toBe(Buffer.from('reply!').toString('hex'));
      // Each segment starts where the previous one of its direction ended.
      let next = inbound[0]?.seq ?? 0;
      for (const p of inbound) {
        expect(p.seq).toBe(next);
        next += p.payload.length / 2;
      }
      expect(tcpAnalysisProblems(final.file)).toBe('');
    },
  );

  it.skipIf(!TSHARK)('records UDP over IPv6 with the real addresses and ports', async () => {
    const session = await engine.openUdp({ bind: true, address: '::1', port: 0 });
    const port = session.local?.port ?? 0;
    const path = join(dir, 'udp6.pcapng');
    engine.startCapture({ sessionId: session.id, format: 'pcapng', path });
    const sender = createSocket('udp6');
    await new Promise<void>((resolve) => sender.bind(0, '::1', resolve));
    const senderPort = sender.address().port;
    sender.send(Buffer.from('ping6'), port, '::1');
    const [record] = await log.waitForRecords(session.id, 'in', 1);
    await engine.udpSend({
      sessionId: session.id,
      host: '::1',
      port: senderPort,
      payload: new Uint8Array([0, 1, 2, 255]),
    });
    sender.close();
    expect(record?.peer.port).toBe(senderPort);
    engine.stopCapture(session.id);
    const packets = tshark(path, 'udp');
    expect(packets).toEqual([
      {
        src: '::1',
        dst: '::1',
        srcPort: senderPort,
        dstPort: port,
        payload: Buffer.from('ping6').toString('hex'),
      },
      { src: '::1', dst: '::1', srcPort: port, dstPort: senderPort, payload: '000102ff' },
    ]);
  });

  it('keeps every record even when the view was given only a few; rotates JSON Lines files by size, keeping N', async () => {
    // A burst of 2 as well: the view's token bucket would otherwise carry a short flood whole.
    const small = createEngine({ batch: { maxRecords: 2, burstRecords: 2 } });
    const smallLog = track(small);
    const session = await small.openUdp({ bind: true, address: '127.0.0.1', port: 0 });
    const port = session.local?.port ?? 0;
    const path = join(dir, 'flood.jsonl');
    small.startCapture({ sessionId: session.id, format: 'jsonl', path, maxBytes: 4096, maxFiles: 3 });
    const sender = createSocket('udp4');
    const total = 300;
    // Paced in small bursts so the kernel's receive buffer never overflows: the test is about the view, not UDP loss.
    for (let i = 0; i < total; i += 1) {
      await new Promise<void>((resolve) =>
        sender.send(Buffer.from(`datagram ${i}`), port, '127.0.0.1', () => resolve()),
      );
      if (i % 20 === 19) await new Promise((resolve) => setTimeout(resolve, 5));
    }
    await new Promise<void>((resolve) => {
      const deadline = Date.now() + 10_000;
      const poll = (): void => {
        if (small.info(session.id).counters.messagesIn >= total || Date.now() > deadline) resolve();
        else setTimeout(poll, 20);
      };
      poll();
    });
    sender.close();
    small.flush();
    const shown = smallLog.records(session.id, 'in').length;
    const status = small.stopCapture(session.id);
    expect(small.info(session.id).counters.messagesIn).toBe(total);
    expect(status.records).toBe(total);
    // The view was given fewer than arrived; the capture has them all.
    expect(shown).toBeLessThan(total);

    const files = readdirSync(dir).filter((f) => f.startsWith('flood'));
    expect(files.length).toBe(3);
    expect(status.files.map((f) => f.slice(dir.length + 1)).sort()).toEqual(files.sort());
    for (const f of files) expect(statSync(join(dir, f)).size).toBeLessThanOrEqual(4096);
    const last = readFileSync(status.file, 'utf8')
      .trim()
      .split('\n')
      .map((l) => JSON.parse(l) as { hex: string; dir: string; peer: { address: string } });
    expect(Buffer.from(last.at(-1)?.hex ?? '', 'hex').toString()).toBe(`datagram ${total - 1}`);
    expect(last[0]?.dir).toBe('in');
    expect(last[0]?.peer.address).toBe('127.0.0.1');
    // The oldest files were deleted by rotation.
    expect(existsSync(path)).toBe(false);
  });

  it('refuses at the border: relative paths, a second capture, an existing file, a missing folder', async () => {
    const service = createService(engine, { shell: 'web', version: 'test' });
    const session = await engine.openUdp({ bind: true, address: '127.0.0.1', port: 0 });
    const bad = await service.call('capture.start', {
      sessionId: session.id,
      format: 'pcapng',
      path: 'x.pcapng',
    });
    expect(bad.ok ? undefined : bad.error.code).toBe('BAD_CAPTURE_PATH');
    const existing = join(dir, 'exists.pcapng');
    writeFileSync(existing, 'mine');
    const exists = await service.call('capture.start', {
      sessionId: session.id,
      format: 'pcapng',
      path: existing,
    });
    expect(exists.ok ? undefined : exists.error).toMatchObject({
      code: 'EEXIST',
      params: { path: existing },
    });
    expect(readFileSync(existing, 'utf8')).toBe('mine');
    const missing = await service.call('capture.start', {
      sessionId: session.id,
      format: 'jsonl',
      directory: join(dir, 'nope'),
    });
    expect(missing.ok ? undefined : missing.error.code).toBe('ENOENT');
    const first = await service.call('capture.start', {
      sessionId: session.id,
      format: 'jsonl',
      directory: dir,
    });
    expect(first.ok).toBe(true);
    expect(engine.info(session.id).capture?.format).toBe('jsonl');
    const second = await service.call('capture.start', {
      sessionId: session.id,
      format: 'jsonl',
      directory: dir,
    });
    expect(second.ok ? undefined : second.error.code).toBe('CAPTURE_ACTIVE');
    expect((await service.call('capture.stop', { sessionId: session.id })).ok).toBe(true);
    expect(engine.info(session.id).capture).toBeUndefined();
    const again = await service.call('capture.stop', { sessionId: session.id });
    expect(again.ok ? undefined : again.error.code).toBe('NOT_CAPTURING');
  });

  it.skipIf(!TSHARK)(
    'exports a log (as the view holds it) to pcapng that tshark reads, and to the text formats',
    () => {
      const peer = { address: '192.168.1.20', port: 4001, family: 'IPv4' as const };
      const records: DataRecord[] = [
        { dir: 'in', t: 1_700_000_000_000_001, peer, bytes: new Uint8Array([0x41, 0x42, 0x0a]) },
        {
          dir: 'out',
          t: 1_700_000_000_000_002,
          peer,
          bytes: new TextEncoder().encode('ok,"quoted"'),
          auto: { kind: 'echo' },
        },
      ];
      const entries = records.map((record, i) => ({ record, seq: i + 1 }));
      const local = { address: '10.0.0.5', port: 9000, family: 'IPv4' as const };
      const base = { kind: 'udp' as const, sessionId: 's1', local, encoding: 'utf-8' as const, entries };
      const file = join(dir, 'export.pcapng');
      const parts = exportParts({ ...base, format: 'pcapng' });
      writeFileSync(file, Buffer.concat(parts.map((p) => (typeof p === 'string' ? Buffer.from(p) : p))));
      expect(tshark(file, 'udp')).toEqual([
        { src: '192.168.1.20', dst: '10.0.0.5', srcPort: 4001, dstPort: 9000, payload: '41420a' },
        {
          src: '10.0.0.5',
          dst: '192.168.1.20',
          srcPort: 9000,
          dstPort: 4001,
          payload: Buffer.from('ok,"quoted"').toString('hex'),
        },
      ]);
      const csv = exportParts({ ...base, format: 'csv' }).join('');
      expect(csv).toContain(',"ok,""quoted"""\n');
      // The text column shows the LF as the log does (␊); the hex column keeps it.
      expect(csv).toContain(',41420a,AB\u240a\n');
      expect(exportParts({ ...base, format: 'text' }).join('')).toContain(
        '-> 192.168.1.20:4001 11 B  ok,"quoted"',
      );
      expect(exportParts({ ...base, format: 'hexdump' }).join('')).toContain('00000000  41 42 0A');
      const json = exportParts({ ...base, format: 'jsonl' })
        .join('')
        .trim()
        .split('\n')
        .map((l) => JSON.parse(l) as Record<string, unknown>);
      expect(json[1]).toMatchObject({
        seq: 2,
        dir: 'out',
        hex: Buffer.from('ok,"quoted"').toString('hex'),
        auto: { kind: 'echo' },
      });
    },
  );
});
