import { tmpdir } from 'node:os';
import type { CaptureStartArgs, CaptureStatus, DataRecord } from '../../src-shared/contract';
import { CAPTURE_DEFAULT_BYTES, CAPTURE_DEFAULT_FILES } from '../../src-shared/capture/settings';
import { describeError } from '../errors/describe-error';
import { EngineError } from '../errors/engine-error';
import { sessionFileName } from '../../src-shared/session-file-name';
import { freeCaptureName } from './file-names';
import { RotatingCapture, type CaptureOptions } from './rotating-capture';
import type { CapturedSession, Captures } from '../engine/needs';

/**
 * How often a running capture's progress (records, bytes, current file)
 * reaches the UI as a session-updated snapshot: a timer, so a flood costs the
 * capture path nothing extra per record, and the UI sees ≤ 2 updates a second.
 */
export const CAPTURE_PROGRESS_MS = 500;
/** Opening a free name again after another process took it between our look and our open. */
const RACE_TRIES = 5;

interface Running {
  capture: RotatingCapture;
  /** Records when progress was last announced. */
  announced: number;
}

/** File-system errors name the path the user chose, so the message can say which. */
function fileError(err: unknown, path: string): unknown {
  const code = (err as NodeJS.ErrnoException | undefined)?.code;
  if (typeof code !== 'string') return err;
  return new EngineError(code, (err as Error).message, { path });
}

/**
 * The captures running now, one per session. A server's capture also sees its
 * accepted clients' records: "everything this server sends and receives".
 */
export class CaptureRegistry implements Captures {
  private readonly running = new Map<string, Running>();
  /**
   * Captures a write failure stopped (disk full…): their final status with
   * the error, shown as the session's capture until the user starts another
   * (or stops it, or removes the session). Not running: nothing is tapped.
   */
  private readonly failed = new Map<string, CaptureStatus>();
  private ticker: NodeJS.Timeout | undefined;

  /** `changed(id)` is told when a capture stops by itself (a write failed) and, on a timer, of progress. */
  constructor(private readonly changed: (sessionId: string) => void) {}

  start(session: CapturedSession, args: CaptureStartArgs): CaptureStatus {
    const current = this.running.get(session.id);
    if (current) {
      throw new EngineError('CAPTURE_ACTIVE', 'This session is already being captured.', {
        file: current.capture.snapshot().file,
      });
    }
    const entry: Partial<Running> = { announced: 0 };
    const options: Omit<CaptureOptions, 'path'> = {
      sessionId: session.id,
      kind: session.kind,
      format: args.format,
      maxBytes: args.maxBytes ?? CAPTURE_DEFAULT_BYTES,
      maxFiles: args.maxFiles ?? CAPTURE_DEFAULT_FILES,
      decryptedTls: session.decryptedTls === true,
      onError: () => {
        // The writer has stopped: so has the capture, and the UI is told at once, with why.
        if (entry.capture && this.running.get(session.id) === entry) {
          this.failed.set(session.id, this.finish(session.id, entry as Running));
          this.changed(session.id);
        }
      },
    };
    const capture = args.path ? this.open(options, args.path) : this.openNamed(session, options, args);
    entry.capture = capture;
    this.failed.delete(session.id);
    this.running.set(session.id, entry as Running);
    this.ticker ??= setInterval(() => this.announceProgress(), CAPTURE_PROGRESS_MS).unref();
    return capture.snapshot();
  }

  /** The user's own file name: refused if it exists (EEXIST), never overwritten. */
  private open(options: Omit<CaptureOptions, 'path'>, path: string): RotatingCapture {
    try {
      return new RotatingCapture({ ...options, path });
    } catch (err) {
      throw fileError(err, path);
    }
  }

  /** A name of our making: the next free one, so starting again in the same second just works. */
  private openNamed(
    session: CapturedSession,
    options: Omit<CaptureOptions, 'path'>,
    args: CaptureStartArgs,
  ): RotatingCapture {
    const directory = args.directory ?? tmpdir();
    const prefix = sessionFileName(session, new Date());
    for (let skip = 0; ; skip += 1) {
      const path = freeCaptureName(directory, prefix, args.format, skip);
      try {
        return new RotatingCapture({ ...options, path });
      } catch (err) {
        const race = (err as NodeJS.ErrnoException).code === 'EEXIST' && skip < RACE_TRIES;
        if (!race) throw fileError(err, path);
      }
    }
  }

  /** Tell the UI about captures that recorded something since the last tick (an idle one stays quiet). */
  private announceProgress(): void {
    for (const [id, entry] of this.running) {
      const records = entry.capture.records;
      if (records === entry.announced) continue;
      entry.announced = records;
      this.changed(id);
    }
  }

  /**
   * Stop recording: the final status. A capture a write failure already
   * stopped answers with that status and its error (the user pressed Stop as
   * the disk filled), and is forgotten.
   */
  stop(sessionId: string): CaptureStatus {
    const entry = this.running.get(sessionId);
    if (entry) return this.finish(sessionId, entry);
    const failed = this.failed.get(sessionId);
    if (!failed) throw new EngineError('NOT_CAPTURING', 'This session is not being captured.');
    this.failed.delete(sessionId);
    return failed;
  }

  /** Close a running capture's files and drop it: its final status, with the error that stopped it if any. */
  private finish(sessionId: string, entry: Running): CaptureStatus {
    this.running.delete(sessionId);
    if (this.running.size === 0 && this.ticker) {
      clearInterval(this.ticker);
      this.ticker = undefined;
    }
    const status = entry.capture.close();
    const failure = entry.capture.error;
    return failure ? { ...status, error: describeError(fileError(failure, status.file)) } : status;
  }

  stopQuietly(sessionId: string): void {
    if (this.running.has(sessionId) || this.failed.has(sessionId)) this.stop(sessionId);
  }

  stopAll(): void {
    for (const id of [...this.running.keys()]) this.stop(id);
    this.failed.clear();
  }

  /** The session's capture as it is now: recording, or stopped by a write failure (with the error). */
  status(sessionId: string): CaptureStatus | undefined {
    return this.running.get(sessionId)?.capture.snapshot() ?? this.failed.get(sessionId);
  }

  /** Whether any capture runs (a session skips building records nobody needs when none does). */
  get active(): boolean {
    return this.running.size > 0;
  }

  /** Called for every record a session counts, before batching. */
  tap(session: CapturedSession, record: DataRecord): void {
    this.running.get(session.id)?.capture.write(record, session.local);
    if (session.parentId !== undefined)
      this.running.get(session.parentId)?.capture.write(record, session.local);
  }
}
