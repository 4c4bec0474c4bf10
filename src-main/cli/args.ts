import { readFileSync } from 'node:fs';
import { isIP } from 'node:net';
import { resolve } from 'node:path';
import { parseArgs, type ParseArgsConfig } from 'node:util';
import { isChecksumId, type ChecksumId } from '../../src-shared/codec/checksum';
import { isEncodingId, type EncodingId } from '../../src-shared/codec/encodings';
import { buildPayload, type LineEnding, type PayloadResult } from '../../src-shared/codec/payload';
import { checksumBytes } from '../../src-shared/codec/checksum';
import { concatBytes } from '../../src-shared/codec/pieces';
import { CliError, EXIT, usage } from './io';

export type Protocol = 'udp' | 'tcp';

export interface Target {
  host: string;
  port: number;
}

type Options = NonNullable<ParseArgsConfig['options']>;

/** The flags every command that writes or reads text shares. */
export const CODEC_OPTIONS = {
  encoding: { type: 'string', short: 'e', default: 'utf-8' },
  hex: { type: 'boolean', short: 'x', default: false },
  escapes: { type: 'boolean', short: 'E', default: false },
  checksum: { type: 'string', default: 'none' },
  eol: { type: 'string', default: 'none' },
  file: { type: 'string', short: 'f' },
} as const satisfies Options;

export const HELP_OPTION = {
  help: { type: 'boolean', short: 'h', default: false },
} as const satisfies Options;

/** util.parseArgs, with its complaints turned into our usage error (exit 2). */
export function parse<T extends Options>(argv: string[], options: T) {
  try {
    return parseArgs({ args: argv, options, allowPositionals: true, strict: true });
  } catch (err) {
    throw usage(err instanceof Error ? err.message : String(err));
  }
}

export function protocolOf(value: string | undefined): Protocol {
  if (value === 'udp' || value === 'tcp') return value;
  throw usage(`the protocol must be udp or tcp, not "${value ?? ''}"`);
}

export function portOf(text: string, min = 1): number {
  const port = /^\d+$/.test(text) ? Number(text) : NaN;
  if (!Number.isInteger(port) || port < min || port > 65535)
    throw new CliError('BAD_PORT', { min }, EXIT.USAGE);
  return port;
}

/** HOST:PORT, with IPv6 written [::1]:PORT. */
export function targetOf(text: string | undefined): Target {
  if (!text) throw usage('give the destination as HOST:PORT');
  const m = /^\[([^\]]+)\]:(\d+)$/.exec(text) ?? /^([^:]+):(\d+)$/.exec(text);
  if (!m) throw usage(`"${text}" is not HOST:PORT (IPv6: [::1]:PORT)`);
  const host = m[1] ?? '';
  if (text.startsWith('[') && isIP(host) !== 6)
    throw new CliError('BAD_ADDRESS', { value: host }, EXIT.USAGE);
  return { host, port: portOf(m[2] ?? '') };
}

/**
 * The preamble of the commands that talk to one peer (send, expect, flood):
 * `udp|tcp HOST:PORT [DATA]`, nothing after DATA, and `--bind [ADDR:]PORT` where the command has it.
 */
export function destinationOf(
  positionals: string[],
  bindText?: string,
): { proto: Protocol; target: Target; data: string | undefined; bind?: { address: string; port: number } } {
  const [protoText, targetText, data, ...extra] = positionals;
  if (extra.length > 0) throw usage(`unexpected "${extra.join(' ')}" (quote DATA that has spaces)`);
  const proto = protocolOf(protoText);
  const target = targetOf(targetText);
  return { proto, target, data, ...(bindText === undefined ? {} : { bind: bindOf(bindText, '0.0.0.0') }) };
}

/** [ADDR:]PORT for binding; port 0 lets the OS choose. */
export function bindOf(text: string, defaultAddress: string): { address: string; port: number } {
  if (/^\d+$/.test(text)) return { address: defaultAddress, port: portOf(text, 0) };
  const m = /^\[([^\]]+)\]:(\d+)$/.exec(text) ?? /^([^:]+):(\d+)$/.exec(text);
  if (!m) throw usage(`"${text}" is not [ADDRESS:]PORT`);
  const address = m[1] ?? '';
  if (!isIP(address)) throw new CliError('BAD_ADDRESS', { value: address }, EXIT.USAGE);
  return { address, port: portOf(m[2] ?? '', 0) };
}

export function numberOf(name: string, text: string | undefined, min: number): number | undefined {
  if (text === undefined) return undefined;
  const n = Number(text);
  if (!Number.isFinite(n) || n < min) throw usage(`--${name} must be a number of at least ${min}`);
  return n;
}

export function encodingOf(value: string): EncodingId {
  const id = value.toLowerCase();
  if (!isEncodingId(id)) throw new CliError('BAD_ENCODING', { value }, EXIT.USAGE);
  return id;
}

export interface CodecValues {
  encoding: string;
  hex: boolean;
  escapes: boolean;
  checksum: string;
  eol: string;
  file?: string;
}

/**
 * How to make the bytes of each message: the app's own payload builder
 * (encodings, hex, escapes, variables, checksum, line ending), or a file's
 * bytes as they are (with the checksum appended).
 */
export interface MessageMaker {
  /** Bytes for the `counter`-th message (1, 2, 3…). */
  make(counter: number): Uint8Array;
  /** True when every message is the same bytes (no variables): senders build it once. */
  fixed: boolean;
}

export function messageMaker(values: CodecValues, data: string | undefined, cwd: string): MessageMaker {
  const encoding = encodingOf(values.encoding);
  const checksum = values.checksum.toLowerCase();
  if (!isChecksumId(checksum))
    throw usage(`unknown --checksum "${values.checksum}" (none, sum8, xor8, crc16-modbus, crc32)`);
  const eol = values.eol.toLowerCase();
  if (!['none', 'lf', 'crlf', 'cr'].includes(eol)) throw usage(`--eol must be none, lf, crlf or cr`);
  if (values.file !== undefined) {
    if (data !== undefined) throw usage('give either DATA or --file, not both');
    const bytes = readFile(values.file, cwd);
    const whole = concatBytes([bytes, checksumBytes(checksum as ChecksumId, bytes)]);
    return { make: () => whole, fixed: true };
  }
  const input = data ?? '';
  const options = {
    mode: values.hex ? ('hex' as const) : ('text' as const),
    encoding,
    lineEnding: eol as LineEnding,
    escapes: values.escapes,
    variables: true,
    checksum: checksum as ChecksumId,
  };
  const build = (counter: number): Uint8Array =>
    payloadOrThrow(buildPayload(input, options, contextFor(counter)));
  const first = buildPayload(input, options, contextFor(1));
  const bytes = payloadOrThrow(first);
  const fixed = first.ok && first.payload.uses.size === 0;
  return { make: fixed ? () => bytes : build, fixed };
}

function contextFor(counter: number) {
  return {
    counter,
    now: new Date(),
    random: (n: number) => {
      const out = new Uint8Array(n);
      crypto.getRandomValues(out);
      return out;
    },
  };
}

/** A payload problem in words: which character, where, and why (the app's BAD_TEMPLATE). */
function payloadOrThrow(result: PayloadResult): Uint8Array {
  if (result.ok) return result.payload.bytes;
  const p = result.problem;
  const at = `at character ${p.index + 1}`;
  let detail: string;
  switch (p.kind) {
    case 'unencodable':
      detail = `"${p.char}" ${at} cannot be written in ${p.encoding}`;
      break;
    case 'bad-hex':
      detail = `not hex ${at} ("${p.char}", ${p.reason})`;
      break;
    case 'bad-escape':
      detail = `"${p.text}" ${at} is not a valid escape (${p.reason})`;
      break;
    case 'bad-variable':
      detail = `"${p.text}" ${at} is not a known variable (${p.reason}): COUNTER, COUNTER:N, TIME, DATE, TIMESTAMP, RANDOM:N`;
      break;
  }
  throw new CliError('BAD_TEMPLATE', { detail }, EXIT.USAGE);
}

export function readFile(path: string, cwd: string): Uint8Array {
  try {
    return new Uint8Array(readFileSync(resolve(cwd, path)));
  } catch (err) {
    const detail = err instanceof Error ? err.message : String(err);
    throw new CliError('FILE_READ_FAILED', { name: path, detail }, EXIT.USAGE);
  }
}

/** The flags of the commands that send one message to one peer and may wait for what comes back. */
export const ONE_MESSAGE_OPTIONS = {
  ...HELP_OPTION,
  ...CODEC_OPTIONS,
  bind: { type: 'string', short: 'b' },
} as const satisfies Options;

/**
 * send's and expect's common start: their flags parsed, the peer, the local
 * bind, the encoding, and the message DATA or --file makes (`given` is false
 * when there was neither: expect then only listens, send sends it empty).
 */
export function oneMessageCommand<T extends Options & typeof ONE_MESSAGE_OPTIONS>(
  argv: string[],
  options: T,
  cwd: string,
) {
  const { values, positionals } = parse(argv, options);
  const codec = values as unknown as CodecValues & { bind?: string };
  const { proto, target, data, bind } = destinationOf(positionals, codec.bind);
  const encoding = encodingOf(codec.encoding);
  const message = messageMaker(codec, data, cwd).make(1);
  return {
    values,
    proto,
    target,
    bind,
    encoding,
    message,
    given: data !== undefined || codec.file !== undefined,
  };
}
