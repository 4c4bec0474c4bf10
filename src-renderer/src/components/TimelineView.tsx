import { useTranslation } from 'react-i18next';
import { formatTime } from '../lib/format';
import { useErrorText } from '../lib/use-error-text';
import type { SessionView } from '../store/sessions';

/** Each system-call-level step of the session, in order: what a learner would trace. */
export function TimelineView({ view }: { view: SessionView }) {
  const { t } = useTranslation();
  const errorText = useErrorText();
  return (
    <ol className="timeline" data-testid="timeline">
      {view.timeline.map((entry, i) => (
        <li
          key={i}
          className={`timeline-step step-${entry.step}`}
          data-testid="timeline-step"
          data-step={entry.step}
        >
          <span className="mono timeline-time">{formatTime(entry.t)}</span>
          <span className="timeline-name">
            {t(
              `timeline.${entry.step === 'bind' && entry.detail?.implicit === 1 ? 'bind-implicit' : entry.step}`,
              { ...entry.detail, interpolation: { escapeValue: false } },
            )}
          </span>
          {entry.error && (
            <span className="timeline-error">
              <strong className="mono">{entry.error.code}</strong> {errorText(entry.error)}
            </span>
          )}
        </li>
      ))}
    </ol>
  );
}
