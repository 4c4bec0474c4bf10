import { useMemo } from 'react';
import type { EncodingId } from '../../../../src-shared/codec/encodings';
import type { LogFilter, LogSearch } from '../../store/view-state';
import type { LogOf } from './log-of';
import { formatEndpoint } from '../../ui/format';
import { createSearch, type HexProblem } from './log-match';

export interface LogRows {
  /** Ring positions shown, or undefined for "every entry" (nothing filters, nothing paused). */
  positions: number[] | undefined;
  hexProblem: HexProblem | undefined;
  /** A valid text or hex term filters the rows (a count is worth showing). */
  searching: boolean;
}

/**
 * The rows a log view shows: ring positions matching the peer/direction
 * filter and the text/hex search, up to the pause point. Rebuilt when the
 * (mutable) log's revision changes.
 */
export function useLogRows(
  view: LogOf,
  filter: LogFilter | undefined,
  tools: LogSearch,
  encoding: EncodingId,
): LogRows {
  const { log } = view;
  const search = useMemo(
    () => createSearch(tools.text, tools.hex, encoding),
    [tools.text, tools.hex, encoding],
  );
  const active = search.matcher;
  const pausedAt = tools.pausedAt;
  const positions = useMemo(() => {
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
  }, [view.rev, log, filter, active, pausedAt]);
  return { positions, hexProblem: search.hexProblem, searching: active !== undefined };
}
