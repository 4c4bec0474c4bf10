import type { z } from 'zod';
import type { AppInfo, CommandArgs, CommandName, CommandResult } from '../../../src-shared/contract';
import type { Engine } from '../../engine/engine';
import type { SessionScenarios } from '../../scenario/session-scenario';
import type { SettingsStore } from '../../storage/settings-store';

/** What the shell says about itself in app.info. */
export interface ServiceInfo {
  shell: AppInfo['shell'];
  version: string;
}

/** What a handler runs on: given once, when the service is made (src-main/app/compose.ts). */
export interface CommandContext {
  engine: Engine;
  store: SettingsStore;
  info: ServiceInfo;
  /** This main's identity, so a reloaded renderer knows whether its sessions are still the same. */
  instance: string;
  /** Scenario runs on sessions, one at a time per session. */
  scenarios: SessionScenarios;
}

/** One command: the schema its input must pass, and what it does with the parsed input. */
export interface CommandRow<K extends CommandName> {
  schema: z.ZodType<CommandArgs<K>, unknown>;
  handler: (args: CommandArgs<K>, ctx: CommandContext) => CommandResult<K> | Promise<CommandResult<K>>;
}

/** A domain's commands, name → row; the name set is fixed by the domain's prefix in the contract. */
export type CommandTable<K extends CommandName> = { [N in K]: CommandRow<N> };
