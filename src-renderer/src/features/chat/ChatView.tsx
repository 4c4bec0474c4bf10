import { useEffect, useMemo, useRef, useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import type { EncodingId } from '../../../../src-shared/codec/encodings';
import { decodeText, encodeText } from '../../../../src-shared/codec/text';
import { visibleControls } from '../../../../src-shared/codec/visible';
import type { BridgeError, SessionInfo } from '../../../../src-shared/contract';
import { useSessionActions } from '../sessions/use-session-actions';
import { formatEndpoint, formatTime } from '../../ui/format';
import { useLineOutbox } from './line-outbox';
import { useErrorText } from '../../ui/use-error-text';
import type { LogEntry } from '../../store/log-buffer';
import { usePatchView, useSessionLog, useViewState } from '../../store/hooks';
import { chatEncodingOf } from '../../store/view-state';
import { EncodingSelect } from '../../ui/EncodingSelect';
import { FollowSession } from '../../ui/FollowSession';

/** Messages shown in a conversation; older ones stay in the data log. */
const CHAT_LIMIT = 500;

/**
 * A UDP conversation with one peer: what it sent and what we sent, in one
 * timeline, both directions live at once. The course's chat room blocks in a
 * menu between sending and receiving; a socket does not.
 */
export function ChatView({ info }: { info: SessionInfo }) {
  const { t } = useTranslation();
  const { send: sendPayload } = useSessionActions(info);
  const errorText = useErrorText();
  const view = useSessionLog(info.id);
  const destination = useViewState(info.id, (v) => v.drafts.destination, undefined);
  // Emptied when a line is sent, not when main answers: the next line can be typed at once.
  const outbox = useLineOutbox(info.id);
  const text = outbox.text;
  const encoding = useViewState<EncodingId>(info.id, chatEncodingOf, 'utf-8');
  const sessionEncoding = useViewState<EncodingId>(info.id, (v) => v.encoding, 'utf-8');
  const patchView = usePatchView();
  // Another encoding than the session's is the chat's own choice; the session's again follows it.
  const setEncoding = (chosen: EncodingId): void =>
    patchView(info.id, { chatEncoding: chosen === sessionEncoding ? undefined : chosen });
  const [error, setError] = useState<BridgeError | undefined>();
  const endRef = useRef<HTMLDivElement>(null);
  const peer = destination?.port
    ? formatEndpoint({
        address: destination.host,
        port: Number(destination.port),
        family: destination.host.includes(':') ? 'IPv6' : 'IPv4',
      })
    : undefined;

  const messages = useMemo(() => {
    const out: LogEntry[] = [];
    if (!view) return out;
    const { log } = view;
    for (let i = log.length - 1; i >= 0 && out.length < CHAT_LIMIT; i -= 1) {
      const entry = log.at(i);
      if (entry && formatEndpoint(entry.peer) === peer) out.push(entry);
    }
    return out.reverse();
    // view.rev marks a change inside the (mutable) log.
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, [view?.rev, view?.log, peer]);

  useEffect(() => {
    endRef.current?.scrollIntoView({ block: 'end' });
  }, [messages.length]);

  const send = async (e: FormEvent): Promise<void> => {
    e.preventDefault();
    if (!destination || text === '') return;
    const encoded = encodeText(text, encoding);
    if (!encoded.ok) {
      setError({ code: 'UNENCODABLE', message: t('chat.unencodable', { char: encoded.char }) });
      return;
    }
    setError(undefined);
    const line = outbox.take();
    const result = await sendPayload(encoded.bytes, {
      host: destination.host,
      port: Number(destination.port),
    });
    if (result.ok) return;
    setError(result.error);
    // Not sent: the line goes back into the input, nothing has to be typed twice.
    outbox.putBack(line);
  };

  return (
    <div className="chat" data-testid="chat">
      <div className="chat-head">
        {peer ? (
          <span>
            {t('chat.with')} <strong className="mono">{peer}</strong>
          </span>
        ) : (
          <span className="muted">{t('chat.pickPeer')}</span>
        )}
        <label className="field-inline">
          <span>{t('composer.encoding')}</span>
          <EncodingSelect testId="chat-encoding" value={encoding} onChange={setEncoding} />
        </label>
        {encoding !== sessionEncoding && (
          <FollowSession
            sessionEncoding={sessionEncoding}
            testId="chat-encoding-follow-session"
            onFollow={() => setEncoding(sessionEncoding)}
          />
        )}
      </div>
      <div className="chat-messages" data-testid="chat-messages">
        {messages.map((m) => (
          <div key={m.seq} className={`bubble bubble-${m.dir}`} data-testid="chat-message" data-dir={m.dir}>
            <span className="bubble-text">{visibleControls(decodeText(m.bytes, encoding))}</span>
            <span className="bubble-meta mono">
              {formatTime(m.t)} · {m.bytes.byteLength} B
            </span>
          </div>
        ))}
        <div ref={endRef} />
      </div>
      <form className="chat-input" onSubmit={(e) => void send(e)}>
        <input
          data-testid="chat-input"
          value={text}
          disabled={!peer}
          placeholder={t('chat.placeholder')}
          onChange={(e) => outbox.type(e.target.value)}
        />
        <button
          type="submit"
          className="btn btn-primary"
          data-testid="chat-send"
          disabled={!peer || text === ''}
        >
          {t('composer.send')}
        </button>
      </form>
      {error && (
        <div
          className="composer-error chat-error"
          role="alert"
          data-testid="chat-error"
          data-code={error.code}
        >
          <strong className="mono">{error.code}</strong> {errorText(error)}
        </div>
      )}
    </div>
  );
}
