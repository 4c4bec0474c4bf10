import type {
  Counters,
  DataRecord,
  Direction,
  EngineEvent,
  SessionInfo,
  SessionState,
  TimelineStep,
} from '../../src-shared/contract';
import type { Engine } from '../../src-main/engine/engine';

export type DataEvent = Extract<EngineEvent, { type: 'data' }>;
export type TimelineEvent = Extract<EngineEvent, { type: 'timeline' }>;

const DEFAULT_WAIT_MS = 10_000;

/**
 * Records every event an engine delivers and waits for the ones a test needs,
 * with a timeout instead of a sleep.
 */
export class EventLog {
  readonly events: EngineEvent[] = [];
  private readonly waiters = new Set<() => void>();
  private readonly off: () => void;

  constructor(private readonly engine: Engine) {
    this.off = engine.onEvents((batch) => {
      this.events.push(...batch);
      for (const waiter of [...this.waiters]) waiter();
    });
  }

  dispose(): void {
    this.off();
  }

  /** Resolve with check()'s first defined value, re-checked after every delivered batch. */
  waitFor<T>(check: () => T | undefined, what: string, timeoutMs = DEFAULT_WAIT_MS): Promise<T> {
    // Anything already queued in the batcher counts too.
    this.engine.flush();
    return new Promise<T>((resolve, reject) => {
      const attempt = (): void => {
        let found: T | undefined;
        try {
          found = check();
        } catch (err) {
          finish();
          reject(err instanceof Error ? err : new Error(String(err)));
          return;
        }
        if (found !== undefined) {
          finish();
          resolve(found);
        }
      };
      const timer = setTimeout(() => {
        finish();
        reject(new Error(`no ${what} within ${timeoutMs} ms; events so far:\n${this.summary()}`));
      }, timeoutMs);
      const finish = (): void => {
        clearTimeout(timer);
        this.waiters.delete(attempt);
      };
      this.waiters.add(attempt);
      attempt();
    });
  }

  /** session-opened and session-updated snapshots of one session, in order. */
  snapshots(sessionId: string): SessionInfo[] {
    const out: SessionInfo[] = [];
    for (const e of this.events) {
      if ((e.type === 'session-opened' || e.type === 'session-updated') && e.session.id === sessionId) {
        out.push(e.session);
      }
    }
    return out;
  }

  /** The states a session went through, consecutive repeats folded. */
  states(sessionId: string): SessionState[] {
    const out: SessionState[] = [];
    for (const s of this.snapshots(sessionId)) if (out.at(-1) !== s.state) out.push(s.state);
    return out;
  }

  /** Sessions opened so far, optionally filtered. */
  opened(filter: (s: SessionInfo) => boolean = () => true): SessionInfo[] {
    const out: SessionInfo[] = [];
    for (const e of this.events) if (e.type === 'session-opened' && filter(e.session)) out.push(e.session);
    return out;
  }

  dataEvents(sessionId: string): DataEvent[] {
    return this.events.filter((e): e is DataEvent => e.type === 'data' && e.sessionId === sessionId);
  }

  records(sessionId: string, dir?: Direction): DataRecord[] {
    return this.dataEvents(sessionId)
      .flatMap((e) => e.records)
      .filter((r) => dir === undefined || r.dir === dir);
  }

  /** The bytes of every record in one direction, joined: what a TCP stream carried. */
  bytes(sessionId: string, dir: Direction): Buffer {
    return Buffer.concat(this.records(sessionId, dir).map((r) => r.bytes));
  }

  /** The counters carried by the latest data event of a session. */
  lastCounters(sessionId: string): Counters | undefined {
    return this.dataEvents(sessionId).at(-1)?.counters;
  }

  timeline(sessionId: string): TimelineEvent[] {
    return this.events.filter((e): e is TimelineEvent => e.type === 'timeline' && e.sessionId === sessionId);
  }

  steps(sessionId: string): TimelineStep[] {
    return this.timeline(sessionId).map((e) => e.step);
  }

  /** Wait for a session-opened / session-updated snapshot that satisfies `match`. */
  waitForSnapshot(
    sessionId: string,
    match: (s: SessionInfo) => boolean,
    what: string,
    timeoutMs?: number,
  ): Promise<SessionInfo> {
    return this.waitFor(() => this.snapshots(sessionId).find(match), `${sessionId}: ${what}`, timeoutMs);
  }

  waitForState(sessionId: string, state: SessionState, timeoutMs?: number): Promise<SessionInfo> {
    return this.waitForSnapshot(sessionId, (s) => s.state === state, `state ${state}`, timeoutMs);
  }

  waitForStep(sessionId: string, step: TimelineStep, timeoutMs?: number): Promise<TimelineEvent> {
    return this.waitFor(
      () => this.timeline(sessionId).find((e) => e.step === step),
      `${sessionId}: timeline step ${step}`,
      timeoutMs,
    );
  }

  /** Wait until `n` records in direction `dir` have been delivered for a session. */
  waitForRecords(sessionId: string, dir: Direction, n: number, timeoutMs?: number): Promise<DataRecord[]> {
    return this.waitFor(
      () => {
        const found = this.records(sessionId, dir);
        return found.length >= n ? found : undefined;
      },
      `${sessionId}: ${n} '${dir}' records`,
      timeoutMs,
    );
  }

  /** Wait until a stream session has carried at least `n` bytes in direction `dir`. */
  waitForBytes(sessionId: string, dir: Direction, n: number, timeoutMs?: number): Promise<Buffer> {
    return this.waitFor(
      () => {
        const joined = this.bytes(sessionId, dir);
        return joined.byteLength >= n ? joined : undefined;
      },
      `${sessionId}: ${n} bytes '${dir}'`,
      timeoutMs,
    );
  }

  /** Wait for a new session (e.g. an accepted connection) that satisfies `match`. */
  waitForOpened(match: (s: SessionInfo) => boolean, what: string, timeoutMs?: number): Promise<SessionInfo> {
    return this.waitFor(() => this.opened(match)[0], `session-opened: ${what}`, timeoutMs);
  }

  private summary(): string {
    return this.events
      .slice(-40)
      .map((e) => {
        switch (e.type) {
          case 'session-opened':
          case 'session-updated':
            return `${e.type} ${e.session.id} ${e.session.state}${e.session.closeReason ? ` (${e.session.closeReason})` : ''}`;
          case 'session-removed':
            return `${e.type} ${e.sessionId}`;
          case 'data':
            return `data ${e.sessionId} ${e.records.map((r) => `${r.dir}:${r.bytes.byteLength}`).join(',')} dropped=${e.droppedRecords}`;
          case 'timeline':
            return `timeline ${e.sessionId} ${e.step}${e.error ? ` ${e.error.code}` : ''}`;
        }
      })
      .join('\n');
  }
}

/** Every engine made by a test, shut down by shutdownEngines() in afterEach. */
const engines = new Set<{ engine: Engine; log: EventLog }>();

export function track(engine: Engine): EventLog {
  const log = new EventLog(engine);
  engines.add({ engine, log });
  return log;
}

/** For afterEach: no socket outlives its test. */
export function shutdownEngines(): void {
  for (const { engine, log } of engines) {
    engine.shutdown();
    log.dispose();
  }
  engines.clear();
}
