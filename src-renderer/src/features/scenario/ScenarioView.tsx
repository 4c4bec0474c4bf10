import { useRef, type ChangeEvent } from 'react';
import { useTranslation } from 'react-i18next';
import type {
  BridgeError,
  ScenarioRunResult,
  ScenarioStepResult,
  SessionInfo,
} from '../../../../src-shared/contract';
import { ErrorExplain } from '../../ui/ErrorExplain';
import { useErrorText } from '../../ui/use-error-text';
import { useOffline, useViewState } from '../../store/hooks';
import { useStore } from '../../store/store';
import type { ScenarioState } from '../../store/view-state';
import { MAX_SCENARIO_BYTES, formatOfFile, scenarioLang, udpDestination } from './scenario-input';
import { useScenarioActions } from './use-scenario-actions';

const EMPTY: ScenarioState = { text: '', format: 'yaml' };
/** An example in the file's own language (code, the same in every UI language). */
const EXAMPLE = 'name: greeting\nsteps:\n  - send: "HELLO\\n"\n  - expect: "^HELLO"';

/** Tells runs apart, so only the newest one's answer is shown. */
let lastToken = 0;

/**
 * Change this session's Scenario tab state. Read from the store at the time of
 * the change, not from a render: a run's answer arrives long after, and must
 * not put back a text the user has edited since.
 */
function patchScenario(sessionId: string, patch: Partial<ScenarioState>): void {
  const { views, patchView } = useStore.getState();
  const view = views[sessionId];
  if (view) patchView(sessionId, { scenario: { ...EMPTY, ...view.scenario, ...patch } });
}

/**
 * The Scenario tab: a scenario file (the command line's format, docs/cli.md)
 * run on this session. What was loaded or typed, and the last outcome, stay in
 * the session's view state, so switching sessions or tabs keeps them.
 */
export function ScenarioView({ info }: { info: SessionInfo }) {
  const { t, i18n } = useTranslation();
  const errorText = useErrorText();
  const actions = useScenarioActions(info.id);
  const offline = useOffline();
  const fileRef = useRef<HTMLInputElement>(null);
  const state = useViewState(info.id, (v) => v.scenario, undefined) ?? EMPTY;
  const composerTo = useViewState(info.id, (v) => v.drafts.destination, undefined);
  const isUdp = info.kind === 'udp';
  // Until touched, the composer's destination: the place this session already talks to.
  const host = state.host ?? composerTo?.host ?? '';
  const port = state.port ?? composerTo?.port ?? '';
  const running = state.running !== undefined;
  const patch = (p: Partial<ScenarioState>): void => patchScenario(info.id, p);

  const load = async (event: ChangeEvent<HTMLInputElement>): Promise<void> => {
    const input = event.currentTarget;
    const file = input.files?.[0];
    input.value = ''; // the same file again is a new load
    if (!file) return;
    if (file.size > MAX_SCENARIO_BYTES) {
      patch({
        error: {
          code: 'PAYLOAD_TOO_LARGE',
          message: `Too much data: ${file.size} bytes (at most ${MAX_SCENARIO_BYTES}).`,
          params: { size: file.size, max: MAX_SCENARIO_BYTES },
        },
      });
      return;
    }
    try {
      const text = await file.text();
      patch({ text, format: formatOfFile(file.name), fileName: file.name, error: undefined });
    } catch (err) {
      const detail = err instanceof Error ? err.message : String(err);
      patch({
        error: {
          code: 'FILE_READ_FAILED',
          message: `The file ${file.name} could not be read: ${detail}`,
          params: { name: file.name, detail },
        },
      });
    }
  };

  const run = async (): Promise<void> => {
    const to = isUdp ? udpDestination(host, port) : { ok: true as const, value: {} };
    if (!to.ok) {
      patch({ error: to.error, result: undefined });
      return;
    }
    const token = ++lastToken;
    patch({ running: token, result: undefined, error: undefined });
    const answer = await actions.run({
      text: state.text,
      format: state.format,
      ...to.value,
      lang: scenarioLang(i18n.language),
    });
    // A newer run (or a removed session) took over: this answer is no longer what the tab shows.
    if (useStore.getState().views[info.id]?.scenario?.running !== token) return;
    patch(
      answer.ok ? { running: undefined, result: answer.value } : { running: undefined, error: answer.error },
    );
  };

  return (
    <div className="scenario" data-testid="scenario">
      <p className="scenario-intro">{t('scenario.intro')}</p>
      <div className="scenario-toolbar">
        <input
          ref={fileRef}
          type="file"
          accept=".yaml,.yml,.json"
          className="visually-hidden"
          data-testid="scenario-file"
          onChange={(e) => void load(e)}
        />
        <button
          type="button"
          className="btn btn-small"
          title={t('scenario.loadTitle')}
          data-testid="scenario-load"
          onClick={() => fileRef.current?.click()}
        >
          {t('scenario.load')}
        </button>
        {state.fileName && (
          <span className="scenario-file-name mono" data-testid="scenario-file-name">
            {t('scenario.loaded', { name: state.fileName })}
          </span>
        )}
        <label className="field-inline">
          {t('scenario.format')}
          <select
            data-testid="scenario-format"
            value={state.format}
            onChange={(e) => patch({ format: e.target.value === 'json' ? 'json' : 'yaml' })}
          >
            <option value="yaml">YAML</option>
            <option value="json">JSON</option>
          </select>
        </label>
        {isUdp && (
          <label className="field-inline" title={t('scenario.destinationTitle')}>
            {t('scenario.destination')}
            <input
              className="input-host mono"
              data-testid="scenario-host"
              value={host}
              placeholder={t('scenario.firstTarget')}
              onChange={(e) => patch({ host: e.target.value, port })}
            />
            <input
              className="input-port mono"
              data-testid="scenario-port"
              value={port}
              inputMode="numeric"
              onChange={(e) => patch({ host, port: e.target.value })}
            />
          </label>
        )}
        <span className="scenario-actions">
          {running ? (
            <button
              type="button"
              className="btn btn-small btn-danger"
              data-testid="scenario-cancel"
              onClick={() => void actions.cancel()}
            >
              {t('scenario.cancel')}
            </button>
          ) : (
            <button
              type="button"
              className="btn btn-small btn-primary"
              data-testid="scenario-run"
              title={t('scenario.runTitle')}
              disabled={offline || !state.text.trim()}
              onClick={() => void run()}
            >
              {t('scenario.run')}
            </button>
          )}
        </span>
      </div>
      <textarea
        className="scenario-text mono"
        data-testid="scenario-text"
        aria-label={t('scenario.text')}
        spellCheck={false}
        rows={8}
        value={state.text}
        placeholder={EXAMPLE}
        onChange={(e) => patch({ text: e.target.value })}
      />
      {state.error && <ScenarioError error={state.error} text={errorText(state.error)} />}
      {running && (
        <p className="scenario-running" data-testid="scenario-running">
          {t('scenario.running')}
        </p>
      )}
      {state.result && <ScenarioResult result={state.result} />}
    </div>
  );
}

function ScenarioError({ error, text }: { error: BridgeError; text: string }) {
  return (
    <div className="notice notice-error" role="alert" data-testid="scenario-error" data-code={error.code}>
      <strong className="mono">{error.code}</strong> {text}
      <ErrorExplain code={error.code} />
    </div>
  );
}

function ScenarioResult({ result }: { result: ScenarioRunResult }) {
  const { t } = useTranslation();
  const count = (status: ScenarioStepResult['status']): number =>
    result.steps.filter((s) => s.status === status).length;
  const summary = result.passed
    ? t('scenario.allPassed', { name: result.name, count: result.steps.length })
    : t(result.cancelled ? 'scenario.cancelled' : 'scenario.someFailed', {
        name: result.name,
        passed: count('pass'),
        failed: count('fail'),
        skipped: count('skip'),
      });
  return (
    <>
      <ol className="scenario-steps">
        {result.steps.map((step) => (
          <ScenarioStep key={step.index} step={step} />
        ))}
      </ol>
      <p
        className={`scenario-summary ${result.passed ? 'passed' : 'failed'}`}
        data-testid="scenario-summary"
        data-passed={String(result.passed)}
        data-cancelled={String(result.cancelled)}
      >
        {summary}
      </p>
    </>
  );
}

function ScenarioStep({ step }: { step: ScenarioStepResult }) {
  const { t } = useTranslation();
  const errorText = useErrorText();
  // A failure in the app's words for its code (Chinese in the Chinese UI); main's detail otherwise.
  const detail = step.error ? errorText(step.error) : step.detail;
  return (
    <li
      className={`scenario-step status-${step.status}`}
      data-testid="scenario-step"
      data-status={step.status}
    >
      <span className="scenario-step-status" data-testid="scenario-step-status">
        {t(`scenario.${step.status}`)}
      </span>
      <span className="scenario-step-index mono">{step.index + 1}.</span>
      <span className="scenario-step-label mono" data-testid="scenario-step-label">
        {step.label}
      </span>
      <span className="scenario-step-detail" data-testid="scenario-step-detail" data-code={step.error?.code}>
        {detail}
      </span>
      <span className="scenario-step-seconds mono">{step.seconds.toFixed(3)} s</span>
      {step.received && (
        <div className="scenario-received" data-testid="scenario-received">
          <span className="scenario-received-title">{t('scenario.received')}</span>
          <span className="scenario-received-kind">{t('scenario.receivedText')}</span>
          <span className="scenario-received-text mono" data-testid="scenario-received-text">
            {step.received.text}
          </span>
          <span className="scenario-received-kind">{t('scenario.receivedHex')}</span>
          <span className="scenario-received-hex mono" data-testid="scenario-received-hex">
            {step.received.hex}
          </span>
        </div>
      )}
    </li>
  );
}
