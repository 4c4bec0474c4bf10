import { useEffect, useRef, useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { SessionInfo } from '../../../../src-shared/contract';
import { formatEndpoint } from '../../ui/format';
import { isClosedState } from './session-state';
import { useOffline } from '../../store/hooks';
import type { SessionRecord } from '../../store/sessions-slice';
import { useStore } from '../../store/store';
import { useRemoveClosed } from './use-session-actions';
import { StateBadge } from './StateBadge';
import { kindKey } from './kind-label';

// A client waiting to reconnect counts too: removing it cancels the reconnect.
const isClosed = (v: SessionRecord): boolean => isClosedState(v.info.state);

/** Forget every closed session at once: main removes a closed server with its clients. */
function RemoveClosed({ views }: { views: SessionRecord[] }) {
  const { t } = useTranslation();
  const removeClosed = useRemoveClosed();
  const [busy, setBusy] = useState(false);
  const offline = useOffline();
  const count = views.filter(isClosed).length;
  if (count === 0) return null;
  const run = async (): Promise<void> => {
    setBusy(true);
    await removeClosed();
    setBusy(false);
  };
  return (
    <button
      type="button"
      className="btn btn-small sidebar-action"
      data-testid="sidebar-remove-closed"
      title={t('sidebar.removeClosedTitle')}
      disabled={busy || offline}
      onClick={() => void run()}
    >
      {t('sidebar.removeClosed', { n: count })}
    </button>
  );
}

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

function Item({ view, depth }: { view: SessionRecord; depth: number }) {
  const { t } = useTranslation();
  const selected = useStore((s) => s.selectedId === view.info.id);
  const select = useStore((s) => s.select);
  const networkOpen = useStore((s) => s.networkOpen);
  const setNetworkOpen = useStore((s) => s.setNetworkOpen);
  const { info } = view;
  const offline = useOffline();
  const ref = useRef<HTMLButtonElement>(null);
  // A session opened (or selected elsewhere) below the fold is brought into view.
  useEffect(() => {
    if (selected) ref.current?.scrollIntoView({ block: 'nearest' });
  }, [selected]);
  return (
    <li>
      <button
        ref={ref}
        type="button"
        className={`session-item depth-${depth}${selected && !networkOpen ? ' selected' : ''}`}
        data-testid="session-item"
        data-session-id={info.id}
        data-kind={info.kind}
        data-tls={info.tls ? 'true' : undefined}
        data-state={offline ? 'unknown' : info.state}
        onClick={() => {
          // Also when it is already the selected one: a click in the list shows that session.
          select(info.id);
          setNetworkOpen(false);
        }}
      >
        <span className={`kind-dot kind-${info.kind}`} aria-hidden />
        <span className="session-item-text">
          <span className="session-item-kind">{t(kindKey(info))}</span>
          <span className="session-item-title mono" title={sessionTitle(info)}>
            {sessionTitle(info)}
          </span>
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
  const sessions = useStore((s) => s.sessions);
  const order = useStore((s) => s.order);
  const views = order.map((id) => sessions[id]).filter((v): v is SessionRecord => v !== undefined);
  const roots = views.filter((v) => !v.info.parentId);
  return (
    <nav className="sidebar" aria-label={t('sidebar.title')}>
      <div className="sidebar-header">
        <span>{t('sidebar.title')}</span>
        <RemoveClosed views={views} />
      </div>
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
