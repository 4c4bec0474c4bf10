import { useEffect, useRef, useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { BridgeError, PayloadTemplate, SessionInfo } from '../../../../src-shared/contract';
import { useSessionActions } from '../sessions/use-session-actions';
import { formatCount } from '../../ui/format';
import { useErrorText } from '../../ui/use-error-text';
import { InlineNumberField } from '../../ui/InlineNumberField';
import { isClosedState } from '../sessions/session-state';
import { useOffline, usePatchDrafts, useViewState } from '../../store/hooks';

export interface PeriodicControlsProps {
  info: SessionInfo;
  /** The composer's message as a template main expands at each send; undefined while it has a problem. */
  template: PayloadTemplate | undefined;
  /** UDP: where to send. */
  destination?: { host: string; port: number };
  /** A run ended after `sent` messages: the composer's {{COUNTER}} moves on past them. */
  onFinished: (sent: number) => void;
}

/**
 * Periodic send, run in main (a renderer timer cannot keep 1 ms). The
 * progress comes from the session's own info, refreshed by main a few times a
 * second, so it is exact without one event per message.
 */
export function PeriodicControls({ info, template, destination, onFinished }: PeriodicControlsProps) {
  const { t } = useTranslation();
  const { startPeriodic, stopPeriodic } = useSessionActions(info);
  const errorText = useErrorText();
  // The repeat fields as typed: the session's drafts, kept across a switch and a reload.
  const interval = useViewState(info.id, (v) => v.drafts.repeatInterval, '1000');
  const count = useViewState(info.id, (v) => v.drafts.repeatCount, '10');
  const patchDrafts = usePatchDrafts();
  const setIntervalText = (repeatInterval: string): void => patchDrafts(info.id, { repeatInterval });
  const setCountText = (repeatCount: string): void => patchDrafts(info.id, { repeatCount });
  const [error, setError] = useState<BridgeError | undefined>();
  const [busy, setBusy] = useState(false);
  const periodic = info.periodic;
  const running = periodic?.state === 'running';
  // Nothing can be sent while main is out of reach.
  const offline = useOffline();
  const closed = isClosedState(info.state) || offline;

  // The run this view started: when it ends, the composer's counter moves past what it sent.
  // Checked after every render: start() sets `mine` and then re-renders (setBusy), so a run
  // that ended before start() returned is still seen.
  const mine = useRef<number | undefined>(undefined);
  useEffect(() => {
    if (!periodic || periodic.state === 'running' || mine.current !== periodic.startedAt) return;
    mine.current = undefined;
    onFinished(periodic.sent);
  });

  const shownError = error ?? (periodic?.state === 'failed' ? periodic.error : undefined);
  const intervalMs = Number(interval);
  const countN = Number(count);
  const intervalOk = Number.isInteger(intervalMs) && intervalMs >= 1;
  const countOk = Number.isInteger(countN) && countN >= 0;

  const start = async (): Promise<void> => {
    if (!template) return;
    setBusy(true);
    setError(undefined);
    const result = await startPeriodic({
      template,
      intervalMs,
      count: countN,
      ...(destination ?? {}),
    });
    if (result.ok) mine.current = result.value.startedAt;
    else setError(result.error);
    setBusy(false);
  };

  const stop = async (): Promise<void> => {
    const result = await stopPeriodic();
    if (!result.ok) setError(result.error);
  };

  return (
    <div className="composer-tool periodic" data-testid="periodic">
      <span className="composer-tool-title">{t('periodic.title')}</span>
      <InlineNumberField
        label={t('periodic.every')}
        hint={t('periodic.intervalHint')}
        testId="periodic-interval"
        value={interval}
        valid={intervalOk}
        disabled={running}
        unit="ms"
        onChange={setIntervalText}
      />
      <InlineNumberField
        label="×"
        hint={t('periodic.countHint')}
        testId="periodic-count"
        value={count}
        valid={countOk}
        disabled={running}
        onChange={setCountText}
      />
      {running ? (
        <button
          type="button"
          className="btn btn-small btn-danger"
          data-testid="periodic-stop"
          onClick={() => void stop()}
        >
          {t('periodic.stop')}
        </button>
      ) : (
        <button
          type="button"
          className="btn btn-small"
          data-testid="periodic-start"
          disabled={closed || busy || !template || !intervalOk || !countOk}
          title={!intervalOk ? t('periodic.intervalHint') : undefined}
          onClick={() => void start()}
        >
          {t('periodic.start')}
        </button>
      )}
      {periodic && (
        <span
          className={`composer-tool-progress mono state-${periodic.state}`}
          data-testid="periodic-progress"
          data-state={periodic.state}
          data-sent={periodic.sent}
        >
          {periodic.target > 0
            ? t('periodic.progress', {
                sent: formatCount(periodic.sent),
                target: formatCount(periodic.target),
              })
            : t('periodic.progressOpen', { sent: formatCount(periodic.sent) })}
          {' · '}
          {t('periodic.rate', {
            rate: periodic.rate.toLocaleString(undefined, { maximumFractionDigits: 1 }),
          })}
          {periodic.state !== 'running' && ` · ${t(`periodic.state.${periodic.state}`)}`}
        </span>
      )}
      {shownError && (
        <span
          className="composer-error"
          role="alert"
          data-testid="periodic-error"
          data-code={shownError.code}
        >
          <strong className="mono">{shownError.code}</strong> {errorText(shownError)}
        </span>
      )}
    </div>
  );
}
