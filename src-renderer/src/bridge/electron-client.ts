import type { Transport } from '../../../src-shared/contract';
import type { Bridge } from './bridge';
import { typedApi } from './typed-api';

/** Under Electron the preload has put the transport on window.workbench. */
export function electronBridge(transport: Transport): Bridge {
  return {
    shell: 'electron',
    api: typedApi(transport),
    onEvents: (listener) => transport.onEvents(listener),
    onConnection(listener) {
      listener('open');
      return () => {};
    },
    // IPC to our own main process does not drop.
    reconnect() {},
  };
}
