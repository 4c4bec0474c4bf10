import { useTranslation } from 'react-i18next';
import { formatCount, formatEndpoint, formatPythonTuple, formatTime } from '../../ui/format';
import { useUdpPeers } from './use-udp-peers';
import type { SessionView } from '../../store/sessions';
import { useUi } from '../../store/ui';

/**
 * Every sender this UDP endpoint has heard from (and everyone it sent to),
 * with exact counters. Clicking a peer filters the log to it (the course's
 * "anti-interference" exercise) and makes it the chat partner and destination.
 */
export function PeerTable({ view, onChat }: { view: SessionView; onChat: () => void }) {
  const { t } = useTranslation();
  const { messagesIn, messagesOut } = view.info.counters;
  // New data changes the log's rev; a counter reset changes the counters without any.
  const peers = useUdpPeers(view.info.id, `${view.rev}/${messagesIn}/${messagesOut}`);
  const filter = useUi((s) => s.logFilter[view.info.id]);
  const setLogFilter = useUi((s) => s.setLogFilter);
  const setDestination = useUi((s) => s.setDestination);
  if (peers.length === 0) return null;
  return (
    <div className="client-table-wrap">
      <table className="grid" data-testid="peer-table">
        <thead>
          <tr>
            <th>{t('peers.peer')}</th>
            <th className="num">{t('counters.messagesIn')}</th>
            <th className="num">{t('counters.bytesIn')}</th>
            <th className="num">{t('counters.messagesOut')}</th>
            <th className="num">{t('counters.bytesOut')}</th>
            <th>{t('peers.lastSeen')}</th>
            <th />
          </tr>
        </thead>
        <tbody>
          {peers.map(({ peer, counters, lastSeen }) => {
            const key = formatEndpoint(peer);
            const active = filter?.peer === key;
            return (
              <tr key={key} className={active ? 'active' : undefined} data-testid="peer-row" data-peer={key}>
                <td className="mono" title={formatPythonTuple(peer)}>
                  {key}
                </td>
                <td className="num mono">{formatCount(counters.messagesIn)}</td>
                <td className="num mono">{formatCount(counters.bytesIn)}</td>
                <td className="num mono">{formatCount(counters.messagesOut)}</td>
                <td className="num mono">{formatCount(counters.bytesOut)}</td>
                <td className="mono">{formatTime(lastSeen)}</td>
                <td className="row-actions">
                  <button
                    type="button"
                    className={`btn btn-small${active ? ' btn-on' : ''}`}
                    data-testid="peer-filter"
                    aria-pressed={active}
                    onClick={() => setLogFilter(view.info.id, { ...filter, peer: active ? undefined : key })}
                  >
                    {active ? t('peers.showAll') : t('peers.onlyThis')}
                  </button>
                  <button
                    type="button"
                    className="btn btn-small"
                    data-testid="peer-chat"
                    onClick={() => {
                      setDestination(view.info.id, peer.address, String(peer.port));
                      onChat();
                    }}
                  >
                    {t('peers.chat')}
                  </button>
                </td>
              </tr>
            );
          })}
        </tbody>
      </table>
    </div>
  );
}
