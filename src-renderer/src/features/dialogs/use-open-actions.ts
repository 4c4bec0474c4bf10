import { useMemo } from 'react';
import type {
  DialogKind,
  DialogPrefs,
  TcpConnectArgs,
  TcpListenArgs,
  UdpOpenArgs,
} from '../../../../src-shared/contract';
import { useBridge } from '../../bridge/bridge-context';

/** Opening sessions, and the dialogs' remembered fields. */
export function useOpenActions() {
  const { api } = useBridge();
  return useMemo(
    () => ({
      openUdp: (args: UdpOpenArgs) => api['udp.open'](args),
      connectTcp: (args: TcpConnectArgs) => api['tcp.connect'](args),
      listenTcp: (args: TcpListenArgs) => api['tcp.listen'](args),
      dialogPrefs: (kind: DialogKind) => api['store.getDialog']({ kind }),
      rememberDialog: (kind: DialogKind, prefs: DialogPrefs) => api['store.setDialog']({ kind, prefs }),
    }),
    [api],
  );
}
