import { performance } from 'node:perf_hooks';
import {
  CODEC_OPTIONS,
  HELP_OPTION,
  messageMaker,
  numberOf,
  parse,
  protocolOf,
  targetOf,
  type MessageMaker,
} from '../args';
import { endpoint } from '../format';
import { EXIT, usage, type CliIo, type ExitCode } from '../io';
import { Link } from '../link';

export const FLOOD_OPTIONS = {
  ...HELP_OPTION,
  ...CODEC_OPTIONS,
  rate: { type: 'string' },
  bps: { type: 'string' },
  count: { type: 'string', short: 'n' },
  duration: { type: 'string', short: 'd' },
  size: { type: 'string', short: 's', default: '64' },
} as const;

/** Sends handed to the OS but not yet completed: enough to keep it busy, bounded so memory is. */
const MAX_IN_FLIGHT = 512;
/** Sends per turn of the event loop: callbacks and Ctrl-C still get their turn. */
const BATCH = 256;

export interface FloodResult {
  sent: number;
  bytes: number;
  errors: number;
  seconds: number;
  firstError?: unknown;
}

/**
 * Pacing by the clock, not by timers: at any moment the messages due are
 * rate × elapsed, so a late timer is caught up at once instead of lowering
 * the rate, and an unreachable rate shows as an achieved rate below it.
 */
export async function floodLink(
  link: Link,
  maker: MessageMaker,
  plan: { rate: number; count: number; durationMs: number },
  signal: AbortSignal,
): Promise<FloodResult> {
  const result: FloodResult = { sent: 0, bytes: 0, errors: 0, seconds: 0 };
  let inFlight = 0;
  let wake: (() => void) | undefined;
  const settle = (size: number) => (err?: unknown) => {
    inFlight -= 1;
    if (err) {
      result.errors += 1;
      result.firstError ??= err;
    } else {
      result.sent += 1;
      result.bytes += size;
    }
    wake?.();
  };
  const start = performance.now();
  let issued = 0;
  for (;;) {
    const elapsed = performance.now() - start;
    if (signal.aborted || issued >= plan.count || elapsed >= plan.durationMs) break;
    const due =
      plan.rate > 0 ? Math.min(plan.count, Math.floor((elapsed / 1000) * plan.rate) + 1) : plan.count;
    let n = Math.min(due - issued, BATCH, MAX_IN_FLIGHT - inFlight);
    while (n > 0) {
      issued += 1;
      n -= 1;
      inFlight += 1;
      const bytes = maker.make(issued);
      link.sendQuick(bytes, settle(bytes.byteLength));
    }
    // Wait for whichever comes first: room in flight, the next message's time, or the next turn.
    const nextAt = plan.rate > 0 ? start + (issued / plan.rate) * 1000 : 0;
    const delay = nextAt - performance.now();
    await new Promise<void>((done) => {
      if (inFlight >= MAX_IN_FLIGHT) {
        wake = () => {
          wake = undefined;
          done();
        };
      } else if (delay > 2) setTimeout(done, Math.min(delay - 1, plan.durationMs));
      else setImmediate(done);
    });
  }
  while (inFlight > 0) await new Promise<void>((done) => (wake = done));
  result.seconds = (performance.now() - start) / 1000;
  return result;
}

/** flood udp|tcp HOST:PORT [DATA]: steady traffic, then the achieved rate. */
export async function flood(argv: string[], io: CliIo): Promise<ExitCode> {
  const { values, positionals } = parse(argv, FLOOD_OPTIONS);
  const [protoText, targetText, data, ...extra] = positionals;
  if (extra.length > 0) throw usage(`unexpected "${extra.join(' ')}" (quote DATA that has spaces)`);
  const proto = protocolOf(protoText);
  const target = targetOf(targetText);
  const size = numberOf('size', values.size, 1) ?? 64;
  const maker = messageMaker(values, data ?? (values.file ? undefined : 'x'.repeat(size)), io.cwd);
  const length = maker.make(1).byteLength;
  if (values.rate !== undefined && values.bps !== undefined) throw usage('give --rate or --bps, not both');
  const bps = numberOf('bps', values.bps, 1);
  const rate =
    bps !== undefined ? bps / (8 * Math.max(1, length)) : (numberOf('rate', values.rate, 0) ?? 1000);
  const durationMs = numberOf('duration', values.duration, 1);
  const count = numberOf('count', values.count, 1) ?? (durationMs === undefined ? 1000 : Infinity);
  const link = await Link.open(proto, target);
  let result: FloodResult;
  try {
    result = await floodLink(link, maker, { rate, count, durationMs: durationMs ?? Infinity }, io.signal);
  } finally {
    await link.close();
  }
  const perSecond = result.seconds > 0 ? result.sent / result.seconds : 0;
  const bitsPerSecond = result.seconds > 0 ? (result.bytes * 8) / result.seconds : 0;
  const asked = rate > 0 ? `${Math.round(rate)} msg/s requested` : 'as fast as possible';
  io.out(
    `sent ${result.sent} messages (${result.bytes} B) to ${endpoint(link.remote.address, link.remote.port)} in ${result.seconds.toFixed(3)} s: ` +
      `${Math.round(perSecond)} msg/s, ${formatBits(bitsPerSecond)} (${asked}); errors: ${result.errors}`,
  );
  if (result.firstError && result.sent === 0) throw result.firstError;
  return EXIT.OK;
}

function formatBits(bps: number): string {
  if (bps >= 1e9) return `${(bps / 1e9).toFixed(2)} Gbit/s`;
  if (bps >= 1e6) return `${(bps / 1e6).toFixed(2)} Mbit/s`;
  if (bps >= 1e3) return `${(bps / 1e3).toFixed(2)} kbit/s`;
  return `${Math.round(bps)} bit/s`;
}
