import { z } from 'zod';
import type { CommandName } from '../../../src-shared/contract';
import { host, ref, remotePort, sessionId } from '../schemas';
import type { CommandTable } from './table';

export type ScenarioCommand = Extract<CommandName, `scenario.${string}`>;

/** A scenario file run on an open session: its sends go through the session, its expects watch what arrives. */
export const scenarioCommands: CommandTable<ScenarioCommand> = {
  'scenario.run': {
    schema: z
      .object({
        sessionId,
        text: z.string().max(1024 * 1024),
        format: z.enum(['yaml', 'json']),
        host: host.optional(),
        port: remotePort.optional(),
        lang: z.enum(['en', 'zh-CN']).optional(),
      })
      .strict(),
    handler: (a, { scenarios }) => scenarios.run(a),
  },
  'scenario.cancel': { schema: ref, handler: (a, { scenarios }) => scenarios.cancel(a.sessionId) },
};
