import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { BridgeError, SessionInfo, UdpConfigureArgs } from '../../../../src-shared/contract';
import { useSessionActions } from './use-session-actions';
import { formatBytes } from '../../ui/format';
import { useErrorText } from '../../ui/use-error-text';
import { useInterfaces } from '../network/use-interfaces';
import { Expander } from '../../ui/Expander';

/** SO_RCVBUF choices: Linux's default, and larger rooms for floods. */
// 4 KiB holds a few datagrams: the way to show a class that UDP loses what nobody reads in time.
const RECEIVE_BUFFERS = [4096, 212_992, 1 << 20, 4 << 20, 16 << 20, 64 << 20];

/**
 * Socket options of a UDP endpoint, as setsockopt() would set them: broadcast
 * permission, TTLs, receive buffer, multicast interface and loopback, and
 * group membership.
 */
export function UdpOptions({ info }: { info: SessionInfo }) {
  const { t } = useTranslation();
  const actions = useSessionActions(info);
  const errorText = useErrorText();
  const interfaces = useInterfaces().filter((i) => i.family === (info.local?.family ?? 'IPv4'));
  const [group, setGroup] = useState('239.255.0.1');
  const [groupInterface, setGroupInterface] = useState('');
  const [error, setError] = useState<BridgeError | undefined>();
  // The TTL as typed: the field shows main's value only once it has confirmed what was typed, so
  // keys pressed before main answers are not reverted (a controlled field would lose them).
  const [ttlTyped, setTtlTyped] = useState<string | undefined>();
  const options = info.udp;
  if (!options) return null;
  const closed = info.state === 'closed' || info.state === 'failed';
  // The kernel caps SO_RCVBUF (Linux: net.core.rmem_max) without an error; say so.
  const capped =
    options.receiveBufferGranted !== undefined && options.receiveBufferGranted < options.receiveBufferSize;

  const configure = async (changes: Omit<UdpConfigureArgs, 'sessionId'>): Promise<void> => {
    setError(undefined);
    const result = await actions.configureUdp(changes);
    if (!result.ok) setError(result.error);
  };

  const membership = async (join: boolean, target: string, iface: string): Promise<void> => {
    setError(undefined);
    const args = { group: target.trim(), ...(iface ? { interfaceAddress: iface } : {}) };
    const result = await (join ? actions.joinGroup(args) : actions.leaveGroup(args));
    if (!result.ok) setError(result.error);
  };

  const summary =
    [
      options.broadcast ? t('udpOptions.broadcastOn') : '',
      options.groups.length > 0 ? t('udpOptions.groups', { n: options.groups.length }) : '',
    ]
      .filter(Boolean)
      .join(' · ') || t('udpOptions.defaults');

  return (
    <Expander
      testId="udp-options"
      title={t('udpOptions.title')}
      summary={summary}
      active={options.broadcast || options.groups.length > 0}
    >
      <div className="udp-options">
        <label className="field-inline checkbox" title={t('udpOptions.broadcastTitle')}>
          <input
            type="checkbox"
            data-testid="udp-broadcast"
            checked={options.broadcast}
            disabled={closed}
            onChange={(e) => void configure({ broadcast: e.target.checked })}
          />
          <span>{t('udpOptions.broadcast')}</span>
        </label>
        <label className="field-inline" title={t('udpOptions.multicastTtlTitle')}>
          <span>{t('udpOptions.multicastTtl')}</span>
          <input
            className="mono input-tiny"
            data-testid="udp-multicast-ttl"
            type="number"
            min={0}
            max={255}
            value={ttlTyped ?? options.multicastTtl}
            disabled={closed}
            onChange={(e) => {
              setTtlTyped(e.target.value);
              if (e.target.value !== '') void configure({ multicastTtl: Number(e.target.value) });
            }}
            // Left with main's value once main holds what was typed; a refused value stays, next to its error.
            onBlur={() =>
              ttlTyped !== undefined && Number(ttlTyped) === options.multicastTtl && setTtlTyped(undefined)
            }
          />
        </label>
        <label className="field-inline checkbox" title={t('udpOptions.loopbackTitle')}>
          <input
            type="checkbox"
            data-testid="udp-multicast-loopback"
            checked={options.multicastLoopback}
            disabled={closed}
            onChange={(e) => void configure({ multicastLoopback: e.target.checked })}
          />
          <span>{t('udpOptions.loopback')}</span>
        </label>
        <label className="field-inline" title={t('udpOptions.receiveBufferTitle')}>
          <span>{t('udpOptions.receiveBuffer')}</span>
          <select
            data-testid="udp-rcvbuf"
            value={options.receiveBufferSize}
            disabled={closed}
            onChange={(e) => void configure({ receiveBufferSize: Number(e.target.value) })}
          >
            {[...new Set([...RECEIVE_BUFFERS, options.receiveBufferSize])]
              .sort((a, b) => a - b)
              .map((size) => (
                <option key={size} value={size}>
                  {formatBytes(size)}
                </option>
              ))}
          </select>
        </label>
        {options.receiveBufferGranted !== undefined && (
          <span
            className={`udp-rcvbuf-granted${capped ? ' warn' : ''}`}
            data-testid="udp-rcvbuf-granted"
            data-bytes={options.receiveBufferGranted}
            title={capped ? t('udpOptions.cappedTitle') : t('udpOptions.grantedTitle')}
          >
            {t(capped ? 'udpOptions.capped' : 'udpOptions.granted', {
              size: formatBytes(options.receiveBufferGranted),
            })}
          </span>
        )}
        <span className="udp-options-sep" aria-hidden />
        <label className="field-inline">
          <span>{t('udpOptions.group')}</span>
          <input
            className="mono input-host"
            data-testid="udp-group"
            value={group}
            spellCheck={false}
            onChange={(e) => setGroup(e.target.value)}
          />
        </label>
        <label className="field-inline">
          <span>{t('udpOptions.onInterface')}</span>
          <select
            data-testid="udp-group-interface"
            value={groupInterface}
            onChange={(e) => setGroupInterface(e.target.value)}
          >
            <option value="">{t('udpOptions.osChoice')}</option>
            {interfaces.map((i) => (
              <option key={`${i.name}-${i.address}`} value={i.address}>
                {i.address} ({i.name})
              </option>
            ))}
          </select>
        </label>
        <button
          type="button"
          className="btn btn-small"
          data-testid="udp-join"
          disabled={closed}
          onClick={() => void membership(true, group, groupInterface)}
        >
          {t('udpOptions.join')}
        </button>
        {options.groups.map((key) => {
          const [g = key, iface = ''] = key.split('@');
          return (
            <span key={key} className="chip mono" data-testid="udp-joined-group" data-group={g}>
              {key}
              <button
                type="button"
                className="chip-x"
                data-testid="udp-leave"
                title={t('udpOptions.leave')}
                onClick={() => void membership(false, g, iface)}
              >
                ×
              </button>
            </span>
          );
        })}
        {error && (
          <span
            className="composer-error"
            role="alert"
            data-testid="udp-options-error"
            data-code={error.code}
          >
            <strong className="mono">{error.code}</strong> {errorText(error)}
          </span>
        )}
      </div>
    </Expander>
  );
}
