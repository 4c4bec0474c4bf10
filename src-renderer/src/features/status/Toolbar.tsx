import { useTranslation } from 'react-i18next';
import { useOffline } from '../../store/hooks';
import { useStore } from '../../store/store';
import { useLinkActions } from './use-link-actions';

export function Toolbar() {
  const { t, i18n } = useTranslation();
  const openDialog = useStore((s) => s.openDialog);
  const networkOpen = useStore((s) => s.networkOpen);
  const setNetworkOpen = useStore((s) => s.setNetworkOpen);
  const zh = i18n.language.startsWith('zh');
  const { chooseLanguage } = useLinkActions();
  // Nothing can open while main is out of reach.
  const offline = useOffline();
  return (
    <header className="toolbar">
      <div className="brand">
        <span className="brand-mark" aria-hidden>
          ⇄
        </span>
        <span className="brand-name">{t('app.name')}</span>
      </div>
      <div className="toolbar-actions">
        <button
          type="button"
          className="btn btn-new"
          data-testid="new-udp"
          disabled={offline}
          onClick={() => openDialog('udp')}
        >
          <span className="kind-dot kind-udp" aria-hidden /> {t('toolbar.newUdp')}
        </button>
        <button
          type="button"
          className="btn btn-new"
          data-testid="new-tcp-client"
          disabled={offline}
          onClick={() => openDialog('tcp-client')}
        >
          <span className="kind-dot kind-tcp-client" aria-hidden /> {t('toolbar.newTcpClient')}
        </button>
        <button
          type="button"
          className="btn btn-new"
          data-testid="new-tcp-server"
          disabled={offline}
          onClick={() => openDialog('tcp-server')}
        >
          <span className="kind-dot kind-tcp-server" aria-hidden /> {t('toolbar.newTcpServer')}
        </button>
      </div>
      <div className="toolbar-right">
        <button
          type="button"
          className={`btn btn-ghost${networkOpen ? ' nav-active' : ''}`}
          data-testid="nav-network"
          aria-pressed={networkOpen}
          title={t('network.navTitle')}
          onClick={() => setNetworkOpen(!networkOpen)}
        >
          {t('network.nav')}
        </button>
        <button
          type="button"
          className="btn btn-ghost"
          data-testid="language-toggle"
          title={t('toolbar.languageTitle')}
          onClick={() => chooseLanguage(zh ? 'en' : 'zh-CN')}
        >
          {zh ? 'English' : '中文'}
        </button>
      </div>
    </header>
  );
}
