import { useEffect, useMemo, useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { SessionInfo } from '../../../../src-shared/contract';
import {
  DEFAULT_FRAMING,
  FRAMING_CHOICES,
  MAX_GAP_MS,
  MAX_MESSAGE_BYTES,
  framedMessages,
  isFramingChoice,
  parseFraming,
  ruleKey,
  type FramedMessage,
  type FramingSetting,
} from './framing';
import { usePatchView, useViewState } from '../../store/hooks';
import type { LogOf } from './log-of';
import { counted } from '../../ui/format';

/**
 * Message framing of a TCP stream's log: the toolbar control, the hint that
 * teaches why it exists, and the framed rows' markers. The framing itself is
 * lib/framing.ts; LogView draws the messages in its usual rows.
 */

/** Only streams have chunks that are not messages; UDP datagrams are messages, a server's log is its sends to all. */
export const isStreamLog = (info: SessionInfo): boolean =>
  info.kind === 'tcp-client' || info.kind === 'tcp-conn';

export interface Framing {
  /** The framed messages, in time order; undefined when the log shows chunks as read. */
  messages: FramedMessage[] | undefined;
  /** Changes whenever the rule does (to re-measure rows). */
  key: string;
}

/** The session's framed messages, re-framed (incrementally) when the log changes. */
export function useFraming(view: LogOf): Framing {
  const { info, log, rev } = view;
  const setting = useViewState(info.id, (v) => v.framing, DEFAULT_FRAMING);
  const parsed = parseFraming(setting);
  const rule = isStreamLog(info) && parsed.ok && parsed.rule.kind !== 'chunks' ? parsed.rule : undefined;
  const key = rule ? ruleKey(rule) : 'chunks';
  // An idle-gap tail becomes complete by the clock, with no new data. The clock (µs) is set by a
  // timer when a tail's gap has passed; 0 = not read yet, every tail still pending.
  const [clock, setClock] = useState(0);
  const messages = useMemo(
    () => (rule ? framedMessages(log, rule, clock || undefined) : undefined),
    // The rule is identified by its key; rev marks a change inside the (mutable) log.
    // eslint-disable-next-line react-hooks/exhaustive-deps
    [rev, log, key, clock],
  );
  const gapMs = rule?.kind === 'idle' ? rule.gapMs : undefined;
  useEffect(() => {
    if (gapMs === undefined || !messages) return undefined;
    let due = Infinity;
    for (const m of messages) if (m.pending) due = Math.min(due, m.t / 1000 + gapMs);
    if (due === Infinity) return undefined;
    const timer = setTimeout(() => setClock(Date.now() * 1000), Math.max(0, due - Date.now()) + 5);
    return () => clearTimeout(timer);
  }, [messages, gapMs]);
  return { messages, key };
}

/** The "Framing" select and the input its choice needs (delimiter byte, gap, length). */
export function FramingControls({ info }: { info: SessionInfo }) {
  const { t } = useTranslation();
  const setting = useViewState(info.id, (v) => v.framing, DEFAULT_FRAMING);
  const patchView = usePatchView();
  const setFraming = (id: string, change: Partial<FramingSetting>): void =>
    patchView(id, { framing: { ...setting, ...change } });
  const parsed = parseFraming(setting);
  const bad = parsed.ok ? undefined : parsed.field;
  const input = (
    testId: string,
    field: 'byteHex' | 'gapMs' | 'length',
    label: string,
    problem: string | undefined,
  ) => (
    <input
      className={`input-tiny mono${problem ? ' input-bad' : ''}`}
      data-testid={testId}
      aria-label={label}
      aria-invalid={problem ? true : undefined}
      title={problem ?? label}
      value={setting[field]}
      spellCheck={false}
      onChange={(e) => setFraming(info.id, { [field]: e.target.value })}
    />
  );
  return (
    <label className="field-inline" title={t('framing.title')}>
      <span>{t('framing.label')}</span>
      <select
        data-testid="log-framing"
        value={setting.choice}
        onChange={(e) => isFramingChoice(e.target.value) && setFraming(info.id, { choice: e.target.value })}
      >
        {FRAMING_CHOICES.map((choice) => (
          <option key={choice} value={choice}>
            {t(`framing.choice.${choice}`)}
          </option>
        ))}
      </select>
      {setting.choice === 'byte' &&
        input(
          'log-framing-byte',
          'byteHex',
          t('framing.byte'),
          bad === 'byte' ? t('framing.badByte') : undefined,
        )}
      {setting.choice === 'idle' &&
        input(
          'log-framing-gap',
          'gapMs',
          t('framing.gap'),
          bad === 'gap' ? t('framing.badGap', { max: MAX_GAP_MS }) : undefined,
        )}
      {setting.choice === 'idle' && <span>{t('framing.unitMs')}</span>}
      {setting.choice === 'fixed' &&
        input(
          'log-framing-length',
          'length',
          t('framing.length'),
          bad === 'length' ? t('framing.badLength', { max: MAX_MESSAGE_BYTES }) : undefined,
        )}
      {setting.choice === 'fixed' && <span>{t('framing.unitBytes')}</span>}
    </label>
  );
}

/** One line under the toolbar: a stream has no messages; chunks are reads; framing is only a view. */
export function FramingHint({ framed }: { framed: boolean }) {
  const { t } = useTranslation();
  const text = t(framed ? 'framing.hintFramed' : 'framing.hintChunks');
  return (
    <p className="framing-hint" data-testid="log-framing-hint" data-framed={framed} title={text}>
      {text}
    </p>
  );
}

/** After a framed row's text: how many reads it spans, and whether it is still pending or was cut. */
export function FramedMarks({ message }: { message: FramedMessage }) {
  const { t } = useTranslation();
  const range = counted(message.chunks, { first: message.firstSeq, last: message.seq });
  return (
    <>
      {message.chunks > 1 && (
        <span className="frame-badge" data-testid="log-chunks" title={t('framing.chunksTitle', range)}>
          {t('framing.chunks', counted(message.chunks))}
        </span>
      )}
      {message.pending && (
        <span
          className="frame-badge frame-pending"
          data-testid="log-pending"
          title={t('framing.pendingTitle')}
        >
          {t('framing.pending')}
        </span>
      )}
      {message.cut && (
        <span
          className="frame-badge frame-cut"
          data-testid="log-cut"
          title={t('framing.cutTitle', counted(MAX_MESSAGE_BYTES))}
        >
          {t('framing.cut')}
        </span>
      )}
    </>
  );
}

/** The detail pane's label of a framed message: its number and the chunks it came from. */
export function FramedLabel({ message }: { message: FramedMessage }) {
  const { t } = useTranslation();
  const range = counted(message.chunks, { first: message.firstSeq, last: message.seq });
  return (
    <span className="mono" data-testid="log-detail-message">
      {t('framing.message', { n: message.n })} ·{' '}
      {message.chunks > 1 ? t('framing.chunksTitle', range) : t('framing.oneChunkTitle', range)}
      {message.pending ? ` · ${t('framing.pending')}` : ''}
    </span>
  );
}
