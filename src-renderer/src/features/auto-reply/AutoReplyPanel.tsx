import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { AutoReplyRule, BridgeError, MatchKind, SessionInfo } from '../../../../src-shared/contract';
import { useSessionActions } from '../sessions/use-session-actions';
import { useErrorText } from '../../ui/use-error-text';
import { Expander } from '../../ui/Expander';
import { EncodingSelect } from '../../ui/EncodingSelect';
import { counted } from '../../ui/format';
import { useViewState } from '../../store/hooks';

const MATCH_KINDS: MatchKind[] = ['exact', 'contains', 'starts', 'ends', 'hex', 'regex'];

const emptyRule = (): AutoReplyRule => ({ match: 'contains', pattern: '', reply: '' });

/**
 * Echo and answer-by-rule, as NetAssist and Packet Sender users know them:
 * edited here, applied as a whole in main (a bad rule changes nothing), and
 * every automatic answer shows in the log marked as such.
 */
export function AutoReplyPanel({ info }: { info: SessionInfo }) {
  const { t } = useTranslation();
  const { setAutoReply } = useSessionActions(info);
  const errorText = useErrorText();
  const current = info.autoReply;
  const [echo, setEcho] = useState(current?.echo ?? false);
  // Replies go out in the session's encoding unless the rules were applied with another.
  const sessionEncoding = useViewState(info.id, (v) => v.encoding, 'utf-8');
  const [encoding, setEncoding] = useState(current?.encoding ?? sessionEncoding);
  const [rules, setRules] = useState<AutoReplyRule[]>(current?.rules ?? []);
  const [error, setError] = useState<BridgeError | undefined>();
  /** The configuration main last accepted from here: "Applied" is said only while the form still holds it. */
  const [applied, setApplied] = useState<string | undefined>();
  const active = current !== undefined;

  const config = { echo, encoding, rules: rules.filter((r) => r.pattern !== '') };
  const configKey = JSON.stringify(config);

  const update = (index: number, change: Partial<AutoReplyRule>): void => {
    setRules((list) => list.map((rule, i) => (i === index ? { ...rule, ...change } : rule)));
  };

  const apply = async (): Promise<void> => {
    setError(undefined);
    setApplied(undefined);
    const result = await setAutoReply(config);
    if (result.ok) setApplied(configKey);
    else setError(result.error);
  };

  const summary = active
    ? t(
        'autoReply.summary',
        counted(current.rules.length, { echo: current.echo ? t('autoReply.echoOn') : '' }),
      )
    : t('autoReply.off');

  return (
    <Expander testId="auto-reply" title={t('autoReply.title')} summary={summary} active={active}>
      <div className="auto-reply-row">
        <label className="field-inline checkbox" title={t('autoReply.echoTitle')}>
          <input
            type="checkbox"
            data-testid="auto-reply-echo"
            checked={echo}
            onChange={(e) => setEcho(e.target.checked)}
          />
          <span>{t('autoReply.echo')}</span>
        </label>
        <label className="field-inline">
          <span>{t('composer.encoding')}</span>
          <EncodingSelect testId="auto-reply-encoding" value={encoding} onChange={setEncoding} />
        </label>
        <span className="field-hint">{t('autoReply.hint')}</span>
      </div>
      {rules.map((rule, index) => (
        <div key={index} className="auto-reply-rule" data-testid="auto-reply-rule">
          <span className="rule-number mono">{index + 1}</span>
          <select
            data-testid="rule-match"
            value={rule.match}
            onChange={(e) => update(index, { match: e.target.value as MatchKind })}
          >
            {MATCH_KINDS.map((kind) => (
              <option key={kind} value={kind}>
                {t(`autoReply.match.${kind}`)}
              </option>
            ))}
          </select>
          <input
            className="mono"
            data-testid="rule-pattern"
            value={rule.pattern}
            spellCheck={false}
            placeholder={t(rule.match === 'regex' ? 'autoReply.patternRegex' : 'autoReply.pattern')}
            onChange={(e) => update(index, { pattern: e.target.value })}
          />
          <span className="rule-arrow" aria-hidden>
            →
          </span>
          <input
            className="mono"
            data-testid="rule-reply"
            value={rule.reply}
            spellCheck={false}
            placeholder={t(rule.match === 'regex' ? 'autoReply.replyRegex' : 'autoReply.reply')}
            onChange={(e) => update(index, { reply: e.target.value })}
          />
          <label className="field-inline checkbox">
            <input
              type="checkbox"
              data-testid="rule-reply-hex"
              checked={rule.replyHex ?? false}
              onChange={(e) => update(index, { replyHex: e.target.checked })}
            />
            <span>{t('composer.modeHex')}</span>
          </label>
          <button
            type="button"
            className="chip-x"
            data-testid="rule-remove"
            title={t('autoReply.remove')}
            onClick={() => setRules((list) => list.filter((_, i) => i !== index))}
          >
            ×
          </button>
        </div>
      ))}
      <div className="auto-reply-row">
        <button
          type="button"
          className="btn btn-small"
          data-testid="auto-reply-add"
          onClick={() => setRules((list) => [...list, emptyRule()])}
        >
          {t('autoReply.add')}
        </button>
        <button
          type="button"
          className="btn btn-small btn-primary"
          data-testid="auto-reply-apply"
          onClick={() => void apply()}
        >
          {t('autoReply.apply')}
        </button>
        {applied === configKey && !error && (
          <span className="composer-sent" data-testid="auto-reply-applied">
            {t('autoReply.applied')}
          </span>
        )}
        {error && (
          <span className="composer-error" role="alert" data-testid="auto-reply-error" data-code={error.code}>
            <strong className="mono">{error.code}</strong> {errorText(error)}
          </span>
        )}
      </div>
    </Expander>
  );
}
