import { randomUUID } from 'node:crypto';
import type { CommandName, CommandResult, Result } from '../../src-shared/contract';
import { ERROR_MESSAGES_EN, formatMessage } from '../../src-shared/errors';
import { describeError } from '../errors/describe-error';
import type { Engine } from '../engine/engine';
import { SettingsStore } from '../storage/settings-store';
import { isServedCommand, rowOf, SERVED_COMMANDS } from './commands';
import type { CommandContext, ServiceInfo } from './commands/table';
import { SessionScenarios } from '../scenario/session-scenario';
import { validationError } from './validation-error';

export type { ServiceInfo } from './commands/table';

/** A refused command name for the message; String() throws on a null-prototype object or a hostile toString. */
function nameOf(name: unknown): string {
  try {
    return String(name);
  } catch {
    return Object.prototype.toString.call(name);
  }
}

export interface Service {
  /** Every command name this service answers (the IPC adapter registers one handler each). */
  readonly commands: readonly CommandName[];
  /** Run a command whose name and arguments came from outside: both are checked. Never throws. */
  call(name: unknown, args: unknown): Promise<Result<unknown>>;
}

/**
 * The command router: finds the command's row in the domain tables
 * (./commands), validates the input with the row's schema, runs the row's
 * handler and turns any failure into { code, message }. Both shells (IPC and
 * WebSocket) call this one function, so they cannot behave differently.
 */
export function createService(
  engine: Engine,
  info: ServiceInfo,
  /** Saved messages and settings; without one (tests of other parts) they live in memory only. */
  store: SettingsStore = new SettingsStore(),
): Service {
  const ctx: CommandContext = {
    engine,
    store,
    info,
    instance: randomUUID(),
    scenarios: new SessionScenarios(engine),
  };

  async function run<K extends CommandName>(name: K, raw: unknown): Promise<Result<CommandResult<K>>> {
    try {
      // Inside the try: a value no one foresaw must still come back as { ok: false }, never a rejection.
      const row = rowOf(name);
      const parsed = row.schema.safeParse(raw ?? {});
      if (!parsed.success) return { ok: false, error: validationError(parsed.error, raw, name) };
      return { ok: true, value: await row.handler(parsed.data, ctx) };
    } catch (err) {
      return { ok: false, error: describeError(err) };
    }
  }

  return {
    commands: SERVED_COMMANDS,
    async call(name, args) {
      if (!isServedCommand(name)) {
        const params = { name: nameOf(name).slice(0, 64) };
        return {
          ok: false,
          error: {
            code: 'BAD_COMMAND',
            message: formatMessage(ERROR_MESSAGES_EN.BAD_COMMAND, params),
            params,
          },
        };
      }
      return run(name, args);
    },
  };
}
