import { useMemo, useState, type KeyboardEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { ENCODINGS, type EncodingId } from '../../../src-shared/codec/encodings';
import { toHex } from '../../../src-shared/codec/hex';
import type { BridgeError, SessionInfo } from '../../../src-shared/contract';
import { useBridge } from '../lib/bridge-context';
import { compose, type InputMode, type LineEnding } from '../lib/compose';
import { formatCount } from '../lib/format';
import { useErrorText } from '../lib/use-error-text';
import { useUi } from '../store/ui';

const PREVIEW_LIMIT = 64;

/**
 * The send box: text in an encoding or hex, the exact bytes previewed before
 * they go, and for UDP the destination. What was typed stays after sending,
 * so the same message can be sent again.
 */
export function Composer({ info }: { info: SessionInfo }) {
  const { t } = useTranslation();
  const { api } = useBridge();
  const errorText = useErrorText();
  const destination = useUi((s) => s.destination[info.id]);
  const setDestination = useUi((s) => s.setDestination);
  const [input, setInput] = useState('');
  const [mode, setMode] = useState<InputMode>('text');
  const [encoding, setEncoding] = useState<EncodingId>('utf-8');
  const [lineEnding, setLineEnding] = useState<LineEnding>('none');
  const [error, setError] = useState<BridgeError | undefined>();
  const [sent, setSent] = useState<string | undefined>();
  const [busy, setBusy] = useState(false);

  const composed = useMemo(
    () => compose(input, { mode, encoding, lineEnding }),
    [input, mode, encoding, lineEnding],
  );
  const closed = info.state === 'closed' || info.state === 'failed';
  const isUdp = info.kind === 'udp';
  const isServer = info.kind === 'tcp-server';
  const host = destination?.host ?? '127.0.0.1';
  const port = destination?.port ?? '';

  const problemText = (): string | undefined => {
    if (composed.ok) return undefined;
    const p = composed.problem;
    return p.kind === 'bad-hex'
      ? t(`composer.badHex.${p.reason}`, { char: p.char, index: p.index + 1 })
      : t('composer.unencodable', {
          char: p.char,
          code: `U+${(p.char.codePointAt(0) ?? 0).toString(16).toUpperCase().padStart(4, '0')}`,
          index: p.index + 1,
          encoding: ENCODINGS.find((e) => e.id === p.encoding)?.label ?? p.encoding,
        });
  };

  const send = async (): Promise<void> => {
    if (!composed.ok || busy) return;
    setBusy(true);
    setError(undefined);
    setSent(undefined);
    const payload = composed.bytes;
    let result;
    if (isUdp) {
      result = await api['udp.send']({ sessionId: info.id, host: host.trim(), port: Number(port), payload });
    } else if (isServer) {
      result = await api['tcp.sendAll']({ sessionId: info.id, payload });
    } else {
      result = await api['tcp.send']({ sessionId: info.id, payload });
    }
    setBusy(false);
    if (!result.ok) setError(result.error);
    else if ('clients' in result.value) setSent(t('composer.sentToAll', { n: result.value.clients }));
    else setSent(t('composer.sent', { n: result.value.bytes }));
  };

  const onKeyDown = (e: KeyboardEvent<HTMLTextAreaElement>): void => {
    if (e.key === 'Enter' && (e.ctrlKey || e.metaKey)) {
      e.preventDefault();
      void send();
    }
  };

  const problem = problemText();
  return (
    <div className="composer" data-testid="composer">
      <div className="composer-options">
        {isUdp && (
          <div className="composer-destination">
            <label className="field-inline">
              <span>{t('composer.to')}</span>
              <input
                className="mono input-host"
                data-testid="composer-host"
                value={host}
                spellCheck={false}
                onChange={(e) => setDestination(info.id, e.target.value, port)}
                placeholder={t('composer.hostPlaceholder')}
              />
            </label>
            <label className="field-inline">
              <span>{t('composer.port')}</span>
              <input
                className="mono input-port"
                data-testid="composer-port"
                value={port}
                inputMode="numeric"
                onChange={(e) => setDestination(info.id, host, e.target.value)}
                placeholder="7788"
              />
            </label>
          </div>
        )}
        <label className="field-inline">
          <span>{t('composer.mode')}</span>
          <select
            data-testid="composer-mode"
            value={mode}
            onChange={(e) => setMode(e.target.value as InputMode)}
          >
            <option value="text">{t('composer.modeText')}</option>
            <option value="hex">{t('composer.modeHex')}</option>
          </select>
        </label>
        {mode === 'text' && (
          <>
            <label className="field-inline">
              <span>{t('composer.encoding')}</span>
              <select
                data-testid="composer-encoding"
                value={encoding}
                onChange={(e) => setEncoding(e.target.value as EncodingId)}
              >
                {ENCODINGS.map((e) => (
                  <option key={e.id} value={e.id}>
                    {e.label}
                  </option>
                ))}
              </select>
            </label>
            <label className="field-inline">
              <span>{t('composer.lineEnding')}</span>
              <select
                data-testid="composer-line-ending"
                value={lineEnding}
                onChange={(e) => setLineEnding(e.target.value as LineEnding)}
              >
                <option value="none">{t('composer.endingNone')}</option>
                <option value="lf">LF (\n)</option>
                <option value="crlf">CRLF (\r\n)</option>
                <option value="cr">CR (\r)</option>
              </select>
            </label>
          </>
        )}
      </div>
      <div className="composer-main">
        <textarea
          className="mono"
          data-testid="composer-input"
          value={input}
          spellCheck={false}
          placeholder={t(mode === 'hex' ? 'composer.placeholderHex' : 'composer.placeholderText')}
          onChange={(e) => setInput(e.target.value)}
          onKeyDown={onKeyDown}
          disabled={closed}
        />
        <button
          type="button"
          className="btn btn-primary btn-send"
          data-testid={isServer ? 'composer-send-all' : 'composer-send'}
          disabled={closed || busy || !composed.ok}
          onClick={() => void send()}
          title={t('composer.sendHint')}
        >
          {isServer ? t('composer.sendAll') : t('composer.send')}
        </button>
      </div>
      <div className="composer-status">
        {problem ? (
          <span className="composer-problem" role="alert" data-testid="composer-problem">
            {problem}
          </span>
        ) : composed.ok ? (
          <span className="composer-preview mono" data-testid="composer-preview">
            {t('composer.preview', { n: formatCount(composed.bytes.byteLength) })}{' '}
            {toHex(composed.bytes, PREVIEW_LIMIT)}
            {composed.bytes.byteLength > PREVIEW_LIMIT ? ' …' : ''}
          </span>
        ) : null}
        {error && (
          <span className="composer-error" role="alert" data-testid="composer-error" data-code={error.code}>
            <strong className="mono">{error.code}</strong> {errorText(error)}
          </span>
        )}
        {sent && !error && (
          <span className="composer-sent" data-testid="composer-sent">
            {sent}
          </span>
        )}
      </div>
    </div>
  );
}
