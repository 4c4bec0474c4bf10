import type { Bridge } from '../bridge';
import { BridgeContext } from '../bridge/bridge-context';
import { NewSessionDialog } from '../features/dialogs/NewSessionDialog';
import { NetworkView } from '../features/network/NetworkView';
import { SessionList } from '../features/sessions/SessionList';
import { SessionPanel } from '../features/sessions/SessionPanel';
import { ConnectionBanner } from '../features/status/ConnectionBanner';
import { StatusBar } from '../features/status/StatusBar';
import { Toolbar } from '../features/status/Toolbar';
import { Welcome } from '../features/status/Welcome';
import { useOffline } from '../store/hooks';
import { useStore } from '../store/store';
import { useSync } from './use-sync';

export function App({ bridge }: { bridge: Bridge }) {
  useSync(bridge);
  // The id only: the panel selects what it shows, so a batch of data does not re-render the app.
  const selectedId = useStore((s) => (s.selectedId && s.sessions[s.selectedId] ? s.selectedId : undefined));
  const dialog = useStore((s) => s.dialog);
  const networkOpen = useStore((s) => s.networkOpen);
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
            ) : selectedId ? (
              <SessionPanel key={selectedId} sessionId={selectedId} />
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
