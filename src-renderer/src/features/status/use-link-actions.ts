import { useMemo } from 'react';
import { chooseLanguage } from '../../app/ui-prefs';
import { useBridge } from '../../bridge/bridge-context';
import type { Language } from '../../i18n';

/** The link to main and the app-wide choices kept there. */
export function useLinkActions() {
  const bridge = useBridge();
  return useMemo(
    () => ({
      shell: bridge.shell,
      reconnect: () => bridge.reconnect(),
      chooseLanguage: (language: Language) => chooseLanguage(bridge, language),
    }),
    [bridge],
  );
}
