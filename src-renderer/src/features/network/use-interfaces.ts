import { useEffect, useState } from 'react';
import type { NetInterface } from '../../../../src-shared/contract';
import { useBridge } from '../../bridge/bridge-context';

/** This machine's interface addresses, fetched from main once per mount. */
export function useInterfaces(): NetInterface[] {
  const { api } = useBridge();
  const [list, setList] = useState<NetInterface[]>([]);
  useEffect(() => {
    let live = true;
    void api['net.interfaces']({}).then((result) => {
      if (live && result.ok) setList(result.value);
    });
    return () => {
      live = false;
    };
  }, [api]);
  return list;
}
