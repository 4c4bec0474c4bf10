import { useMemo } from 'react';
import type { ScenarioRunArgs } from '../../../../src-shared/contract';
import { useBridge } from '../../bridge/bridge-context';

/**
 * The Scenario tab's commands: run a scenario file's steps on this session
 * (sends go through it, expects watch what it receives), and stop the run.
 */
export function useScenarioActions(sessionId: string) {
  const { api } = useBridge();
  return useMemo(
    () => ({
      run: (args: Omit<ScenarioRunArgs, 'sessionId'>) => api['scenario.run']({ sessionId, ...args }),
      cancel: () => api['scenario.cancel']({ sessionId }),
    }),
    [api, sessionId],
  );
}
