import { randomBytes } from 'node:crypto';
import { homedir } from 'node:os';
import { join } from 'node:path';
import { parseArgs } from 'node:util';
import { version } from '../../package.json';
import { Engine } from '../engine/engine';
import { createService } from '../service/service';
import { defaultDataDir, SettingsStore } from '../storage/settings-store';
import { isLoopback, startWebHost } from './web-host';

/**
 * Entry of the web shell (`npm run web`, or `npm start` without an Electron
 * binary): the same engine and service as the desktop app, with the renderer
 * served to a browser on this machine.
 */
async function main(): Promise<void> {
  const { values } = parseArgs({
    options: {
      host: { type: 'string', default: '127.0.0.1' },
      port: { type: 'string', default: '0' },
      token: { type: 'string' },
      // Saved messages and settings; tests pass a fresh temporary directory.
      'data-dir': { type: 'string' },
    },
    strict: true,
  });
  const port = Number(values.port);
  if (!Number.isInteger(port) || port < 0 || port > 65535) {
    console.error(`Socket Workbench: --port must be a whole number from 0 to 65535 (got "${values.port}").`);
    process.exit(2);
  }
  const engine = new Engine();
  const dataDir = values['data-dir'] ?? defaultDataDir(process.env, homedir());
  const service = createService(engine, { shell: 'web', version }, new SettingsStore(dataDir));
  const token = values.token ?? process.env.WORKBENCH_TOKEN ?? randomBytes(18).toString('base64url');
  const host = await startWebHost({
    host: values.host,
    port,
    token,
    rendererDir: join(__dirname, '../renderer'),
    engine,
    service,
  });
  if (!isLoopback(values.host)) {
    console.warn(
      `Socket Workbench: listening on ${values.host}, reachable from other machines. Anyone with the URL below can open sockets here.`,
    );
  }
  console.log(`Socket Workbench web shell: ${host.url}`);

  let stopping = false;
  const stop = (): void => {
    if (stopping) return;
    stopping = true;
    engine.shutdown();
    void host.close().then(() => process.exit(0));
    setTimeout(() => process.exit(0), 2000).unref();
  };
  process.on('SIGINT', stop);
  process.on('SIGTERM', stop);
}

main().catch((err: unknown) => {
  const code = (err as { code?: string }).code;
  if (code === 'EADDRINUSE')
    console.error('Socket Workbench: that port is already in use; choose another with --port.');
  else
    console.error(
      `Socket Workbench: could not start the web shell: ${err instanceof Error ? err.message : String(err)}`,
    );
  process.exit(1);
});
