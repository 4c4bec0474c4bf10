import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { ENCODINGS, isEncodingId, type EncodingId } from '../../../../src-shared/codec/encodings';
import { CODE_MESSAGE_CHARS, codeMessage } from './code-message';
import { formatCount } from '../../ui/format';
import {
  nodeProgram,
  pythonProgram,
  specFromSession,
  type CodeLanguage,
  type Decoding,
} from '../../../../src-shared/codegen';
import type { SessionInfo } from '../../../../src-shared/contract';
import { useViewState } from '../../store/hooks';
import { useStore } from '../../store/store';
import { logViewMode, type ViewMode } from '../../store/view-state';

type CopyState = 'idle' | 'copied' | 'failed';

const label = (id: EncodingId): string => ENCODINGS.find((e) => e.id === id)?.label ?? id;

/**
 * The session as a program a student could type: Python 3 in the course's
 * style, or Node.js, regenerated whenever the session's settings change. It
 * sends what the send box would send, encoded as the send box encodes, and
 * decodes what it receives as the log view shows it: nothing to set twice.
 */
export function CodeView({ info: own }: { info: SessionInfo }) {
  const { t } = useTranslation();
  const parent = useStore((s) => (own.parentId ? s.sessions[own.parentId]?.info : undefined));
  // An accepted connection's program is the server program that accepted it.
  const info: SessionInfo = own.kind === 'tcp-conn' && parent ? parent : own;
  const viewMode = useViewState<ViewMode>(own.id, logViewMode, 'utf-8');
  const destination = useViewState(own.id, (v) => v.drafts.destination, undefined);
  const input = useViewState(own.id, (v) => v.drafts.input, '');
  const compose = useViewState(own.id, (v) => v.compose, undefined);
  // The composer's encoding: its own choice, else the session's.
  const encoding = useViewState(own.id, (v) => v.composeEncoding ?? v.encoding, 'utf-8');
  const draft = compose && { input, settings: { ...compose, encoding } };
  const [language, setLanguage] = useState<CodeLanguage>('python');
  const [copy, setCopy] = useState<CopyState>('idle');

  const message = codeMessage(own.id, draft, t('code.defaultMessage'));
  // A hex log view prints hex: decode() would raise on bytes that are not text (FF 00 ...).
  const decoding: Decoding =
    viewMode === 'hex' ? 'hex' : isEncodingId(viewMode) ? viewMode : message.encoding;
  const port = Number(destination?.port);
  const hints = {
    encoding: message.encoding,
    decoding,
    text: message.text,
    ...(destination?.host && Number.isInteger(port) && port > 0
      ? { destination: { host: destination.host, port } }
      : {}),
  };
  const spec = specFromSession(info, hints);
  const code = language === 'python' ? pythonProgram(spec) : nodeProgram(spec);
  const file = `${info.kind === 'udp' ? 'udp' : info.kind === 'tcp-client' ? 'tcp_client' : 'tcp_server'}${language === 'python' ? '.py' : '.js'}`;

  const onCopy = async (): Promise<void> => {
    try {
      await navigator.clipboard.writeText(code);
      setCopy('copied');
    } catch {
      // No clipboard permission (an insecure origin, a denied prompt): say so rather than pretend.
      setCopy('failed');
    }
    setTimeout(() => setCopy('idle'), 2000);
  };

  return (
    <div className="code-view" data-testid="code-view" data-language={language}>
      <div className="code-toolbar">
        <div className="segmented" role="radiogroup" aria-label={t('code.language')}>
          {(['python', 'node'] as const).map((lang) => (
            <button
              key={lang}
              type="button"
              role="radio"
              aria-checked={language === lang}
              className={`segment${language === lang ? ' active' : ''}`}
              data-testid={`code-language-${lang}`}
              onClick={() => setLanguage(lang)}
            >
              {t(`code.${lang}`)}
            </button>
          ))}
        </div>
        <span
          className="code-codecs"
          data-testid="code-codecs"
          data-encoding={message.encoding}
          data-decoding={decoding}
        >
          {decoding === 'hex'
            ? t('code.codecsHex', { encoding: label(message.encoding) })
            : t('code.codecs', { encoding: label(message.encoding), decoding: label(decoding) })}
        </span>
        <button
          type="button"
          className="btn btn-small code-copy"
          data-testid="code-copy"
          data-state={copy}
          onClick={() => void onCopy()}
        >
          {t(copy === 'copied' ? 'code.copied' : copy === 'failed' ? 'code.copyFailed' : 'code.copy')}
        </button>
      </div>
      <p className="code-note">
        {t('code.note')}{' '}
        <code className="mono">{language === 'python' ? `python3 ${file}` : `node ${file}`}</code>
        {spec.kind === 'udp' && !spec.send && !spec.bind ? ` — ${t('code.noDestination')}` : ''}
        {message.example && (
          <span data-testid="code-example" data-too-long={message.tooLong ?? false}>
            {' '}
            —{' '}
            {message.tooLong
              ? t('code.exampleTooLong', { n: formatCount(CODE_MESSAGE_CHARS) })
              : t(
                  info.kind === 'tcp-server' || info.kind === 'tcp-conn'
                    ? 'code.exampleReply'
                    : 'code.example',
                )}
          </span>
        )}
      </p>
      <pre className="code-text mono" data-testid="code-text">
        <code>{code}</code>
      </pre>
    </div>
  );
}
