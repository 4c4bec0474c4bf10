import { useTranslation } from 'react-i18next';
import type { SessionInfo } from '../../../src-shared/contract';
import { formatEndpoint } from '../lib/format';
import { useSessions, type SessionView } from '../store/sessions';
import { useTeaching } from '../store/teaching';
import { StateBadge } from './StateBadge';

/** What a session is called in lists: where it listens or whom it talks to. */
export function sessionTitle(info: SessionInfo): string {
  switch (info.kind) {
    case 'udp':
      return info.local ? formatEndpoint(info.local) : '*:*';
    case 'tcp-server':
      return formatEndpoint(info.local);
    case 'tcp-client':
    case 'tcp-conn':
      return formatEndpoint(info.remote);
  }
}

function Item({ view, depth }: { view: SessionView; depth: number }) {
  const { t } = useTranslation();
  const selected = useSessions((s) => s.selectedId === view.info.id);
  const select = useSessions((s) => s.select);
  const networkOpen = useTeaching((s) => s.networkOpen);
  const setNetworkOpen = useTeaching((s) => s.setNetworkOpen);
  const { info } = view;
  return (
    <li>
      <button
        type="button"
        className={`session-item depth-${depth}${selected && !networkOpen ? ' selected' : ''}`}
        data-testid="session-item"
        data-session-id={info.id}
        data-kind={info.kind}
        data-state={info.state}
        onClick={() => {
          // Also when it is already the selected one: a click in the list shows that session.
          select(info.id);
          setNetworkOpen(false);
        }}
      >
        <span className={`kind-dot kind-${info.kind}`} aria-hidden />
        <span className="session-item-text">
          <span className="session-item-kind">{t(`kind.${info.kind}`)}</span>
          <span className="session-item-title mono">{sessionTitle(info)}</span>
        </span>
        {info.kind === 'tcp-server' && info.clientCount !== undefined && (
          <span className="pill pill-count" title={t('session.clients')}>
            {info.clientCount}
          </span>
        )}
        <StateBadge state={info.state} compact />
      </button>
    </li>
  );
}

export function SessionList() {
  const { t } = useTranslation();
  const sessions = useSessions((s) => s.sessions);
  const order = useSessions((s) => s.order);
  const views = order.map((id) => sessions[id]).filter((v): v is SessionView => v !== undefined);
  const roots = views.filter((v) => !v.info.parentId);
  return (
    <nav className="sidebar" aria-label={t('sidebar.title')}>
      <div className="sidebar-header">{t('sidebar.title')}</div>
      {roots.length === 0 ? (
        <p className="sidebar-empty">{t('sidebar.empty')}</p>
      ) : (
        <ul className="session-list" data-testid="session-list">
          {roots.map((root) => (
            <li key={root.info.id} className="session-group">
              <ul>
                <Item view={root} depth={0} />
                {views
                  .filter((v) => v.info.parentId === root.info.id)
                  .map((child) => (
                    <Item key={child.info.id} view={child} depth={1} />
                  ))}
              </ul>
            </li>
          ))}
        </ul>
      )}
    </nav>
  );
}
