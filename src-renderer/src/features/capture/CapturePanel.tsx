import { useEffect, useRef, useState } from 'react';
import { useTranslation } from 'react-i18next';
import {
  bytesToMiBText,
  CAPTURE_DEFAULT_BYTES,
  CAPTURE_DEFAULT_FILES,
  CAPTURE_SIZE_PARAMS,
  checkCaptureForm,
  type CaptureField,
} from '../../../../src-shared/capture/settings';
import type { BridgeError, CaptureStatus, SessionInfo } from '../../../../src-shared/contract';
import { useSessionActions } from '../sessions/use-session-actions';
import { useErrorText } from '../../ui/use-error-text';
import { CaptureStatusView } from './CaptureStatusView';
import { Expander } from '../../ui/Expander';

/** Which form field a refusal from main concerns, so that field is marked too. */
const FIELD_OF: Record<string, CaptureField> = {
  BAD_CAPTURE_FOLDER: 'directory',
  BAD_CAPTURE_SIZE: 'maxMiB',
  BAD_CAPTURE_FILES: 'maxFiles',
  ENOENT: 'directory',
  ENOTDIR: 'directory',
  EACCES: 'directory',
};

/**
 * Capture to file: main records everything this session sends and receives,
 * before any batching, to files that rotate by size. The files stay on the
 * machine that runs main (in the web shell: the host, not the browser).
 */
export function CapturePanel({ info }: { info: SessionInfo }) {
  const { t } = useTranslation();
  const { startCapture, stopCapture } = useSessionActions(info);
  const errorText = useErrorText();
  const [format, setFormat] = useState<CaptureStatus['format']>('pcapng');
  const [directory, setDirectory] = useState('');
  const [maxMiB, setMaxMiB] = useState(bytesToMiBText(CAPTURE_DEFAULT_BYTES));
  const [maxFiles, setMaxFiles] = useState(String(CAPTURE_DEFAULT_FILES));
  const [error, setError] = useState<{ error: BridgeError; field?: CaptureField } | undefined>();
  const [last, setLast] = useState<CaptureStatus | undefined>();
  const capture = info.capture;

  // A running capture's settings come from main: after a reload (or a start
  // from elsewhere) the form shows what is really being written, and keeps it after Stop.
  const shownRun = useRef<number | undefined>(undefined);
  useEffect(() => {
    if (!capture || shownRun.current === capture.startedAt) return;
    shownRun.current = capture.startedAt;
    setFormat(capture.format);
    setDirectory(capture.directory);
    setMaxMiB(bytesToMiBText(capture.maxBytes));
    setMaxFiles(String(capture.maxFiles));
  }, [capture]);

  const start = async (): Promise<void> => {
    // Checked here first, in the user's language; main checks the same again.
    const checked = checkCaptureForm({ format, directory, maxMiB, maxFiles });
    if (!checked.ok) {
      setError({ error: checked.error, field: checked.field });
      return;
    }
    setError(undefined);
    const result = await startCapture(checked.args);
    if (!result.ok) setError({ error: result.error, field: FIELD_OF[result.error.code] });
  };
  const stop = async (): Promise<void> => {
    setError(undefined);
    const result = await stopCapture();
    if (result.ok) setLast(result.value);
    else setError({ error: result.error });
  };
  /** Editing the field an error is about clears it: the message no longer describes what is typed. */
  const edit =
    (field: CaptureField, set: (value: string) => void) =>
    (e: { target: { value: string } }): void => {
      set(e.target.value);
      if (error?.field === field) setError(undefined);
    };

  // Main's state, never a guess: a capture a write failure stopped (disk full)
  // is shown stopped, with the error, and the form is usable again.
  const running = capture?.state === 'recording';
  const shown = capture ?? last;
  const shownError = error?.error ?? capture?.error;
  const invalid = (field: CaptureField): boolean => error?.field === field;
  const summary = running
    ? t('capture.on', { format: capture.format })
    : capture?.error
      ? t('capture.failed')
      : t('capture.off');
  return (
    <Expander testId="capture" title={t('capture.title')} summary={summary} active={running}>
      <div className="capture-form">
        <label className="field-inline">
          <span>{t('capture.format')}</span>
          <select
            data-testid="capture-format"
            value={format}
            disabled={running}
            onChange={(e) => setFormat(e.target.value as CaptureStatus['format'])}
          >
            <option value="pcapng">pcapng</option>
            <option value="jsonl">JSON Lines</option>
          </select>
        </label>
        <label className="field-inline capture-directory">
          <span>{t('capture.directory')}</span>
          <input
            className="mono"
            data-testid="capture-directory"
            placeholder={t('capture.directoryDefault')}
            value={directory}
            disabled={running}
            aria-invalid={invalid('directory')}
            onChange={edit('directory', setDirectory)}
          />
        </label>
        <label className="field-inline" title={t('capture.maxMiBHint', { min: CAPTURE_SIZE_PARAMS.minMiB })}>
          <span>{t('capture.maxMiB')}</span>
          <input
            className="mono narrow"
            data-testid="capture-max-mib"
            inputMode="decimal"
            value={maxMiB}
            disabled={running}
            aria-invalid={invalid('maxMiB')}
            onChange={edit('maxMiB', setMaxMiB)}
          />
        </label>
        <label className="field-inline" title={t('capture.maxFilesHint')}>
          <span>{t('capture.maxFiles')}</span>
          <input
            className="mono narrow"
            data-testid="capture-max-files"
            inputMode="numeric"
            value={maxFiles}
            disabled={running}
            aria-invalid={invalid('maxFiles')}
            onChange={edit('maxFiles', setMaxFiles)}
          />
        </label>
        {running ? (
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
      {shown && <CaptureStatusView status={shown} running={running} />}
      {shownError && (
        <div
          className="notice notice-error"
          role="alert"
          data-testid="capture-error"
          data-code={shownError.code}
          data-field={error?.field}
        >
          {errorText(shownError)}
        </div>
      )}
    </Expander>
  );
}
