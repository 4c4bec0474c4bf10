import { useMemo } from 'react';
import type { PortFreeArgs } from '../../../../src-shared/contract';
import { useBridge } from '../../bridge/bridge-context';

/** What the network view asks of the machine: its interfaces, its sockets (`netstat -an`), one port. */
export function useNetworkActions() {
  const { api } = useBridge();
  return useMemo(
    () => ({
      interfaces: () => api['net.interfaces']({}),
      ports: () => api['net.ports']({}),
      portFree: (args: PortFreeArgs) => api['net.portFree'](args),
    }),
    [api],
  );
}
