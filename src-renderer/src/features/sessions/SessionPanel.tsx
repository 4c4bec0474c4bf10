import { memo, useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { BridgeError, SessionInfo } from '../../../../src-shared/contract';
import { counted, formatCount, formatEndpoint, formatPythonTuple } from '../../ui/format';
import { useCounters, useInfo, useOffline, useViewState } from '../../store/hooks';
import { useStore } from '../../store/store';
import type { SessionTab } from '../../store/view-state';
import type { EncodingId } from '../../../../src-shared/codec/encodings';
import { EncodingSelect } from '../../ui/EncodingSelect';
import { useSessionActions, type SessionActions } from './use-session-actions';
import { AutoReplyPanel } from '../auto-reply/AutoReplyPanel';
import { CapturePanel } from '../capture/CapturePanel';
import { ChatView } from '../chat/ChatView';
import { ClientTable } from './ClientTable';
import { CodeView } from '../teaching/CodeView';
import { Composer } from '../composer/Composer';
import { LogView } from '../log/LogView';
import { sessionTitle } from './SessionList';
import { StateBadge } from './StateBadge';
import { PeerTable } from './PeerTable';
import { SessionRates } from '../status/RateGraph';
import { SessionNotices } from './SessionNotices';
import { TlsFacts } from './TlsFacts';
import { kindKey } from './kind-label';
import { TimelineView } from '../teaching/TimelineView';
import { UdpOptions } from './UdpOptions';
import { ScenarioView } from '../scenario/ScenarioView';

type Tab = SessionTab;

type Action = {
  command: keyof Pick<
    SessionActions,
    'close' | 'halfClose' | 'reset' | 'stopListening' | 'disconnectAll' | 'remove' | 'reconnect'
  >;
  label: string;
  testId: string;
  tone?: 'danger';
};

function actionsFor(info: SessionInfo): Action[] {
  const closed = info.state === 'closed' || info.state === 'failed';
  const remove: Action = { command: 'remove', label: 'actions.remove', testId: 'action-remove' };
  // Waiting to reconnect: stop it (the session stays, closed), dial now, or remove it (timer cancelled).
  if (info.state === 'reconnecting')
    return [
      {
        command: 'close',
        label: 'actions.stopReconnecting',
        testId: 'action-stop-reconnecting',
      },
      { command: 'reconnect', label: 'actions.connectNow', testId: 'action-connect-again' },
      remove,
    ];
  // Same host, port and options, in this session: its log and lifecycle show every attempt.
  if (closed && info.kind === 'tcp-client')
    return [{ command: 'reconnect', label: 'actions.connectAgain', testId: 'action-connect-again' }, remove];
  if (closed) return [remove];
  switch (info.kind) {
    case 'udp':
      return [{ command: 'close', label: 'actions.close', testId: 'action-close' }];
    case 'tcp-server':
      return [
        ...(info.state === 'listening'
          ? [
              {
                command: 'stopListening',
                label: 'actions.stopListening',
                testId: 'action-stop-listening',
              } as const,
            ]
          : []),
        { command: 'disconnectAll', label: 'actions.disconnectAll', testId: 'action-disconnect-all' },
        { command: 'close', label: 'actions.closeServer', testId: 'action-close' },
      ];
    case 'tcp-client':
    case 'tcp-conn': {
      const canHalfClose = info.state === 'connected' || info.state === 'peer-half-closed';
      return [
        ...(canHalfClose
          ? [{ command: 'halfClose', label: 'actions.halfClose', testId: 'action-half-close' } as const]
          : []),
        { command: 'close', label: 'actions.closeFin', testId: 'action-close' },
        { command: 'reset', label: 'actions.reset', testId: 'action-reset', tone: 'danger' },
      ];
    }
  }
}

/** What LOCAL says before the OS has given the socket an address. */
function noLocalText(info: SessionInfo): string {
  if (info.kind === 'udp') return 'session.notBound';
  // TCP: connect() binds the local port; a connect that failed never had one to show.
  return info.state === 'connecting' ? 'session.localAtConnect' : 'session.noLocal';
}

function Counter({
  label,
  value,
  testId,
  title,
  warn = false,
}: {
  label: string;
  value: number;
  testId: string;
  title?: string;
  warn?: boolean;
}) {
  return (
    <div className={`counter${warn ? ' warn' : ''}`} title={title}>
      <span className="counter-label">{label}</span>
      <span className="counter-value mono" data-testid={testId}>
        {formatCount(value)}
      </span>
    </div>
  );
}

/** The live counters: the one part of the header that changes with every batch, so it re-renders alone. */
const SessionCounters = memo(function SessionCounters({ info }: { info: SessionInfo }) {
  const { t } = useTranslation();
  const counters = useCounters(info.id);
  return (
    <div
      className="counters"
      data-testid="session-counters"
      title={info.kind === 'tcp-server' ? t('counters.serverTotalsTitle') : undefined}
    >
      {info.kind === 'tcp-server' && (
        <span className="counters-scope" data-testid="counters-scope">
          {t('counters.serverTotals')}
        </span>
      )}
      <Counter label={t('counters.bytesIn')} value={counters.bytesIn} testId="counter-bytes-in" />
      <Counter label={t('counters.messagesIn')} value={counters.messagesIn} testId="counter-messages-in" />
      <Counter label={t('counters.bytesOut')} value={counters.bytesOut} testId="counter-bytes-out" />
      <Counter label={t('counters.messagesOut')} value={counters.messagesOut} testId="counter-messages-out" />
      {info.udp?.receiveDrops !== undefined && (
        <Counter
          label={t('counters.osDrops')}
          value={info.udp.receiveDrops}
          testId="counter-os-drops"
          title={t('counters.osDropsTitle')}
          warn={info.udp.receiveDrops > 0}
        />
      )}
    </div>
  );
});

/**
 * One session: its facts, actions, tables and tabs, and the composer. It
 * selects the session's description only (not its log or counters), so data
 * arriving re-renders the parts that show data, not this.
 */
export function SessionPanel({ sessionId }: { sessionId: string }) {
  const info = useInfo(sessionId);
  return info ? <SessionPanelOf info={info} /> : null;
}

function SessionPanelOf({ info }: { info: SessionInfo }) {
  const { t } = useTranslation();
  const actions = useSessionActions(info);
  const tab = useViewState<Tab>(info.id, (v) => v.tab, 'log');
  const patchView = useStore((s) => s.patchView);
  const setTab = (next: Tab): void => patchView(info.id, { tab: next });
  const tabs: Tab[] =
    info.kind === 'udp'
      ? ['log', 'chat', 'timeline', 'code', 'scenario']
      : ['log', 'timeline', 'code', 'scenario'];
  const [actionError, setActionError] = useState<BridgeError | undefined>();
  const parent = useStore((s) => (info.parentId ? s.sessions[info.parentId]?.info : undefined));
  const offline = useOffline();
  const encoding = useViewState(info.id, (v) => v.encoding, 'utf-8');
  const setSessionEncoding = useStore((s) => s.setSessionEncoding);
  const setEncoding = (next: EncodingId): void => setSessionEncoding(info.id, next);

  const run = async (action: Action): Promise<void> => {
    setActionError(undefined);
    const result = await actions[action.command]();
    if (!result.ok) setActionError(result.error);
  };

  return (
    <section
      className="session-panel"
      data-testid="session-view"
      data-session-id={info.id}
      data-kind={info.kind}
      data-tls={info.tls ? 'true' : undefined}
    >
      <header className="session-header">
        <div className="session-heading">
          <span className={`kind-tag kind-${info.kind}`}>{t(kindKey(info))}</span>
          <h1 className="session-title mono" data-testid="session-title" title={sessionTitle(info)}>
            {sessionTitle(info)}
          </h1>
          <StateBadge state={info.state} />
          {parent && (
            <span className="session-parent">
              {t('session.acceptedBy', { server: formatEndpoint(parent.local) })}
            </span>
          )}
        </div>
        <div className="session-actions">
          {actionsFor(info).map((action) => (
            <button
              key={action.command}
              type="button"
              className={`btn${action.tone === 'danger' ? ' btn-danger' : ''}`}
              data-testid={action.testId}
              disabled={offline}
              title={t(`${action.label}Title`)}
              onClick={() => void run(action)}
            >
              {t(action.label)}
            </button>
          ))}
        </div>
      </header>

      <div className="session-facts">
        <div className="fact">
          <span className="fact-label">{t('session.local')}</span>
          <span
            className="fact-value mono"
            data-testid="session-local"
            title={info.local ? formatPythonTuple(info.local) : ''}
          >
            {info.local ? formatEndpoint(info.local) : t(noLocalText(info))}
          </span>
        </div>
        {(info.kind === 'tcp-client' || info.kind === 'tcp-conn') && (
          <div className="fact">
            <span className="fact-label">{t('session.remote')}</span>
            <span
              className="fact-value mono"
              data-testid="session-remote"
              title={info.remote ? formatPythonTuple(info.remote) : ''}
            >
              {formatEndpoint(info.remote)}
            </span>
          </div>
        )}
        {info.kind === 'tcp-server' && (
          <div className="fact">
            <span className="fact-label">{t('session.backlog')}</span>
            <span className="fact-value mono">
              {info.backlog}
              {info.maxClients ? ` · ${t('session.maxClients', counted(info.maxClients))}` : ''}
            </span>
          </div>
        )}
        <label className="fact" title={t('session.encodingTitle')}>
          <span className="fact-label">{t('session.encoding')}</span>
          <EncodingSelect testId="session-encoding" value={encoding} onChange={setEncoding} />
        </label>
        {/* Counters, rates and Reset: one group on the right; it wraps as a group, never as a stray line. */}
        <div className="facts-end">
          <SessionCounters info={info} />
          <SessionRates info={info} />
        </div>
      </div>

      {/* Between the header and the composer: this part gives way when the window is short
          (tables and option sections first, then it scrolls as a whole); the two ends never do. */}
      <div className="session-middle" data-testid="session-middle">
        <SessionNotices info={info} {...(actionError ? { actionError } : {})} />
        <TlsFacts info={info} />

        {info.kind === 'tcp-server' && <ClientTable serverId={info.id} />}

        {/* One line of toggles; an opened section spans the width below them. */}
        <div className="feature-strip">
          {info.kind !== 'tcp-conn' && <AutoReplyPanel info={info} />}
          <CapturePanel info={info} />
          {info.kind === 'udp' && <UdpOptions info={info} />}
        </div>
        {info.kind === 'udp' && <PeerTable info={info} onChat={() => setTab('chat')} />}

        <div className="tabs" role="tablist">
          {tabs.map((name) => (
            <button
              key={name}
              type="button"
              role="tab"
              aria-selected={tab === name}
              className={`tab${tab === name ? ' active' : ''}`}
              data-testid={`tab-${name}`}
              onClick={() => setTab(name)}
            >
              {t(`tabs.${name}`)}
            </button>
          ))}
        </div>
        <div className="tab-body">
          {tab === 'log' && <LogView info={info} />}
          {tab === 'chat' && <ChatView info={info} />}
          {tab === 'timeline' && <TimelineView info={info} />}
          {tab === 'code' && <CodeView info={info} />}
          {tab === 'scenario' && <ScenarioView info={info} />}
        </div>
      </div>
      {tab !== 'chat' && <Composer info={info} />}
    </section>
  );
}
