import type {
  EngineEvent,
  ScenarioRunArgs,
  ScenarioRunResult,
  ScenarioStepResult,
  SessionInfo,
} from '../../src-shared/contract';
import { toHex } from '../../src-shared/codec/hex';
import { decodeText } from '../../src-shared/codec/text';
import { encodingOf } from '../cli/args';
import { Inbox, type Conversation } from '../cli/inbox';
import { CliError, errorOf } from '../cli/io';
import type { Matcher } from '../cli/matcher';
import { parseScenario } from '../cli/scenario';
import { runTarget } from '../cli/scenario-runner';
import type { Engine } from '../engine/engine';
import { EngineError } from '../errors/engine-error';

/** A session's state after which nothing more will arrive on it. */
const ENDED = new Set(['closed', 'failed', 'peer-half-closed', 'stopped']);

/**
 * A scenario's conversation on one of the app's open sessions: sends go
 * through the session (so they are logged and counted like any other), and
 * expects look at what the session receives, from the engine's own events. A
 * server's sends go to every client and its expects see all of them. The
 * scenario never closes the session: its "close" step and its end only stop
 * listening; the session stays as the user left it.
 */
class SessionConversation implements Conversation {
  readonly proto: 'udp' | 'tcp';
  readonly local: { address: string; port: number };
  private readonly inbox: Inbox;
  private readonly detach: () => void;

  constructor(
    private readonly engine: Engine,
    private readonly session: SessionInfo,
    /** UDP: where sends go (a UDP session has no one peer). */
    private readonly udpTo: { host: string; port: number } | undefined,
  ) {
    this.proto = session.kind === 'udp' ? 'udp' : 'tcp';
    this.local = { address: session.local?.address ?? '', port: session.local?.port ?? 0 };
    this.inbox = new Inbox(this.proto);
    this.detach = engine.onEvents((batch) => batch.forEach((event) => this.see(event)));
  }

  private mine(id: string): boolean {
    if (id === this.session.id) return true;
    if (this.session.kind !== 'tcp-server') return false;
    try {
      return this.engine.info(id).parentId === this.session.id;
    } catch {
      return false;
    }
  }

  private see(event: EngineEvent): void {
    if (event.type === 'data' && this.mine(event.sessionId)) {
      for (const record of event.records) if (record.dir === 'in') this.inbox.take(record.bytes);
    } else if (event.type === 'session-updated' && event.session.id === this.session.id) {
      if (ENDED.has(event.session.state)) this.inbox.end();
    } else if (event.type === 'session-removed' && event.sessionId === this.session.id) this.inbox.end();
  }

  async send(bytes: Uint8Array): Promise<void> {
    const sessionId = this.session.id;
    if (this.session.kind === 'udp') {
      if (!this.udpTo)
        throw new CliError(
          'BAD_ARGS',
          { detail: 'a UDP session needs host and port (or a target in the scenario)' },
          2,
        );
      await this.engine.udpSend({ sessionId, ...this.udpTo, payload: bytes });
    } else if (this.session.kind === 'tcp-server') await this.engine.tcpSendAll(sessionId, bytes);
    else await this.engine.tcpSend(sessionId, bytes);
  }

  mark(): void {
    this.inbox.mark();
  }

  waitFor(matcher: Matcher, timeoutMs: number, signal?: AbortSignal) {
    return this.inbox.waitFor(matcher, timeoutMs, signal);
  }

  close(): Promise<void> {
    this.detach();
    return Promise.resolve();
  }
}

/** The command line's errors as the engine's, so the service words them like any other. */
function asEngineError(err: unknown): unknown {
  if (!(err instanceof CliError)) return err;
  const { message } = errorOf(err, 'en');
  return new EngineError(err.code, message, err.params);
}

/**
 * scenario.run and scenario.cancel: one run per session at a time (a new run
 * on the same session cancels the one before), every step reported with what
 * arrived as hex and as text in the scenario's encoding.
 */
export class SessionScenarios {
  private readonly running = new Map<string, AbortController>();

  constructor(private readonly engine: Engine) {}

  async run(args: ScenarioRunArgs): Promise<ScenarioRunResult> {
    const session = this.engine.info(args.sessionId);
    let scenario;
    let udpTo: { host: string; port: number } | undefined;
    try {
      scenario = await parseScenario(args.text, args.format === 'yaml' ? 'scenario.yaml' : 'scenario.json');
      const first = scenario.targets[0];
      // A UDP session sends to the host and port given, else to the scenario's first target.
      udpTo =
        args.host !== undefined && args.port !== undefined
          ? { host: args.host, port: args.port }
          : first && { host: first.host, port: first.port };
    } catch (err) {
      throw asEngineError(err);
    }
    const encoding = encodingOf(scenario.encoding);
    this.running.get(args.sessionId)?.abort();
    const stop = new AbortController();
    this.running.set(args.sessionId, stop);
    const conversation = new SessionConversation(this.engine, session, udpTo);
    const target = {
      name: args.sessionId,
      host: session.remote?.address ?? '',
      port: session.remote?.port ?? 0,
    };
    try {
      const results = await runTarget(
        scenario,
        target,
        { lang: args.lang ?? 'en', cwd: process.cwd(), signal: stop.signal },
        () => undefined,
        () => Promise.resolve(conversation),
      );
      const steps = results.map((r): ScenarioStepResult => {
        const step: ScenarioStepResult = {
          index: r.index,
          label: r.label,
          status: r.status,
          detail: r.detail,
          seconds: r.seconds,
        };
        if (r.status === 'fail')
          step.error = {
            code: r.code ?? 'FAILED',
            message: r.detail,
            ...(r.params ? { params: r.params } : {}),
          };
        if (r.received) step.received = { hex: toHex(r.received), text: decodeText(r.received, encoding) };
        return step;
      });
      return {
        name: scenario.name,
        passed: steps.every((s) => s.status === 'pass'),
        cancelled: stop.signal.aborted,
        steps,
      };
    } finally {
      await conversation.close();
      if (this.running.get(args.sessionId) === stop) this.running.delete(args.sessionId);
    }
  }

  cancel(sessionId: string): { cancelled: boolean } {
    const run = this.running.get(sessionId);
    run?.abort();
    return { cancelled: run !== undefined };
  }
}
