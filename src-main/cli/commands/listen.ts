import dgram from 'node:dgram';
import net from 'node:net';
import { isIP } from 'node:net';
import type { AutoReplyRule, MatchKind } from '../../../src-shared/contract';
import { AutoReplier } from '../../engine/auto-reply';
import { EngineError } from '../../errors/engine-error';
import { bindOf, encodingOf, HELP_OPTION, numberOf, parse, protocolOf } from '../args';
import { endpoint, eventJson, messageJson, messageLine } from '../format';
import { CliError, EXIT, usage, type CliIo, type ExitCode } from '../io';
import { textsFor } from '../texts';

export const LISTEN_OPTIONS = {
  ...HELP_OPTION,
  encoding: { type: 'string', short: 'e', default: 'utf-8' },
  hex: { type: 'boolean', short: 'x', default: false },
  json: { type: 'boolean', default: false },
  echo: { type: 'boolean', default: false },
  rule: { type: 'string', short: 'r', multiple: true },
  count: { type: 'string', short: 'n' },
  duration: { type: 'string', short: 'd' },
} as const;

const MATCH_KINDS: readonly MatchKind[] = ['exact', 'contains', 'starts', 'ends', 'hex', 'regex'];

/** `KIND:PATTERN=>REPLY`, the app's auto-reply rule on one line; `hex:` before the reply makes it hex. */
export function ruleOf(text: string): AutoReplyRule {
  const m = /^(\w+):(.*?)=>(.*)$/s.exec(text);
  const kind = m?.[1] as MatchKind | undefined;
  if (!m || !kind || !MATCH_KINDS.includes(kind))
    throw usage(`--rule "${text}" is not KIND:PATTERN=>REPLY (KIND: ${MATCH_KINDS.join(', ')})`);
  const reply = m[3] ?? '';
  const replyHex = reply.startsWith('hex:');
  return { match: kind, pattern: m[2] ?? '', reply: replyHex ? reply.slice(4) : reply, replyHex };
}

/** listen udp|tcp [ADDR:]PORT: one line (or JSON record) per message; echo and rules answer like the app's. */
export async function listen(argv: string[], io: CliIo): Promise<ExitCode> {
  const { values, positionals } = parse(argv, LISTEN_OPTIONS);
  const [protoText, bindText, ...extra] = positionals;
  if (extra.length > 0) throw usage(`unexpected "${extra.join(' ')}"`);
  const proto = protocolOf(protoText);
  if (bindText === undefined) throw usage('give the port to listen on: [ADDRESS:]PORT');
  const bind = bindOf(bindText, '0.0.0.0');
  const encoding = encodingOf(values.encoding);
  const count = numberOf('count', values.count, 1);
  const durationMs = numberOf('duration', values.duration, 1);
  let replier: AutoReplier | undefined;
  const rules = (values.rule ?? []).map(ruleOf);
  if (values.echo || rules.length > 0) {
    try {
      replier = new AutoReplier({ echo: values.echo, encoding, rules });
    } catch (err) {
      if (err instanceof EngineError) throw new CliError(err.code, err.params ?? {}, EXIT.USAGE);
      throw err;
    }
  }
  const shown = { encoding, hex: values.hex };
  let seen = 0;
  const stop = new AbortController();
  const report = (peer: { address: string; port: number }, bytes: Uint8Array): Uint8Array | undefined => {
    const at = new Date();
    io.out(
      values.json
        ? messageJson(at, proto, peer, bytes, encoding)
        : messageLine(at, endpoint(peer.address, peer.port), bytes, shown),
    );
    const answer = replier?.respond(bytes)?.bytes;
    seen += 1;
    if (count !== undefined && seen >= count) stop.abort();
    return answer;
  };
  const announce = (address: string, port: number): void => {
    if (values.json) io.out(eventJson('listening', { proto, address, port }));
    else io.err(textsFor(io.lang).listening({ proto, at: endpoint(address, port) }));
  };
  const ended = new Promise<void>((done) => {
    const finish = (): void => done();
    stop.signal.addEventListener('abort', finish);
    io.signal.addEventListener('abort', finish);
    if (io.signal.aborted) finish();
  });
  const timer = durationMs === undefined ? undefined : setTimeout(() => stop.abort(), durationMs);
  try {
    if (proto === 'udp') await listenUdp(bind, report, announce, ended);
    else
      await listenTcp(bind, report, announce, ended, (event, peer) => {
        if (values.json) io.out(eventJson(event, { peer }));
        else {
          const t = textsFor(io.lang);
          io.err((event === 'connect' ? t.connected : t.closed)(endpoint(peer.address, peer.port)));
        }
      });
  } finally {
    clearTimeout(timer);
  }
  return EXIT.OK;
}

type Report = (peer: { address: string; port: number }, bytes: Uint8Array) => Uint8Array | undefined;

async function listenUdp(
  bind: { address: string; port: number },
  report: Report,
  announce: (address: string, port: number) => void,
  ended: Promise<void>,
): Promise<void> {
  const socket = dgram.createSocket(isIP(bind.address) === 6 ? 'udp6' : 'udp4');
  await new Promise<void>((done, fail) => {
    socket.once('error', fail);
    socket.bind(bind.port, bind.address, () => {
      socket.off('error', fail);
      done();
    });
  });
  const local = socket.address();
  announce(local.address, local.port);
  let failure: unknown;
  const failed = new Promise<void>((done) =>
    socket.on('error', (err) => {
      failure = err;
      done();
    }),
  );
  socket.on('message', (data, rinfo) => {
    const answer = report({ address: rinfo.address, port: rinfo.port }, new Uint8Array(data));
    if (answer) socket.send(answer, rinfo.port, rinfo.address);
  });
  await Promise.race([ended, failed]);
  await new Promise<void>((done) => socket.close(() => done()));
  if (failure) throw failure;
}

async function listenTcp(
  bind: { address: string; port: number },
  report: Report,
  announce: (address: string, port: number) => void,
  ended: Promise<void>,
  event: (kind: 'connect' | 'close', peer: { address: string; port: number }) => void,
): Promise<void> {
  const clients = new Set<net.Socket>();
  // Every client on its own socket, served at once: a class's worth of connections at the same time.
  const server = net.createServer((socket) => {
    const peer = { address: socket.remoteAddress ?? '', port: socket.remotePort ?? 0 };
    clients.add(socket);
    event('connect', peer);
    socket.on('data', (data) => {
      const answer = report(peer, new Uint8Array(data));
      if (answer && socket.writable) socket.write(answer);
    });
    socket.on('error', () => undefined);
    socket.on('end', () => socket.end());
    socket.on('close', () => {
      clients.delete(socket);
      event('close', peer);
    });
  });
  await new Promise<void>((done, fail) => {
    server.once('error', fail);
    server.listen(bind.port, bind.address, () => {
      server.off('error', fail);
      done();
    });
  });
  const local = server.address() as net.AddressInfo;
  announce(local.address, local.port);
  await ended;
  for (const socket of clients) socket.destroy();
  await new Promise<void>((done) => server.close(() => done()));
}
