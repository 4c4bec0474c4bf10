import { useEffect, useState } from 'react';
import type { NetInterface } from '../../../../src-shared/contract';
import { useNetworkActions } from './use-network-actions';

/** This machine's interface addresses, fetched from main once per mount. */
export function useInterfaces(): NetInterface[] {
  const net = useNetworkActions();
  const [list, setList] = useState<NetInterface[]>([]);
  useEffect(() => {
    let live = true;
    void net.interfaces().then((result) => {
      if (live && result.ok) setList(result.value);
    });
    return () => {
      live = false;
    };
  }, [net]);
  return list;
}
