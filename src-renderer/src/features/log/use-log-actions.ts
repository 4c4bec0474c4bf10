import { useMemo } from 'react';
import { chooseViewCapacity } from '../../app/ui-prefs';
import { useBridge } from '../../bridge/bridge-context';

/** The log's app-wide settings kept in main (how many entries each view keeps). */
export function useLogActions() {
  const bridge = useBridge();
  return useMemo(
    () => ({ chooseViewCapacity: (capacity: number) => chooseViewCapacity(bridge, capacity) }),
    [bridge],
  );
}
