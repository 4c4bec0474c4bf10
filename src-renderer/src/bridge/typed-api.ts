import { COMMAND_NAMES } from '../../../src-shared/commands';
import type { BridgeApi, Transport } from '../../../src-shared/contract';

/** The typed API the renderer's actions use, built once on whichever transport carries the calls. */
export function typedApi(transport: Pick<Transport, 'call'>): BridgeApi {
  return Object.fromEntries(
    COMMAND_NAMES.map((name) => [name, (args: unknown) => transport.call(name, args)]),
  ) as unknown as BridgeApi;
}
