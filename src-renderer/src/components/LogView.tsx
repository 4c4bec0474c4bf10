import { useVirtualizer } from '@tanstack/react-virtual';
import { useEffect, useRef, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { ENCODINGS } from '../../../src-shared/codec/encodings';
import { decodeText } from '../../../src-shared/codec/text';
import { visibleControls } from '../../../src-shared/codec/visible';
import { formatCount, formatEndpoint, formatPythonTuple, formatTime } from '../lib/format';
import { hexDump, previewBytes } from '../lib/preview';
import type { LogEntry } from '../store/log-buffer';
import type { SessionView } from '../store/sessions';
import { useUi, type ViewMode } from '../store/ui';

const ROW_HEIGHT = 26;

function Detail({
  entry,
  mode,
  canReply,
  onReply,
}: {
  entry: LogEntry;
  mode: ViewMode;
  canReply: boolean;
  onReply: () => void;
}) {
  const { t } = useTranslation();
  const encoding = mode === 'hex' ? 'utf-8' : mode;
  return (
    <div className="log-detail" data-testid="log-detail">
      <div className="log-detail-head">
        <span className={`dir dir-${entry.dir}`}>{t(`log.dir.${entry.dir}`)}</span>
        <span className="mono">#{entry.seq}</span>
        <span className="mono">{formatTime(entry.t)}</span>
        <span className="mono" title={formatPythonTuple(entry.peer)}>
          {entry.dir === 'in' ? t('log.from') : t('log.to')} {formatEndpoint(entry.peer)}
        </span>
        <span className="mono">{t('log.bytes', { n: formatCount(entry.bytes.byteLength) })}</span>
        {canReply && entry.dir === 'in' && (
          <button type="button" className="btn btn-small" data-testid="reply-to-sender" onClick={onReply}>
            {t('log.replyToSender')}
          </button>
        )}
      </div>
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
 * The session's data log: every datagram or stream chunk with time,
 * direction, peer and size. Virtualized, so a flood of entries scrolls as
 * smoothly as ten; it follows the newest entry unless the user scrolls up.
 */
export function LogView({ view }: { view: SessionView }) {
  const { t } = useTranslation();
  const { log, info } = view;
  const mode = useUi((s) => s.viewMode[info.id] ?? 'utf-8');
  const setViewMode = useUi((s) => s.setViewMode);
  const setDestination = useUi((s) => s.setDestination);
  const scrollRef = useRef<HTMLDivElement>(null);
  const [follow, setFollow] = useState(true);
  const [selectedSeq, setSelectedSeq] = useState<number | undefined>();

  // The virtualizer's functions change every render; nothing here memoizes them.
  // eslint-disable-next-line react-hooks/incompatible-library
  const virtualizer = useVirtualizer({
    count: log.length,
    getScrollElement: () => scrollRef.current,
    estimateSize: () => ROW_HEIGHT,
    overscan: 12,
  });

  useEffect(() => {
    if (follow && log.length > 0) virtualizer.scrollToIndex(log.length - 1, { align: 'end' });
  }, [view.rev, follow, log.length, virtualizer]);

  const onScroll = (): void => {
    const el = scrollRef.current;
    if (!el) return;
    const atBottom = el.scrollHeight - el.scrollTop - el.clientHeight < ROW_HEIGHT * 1.5;
    if (atBottom !== follow) setFollow(atBottom);
  };

  const selected = selectedSeq !== undefined ? log.findBySeq(selectedSeq) : undefined;

  return (
    <div className="log">
      <div className="log-toolbar">
        <label className="field-inline">
          <span>{t('log.view')}</span>
          <select
            data-testid="log-view-mode"
            value={mode}
            onChange={(e) => setViewMode(info.id, e.target.value as ViewMode)}
          >
            {ENCODINGS.map((e) => (
              <option key={e.id} value={e.id}>
                {t('log.textIn', { encoding: e.label })}
              </option>
            ))}
            <option value="hex">{t('log.hex')}</option>
          </select>
        </label>
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
          {t('log.entries', { n: formatCount(log.length) })}
        </span>
        {log.notKept > 0 && (
          <span className="log-not-kept" data-testid="log-not-kept" title={t('log.notKeptTitle')}>
            {t('log.notKept', { n: formatCount(log.notKept) })}
          </span>
        )}
      </div>
      <div className="log-head grid-row" aria-hidden>
        <span className="c-seq">#</span>
        <span className="c-time">{t('log.time')}</span>
        <span className="c-dir">{t('log.direction')}</span>
        <span className="c-peer">{t('log.peer')}</span>
        <span className="c-size">{t('log.size')}</span>
        <span className="c-data">{t('log.data')}</span>
      </div>
      <div className="log-scroll" ref={scrollRef} onScroll={onScroll} data-testid="log-view">
        {log.length === 0 ? (
          <p className="log-empty">{t(info.kind === 'tcp-server' ? 'log.emptyServer' : 'log.empty')}</p>
        ) : (
          <div style={{ height: virtualizer.getTotalSize(), position: 'relative' }}>
            {virtualizer.getVirtualItems().map((item) => {
              const entry = log.at(item.index);
              if (!entry) return null;
              return (
                <div
                  key={entry.seq}
                  className={`grid-row log-row dir-${entry.dir}${entry.seq === selectedSeq ? ' selected' : ''}`}
                  style={{ transform: `translateY(${item.start}px)`, height: ROW_HEIGHT }}
                  data-testid="log-row"
                  data-dir={entry.dir}
                  data-seq={entry.seq}
                  onClick={() => setSelectedSeq(entry.seq === selectedSeq ? undefined : entry.seq)}
                >
                  <span className="c-seq mono">{entry.seq}</span>
                  <span className="c-time mono" data-testid="log-time">
                    {formatTime(entry.t)}
                  </span>
                  <span className={`c-dir dir dir-${entry.dir}`}>{t(`log.dir.${entry.dir}`)}</span>
                  <span className="c-peer mono" data-testid="log-peer">
                    {formatEndpoint(entry.peer)}
                  </span>
                  <span className="c-size mono" data-testid="log-size">
                    {entry.bytes.byteLength}
                  </span>
                  <span className="c-data mono" data-testid="log-data">
                    {previewBytes(entry.bytes, mode)}
                  </span>
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
        />
      )}
    </div>
  );
}
