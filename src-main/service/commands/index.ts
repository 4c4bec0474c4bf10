import type { CommandName } from '../../../src-shared/contract';
import { captureCommands, type CaptureCommand } from './capture';
import { scenarioCommands, type ScenarioCommand } from './scenario';
import { sessionsCommands, type SessionsCommand } from './sessions';
import { settingsCommands, type SettingsCommand } from './settings';
import { systemCommands, type SystemCommand } from './system';
import type { CommandRow, CommandTable } from './table';
import { tcpCommands, type TcpCommand } from './tcp';
import { udpCommands, type UdpCommand } from './udp';

/**
 * Every command main serves, one row each, gathered from the domain tables.
 * The router (../service.ts), the names the IPC adapter registers and the web
 * host's dispatch all come from here. Adding a command: docs/architecture.md.
 */

/** Each domain owns the contract's commands of its prefix. */
interface Domains {
  udp: UdpCommand;
  tcp: TcpCommand;
  sessions: SessionsCommand;
  capture: CaptureCommand;
  system: SystemCommand;
  settings: SettingsCommand;
  scenario: ScenarioCommand;
}
type Domain = keyof Domains;

/** Compile-time: every contract command has a domain (no name left over)… */
type Unowned = Exclude<CommandName, Domains[Domain]>;
/** …and no command has two (no name in two domains). */
type Overlap = {
  [A in Domain]: { [B in Exclude<Domain, A>]: Domains[A] & Domains[B] }[Exclude<Domain, A>];
}[Domain];
const oneRowEach: [Unowned, Overlap] extends [never, never] ? true : { unowned: Unowned; overlap: Overlap } =
  true;
void oneRowEach;

/** Name → row for the whole contract; each domain table is typed to hold exactly its own names. */
export const COMMANDS: CommandTable<CommandName> = {
  ...udpCommands,
  ...tcpCommands,
  ...sessionsCommands,
  ...captureCommands,
  ...systemCommands,
  ...settingsCommands,
  ...scenarioCommands,
};

/** The command names main serves, in table order. */
export const SERVED_COMMANDS = Object.keys(COMMANDS) as CommandName[];

export function isServedCommand(name: unknown): name is CommandName {
  return typeof name === 'string' && Object.hasOwn(COMMANDS, name);
}

/** A command's row, typed by its name. */
export function rowOf<K extends CommandName>(name: K): CommandRow<K> {
  return COMMANDS[name] as CommandRow<K>;
}

/** Each command's input schema, by name (tests check a schema alone). */
export const schemas = Object.fromEntries(SERVED_COMMANDS.map((name) => [name, COMMANDS[name].schema])) as {
  [K in CommandName]: CommandRow<K>['schema'];
};
