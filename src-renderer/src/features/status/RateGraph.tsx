import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { BridgeError, SessionInfo } from '../../../../src-shared/contract';
import { useErrorText } from '../../ui/use-error-text';
import { useRateHistory } from '../../store/hooks';
import { formatRate, RATE_HISTORY, type RateSample } from '../../store/rates-slice';
import { useSessionActions } from '../sessions/use-session-actions';

const WIDTH = 120;
const HEIGHT = 28;

function points(values: number[], max: number): string {
  const step = WIDTH / (RATE_HISTORY - 1);
  const offset = RATE_HISTORY - values.length;
  return values
    .map(
      (v, i) => `${((offset + i) * step).toFixed(1)},${(HEIGHT - 1 - (v / max) * (HEIGHT - 2)).toFixed(1)}`,
    )
    .join(' ');
}

/** A minute of bytes/s as a tiny SVG line per direction: no chart library for two polylines. */
export function Sparkline({ history, testId }: { history: RateSample[]; testId: string }) {
  const { t } = useTranslation();
  const inValues = history.map((s) => s.bytesIn);
  const outValues = history.map((s) => s.bytesOut);
  // The peaks of the last minute stay readable after a burst is over.
  const peakIn = Math.max(0, ...inValues);
  const peakOut = Math.max(0, ...outValues);
  const max = Math.max(1, peakIn, peakOut);
  return (
    <svg
      className="sparkline"
      width={WIDTH}
      height={HEIGHT}
      viewBox={`0 0 ${WIDTH} ${HEIGHT}`}
      role="img"
      aria-label={t('rates.graph')}
      data-testid={testId}
      data-samples={history.length}
      data-peak-in={Math.round(peakIn)}
      data-peak-out={Math.round(peakOut)}
    >
      <title>{t('rates.peak', { in: formatRate(peakIn, 'B'), out: formatRate(peakOut, 'B') })}</title>
      <polyline className="spark-in" points={points(inValues, max)} fill="none" />
      <polyline className="spark-out" points={points(outValues, max)} fill="none" />
    </svg>
  );
}

/** Rates of one session (last second), its graph and the reset button. */
export function SessionRates({ info }: { info: SessionInfo }) {
  const { t } = useTranslation();
  const sessionId = info.id;
  const { resetCounters } = useSessionActions(info);
  const errorText = useErrorText();
  const history = useRateHistory(sessionId);
  const last = history.at(-1);
  const [error, setError] = useState<BridgeError | undefined>();
  const reset = async (): Promise<void> => {
    setError(undefined);
    const result = await resetCounters();
    if (!result.ok) setError(result.error);
  };
  return (
    <div className="session-rates" data-testid="session-rates">
      <Sparkline history={history} testId="rate-graph" />
      <span className="mono rate-text" data-testid="rate-in" title={t('rates.inTitle')}>
        ↓ {formatRate(last?.bytesIn ?? 0, 'B')} · {formatRate(last?.messagesIn ?? 0, 'msg')}
      </span>
      <span className="mono rate-text" data-testid="rate-out" title={t('rates.outTitle')}>
        ↑ {formatRate(last?.bytesOut ?? 0, 'B')} · {formatRate(last?.messagesOut ?? 0, 'msg')}
      </span>
      <button
        type="button"
        className="btn btn-small"
        data-testid="counters-reset"
        title={t('rates.resetTitle')}
        onClick={() => void reset()}
      >
        {t('rates.reset')}
      </button>
      {error && (
        <span className="notice-error" role="alert" data-testid="counters-reset-error" data-code={error.code}>
          {errorText(error)}
        </span>
      )}
    </div>
  );
}
