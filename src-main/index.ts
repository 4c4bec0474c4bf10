import { app, BrowserWindow, session } from 'electron';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { Engine } from './engine/engine';
import { createService } from './service/service';
import { SelfSignedStore } from './storage/self-signed';
import { SettingsStore } from './storage/settings-store';
import { CONTENT_SECURITY_POLICY } from './shell/csp';
import { isOwnUrl as isOwn, navigationAllowed, permissionAllowed, windowOpenDecision } from './shell/guards';
import { attachIpc } from './shell/ipc-adapter';
import { mainWindowOptions } from './shell/window-options';

// Every renderer is sandboxed, including any we did not create ourselves.
app.enableSandbox();

// A TLS server given no certificate uses one made once and kept beside the settings.
const engine = new Engine({ selfSigned: new SelfSignedStore(app.getPath('userData')) });
const service = createService(
  engine,
  { shell: 'electron', version: app.getVersion() },
  new SettingsStore(app.getPath('userData')),
);

const rendererFile = join(__dirname, '../renderer/index.html');
const devUrl = !app.isPackaged ? process.env.ELECTRON_RENDERER_URL : undefined;
const appUrl = devUrl ?? pathToFileURL(rendererFile).href;

const origin = devUrl !== undefined ? { appUrl, devUrl } : { appUrl };

/** Our page, and only our page, may talk to main or be navigated to (decided in ./shell/guards). */
function isOwnUrl(url: string): boolean {
  return isOwn(url, origin);
}

function harden(): void {
  const ses = session.defaultSession;
  ses.setPermissionRequestHandler((_contents, permission, callback) =>
    callback(permissionAllowed(permission)),
  );
  ses.setPermissionCheckHandler((_contents, permission) => permissionAllowed(permission));
  ses.webRequest.onHeadersReceived((details, callback) => {
    callback({
      responseHeaders: { ...details.responseHeaders, 'Content-Security-Policy': [CONTENT_SECURITY_POLICY] },
    });
  });
  app.on('web-contents-created', (_event, contents) => {
    contents.on('will-navigate', (event, url) => {
      if (!navigationAllowed(url, origin)) event.preventDefault();
    });
    contents.on('will-redirect', (event, url) => {
      if (!navigationAllowed(url, origin)) event.preventDefault();
    });
    contents.on('will-attach-webview', (event) => event.preventDefault());
    contents.setWindowOpenHandler(() => windowOpenDecision());
  });
}

function createWindow(): void {
  const window = new BrowserWindow(
    mainWindowOptions(join(__dirname, '../preload/index.js'), join(__dirname, '../../resources/icon.png')),
  );
  const detach = attachIpc(window, engine, service, isOwnUrl);
  window.on('closed', detach);
  window.once('ready-to-show', () => window.show());
  void window.loadURL(appUrl);
}

app.whenReady().then(() => {
  harden();
  createWindow();
  app.on('activate', () => {
    if (BrowserWindow.getAllWindows().length === 0) createWindow();
  });
});

app.on('window-all-closed', () => app.quit());
// No socket outlives the app.
app.on('will-quit', () => engine.shutdown());
