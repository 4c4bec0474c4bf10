import { randomBytes } from 'node:crypto';
import { setImmediate as yieldToIo } from 'node:timers/promises';
import { buildPayload, type PayloadProblem } from '../../src-shared/codec/payload';
import type { BridgeError, PayloadTemplate, PeriodicState, PeriodicStatus } from '../../src-shared/contract';
import { nowMicros } from './clock';
import { EngineError } from '../errors/engine-error';

/** Most messages sent back to back when behind schedule before I/O (and received data) gets a turn. */
const MAX_BURST = 64;
/** A timer is only trusted to ~1 ms: closer than this to the due time we spin on setImmediate. */
const SPIN_BELOW_MS = 2;
/** Sleeps are cut into slices this long, so a closed session or a stop is noticed promptly. */
const MAX_SLEEP_MS = 250;
/** Progress reaches the UI a few times a second, never once per message. */
export const PROGRESS_INTERVAL_MS = 200;

export interface PeriodicJobOptions {
  intervalMs: number;
  /** 0 = until stopped. */
  count: number;
  /** The bytes of send number `n` (0 = first). */
  make: (n: number) => Uint8Array;
  /** Hand one message to the kernel; rejects with the OS's or the engine's error. */
  send: (bytes: Uint8Array) => Promise<void>;
  /** The session is gone: the job ends as 'stopped'. */
  isClosed: () => boolean;
  /** Called at most every PROGRESS_INTERVAL_MS while running, and once at the end. */
  onProgress: () => void;
  describeError: (err: unknown) => BridgeError;
}

/** The problem in a template as one line, for BAD_TEMPLATE (the composer shows its own, richer message first). */
function describeProblem(p: PayloadProblem): string {
  const at = `at character ${p.index + 1}`;
  switch (p.kind) {
    case 'bad-hex':
      return `"${p.char}" is not hex (${at})`;
    case 'bad-escape':
      return `bad escape "${p.text}" (${at})`;
    case 'bad-variable':
      return `unknown variable "${p.text}" (${at})`;
    case 'unencodable':
      return `"${p.char}" cannot be written in ${p.encoding} (${at})`;
  }
}

/**
 * The bytes of each send from a composer template, expanded by the one shared
 * implementation (src-shared/codec/payload.ts). A template that uses no
 * variable is built once; one that does is rebuilt for every send, so
 * {{COUNTER}}, {{TIME}} and {{RANDOM:N}} are fresh each time.
 */
export function templateMaker(template: PayloadTemplate): (n: number) => Uint8Array {
  const build = (n: number) =>
    buildPayload(template.input, template.settings, {
      counter: template.firstCounter + n,
      now: new Date(),
      random: (length) => new Uint8Array(randomBytes(length)),
    });
  const first = build(0);
  if (!first.ok) {
    throw new EngineError('BAD_TEMPLATE', 'The message template cannot be sent.', {
      detail: describeProblem(first.problem),
    });
  }
  if (first.payload.uses.size === 0) {
    const bytes = first.payload.bytes;
    return () => bytes;
  }
  return (n) => {
    if (n === 0) return first.payload.bytes;
    const made = build(n);
    // Only the values change between sends, and they always encode (digits, raw bytes).
    if (!made.ok)
      throw new EngineError('BAD_TEMPLATE', 'The message template cannot be sent.', {
        detail: describeProblem(made.problem),
      });
    return made.payload.bytes;
  };
}

/**
 * One periodic send: message n is due at start + n × interval on the
 * monotonic clock, so lateness never accumulates (no drift). When the process
 * was busy and several messages are overdue, they go out back to back in
 * bursts of at most MAX_BURST, with I/O served in between. Each send is
 * awaited before the next, so at most one message is ever queued (a TCP peer
 * that stops reading stalls the job instead of filling memory), and every
 * message counted was handed to the kernel.
 */
export class PeriodicJob {
  private state: PeriodicState = 'running';
  private sent = 0;
  private bytes = 0;
  private readonly startedAt = nowMicros();
  private endedAt: number | undefined;
  private error: BridgeError | undefined;
  private firstAt = 0;
  private lastAt = 0;
  private wake: (() => void) | undefined;
  private stopRequested = false;
  private progressTimer: NodeJS.Timeout | undefined;
  /** Resolves when the loop has ended, whatever the reason. */
  readonly finished: Promise<void>;
  private readonly origin = performance.now();

  /**
   * Starts at once: the first message goes out before start() resolves, so
   * an immediate failure (no destination, not connected) is the command's
   * error rather than a job that fails a moment later.
   */
  static async start(options: PeriodicJobOptions): Promise<PeriodicJob> {
    const job = new PeriodicJob(options);
    await job.sendOne();
    return job;
  }

  private constructor(private readonly options: PeriodicJobOptions) {
    let resolveFinished: () => void = () => undefined;
    this.finished = new Promise((resolve) => (resolveFinished = resolve));
    this.progressTimer = setInterval(() => this.options.onProgress(), PROGRESS_INTERVAL_MS);
    this.progressTimer.unref();
    this.resolveFinished = resolveFinished;
  }

  private readonly resolveFinished: () => void;

  get running(): boolean {
    return this.state === 'running';
  }

  status(): PeriodicStatus {
    const span = this.lastAt - this.firstAt;
    const status: PeriodicStatus = {
      state: this.state,
      sent: this.sent,
      bytes: this.bytes,
      target: this.options.count,
      intervalMs: this.options.intervalMs,
      // Intervals completed over the time they took: 1000/s for a perfect 1 ms schedule.
      rate: this.sent >= 2 && span > 0 ? Math.round(((this.sent - 1) * 1000 * 10) / span) / 10 : 0,
      startedAt: this.startedAt,
    };
    if (this.endedAt !== undefined) status.endedAt = this.endedAt;
    if (this.error) status.error = this.error;
    return status;
  }

  /** Ask the loop to end; resolves once it has (after a send in flight completes and is counted). */
  async stop(): Promise<PeriodicStatus> {
    this.stopRequested = true;
    this.wake?.();
    await this.finished;
    return this.status();
  }

  /** Send message number `sent`; a failure ends the job (and is rethrown for start()). */
  private async sendOne(): Promise<void> {
    let bytes: Uint8Array;
    try {
      bytes = this.options.make(this.sent);
      await this.options.send(bytes);
    } catch (err) {
      // A send refused because the session just closed is the session ending, not a failure.
      if (this.options.isClosed()) this.finish('stopped');
      else this.finish('failed', this.options.describeError(err));
      throw err;
    }
    const now = performance.now();
    if (this.sent === 0) this.firstAt = now;
    this.lastAt = now;
    this.sent += 1;
    this.bytes += bytes.byteLength;
    if (this.sent === 1) void this.loop();
  }

  private async loop(): Promise<void> {
    const { intervalMs, count } = this.options;
    let burst = 0;
    while (this.state === 'running') {
      if (count > 0 && this.sent >= count) return this.finish('done');
      if (this.stopRequested || this.options.isClosed()) return this.finish('stopped');
      const wait = this.origin + this.sent * intervalMs - performance.now();
      if (wait > 0) {
        burst = 0;
        await this.sleep(wait);
        continue;
      }
      try {
        await this.sendOne();
      } catch {
        return; // sendOne recorded how the job ended
      }
      burst += 1;
      if (burst >= MAX_BURST) {
        burst = 0;
        await yieldToIo();
      }
    }
  }

  /** Wait until close to the due time: a timer for the long part, setImmediate for the last ~2 ms. */
  private sleep(ms: number): Promise<void> {
    if (ms < SPIN_BELOW_MS) return yieldToIo().then(() => undefined);
    return new Promise((resolve) => {
      const timer = setTimeout(
        () => {
          this.wake = undefined;
          resolve();
        },
        Math.min(ms - 1, MAX_SLEEP_MS),
      );
      this.wake = () => {
        clearTimeout(timer);
        this.wake = undefined;
        resolve();
      };
    });
  }

  private finish(state: Exclude<PeriodicState, 'running'>, error?: BridgeError): void {
    if (this.state !== 'running') return;
    this.state = state;
    this.endedAt = nowMicros();
    if (error) this.error = error;
    clearInterval(this.progressTimer);
    this.progressTimer = undefined;
    this.options.onProgress();
    this.resolveFinished();
  }
}
