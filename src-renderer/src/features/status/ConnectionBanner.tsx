import { useTranslation } from 'react-i18next';
import { useStore } from '../../store/store';
import { useLinkActions } from './use-link-actions';

/**
 * Over the whole page while main is out of reach (the web shell stopped or
 * restarting): says so, says that it keeps trying, and offers to try now.
 */
export function ConnectionBanner() {
  const { t } = useTranslation();
  const { reconnect } = useLinkActions();
  const connection = useStore((s) => s.connection);
  if (connection !== 'closed' && connection !== 'lost') return null;
  return (
    <div className="link-banner" role="alert" data-testid="disconnected-banner" data-state={connection}>
      <span className="link-banner-text">
        <strong>{t('link.title')}</strong>
        <span>{t(connection === 'lost' ? 'link.lost' : 'link.retrying')}</span>
        <span className="link-banner-hint">{t('link.hint')}</span>
      </span>
      <button type="button" className="btn" data-testid="reconnect-now" onClick={reconnect}>
        {t('link.retryNow')}
      </button>
    </div>
  );
}
