import type { Piece } from './pieces';

/**
 * Payload variables, expanded afresh at every send (what Packet Sender users
 * know as `{{COUNTER}}`-style fields). Deliberately few:
 *
 *   {{COUNTER}}     this session's send counter: 1 on the first send, then 2, 3…
 *   {{COUNTER:N}}   the same, zero-padded to N digits ({{COUNTER:4}} → 0001)
 *   {{TIME}}        local time, HH:MM:SS.mmm
 *   {{DATE}}        local date, YYYY-MM-DD
 *   {{TIMESTAMP}}   milliseconds since the Unix epoch
 *   {{RANDOM:N}}    N random bytes (1…1024), raw: not text, not encoded
 *
 * Text values are encoded like the rest of the message; random bytes are
 * spliced in as they are. Names are upper case; anything else inside `{{ }}`
 * is an error that names it, so a typo is never sent literally by surprise.
 */
export const VARIABLE_NAMES = ['COUNTER', 'TIME', 'DATE', 'TIMESTAMP', 'RANDOM'] as const;
export type VariableName = (typeof VARIABLE_NAMES)[number];

export const MAX_RANDOM_BYTES = 1024;
const MAX_COUNTER_WIDTH = 20;

export type VariableToken =
  | { kind: 'literal'; text: string; at: number }
  | { kind: 'variable'; name: VariableName; arg: number | undefined; at: number; length: number };

export type VariableProblemReason = 'unknown' | 'bad-argument';

export type ScanResult =
  | { ok: true; tokens: VariableToken[]; uses: Set<VariableName> }
  | { ok: false; index: number; length: number; text: string; reason: VariableProblemReason };

export interface VariableContext {
  /** The value {{COUNTER}} takes for this send. */
  counter: number;
  /** The moment of sending. */
  now: Date;
  /** Random bytes; the caller decides where they come from (tests pass fixed ones). */
  random(length: number): Uint8Array;
}

const TOKEN = /\{\{([^{}]*)\}\}/g;
/** What reads as an attempt at a variable (so a typo is refused, not sent); anything else stays text. */
const ATTEMPT = /^\s*[A-Za-z_]\w*(?::[^{}]*)?\s*$/;
const SPEC = /^([A-Z]+)(?::(\d+))?$/;

function isName(name: string): name is VariableName {
  return (VARIABLE_NAMES as readonly string[]).includes(name);
}

/** Split the input into literal text and variables; positions index into `input`. */
export function scanVariables(input: string): ScanResult {
  const tokens: VariableToken[] = [];
  const uses = new Set<VariableName>();
  let last = 0;
  for (const match of input.matchAll(TOKEN)) {
    const at = match.index;
    const whole = match[0];
    if (!ATTEMPT.test(match[1] ?? '')) continue;
    const spec = SPEC.exec((match[1] ?? '').trim());
    const name = spec?.[1] ?? '';
    if (!spec || !isName(name))
      return { ok: false, index: at, length: whole.length, text: whole, reason: 'unknown' };
    const arg = spec[2] === undefined ? undefined : Number(spec[2]);
    const argOk =
      name === 'RANDOM'
        ? arg !== undefined && arg >= 1 && arg <= MAX_RANDOM_BYTES
        : name === 'COUNTER'
          ? arg === undefined || (arg >= 1 && arg <= MAX_COUNTER_WIDTH)
          : arg === undefined;
    if (!argOk) return { ok: false, index: at, length: whole.length, text: whole, reason: 'bad-argument' };
    if (at > last) tokens.push({ kind: 'literal', text: input.slice(last, at), at: last });
    tokens.push({ kind: 'variable', name, arg, at, length: whole.length });
    uses.add(name);
    last = at + whole.length;
  }
  if (last < input.length) tokens.push({ kind: 'literal', text: input.slice(last), at: last });
  return { ok: true, tokens, uses };
}

const pad = (n: number, width: number): string => String(n).padStart(width, '0');

/** One variable's value for this send: text to encode, or raw bytes. */
export function expandVariable(
  token: Extract<VariableToken, { kind: 'variable' }>,
  context: VariableContext,
): Piece {
  const { at, length } = token;
  const text = (value: string): Piece => ({ kind: 'text', text: value, at, length, literal: false });
  const d = context.now;
  switch (token.name) {
    case 'COUNTER':
      return text(pad(context.counter, token.arg ?? 1));
    case 'TIME':
      return text(
        `${pad(d.getHours(), 2)}:${pad(d.getMinutes(), 2)}:${pad(d.getSeconds(), 2)}.${pad(d.getMilliseconds(), 3)}`,
      );
    case 'DATE':
      return text(`${d.getFullYear()}-${pad(d.getMonth() + 1, 2)}-${pad(d.getDate(), 2)}`);
    case 'TIMESTAMP':
      return text(String(d.getTime()));
    case 'RANDOM':
      return { kind: 'bytes', bytes: context.random(token.arg ?? 1), at, length };
  }
}
