import { ERROR_MESSAGES_EN, formatMessage, isKnownErrorCode } from '../../src-shared/errors';
import { zhCN } from '../../src-renderer/src/i18n/locales/zh-CN';
import type { BridgeError } from '../../src-shared/contract';
import { describeError } from '../errors/describe-error';

/**
 * Exit statuses, documented in --help and docs/cli.md. Scripts branch on them,
 * so they never change meaning.
 */
export const EXIT = {
  /** Done; every expectation met. */
  OK: 0,
  /** Ran, but an expected reply did not arrive or did not match (expect, run). */
  FAILED: 1,
  /** The command line or a scenario file is wrong: nothing was sent. */
  USAGE: 2,
  /** The network or the OS refused (connection refused, port in use, host not found…). */
  NETWORK: 3,
} as const;

export type ExitCode = (typeof EXIT)[keyof typeof EXIT];

export type Lang = 'en' | 'zh-CN';

/** Where a command writes, and what tells it to stop: the real process, or a test. */
export interface CliIo {
  out(text: string): void;
  err(text: string): void;
  lang: Lang;
  /** Aborted on Ctrl-C (or by a test): long-running commands end cleanly. */
  signal: AbortSignal;
  /** Working directory for --file and scenario paths. */
  cwd: string;
}

/** The locale the user's environment asks for, as the app's two languages. */
export function langFromEnv(env: NodeJS.ProcessEnv): Lang {
  const tag = env.LC_ALL || env.LC_MESSAGES || env.LANG || env.LANGUAGE || '';
  return /^zh/i.test(tag) ? 'zh-CN' : 'en';
}

/**
 * An error with one of the app's codes (src-shared/errors), the exit status it
 * ends the command with, and the parameters its message is filled with.
 */
export class CliError extends Error {
  constructor(
    readonly code: string,
    readonly params: Record<string, string | number>,
    readonly exit: ExitCode,
  ) {
    super(code);
    this.name = 'CliError';
  }
}

/** Usage problems: the detail is the parser's own words, in the app's BAD_ARGS message. */
export const usage = (detail: string): CliError => new CliError('BAD_ARGS', { detail }, EXIT.USAGE);

/** Any error as the app's {code, message}, in the user's language. */
export function errorOf(err: unknown, lang: Lang): BridgeError {
  const described =
    err instanceof CliError ? { code: err.code, message: '', params: err.params } : describeError(err);
  const params = described.params ?? {};
  const code = described.code;
  if (!isKnownErrorCode(code)) return { code, message: described.message };
  const table: Record<string, string> = lang === 'zh-CN' ? zhCN.errors : ERROR_MESSAGES_EN;
  const message = formatMessage(table[code] ?? ERROR_MESSAGES_EN[code], params);
  return Object.keys(params).length > 0 ? { code, message, params } : { code, message };
}

/** The exit status for an error: ours carry one; anything from the OS is a network failure. */
export function exitOf(err: unknown): ExitCode {
  if (err instanceof CliError) return err.exit;
  const code = (err as { code?: unknown } | null)?.code;
  return typeof code === 'string' ? EXIT.NETWORK : EXIT.FAILED;
}
