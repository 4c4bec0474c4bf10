import { performance } from 'node:perf_hooks';
import type { EncodingId } from '../../src-shared/codec/encodings';
import type { BridgeError } from '../../src-shared/contract';
import { concatBytes } from '../../src-shared/codec/pieces';
import { encodingOf, messageMaker } from './args';
import { preview } from './format';
import { errorOf, type Lang } from './io';
import { Link, type Conversation } from './link';
import { hexMatcher, regexMatcher } from './matcher';
import type { NamedTarget, Scenario, ScenarioStep } from './scenario';
import { missError } from './commands/expect';
import { textsFor } from './texts';

export type StepStatus = 'pass' | 'fail' | 'skip';

export interface StepResult {
  target: NamedTarget;
  index: number;
  /** What the step does, for the report: `send "HELLO\n"`, `expect /^OK/`. */
  label: string;
  status: StepStatus;
  /** What arrived (expect), or the error's message (fail). */
  detail: string;
  /** The error's code when the step failed. */
  code?: string;
  /** The error's parameters, for a window that words it in its own language. */
  params?: Record<string, string | number>;
  /** What arrived for an expect step, matched or not. */
  received?: Uint8Array;
  seconds: number;
}

export function stepLabel(step: ScenarioStep): string {
  const title = step.name ? `${step.name}: ` : '';
  switch (step.kind) {
    case 'connect':
      return `${title}connect`;
    case 'close':
      return `${title}close`;
    case 'sleep':
      return `${title}sleep ${step.ms} ms`;
    case 'send':
      return `${title}send ${step.hex !== undefined ? `hex ${step.hex}` : JSON.stringify(step.text)}`;
    case 'expect':
      return `${title}expect ${step.hex !== undefined ? `hex ${step.hex}` : `/${step.regex ?? ''}/`}`;
  }
}

/**
 * Runs a scenario's steps against one target, reporting each step as it ends.
 * A failed step skips the rest: what follows depends on it (a send after a
 * refused connect says nothing new). The link is always closed.
 */
export async function runTarget(
  scenario: Scenario,
  target: NamedTarget,
  options: { lang: Lang; cwd: string; signal: AbortSignal },
  onStep: (result: StepResult) => void,
  /** How to start the conversation: by default a socket of our own to the target. */
  open: () => Promise<Conversation> = () => Link.open(scenario.protocol, target),
): Promise<StepResult[]> {
  const results: StepResult[] = [];
  const encoding = encodingOf(scenario.encoding);
  let link: Conversation | undefined;
  let failed = false;
  const ensureLink = async (): Promise<Conversation> => {
    link ??= await open();
    return link;
  };
  try {
    for (const [index, step] of scenario.steps.entries()) {
      const label = stepLabel(step);
      const started = performance.now();
      let received: Uint8Array | undefined;
      const report = (status: StepStatus, detail: string, error?: BridgeError): void => {
        const result: StepResult = {
          target,
          index,
          label,
          status,
          detail,
          seconds: (performance.now() - started) / 1000,
        };
        if (error) {
          result.code = error.code;
          if (error.params) result.params = error.params;
        }
        if (received) result.received = received;
        results.push(result);
        onStep(result);
      };
      if (failed || options.signal.aborted) {
        report('skip', '');
        continue;
      }
      try {
        const detail = await runStep(
          step,
          encoding,
          scenario,
          options,
          ensureLink,
          () => link,
          async () => {
            await link?.close();
            link = undefined;
          },
          (bytes) => (received = bytes),
        );
        report('pass', detail);
      } catch (err) {
        // Stopped while it ran (Cancel): not the server's failure, and a NO_MATCH "within 60000 ms" would be untrue.
        if (options.signal.aborted) {
          report('skip', '');
          continue;
        }
        failed = true;
        const error = errorOf(err, options.lang);
        report('fail', error.message, error);
      }
    }
  } finally {
    await link?.close();
  }
  return results;
}

async function runStep(
  step: ScenarioStep,
  encoding: EncodingId,
  scenario: Scenario,
  options: { lang: Lang; cwd: string; signal: AbortSignal },
  ensureLink: () => Promise<Conversation>,
  current: () => Conversation | undefined,
  close: () => Promise<void>,
  saw: (received: Uint8Array) => void,
): Promise<string> {
  switch (step.kind) {
    case 'connect': {
      const link = await ensureLink();
      return textsFor(options.lang).from(`${link.local.address}:${link.local.port}`);
    }
    case 'close':
      await close();
      return '';
    case 'sleep':
      // A scenario's pause is the scenario's own (a server that needs time); bounded by the schema.
      await new Promise<void>((done) => {
        const timer = setTimeout(done, step.ms);
        options.signal.addEventListener('abort', () => {
          clearTimeout(timer);
          done();
        });
      });
      return '';
    case 'send': {
      const maker = messageMaker(
        {
          encoding: step.encoding ?? encoding,
          hex: step.hex !== undefined,
          escapes: step.escapes,
          checksum: step.checksum,
          eol: step.eol,
        },
        step.hex ?? step.text ?? '',
        options.cwd,
      );
      const bytes = maker.make(1);
      const link = await ensureLink();
      // Replies are to what is sent now: earlier arrivals do not satisfy the next expect.
      link.mark();
      await link.send(bytes);
      return textsFor(options.lang).bytes(bytes.byteLength);
    }
    case 'expect': {
      const matcher =
        step.hex !== undefined ? hexMatcher(step.hex) : regexMatcher(step.regex ?? '', encoding);
      const link = current() ?? (await ensureLink());
      const timeout = step.timeout ?? scenario.timeout;
      const result = await link.waitFor(matcher, timeout, options.signal);
      saw(concatBytes(result.received));
      if (!result.matched) throw missError(result, matcher, timeout, encoding);
      return textsFor(options.lang).got(
        preview(concatBytes(result.received), { encoding, hex: step.hex !== undefined }),
      );
    }
  }
}
