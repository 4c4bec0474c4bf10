import { homedir } from 'node:os';
import { join } from 'node:path';
import { version } from '../../package.json';
import { Engine } from '../engine/engine';
import { createService } from '../service/service';
import { SelfSignedStore } from '../storage/self-signed';
import { defaultDataDir, SettingsStore } from '../storage/settings-store';
import { candidatePorts, DEFAULT_WEB_PORT, listenOnFirstFree, parseWebArgs, WEB_HELP } from './web-cli';
import { isLoopback, startWebHost } from './web-host';
import { keptToken } from './web-token';

/**
 * Entry of the web shell (`npm run web`, or `npm start` without an Electron
 * binary): the same engine and service as the desktop app, with the renderer
 * served to a browser on this machine.
 */
async function main(): Promise<void> {
  const parsed = parseWebArgs(process.argv.slice(2));
  if (parsed.kind === 'help') {
    process.stdout.write(WEB_HELP);
    return;
  }
  if (parsed.kind === 'error') {
    console.error(`Socket Workbench: ${parsed.message}`);
    process.exit(2);
  }
  const values = parsed.options;
  const dataDir = values.dataDir ?? defaultDataDir(process.env, homedir());
  // A TLS server given no certificate uses one made once and kept beside the settings.
  const engine = new Engine({ selfSigned: new SelfSignedStore(dataDir) });
  const service = createService(engine, { shell: 'web', version }, new SettingsStore(dataDir));
  const given = values.token ?? process.env.WORKBENCH_TOKEN;
  const kept = given === undefined ? await keptToken(dataDir) : { token: given };
  if (kept.warning) console.warn(`Socket Workbench: ${kept.warning}`);
  const token = kept.token;
  const host = await listenOnFirstFree(candidatePorts(values.port), (port) =>
    startWebHost({
      host: values.host,
      port,
      token,
      rendererDir: join(__dirname, '../renderer'),
      engine,
      service,
    }),
  );
  if (values.port === undefined && host.port !== DEFAULT_WEB_PORT) {
    console.log(
      `Socket Workbench: port ${DEFAULT_WEB_PORT} is in use (another workbench?); serving on ${host.port} instead. A page open on another port will not find this one.`,
    );
  }
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
