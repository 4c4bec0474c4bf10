import { useCallback, useEffect, useMemo, useState } from 'react';
import { useTranslation } from 'react-i18next';
import type {
  BridgeError,
  PortEntry,
  PortFreeResult,
  PortsResult,
  Result,
} from '../../../../src-shared/contract';
import { hostPort } from '../../../../src-shared/net/endpoint-text';
import { analyseIp, type IpAnalysis } from '../../../../src-shared/net/ip-analyser';
import { portRange, serviceName, type PortRange } from '../../../../src-shared/net/ports';
import { useNetworkActions } from './use-network-actions';
import { counted, formatCount } from '../../ui/format';
import { useErrorText } from '../../ui/use-error-text';
import { useInterfaces } from './use-interfaces';
import { useStore } from '../../store/store';
import { ErrorExplain } from '../../ui/ErrorExplain';

/** The course's eight addresses, one click each. */
const EXAMPLES = [
  '10.1.2.3',
  '172.16.0.1',
  '192.168.1.1',
  '224.0.0.251',
  '127.0.0.1',
  '169.254.1.1',
  'fe80::1',
  '8.8.8.8',
];

const RANGES: PortRange[] = ['well-known', 'registered', 'dynamic'];

/** This machine as the network sees it: interfaces, an address analyser, the ports in use. */
export function NetworkView() {
  const { t } = useTranslation();
  const close = useStore((s) => s.setNetworkOpen);
  return (
    <section className="network-view" data-testid="network-view">
      <header className="network-header">
        <div>
          <h1>{t('network.title')}</h1>
          <p className="network-lead">{t('network.lead')}</p>
        </div>
        <button type="button" className="btn" data-testid="network-close" onClick={() => close(false)}>
          {t('network.back')}
        </button>
      </header>
      <div className="network-grid">
        <Interfaces />
        <Analyser />
      </div>
      <Ports />
    </section>
  );
}

function Interfaces() {
  const { t } = useTranslation();
  const list = useInterfaces();
  const setAnalyse = useStore((s) => s.setAnalyse);
  return (
    <div className="card" data-testid="network-interfaces">
      <h2>{t('network.interfaces.title')}</h2>
      <p className="card-hint">{t('network.interfaces.hint')}</p>
      <div className="table-scroll">
        <table className="net-table">
          <thead>
            <tr>
              <th>{t('network.interfaces.name')}</th>
              <th>{t('network.interfaces.address')}</th>
              <th>{t('network.interfaces.netmask')}</th>
              <th>{t('network.interfaces.broadcast')}</th>
              <th>{t('network.interfaces.mac')}</th>
            </tr>
          </thead>
          <tbody>
            {list.map((nic) => (
              <tr
                key={`${nic.name}-${nic.address}`}
                className="clickable"
                data-testid="interface-row"
                data-name={nic.name}
                data-address={nic.address}
                data-internal={nic.internal ? 'true' : 'false'}
                title={t('network.interfaces.analyseTitle')}
                onClick={() => setAnalyse(nic.cidr)}
              >
                <td>
                  {nic.name}
                  {nic.internal && (
                    <span className="tag tag-loopback">{t('network.interfaces.loopback')}</span>
                  )}
                </td>
                <td className="mono">
                  {nic.cidr} <span className="dim">{nic.family}</span>
                </td>
                <td className="mono">
                  {nic.family === 'IPv4' ? nic.netmask : `/${nic.cidr.split('/')[1] ?? ''}`}
                </td>
                <td className="mono">{nic.broadcast ?? '—'}</td>
                <td className="mono dim">{nic.mac}</td>
              </tr>
            ))}
          </tbody>
        </table>
      </div>
      {list.length === 0 && <p className="card-hint">{t('network.interfaces.none')}</p>}
    </div>
  );
}

function Analyser() {
  const { t } = useTranslation();
  const text = useStore((s) => s.analyse);
  const setText = useStore((s) => s.setAnalyse);
  const result = analyseIp(text);
  return (
    <div className="card" data-testid="ip-analyser">
      <h2>{t('network.analyser.title')}</h2>
      <p className="card-hint">{t('network.analyser.hint')}</p>
      <input
        className="mono analyser-input"
        data-testid="ip-input"
        value={text}
        placeholder={t('network.analyser.placeholder')}
        spellCheck={false}
        onChange={(e) => setText(e.target.value)}
      />
      <div className="examples">
        <span className="dim">{t('network.analyser.examples')}</span>
        {EXAMPLES.map((address) => (
          <button
            key={address}
            type="button"
            className="chip mono"
            data-testid="ip-example"
            onClick={() => setText(address)}
          >
            {address}
          </button>
        ))}
      </div>
      {result.ok ? (
        <Analysis a={result.value} />
      ) : (
        <p className="analyser-error" data-testid="ip-error" data-error={result.error}>
          {result.error === 'leading-zero'
            ? t('network.analyser.errors.leading-zero', {
                part: result.part,
                octal: result.octal ?? t('network.analyser.errors.notOctal'),
                decimal: result.decimal,
              })
            : t(`network.analyser.errors.${result.error}`)}
        </p>
      )}
    </div>
  );
}

function Analysis({ a }: { a: IpAnalysis }) {
  const { t } = useTranslation();
  const rows: [string, string, string?][] = [
    [t('network.analyser.version'), `IPv${a.version}`],
    [
      t('network.analyser.class'),
      a.ipClass ?? '—',
      a.ipClass ? t(`network.classHint.${a.ipClass}`) : undefined,
    ],
    [
      t('network.analyser.prefix'),
      `/${a.prefix}`,
      a.prefixAssumed
        ? t(a.version === 4 ? 'network.analyser.prefixAssumed' : 'network.analyser.prefixAssumed6')
        : undefined,
    ],
    [t('network.analyser.netmask'), a.netmask],
    [t('network.analyser.network'), a.network],
    ...(a.broadcast ? [[t('network.analyser.broadcast'), a.broadcast] as [string, string]] : []),
    [t('network.analyser.firstHost'), a.firstHost],
    [t('network.analyser.lastHost'), a.lastHost],
    [t('network.analyser.hostCount'), formatCount(BigInt(a.hostCount))],
  ];
  return (
    <div
      className="analysis"
      data-testid="ip-result"
      data-version={a.version}
      data-class={a.ipClass ?? ''}
      data-scope={a.scope}
    >
      <div className="analysis-scope">
        <span className={`tag scope-${a.scope}`} data-testid="ip-scope">
          {t(`network.scope.${a.scope}`)}
        </span>
        <span>{t(`network.scopeHint.${a.scope}`)}</span>
      </div>
      {a.isNetworkAddress && <p className="analysis-note">{t('network.analyser.networkAddress')}</p>}
      {a.isBroadcastAddress && <p className="analysis-note">{t('network.analyser.broadcastAddress')}</p>}
      <dl className="analysis-grid">
        {rows.map(([label, value, hint]) => (
          <div key={label} className="analysis-row">
            <dt>{label}</dt>
            <dd>
              <span className="mono">{value}</span>
              {hint && <span className="dim"> · {hint}</span>}
            </dd>
          </div>
        ))}
      </dl>
      {a.version === 4 && (
        <div className="bits" data-testid="ip-bits">
          <span className="dim">{t('network.analyser.bits')}</span>
          <span className="mono">
            {Array.from({ length: 4 }, (_, octet) => (
              <span key={octet} className="octet">
                {Array.from(a.bits.slice(octet * 8, octet * 8 + 8), (bit, i) => (
                  <span key={i} className={octet * 8 + i < a.prefix ? 'bit-net' : 'bit-host'}>
                    {bit}
                  </span>
                ))}
              </span>
            ))}
          </span>
        </div>
      )}
    </div>
  );
}

type Show = 'all' | 'listening' | 'connected';

const isListening = (e: PortEntry): boolean => e.state === 'LISTEN' || e.state === 'UNCONN';

function Ports() {
  const { t } = useTranslation();
  const net = useNetworkActions();
  const errorText = useErrorText();
  const [result, setResult] = useState<PortsResult | undefined>();
  const [error, setError] = useState<BridgeError | undefined>();
  const [filter, setFilter] = useState('');
  const [show, setShow] = useState<Show>('listening');
  const [busy, setBusy] = useState(false);

  const apply = useCallback((r: Result<PortsResult>) => {
    setBusy(false);
    if (r.ok) {
      setResult(r.value);
      setError(undefined);
    } else setError(r.error);
  }, []);

  const refresh = (): void => {
    setBusy(true);
    void net.ports().then(apply);
  };

  // Read once when the view opens; the Refresh button rereads.
  useEffect(() => {
    let live = true;
    void net.ports().then((r) => live && apply(r));
    return () => {
      live = false;
    };
  }, [net, apply]);

  const rows = useMemo(() => {
    const needle = filter.trim().toLowerCase();
    return (result?.entries ?? [])
      .filter((e) => show === 'all' || (show === 'listening' ? isListening(e) : !isListening(e)))
      .filter(
        (e) =>
          needle === '' ||
          [
            String(e.localPort),
            e.localAddress,
            e.process ?? '',
            String(e.pid ?? ''),
            serviceName(e.localPort) ?? '',
          ]
            .join(' ')
            .toLowerCase()
            .includes(needle),
      )
      .sort((a, b) => a.protocol.localeCompare(b.protocol) || a.localPort - b.localPort);
  }, [result, filter, show]);

  return (
    <div className="card ports-card" data-testid="network-ports">
      <div className="card-head">
        <h2>{t('network.ports.title')}</h2>
        <button
          type="button"
          className="btn btn-small"
          data-testid="ports-refresh"
          disabled={busy}
          onClick={refresh}
        >
          {t(busy ? 'network.ports.loading' : 'network.ports.refresh')}
        </button>
      </div>
      <p className="card-hint">{t('network.ports.hint')}</p>
      <div className="ranges" data-testid="port-ranges">
        {RANGES.map((range) => (
          <div key={range} className={`range range-${range}`}>
            <strong>{t(`network.ranges.${range}.name`)}</strong>
            <span>{t(`network.ranges.${range}.text`)}</span>
          </div>
        ))}
      </div>
      <PortCheck entries={result?.entries ?? []} />
      <div className="ports-toolbar">
        <input
          data-testid="ports-filter"
          placeholder={t('network.ports.filter')}
          value={filter}
          onChange={(e) => setFilter(e.target.value)}
        />
        <label className="field-inline">
          <span>{t('network.ports.show')}</span>
          <select data-testid="ports-show" value={show} onChange={(e) => setShow(e.target.value as Show)}>
            <option value="listening">{t('network.ports.showListening')}</option>
            <option value="connected">{t('network.ports.showConnected')}</option>
            <option value="all">{t('network.ports.showAll')}</option>
          </select>
        </label>
        {result && (
          <span className="dim ports-count" data-testid="ports-source" data-source={result.source}>
            {/* The plural follows the total ("1 of 343 sockets"); n is what every filter leaves. */}
            {t('network.ports.count', {
              ...counted(result.entries.length),
              n: formatCount(rows.length),
              total: formatCount(result.entries.length),
            })}
            {' · '}
            {t(`network.ports.source.${result.source}`)}
          </span>
        )}
      </div>
      {error && (
        <div className="notice notice-error" role="alert" data-code={error.code}>
          <strong className="mono">{error.code}</strong> {errorText(error)}
        </div>
      )}
      {result && !result.processes && result.source !== 'none' && (
        <p className="card-hint">{t('network.ports.noProcesses')}</p>
      )}
      <div className="ports-scroll">
        <table className="net-table" data-testid="ports-table">
          <thead>
            <tr>
              <th>{t('network.ports.proto')}</th>
              <th>{t('network.ports.local')}</th>
              <th>{t('network.ports.port')}</th>
              <th>{t('network.ports.service')}</th>
              <th>{t('network.ports.state')}</th>
              <th>{t('network.ports.remote')}</th>
              <th>{t('network.ports.process')}</th>
            </tr>
          </thead>
          <tbody>
            {rows.map((e, i) => (
              <tr
                key={i}
                data-testid="port-row"
                data-protocol={e.protocol}
                data-port={e.localPort}
                data-state={e.state}
              >
                <td className="mono">
                  {e.protocol.toUpperCase()}
                  {e.family === 'IPv6' ? '6' : ''}
                </td>
                <td className="mono">{e.localAddress}</td>
                <td className="mono">
                  {e.localPort}
                  <span
                    className={`range-dot range-${portRange(e.localPort)}`}
                    title={t(`network.ranges.${portRange(e.localPort)}.name`)}
                  />
                </td>
                <td>{serviceName(e.localPort) ?? ''}</td>
                <td>
                  <span className={`state-tag state-${e.state.toLowerCase()}`}>{e.state}</span>
                </td>
                <td className="mono dim">
                  {e.remoteAddress !== undefined && e.remotePort !== undefined
                    ? hostPort(e.remoteAddress, e.remotePort)
                    : ''}
                </td>
                <td className="mono">
                  {e.pid !== undefined ? (
                    `${e.process ?? ''} (${e.pid})`
                  ) : (
                    <span className="dim">{t('network.ports.hidden')}</span>
                  )}
                </td>
              </tr>
            ))}
          </tbody>
        </table>
        {result && rows.length === 0 && (
          <p className="card-hint">
            {t(result.source === 'none' ? 'network.ports.source.none' : 'network.ports.none')}
          </p>
        )}
      </div>
    </div>
  );
}

function PortCheck({ entries }: { entries: PortEntry[] }) {
  const { t } = useTranslation();
  const net = useNetworkActions();
  const errorText = useErrorText();
  const [port, setPort] = useState('8080');
  const [address, setAddress] = useState('0.0.0.0');
  const [answer, setAnswer] = useState<{ asked: string; result: Result<PortFreeResult> } | undefined>();
  // An answer is about the port and address it was asked for: once either is edited, it says nothing true.
  const asked = JSON.stringify([port, address]);
  const shown = answer?.asked === asked ? answer.result : undefined;
  const result = shown?.ok ? shown.value : undefined;
  const error = shown && !shown.ok ? shown.error : undefined;

  const check = async (): Promise<void> => {
    setAnswer(undefined);
    const r = await net.portFree({ port: Number(port), address });
    setAnswer({ asked, result: r });
  };
  const owners = result
    ? [
        ...new Set(
          entries
            .filter((e) => e.localPort === result.port && e.pid !== undefined)
            .map((e) => `${e.process} (${e.pid})`),
        ),
      ]
    : [];

  return (
    <form
      className="port-check"
      onSubmit={(e) => {
        e.preventDefault();
        void check();
      }}
    >
      <strong>{t('network.check.title')}</strong>
      <label className="field-inline">
        <span>{t('network.check.address')}</span>
        <select data-testid="port-check-address" value={address} onChange={(e) => setAddress(e.target.value)}>
          <option value="0.0.0.0">0.0.0.0</option>
          <option value="127.0.0.1">127.0.0.1</option>
          <option value="::">::</option>
        </select>
      </label>
      <label className="field-inline">
        <span>{t('network.check.port')}</span>
        <input
          className="input-port mono"
          data-testid="port-check-input"
          value={port}
          inputMode="numeric"
          onChange={(e) => setPort(e.target.value)}
        />
      </label>
      <button type="submit" className="btn btn-small" data-testid="port-check-button">
        {t('network.check.button')}
      </button>
      {result && (
        <span
          className="port-check-result"
          data-testid="port-check-result"
          data-tcp={result.tcp ? 'free' : 'used'}
          data-udp={result.udp ? 'free' : 'used'}
        >
          {(['tcp', 'udp'] as const).map((proto) => {
            const free = result[proto];
            const code = result[`${proto}Error`] ?? '';
            return (
              <span key={proto} className={free ? 'free' : 'used'}>
                {proto.toUpperCase()}: {free ? t('network.check.free') : t('network.check.inUse', { code })}
              </span>
            );
          })}
          {owners.length > 0 && (
            <span className="dim">{t('network.check.usedBy', { list: owners.join(', ') })}</span>
          )}
        </span>
      )}
      {error && (
        <span className="port-check-error" role="alert" data-testid="port-check-error" data-code={error.code}>
          {errorText(error)}
        </span>
      )}
      {result && !result.tcp && result.tcpError && <ErrorExplain code={result.tcpError} />}
    </form>
  );
}
