import { useMemo } from 'react';
import { useTranslation } from 'react-i18next';
import { ENCODINGS, type EncodingId } from '../../../../src-shared/codec/encodings';
import type { SessionInfo } from '../../../../src-shared/contract';
import { DUMP_BYTES, dumpLineCount, dumpLines, previewBytes } from './preview';
import { streamTextsFor } from './stream-decoder';
import { usePatchView, useViewState } from '../../store/hooks';
import { FollowSession } from '../../ui/FollowSession';
import type { LogLayout, ViewMode } from '../../store/view-state';
import type { LogEntry } from '../../store/log-buffer';
import type { LogOf } from './log-of';
import { DumpLines } from './DumpLines';
import { ByteInspector } from './ByteInspector';
import { EncodingSelect } from '../../ui/EncodingSelect';
import { counted } from '../../ui/format';

/** The log's byte views: what LogView asks of them, kept here so LogView stays about the list. */

export const ROW_HEIGHT = 26;
const DUMP_LINE_HEIGHT = 17;
const DUMP_PADDING = 8;

/** TCP has no message boundaries, so its text is decoded as a stream; UDP datagrams stand alone. */
const isStream = (info: SessionInfo): boolean => info.kind !== 'udp';

export interface LogBytes {
  layout: LogLayout;
  hideTime: boolean;
  /** The encoding of the text (in the hex view: of the dump's text column and the detail pane). */
  encoding: EncodingId;
  rowHeight(entry: LogEntry | undefined): number;
  /** The row's one-line data cell. */
  dataText(entry: LogEntry): string;
  /** Bytes this row carries into the next row of its direction (0 if none). */
  carry(entry: LogEntry): number;
}

export function useLogBytes(view: LogOf, mode: ViewMode): LogBytes {
  const { log, info } = view;
  const layout = useViewState<LogLayout>(info.id, (v) => v.layout, 'rows');
  const hideTime = useViewState(info.id, (v) => v.hideTime, false);
  const encoding: EncodingId = mode === 'hex' ? 'utf-8' : mode;
  const stream = isStream(info) && mode !== 'hex' ? streamTextsFor(log, encoding) : undefined;
  return {
    layout,
    hideTime,
    encoding,
    rowHeight: (entry) =>
      layout === 'dump' && entry
        ? ROW_HEIGHT + dumpLineCount(entry.bytes.byteLength) * DUMP_LINE_HEIGHT + DUMP_PADDING
        : ROW_HEIGHT,
    dataText: (entry) => stream?.row(entry)?.text ?? previewBytes(entry.bytes, mode),
    carry: (entry) => stream?.row(entry)?.carry ?? 0,
  };
}

/** The view select (text in an encoding, hex, hex dump), the dump's text column, the timestamps switch. */
export function LogViewControls({ info, mode }: { info: SessionInfo; mode: ViewMode }) {
  const { t } = useTranslation();
  const patchView = usePatchView();
  const sessionEncoding = useViewState(info.id, (v) => v.encoding, 'utf-8');
  // Another mode than the session's encoding is the log's own choice; the session's again follows it.
  const setViewMode = (id: string, viewMode: ViewMode): void =>
    patchView(id, { viewMode: viewMode === sessionEncoding ? undefined : viewMode });
  const layout = useViewState<LogLayout>(info.id, (v) => v.layout, 'rows');
  const setLayout = (id: string, next: LogLayout): void => patchView(id, { layout: next });
  const hideTime = useViewState(info.id, (v) => v.hideTime, false);
  const setHideTime = (id: string, hide: boolean): void => patchView(id, { hideTime: hide });
  const onView = (value: string): void => {
    if (value === 'dump') {
      setLayout(info.id, 'dump');
      // The dump shows text too, so it needs an encoding; hex alone has none.
      if (mode === 'hex') setViewMode(info.id, 'utf-8');
      return;
    }
    setLayout(info.id, 'rows');
    setViewMode(info.id, value as ViewMode);
  };
  return (
    <>
      <label className="field-inline">
        <span>{t('log.view')}</span>
        <select
          data-testid="log-view-mode"
          value={layout === 'dump' ? 'dump' : mode}
          onChange={(e) => onView(e.target.value)}
        >
          {ENCODINGS.map((e) => (
            <option key={e.id} value={e.id}>
              {t('log.textIn', { encoding: e.label })}
            </option>
          ))}
          <option value="hex">{t('log.hex')}</option>
          <option value="dump">{t('bytesView.dump')}</option>
        </select>
      </label>
      {mode !== sessionEncoding && (
        <FollowSession
          sessionEncoding={sessionEncoding}
          testId="log-view-follow-session"
          onFollow={() => {
            setLayout(info.id, 'rows');
            setViewMode(info.id, sessionEncoding);
          }}
        />
      )}
      {layout === 'dump' && (
        <label className="field-inline">
          <span>{t('bytesView.dumpText')}</span>
          <EncodingSelect
            testId="log-dump-encoding"
            value={mode === 'hex' ? 'utf-8' : mode}
            onChange={(encoding) => setViewMode(info.id, encoding)}
          />
        </label>
      )}
      <label className="field-inline checkbox">
        <input
          type="checkbox"
          data-testid="log-timestamps"
          checked={!hideTime}
          onChange={(e) => setHideTime(info.id, !e.target.checked)}
        />
        <span>{t('bytesView.timestamps')}</span>
      </label>
    </>
  );
}

/** One entry as a hex dump under its row: offsets, hex, and the text in the view's encoding. */
export function RowDump({ entry, encoding }: { entry: LogEntry; encoding: EncodingId }) {
  const { t } = useTranslation();
  const lines = useMemo(() => dumpLines(entry.bytes, encoding, DUMP_BYTES), [entry.bytes, encoding]);
  return (
    <pre className="log-row-dump mono" data-testid="log-dump">
      <DumpLines lines={lines} />
      {entry.bytes.byteLength > DUMP_BYTES && (
        <div className="dump-more">{t('bytesView.more', counted(entry.bytes.byteLength - DUMP_BYTES))}</div>
      )}
    </pre>
  );
}

/** "Inspect bytes" in the detail pane of the selected entry. */
export function InspectButton({ sessionId, entry }: { sessionId: string; entry: LogEntry }) {
  const { t } = useTranslation();
  const patchView = usePatchView();
  const inspect = (id: string, seq: number): void => patchView(id, { inspecting: seq });
  return (
    <button
      type="button"
      className="btn btn-small"
      data-testid="inspect-bytes"
      title={t('bytesView.inspectTitle')}
      onClick={() => inspect(sessionId, entry.seq)}
    >
      {t('bytesView.inspect')}
    </button>
  );
}

/** The byte inspector of this session's log, when one entry is being inspected. */
export function LogInspector({ view, mode }: { view: LogOf; mode: ViewMode }) {
  const seq = useViewState<number | undefined>(view.info.id, (v) => v.inspecting, undefined);
  const patchView = usePatchView();
  const inspect = (id: string, inspecting: undefined): void => patchView(id, { inspecting });
  const sessionEncoding = useViewState(view.info.id, (v) => v.encoding, 'utf-8');
  const setViewMode = (id: string, viewMode: ViewMode): void =>
    patchView(id, { viewMode: viewMode === sessionEncoding ? undefined : viewMode });
  const entry = seq !== undefined ? view.log.findBySeq(seq) : undefined;
  if (!entry) return null;
  return (
    <ByteInspector
      entry={entry}
      viewEncoding={mode === 'hex' ? undefined : mode}
      onViewAs={(encoding) => {
        setViewMode(view.info.id, encoding);
        inspect(view.info.id, undefined);
      }}
      onClose={() => inspect(view.info.id, undefined)}
    />
  );
}
