import { useTranslation } from 'react-i18next';
import { formatCount, formatEndpoint } from '../../ui/format';
import { useCounters } from '../../store/hooks';
import { childrenOf } from '../../store/sessions-slice';
import { useStore } from '../../store/store';
import { StateBadge } from './StateBadge';

/** A client's bytes in and out: they change with every batch, the row around them does not. */
function ClientCounters({ sessionId }: { sessionId: string }) {
  const counters = useCounters(sessionId);
  return (
    <>
      <td className="num mono">{formatCount(counters.bytesIn)}</td>
      <td className="num mono">{formatCount(counters.bytesOut)}</td>
    </>
  );
}

/** A server's accepted connections: the course's "one new socket per client". */
export function ClientTable({ serverId }: { serverId: string }) {
  const { t } = useTranslation();
  const sessions = useStore((s) => s.sessions);
  const order = useStore((s) => s.order);
  const select = useStore((s) => s.select);
  // Live clients first (each group in accept order): the ones you can still talk to are on top.
  const all = childrenOf({ sessions, order }, serverId);
  const live = (s: string): boolean => s !== 'closed' && s !== 'failed';
  const clients = [...all.filter((v) => live(v.info.state)), ...all.filter((v) => !live(v.info.state))];
  return (
    <div className="client-table-wrap">
      <table className="grid client-table" data-testid="client-table">
        <thead>
          <tr>
            <th>{t('clients.peer')}</th>
            <th>{t('clients.state')}</th>
            <th className="num">{t('counters.bytesIn')}</th>
            <th className="num">{t('counters.bytesOut')}</th>
          </tr>
        </thead>
        <tbody>
          {clients.length === 0 ? (
            <tr>
              <td colSpan={4} className="empty">
                {t('clients.none')}
              </td>
            </tr>
          ) : (
            clients.map(({ info }) => (
              <tr
                key={info.id}
                className="clickable"
                data-testid="client-row"
                data-session-id={info.id}
                data-state={info.state}
                onClick={() => select(info.id)}
              >
                <td className="mono">{formatEndpoint(info.remote)}</td>
                <td>
                  <StateBadge state={info.state} compact />
                  <span className="state-text">{t(`state.${info.state}`)}</span>
                </td>
                <ClientCounters sessionId={info.id} />
              </tr>
            ))
          )}
        </tbody>
      </table>
    </div>
  );
}
