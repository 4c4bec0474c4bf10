import { useMemo } from 'react';
import type { DeleteMessageArgs, SaveMessageArgs, SetComposerArgs } from '../../../../src-shared/contract';
import { useBridge } from '../../bridge/bridge-context';

/** Saved messages and remembered composer settings, kept in main's settings file by kind + address. */
export function useStoreActions() {
  const { api } = useBridge();
  return useMemo(
    () => ({
      storedView: (key: string) => api['store.get']({ key }),
      setComposer: (args: SetComposerArgs) => api['store.setComposer'](args),
      saveMessage: (args: SaveMessageArgs) => api['store.saveMessage'](args),
      deleteMessage: (args: DeleteMessageArgs) => api['store.deleteMessage'](args),
    }),
    [api],
  );
}
