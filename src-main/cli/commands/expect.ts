import { numberOf, oneMessageCommand, ONE_MESSAGE_OPTIONS } from '../args';
import { endpoint, preview } from '../format';
import { CliError, EXIT, usage, type CliIo, type ExitCode } from '../io';
import { Link, type WaitResult } from '../link';
import { hexMatcher, regexMatcher, type Matcher } from '../matcher';
import { concatBytes } from '../../../src-shared/codec/pieces';
import { textsFor } from '../texts';
import type { EncodingId } from '../../../src-shared/codec/encodings';

export const EXPECT_OPTIONS = {
  ...ONE_MESSAGE_OPTIONS,
  match: { type: 'string', short: 'm' },
  'match-hex': { type: 'string' },
  timeout: { type: 'string', short: 't', default: '2000' },
} as const;

export function matcherOf(regex: string | undefined, hex: string | undefined, encoding: EncodingId): Matcher {
  if ((regex === undefined) === (hex === undefined))
    throw usage('give exactly one of --match REGEX or --match-hex HEX');
  return regex !== undefined ? regexMatcher(regex, encoding) : hexMatcher(hex ?? '');
}

/** The error for a reply that did not come: what was expected, and what did arrive. */
export function missError(
  result: Exclude<WaitResult, { matched: true }>,
  matcher: Matcher,
  timeoutMs: number,
  encoding: EncodingId,
): CliError {
  const received = preview(concatBytes(result.received), { encoding, hex: matcher.label.startsWith('hex') });
  const params = { pattern: matcher.label, timeout: timeoutMs, received };
  return new CliError(result.why === 'closed' ? 'PEER_CLOSED' : 'NO_MATCH', params, EXIT.FAILED);
}

/** expect udp|tcp HOST:PORT [DATA] --match RE | --match-hex HEX: exit 0 only when a matching reply came in time. */
export async function expect(argv: string[], io: CliIo): Promise<ExitCode> {
  const { values, proto, target, bind, encoding, message, given } = oneMessageCommand(
    argv,
    EXPECT_OPTIONS,
    io.cwd,
  );
  const matcher = matcherOf(values.match, values['match-hex'], encoding);
  const timeoutMs = numberOf('timeout', values.timeout, 1) ?? 2000;
  // Nothing to send is allowed: then expect waits for what a server says first (a banner).
  const bytes = given ? message : undefined;
  const link = await Link.open(proto, target, bind);
  try {
    if (bytes) await link.send(bytes);
    const result = await link.waitFor(matcher, timeoutMs, io.signal);
    if (!result.matched) throw missError(result, matcher, timeoutMs, encoding);
    const got = preview(concatBytes(result.received), { encoding, hex: matcher.label.startsWith('hex') });
    const t = textsFor(io.lang);
    io.out(`${t.pass}  ${endpoint(link.remote.address, link.remote.port)}  ${matcher.label}  ${t.got(got)}`);
  } finally {
    await link.close();
  }
  return EXIT.OK;
}
