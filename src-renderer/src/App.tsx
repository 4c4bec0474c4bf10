import { useEffect } from 'react';
import type { Bridge } from './bridge';
import { NetworkView } from './components/NetworkView';
import { NewSessionDialog } from './components/NewSessionDialog';
import { SessionList } from './components/SessionList';
import { SessionPanel } from './components/SessionPanel';
import { StatusBar } from './components/StatusBar';
import { Toolbar } from './components/Toolbar';
import { Welcome } from './components/Welcome';
import { BridgeContext } from './lib/bridge-context';
import { useSessions } from './store/sessions';
import { useTeaching } from './store/teaching';
import { useUi } from './store/ui';

/** Keeps the stores in step with main: events as they come, a full resync whenever the link (re)opens. */
function useSync(bridge: Bridge): void {
  useEffect(() => {
    const offEvents = bridge.onEvents((batch) => useSessions.getState().apply(batch));
    const offConnection = bridge.onConnection((state) => {
      useUi.getState().setConnection(state);
      if (state !== 'open') return;
      void bridge.api['sessions.list']({}).then((result) => {
        if (!result.ok) return;
        useSessions.getState().resync(result.value);
        // Sessions this window has no lifecycle of (a reload, a second tab): main kept it.
        for (const info of result.value) {
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
  return (
    <BridgeContext.Provider value={bridge}>
      <div className="app">
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
        {dialog && <NewSessionDialog key={dialog} kind={dialog} />}
      </div>
    </BridgeContext.Provider>
  );
}
