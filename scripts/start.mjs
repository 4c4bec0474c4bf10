// Socket Workbench launcher: `npm start` (Electron app) and `npm run web` (web shell).
//
// 1. Builds with electron-vite when out/ is missing or older than the sources.
// 2. Runs the Electron app. Where the Electron binary is missing (its download
//    is lazy and often impossible here), says so in one line and serves the web
//    shell instead. `--web` goes straight to the web shell.
// Other arguments are passed through: `npm run web -- --port 8080 --host 0.0.0.0`.
// Node built-ins only. The socket-owning process gets the V8 flags of engine-flags.mjs.

import { spawn, spawnSync } from 'node:child_process';
import { existsSync, readFileSync, readdirSync, statSync } from 'node:fs';
import { constants } from 'node:os';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { ENGINE_V8_FLAGS } from './engine-flags.mjs';

const root = join(dirname(fileURLToPath(import.meta.url)), '..');
const args = process.argv.slice(2);
const webOnly = args.includes('--web');
const passThrough = args.filter((arg) => arg !== '--web');
// The web shell opens its page in a window of its own, like the app would, unless told not to.
const webArgs = passThrough.includes('--no-open') ? passThrough : [...passThrough, '--open'];

// Keep in step with src-main/shell/web-cli.ts (WEB_HELP): test/shell/start-script.test.ts checks
// that every flag the web shell takes is listed here. Printed before any build, so it is instant.
const HELP = `Usage: npm start -- [options]      the Electron app; the web shell where Electron is missing
       npm run web -- [options]    the web shell: Socket Workbench in a browser on this machine

Builds first when out/ is missing or older than the sources.

Launcher options:
  --web             Serve the web shell even where Electron is installed (what npm run web does).
  -h, --help        Show this help and exit.

Web shell options (passed through):
  --port <n>        Port to listen on (0: any free port the OS picks). Default 47800; when it is
                    taken, the next free one up to 47809, else one the OS picks (the shell says which).
  --host <address>  Interface to listen on. Default 127.0.0.1 (this machine only).
  --data-dir <dir>  Where saved messages, settings and the access token are kept.
                    Default $XDG_CONFIG_HOME/socket-workbench or ~/.config/socket-workbench.
  --token <text>    Access token for this run (also WORKBENCH_TOKEN). Default: the one kept in
                    <data-dir>/web-token (mode 0600), so a page left open reconnects after a restart.
  --open            Open the page in a window of its own (the launcher's default): Chromium,
                    Chrome or Edge in app mode when installed, else the default browser.
                    WORKBENCH_BROWSER names another browser command.
  --no-open         Only print the address.

The Electron app keeps its settings in Electron's userData directory and takes no options.
`;

if (args.includes('--help') || args.includes('-h')) {
  process.stdout.write(HELP);
  process.exit(0);
}

const BUILD_OUTPUTS = [
  'out/main/index.js',
  'out/main/web.js',
  'out/preload/index.js',
  'out/renderer/index.html',
];
const SOURCE_DIRS = ['src-main', 'src-preload', 'src-renderer', 'src-shared'];
const SOURCE_FILES = ['electron.vite.config.ts', 'package.json'];
const electronDir = join(root, 'node_modules', 'electron');

const mtime = (path) => statSync(path, { throwIfNoEntry: false })?.mtimeMs ?? 0;

function needsBuild() {
  if (BUILD_OUTPUTS.some((file) => !existsSync(join(root, file)))) return true;
  const built = mtime(join(root, 'out/main/index.js'));
  const sources = SOURCE_FILES.map((file) => join(root, file));
  for (const dir of SOURCE_DIRS) {
    const abs = join(root, dir);
    sources.push(abs);
    if (!existsSync(abs)) continue;
    for (const name of readdirSync(abs, { recursive: true })) sources.push(join(abs, name));
  }
  return sources.some((path) => mtime(path) > built);
}

function build() {
  console.log('Building Socket Workbench (electron-vite build)...');
  const cli = join(root, 'node_modules', 'electron-vite', 'bin', 'electron-vite.js');
  const result = spawnSync(process.execPath, [cli, 'build'], {
    cwd: root,
    encoding: 'utf8',
    timeout: 300_000,
    maxBuffer: 64 * 1024 * 1024,
  });
  if (result.status !== 0) {
    process.stderr.write(`${result.stdout ?? ''}${result.stderr ?? ''}`);
    console.error(
      `The build failed${result.error ? ` (${result.error.message})` : ''}; see the output above.`,
    );
    process.exit(1);
  }
}

/** The Electron executable, found the way node_modules/electron/index.js finds it, without downloading. */
function electronBinary() {
  const pathFile = join(electronDir, 'path.txt');
  const exe = existsSync(pathFile) ? readFileSync(pathFile, 'utf8') : '';
  const override = process.env.ELECTRON_OVERRIDE_DIST_PATH;
  const bin = override ? join(override, exe || 'electron') : exe && join(electronDir, 'dist', exe);
  return bin && existsSync(bin) ? bin : undefined;
}

/** One attempt at Electron's own lazy download, quiet and bounded. */
function installElectron() {
  return new Promise((resolve) => {
    const installer = join(electronDir, 'install.js');
    if (!existsSync(installer)) return resolve(false);
    const notice = setTimeout(
      () => console.log('Downloading the Electron binary (up to 2 minutes)...'),
      3000,
    );
    const child = spawn(process.execPath, [installer], { cwd: root, stdio: 'ignore', timeout: 120_000 });
    const done = (ok) => {
      clearTimeout(notice);
      resolve(ok);
    };
    child.on('error', () => done(false));
    child.on('exit', (code) => done(code === 0));
  });
}

/** Run a child with our terminal, forward Ctrl-C / SIGTERM to it and exit with its code. */
function run(command, childArgs, env = process.env) {
  const child = spawn(command, childArgs, { cwd: root, stdio: 'inherit', env });
  for (const signal of ['SIGINT', 'SIGTERM']) process.on(signal, () => child.kill(signal));
  child.on('error', (err) => {
    console.error(`Could not start ${command}: ${err.message}`);
    process.exit(1);
  });
  child.on('exit', (code, signal) => process.exit(code ?? 128 + (constants.signals[signal] ?? 0)));
}

/** Electron's path, or undefined after saying in one line why the web shell runs instead. */
async function findElectron() {
  const skip = process.env.ELECTRON_SKIP_BINARY_DOWNLOAD ?? '';
  const skipDownload = skip !== '' && skip !== '0' && skip !== 'false';
  const found =
    electronBinary() ?? (!skipDownload && (await installElectron()) ? electronBinary() : undefined);
  if (!found) {
    const why = skipDownload ? `ELECTRON_SKIP_BINARY_DOWNLOAD=${skip}` : 'its download failed';
    console.log(`Electron is not installed on this machine (${why}); serving the web shell instead.`);
  }
  return found;
}

if (needsBuild()) build();
const electron = webOnly ? undefined : await findElectron();
if (electron) {
  const env = { ...process.env };
  delete env.ELECTRON_RUN_AS_NODE; // it would make Electron run as plain Node
  // Main-process V8 flags must be given at launch; app.commandLine is too late for them.
  run(electron, [`--js-flags=${ENGINE_V8_FLAGS.join(' ')}`, '.', ...passThrough], env);
} else {
  run(process.execPath, [...ENGINE_V8_FLAGS, join(root, 'out', 'main', 'web.js'), ...webArgs]);
}
