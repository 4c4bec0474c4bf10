import { useTranslation } from 'react-i18next';
import type { EncodingId } from '../../../src-shared/codec/encodings';
import { EXPORT_EXTENSIONS, exportParts, type ExportFormat } from '../../../src-shared/capture/formats';
import { counted, formatCount } from '../lib/format';
import type { LogRows } from '../lib/log-search';
import type { LogEntry } from '../store/log-buffer';
import { useLogTools, useLogToolsStore } from '../store/log-tools';
import { useSessions, VIEW_CAPACITIES, type SessionView } from '../store/sessions';

const FORMATS: ExportFormat[] = ['text', 'hexdump', 'csv', 'jsonl', 'pcapng'];

function* entriesOf(
  view: SessionView,
  positions: number[] | undefined,
): Generator<{ record: LogEntry; seq: number }> {
  const { log } = view;
  if (positions) {
    for (const p of positions) {
      const entry = log.at(p);
      if (entry) yield { record: entry, seq: entry.seq };
    }
    return;
  }
  for (let i = 0; i < log.length; i += 1) {
    const entry = log.at(i);
    if (entry) yield { record: entry, seq: entry.seq };
  }
}

/**
 * Saves what the view holds (the rows shown, when a search or filter is on)
 * as a download: Blob + <a download> works the same in the web shell's
 * browser and in Electron's window, so no extra command is needed.
 */
function download(
  view: SessionView,
  positions: number[] | undefined,
  format: ExportFormat,
  encoding: EncodingId,
): void {
  const parts = exportParts({
    format,
    kind: view.info.kind,
    sessionId: view.info.id,
    local: view.info.local,
    encoding,
    entries: entriesOf(view, positions),
  });
  const blob = new Blob(
    parts.map((p) => (typeof p === 'string' ? p : (p as Uint8Array<ArrayBuffer>))),
    { type: format === 'pcapng' ? 'application/vnd.tcpdump.pcap' : 'text/plain;charset=utf-8' },
  );
  const url = URL.createObjectURL(blob);
  const a = document.createElement('a');
  const stamp = new Date().toISOString().replace(/[:.]/g, '-').slice(0, 19);
  a.href = url;
  a.download = `workbench-${view.info.id}-${stamp}${format === 'hexdump' ? '-hex' : ''}.${EXPORT_EXTENSIONS[format]}`;
  document.body.append(a);
  a.click();
  a.remove();
  // After the click has handed the data to the download.
  setTimeout(() => URL.revokeObjectURL(url), 10_000);
}

/** Search (text, hex), pause, export and the view's size, in the log toolbar. */
export function LogTools({
  view,
  rows,
  encoding,
  onPauseChange,
}: {
  view: SessionView;
  rows: LogRows;
  encoding: EncodingId;
  /** The view stops or resumes following the newest entry. */
  onPauseChange: (paused: boolean) => void;
}) {
  const { t } = useTranslation();
  const id = view.info.id;
  const tools = useLogTools(id);
  const setTools = useLogToolsStore((s) => s.set);
  const capacity = useSessions((s) => s.capacity);
  const setCapacity = useSessions((s) => s.setCapacity);
  const paused = tools.pausedAt !== undefined;
  const lastSeq = (): number => view.log.at(view.log.length - 1)?.seq ?? 0;

  const togglePause = (): void => {
    setTools(id, { pausedAt: paused ? undefined : lastSeq() });
    onPauseChange(!paused);
  };

  return (
    <div className="log-tools">
      <input
        type="search"
        className="log-search"
        data-testid="log-search-text"
        placeholder={t('logTools.searchText', { encoding })}
        title={t('logTools.searchTextTitle')}
        value={tools.text}
        onChange={(e) => setTools(id, { text: e.target.value })}
      />
      <input
        type="search"
        className={`log-search mono${rows.badHex ? ' invalid' : ''}`}
        data-testid="log-search-hex"
        aria-invalid={rows.badHex}
        placeholder={t('logTools.searchHex')}
        title={rows.badHex ? t('logTools.badHex') : t('logTools.searchHexTitle')}
        value={tools.hex}
        onChange={(e) => setTools(id, { hex: e.target.value })}
      />
      {rows.searching && (
        <span className="log-search-count mono" data-testid="log-search-count">
          {t('logTools.matches', counted(rows.positions?.length ?? 0))}
        </span>
      )}
      <button
        type="button"
        className={`btn btn-small${paused ? ' btn-on' : ''}`}
        data-testid="log-pause"
        aria-pressed={paused}
        title={t('logTools.pauseTitle')}
        onClick={togglePause}
      >
        {paused ? t('logTools.resume') : t('logTools.pause')}
      </button>
      {paused && (
        <span className="log-paused" data-testid="log-paused">
          {t('logTools.pausedNew', { n: formatCount(Math.max(0, lastSeq() - (tools.pausedAt ?? 0))) })}
        </span>
      )}
      <select
        data-testid="log-export"
        value=""
        title={t('logTools.exportTitle')}
        onChange={(e) => {
          const format = e.target.value as ExportFormat;
          if (FORMATS.includes(format)) download(view, rows.positions, format, encoding);
        }}
      >
        <option value="">{t('logTools.export')}</option>
        {FORMATS.map((f) => (
          <option key={f} value={f}>
            {t(`logTools.formats.${f}`)}
          </option>
        ))}
      </select>
      <select
        data-testid="log-capacity"
        value={capacity}
        title={t('logTools.capacityTitle')}
        onChange={(e) => setCapacity(Number(e.target.value))}
      >
        {VIEW_CAPACITIES.map((n) => (
          <option key={n} value={n}>
            {t('logTools.capacity', { n: formatCount(n) })}
          </option>
        ))}
      </select>
    </div>
  );
}
