import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { BridgeError, CaptureStatus, SessionInfo } from '../../../src-shared/contract';
import { useBridge } from '../lib/bridge-context';
import { counted } from '../lib/format';
import { useErrorText } from '../lib/use-error-text';
import { Expander } from './Expander';

/**
 * Capture to file: main records everything this session sends and receives,
 * before any batching, to files that rotate by size. The files stay on the
 * machine that runs main (in the web shell: the host, not the browser).
 */
export function CapturePanel({ info }: { info: SessionInfo }) {
  const { t } = useTranslation();
  const { api } = useBridge();
  const errorText = useErrorText();
  const [format, setFormat] = useState<CaptureStatus['format']>('pcapng');
  const [directory, setDirectory] = useState('');
  const [maxMiB, setMaxMiB] = useState('100');
  const [maxFiles, setMaxFiles] = useState('10');
  const [error, setError] = useState<BridgeError | undefined>();
  const [last, setLast] = useState<CaptureStatus | undefined>();
  const capture = info.capture;

  const start = async (): Promise<void> => {
    setError(undefined);
    const result = await api['capture.start']({
      sessionId: info.id,
      format,
      ...(directory.trim() ? { directory: directory.trim() } : {}),
      maxBytes: Math.round(Number(maxMiB) * 1024 * 1024),
      maxFiles: Number(maxFiles),
    });
    if (!result.ok) setError(result.error);
  };
  const stop = async (): Promise<void> => {
    setError(undefined);
    const result = await api['capture.stop']({ sessionId: info.id });
    if (result.ok) setLast(result.value);
    else setError(result.error);
  };

  const shown = capture ?? last;
  return (
    <Expander
      testId="capture"
      title={t('capture.title')}
      summary={capture ? t('capture.on', { format: capture.format }) : t('capture.off')}
      active={Boolean(capture)}
    >
      <div className="capture-form">
        <label className="field-inline">
          <span>{t('capture.format')}</span>
          <select
            data-testid="capture-format"
            value={format}
            disabled={Boolean(capture)}
            onChange={(e) => setFormat(e.target.value as CaptureStatus['format'])}
          >
            <option value="pcapng">pcapng</option>
            <option value="jsonl">JSON Lines</option>
          </select>
        </label>
        <label className="field-inline">
          <span>{t('capture.directory')}</span>
          <input
            className="mono"
            data-testid="capture-directory"
            placeholder={t('capture.directoryDefault')}
            value={directory}
            disabled={Boolean(capture)}
            onChange={(e) => setDirectory(e.target.value)}
          />
        </label>
        <label className="field-inline">
          <span>{t('capture.maxMiB')}</span>
          <input
            className="mono narrow"
            data-testid="capture-max-mib"
            inputMode="numeric"
            value={maxMiB}
            disabled={Boolean(capture)}
            onChange={(e) => setMaxMiB(e.target.value)}
          />
        </label>
        <label className="field-inline">
          <span>{t('capture.maxFiles')}</span>
          <input
            className="mono narrow"
            data-testid="capture-max-files"
            inputMode="numeric"
            value={maxFiles}
            disabled={Boolean(capture)}
            onChange={(e) => setMaxFiles(e.target.value)}
          />
        </label>
        {capture ? (
          <button type="button" className="btn" data-testid="capture-stop" onClick={() => void stop()}>
            {t('capture.stop')}
          </button>
        ) : (
          <button
            type="button"
            className="btn btn-primary"
            data-testid="capture-start"
            onClick={() => void start()}
          >
            {t('capture.start')}
          </button>
        )}
      </div>
      {shown && (
        <p className="capture-status mono" data-testid="capture-status" data-file={shown.file}>
          {t(capture ? 'capture.writing' : 'capture.wrote', {
            file: shown.file,
            files: t('capture.files', counted(shown.files.length)),
            records: t('capture.records', counted(shown.records)),
          })}
        </p>
      )}
      {(error ?? capture?.error) && (
        <div
          className="notice notice-error"
          role="alert"
          data-testid="capture-error"
          data-code={(error ?? capture?.error)?.code}
        >
          {errorText((error ?? capture?.error) as BridgeError)}
        </div>
      )}
    </Expander>
  );
}
