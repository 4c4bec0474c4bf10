import type { Direction, Endpoint, TimelineStep } from '../../../../src-shared/contract';
import { endpointText } from '../../../../src-shared/net/endpoint-text';
import { foldRetries, type RetryItem } from './retry-fold';

/** A lifecycle step as the store keeps it (see store/sessions.ts). */
export interface StepEntry {
  t: number;
  step: TimelineStep;
  detail?: Record<string, string | number>;
  error?: { code: string; message: string; params?: Record<string, string | number> };
}

/** The part of a data record the timeline needs. */
export interface DataLike {
  dir: Direction;
  t: number;
  peer: Endpoint;
  bytes: { byteLength: number };
}

export type TimelineItem =
  | { type: 'step'; t: number; entry: StepEntry; source?: string }
  | {
      type: 'data';
      t: number;
      /** When the last record of the run arrived. */
      tEnd: number;
      dir: Direction;
      /** Datagrams (UDP) or chunks read/written (TCP) in this run. */
      count: number;
      bytes: number;
      /** `ip:port` when the run had one peer; undefined when several. */
      peer?: string;
      peers: number;
      source?: string;
    }
  | RetryItem;

/** One session's steps and records, tagged with where they came from (a server's client). */
export interface TimelineSource {
  steps: readonly StepEntry[];
  records: Iterable<DataLike>;
  /** Shown next to the items of a child session, e.g. the client's `ip:port`. */
  source?: string;
}

const peerText = (p: Endpoint): string => endpointText(p);

/**
 * Interleave lifecycle steps and data records by time, folding each run of
 * consecutive records in one direction (from one source) into a single
 * "sent N messages, M bytes" item. The engine sends no event per packet; a
 * flood becomes one line here, not thousands. Reconnect attempts that fail
 * like the one before fold too (retry-fold.ts).
 */
export function foldTimeline(sources: readonly TimelineSource[]): TimelineItem[] {
  type Raw = { t: number; order: number; src: number; step?: StepEntry; data?: DataLike };
  const raw: Raw[] = [];
  let order = 0;
  sources.forEach((s, src) => {
    for (const step of s.steps) raw.push({ t: step.t, order: order++, src, step });
    for (const data of s.records) raw.push({ t: data.t, order: order++, src, data });
  });
  // Stable by time; equal times keep arrival order (a step before the data it enabled).
  raw.sort((a, b) => a.t - b.t || a.order - b.order);

  const out: TimelineItem[] = [];
  let peers = new Set<string>();
  for (const item of raw) {
    const source = sources[item.src]?.source;
    if (item.step) {
      out.push({ type: 'step', t: item.t, entry: item.step, ...(source ? { source } : {}) });
      continue;
    }
    const data = item.data as DataLike;
    const last = out.at(-1);
    const peer = peerText(data.peer);
    if (last?.type === 'data' && last.dir === data.dir && last.source === source) {
      last.count += 1;
      last.bytes += data.bytes.byteLength;
      last.tEnd = data.t;
      peers.add(peer);
      last.peers = peers.size;
      if (peers.size > 1) delete last.peer;
    } else {
      peers = new Set([peer]);
      out.push({
        type: 'data',
        t: data.t,
        tEnd: data.t,
        dir: data.dir,
        count: 1,
        bytes: data.bytes.byteLength,
        peer,
        peers: 1,
        ...(source ? { source } : {}),
      });
    }
  }
  return foldRetries(out);
}
