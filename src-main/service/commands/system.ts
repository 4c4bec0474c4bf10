import { z } from 'zod';
import type { CommandName } from '../../../src-shared/contract';
import { listInterfaces } from '../../engine/interfaces';
import { checkPortFree, listPorts } from '../../system/ports';
import { ipAddress, none, remotePort } from '../schemas';
import type { CommandTable } from './table';

export type SystemCommand = Extract<CommandName, `net.${string}`>;

/** What this machine has: interfaces, ports in use, whether a port is free. */
export const systemCommands: CommandTable<SystemCommand> = {
  'net.interfaces': { schema: none, handler: () => listInterfaces() },
  'net.ports': { schema: none, handler: () => listPorts() },
  'net.portFree': {
    schema: z.object({ port: remotePort, address: ipAddress.optional() }).strict(),
    handler: (a) => checkPortFree(a.port, a.address),
  },
};
