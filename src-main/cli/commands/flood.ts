import { performance } from 'node:perf_hooks';
import {
  CODEC_OPTIONS,
  destinationOf,
  HELP_OPTION,
  messageMaker,
  numberOf,
  parse,
  type MessageMaker,
} from '../args';
import { endpoint } from '../format';
import { EXIT, usage, type CliIo, type ExitCode } from '../io';
import { Link } from '../link';
import { textsFor } from '../texts';

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
const MAX_IN_FLIGHT = 1024;
/** Sends per turn of the event loop at most: callbacks and Ctrl-C still get their turn. */
const BATCH = 512;
/**
 * How long a paced flood sleeps between bursts. Waking for every message costs
 * more than sending it (at 100,000/s a message is due every 10 µs, and a turn
 * of the event loop with a promise and a timer costs about that), so the
 * generator sleeps a millisecond and then sends everything that fell due.
 * A millisecond of messages is far less than a receive buffer holds.
 */
const TICK_MS = 1;

export type Pause = { kind: 'room' } | { kind: 'turn' } | { kind: 'timer'; ms: number };

/**
 * What the generator does after a round of sends: wait for sends in flight to
 * complete, take the next turn at once (it is behind, or unpaced), or sleep
 * until the next message is due but never less than a tick, so that each wake
 * sends a burst rather than one message.
 */
export function pauseBeforeNext(s: {
  issued: number;
  due: number;
  rate: number;
  inFlight: number;
  /** ms until the next message is due (negative: overdue). */
  untilNext: number;
  /** ms until the duration ends. */
  remaining: number;
}): Pause {
  if (s.inFlight >= MAX_IN_FLIGHT) return { kind: 'room' };
  if (s.issued < s.due || s.rate <= 0) return { kind: 'turn' };
  return { kind: 'timer', ms: Math.min(Math.max(TICK_MS, s.untilNext), Math.max(0, s.remaining)) };
}

export interface FloodResult {
  sent: number;
  bytes: number;
  errors: number;
  seconds: number;
  /** Turns of the event loop the generator took: about one per millisecond when paced, not one per message. */
  wakeups: number;
  firstError?: unknown;
}

/**
 * Pacing by the clock, not by timers: at any moment the messages due are
 * rate × elapsed, so a late timer is caught up at once instead of lowering
 * the rate, and an unreachable rate shows as an achieved rate below it.
 * Every send has its completion counted (sent, or an error from the OS), and
 * one callback serves them all: a closure per message would cost as much as
 * the send at high rates.
 */
export async function floodLink(
  link: Link,
  maker: MessageMaker,
  plan: { rate: number; count: number; durationMs: number },
  signal: AbortSignal,
): Promise<FloodResult> {
  const result: FloodResult = { sent: 0, bytes: 0, errors: 0, seconds: 0, wakeups: 0 };
  let inFlight = 0;
  let wake: (() => void) | undefined;
  const settle = (err: unknown, size: number): void => {
    inFlight -= 1;
    if (err) {
      result.errors += 1;
      result.firstError ??= err;
    } else {
      result.sent += 1;
      result.bytes += size;
    }
    if (wake && inFlight < MAX_IN_FLIGHT / 2) wake();
  };
  const start = performance.now();
  let issued = 0;
  for (;;) {
    // The last burst is the one due at the end of the duration, sent however late the timer woke
    // (within a round of sends in flight): a machine too busy for the rate shows fewer sent, never a longer run.
    const elapsed = Math.min(performance.now() - start, plan.durationMs);
    if (signal.aborted || issued >= plan.count) break;
    const ended = elapsed >= plan.durationMs;
    // Message k is due at (k - 1) / rate: the first at once, none at the end of the duration itself.
    const due =
      plan.rate <= 0
        ? plan.count
        : Math.min(
            plan.count,
            ended ? Math.ceil((elapsed / 1000) * plan.rate) : Math.floor((elapsed / 1000) * plan.rate) + 1,
          );
    let n = Math.min(due - issued, ended ? MAX_IN_FLIGHT : BATCH, MAX_IN_FLIGHT - inFlight);
    while (n > 0) {
      issued += 1;
      n -= 1;
      inFlight += 1;
      link.sendQuick(maker.make(issued), settle);
    }
    if (ended) break;
    // Wait for whichever comes first: room in flight, the next burst, or (when behind) the next turn.
    result.wakeups += 1;
    const pause = pauseBeforeNext({
      issued,
      due,
      rate: plan.rate,
      inFlight,
      untilNext: start + (issued / Math.max(plan.rate, 1e-9)) * 1000 - performance.now(),
      remaining: plan.durationMs - (performance.now() - start),
    });
    await new Promise<void>((done) => {
      if (pause.kind === 'room')
        wake = () => {
          wake = undefined;
          done();
        };
      else if (pause.kind === 'turn') setImmediate(done);
      else setTimeout(done, pause.ms);
    });
  }
  while (inFlight > 0)
    await new Promise<void>((done) => {
      wake = () => {
        wake = undefined;
        done();
      };
      if (inFlight === 0) wake();
    });
  result.seconds = (performance.now() - start) / 1000;
  return result;
}

/** flood udp|tcp HOST:PORT [DATA]: steady traffic, then the achieved rate. */
export async function flood(argv: string[], io: CliIo): Promise<ExitCode> {
  const { values, positionals } = parse(argv, FLOOD_OPTIONS);
  const { proto, target, data } = destinationOf(positionals);
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
  io.out(
    textsFor(io.lang).flood({
      sent: result.sent,
      bytes: result.bytes,
      peer: endpoint(link.remote.address, link.remote.port),
      seconds: result.seconds.toFixed(3),
      perSecond: Math.round(perSecond),
      bits: formatBits(bitsPerSecond),
      asked: rate > 0 ? Math.round(rate) : undefined,
      errors: result.errors,
    }),
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
