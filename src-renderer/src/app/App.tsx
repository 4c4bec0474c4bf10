import { useEffect } from 'react';
import type { Bridge } from '../bridge';
import { ConnectionBanner } from '../features/status/ConnectionBanner';
import { NetworkView } from '../features/network/NetworkView';
import { NewSessionDialog } from '../features/dialogs/NewSessionDialog';
import { SessionList } from '../features/sessions/SessionList';
import { SessionPanel } from '../features/sessions/SessionPanel';
import { StatusBar } from '../features/status/StatusBar';
import { Toolbar } from '../features/status/Toolbar';
import { Welcome } from '../features/status/Welcome';
import { BridgeContext } from '../bridge/bridge-context';
import { syncUiPrefs } from './ui-prefs';
import { useSessions } from '../store/sessions';
import { useTeaching } from '../store/teaching';
import { useOffline, useUi } from '../store/ui';

/** What the page kept per session: none of it belongs to a new main's sessions, whose ids start again at s1. */
function forgetSessions(): void {
  useSessions.getState().resync([]);
  useUi.setState({ viewMode: {}, destination: {}, draft: {}, logFilter: {}, framing: {} });
}

/**
 * Keeps the stores in step with main: events as they come, a full resync
 * whenever the link (re)opens. A link that reopens to another main (the web
 * shell was restarted) drops every session the old one had first.
 */
function useSync(bridge: Bridge): void {
  useEffect(() => {
    let instance: string | undefined;
    const offEvents = bridge.onEvents((batch) => useSessions.getState().apply(batch));
    const offConnection = bridge.onConnection((state) => {
      useUi.getState().setConnection(state);
      if (state !== 'open') return;
      void syncUiPrefs(bridge);
      void bridge.api['app.info']({}).then((result) => {
        if (!result.ok) return;
        if (instance !== undefined && instance !== result.value.instance) forgetSessions();
        instance = result.value.instance;
        const sessions = result.value.sessions;
        useSessions.getState().resync(sessions);
        // Sessions this window has no lifecycle of (a reload, a second tab): main kept it.
        for (const info of sessions) {
          if (useSessions.getState().sessions[info.id]?.timeline.length) continue;
          void bridge.api['session.timeline']({ sessionId: info.id }).then((steps) => {
            if (steps.ok) useSessions.getState().restoreTimeline(info.id, steps.value);
          });
        }
      });
    });
    return () => {
      offEvents();
      offConnection();
    };
  }, [bridge]);
}

export function App({ bridge }: { bridge: Bridge }) {
  useSync(bridge);
  const view = useSessions((s) => (s.selectedId ? s.sessions[s.selectedId] : undefined));
  const dialog = useUi((s) => s.dialog);
  const networkOpen = useTeaching((s) => s.networkOpen);
  const offline = useOffline();
  return (
    <BridgeContext.Provider value={bridge}>
      <div className={offline ? 'app app-offline' : 'app'}>
        <Toolbar />
        <div className="workspace">
          <SessionList />
          <main className="main">
            {networkOpen ? (
              <NetworkView />
            ) : view ? (
              <SessionPanel key={view.info.id} view={view} />
            ) : (
              <Welcome />
            )}
          </main>
        </div>
        <StatusBar />
        <ConnectionBanner />
        {dialog && <NewSessionDialog key={dialog} kind={dialog} />}
      </div>
    </BridgeContext.Provider>
  );
}
