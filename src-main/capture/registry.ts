import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type {
  CaptureStartArgs,
  CaptureStatus,
  DataRecord,
  Endpoint,
  SessionKind,
} from '../../src-shared/contract';
import { describeError } from '../engine/describe-error';
import { EngineError } from '../engine/engine-error';
import { RotatingCapture } from './rotating-capture';

export const DEFAULT_CAPTURE_MAX_BYTES = 100 * 1024 * 1024;
export const DEFAULT_CAPTURE_MAX_FILES = 10;

/** What the registry needs of a session: no dependency on the engine's classes. */
export interface CapturedSession {
  id: string;
  kind: SessionKind;
  parentId?: string;
  local?: Endpoint;
}

interface Running {
  capture: RotatingCapture;
  error?: CaptureStatus['error'];
}

/** `20240102-030405`: file names sort by start time. */
function stamp(date = new Date()): string {
  const p = (n: number): string => String(n).padStart(2, '0');
  return `${date.getFullYear()}${p(date.getMonth() + 1)}${p(date.getDate())}-${p(date.getHours())}${p(date.getMinutes())}${p(date.getSeconds())}`;
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
export class CaptureRegistry {
  private readonly running = new Map<string, Running>();

  /** `changed(id)` is told when a capture stops by itself (a write failed). */
  constructor(private readonly changed: (sessionId: string) => void) {}

  start(session: CapturedSession, args: CaptureStartArgs): CaptureStatus {
    const current = this.running.get(session.id);
    if (current) {
      throw new EngineError('CAPTURE_ACTIVE', 'This session is already being captured.', {
        file: current.capture.snapshot().file,
      });
    }
    const path =
      args.path ?? join(args.directory ?? tmpdir(), `workbench-${session.id}-${stamp()}.${args.format}`);
    let capture: RotatingCapture;
    const entry: Partial<Running> = {};
    try {
      capture = new RotatingCapture({
        sessionId: session.id,
        kind: session.kind,
        format: args.format,
        path,
        maxBytes: args.maxBytes ?? DEFAULT_CAPTURE_MAX_BYTES,
        maxFiles: args.maxFiles ?? DEFAULT_CAPTURE_MAX_FILES,
        onError: (err) => {
          entry.error = describeError(fileError(err, capture.snapshot().file || path));
          this.changed(session.id);
        },
      });
    } catch (err) {
      throw fileError(err, path);
    }
    entry.capture = capture;
    this.running.set(session.id, entry as Running);
    return capture.snapshot();
  }

  stop(sessionId: string): CaptureStatus {
    const entry = this.running.get(sessionId);
    if (!entry) throw new EngineError('NOT_CAPTURING', 'This session is not being captured.');
    this.running.delete(sessionId);
    const status = entry.capture.close();
    const late = entry.capture.error;
    const error = entry.error ?? (late ? describeError(fileError(late, status.file)) : undefined);
    return error ? { ...status, error } : status;
  }

  stopQuietly(sessionId: string): void {
    if (this.running.has(sessionId)) this.stop(sessionId);
  }

  stopAll(): void {
    for (const id of [...this.running.keys()]) this.stop(id);
  }

  status(sessionId: string): CaptureStatus | undefined {
    const entry = this.running.get(sessionId);
    if (!entry) return undefined;
    const status = entry.capture.snapshot();
    return entry.error ? { ...status, error: entry.error } : status;
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
