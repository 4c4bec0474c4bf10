import { useMemo } from 'react';
import type { EncodingId } from '../../../src-shared/codec/encodings';
import { parseHex } from '../../../src-shared/codec/hex';
import { decodeText } from '../../../src-shared/codec/text';
import type { LogEntry } from '../store/log-buffer';
import type { LogTools } from '../store/log-tools';
import type { SessionView } from '../store/sessions';
import type { LogFilter } from '../store/ui';
import { formatEndpoint } from './format';

/** Where `needle` first occurs in `haystack`, or -1. */
export function indexOfBytes(haystack: Uint8Array, needle: Uint8Array): number {
  const n = needle.byteLength;
  if (n === 0) return 0;
  const first = needle[0];
  outer: for (
    let i = haystack.indexOf(first as number);
    i !== -1 && i + n <= haystack.byteLength;
    i = haystack.indexOf(first as number, i + 1)
  ) {
    for (let j = 1; j < n; j += 1) if (haystack[i + j] !== needle[j]) continue outer;
    return i;
  }
  return -1;
}

export interface Matcher {
  test(entry: LogEntry): boolean;
  /** The hex query is not valid hex (shown on the field; it filters nothing meanwhile). */
  badHex: boolean;
}

/**
 * A search by text (decoded in the view's encoding, ignoring case) and/or hex
 * bytes. Results are remembered per entry (entries never change), so during a
 * flood only new entries are decoded, not the whole ring on every batch.
 */
export function createMatcher(text: string, hex: string, encoding: EncodingId): Matcher | undefined {
  const needleText = text.toLocaleLowerCase();
  const parsed = hex.trim() ? parseHex(hex) : undefined;
  const needleBytes = parsed?.ok ? parsed.bytes : undefined;
  const badHex = parsed !== undefined && !parsed.ok;
  if (!needleText && !needleBytes) return badHex ? { test: () => true, badHex } : undefined;
  const seen = new WeakMap<LogEntry, boolean>();
  return {
    badHex,
    test(entry) {
      let hit = seen.get(entry);
      if (hit === undefined) {
        hit =
          (!needleBytes || indexOfBytes(entry.bytes, needleBytes) !== -1) &&
          (!needleText || decodeText(entry.bytes, encoding).toLocaleLowerCase().includes(needleText));
        seen.set(entry, hit);
      }
      return hit;
    },
  };
}

export interface LogRows {
  /** Ring positions shown, or undefined for "every entry" (nothing filters, nothing paused). */
  positions: number[] | undefined;
  badHex: boolean;
  searching: boolean;
}

/**
 * The rows a log view shows: ring positions matching the peer/direction
 * filter and the text/hex search, up to the pause point. Rebuilt when the
 * (mutable) log's revision changes.
 */
export function useLogRows(
  view: SessionView,
  filter: LogFilter | undefined,
  tools: LogTools,
  encoding: EncodingId,
): LogRows {
  const { log } = view;
  const matcher = useMemo(
    () => createMatcher(tools.text, tools.hex, encoding),
    [tools.text, tools.hex, encoding],
  );
  const pausedAt = tools.pausedAt;
  const positions = useMemo(() => {
    const active = matcher && !matcher.badHex ? matcher : undefined;
    if (!filter?.peer && !filter?.dir && !active && pausedAt === undefined) return undefined;
    const out: number[] = [];
    for (let i = 0; i < log.length; i += 1) {
      const entry = log.at(i);
      if (!entry) continue;
      if (pausedAt !== undefined && entry.seq > pausedAt) break;
      if (filter?.dir && entry.dir !== filter.dir) continue;
      if (filter?.peer && formatEndpoint(entry.peer) !== filter.peer) continue;
      if (active && !active.test(entry)) continue;
      out.push(i);
    }
    return out;
    // view.rev marks a change inside the (mutable) log.
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, [view.rev, log, filter, matcher, pausedAt]);
  return { positions, badHex: matcher?.badHex ?? false, searching: Boolean(matcher && !matcher.badHex) };
}
