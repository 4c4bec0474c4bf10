import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { BridgeError, SessionInfo } from '../../../../src-shared/contract';
import { closeReasonLabel } from './close-reason';
import { formatEndpoint } from '../../ui/format';
import { isSelfConnected } from './self-connect';
import { useErrorText } from '../../ui/use-error-text';
import { useRecord } from '../../store/hooks';
import type { TimelineEntry } from '../../store/sessions-slice';

const NO_STEPS: TimelineEntry[] = [];
import { ErrorExplain } from '../../ui/ErrorExplain';

/** When the session's current error was reported: its latest error step in the lifecycle. */
function errorStepTime(timeline: TimelineEntry[]): number | undefined {
  for (let i = timeline.length - 1; i >= 0; i -= 1) {
    const step = timeline[i];
    // A failed call's step (detail.call) is not the session's error: it is told in the lifecycle only.
    if (step?.error && step.detail?.call === undefined) return step.t;
  }
  return undefined;
}

function ErrorNotice({
  error,
  testId,
  onDismiss,
}: {
  error: BridgeError;
  testId: string;
  onDismiss?: () => void;
}) {
  const { t } = useTranslation();
  const errorText = useErrorText();
  return (
    <div className="notice notice-error" role="alert" data-testid={testId} data-code={error.code}>
      {onDismiss && (
        <button
          type="button"
          className="notice-dismiss"
          data-testid={`${testId}-dismiss`}
          title={t('session.dismissTitle')}
          aria-label={t('session.dismissTitle')}
          onClick={onDismiss}
        >
          ×
        </button>
      )}
      <strong className="mono">{error.code}</strong> {errorText(error)}
      <ErrorExplain code={error.code} />
    </div>
  );
}

/** A TCP client whose connect() reached its own socket: Linux's "simultaneous open" onto itself. */
function SelfConnectNotice({ info }: { info: SessionInfo }) {
  const { t } = useTranslation();
  return (
    <div className="notice notice-warn" role="status" data-testid="session-self-connect">
      <strong>{t('session.selfConnect.title', { endpoint: formatEndpoint(info.local) })}</strong>
      {t('sentenceGap')}
      {t('session.selfConnect.why')}
    </div>
  );
}

/**
 * The notices under a session's header: how it closed, its error (which the
 * user may dismiss; it stays in the lifecycle), an action's error, and a
 * self-connected TCP client.
 */
export function SessionNotices({ info, actionError }: { info: SessionInfo; actionError?: BridgeError }) {
  const { t } = useTranslation();
  const timeline = useRecord(info.id)?.timeline ?? NO_STEPS;
  const [dismissedAt, setDismissedAt] = useState<number | undefined>();
  const errorAt = errorStepTime(timeline);
  // A dismissed error stays dismissed until a newer one is reported.
  const error = info.error && (dismissedAt === undefined || errorAt !== dismissedAt) ? info.error : undefined;
  // Waiting to reconnect is not an end: it says what comes next rather than how it closed.
  const pending = info.state === 'reconnecting' ? info.reconnect : undefined;
  const closeLabel = pending ? undefined : closeReasonLabel(info, timeline);
  const closeText = closeLabel ? t(closeLabel.key, closeLabel.values) : undefined;
  const selfConnected = isSelfConnected(info);
  if (!error && !closeText && !actionError && !selfConnected && !pending) return null;
  return (
    <div className="session-notices">
      {selfConnected && <SelfConnectNotice info={info} />}
      {pending && (
        <div className="notice notice-info" data-testid="session-reconnecting" data-attempt={pending.attempt}>
          {t('session.reconnecting', { attempt: pending.attempt, ms: pending.delayMs })}
        </div>
      )}
      {closeText && (
        <div className="notice notice-info" data-testid="session-close-reason" data-reason={info.closeReason}>
          {closeText}
        </div>
      )}
      {error && (
        <ErrorNotice error={error} testId="session-error" onDismiss={() => setDismissedAt(errorAt)} />
      )}
      {actionError && <ErrorNotice error={actionError} testId="action-error" />}
    </div>
  );
}
