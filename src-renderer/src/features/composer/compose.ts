import {
  buildPayload,
  type PayloadOptions,
  type PayloadProblem,
  type PayloadResult,
} from '../../../../src-shared/codec/payload';
import type { VariableContext } from '../../../../src-shared/codec/variables';

export type { InputMode, LineEnding } from '../../../../src-shared/codec/payload';
export type ComposeSettings = PayloadOptions;
export type ComposeProblem = PayloadProblem;
export type ComposeResult = PayloadResult;

/** What the composer will put on the wire: the exact bytes, computed before sending. */
export function compose(input: string, settings: ComposeSettings, context: VariableContext): ComposeResult {
  return buildPayload(input, settings, context);
}

/**
 * Per-session state of the variables: the counter and the random bytes of
 * the *next* send. The random bytes are drawn once and kept until that send
 * happens, so the preview shows exactly the bytes that will go; only the
 * clock moves between preview and send.
 */
interface NextSend {
  counter: number;
  random: number[];
}

const nextSends = new Map<string, NextSend>();

function stateFor(sessionId: string): NextSend {
  let state = nextSends.get(sessionId);
  if (!state) {
    state = { counter: 1, random: [] };
    nextSends.set(sessionId, state);
  }
  return state;
}

/** The variable values of this session's next send (the same ones on every call until it is sent). */
export function nextSendContext(sessionId: string, now: Date): VariableContext {
  const state = stateFor(sessionId);
  let cursor = 0;
  return {
    counter: state.counter,
    now,
    random(length) {
      while (state.random.length < cursor + length) {
        const more = new Uint8Array(Math.max(64, length));
        crypto.getRandomValues(more);
        state.random.push(...more);
      }
      const out = Uint8Array.from(state.random.slice(cursor, cursor + length));
      cursor += length;
      return out;
    },
  };
}

/** A send went out: the counter moves on and fresh random bytes will be drawn. */
export function advanceSend(sessionId: string): void {
  const state = stateFor(sessionId);
  state.counter += 1;
  state.random = [];
}
