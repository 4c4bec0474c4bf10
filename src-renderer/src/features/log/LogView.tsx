import { useVirtualizer } from '@tanstack/react-virtual';
import { memo, useEffect, useLayoutEffect, useMemo, useRef } from 'react';
import type { TFunction } from 'i18next';
import { useTranslation } from 'react-i18next';
import type { EncodingId } from '../../../../src-shared/codec/encodings';
import { detectEncoding } from '../../../../src-shared/codec/detect';
import { encodingLabel } from '../../ui/FollowSession';
import { useStore } from '../../store/store';
import { decodeText } from '../../../../src-shared/codec/text';
import { visibleControls } from '../../../../src-shared/codec/visible';
import { counted, formatCount, formatEndpoint, formatPythonTuple, formatTime } from '../../ui/format';
import type { FramedMessage } from './framing';
import { hexDump, previewBytes } from './preview';
import type { LogEntry } from '../../store/log-buffer';
import type { SessionInfo } from '../../../../src-shared/contract';
import { usePatchDrafts, usePatchView, useSessionLog, useViewState } from '../../store/hooks';
import { logViewMode, type LogFilter, type LogSearch, type ViewMode } from '../../store/view-state';
import type { LogOf } from './log-of';
import { useLogRows } from './log-search';
import { anchoredOffset, type ScrollAnchor } from './scroll-anchor';
import { InspectButton, LogInspector, LogViewControls, ROW_HEIGHT, RowDump, useLogBytes } from './LogBytes';
import { LogTools } from './LogTools';
import {
  FramedLabel,
  FramedMarks,
  FramingControls,
  FramingHint,
  isStreamLog,
  useFraming,
} from './LogFraming';

/** Who an entry went to or came from; a server's send-to-all names how many clients it reached. */
function peerLabel(entry: LogEntry, t: TFunction): string {
  return entry.broadcast ? t('log.allClients', counted(entry.broadcast.clients)) : formatEndpoint(entry.peer);
}

function Detail({
  entry,
  mode,
  canReply,
  onReply,
  sessionId,
  framed,
}: {
  entry: LogEntry;
  mode: ViewMode;
  canReply: boolean;
  onReply: () => void;
  sessionId: string;
  /** The entry is a framed message (several chunks' bytes, or part of one), not one chunk. */
  framed?: FramedMessage;
}) {
  const { t } = useTranslation();
  const encoding = mode === 'hex' ? 'utf-8' : mode;
  const setSessionEncoding = useStore((s) => s.setSessionEncoding);
  const patchView = useStore((s) => s.patchView);
  // Text that is not clean in the view's encoding: the byte inspector's best guess, one click away.
  const detection = useMemo(() => detectEncoding(entry.bytes), [entry.bytes]);
  const shown = detection.readings.find((r) => r.encoding === mode);
  // Only when the view's reading is broken: ASCII is clean UTF-8 and GBK, whatever "likely" says.
  const broken = shown !== undefined && (shown.invalid > 0 || shown.verdict === 'mojibake');
  const likely =
    entry.dir === 'in' &&
    broken &&
    detection.likely &&
    detection.confidence !== 'low' &&
    detection.likely !== mode
      ? detection.likely
      : undefined;
  return (
    <div className="log-detail" data-testid="log-detail">
      <div className="log-detail-head">
        <span className={`dir dir-${entry.dir}`}>{t(`log.dir.${entry.dir}`)}</span>
        {framed ? <FramedLabel message={framed} /> : <span className="mono">#{entry.seq}</span>}
        <span className="mono">{formatTime(entry.t)}</span>
        <span className="mono" title={formatPythonTuple(entry.peer)}>
          {entry.dir === 'in' ? t('log.from') : t('log.to')} {peerLabel(entry, t)}
        </span>
        <span className="mono">
          {t('log.bytes', { count: entry.bytes.byteLength, n: formatCount(entry.bytes.byteLength) })}
        </span>
        {canReply && entry.dir === 'in' && (
          <button type="button" className="btn btn-small" data-testid="reply-to-sender" onClick={onReply}>
            {t('log.replyToSender')}
          </button>
        )}
        {/* The inspector looks entries up by seq: it shows chunks, not framed messages. */}
        {!framed && <InspectButton sessionId={sessionId} entry={entry} />}
      </div>
      {likely && (
        <div
          className="notice notice-info detail-looks-like"
          data-testid="detail-looks-like"
          data-likely={likely}
        >
          {t('log.looksLike', { view: encodingLabel(encoding), likely: encodingLabel(likely) })}{' '}
          <button
            type="button"
            className="btn btn-small"
            data-testid="detail-view-as"
            onClick={() => {
              setSessionEncoding(sessionId, likely);
              patchView(sessionId, { viewMode: undefined });
            }}
          >
            {t('log.viewAs', { likely: encodingLabel(likely) })}
          </button>
        </div>
      )}
      <div className="log-detail-body">
        <pre className="hexdump mono" data-testid="log-detail-hex">
          {hexDump(entry.bytes)}
        </pre>
        <pre className="detail-text mono" data-testid="log-detail-text">
          {visibleControls(decodeText(entry.bytes, encoding))}
        </pre>
      </div>
    </div>
  );
}

/**
 * One row's cells. Memoized: while a flood scrolls the view, a row that stays
 * on screen keeps its cells and only its position changes.
 */
const RowCells = memo(function RowCells({
  entry,
  frame,
  mode,
  dataText,
  carry,
  dumpEncoding,
}: {
  entry: LogEntry;
  frame: FramedMessage | undefined;
  mode: ViewMode;
  dataText: string;
  carry: number;
  dumpEncoding: EncodingId | undefined;
}) {
  const { t } = useTranslation();
  return (
    <>
      {/* Framed rows are numbered as messages; chunk rows by their seq. */}
      <span className="c-seq mono">{frame ? frame.n : entry.seq}</span>
      <span className="c-time mono" data-testid="log-time">
        {formatTime(entry.t)}
      </span>
      <span className={`c-dir dir dir-${entry.dir}`}>
        {t(`log.dir.${entry.dir}`)}
        {entry.auto && (
          <span
            className="auto-badge"
            data-testid="log-auto"
            data-auto={entry.auto.kind}
            title={entry.auto.kind === 'echo' ? t('log.autoEcho') : t('log.autoRule', { n: entry.auto.rule })}
          >
            {entry.auto.kind === 'echo' ? 'E' : `R${entry.auto.rule}`}
          </span>
        )}
      </span>
      <span className="c-peer mono" data-testid="log-peer" data-broadcast={entry.broadcast?.clients}>
        {peerLabel(entry, t)}
      </span>
      <span className="c-size mono" data-testid="log-size">
        {entry.bytes.byteLength}
      </span>
      {frame ? (
        // A message is decoded whole: framing cuts at byte boundaries the rule chose.
        <span className="c-data c-framed mono">
          <span className="framed-text" data-testid="log-data">
            {previewBytes(frame.bytes, mode)}
          </span>
          <FramedMarks message={frame} />
        </span>
      ) : (
        <span
          className="c-data mono"
          data-testid="log-data"
          data-carry={carry || undefined}
          title={carry ? t('bytesView.carry', counted(carry)) : undefined}
        >
          {dataText}
        </span>
      )}
      {dumpEncoding && <RowDump entry={entry} encoding={dumpEncoding} />}
    </>
  );
});

/**
 * The session's data log: every datagram or stream chunk with time,
 * direction, peer and size. Virtualized, so a flood of entries scrolls as
 * smoothly as ten; it follows the newest entry unless the user scrolls up.
 */
export function LogView({ info }: { info: SessionInfo }) {
  const sessionLog = useSessionLog(info.id);
  const view = useMemo(() => (sessionLog ? { info, ...sessionLog } : undefined), [info, sessionLog]);
  return view ? <LogOfSession view={view} /> : null;
}

const NO_FILTER: LogFilter = {};
const NO_SEARCH: LogSearch = { text: '', hex: '' };

function LogOfSession({ view }: { view: LogOf }) {
  const { t } = useTranslation();
  const { log, info } = view;
  const id = info.id;
  const mode = useViewState<ViewMode>(id, logViewMode, 'utf-8');
  const patchView = usePatchView();
  const patchDrafts = usePatchDrafts();
  const setDestination = (sessionId: string, host: string, port: string): void =>
    patchDrafts(sessionId, { destination: { host, port } });
  const bytes = useLogBytes(view, mode);
  const filter = useViewState(id, (v) => v.logFilter, NO_FILTER);
  const setLogFilter = (sessionId: string, logFilter: LogFilter): void => patchView(sessionId, { logFilter });
  // TCP streams can show messages framed by a rule instead of chunks as read (LogFraming.tsx).
  const framing = useFraming(view);
  const frames = useMemo(() => {
    if (!framing.messages || (!filter?.peer && !filter?.dir)) return framing.messages;
    return framing.messages.filter(
      (m) =>
        (!filter.dir || m.dir === filter.dir) && (!filter.peer || formatEndpoint(m.peer) === filter.peer),
    );
  }, [framing.messages, filter]);
  // The rows: ring positions matching the peer/direction filter and the text/hex search, up to a
  // pause (lib/log-search.ts), rebuilt when the log changes; undefined = every entry.
  const tools = useViewState(id, (v) => v.search, NO_SEARCH);
  const searchEncoding = mode === 'hex' ? 'utf-8' : mode;
  const rows = useLogRows(view, filter, tools, searchEncoding);
  const matches = rows.positions;
  const rowCount = frames ? frames.length : matches ? matches.length : log.length;
  const entryAt = (row: number): LogEntry | undefined =>
    frames ? frames[row] : log.at(matches ? (matches[row] ?? -1) : row);
  const scrollRef = useRef<HTMLDivElement>(null);
  // Follow, and the selected row, are the session's view state: kept while another session is shown.
  const follow = useViewState(id, (v) => v.follow, true);
  const setFollow = (next: boolean): void => patchView(id, { follow: next });
  const selectedSeq = useViewState<number | undefined>(id, (v) => v.selectedSeq, undefined);
  const setSelectedSeq = (seq: number | undefined): void => patchView(id, { selectedSeq: seq });
  // Framed messages are selected by id: several can end in the same chunk.
  const selectedFrame = useViewState<string | undefined>(id, (v) => v.selectedFrame, undefined);
  const setSelectedFrame = (frame: string | undefined): void => patchView(id, { selectedFrame: frame });

  // The virtualizer's functions change every render; nothing here memoizes them.
  // eslint-disable-next-line react-hooks/incompatible-library
  const virtualizer = useVirtualizer({
    count: rowCount,
    getScrollElement: () => scrollRef.current,
    estimateSize: (row) => bytes.rowHeight(entryAt(row)),
    // Generous: a batch that evicts the oldest rows moves the reader's rows up before the scroll
    // correction lands; the overscan keeps rows drawn under the reader meanwhile.
    overscan: 40,
  });

  // Row heights change with the layout (a dump is taller): measure again.
  useEffect(() => virtualizer.measure(), [bytes.layout, framing.key, virtualizer]);

  // Following: go to the newest row when following starts (or the rows are first drawn); after
  // that the resize observer below keeps the view at the bottom as rows are added. Scrolling on
  // every batch instead forced a layout each time: the page's largest cost under a flood.
  const hasRows = rowCount > 0;
  useEffect(() => {
    if (follow && tools.pausedAt === undefined && hasRows) {
      const el = scrollRef.current;
      if (el) el.scrollTop = el.scrollHeight;
    }
  }, [follow, hasRows, tools.pausedAt, framing.key]);

  // Not following, the reader holds on to an entry, not to pixels: a full ring drops its oldest
  // entries with every batch, which would otherwise slide new rows under a fixed scroll offset.
  const anchor = useRef<ScrollAnchor | undefined>(undefined);
  const seqAt = (row: number): number | undefined => entryAt(row)?.seq;
  const following = follow && tools.pausedAt === undefined;
  useLayoutEffect(() => {
    const el = scrollRef.current;
    if (following || !el || !anchor.current) return;
    const target = anchoredOffset(
      anchor.current,
      rowCount,
      seqAt,
      (row) => virtualizer.measurementsCache[row]?.start ?? row * ROW_HEIGHT,
    );
    if (Math.abs(target - el.scrollTop) >= 1) virtualizer.scrollToOffset(target);
    // seqAt reads the rows of this render; view.rev marks a change inside the (mutable) log.
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, [view.rev, rowCount, matches, frames, following, virtualizer]);

  // Following stays at the newest when the rows or the view change size (rows added, a table
  // above grows, a banner appears, the window or the split is resized, the panel is shown
  // again): only the reader scrolling up stops it, never the layout. The observer runs after
  // layout, so keeping up costs no extra one.
  const followingRef = useRef(following);
  useEffect(() => {
    followingRef.current = following;
  });
  useEffect(() => {
    const el = scrollRef.current;
    if (!el || !hasRows) return undefined;
    const stick = new ResizeObserver(() => {
      if (followingRef.current) el.scrollTop = el.scrollHeight;
    });
    stick.observe(el);
    if (el.firstElementChild) stick.observe(el.firstElementChild);
    return () => stick.disconnect();
  }, [hasRows]);

  const lastTop = useRef(0);
  const onScroll = (): void => {
    const el = scrollRef.current;
    if (!el) return;
    const top = virtualizer.getVirtualItemForOffset(el.scrollTop);
    const seq = top && seqAt(top.index);
    anchor.current = top && seq !== undefined ? { seq, offset: el.scrollTop - top.start } : undefined;
    const atBottom = el.scrollHeight - el.scrollTop - el.clientHeight < ROW_HEIGHT * 1.5;
    const scrolledUp = el.scrollTop < lastTop.current - 1;
    lastTop.current = el.scrollTop;
    if (atBottom && !follow) setFollow(true);
    else if (!atBottom && follow && scrolledUp) setFollow(false);
  };

  const selectedMessage =
    frames && selectedFrame !== undefined ? frames.find((m) => m.id === selectedFrame) : undefined;
  const selected = frames
    ? selectedMessage
    : selectedSeq !== undefined
      ? log.findBySeq(selectedSeq)
      : undefined;

  return (
    <div className={`log${bytes.hideTime ? ' no-time' : ''}`}>
      <div className="log-toolbar">
        <LogViewControls info={info} mode={mode} />
        {isStreamLog(info) && <FramingControls info={info} />}
        <label className="field-inline">
          <span>{t('log.direction')}</span>
          <select
            data-testid="log-filter-dir"
            value={filter?.dir ?? ''}
            onChange={(e) =>
              setLogFilter(info.id, {
                ...filter,
                dir: (e.target.value || undefined) as 'in' | 'out' | undefined,
              })
            }
          >
            <option value="">{t('log.bothDirections')}</option>
            <option value="in">{t('log.dir.in')}</option>
            <option value="out">{t('log.dir.out')}</option>
          </select>
        </label>
        {filter?.peer && (
          <span className="chip mono" data-testid="log-filter-peer">
            {t('log.onlyPeer', { peer: filter.peer })}
            <button
              type="button"
              className="chip-x"
              data-testid="log-filter-clear"
              title={t('peers.showAll')}
              onClick={() => setLogFilter(info.id, { ...filter, peer: undefined })}
            >
              ×
            </button>
          </span>
        )}
        <LogTools view={view} rows={rows} encoding={searchEncoding} onPauseChange={(p) => setFollow(!p)} />
        <label className="field-inline checkbox">
          <input
            type="checkbox"
            data-testid="log-follow"
            checked={follow}
            onChange={(e) => setFollow(e.target.checked)}
          />
          <span>{t('log.follow')}</span>
        </label>
        <span className="log-count mono" data-testid="log-count">
          {frames && framing.messages
            ? t(frames === framing.messages ? 'framing.count' : 'framing.countFiltered', {
                // The noun goes with the last number: "2 of 1 messages" cannot happen.
                count: framing.messages.length,
                n: formatCount(frames.length),
                total: formatCount(framing.messages.length),
                chunks: t('framing.chunks', { count: log.length, n: formatCount(log.length) }),
              })
            : matches
              ? t('log.entriesFiltered', {
                  count: log.length,
                  n: formatCount(rowCount),
                  total: formatCount(log.length),
                })
              : t('log.entries', { count: log.length, n: formatCount(log.length) })}
        </span>
        {log.notKept > 0 && (
          <span className="log-not-kept" data-testid="log-not-kept" title={t('log.notKeptTitle')}>
            {t('log.notKept', { n: formatCount(log.notKept) })}
          </span>
        )}
      </div>
      {isStreamLog(info) && <FramingHint framed={frames !== undefined} />}
      <div className="log-head grid-row" aria-hidden>
        <span className="c-seq">#</span>
        <span className="c-time">{t('log.time')}</span>
        <span className="c-dir">{t('log.direction')}</span>
        <span className="c-peer">{t('log.peer')}</span>
        <span className="c-size">{t('log.size')}</span>
        <span className="c-data">{t('log.data')}</span>
      </div>
      <div className="log-scroll" ref={scrollRef} onScroll={onScroll} data-testid="log-view">
        {rowCount === 0 ? (
          <p className="log-empty" data-testid="log-empty">
            {log.length > 0
              ? t('log.noneMatch')
              : log.notKept > 0
                ? t('log.emptyNotKept', { n: formatCount(log.notKept) })
                : t(info.kind === 'tcp-server' ? 'log.emptyServer' : 'log.empty')}
          </p>
        ) : (
          <div style={{ height: virtualizer.getTotalSize(), position: 'relative' }}>
            {virtualizer.getVirtualItems().map((item) => {
              const entry = entryAt(item.index);
              if (!entry) return null;
              const frame = frames?.[item.index];
              const isSelected = frame ? frame.id === selectedFrame : entry.seq === selectedSeq;
              return (
                <div
                  key={frame ? frame.id : entry.seq}
                  className={`grid-row log-row dir-${entry.dir}${isSelected ? ' selected' : ''}${frame?.pending ? ' pending' : ''}`}
                  style={{ transform: `translateY(${item.start}px)`, height: item.size }}
                  data-testid="log-row"
                  data-dir={entry.dir}
                  data-seq={entry.seq}
                  data-framed={frame ? 'true' : undefined}
                  data-chunks={frame?.chunks}
                  data-pending={frame?.pending ? 'true' : undefined}
                  onClick={() =>
                    frame
                      ? setSelectedFrame(isSelected ? undefined : frame.id)
                      : setSelectedSeq(isSelected ? undefined : entry.seq)
                  }
                >
                  <RowCells
                    entry={entry}
                    frame={frame}
                    mode={mode}
                    dataText={frame ? '' : bytes.dataText(entry)}
                    carry={frame ? 0 : bytes.carry(entry)}
                    dumpEncoding={bytes.layout === 'dump' ? bytes.encoding : undefined}
                  />
                </div>
              );
            })}
          </div>
        )}
      </div>
      {selected && (
        <Detail
          entry={selected}
          mode={mode}
          canReply={info.kind === 'udp'}
          onReply={() => setDestination(info.id, selected.peer.address, String(selected.peer.port))}
          sessionId={info.id}
          framed={selectedMessage}
        />
      )}
      <LogInspector view={view} mode={mode} />
    </div>
  );
}
