import { numberOf, oneMessageCommand, ONE_MESSAGE_OPTIONS } from '../args';
import { endpoint, messageLine } from '../format';
import { EXIT, type CliIo, type ExitCode } from '../io';
import { Link } from '../link';
import type { Matcher } from '../matcher';
import { textsFor } from '../texts';

const NEVER: Matcher = { label: 'never', test: () => false };

export const SEND_OPTIONS = {
  ...ONE_MESSAGE_OPTIONS,
  wait: { type: 'string', short: 'w' },
  'show-hex': { type: 'boolean', default: false },
} as const;

/** send udp|tcp HOST:PORT [DATA]: one message, then (with --wait) every reply for that long. */
export async function send(argv: string[], io: CliIo): Promise<ExitCode> {
  const {
    values,
    proto,
    target,
    bind,
    encoding,
    message: bytes,
  } = oneMessageCommand(argv, SEND_OPTIONS, io.cwd);
  const waitMs = numberOf('wait', values.wait, 0) ?? 0;
  const shown = { encoding, hex: values['show-hex'] };
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
