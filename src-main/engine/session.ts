import type {
  AutoReplyConfig,
  BridgeError,
  CaptureStatus,
  DataRecord,
  CloseReason,
  FailedCall,
  Counters,
  Direction,
  Endpoint,
  EngineEvent,
  PeriodicStatus,
  SessionInfo,
  SessionKind,
  SessionState,
  TimelineStep,
  TimelineEvent,
} from '../../src-shared/contract';
import { AutoReplier } from './auto-reply';
import { nowMicros } from './clock';
import type { DataLane, EventBatcher } from './event-batcher';
import type { CaptureTap, DropCounts } from './needs';

/** Lifecycle steps a session keeps for windows that open later; the view keeps as many. */
const STEPS_KEPT = 500;

/** What a session needs from the engine that owns it. */
export interface SessionContext {
  readonly batcher: EventBatcher;
  /** Turns any thrown error into the { code, message } the UI shows. */
  readonly describeError: (err: unknown) => BridgeError;
  /** Capture to file: sees every record before batching (the view may drop some; a capture keeps all). */
  readonly capture?: CaptureTap;
  /** What info() reports about a running capture of this session. */
  readonly captureOf?: (sessionId: string) => CaptureStatus | undefined;
  /** What info() reports about this session's periodic send (src-main/engine/periodic-sender.ts). */
  readonly periodicOf?: (sessionId: string) => PeriodicStatus | undefined;
  /** The kernel's count of datagrams a UDP socket lost to a full receive buffer (Linux). */
  readonly udpDrops?: DropCounts;
}

/** One message of `size` bytes in direction `dir`, added to `counters`. */
function tally(counters: Counters, dir: Direction, size: number): void {
  if (dir === 'in') {
    counters.bytesIn += size;
    counters.messagesIn += 1;
  } else {
    counters.bytesOut += size;
    counters.messagesOut += 1;
  }
}

/** State shared by every kind of session: identity, lifecycle, exact counters and event emission. */
export abstract class Session {
  state: SessionState;
  local?: Endpoint;
  remote?: Endpoint;
  closeReason?: CloseReason;
  error?: BridgeError;
  readonly createdAt = nowMicros();
  readonly counters: Counters = { bytesIn: 0, bytesOut: 0, messagesIn: 0, messagesOut: 0 };
  /** Echo / rule answers for what this session receives (a server's answer for its clients). */
  protected replier: AutoReplier | undefined;
  /** An accepted client's server: its counters are the totals of its clients. */
  protected totals: Session | undefined;
  private readonly lane: DataLane;

  protected constructor(
    protected readonly ctx: SessionContext,
    readonly id: string,
    readonly kind: SessionKind,
    initialState: SessionState,
    readonly parentId?: string,
  ) {
    this.state = initialState;
    this.lane = ctx.batcher.lane(id, this.counters);
  }

  /** No socket open: closed, failed, or (a TCP client) waiting to reconnect. */
  get isClosed(): boolean {
    return this.state === 'closed' || this.state === 'failed' || this.state === 'reconnecting';
  }

  /** Removed from the engine: nothing more is reported about it. */
  private gone = false;

  /**
   * Called as the engine forgets the session: stop everything that could
   * still act for it (a reconnect timer, a connect() in flight), and report
   * nothing more, so no row comes back in the UI.
   */
  dispose(): void {
    this.gone = true;
  }

  info(): SessionInfo {
    const info: SessionInfo = {
      id: this.id,
      kind: this.kind,
      state: this.state,
      createdAt: this.createdAt,
      counters: { ...this.counters },
      logSeq: this.lane.delivered,
    };
    if (this.parentId !== undefined) info.parentId = this.parentId;
    if (this.local) info.local = this.local;
    if (this.remote) info.remote = this.remote;
    if (this.closeReason) info.closeReason = this.closeReason;
    if (this.error) info.error = this.error;
    if (this.replier) info.autoReply = this.replier.config;
    const capture = this.ctx.captureOf?.(this.id);
    if (capture) info.capture = capture;
    const periodic = this.ctx.periodicOf?.(this.id);
    if (periodic) info.periodic = periodic;
    return this.decorate(info);
  }

  /** Kind-specific fields of info(). */
  protected decorate(info: SessionInfo): SessionInfo {
    return info;
  }

  /** Validates the whole configuration first: a bad rule changes nothing. */
  setAutoReply(config: AutoReplyConfig): void {
    const replier = config.echo || config.rules.length > 0 ? new AutoReplier(config) : undefined;
    this.replier = replier;
    // The app answers, not the socket: a step of its own, never dressed up as a setsockopt().
    this.timeline(
      'auto-reply',
      replier ? { echo: config.echo ? 1 : 0, rules: config.rules.length } : { off: 1 },
    );
    this.emitUpdated();
  }

  /**
   * Zero the counters in place: the batcher's open data event refers to this
   * same object. The timeline step goes first so the data before the reset is
   * delivered with the totals it had.
   */
  resetCounters(): void {
    this.timeline('counters-reset');
    this.counters.bytesIn = 0;
    this.counters.bytesOut = 0;
    this.counters.messagesIn = 0;
    this.counters.messagesOut = 0;
    this.emitUpdated();
  }

  /** Orderly close; resolves once the socket is closed. */
  abstract close(): Promise<void>;
  /** Immediate teardown for app quit: no handshake waited for. */
  abstract destroy(): void;

  private held: Exclude<EngineEvent, { type: 'data' }>[] | undefined = [];

  emitOpened(): void {
    const held = this.held ?? [];
    this.held = undefined;
    this.emit({ type: 'session-opened', session: this.info() });
    for (const event of held) if (event.type === 'timeline') this.emit(event);
  }

  protected emitUpdated(): void {
    this.emit({ type: 'session-updated', session: this.info() });
  }

  /** The lifecycle so far, for a window that opens later (a reload): the newest STEPS_KEPT steps. */
  steps(): TimelineEvent[] {
    return [...this.stepLog];
  }

  private readonly stepLog: TimelineEvent[] = [];

  protected timeline(
    step: TimelineStep,
    detail?: Record<string, string | number>,
    error?: BridgeError,
  ): void {
    const event: TimelineEvent = { type: 'timeline', sessionId: this.id, t: nowMicros(), step };
    if (detail) event.detail = detail;
    if (error) event.error = error;
    this.stepLog.push(event);
    // Dropped in blocks, so a session that keeps failing (a reconnect loop) costs no shift per step.
    if (this.stepLog.length > STEPS_KEPT + STEPS_KEPT / 10)
      this.stepLog.splice(0, this.stepLog.length - STEPS_KEPT);
    this.emit(event);
  }

  /**
   * Counts and records one exchange; returns its timestamp (µs) so callers
   * need not read the clock again. Runs for every datagram and TCP read, so a
   * record the view will not get and no capture wants is never built.
   */
  protected count(dir: Direction, peer: Endpoint, bytes: Uint8Array, auto?: DataRecord['auto']): number {
    const size = bytes.byteLength;
    tally(this.counters, dir, size);
    this.totals?.addToTotals(dir, size);
    const t = nowMicros();
    const carried = this.lane.fits(size);
    const capture = this.ctx.capture?.active ? this.ctx.capture : undefined;
    if (!carried && !capture) {
      this.lane.drop(size);
      return t;
    }
    const record: DataRecord = { dir, t, peer, bytes };
    if (auto) record.auto = auto;
    capture?.tap(this, record);
    if (carried) this.lane.carry(record);
    else this.lane.drop(size);
    return t;
  }

  /** A server counts what its clients exchange, so its header and the client table add up. */
  private addToTotals(dir: Direction, size: number): void {
    tally(this.counters, dir, size);
    this.lane.touch();
  }

  /**
   * A log entry that is not counted here because the sessions that sent it
   * counted it (a server's send-to-all: its clients did the sending). Not
   * captured either: a server's capture already has its clients' records.
   */
  protected note(record: DataRecord): void {
    this.lane.offer(record);
  }

  /** A success after a send failed: the failure is history (kept in the timeline), not the state. */
  protected clearSendError(): void {
    if (!this.error || this.isClosed) return;
    delete this.error;
    this.emitUpdated();
  }

  /**
   * A call the user asked for that failed (sendto, setsockopt, a group
   * join…), as a lifecycle step with its explanation: the lifecycle shows
   * every failure, not only those that end the session. State and error stay
   * as they were (the socket is still usable); the caller rethrows, so the
   * action that asked also hears why. A call refused because the session is
   * closed is the session's end, told by its close step, not a new failure.
   */
  protected failedCall(call: FailedCall, err: unknown, detail: Record<string, string | number> = {}): void {
    if (this.isClosed) return;
    this.timeline('error', { call, ...detail }, this.ctx.describeError(err));
  }

  protected fail(err: unknown, step: TimelineStep = 'error'): BridgeError {
    const error = this.ctx.describeError(err);
    this.error = error;
    this.timeline(step, undefined, error);
    return error;
  }

  private emit(event: Exclude<EngineEvent, { type: 'data' }>): void {
    if (this.gone) return;
    // Until the session is opened (bind/listen succeeded) its steps are held
    // back: a session whose opening fails never appears in the UI at all.
    if (this.held) this.held.push(event);
    else this.ctx.batcher.push(event, this.id);
  }
}
