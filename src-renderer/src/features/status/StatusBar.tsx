import { useTranslation } from 'react-i18next';
import { counted, formatCount } from '../../ui/format';
import { useRateHistory, useRateSampler } from '../../store/hooks';
import { formatRate, TOTAL_KEY } from '../../store/rates-slice';
import { countsInTotals } from '../../store/sessions-slice';
import { useStore, type Store } from '../../store/store';
import { Sparkline } from './RateGraph';
import { isClosedState } from '../sessions/session-state';
import { useLinkActions } from './use-link-actions';

/** Sessions open and in all, as one string so the bar re-renders only when one of them changes. */
const sessionCounts = (s: Store): string => {
  const all = Object.values(s.sessions);
  return `${all.filter((r) => !isClosedState(r.info.state)).length}/${all.length}`;
};

/** Bytes in and out over every session (an accepted client's bytes are in its server's already). */
const totalBytes = (s: Store): string => {
  let bytesIn = 0;
  let bytesOut = 0;
  for (const [id, record] of Object.entries(s.sessions)) {
    if (!countsInTotals(record.info)) continue;
    bytesIn += s.counters[id]?.bytesIn ?? 0;
    bytesOut += s.counters[id]?.bytesOut ?? 0;
  }
  return `${bytesIn}/${bytesOut}`;
};

/** The totals alone: they change with every batch, the rest of the bar does not. */
function Totals() {
  const { t } = useTranslation();
  const [bytesIn, bytesOut] = useStore(totalBytes).split('/').map(Number);
  return (
    <span className="mono">
      {t('status.totals', { bytesIn: formatCount(bytesIn ?? 0), bytesOut: formatCount(bytesOut ?? 0) })}
    </span>
  );
}

export function StatusBar() {
  const { t } = useTranslation();
  const { shell } = useLinkActions();
  const connection = useStore((s) => s.connection);
  // Rates are sampled here: the status bar is always mounted.
  useRateSampler();
  const totalRates = useRateHistory(TOTAL_KEY);
  const lastTotal = totalRates.at(-1);
  const [open = 0, total = 0] = useStore(sessionCounts).split('/').map(Number);
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
      <span>{t('status.sessions', counted(total, { open, total }))}</span>
      <Totals />
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
