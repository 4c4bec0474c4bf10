import { useTranslation } from 'react-i18next';
import { useBridge } from '../lib/bridge-context';
import { formatCount } from '../lib/format';
import { useSessions } from '../store/sessions';
import { useUi } from '../store/ui';

export function StatusBar() {
  const { t } = useTranslation();
  const { shell } = useBridge();
  const connection = useUi((s) => s.connection);
  const sessions = useSessions((s) => s.sessions);
  const all = Object.values(sessions);
  const open = all.filter((v) => v.info.state !== 'closed' && v.info.state !== 'failed').length;
  let bytesIn = 0;
  let bytesOut = 0;
  for (const v of all) {
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
      <span>{t('status.sessions', { open, total: all.length })}</span>
      <span className="mono">
        {t('status.totals', { bytesIn: formatCount(bytesIn), bytesOut: formatCount(bytesOut) })}
      </span>
    </footer>
  );
}
