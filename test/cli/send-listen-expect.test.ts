import { spawn } from 'node:child_process';
import iconv from 'iconv-lite';
import { afterEach, describe, expect, it } from 'vitest';
import { EXIT } from '../../src-main/cli/io';
import { closedTcpPort, hex, killAllPeers, spawnPeer, startListeningPeer } from '../helpers/peer';
import { cli, CliRun } from './run-cli';

afterEach(killAllPeers);

describe('socket-workbench send', () => {
  it('sends GBK text over UDP to a Python receiver', async () => {
    const { peer, port } = await startListeningPeer('udp_recv.py', ['--encoding', 'gbk']);
    const { code, err } = await cli(['send', 'udp', `127.0.0.1:${port}`, '你好', '--encoding', 'gbk']);
    expect(code).toBe(EXIT.OK);
    const [, , , got] = await peer.line('RECV');
    expect(got).toBe(iconv.encode('你好', 'gbk').toString('hex'));
    expect(err).toMatch(/sent 4 B to 127\.0\.0\.1:\d+ from 127\.0\.0\.1:\d+/);
  });

  it('sends hex with a CRC-16/MODBUS over TCP, and --wait prints the reply', async () => {
    const { peer, port } = await startListeningPeer('tcp_server.py', ['--reply', hex('OK\r\n')]);
    const { code, out } = await cli([
      'send',
      'tcp',
      `127.0.0.1:${port}`,
      '01 03 00 00 00 01',
      '--hex',
      '--checksum',
      'crc16-modbus',
      '--wait',
      '1500',
    ]);
    expect(code).toBe(EXIT.OK);
    const [, , , got] = await peer.line('RECV');
    // The Modbus RTU frame "read one holding register" with its CRC, low byte first: 84 0A.
    expect(got).toBe('010300000001840a');
    expect(out).toMatch(/127\.0\.0\.1:\d+ {2}4 B {2}OK␍␊/);
  });

  it('binds the local port asked for, and escapes turn \\r\\n into bytes', async () => {
    const { peer, port } = await startListeningPeer('udp_recv.py');
    const local = await closedTcpPort();
    const { code } = await cli([
      'send',
      'udp',
      `127.0.0.1:${port}`,
      'a\\r\\n',
      '-E',
      '--bind',
      `127.0.0.1:${local}`,
    ]);
    expect(code).toBe(EXIT.OK);
    const [, , from, got] = await peer.line('RECV');
    expect(Number(from)).toBe(local);
    expect(got).toBe('610d0a');
  });

  it('says in words, and in Chinese for a Chinese locale, that nothing listens (exit 3)', async () => {
    const port = await closedTcpPort();
    const en = await cli(['send', 'tcp', `127.0.0.1:${port}`, 'x']);
    expect(en.code).toBe(EXIT.NETWORK);
    expect(en.err).toBe(`error ECONNREFUSED: Connection refused: nothing is listening on 127.0.0.1:${port}.`);
    const zh = await cli(['send', 'tcp', `127.0.0.1:${port}`, 'x'], 'zh-CN');
    expect(zh.err).toBe(`error ECONNREFUSED: 连接被拒绝：127.0.0.1:${port} 上没有程序在监听。`);
  });

  it('names the peer when a UDP port is unreachable (ICMP), exit 3', async () => {
    const port = await closedTcpPort();
    const { code, err } = await cli(['expect', 'udp', `127.0.0.1:${port}`, 'x', '--match', 'y']);
    expect(code).toBe(EXIT.NETWORK);
    expect(err).toBe(`error ECONNREFUSED: Connection refused: nothing is listening on 127.0.0.1:${port}.`);
  });

  it('refuses bad input with exit 2 before sending anything', async () => {
    expect((await cli(['send', 'udp', '127.0.0.1:9', 'zz', '--hex'])).err).toMatch(
      /^error BAD_TEMPLATE: .*not hex at character 1/,
    );
    expect((await cli(['send', 'udp', '127.0.0.1:9', '€', '--encoding', 'gbk'])).code).toBe(EXIT.USAGE);
    expect((await cli(['send', 'udp', '127.0.0.1:0', 'x'])).err).toMatch(/^error BAD_PORT/);
    expect((await cli(['send', 'udp', '127.0.0.1:9', '--nope'])).err).toMatch(/^error BAD_ARGS: .*--nope/);
    expect((await cli(['send', 'udp', '127.0.0.1:9', 'x', '--encoding', 'klingon'])).code).toBe(EXIT.USAGE);
    expect((await cli(['send', 'udp', '127.0.0.1:9', '{{COUNTR}}'])).err).toMatch(/not a known variable/);
  });
});

describe('socket-workbench listen', () => {
  it('prints each UDP datagram and echoes it to a Python sender', async () => {
    const run = new CliRun(['listen', 'udp', '127.0.0.1:0', '--echo', '--count', '1']);
    const [, port] = await run.line(/listening on udp 127\.0\.0\.1:(\d+)/);
    const sender = spawnPeer('udp_send.py', ['127.0.0.1', String(port), hex('hello')]);
    const [, , , reply] = await sender.line('RECV');
    expect(reply).toBe(hex('hello'));
    expect(await run.done).toBe(EXIT.OK);
    expect(run.out[0]).toMatch(/^\d\d:\d\d:\d\d\.\d{3} {2}127\.0\.0\.1:\d+ {2}5 B {2}hello$/);
  });

  it('serves several TCP clients at once, answers by rule, and writes JSON Lines', async () => {
    const run = new CliRun([
      'listen',
      'tcp',
      '0',
      '--json',
      '--rule',
      'regex:^GET (\\w+)=>VALUE $1\\r\\n',
      '--count',
      '2',
    ]);
    const [, port] = await run.line(/"event":"listening".*"port":(\d+)/);
    const a = spawnPeer('tcp_client.py', ['127.0.0.1', String(port), '--send', hex('GET a')]);
    const b = spawnPeer('tcp_client.py', ['127.0.0.1', String(port), '--send', hex('GET b')]);
    expect((await a.line('RECV'))[3]).toBe(hex('VALUE a\r\n'));
    expect((await b.line('RECV'))[3]).toBe(hex('VALUE b\r\n'));
    expect(await run.done).toBe(EXIT.OK);
    const messages = run.out
      .filter((l) => l.includes('"message"'))
      .map((l) => JSON.parse(l) as { text: string; size: number; hex: string });
    expect(messages.map((m) => m.text).sort()).toEqual(['GET a', 'GET b']);
    expect(messages[0]?.size).toBe(5);
    expect(run.out.filter((l) => l.includes('"connect"'))).toHaveLength(2);
  });

  it('takes a message from nc and shows it as hex', async () => {
    const run = new CliRun(['listen', 'tcp', '127.0.0.1:0', '--hex', '--count', '1']);
    const [, port] = await run.line(/listening on tcp 127\.0\.0\.1:(\d+)/);
    const nc = spawn('nc', ['-N', '127.0.0.1', String(port)], { stdio: ['pipe', 'ignore', 'ignore'] });
    nc.stdin.end('hi\n');
    expect(await run.done).toBe(EXIT.OK);
    expect(run.out[0]).toMatch(/ 3 B {2}68 69 0a$/i);
    nc.kill();
  });

  it('stops cleanly on Ctrl-C, and a port in use is exit 3 in words', async () => {
    const run = new CliRun(['listen', 'udp', '127.0.0.1:0']);
    const [, port] = await run.line(/listening on udp 127\.0\.0\.1:(\d+)/);
    const clash = await cli(['listen', 'udp', `127.0.0.1:${port}`]);
    expect(clash.code).toBe(EXIT.NETWORK);
    expect(clash.err).toMatch(/^error EADDRINUSE: Port \d+ is already in use on 127\.0\.0\.1/);
    expect(await run.interrupt()).toBe(EXIT.OK);
  });
});

describe('socket-workbench expect', () => {
  it('passes when the TCP reply matches the regex', async () => {
    const { port } = await startListeningPeer('tcp_server.py', ['--reply', hex('PONG 42\n')]);
    const { code, out } = await cli([
      'expect',
      'tcp',
      `127.0.0.1:${port}`,
      'PING\\n',
      '-E',
      '--match',
      '^PONG \\d+',
    ]);
    expect(code).toBe(EXIT.OK);
    expect(out).toMatch(/^PASS {2}127\.0\.0\.1:\d+ {2}\/\^PONG \\d\+\/ {2}got "PONG 42␊"$/);
    const zh = await startListeningPeer('tcp_server.py', ['--reply', hex('PONG 7\n')]);
    const chinese = await cli(
      ['expect', 'tcp', `127.0.0.1:${zh.port}`, 'PING\\n', '-E', '-m', '^PONG'],
      'zh-CN',
    );
    expect(chinese.out).toMatch(/^通过 {2}127\.0\.0\.1:\d+ {2}\/\^PONG\/ {2}收到 "PONG 7␊"$/);
  });

  it('fails with exit 1 and says what did arrive when the reply is wrong', async () => {
    const { port } = await startListeningPeer('tcp_server.py', ['--reply', hex('NOPE\n')]);
    const { code, err } = await cli([
      'expect',
      'tcp',
      `127.0.0.1:${port}`,
      'PING',
      '--match',
      '^PONG',
      '--timeout',
      '500',
    ]);
    expect(code).toBe(EXIT.FAILED);
    expect(err).toBe('error NO_MATCH: No reply matching /^PONG/ within 500 ms; received: "NOPE␊".');
  });

  it('says the peer closed first, in Chinese for a Chinese locale', async () => {
    const { port } = await startListeningPeer('tcp_server.py', ['--reply', hex('BYE'), '--then', 'close']);
    const { code, err } = await cli(
      ['expect', 'tcp', `127.0.0.1:${port}`, 'PING', '--match', '^PONG'],
      'zh-CN',
    );
    expect(code).toBe(EXIT.FAILED);
    expect(err).toBe('error PEER_CLOSED: 在收到匹配 /^PONG/ 的回复之前，对方关闭了连接；收到的是："BYE"。');
  });

  it('matches a UDP reply by hex bytes, and times out on silence', async () => {
    const { port } = await startListeningPeer('udp_recv.py', ['--reply', '06ab', '--count', '2']);
    expect((await cli(['expect', 'udp', `127.0.0.1:${port}`, '05', '-x', '--match-hex', 'ab'])).code).toBe(
      EXIT.OK,
    );
    const { port: silent } = await startListeningPeer('udp_recv.py');
    const miss = await cli(['expect', 'udp', `127.0.0.1:${silent}`, 'x', '--match-hex', 'ab', '-t', '300']);
    expect(miss.code).toBe(EXIT.FAILED);
    expect(miss.err).toBe('error NO_MATCH: No reply matching hex AB within 300 ms; received: (nothing).');
  });
});
