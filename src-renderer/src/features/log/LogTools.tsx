import { useTranslation } from 'react-i18next';
import type { EncodingId } from '../../../../src-shared/codec/encodings';
import type { ExportFormat } from '../../../../src-shared/capture/formats';
import { counted, formatCount } from '../../ui/format';
import { downloadExport, EXPORT_FORMATS, exportCount } from './log-export';
import type { LogRows } from './log-search';
import { usePatchView, useViewState } from '../../store/hooks';
import { VIEW_CAPACITIES } from '../../store/sessions-slice';
import { useStore } from '../../store/store';
import type { LogSearch } from '../../store/view-state';
import { useLogActions } from './use-log-actions';
import type { LogOf } from './log-of';

/** Search (text, hex), pause, export and the view's size, in the log toolbar. */
const NO_SEARCH: LogSearch = { text: '', hex: '' };

export function LogTools({
  view,
  rows,
  encoding,
  onPauseChange,
}: {
  view: LogOf;
  rows: LogRows;
  encoding: EncodingId;
  /** The view stops or resumes following the newest entry. */
  onPauseChange: (paused: boolean) => void;
}) {
  const { t } = useTranslation();
  const id = view.info.id;
  const tools = useViewState<LogSearch>(id, (v) => v.search, NO_SEARCH);
  const patchView = usePatchView();
  const setTools = (sessionId: string, patch: Partial<LogSearch>): void =>
    patchView(sessionId, { search: { ...tools, ...patch } });
  const capacity = useStore((s) => s.capacity);
  const { chooseViewCapacity } = useLogActions();
  const paused = tools.pausedAt !== undefined;
  const lastSeq = (): number => view.log.at(view.log.length - 1)?.seq ?? 0;

  const hexProblem = rows.hexProblem;
  const exportable = exportCount(view, rows.positions);

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
        className={`log-search mono${hexProblem ? ' invalid' : ''}`}
        data-testid="log-search-hex"
        aria-invalid={hexProblem !== undefined}
        aria-describedby={hexProblem ? `log-search-hex-error-${id}` : undefined}
        placeholder={t('logTools.searchHex')}
        title={t('logTools.searchHexTitle')}
        value={tools.hex}
        onChange={(e) => setTools(id, { hex: e.target.value })}
      />
      {hexProblem && (
        // The hex term alone is ignored meanwhile; saying so keeps "all rows shown" from looking like a match.
        <span
          className="log-search-error"
          id={`log-search-hex-error-${id}`}
          role="status"
          data-testid="log-search-hex-error"
          title={t(`composer.badHex.${hexProblem.reason}`, {
            char: hexProblem.char,
            index: hexProblem.index + 1,
          })}
        >
          {t('logTools.notHex')}
        </span>
      )}
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
        disabled={exportable === 0}
        title={
          exportable > 0
            ? t('logTools.exportTitle', { count: exportable, n: formatCount(exportable) })
            : t(rows.positions ? 'logTools.exportNothingShown' : 'logTools.exportNothing')
        }
        onChange={(e) => {
          const format = e.target.value as ExportFormat;
          if (EXPORT_FORMATS.includes(format)) downloadExport(view, rows.positions, format, encoding);
        }}
      >
        <option value="">{t('logTools.export')}</option>
        {EXPORT_FORMATS.map((f) => (
          <option key={f} value={f}>
            {t(`logTools.formats.${f}`)}
          </option>
        ))}
      </select>
      <select
        data-testid="log-capacity"
        value={capacity}
        title={t('logTools.capacityTitle')}
        onChange={(e) => chooseViewCapacity(Number(e.target.value))}
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
