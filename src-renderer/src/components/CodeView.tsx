import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { ENCODINGS, isEncodingId, type EncodingId } from '../../../src-shared/codec/encodings';
import { nodeProgram, pythonProgram, specFromSession, type CodeLanguage } from '../../../src-shared/codegen';
import type { SessionInfo } from '../../../src-shared/contract';
import { useSessions, type SessionView } from '../store/sessions';
import { useUi } from '../store/ui';
import '../teaching.css';

type CopyState = 'idle' | 'copied' | 'failed';

/**
 * The session as a program a student could type: Python 3 in the course's
 * style, or Node.js, regenerated whenever the session's settings change.
 */
export function CodeView({ view }: { view: SessionView }) {
  const { t } = useTranslation();
  const parent = useSessions((s) => (view.info.parentId ? s.sessions[view.info.parentId] : undefined));
  // An accepted connection's program is the server program that accepted it.
  const info: SessionInfo = view.info.kind === 'tcp-conn' && parent ? parent.info : view.info;
  const viewMode = useUi((s) => s.viewMode[view.info.id]);
  const destination = useUi((s) => s.destination[view.info.id]);
  const [language, setLanguage] = useState<CodeLanguage>('python');
  const [encoding, setEncoding] = useState<EncodingId>(
    viewMode && viewMode !== 'hex' && isEncodingId(viewMode) ? viewMode : 'utf-8',
  );
  const [text, setText] = useState(() => t('code.defaultMessage'));
  const [copy, setCopy] = useState<CopyState>('idle');

  const port = Number(destination?.port);
  const hints = {
    encoding,
    text,
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
        <label className="field-inline">
          <span>{t('code.encoding')}</span>
          <select
            data-testid="code-encoding"
            value={encoding}
            onChange={(e) => isEncodingId(e.target.value) && setEncoding(e.target.value)}
          >
            {ENCODINGS.map((e) => (
              <option key={e.id} value={e.id}>
                {e.label}
              </option>
            ))}
          </select>
        </label>
        <label className="field-inline code-message">
          <span>
            {t(info.kind === 'tcp-server' || info.kind === 'tcp-conn' ? 'code.reply' : 'code.message')}
          </span>
          <input data-testid="code-message" value={text} onChange={(e) => setText(e.target.value)} />
        </label>
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
      </p>
      <pre className="code-text mono" data-testid="code-text">
        <code>{code}</code>
      </pre>
    </div>
  );
}
