import { useEffect, useRef, useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import type {
  BridgeError,
  DialogPrefs,
  Result,
  SessionInfo,
  TcpConnectArgs,
} from '../../../../src-shared/contract';
import { parseIPv4, parseIPv6 } from '../../../../src-shared/net/ip-analyser';
import { useOpenActions } from './use-open-actions';
import { useDialogPrefs } from './use-dialog-prefs';
import { useErrorText } from '../../ui/use-error-text';
import { useInterfaces } from '../network/use-interfaces';
import { useTypedFields } from './typed-fields';
import { useStore } from '../../store/store';
import type { DialogKind } from '../../store/nav-slice';
import { ErrorExplain } from '../../ui/ErrorExplain';
import { Field, TextField } from './Field';
import { TlsClientFields, TlsServerFields } from './TlsFields';
import { TLS_FIELD_DEFAULTS, tlsClientOptions, tlsServerOptions, type DialogFields } from './tls-options';
import { placeCursor, touchProps } from '../../ui/touch-props';

/** Address choices offered for binding; any other local address can be typed. */
const IPV4_ANY = '0.0.0.0';
const LOCAL_ADDRESSES = [IPV4_ANY, '127.0.0.1', '::', '::1'];

/** A number field's value: empty means "not given"; anything else is passed on for main to check. */
function numberOrUndefined(text: string): number | undefined {
  const trimmed = text.trim();
  return trimmed === '' ? undefined : Number(trimmed);
}

function AddressInput({
  value,
  onChange,
  onTouch,
  testId,
}: {
  value: string;
  onChange: (v: string) => void;
  onTouch: () => void;
  testId: string;
}) {
  const interfaces = useInterfaces();
  const choices = [...new Set([...LOCAL_ADDRESSES, ...interfaces.map((i) => i.address)])];
  return (
    <>
      <input
        className="mono"
        data-testid={testId}
        list="local-addresses"
        value={value}
        spellCheck={false}
        {...touchProps(onTouch)}
        onChange={(e) => onChange(e.target.value)}
      />
      <datalist id="local-addresses">
        {choices.map((a) => (
          <option key={a} value={a}>
            {interfaces.find((i) => i.address === a)?.name}
          </option>
        ))}
      </datalist>
    </>
  );
}

/**
 * Opening a session: the socket() + bind()/listen()/connect() of the course,
 * as a form. A failure (port in use, bad address…) is shown here and the
 * form keeps what was typed.
 */
export function NewSessionDialog({ kind }: { kind: DialogKind }) {
  const { t } = useTranslation();
  const open = useOpenActions();
  const errorText = useErrorText();
  const close = useStore((s) => s.openDialog);
  const select = useStore((s) => s.select);
  const [error, setError] = useState<BridgeError | undefined>();
  const [busy, setBusy] = useState(false);
  const firstField = useRef<HTMLDivElement>(null);

  const fields = useTypedFields<DialogFields>({
    udpBind: true,
    // Unbound has no address to take a family from: the socket's family is chosen here, and shown.
    udpFamily: 'IPv4',
    address: IPV4_ANY,
    localPort: kind === 'udp' ? '7788' : kind === 'tcp-server' ? '8080' : '',
    host: '127.0.0.1',
    port: '8080',
    timeoutMs: '10000',
    backlog: '128',
    maxClients: '0',
    reconnectMs: '0',
    closeOnPeerEnd: true,
    tls: false,
    ...TLS_FIELD_DEFAULTS,
  });
  const {
    udpBind,
    udpFamily,
    address,
    localPort,
    host,
    port,
    timeoutMs,
    backlog,
    maxClients,
    reconnectMs,
    closeOnPeerEnd,
  } = fields.values;
  /** A field's onChange and onTouch: whatever the user does to a field makes it theirs. */
  const bind = <K extends keyof DialogPrefs>(key: K) => ({
    onChange: (value: DialogFields[K]) => fields.set(key, value),
    onTouch: () => fields.touch(key),
  });
  // The fields this kind of dialog last opened a session with, instead of the defaults,
  // except those the user has touched since the dialog asked for them.
  const prefs = useDialogPrefs(kind, {
    ask: fields.ask,
    fill: (remembered, asked) => {
      // Never a TCP client's local port: see rememberedDialogFields (a file from before that rule may still have one).
      const { localPort: _ignored, ...rest } = remembered;
      fields.fill(kind === 'tcp-client' ? rest : remembered, asked);
    },
  });

  useEffect(() => {
    placeCursor(firstField.current?.querySelector<HTMLElement>('input, select'));
    const onKey = (e: globalThis.KeyboardEvent): void => {
      if (e.key === 'Escape') close(undefined);
    };
    window.addEventListener('keydown', onKey);
    return () => window.removeEventListener('keydown', onKey);
  }, [close]);

  const submit = async (e: FormEvent): Promise<void> => {
    e.preventDefault();
    // What is on screen at the moment of the click, never the values of an earlier render.
    const {
      udpBind,
      udpFamily,
      address,
      localPort,
      host,
      port,
      timeoutMs,
      backlog,
      maxClients,
      reconnectMs,
      closeOnPeerEnd,
    } = fields.current();
    const typed = fields.current();
    setBusy(true);
    setError(undefined);
    let result: Result<SessionInfo>;
    if (kind === 'udp') {
      result = await open.openUdp(
        udpBind
          ? { bind: true, address: address.trim(), port: numberOrUndefined(localPort) ?? 0 }
          : { bind: false, family: udpFamily },
      );
    } else if (kind === 'tcp-client') {
      const args: TcpConnectArgs = {
        host: host.trim(),
        port: Number(port.trim()),
      };
      const lp = numberOrUndefined(localPort);
      if (lp !== undefined) args.localPort = lp;
      const tm = numberOrUndefined(timeoutMs);
      if (tm !== undefined) args.timeoutMs = tm;
      const rm = numberOrUndefined(reconnectMs);
      if (rm !== undefined) args.reconnectMs = rm;
      args.closeOnPeerEnd = closeOnPeerEnd;
      if (typed.tls) args.tls = tlsClientOptions(typed);
      result = await open.connectTcp(args);
    } else {
      result = await open.listenTcp({
        address: address.trim(),
        port: numberOrUndefined(localPort) ?? 0,
        backlog: numberOrUndefined(backlog) ?? 128,
        maxClients: numberOrUndefined(maxClients) ?? 0,
        closeOnPeerEnd,
        ...(typed.tls ? { tls: tlsServerOptions(typed) } : {}),
      });
    }
    setBusy(false);
    if (!result.ok) {
      setError(result.error);
      return;
    }
    prefs.remember(
      kind === 'udp'
        ? { udpBind, udpFamily, address, localPort }
        : kind === 'tcp-client'
          ? { host, port, timeoutMs, reconnectMs, closeOnPeerEnd, ...rememberedTls(kind, typed) }
          : { address, localPort, backlog, maxClients, closeOnPeerEnd, ...rememberedTls(kind, typed) },
    );
    select(result.value.id);
    close(undefined);
  };

  // What socket() the dialog will call: a bound socket takes the family of its address (as the engine
  // does), a client the family of the address it connects to; a name decides only once it resolves.
  const socketFamily =
    kind === 'tcp-client'
      ? clientFamily(host)
      : (kind === 'udp' && !udpBind ? udpFamily === 'IPv6' : address.includes(':'))
        ? 'AF_INET6'
        : 'AF_INET';

  return (
    <div className="dialog-backdrop" onMouseDown={(e) => e.target === e.currentTarget && close(undefined)}>
      <form
        className="dialog"
        role="dialog"
        aria-modal="true"
        aria-labelledby="dialog-title"
        data-testid="dialog-new-session"
        data-kind={kind}
        onSubmit={(e) => void submit(e)}
      >
        <h2 id="dialog-title">{t(`dialog.title.${kind}`)}</h2>
        <p className="dialog-lead" data-testid="dialog-lead" data-family={socketFamily}>
          {t(`dialog.lead.${kind}`, {
            family: socketFamily === 'by-name' ? t('dialog.familyByName') : socketFamily,
          })}
        </p>
        <div className="dialog-fields" ref={firstField}>
          {kind === 'udp' && (
            <>
              <Field label={t('dialog.udpMode')}>
                <select
                  data-testid="udp-bind-mode"
                  value={udpBind ? 'bind' : 'unbound'}
                  {...touchProps(() => fields.touch('udpBind'))}
                  onChange={(e) => fields.set('udpBind', e.target.value === 'bind')}
                >
                  <option value="bind">{t('dialog.udpBind')}</option>
                  <option value="unbound">{t('dialog.udpUnbound')}</option>
                </select>
              </Field>
              {udpBind ? (
                <Field label={t('dialog.localAddress')} hint={t('dialog.localAddressHint')}>
                  <AddressInput value={address} {...bind('address')} testId="udp-local-address" />
                </Field>
              ) : (
                <Field label={t('dialog.udpFamily')} hint={t('dialog.udpFamilyHint')}>
                  <select
                    data-testid="udp-family"
                    value={udpFamily}
                    {...touchProps(() => fields.touch('udpFamily'))}
                    onChange={(e) => fields.set('udpFamily', e.target.value === 'IPv6' ? 'IPv6' : 'IPv4')}
                  >
                    <option value="IPv4">{t('dialog.udpFamilyIPv4')}</option>
                    <option value="IPv6">{t('dialog.udpFamilyIPv6')}</option>
                  </select>
                </Field>
              )}
              {udpBind && (
                <TextField
                  label={t('dialog.localPort')}
                  hint={t('dialog.localPortHint')}
                  testId="udp-local-port"
                  value={localPort}
                  {...bind('localPort')}
                  numeric
                />
              )}
            </>
          )}
          {kind === 'tcp-client' && (
            <>
              <TextField
                label={t('dialog.remoteHost')}
                hint={t('dialog.remoteHostHint')}
                testId="tcp-client-host"
                value={host}
                {...bind('host')}
              />
              <TextField
                label={t('dialog.remotePort')}
                testId="tcp-client-port"
                value={port}
                {...bind('port')}
                numeric
              />
              <TextField
                label={t('dialog.localPortOptional')}
                hint={t('dialog.localPortOptionalHint')}
                testId="tcp-client-local-port"
                value={localPort}
                {...bind('localPort')}
                numeric
              />
              <TextField
                label={t('dialog.connectTimeout')}
                testId="tcp-client-timeout"
                value={timeoutMs}
                {...bind('timeoutMs')}
                numeric
              />
              <TextField
                label={t('dialog.reconnect')}
                hint={t('dialog.reconnectHint')}
                testId="tcp-client-reconnect"
                value={reconnectMs}
                {...bind('reconnectMs')}
                numeric
              />
              <CloseOnPeerEndField
                testId="tcp-client-close-on-peer-end"
                checked={closeOnPeerEnd}
                {...bind('closeOnPeerEnd')}
              />
              <TlsClientFields fields={fields} />
            </>
          )}
          {kind === 'tcp-server' && (
            <>
              <Field label={t('dialog.localAddress')} hint={t('dialog.localAddressHint')}>
                <AddressInput value={address} {...bind('address')} testId="tcp-server-address" />
              </Field>
              <TextField
                label={t('dialog.localPort')}
                hint={t('dialog.localPortHint')}
                testId="tcp-server-port"
                value={localPort}
                {...bind('localPort')}
                numeric
              />
              <TextField
                label={t('dialog.backlog')}
                hint={t('dialog.backlogHint')}
                testId="tcp-server-backlog"
                value={backlog}
                {...bind('backlog')}
                numeric
              />
              <TextField
                label={t('dialog.maxClients')}
                hint={t('dialog.maxClientsHint')}
                testId="tcp-server-max-clients"
                value={maxClients}
                {...bind('maxClients')}
                numeric
              />
              <CloseOnPeerEndField
                testId="tcp-server-close-on-peer-end"
                checked={closeOnPeerEnd}
                {...bind('closeOnPeerEnd')}
              />
              <TlsServerFields fields={fields} />
            </>
          )}
        </div>
        {error && (
          <div className="notice notice-error" role="alert" data-testid="dialog-error" data-code={error.code}>
            <strong className="mono">{error.code}</strong> {errorText(error)}
            <ErrorExplain code={error.code} />
          </div>
        )}
        <div className="dialog-buttons">
          <button type="button" className="btn" data-testid="dialog-cancel" onClick={() => close(undefined)}>
            {t('dialog.cancel')}
          </button>
          <button type="submit" className="btn btn-primary" data-testid="dialog-submit" disabled={busy}>
            {t(`dialog.submit.${kind}`)}
          </button>
        </div>
      </form>
    </div>
  );
}

/** What the course programs do when recv() returns b'': close their side too (off keeps the session half-open). */
function CloseOnPeerEndField({
  testId,
  checked,
  onChange,
  onTouch,
}: {
  testId: string;
  checked: boolean;
  onChange: (checked: boolean) => void;
  onTouch: () => void;
}) {
  const { t } = useTranslation();
  return (
    <Field label={t('dialog.closeOnPeerEnd')} hint={t('dialog.closeOnPeerEndHint')}>
      <input
        type="checkbox"
        className="field-checkbox"
        data-testid={testId}
        checked={checked}
        {...touchProps(onTouch)}
        onChange={(e) => onChange(e.target.checked)}
      />
    </Field>
  );
}

/**
 * The TLS fields worth offering again. Not "verify": a check switched off for
 * one server must not silently stay off for the next.
 */
function rememberedTls(kind: DialogKind, v: DialogFields): DialogPrefs {
  if (kind === 'tcp-client')
    return {
      tls: v.tls,
      tlsServername: v.tlsServername,
      tlsAlpn: v.tlsAlpn,
      tlsMinVersion: v.tlsMinVersion,
      tlsMaxVersion: v.tlsMaxVersion,
      tlsCaFile: v.tlsCaFile,
      tlsCertFile: v.tlsCertFile,
      tlsKeyFile: v.tlsKeyFile,
      tlsHandshakeTimeoutMs: v.tlsHandshakeTimeoutMs,
    };
  return {
    tls: v.tls,
    tlsCertFile: v.tlsCertFile,
    tlsKeyFile: v.tlsKeyFile,
    tlsCaFile: v.tlsCaFile,
    tlsRequestClientCert: v.tlsRequestClientCert,
  };
}

/** The family of a client's socket, from what it connects to: a name's is known only once it resolves. */
function clientFamily(host: string): 'AF_INET' | 'AF_INET6' | 'by-name' {
  const bare = host.trim().replace(/^\[(.*)\]$/, '$1');
  if (parseIPv4(bare) !== undefined) return 'AF_INET';
  if (parseIPv6(bare) !== undefined) return 'AF_INET6';
  return 'by-name';
}
