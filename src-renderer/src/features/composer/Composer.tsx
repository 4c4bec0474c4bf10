import { useEffect, useMemo, useRef, useState, type KeyboardEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { CHECKSUMS, type ChecksumId } from '../../../../src-shared/codec/checksum';
import { ENCODINGS, type EncodingId } from '../../../../src-shared/codec/encodings';
import { toHex } from '../../../../src-shared/codec/hex';
import { widerEncoding } from '../../../../src-shared/codec/text';
import type { BridgeError, SavedMessage, SessionInfo } from '../../../../src-shared/contract';
import { useSessionActions } from '../sessions/use-session-actions';
import { useStoreActions } from './use-store-actions';
import {
  advanceSend,
  compose,
  nextSendContext,
  type ComposeProblem,
  type ComposeSettings,
  type InputMode,
  type LineEnding,
} from './compose';
import { counted, formatCount } from '../../ui/format';
import { destinationProblem, sendFamily, udpPayloadLimit } from './send-limits';
import { HELD_TEXT_CHARS } from './held-text';
import { useSettledInput } from './use-settled-input';
import { useErrorText } from '../../ui/use-error-text';
import { useStored } from './use-stored';
import { TouchLedger } from '../../ui/touch-ledger';
import { touchProps } from '../../ui/touch-props';
import { useOffline, usePatchDrafts, usePatchView, useViewState } from '../../store/hooks';
import { useStore } from '../../store/store';
import { DEFAULT_COMPOSE_SETTINGS, EMPTY_DRAFTS } from '../../store/view-state';
import { EncodingSelect } from '../../ui/EncodingSelect';
import { FollowSession } from '../../ui/FollowSession';
import { FileSendControls } from './FileSendControls';
import { DraftTextarea } from './DraftTextarea';
import { HeldText } from './HeldText';
import { ConversionNote, useModeSwitch } from './ModeSwitch';
import { PeriodicControls } from './PeriodicControls';
import { SavedMessages } from './SavedMessages';
import { isClosedState } from '../sessions/session-state';

/** Message bytes shown in the preview; the checksum and line ending are always shown after them. */
const PREVIEW_LIMIT = 64;
/** Characters of context shown either side of a problem. */
const EXCERPT = 12;

const VARIABLE_SNIPPETS = [
  '{{COUNTER}}',
  '{{COUNTER:4}}',
  '{{TIME}}',
  '{{DATE}}',
  '{{TIMESTAMP}}',
  '{{RANDOM:4}}',
];

function codePoint(char: string): string {
  return `U+${(char.codePointAt(0) ?? 0).toString(16).toUpperCase().padStart(4, '0')}`;
}

/** The typed text around a problem, with the problem itself marked. */
function Excerpt({ input, problem, onShow }: { input: string; problem: ComposeProblem; onShow: () => void }) {
  const { t } = useTranslation();
  const start = Math.max(0, problem.index - EXCERPT);
  const end = Math.min(input.length, problem.index + problem.length + EXCERPT);
  const visible = (s: string): string => s.replace(/\n/g, '⏎').replace(/\r/g, '␍').replace(/\t/g, '⇥');
  return (
    <button
      type="button"
      className="composer-excerpt mono"
      data-testid="composer-problem-excerpt"
      title={t('composer.showProblem')}
      onClick={onShow}
    >
      {start > 0 ? '…' : ''}
      {visible(input.slice(start, problem.index))}
      <mark data-testid="composer-problem-mark">
        {visible(input.slice(problem.index, problem.index + problem.length)) || ' '}
      </mark>
      {visible(input.slice(problem.index + problem.length, end))}
      {end < input.length ? '…' : ''}
    </button>
  );
}

/**
 * The send box: text in an encoding (optionally with escapes and variables)
 * or hex, a line ending and a checksum to append, the exact bytes previewed
 * before they go, and for UDP the destination. What was typed stays after
 * sending and after an error, so nothing has to be typed twice.
 */
export function Composer({ info }: { info: SessionInfo }) {
  const { t } = useTranslation();
  const actions = useSessionActions(info);
  const { setComposer } = useStoreActions();
  const errorText = useErrorText();
  // What is typed and chosen here is the session's view state: kept while another session is
  // shown, and (what was typed) across a reload.
  const patchDrafts = usePatchDrafts();
  const patchView = usePatchView();
  const destination = useViewState(info.id, (v) => v.drafts.destination, undefined);
  const setDestination = (id: string, host: string, port: string): void =>
    patchDrafts(id, { destination: { host, port } });
  const inputRef = useRef<HTMLTextAreaElement>(null);
  const input = useViewState(info.id, (v) => v.drafts.input, EMPTY_DRAFTS.input);
  const setInput = (next: string): void => patchDrafts(info.id, { input: next });
  const composeSettings = useViewState(info.id, (v) => v.compose, DEFAULT_COMPOSE_SETTINGS);
  const composeSetter =
    <K extends keyof ComposeSettings>(key: K) =>
    (value: ComposeSettings[K]): void => {
      const current = useStore.getState().views[info.id]?.compose ?? DEFAULT_COMPOSE_SETTINGS;
      patchView(info.id, { compose: { ...current, [key]: value } });
    };
  const { mode, lineEnding, escapes, variables, checksum } = composeSettings;
  // The session's encoding unless this box was set to another (then it is the box's own choice).
  const sessionEncoding = useViewState(info.id, (v) => v.encoding, 'utf-8');
  const encoding = useViewState(info.id, (v) => v.composeEncoding ?? v.encoding, 'utf-8');
  const setStoredMode = composeSetter('mode');
  const setStoredEncoding = (chosen: EncodingId): void =>
    patchView(info.id, { composeEncoding: chosen === sessionEncoding ? undefined : chosen });
  const setStoredLineEnding = composeSetter('lineEnding');
  const setStoredEscapes = composeSetter('escapes');
  const setStoredVariables = composeSetter('variables');
  const setStoredChecksum = composeSetter('checksum');
  // A long paste stays out of the edit box unless the user asks to edit it there (see HELD_TEXT_CHARS).
  const [editLong, setEditLong] = useState(false);
  // The remembered settings come from main after the composer is on screen: they never
  // replace a setting the user changed since they were asked for (the setters below are the user's).
  const [touched] = useState(() => new TouchLedger<keyof ComposeSettings | 'destination'>());
  const userSets =
    <K extends keyof ComposeSettings>(key: K, set: (value: ComposeSettings[K]) => void) =>
    (value: ComposeSettings[K]): void => {
      touched.touch(key);
      set(value);
    };
  const setMode = userSets('mode', setStoredMode);
  const setEncoding = userSets('encoding', setStoredEncoding);
  const setLineEnding = userSets('lineEnding', setStoredLineEnding);
  const setEscapes = userSets('escapes', setStoredEscapes);
  const setVariables = userSets('variables', setStoredVariables);
  const setChecksum = userSets('checksum', setStoredChecksum);
  const asked = useRef(0);
  const [error, setError] = useState<BridgeError | undefined>();
  /** The last send's confirmation, or its warning (send-to-all with no client); cleared by any edit. */
  /** The last send's result, and what the composer held then: shown only while nothing has changed. */
  const [sent, setSent] = useState<
    { value: { bytes: number; clients?: number }; key: { input: string; rest: string } } | undefined
  >();
  const [busy, setBusy] = useState(false);
  /** UDP: connect() to the destination first, so "port unreachable" comes back as an error. */
  const [connectUdp, setConnectUdp] = useState(false);
  // Bumped after each send (new counter, new random bytes) and, while the
  // input shows the clock, every second: the preview is always of the next send.
  const [tick, setTick] = useState(0);
  const [now, setNow] = useState(() => new Date());
  // Saved messages and this session's remembered settings (kept in main, across restarts).
  const restoredKey = useViewState<string | undefined>(info.id, (v) => v.composeRestoredFrom, undefined);
  const stored = useStored(info, (view) => {
    // Main's remembered settings fill the composer once per session and key: coming back to a
    // session shows what the user left there, not main's copy of it.
    if (useStore.getState().views[info.id]?.composeRestoredFrom === view.key) return;
    const s = view.composer?.settings;
    if (s) {
      const untouched = (key: keyof ComposeSettings): boolean => touched.untouchedSince(key, asked.current);
      if (untouched('mode')) setStoredMode(s.mode);
      // The encoding main kept for this address (the app restarted: the page's storage may be
      // another origin's): shown as the composer's own choice unless it is the session's.
      if (untouched('encoding')) setStoredEncoding(s.encoding);
      if (untouched('lineEnding')) setStoredLineEnding(s.lineEnding);
      if (untouched('escapes')) setStoredEscapes(s.escapes);
      if (untouched('variables')) setStoredVariables(s.variables);
      if (untouched('checksum')) setStoredChecksum(s.checksum);
    }
    const saved = view.composer?.destination;
    if (
      saved &&
      !useStore.getState().views[info.id]?.drafts.destination &&
      touched.untouchedSince('destination', asked.current)
    )
      setDestination(info.id, saved.host, saved.port);
    patchView(info.id, { composeRestoredFrom: view.key });
  });
  // useStored asks main for this key's view in the same commit.
  useEffect(() => {
    asked.current = touched.ask();
  }, [touched, stored.key]);
  useEffect(() => {
    // Only after the stored settings were applied, so defaults never overwrite them.
    if (restoredKey !== stored.key) return undefined;
    const timer = setTimeout(() => {
      void setComposer({
        key: stored.key,
        composer: {
          settings: { mode, encoding, lineEnding, escapes, variables, checksum },
          ...(destination ? { destination: { host: destination.host, port: destination.port } } : {}),
        },
      });
    }, 400);
    return () => clearTimeout(timer);
  }, [
    setComposer,
    stored.key,
    restoredKey,
    mode,
    encoding,
    lineEnding,
    escapes,
    variables,
    checksum,
    destination,
  ]);

  const settings = { mode, encoding, lineEnding, escapes, variables, checksum };
  // A long input is previewed (and handed to the Code tab) once typing pauses: see useSettledInput.
  const settled = useSettledInput(input);
  const previewInput = settled.value;
  const composed = useMemo(
    () => compose(previewInput, settings, nextSendContext(info.id, now)),
    // `settings` is rebuilt each render from the values listed here.
    // eslint-disable-next-line react-hooks/exhaustive-deps
    [previewInput, mode, encoding, lineEnding, escapes, variables, checksum, info.id, now, tick],
  );
  const uses = composed.ok ? composed.payload.uses : undefined;
  const usesClock = !!uses && (uses.has('TIME') || uses.has('TIMESTAMP') || uses.has('DATE'));
  useEffect(() => {
    if (!usesClock) return undefined;
    const timer = setInterval(() => setNow(new Date()), 1000);
    return () => clearInterval(timer);
  }, [usesClock]);

  const closed = isClosedState(info.state);
  // Nothing can be sent while main is out of reach; what is typed stays editable and kept.
  const offline = useOffline();
  const cannotSend = closed || offline;
  const isUdp = info.kind === 'udp';
  const isServer = info.kind === 'tcp-server';
  const host = destination?.host ?? '127.0.0.1';
  const port = destination?.port ?? '';
  // Said before Send, not learnt from BAD_PORT or EMSGSIZE after it.
  const destinationIssue = isUdp ? destinationProblem(host, port) : undefined;
  const family = sendFamily(host, info.local?.family);
  const datagramLimit = isUdp ? udpPayloadLimit(family) : undefined;
  const oversize = (bytes: number): boolean => datagramLimit !== undefined && bytes > datagramLimit;

  const problemText = (p: ComposeProblem): string => {
    const at = p.index + 1;
    switch (p.kind) {
      case 'bad-hex':
        return t(`composer.badHex.${p.reason}`, { char: p.char, index: at });
      case 'bad-escape':
        return t(`composer.badEscape.${p.reason}`, { text: p.text, index: at });
      case 'bad-variable':
        return t(`composer.badVariable.${p.reason}`, { text: p.text, index: at });
      case 'unencodable': {
        const label = (id: EncodingId): string => ENCODINGS.find((e) => e.id === id)?.label ?? id;
        const wider = widerEncoding(p.char, p.encoding);
        const text = t('composer.unencodable', {
          char: p.char,
          code: codePoint(p.char),
          index: at,
          encoding: label(p.encoding),
        });
        return wider
          ? `${text}${t('sentenceGap')}${t('composer.tryWider', { encoding: label(wider) })}`
          : text;
      }
    }
  };

  /** Put the cursor on the problem, selected, so it can be fixed in place. */
  const showProblem = (p: ComposeProblem): void => {
    const el = inputRef.current;
    if (!el) return;
    el.focus();
    el.setSelectionRange(p.index, p.index + p.length);
  };

  const modeSwitch = useModeSwitch({
    input,
    mode,
    encoding,
    escapes,
    variables,
    problemText,
    apply: (next, nextMode) => {
      setInput(next);
      setMode(nextMode);
      setSent(undefined);
    },
  });
  /** Any edit makes the last confirmation and conversion note stale. */
  const edit = (next: string): void => {
    setInput(next);
    setSent(undefined);
    modeSwitch.clear();
  };

  const send = (): Promise<void> => sendText(input, settings);
  const sendSaved = (message: SavedMessage): void => void sendText(message.input, message.settings);

  async function sendText(text: string, how: ComposeSettings): Promise<void> {
    if (busy || cannotSend) return;
    // Built afresh at the moment of sending: the clock has moved since the preview.
    const result = compose(text, how, nextSendContext(info.id, new Date()));
    if (!result.ok || destinationIssue || oversize(result.payload.bytes.byteLength)) return;
    setBusy(true);
    setError(undefined);
    setSent(undefined);
    const payload = result.payload.bytes;
    const sendResult = await actions.send(payload, {
      host: host.trim(),
      port: Number(port),
      connect: connectUdp,
    });
    setBusy(false);
    if (!sendResult.ok) {
      setError(sendResult.error);
      return;
    }
    advanceSend(info.id);
    setTick((n) => n + 1);
    setNow(new Date());
    setSent({ value: sendResult.value, key: sendKey });
  }

  function sentText(value: { bytes: number; clients?: number }): { text: string; warn: boolean } {
    if (value.clients === undefined) return { text: t('composer.sent', counted(value.bytes)), warn: false };
    if (value.clients === 0) return { text: t('composer.sentToNone'), warn: true };
    return { text: t('composer.sentToAll', counted(value.clients)), warn: false };
  }

  // Any change to what would be sent, or where, makes the last confirmation stale; its text is
  // made at render time, so it follows a change of language.
  // The input is compared by identity: a 10 MB draft is not stringified at every keystroke.
  const sendKey = { input, rest: JSON.stringify([settings, host, port, connectUdp]) };
  const sentNote =
    sent && sent.key.input === sendKey.input && sent.key.rest === sendKey.rest
      ? sentText(sent.value)
      : undefined;

  const onKeyDown = (e: KeyboardEvent<HTMLTextAreaElement>): void => {
    if (e.key === 'Enter' && (e.ctrlKey || e.metaKey)) {
      e.preventDefault();
      void send();
    }
  };

  const insertVariable = (snippet: string): void => {
    const el = inputRef.current;
    const at = el ? el.selectionStart : input.length;
    const end = el ? el.selectionEnd : input.length;
    edit(input.slice(0, at) + snippet + input.slice(end));
    setVariables(true);
    requestAnimationFrame(() => {
      el?.focus();
      el?.setSelectionRange(at + snippet.length, at + snippet.length);
    });
  };

  const problem = composed.ok ? undefined : composed.problem;
  const preview = composed.ok ? composed.payload : undefined;
  const tooBig = preview && oversize(preview.bytes.byteLength) ? preview.bytes.byteLength : undefined;
  /** Why Send is off while the input itself is fine: said next to the preview and on the button. */
  const blocked =
    tooBig !== undefined
      ? t('composer.tooBig', { n: formatCount(tooBig), max: formatCount(datagramLimit ?? 0), family })
      : destinationIssue
        ? t(`composer.destination.${destinationIssue}`)
        : undefined;
  // Periodic sends expand the same input in main, counting on from the composer's next counter.
  const template = composed.ok
    ? { input, settings, firstCounter: nextSendContext(info.id, now).counter }
    : undefined;
  const udpDestination =
    isUdp && host.trim() && Number(port) > 0 ? { host: host.trim(), port: Number(port) } : undefined;
  const afterPeriodic = (n: number): void => {
    for (let i = 0; i < n; i += 1) advanceSend(info.id);
    setTick((k) => k + 1);
  };
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
                {...touchProps(() => touched.touch('destination'))}
                value={host}
                spellCheck={false}
                aria-invalid={destinationIssue === 'no-host'}
                onChange={(e) => setDestination(info.id, e.target.value, port)}
                placeholder={t('composer.hostPlaceholder')}
              />
            </label>
            <label className="field-inline">
              <span>{t('composer.port')}</span>
              <input
                className="mono input-port"
                data-testid="composer-port"
                {...touchProps(() => touched.touch('destination'))}
                value={port}
                inputMode="numeric"
                aria-invalid={destinationIssue === 'no-port' || destinationIssue === 'bad-port'}
                onChange={(e) => setDestination(info.id, host, e.target.value)}
                placeholder={t('composer.portPlaceholder')}
              />
            </label>
            <label className="field-inline checkbox" title={t('composer.connectTitle')}>
              <input
                type="checkbox"
                data-testid="composer-connect"
                checked={connectUdp}
                onChange={(e) => setConnectUdp(e.target.checked)}
              />
              <span className="mono">connect()</span>
            </label>
          </div>
        )}
        <label className="field-inline">
          <span>{t('composer.mode')}</span>
          <select
            data-testid="composer-mode"
            value={mode}
            title={t('composer.modeTitle')}
            onChange={(e) => modeSwitch.switchTo(e.target.value as InputMode)}
          >
            <option value="text">{t('composer.modeText')}</option>
            <option value="hex">{t('composer.modeHex')}</option>
          </select>
        </label>
        {mode === 'text' && (
          <>
            <label className="field-inline">
              <span>{t('composer.encoding')}</span>
              <EncodingSelect testId="composer-encoding" value={encoding} onChange={setEncoding} />
            </label>
            {encoding !== sessionEncoding && (
              <FollowSession
                sessionEncoding={sessionEncoding}
                testId="composer-encoding-follow-session"
                onFollow={() => setEncoding(sessionEncoding)}
              />
            )}
            <label className="field-inline checkbox" title={t('composer.escapesHint')}>
              <input
                type="checkbox"
                data-testid="composer-escapes"
                checked={escapes}
                onChange={(e) => setEscapes(e.target.checked)}
              />
              <span>{t('composer.escapes')}</span>
            </label>
            <label
              className="field-inline checkbox"
              title={t('composer.variablesHint', { list: VARIABLE_SNIPPETS.join(' ') })}
            >
              <input
                type="checkbox"
                data-testid="composer-variables"
                checked={variables}
                onChange={(e) => setVariables(e.target.checked)}
              />
              <span>{t('composer.variables')}</span>
            </label>
            <select
              className="composer-insert"
              data-testid="composer-insert-variable"
              value=""
              title={t('composer.variablesHint', { list: VARIABLE_SNIPPETS.join(' ') })}
              onChange={(e) => e.target.value && insertVariable(e.target.value)}
              disabled={closed}
            >
              <option value="">{t('composer.insertVariable')}</option>
              {VARIABLE_SNIPPETS.map((v) => (
                <option key={v} value={v}>
                  {v}
                </option>
              ))}
            </select>
          </>
        )}
        <span className="composer-options-sep" aria-hidden />
        <label className="field-inline">
          <span>{t('composer.checksum')}</span>
          <select
            className="select-checksum"
            data-testid="composer-checksum"
            value={checksum}
            title={t('composer.checksumHint')}
            onChange={(e) => setChecksum(e.target.value as ChecksumId)}
          >
            {CHECKSUMS.map((c) => (
              <option key={c.id} value={c.id}>
                {t(`composer.checksums.${c.id}`)}
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
      </div>
      <div className="composer-main">
        {input.length > HELD_TEXT_CHARS && !editLong ? (
          <HeldText text={input} onEdit={() => setEditLong(true)} onClear={() => edit('')} />
        ) : (
          <DraftTextarea
            inputRef={inputRef}
            className={`mono${problem ? ' has-problem' : ''}`}
            data-testid="composer-input"
            value={input}
            spellCheck={false}
            aria-invalid={!!problem}
            placeholder={t(mode === 'hex' ? 'composer.placeholderHex' : 'composer.placeholderText')}
            onValue={edit}
            onLargePaste={(whole) => {
              setEditLong(false);
              edit(whole);
            }}
            onKeyDown={onKeyDown}
            disabled={closed}
          />
        )}
        <button
          type="button"
          className="btn btn-primary btn-send"
          data-testid={isServer ? 'composer-send-all' : 'composer-send'}
          disabled={cannotSend || busy || !composed.ok || blocked !== undefined}
          onClick={() => void send()}
          title={blocked ?? t('composer.sendHint')}
        >
          {isServer ? t('composer.sendAll') : t('composer.send')}
        </button>
      </div>
      <div className="composer-status">
        {problem ? (
          <span
            className="composer-problem"
            role="alert"
            data-testid="composer-problem"
            data-kind={problem.kind}
            data-index={problem.index}
            data-length={problem.length}
          >
            <span>{problemText(problem)}</span>
            <Excerpt input={previewInput} problem={problem} onShow={() => showProblem(problem)} />
          </span>
        ) : preview && preview.bytes.byteLength > 0 ? (
          <span
            className={`composer-preview mono${settled.settled ? '' : ' stale'}`}
            data-testid="composer-preview"
            data-bytes={preview.bytes.byteLength}
            data-settled={settled.settled}
          >
            {!settled.settled && <span className="preview-updating">{t('composer.previewUpdating')} </span>}
            {t('composer.preview', counted(preview.bytes.byteLength))}{' '}
            <span className="preview-body">
              {toHex(preview.bytes.subarray(0, Math.min(preview.body, PREVIEW_LIMIT)))}
              {preview.body > PREVIEW_LIMIT ? ' …' : ''}
            </span>
            {preview.checksum > 0 && (
              <>
                {' '}
                <span className="preview-checksum" data-testid="composer-preview-checksum">
                  {toHex(preview.bytes.subarray(preview.body, preview.body + preview.checksum))}
                </span>
              </>
            )}
            {preview.ending > 0 && (
              <>
                {' '}
                <span className="preview-ending">
                  {toHex(preview.bytes.subarray(preview.body + preview.checksum))}
                </span>
              </>
            )}
          </span>
        ) : null}
        {blocked && !problem && (
          <span
            className="composer-blocked"
            role="alert"
            data-testid="composer-blocked"
            data-reason={tooBig !== undefined ? 'too-big' : destinationIssue}
            {...(datagramLimit !== undefined ? { 'data-limit': datagramLimit } : {})}
          >
            {blocked}
          </span>
        )}
        {preview && preview.uses.size > 0 && (
          <span className="composer-next" data-testid="composer-next-note">
            {t('composer.nextSend', { n: nextSendContext(info.id, now).counter })}
          </span>
        )}
        {error && (
          <span className="composer-error" role="alert" data-testid="composer-error" data-code={error.code}>
            <strong className="mono">{error.code}</strong> {errorText(error)}
          </span>
        )}
        {sentNote && !error && (
          <span
            className={sentNote.warn ? 'composer-warning' : 'composer-sent'}
            role={sentNote.warn ? 'alert' : undefined}
            data-testid={sentNote.warn ? 'composer-nothing-sent' : 'composer-sent'}
          >
            {sentNote.text}
          </span>
        )}
        {modeSwitch.conversion && (
          <ConversionNote
            conversion={modeSwitch.conversion}
            onAction={(next, nextMode) => {
              setInput(next);
              setMode(nextMode);
              modeSwitch.clear();
            }}
          />
        )}
      </div>
      {/* The rarely used tools share one line (it wraps as a group on a narrow window). */}
      <div className="composer-extras">
        <SavedMessages
          storeKey={stored.key}
          view={stored.view}
          onView={stored.setView}
          current={template ? { input, settings } : undefined}
          onSend={sendSaved}
          disabled={cannotSend || busy}
        />
        <div className="composer-tools">
          <PeriodicControls
            info={info}
            template={tooBig === undefined ? template : undefined}
            {...(udpDestination ? { destination: udpDestination } : {})}
            onFinished={afterPeriodic}
          />
          <FileSendControls info={info} {...(udpDestination ? { destination: udpDestination } : {})} />
        </div>
      </div>
    </div>
  );
}
