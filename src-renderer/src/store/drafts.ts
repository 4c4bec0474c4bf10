import { isEncodingId, type EncodingId } from '../../../src-shared/codec/encodings';
import type { Drafts } from './view-state';

/**
 * What the user typed, kept in the page's storage so a reload gives it back.
 * Keyed by kind + address (storeKeyOf), like the composer settings main
 * keeps: after a reload the session is the same socket, and after a restart
 * of the app the same address is what the user means. Writes wait for typing
 * to pause; a page going away writes at once.
 */
const PREFIX = 'workbench.drafts.';
const WRITE_AFTER_MS = 300;
/** Drafts longer than this are not kept across a reload: storage is small (5 MB per origin). */
export const MAX_KEPT_DRAFT_CHARS = 200_000;

interface Storage {
  getItem(key: string): string | null;
  setItem(key: string, value: string): void;
}
const storage = (): Storage | undefined => (globalThis as { localStorage?: Storage }).localStorage;

const pending = new Map<string, Drafts>();
let timer: ReturnType<typeof setTimeout> | undefined;

export function loadDrafts(key: string): Partial<Drafts> | undefined {
  // Not written yet (typing paused a moment ago): the newest is still here.
  const waiting = pending.get(key);
  if (waiting) return { ...waiting };
  try {
    const text = storage()?.getItem(PREFIX + key);
    if (!text) return undefined;
    const value = JSON.parse(text) as unknown;
    if (typeof value !== 'object' || value === null) return undefined;
    const out: Partial<Drafts> = {};
    const v = value as Record<string, unknown>;
    for (const field of ['input', 'chatLine', 'repeatInterval', 'repeatCount'] as const)
      if (typeof v[field] === 'string') out[field] = v[field];
    const d = v.destination as Record<string, unknown> | undefined;
    if (d && typeof d.host === 'string' && typeof d.port === 'string')
      out.destination = { host: d.host, port: d.port };
    return out;
  } catch {
    return undefined; // unreadable or refused: nothing kept
  }
}

export function flushDrafts(): void {
  if (timer !== undefined) clearTimeout(timer);
  timer = undefined;
  for (const [key, drafts] of pending) {
    try {
      const kept = drafts.input.length > MAX_KEPT_DRAFT_CHARS ? { ...drafts, input: '' } : drafts;
      storage()?.setItem(PREFIX + key, JSON.stringify(kept));
    } catch {
      // Storage full or refused: the draft stays in memory for this page's life.
    }
  }
  pending.clear();
}

export function saveDrafts(key: string, drafts: Drafts): void {
  pending.set(key, drafts);
  if (timer === undefined) timer = setTimeout(flushDrafts, WRITE_AFTER_MS);
}

const win = (globalThis as { addEventListener?: (type: string, fn: () => void) => void }).addEventListener;
win?.call(globalThis, 'pagehide', flushDrafts);

const ENCODING_PREFIX = 'workbench.encoding.';

/** The encoding the user chose for a session at this kind + address, if ever. */
export function loadEncoding(key: string): EncodingId | undefined {
  try {
    const value = storage()?.getItem(ENCODING_PREFIX + key);
    return value && isEncodingId(value) ? value : undefined;
  } catch {
    return undefined;
  }
}

export function saveEncoding(key: string, encoding: EncodingId): void {
  try {
    storage()?.setItem(ENCODING_PREFIX + key, encoding);
  } catch {
    // Not remembered: still the session's encoding for now.
  }
}
