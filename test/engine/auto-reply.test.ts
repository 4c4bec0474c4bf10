import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { AutoReplier } from '../../src-main/engine/auto-reply';
import { createEngine } from '../../src-main/app/compose';
import type { Engine } from '../../src-main/engine/engine';
import type { AutoReplyRule } from '../../src-shared/contract';
import type { EventLog } from '../helpers/events';
import { shutdownEngines, track } from '../helpers/events';
import { hex, killAllPeers, spawnPeer, startListeningPeer, utf8 } from '../helpers/peer';

const replier = (rules: AutoReplyRule[], echo = false, encoding = 'utf-8'): AutoReplier =>
  new AutoReplier({ echo, encoding, rules });

const answerText = (r: AutoReplier, text: string): string | undefined => {
  const answer = r.respond(utf8(text));
  return answer ? Buffer.from(answer.bytes).toString('utf8') : undefined;
};

describe('auto-reply rules', () => {
  it('match exact (ignoring one trailing line break), contains, starts, ends', () => {
    const r = replier([
      { match: 'exact', pattern: 'PING', reply: 'PONG' },
      { match: 'starts', pattern: 'AT+', reply: 'OK' },
      { match: 'ends', pattern: '?', reply: 'maybe' },
      { match: 'contains', pattern: 'temp', reply: '23.5' },
    ]);
    expect(answerText(r, 'PING\r\n')).toBe('PONG');
    expect(answerText(r, 'PING!')).toBeUndefined();
    expect(answerText(r, 'AT+GMR\r\n')).toBe('OK');
    expect(answerText(r, 'really?\n')).toBe('maybe');
    expect(answerText(r, 'what is the temp now')).toBe('23.5');
  });

  it('the first matching rule answers; echo only when none does', () => {
    const r = replier(
      [
        { match: 'contains', pattern: 'a', reply: 'first' },
        { match: 'contains', pattern: 'ab', reply: 'second' },
      ],
      true,
    );
    expect(r.respond(utf8('ab'))?.auto).toEqual({ kind: 'rule', rule: 1 });
    expect(answerText(r, 'ab')).toBe('first');
    const echoed = r.respond(utf8('zzz'));
    expect(echoed?.auto).toEqual({ kind: 'echo' });
    expect(hex(echoed?.bytes ?? new Uint8Array())).toBe(hex(utf8('zzz')));
  });

  it('regex captures fill $1 and $&; escapes make line breaks and raw bytes', () => {
    const r = replier([{ match: 'regex', pattern: '^GET (\\w+) (\\d+)', reply: '$1=$2 [$&]\\r\\n\\xff' }]);
    const answer = r.respond(utf8('GET temp 7\n'));
    expect(hex(answer?.bytes ?? new Uint8Array())).toBe(hex(utf8('temp=7 [GET temp 7]\r\n')) + 'ff');
  });

  it('hex patterns match bytes anywhere; hex replies are raw bytes', () => {
    const r = replier([{ match: 'hex', pattern: '01 03', reply: '01 03 02 00 2A', replyHex: true }]);
    expect(hex(r.respond(Uint8Array.of(0xaa, 0x01, 0x03, 0x00))?.bytes ?? new Uint8Array())).toBe(
      '010302002a',
    );
    expect(r.respond(Uint8Array.of(0x01, 0x02))).toBeUndefined();
  });

  it('reads and answers in the chosen encoding (GBK)', () => {
    const r = replier([{ match: 'contains', pattern: '你好', reply: '收到' }], false, 'gbk');
    // '你好'.encode('gbk') = c4e3bac3, '收到'.encode('gbk') = cad5b5bd
    expect(hex(r.respond(Uint8Array.from(Buffer.from('c4e3bac3', 'hex')))?.bytes ?? new Uint8Array())).toBe(
      'cad5b5bd',
    );
  });

  it('refuses a bad rule when it is set, naming the rule', () => {
    const error = (rules: AutoReplyRule[], encoding = 'utf-8'): unknown => {
      try {
        replier(rules, false, encoding);
      } catch (err) {
        return err;
      }
      return undefined;
    };
    expect(error([{ match: 'regex', pattern: '([x', reply: '' }])).toMatchObject({
      code: 'BAD_REGEX',
      params: { rule: 1 },
    });
    expect(error([{ match: 'hex', pattern: 'zz', reply: '' }])).toMatchObject({ code: 'BAD_RULE_HEX' });
    expect(error([{ match: 'exact', pattern: 'a', reply: '\\q' }])).toMatchObject({ code: 'BAD_ESCAPE' });
    expect(error([{ match: 'exact', pattern: 'a', reply: '😀' }], 'gbk')).toMatchObject({
      code: 'UNENCODABLE',
      params: { char: '😀' },
    });
    expect(error([], 'klingon')).toMatchObject({ code: 'BAD_ENCODING' });
  });
});

describe('auto-reply and reconnect on real sockets', () => {
  let engine: Engine;
  let log: EventLog;

  beforeEach(() => {
    engine = createEngine();
    log = track(engine);
  });

  afterEach(async () => {
    shutdownEngines();
    await killAllPeers();
  });

  it('a UDP endpoint echoes a Python sendto back to the sender, and logs it as an echo', async () => {
    const udp = await engine.openUdp({ bind: true, address: '127.0.0.1', port: 0 });
    engine.setAutoReply({ sessionId: udp.id, config: { echo: true, encoding: 'utf-8', rules: [] } });
    const sender = spawnPeer('udp_send.py', ['127.0.0.1', String(udp.local?.port), hex(utf8('echo me'))]);
    const [, , , bytes] = await sender.line('RECV');
    expect(bytes).toBe(hex(utf8('echo me')));
    const [out] = await log.waitForRecords(udp.id, 'out', 1);
    expect(out?.auto).toEqual({ kind: 'echo' });
    expect(engine.info(udp.id).counters).toMatchObject({ messagesIn: 1, messagesOut: 1 });
  });

  it('logs auto-reply and a counter reset as the app’s own steps, never as a setsockopt()', async () => {
    const udp = await engine.openUdp({ bind: true, address: '127.0.0.1', port: 0 });
    engine.setAutoReply({ sessionId: udp.id, config: { echo: true, encoding: 'utf-8', rules: [] } });
    engine.setAutoReply({ sessionId: udp.id, config: { echo: false, encoding: 'utf-8', rules: [] } });
    engine.resetCounters(udp.id);
    await log.waitForStep(udp.id, 'counters-reset');
    const steps = log.timeline(udp.id);
    expect(steps.filter((s) => s.step === 'auto-reply').map((s) => s.detail)).toEqual([
      { echo: 1, rules: 0 },
      { off: 1 },
    ]);
    expect(steps.some((s) => s.step === 'option')).toBe(false);
  });

  it('a TCP client with reconnect dials again after the server closes, in the same session, until closed', async () => {
    const { peer, port } = await startListeningPeer('tcp_server.py', [
      '--clients',
      '2',
      '--then',
      'close',
      '--reply',
      hex(utf8('hi')),
    ]);
    const client = engine.connectTcp({ host: '127.0.0.1', port, reconnectMs: 150 });
    await log.waitForState(client.id, 'connected');
    await engine.tcpSend(client.id, utf8('one'));
    await log.waitForStep(client.id, 'reconnect');
    await log.waitFor(
      () => log.timeline(client.id).filter((e) => e.step === 'connected').length >= 2 || undefined,
      'a second connection',
    );
    await peer.count('ACCEPT', 2);
    await engine.close(client.id);
    const steps = log.steps(client.id);
    expect(steps.filter((s) => s === 'reconnect').length).toBeGreaterThanOrEqual(1);
    // Closed by the user: no further attempts.
    const attempts = steps.filter((s) => s === 'reconnect').length;
    await new Promise((r) => setTimeout(r, 400));
    engine.flush();
    expect(log.steps(client.id).filter((s) => s === 'reconnect').length).toBe(attempts);
    expect(engine.info(client.id).counters.bytesOut).toBe(3);
  });

  it('accepted clients are answered by their server’s rules; rules cannot be set on one client', async () => {
    const server = await engine.listenTcp({ address: '127.0.0.1', port: 0 });
    engine.setAutoReply({
      sessionId: server.id,
      config: {
        echo: false,
        encoding: 'utf-8',
        rules: [{ match: 'exact', pattern: 'hello', reply: 'world\\n' }],
      },
    });
    const client = spawnPeer('tcp_client.py', [
      '127.0.0.1',
      String(server.local?.port),
      '--send',
      hex(utf8('hello\n')),
    ]);
    expect((await client.line('RECV'))[3]).toBe(hex(utf8('world\n')));
    const [conn] = await log.waitFor(() => {
      const opened = log.opened((s) => s.kind === 'tcp-conn');
      return opened.length > 0 ? opened : undefined;
    }, 'the accepted client');
    let refused: unknown;
    try {
      engine.setAutoReply({
        sessionId: conn?.id ?? '',
        config: { echo: true, encoding: 'utf-8', rules: [] },
      });
    } catch (err) {
      refused = err;
    }
    expect(refused).toMatchObject({ code: 'WRONG_KIND' });
  });
});
