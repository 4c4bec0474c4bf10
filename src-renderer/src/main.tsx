import { StrictMode } from 'react';
import { createRoot } from 'react-dom/client';
import { App } from './app/App';
import { createBridge } from './bridge';
import { initI18n } from './i18n';
import { installBenchHook } from './app/bench-hook';
import './app/styles.css';

initI18n();
installBenchHook();
const root = document.getElementById('root');
if (root) {
  createRoot(root).render(
    <StrictMode>
      <App bridge={createBridge()} />
    </StrictMode>,
  );
}
