import { useTranslation } from 'react-i18next';
import { useBridge } from '../../bridge/bridge-context';
import { counted, formatCount } from '../../ui/format';
import { countsInTotals, useSessions } from '../../store/sessions';
import { formatRate, TOTAL_KEY, useRateHistory, useRateSampler } from '../../store/rates';
import { Sparkline } from './RateGraph';
import { useUi } from '../../store/ui';
import { isClosedState } from '../sessions/session-state';

export function StatusBar() {
  const { t } = useTranslation();
  const { shell } = useBridge();
  const connection = useUi((s) => s.connection);
  // Rates are sampled here: the status bar is always mounted.
  useRateSampler();
  const totalRates = useRateHistory(TOTAL_KEY);
  const lastTotal = totalRates.at(-1);
  const sessions = useSessions((s) => s.sessions);
  const all = Object.values(sessions);
  const open = all.filter((v) => !isClosedState(v.info.state)).length;
  let bytesIn = 0;
  let bytesOut = 0;
  for (const v of all) {
    if (!countsInTotals(v.info)) continue;
    bytesIn += v.info.counters.bytesIn;
    bytesOut += v.info.counters.bytesOut;
  }
  return (
    <footer className="statusbar" data-testid="status-bar">
      <span
        className={`status-link status-${connection}`}
        data-testid="status-connection"
        data-state={connection}
      >
        <span className="state-dot" aria-hidden />
        {t(`status.${shell}`)} · {t(`status.link.${connection}`)}
      </span>
      <span>{t('status.sessions', counted(all.length, { open, total: all.length }))}</span>
      <span className="mono">
        {t('status.totals', { bytesIn: formatCount(bytesIn), bytesOut: formatCount(bytesOut) })}
      </span>
      <span className="mono status-rates" data-testid="status-rates">
        <Sparkline history={totalRates} testId="status-rate-graph" />
        {t('rates.total', {
          inRate: `${formatRate(lastTotal?.bytesIn ?? 0, 'B')} · ${formatRate(lastTotal?.messagesIn ?? 0, 'msg')}`,
          outRate: `${formatRate(lastTotal?.bytesOut ?? 0, 'B')} · ${formatRate(lastTotal?.messagesOut ?? 0, 'msg')}`,
        })}
      </span>
    </footer>
  );
}
