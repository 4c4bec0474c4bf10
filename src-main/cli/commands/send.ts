import {
  bindOf,
  CODEC_OPTIONS,
  HELP_OPTION,
  messageMaker,
  numberOf,
  parse,
  protocolOf,
  targetOf,
} from '../args';
import { encodingOf } from '../args';
import { endpoint, messageLine } from '../format';
import { EXIT, usage, type CliIo, type ExitCode } from '../io';
import { Link } from '../link';
import type { Matcher } from '../matcher';
import { textsFor } from '../texts';

const NEVER: Matcher = { label: 'never', test: () => false };

export const SEND_OPTIONS = {
  ...HELP_OPTION,
  ...CODEC_OPTIONS,
  bind: { type: 'string', short: 'b' },
  wait: { type: 'string', short: 'w' },
  'show-hex': { type: 'boolean', default: false },
} as const;

/** send udp|tcp HOST:PORT [DATA]: one message, then (with --wait) every reply for that long. */
export async function send(argv: string[], io: CliIo): Promise<ExitCode> {
  const { values, positionals } = parse(argv, SEND_OPTIONS);
  const [protoText, targetText, data, ...extra] = positionals;
  if (extra.length > 0) throw usage(`unexpected "${extra.join(' ')}" (quote DATA that has spaces)`);
  const proto = protocolOf(protoText);
  const target = targetOf(targetText);
  const maker = messageMaker(values, data, io.cwd);
  const waitMs = numberOf('wait', values.wait, 0) ?? 0;
  const bind = values.bind === undefined ? undefined : bindOf(values.bind, '0.0.0.0');
  const shown = { encoding: encodingOf(values.encoding), hex: values['show-hex'] };
  const bytes = maker.make(1);
  const link = await Link.open(proto, target, bind);
  try {
    const peer = endpoint(link.remote.address, link.remote.port);
    link.onArrival = ({ at, bytes: got }) => io.out(messageLine(at, peer, got, shown));
    await link.send(bytes);
    io.err(
      textsFor(io.lang).sent({
        bytes: bytes.byteLength,
        peer,
        local: endpoint(link.local.address, link.local.port),
      }),
    );
    if (waitMs > 0) await link.waitFor(NEVER, waitMs, io.signal);
  } finally {
    await link.close();
  }
  return EXIT.OK;
}
