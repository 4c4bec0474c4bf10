import { closeSync, openSync, unlinkSync, writeSync } from 'node:fs';
import { dirname } from 'node:path';
import type { CaptureStatus, DataRecord, Endpoint, SessionKind } from '../../src-shared/contract';
import { jsonLine, transportOf, type CaptureFormat } from '../../src-shared/capture/formats';
import { PcapngEncoder, pcapngHeader, TLS_CAPTURE_COMMENT } from '../../src-shared/capture/pcapng';
import { MAX_NAME_TRIES, rotatedName } from './file-names';

export interface CaptureOptions {
  sessionId: string;
  kind: SessionKind;
  format: CaptureFormat;
  /** The first file's path; later files insert .1, .2… before the extension. */
  path: string;
  /** Start a new file once this one would grow past this many bytes. */
  maxBytes: number;
  /** Keep at most this many files: the oldest is deleted when a new one starts. */
  maxFiles: number;
  /** A TLS session: the records are its decrypted application data, and each file says so. */
  decryptedTls?: boolean;
  /** Called once when a write fails (disk full, file removed): the capture has stopped. */
  onError?: (err: unknown) => void;
}

/** Writes above this many buffered bytes go to disk at once; a timer flushes the rest. */
const FLUSH_BYTES = 256 * 1024;
const FLUSH_MS = 250;

/**
 * Records everything one session sends and receives to files that rotate by
 * size (like tcpdump -C/-W), so a run of days fills no disk. Each file is
 * complete on its own (a pcapng file starts with its own section header).
 *
 * Synchronous writes on purpose: memory stays bounded whatever the disk's
 * speed (a write stream would queue without limit behind a slow disk), and
 * the buffered writes are large, so a flood costs few system calls.
 * Pure Node, independent of the engine: it only sees records.
 */
export class RotatingCapture {
  private fd: number | undefined;
  private fileBytes = 0;
  private pending: Uint8Array[] = [];
  private pendingBytes = 0;
  /** Records in `pending`: not on disk yet, so not counted as written if the disk refuses them. */
  private pendingRecords = 0;
  private timer: NodeJS.Timeout | undefined;
  private encoder = new PcapngEncoder();
  private index = 0;
  private readonly files: string[] = [];
  private readonly status: CaptureStatus;
  private readonly transport;
  private failure: unknown;

  constructor(private readonly options: CaptureOptions) {
    this.transport = transportOf(options.kind);
    this.status = {
      format: options.format,
      directory: dirname(options.path),
      files: this.files,
      file: '',
      state: 'recording',
      records: 0,
      bytes: 0,
      maxBytes: options.maxBytes,
      maxFiles: options.maxFiles,
      startedAt: Date.now() * 1000,
    };
    this.openNext();
  }

  /** A copy for SessionInfo: the file list is live. */
  snapshot(): CaptureStatus {
    return { ...this.status, files: [...this.files] };
  }

  /** Records written so far: a cheap look for progress reports (no copy of the file list). */
  get records(): number {
    return this.status.records;
  }

  /** The error that stopped the capture (disk full, file removed…), if any. */
  get error(): unknown {
    return this.failure;
  }

  write(record: DataRecord, local: Endpoint | undefined): void {
    if (this.fd === undefined) return;
    const data =
      this.options.format === 'pcapng'
        ? this.encoder.encode({ record, local, transport: this.transport })
        : Buffer.from(
            jsonLine(record, {
              sessionId: this.options.sessionId,
              local,
              ...(this.options.decryptedTls ? { decryptedTls: true } : {}),
            }),
          );
    try {
      if (
        this.fileBytes + this.pendingBytes + data.byteLength > this.options.maxBytes &&
        this.fileBytes + this.pendingBytes > this.headerBytes
      ) {
        this.flush();
        this.rotate();
      }
      this.pending.push(data);
      this.pendingBytes += data.byteLength;
      this.pendingRecords += 1;
      this.status.records += 1;
      this.status.bytes += data.byteLength;
      if (this.pendingBytes >= FLUSH_BYTES) this.flush();
      else this.timer ??= setTimeout(() => this.safeFlush(), FLUSH_MS).unref();
    } catch (err) {
      this.stopOnError(err);
    }
  }

  /** Write what is buffered and close the file. Idempotent. */
  close(): CaptureStatus {
    if (this.fd !== undefined) {
      try {
        this.flush();
      } catch (err) {
        this.failure ??= err;
        this.forgetPending();
      }
      closeSync(this.fd);
      this.fd = undefined;
    }
    if (this.timer) clearTimeout(this.timer);
    this.timer = undefined;
    this.status.state = 'stopped';
    return this.snapshot();
  }

  private headerBytes = 0;

  private openNext(): void {
    this.fd = this.openFree();
    const name = rotatedName(this.options.path, this.index);
    this.index += 1;
    this.files.push(name);
    this.status.file = name;
    this.fileBytes = 0;
    this.headerBytes = 0;
    while (this.files.length > this.options.maxFiles) {
      const oldest = this.files.shift() as string;
      try {
        unlinkSync(oldest);
      } catch {
        // Already gone (the user moved it): nothing to free.
      }
    }
    if (this.options.format === 'pcapng') {
      // A new section: sequence numbers restart too, so each file reads alone.
      this.encoder = new PcapngEncoder();
      const header = pcapngHeader(undefined, this.options.decryptedTls ? TLS_CAPTURE_COMMENT : undefined);
      this.pending.push(header);
      this.pendingBytes += header.byteLength;
      this.status.bytes += header.byteLength;
      this.headerBytes = header.byteLength;
    }
  }

  /**
   * Opens file number `index` with 'wx': never overwrite a file the user
   * already has. The first file's name is the caller's (it refuses an existing
   * one, EEXIST); a later one that exists (another capture's, the user's) is
   * skipped, so rotation goes on and leaves that file alone.
   */
  private openFree(): number {
    for (let tries = 1; ; tries += 1) {
      try {
        return openSync(rotatedName(this.options.path, this.index), 'wx');
      } catch (err) {
        const exists = (err as NodeJS.ErrnoException).code === 'EEXIST';
        if (!exists || this.index === 0 || tries >= MAX_NAME_TRIES) throw err;
        this.index += 1;
      }
    }
  }

  private rotate(): void {
    if (this.fd !== undefined) closeSync(this.fd);
    this.fd = undefined;
    this.openNext();
  }

  private flush(): void {
    if (this.timer) clearTimeout(this.timer);
    this.timer = undefined;
    if (this.fd === undefined || this.pendingBytes === 0) return;
    const data = Buffer.concat(this.pending, this.pendingBytes);
    let at = 0;
    // Cleared only once written: if the disk refuses them, stopOnError knows what was lost.
    while (at < data.byteLength) at += writeSync(this.fd, data, at);
    this.pending = [];
    this.pendingBytes = 0;
    this.pendingRecords = 0;
    this.fileBytes += data.byteLength;
  }

  private safeFlush(): void {
    try {
      this.flush();
    } catch (err) {
      this.stopOnError(err);
    }
  }

  /** Buffered records the file will never hold: off the totals. */
  private forgetPending(): void {
    this.status.records -= this.pendingRecords;
    this.status.bytes -= this.pendingBytes;
    this.pending = [];
    this.pendingBytes = 0;
    this.pendingRecords = 0;
  }

  /**
   * A write failed (disk full, folder gone): the capture stops for good and
   * says so. What never reached the file is taken off the totals, so they
   * tell what the files hold (a record cut short by a full disk is not counted).
   */
  private stopOnError(err: unknown): void {
    this.failure = err;
    this.forgetPending();
    this.status.state = 'stopped';
    if (this.fd !== undefined) {
      try {
        closeSync(this.fd);
      } catch {
        // The descriptor is unusable already; the error above is the one to report.
      }
    }
    this.fd = undefined;
    this.options.onError?.(err);
  }
}
