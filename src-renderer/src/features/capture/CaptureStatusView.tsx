import { useTranslation } from 'react-i18next';
import type { CaptureStatus } from '../../../../src-shared/contract';
import { formatBytes, formatCount } from '../../ui/format';

/** The last part of a path, either separator: main may run on another platform than this page. */
const baseName = (path: string): string => path.split(/[\\/]/).pop() ?? path;

/**
 * What a capture has written: live while it runs (main refreshes the
 * session's snapshot about twice a second), the final totals after Stop.
 * The values are also data attributes, so tests read numbers, not prose.
 */
export function CaptureStatusView({ status, running }: { status: CaptureStatus; running: boolean }) {
  const { t } = useTranslation();
  return (
    <div
      className={`capture-status${running ? ' running' : ''}`}
      data-testid="capture-status"
      data-state={running ? 'recording' : 'stopped'}
      data-file={status.file}
      data-records={status.records}
      data-bytes={status.bytes}
      data-files={status.files.length}
    >
      <span className="capture-state">
        {running && <span className="capture-dot" aria-hidden />}
        {t(running ? 'capture.recording' : 'capture.stopped')}
      </span>
      <span className="capture-item capture-file">
        <span className="capture-label">{t('capture.file')}</span>
        <span className="mono" title={status.file} data-testid="capture-file">
          {baseName(status.file)}
        </span>
      </span>
      <span className="capture-item">
        <span className="capture-label">{t('capture.records')}</span>
        <span className="mono" data-testid="capture-records">
          {formatCount(status.records)}
        </span>
      </span>
      <span className="capture-item">
        <span className="capture-label">{t('capture.bytes')}</span>
        <span className="mono" data-testid="capture-bytes" title={`${formatCount(status.bytes)} B`}>
          {formatBytes(status.bytes)}
        </span>
      </span>
      <span className="capture-item">
        <span className="capture-label">{t('capture.filesKept')}</span>
        <span className="mono" data-testid="capture-files" title={status.files.join('\n')}>
          {t('capture.filesOf', {
            files: formatCount(status.files.length),
            max: formatCount(status.maxFiles),
          })}
        </span>
      </span>
    </div>
  );
}
