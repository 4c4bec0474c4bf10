import { useEffect, useMemo, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { detectEncoding } from '../../../../src-shared/codec/detect';
import { ENCODINGS, type EncodingId } from '../../../../src-shared/codec/encodings';
import { visibleControls } from '../../../../src-shared/codec/visible';
import { counted, formatEndpoint, formatTime } from '../../ui/format';
import { DumpLines } from './DumpLines';
import { dumpLines } from './preview';
import type { LogEntry } from '../../store/log-buffer';
import { EncodingSelect } from '../../ui/EncodingSelect';

/** Bytes the inspector dumps and decodes; a bigger message says how much more there is. */
const INSPECT_BYTES = 16 * 1024;
/** Characters of each reading shown in the table. */
const READING_CHARS = 2000;

const label = (id: EncodingId): string => ENCODINGS.find((e) => e.id === id)?.label ?? id;

/**
 * One message's bytes, looked at every way: a dump, its text in every
 * encoding side by side, which encoding it most likely is, and which
 * readings are mojibake. Opened from the log's detail pane.
 */
export function ByteInspector({
  entry,
  viewEncoding,
  onViewAs,
  onClose,
}: {
  entry: LogEntry;
  /** The encoding the log shows now (undefined in the hex view). */
  viewEncoding: EncodingId | undefined;
  onViewAs: (encoding: EncodingId) => void;
  onClose: () => void;
}) {
  const { t } = useTranslation();
  const bytes = entry.bytes.byteLength > INSPECT_BYTES ? entry.bytes.subarray(0, INSPECT_BYTES) : entry.bytes;
  const detection = useMemo(() => detectEncoding(bytes), [bytes]);
  const [dumpEncoding, setDumpEncoding] = useState<EncodingId>(detection.likely ?? viewEncoding ?? 'utf-8');
  const lines = useMemo(() => dumpLines(bytes, dumpEncoding), [bytes, dumpEncoding]);

  useEffect(() => {
    const onKey = (e: KeyboardEvent): void => {
      if (e.key === 'Escape') onClose();
    };
    window.addEventListener('keydown', onKey);
    return () => window.removeEventListener('keydown', onKey);
  }, [onClose]);

  const likely = detection.likely;
  const mismatch =
    likely !== undefined &&
    detection.confidence !== 'low' &&
    viewEncoding !== undefined &&
    viewEncoding !== likely;
  const viewReading = viewEncoding ? detection.readings.find((r) => r.encoding === viewEncoding) : undefined;

  return (
    <div className="dialog-backdrop" onClick={onClose}>
      <div
        className="inspector"
        role="dialog"
        aria-label={t('inspector.title')}
        data-testid="byte-inspector"
        data-likely={likely ?? ''}
        onClick={(e) => e.stopPropagation()}
      >
        <header className="inspector-head">
          <h2>{t('inspector.title')}</h2>
          <span className={`dir dir-${entry.dir}`}>{t(`log.dir.${entry.dir}`)}</span>
          <span className="mono">#{entry.seq}</span>
          <span className="mono">{formatTime(entry.t)}</span>
          <span className="mono">
            {entry.dir === 'in' ? t('log.from') : t('log.to')} {formatEndpoint(entry.peer)}
          </span>
          <span className="mono">{t('log.bytes', counted(entry.bytes.byteLength))}</span>
          <button
            type="button"
            className="btn btn-small inspector-close"
            data-testid="inspector-close"
            onClick={onClose}
          >
            {t('inspector.close')}
          </button>
        </header>

        <section
          className={`inspector-verdict confidence-${detection.confidence}`}
          data-testid="inspector-likely"
        >
          {likely ? (
            <span>
              {t('inspector.likely', { encoding: label(likely) })}{' '}
              <span className="inspector-confidence">
                {t(`inspector.confidence.${detection.confidence}`)}
              </span>
            </span>
          ) : (
            <span>{t('inspector.noLikely')}</span>
          )}
          <span className="inspector-reason">{t(`inspector.reason.${detection.reason}`)}</span>
          {mismatch && viewReading && viewReading.verdict !== 'same' && (
            <span className="inspector-mismatch" data-testid="inspector-mismatch">
              {t('inspector.mismatch', { view: label(viewEncoding), likely: label(likely) })}
              <button
                type="button"
                className="btn btn-small btn-primary"
                data-testid="inspector-view-as"
                onClick={() => onViewAs(likely)}
              >
                {t('inspector.viewAs', { encoding: label(likely) })}
              </button>
            </span>
          )}
          {detection.replacementChars && (
            <span className="inspector-damaged" data-testid="inspector-damaged">
              {t('inspector.damaged')}
            </span>
          )}
        </section>

        <div className="inspector-body">
          <section className="inspector-dump-pane">
            <div className="inspector-section-head">
              <h3>{t('inspector.dump')}</h3>
              <label className="field-inline">
                <span>{t('inspector.textColumn')}</span>
                <EncodingSelect
                  testId="inspector-dump-encoding"
                  value={dumpEncoding}
                  onChange={setDumpEncoding}
                />
              </label>
            </div>
            <pre className="inspector-dump mono" data-testid="inspector-dump">
              <DumpLines lines={lines} />
            </pre>
            {entry.bytes.byteLength > INSPECT_BYTES && (
              <p className="inspector-more">
                {t('inspector.more', counted(entry.bytes.byteLength - INSPECT_BYTES))}
              </p>
            )}
          </section>

          <section className="inspector-readings-pane">
            <h3>{t('inspector.readings')}</h3>
            <table className="inspector-readings">
              <tbody>
                {detection.readings.map((r) => (
                  <tr
                    key={r.encoding}
                    className={`verdict-${r.verdict}${r.encoding === viewEncoding ? ' current' : ''}`}
                    data-testid="inspector-reading"
                    data-encoding={r.encoding}
                    data-verdict={r.verdict}
                  >
                    <th scope="row">
                      {label(r.encoding)}
                      {r.encoding === viewEncoding && (
                        <span className="inspector-current">{t('inspector.current')}</span>
                      )}
                    </th>
                    <td className="inspector-badge-cell">
                      <span className={`inspector-badge badge-${r.verdict}`}>
                        {t(`inspector.verdict.${r.verdict}`, { n: r.invalid })}
                      </span>
                    </td>
                    <td className="inspector-text mono" data-testid="inspector-reading-text">
                      {visibleControls(r.text.slice(0, READING_CHARS))}
                      {r.text.length > READING_CHARS ? ' …' : ''}
                    </td>
                  </tr>
                ))}
              </tbody>
            </table>
          </section>
        </div>
      </div>
    </div>
  );
}
