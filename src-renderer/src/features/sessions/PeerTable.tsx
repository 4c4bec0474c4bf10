import { useTranslation } from 'react-i18next';
import { formatCount, formatEndpoint, formatPythonTuple, formatTime } from '../../ui/format';
import { useUdpPeers } from './use-udp-peers';
import type { SessionInfo } from '../../../../src-shared/contract';
import { useStore } from '../../store/store';
import { useViewState } from '../../store/hooks';
import type { LogFilter } from '../../store/view-state';

/**
 * Every sender this UDP endpoint has heard from (and everyone it sent to),
 * with exact counters. Clicking a peer filters the log to it (the course's
 * "anti-interference" exercise) and makes it the chat partner and destination.
 */
export function PeerTable({ info, onChat }: { info: SessionInfo; onChat: () => void }) {
  const { t } = useTranslation();
  const peers = useUdpPeers(info.id);
  const filter = useViewState(info.id, (v) => v.logFilter, undefined);
  const patchView = useStore((s) => s.patchView);
  const patchDrafts = useStore((s) => s.patchDrafts);
  const setLogFilter = (id: string, logFilter: LogFilter): void => patchView(id, { logFilter });
  const setDestination = (id: string, host: string, port: string): void =>
    patchDrafts(id, { destination: { host, port } });
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
                    onClick={() => setLogFilter(info.id, { ...filter, peer: active ? undefined : key })}
                  >
                    {active ? t('peers.showAll') : t('peers.onlyThis')}
                  </button>
                  <button
                    type="button"
                    className="btn btn-small"
                    data-testid="peer-chat"
                    onClick={() => {
                      setDestination(info.id, peer.address, String(peer.port));
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
