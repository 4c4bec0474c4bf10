import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { BridgeError, CommandName, SessionInfo } from '../../../src-shared/contract';
import { useBridge } from '../lib/bridge-context';
import { counted, formatCount, formatEndpoint, formatPythonTuple } from '../lib/format';
import { useErrorText } from '../lib/use-error-text';
import { useSessions, type SessionView } from '../store/sessions';
import { AutoReplyPanel } from './AutoReplyPanel';
import { CapturePanel } from './CapturePanel';
import { ChatView } from './ChatView';
import { ClientTable } from './ClientTable';
import { CodeView } from './CodeView';
import { ErrorExplain } from './ErrorExplain';
import { Composer } from './Composer';
import { LogView } from './LogView';
import { sessionTitle } from './SessionList';
import { StateBadge } from './StateBadge';
import { PeerTable } from './PeerTable';
import { SessionRates } from './RateGraph';
import { TimelineView } from './TimelineView';
import { UdpOptions } from './UdpOptions';

type Tab = 'log' | 'chat' | 'timeline' | 'code';

type Action = {
  command: Extract<
    CommandName,
    | 'session.close'
    | 'tcp.halfClose'
    | 'tcp.reset'
    | 'tcp.stopListening'
    | 'tcp.disconnectAll'
    | 'session.remove'
  >;
  label: string;
  testId: string;
  tone?: 'danger';
};

function actionsFor(info: SessionInfo): Action[] {
  const closed = info.state === 'closed' || info.state === 'failed';
  if (closed) return [{ command: 'session.remove', label: 'actions.remove', testId: 'action-remove' }];
  switch (info.kind) {
    case 'udp':
      return [{ command: 'session.close', label: 'actions.close', testId: 'action-close' }];
    case 'tcp-server':
      return [
        ...(info.state === 'listening'
          ? [
              {
                command: 'tcp.stopListening',
                label: 'actions.stopListening',
                testId: 'action-stop-listening',
              } as const,
            ]
          : []),
        { command: 'tcp.disconnectAll', label: 'actions.disconnectAll', testId: 'action-disconnect-all' },
        { command: 'session.close', label: 'actions.closeServer', testId: 'action-close' },
      ];
    case 'tcp-client':
    case 'tcp-conn': {
      const canHalfClose = info.state === 'connected' || info.state === 'peer-half-closed';
      return [
        ...(canHalfClose
          ? [{ command: 'tcp.halfClose', label: 'actions.halfClose', testId: 'action-half-close' } as const]
          : []),
        { command: 'session.close', label: 'actions.closeFin', testId: 'action-close' },
        { command: 'tcp.reset', label: 'actions.reset', testId: 'action-reset', tone: 'danger' },
      ];
    }
  }
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

export function SessionPanel({ view }: { view: SessionView }) {
  const { t } = useTranslation();
  const { api } = useBridge();
  const errorText = useErrorText();
  const [tab, setTab] = useState<Tab>('log');
  const tabs: Tab[] =
    view.info.kind === 'udp' ? ['log', 'chat', 'timeline', 'code'] : ['log', 'timeline', 'code'];
  const [actionError, setActionError] = useState<BridgeError | undefined>();
  const parent = useSessions((s) => (view.info.parentId ? s.sessions[view.info.parentId] : undefined));
  const { info } = view;

  const run = async (action: Action): Promise<void> => {
    setActionError(undefined);
    const result = await api[action.command]({ sessionId: info.id });
    if (!result.ok) setActionError(result.error);
  };

  const closeText = info.closeReason ? t(`closeReason.${info.closeReason}`) : undefined;

  return (
    <section
      className="session-panel"
      data-testid="session-view"
      data-session-id={info.id}
      data-kind={info.kind}
    >
      <header className="session-header">
        <div className="session-heading">
          <span className={`kind-tag kind-${info.kind}`}>{t(`kind.${info.kind}`)}</span>
          <h1 className="session-title mono" data-testid="session-title">
            {sessionTitle(info)}
          </h1>
          <StateBadge state={info.state} />
          {parent && (
            <span className="session-parent">
              {t('session.acceptedBy', { server: formatEndpoint(parent.info.local) })}
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
            {info.local ? formatEndpoint(info.local) : t('session.notBound')}
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
        <div className="counters">
          <Counter label={t('counters.bytesIn')} value={info.counters.bytesIn} testId="counter-bytes-in" />
          <Counter
            label={t('counters.messagesIn')}
            value={info.counters.messagesIn}
            testId="counter-messages-in"
          />
          <Counter label={t('counters.bytesOut')} value={info.counters.bytesOut} testId="counter-bytes-out" />
          <Counter
            label={t('counters.messagesOut')}
            value={info.counters.messagesOut}
            testId="counter-messages-out"
          />
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
        <SessionRates sessionId={info.id} />
      </div>

      {(info.error || closeText || actionError) && (
        <div className="session-notices">
          {closeText && (
            <div
              className="notice notice-info"
              data-testid="session-close-reason"
              data-reason={info.closeReason}
            >
              {closeText}
            </div>
          )}
          {info.error && (
            <div
              className="notice notice-error"
              role="alert"
              data-testid="session-error"
              data-code={info.error.code}
            >
              <strong className="mono">{info.error.code}</strong> {errorText(info.error)}
              <ErrorExplain code={info.error.code} />
            </div>
          )}
          {actionError && (
            <div
              className="notice notice-error"
              role="alert"
              data-testid="action-error"
              data-code={actionError.code}
            >
              <strong className="mono">{actionError.code}</strong> {errorText(actionError)}
              <ErrorExplain code={actionError.code} />
            </div>
          )}
        </div>
      )}

      {info.kind === 'tcp-server' && <ClientTable serverId={info.id} />}

      {/* One line of toggles; an opened section spans the width below them. */}
      <div className="feature-strip">
        {info.kind !== 'tcp-conn' && <AutoReplyPanel info={info} />}
        <CapturePanel info={info} />
        {info.kind === 'udp' && <UdpOptions info={info} />}
      </div>
      {info.kind === 'udp' && <PeerTable view={view} onChat={() => setTab('chat')} />}

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
        {tab === 'log' && <LogView view={view} />}
        {tab === 'chat' && <ChatView view={view} />}
        {tab === 'timeline' && <TimelineView view={view} />}
        {tab === 'code' && <CodeView view={view} />}
      </div>
      {tab !== 'chat' && <Composer info={info} />}
    </section>
  );
}
