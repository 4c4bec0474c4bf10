import type { BridgeError, CaptureStartArgs } from '../contract';
import { ERROR_MESSAGES_EN, formatMessage, type ErrorCode } from '../errors';

/**
 * Capture settings and their bounds, shared by the form (which checks before
 * sending) and main's schema (which refuses anything else), so both say the
 * same thing in the same words.
 */
export const MIB = 1024 * 1024;
/** Smaller files would rotate every few packets: a ring of them holds almost nothing. */
export const CAPTURE_MIN_BYTES = 64 * 1024;
export const CAPTURE_MAX_BYTES = 1024 * 1024 * MIB;
export const CAPTURE_MAX_FILES = 100_000;
export const CAPTURE_DEFAULT_BYTES = 100 * MIB;
export const CAPTURE_DEFAULT_FILES = 10;

export type CaptureField = 'directory' | 'maxMiB' | 'maxFiles';

const grouping = new Intl.NumberFormat('en-US', { maximumFractionDigits: 4 });

/** The bounds as the messages name them: in MiB (the form's unit) and as a size people read. */
export const CAPTURE_SIZE_PARAMS = {
  minMiB: grouping.format(CAPTURE_MIN_BYTES / MIB),
  maxMiB: grouping.format(CAPTURE_MAX_BYTES / MIB),
  minSize: `${CAPTURE_MIN_BYTES / 1024} KiB`,
  maxSize: `${CAPTURE_MAX_BYTES / 2 ** 40} TiB`,
};
export const CAPTURE_FILES_PARAMS = { max: grouping.format(CAPTURE_MAX_FILES) };

export function captureError(code: ErrorCode, params: Record<string, string | number>): BridgeError {
  return { code, message: formatMessage(ERROR_MESSAGES_EN[code], params), params };
}

/**
 * Absolute on POSIX (`/…`) or Windows (`C:\…`, `\\server\…`). Only a first
 * look for the form, which does not know main's platform; main's own
 * `path.isAbsolute` has the last word.
 */
export function looksAbsolute(path: string): boolean {
  return path.startsWith('/') || /^[A-Za-z]:[\\/]/.test(path) || path.startsWith('\\\\');
}

/** `0.5` MiB → 524288 bytes; undefined for text that is not a number. */
export function mibToBytes(text: string): number | undefined {
  const t = text.trim();
  const mib = t === '' ? Number.NaN : Number(t);
  return Number.isFinite(mib) ? Math.round(mib * MIB) : undefined;
}

/** 524288 bytes → `0.5`: how the form shows a running capture's size. */
export function bytesToMiBText(bytes: number): string {
  return String(Number((bytes / MIB).toFixed(4)));
}

export interface CaptureForm {
  format: CaptureStartArgs['format'];
  directory: string;
  maxMiB: string;
  maxFiles: string;
}

export type CaptureFormCheck =
  | { ok: true; args: Omit<CaptureStartArgs, 'sessionId'> }
  | { ok: false; field: CaptureField; error: BridgeError };

/** The form's text as start arguments, or the first field that is wrong and why. */
export function checkCaptureForm(form: CaptureForm): CaptureFormCheck {
  const directory = form.directory.trim();
  if (directory && !looksAbsolute(directory)) {
    return {
      ok: false,
      field: 'directory',
      error: captureError('BAD_CAPTURE_FOLDER', { value: directory }),
    };
  }
  const maxBytes = mibToBytes(form.maxMiB);
  if (maxBytes === undefined || maxBytes < CAPTURE_MIN_BYTES || maxBytes > CAPTURE_MAX_BYTES) {
    return { ok: false, field: 'maxMiB', error: captureError('BAD_CAPTURE_SIZE', CAPTURE_SIZE_PARAMS) };
  }
  const files = form.maxFiles.trim();
  const maxFiles = /^\d+$/.test(files) ? Number(files) : Number.NaN;
  if (!(maxFiles >= 1 && maxFiles <= CAPTURE_MAX_FILES)) {
    return { ok: false, field: 'maxFiles', error: captureError('BAD_CAPTURE_FILES', CAPTURE_FILES_PARAMS) };
  }
  return {
    ok: true,
    args: { format: form.format, ...(directory ? { directory } : {}), maxBytes, maxFiles },
  };
}
