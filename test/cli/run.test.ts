import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, afterEach, describe, expect, it } from 'vitest';
import { EXIT } from '../../src-main/cli/io';
import { closedTcpPort, hex, killAllPeers, startListeningPeer } from '../helpers/peer';
import { parseScenario } from '../../src-main/cli/scenario';
import { cli } from './run-cli';

afterEach(killAllPeers);
const dir = mkdtempSync(join(tmpdir(), 'sw-cli-run-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

const GREETING = {
  name: 'greeting',
  protocol: 'tcp',
  timeout: 1000,
  steps: [{ connect: true }, { name: 'greet', send: 'HELLO\n' }, { expect: '^HELLO \\w+' }, { close: true }],
};

describe('socket-workbench run', () => {
  it('grades two servers: one answers right, one wrongly; a line per step, a summary, JUnit XML, exit 1', async () => {
    const good = await startListeningPeer('tcp_server.py', ['--reply', hex('HELLO alice\n')]);
    const bad = await startListeningPeer('tcp_server.py', ['--reply', hex('GOODBYE\n')]);
    const file = join(dir, 'greeting.json');
    writeFileSync(
      file,
      JSON.stringify({
        ...GREETING,
        targets: [
          { name: 'alice', host: '127.0.0.1', port: good.port },
          { name: 'bob', host: '127.0.0.1', port: bad.port },
        ],
      }),
    );
    const junit = join(dir, 'report.xml');
    const { code, out } = await cli(['run', file, '--junit', junit]);
    expect(code).toBe(EXIT.FAILED);
    const lines = out.split('\n');
    expect(lines[0]).toMatch(/^PASS {2}alice {2}1\. connect {2}from 127\.0\.0\.1:\d+$/);
    expect(lines[1]).toBe('PASS  alice  2. greet: send "HELLO\\n"  6 B');
    expect(lines[2]).toBe('PASS  alice  3. expect /^HELLO \\w+/  got "HELLO alice␊"');
    expect(lines[3]).toBe('PASS  alice  4. close');
    expect(lines[6]).toBe(
      'FAIL  bob  3. expect /^HELLO \\w+/  NO_MATCH: No reply matching /^HELLO \\w+/ within 1000 ms; received: "GOODBYE␊".',
    );
    expect(lines[7]).toBe('SKIP  bob  4. close');
    expect(lines[8]).toBe('greeting: 2 targets, 1 passed, 1 failed');
    // The bytes each server got are the scenario's.
    expect((await good.peer.line('RECV'))[3]).toBe(hex('HELLO\n'));
    const xml = readFileSync(junit, 'utf8');
    expect(xml).toContain('<testsuite name="greeting @ alice" tests="4" failures="0" errors="0" skipped="0"');
    expect(xml).toContain('<testsuite name="greeting @ bob" tests="4" failures="1" errors="0" skipped="1"');
    expect(xml).toContain(
      '<failure type="NO_MATCH" message="No reply matching /^HELLO \\w+/ within 1000 ms; received: &quot;GOODBYE␊&quot;."/>',
    );
  });

  it('runs a YAML scenario over UDP with hex and checksums against --target, and passes (exit 0)', async () => {
    const server = await startListeningPeer('udp_recv.py', ['--reply', '0103020007f986']);
    const file = join(dir, 'modbus.yaml');
    writeFileSync(
      file,
      [
        'name: modbus',
        'protocol: udp',
        'steps:',
        '  - send: { hex: "01 03 00 00 00 01", checksum: crc16-modbus }',
        '  - expect: { hex: "01 03 02", timeout: 2000 }',
        '',
      ].join('\n'),
    );
    const { code, out } = await cli(['run', file, '--target', `127.0.0.1:${server.port}`]);
    expect(code, out).toBe(EXIT.OK);
    expect(out).toContain(`PASS  127.0.0.1:${server.port}  2. expect hex 01 03 02  got 01 03 02 00 07 F9 86`);
    expect((await server.peer.line('RECV'))[3]).toBe('010300000001840a');
  });

  it('reports in Chinese for a Chinese locale: a refused connection fails its step, the next target still runs', async () => {
    const closed = await closedTcpPort();
    const good = await startListeningPeer('tcp_server.py', ['--reply', hex('HELLO bob\n')]);
    const file = join(dir, 'refused.json');
    writeFileSync(
      file,
      JSON.stringify({ ...GREETING, targets: [`127.0.0.1:${closed}`, `127.0.0.1:${good.port}`] }),
    );
    const { code, out } = await cli(['run', file], 'zh-CN');
    expect(code).toBe(EXIT.FAILED);
    expect(out).toContain(
      `失败  127.0.0.1:${closed}  1. connect  ECONNREFUSED: 连接被拒绝：127.0.0.1:${closed} 上没有程序在监听。`,
    );
    expect(out).toContain(`跳过  127.0.0.1:${closed}  2. greet: send "HELLO\\n"`);
    expect(out).toMatch(
      new RegExp(`^通过  127\\.0\\.0\\.1:${good.port}  1\\. connect  本地端 127\\.0\\.0\\.1:\\d+$`, 'm'),
    );
    expect(out).toContain(`通过  127.0.0.1:${good.port}  2. greet: send "HELLO\\n"  6 字节`);
    expect(out).toContain(`通过  127.0.0.1:${good.port}  3. expect /^HELLO \\w+/  收到 "HELLO bob␊"`);
    expect(out.split('\n').at(-1)).toBe('greeting：2 个目标，1 个通过，1 个失败');
  });

  it('refuses a malformed scenario with exit 2, naming the step, before connecting anywhere', async () => {
    const file = join(dir, 'typo.json');
    writeFileSync(
      file,
      JSON.stringify({ targets: ['127.0.0.1:9'], steps: [{ connect: true }, { expect: { regx: 'x' } }] }),
    );
    const { code, err } = await cli(['run', file]);
    expect(code).toBe(EXIT.USAGE);
    expect(err).toMatch(/^error BAD_SCENARIO: The scenario .*typo\.json is not valid: steps\.1/);
    const missing = await cli(['run', join(dir, 'nope.json')]);
    expect(missing.code).toBe(EXIT.USAGE);
    expect(missing.err).toMatch(/^error FILE_READ_FAILED/);
  });

  it('accepts the scenario shown in docs/cli.md', async () => {
    const guide = readFileSync('docs/cli.md', 'utf8');
    const yaml = /```yaml\n([\s\S]*?)```/.exec(guide)?.[1] ?? '';
    const scenario = await parseScenario(yaml, 'guide.yaml');
    expect(scenario.targets.map((t) => t.name)).toEqual(['127.0.0.1:9001', 'bob']);
    expect(scenario.steps.map((s) => s.kind)).toEqual([
      'connect',
      'send',
      'expect',
      'send',
      'expect',
      'sleep',
      'close',
    ]);
    expect(scenario.steps[2]).toMatchObject({ kind: 'expect', regex: '^HELLO \\w+' });
  });
});
