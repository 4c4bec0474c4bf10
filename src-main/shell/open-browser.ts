import { spawn } from 'node:child_process';
import { existsSync } from 'node:fs';
import { delimiter, join } from 'node:path';

/**
 * Opens the web shell's page the way a desktop app opens its window: in
 * Chromium, Chrome or Edge's app mode (`--app=URL`: its own window, no tabs,
 * no address bar) when one is installed, else in the system's default
 * browser. `WORKBENCH_BROWSER` names a browser command to use instead (app
 * mode is tried with it when it looks like a Chromium).
 */

export interface OpenPlan {
  command: string;
  args: string[];
  /** What the shell says it did: "Chromium (app window)", "the default browser". */
  label: string;
}

export interface OpenEnv {
  platform: NodeJS.Platform;
  env: NodeJS.ProcessEnv;
  /** Whether a file exists (tests pass a fake file system). */
  exists: (path: string) => boolean;
  /** A separate profile for the app window, so it is a window of its own and keeps its storage. */
  profileDir: string;
}

/** Browsers with an app mode, by the names their launchers have on PATH or the places they install to. */
const APP_BROWSERS: Record<string, string[]> = {
  linux: ['chromium', 'chromium-browser', 'google-chrome', 'google-chrome-stable', 'microsoft-edge'],
  darwin: [
    '/Applications/Google Chrome.app/Contents/MacOS/Google Chrome',
    '/Applications/Chromium.app/Contents/MacOS/Chromium',
    '/Applications/Microsoft Edge.app/Contents/MacOS/Microsoft Edge',
  ],
  win32: [
    'C:\\Program Files\\Google\\Chrome\\Application\\chrome.exe',
    'C:\\Program Files (x86)\\Google\\Chrome\\Application\\chrome.exe',
    'C:\\Program Files (x86)\\Microsoft\\Edge\\Application\\msedge.exe',
    'C:\\Program Files\\Microsoft\\Edge\\Application\\msedge.exe',
  ],
};

/** A name on PATH (Unix) or an absolute path, found; undefined when it is not there. */
function locate(name: string, { env, exists, platform }: OpenEnv): string | undefined {
  if (name.includes('/') || name.includes('\\')) return exists(name) ? name : undefined;
  for (const dir of (env.PATH ?? '').split(platform === 'win32' ? ';' : delimiter)) {
    if (!dir) continue;
    const candidate = join(dir, name);
    if (exists(candidate)) return candidate;
  }
  return undefined;
}

const appArgs = (url: string, profileDir: string): string[] => [
  `--app=${url}`,
  `--user-data-dir=${profileDir}`,
  '--no-first-run',
  '--no-default-browser-check',
];

/** What to run to show `url`, or why nothing can be (no display to open a window on). */
export function planOpen(url: string, at: OpenEnv): OpenPlan | { none: string } {
  const chosen = at.env.WORKBENCH_BROWSER?.trim();
  if (chosen) {
    const command = locate(chosen, at) ?? chosen;
    const chromeLike = /chrom|edge|brave/i.test(chosen);
    return chromeLike
      ? { command, args: appArgs(url, at.profileDir), label: `${chosen} (app window)` }
      : { command, args: [url], label: chosen };
  }
  if (at.platform === 'linux' && !at.env.DISPLAY && !at.env.WAYLAND_DISPLAY)
    return { none: 'no display to open a window on (DISPLAY and WAYLAND_DISPLAY are not set)' };
  for (const name of APP_BROWSERS[at.platform] ?? []) {
    const command = locate(name, at);
    if (command) return { command, args: appArgs(url, at.profileDir), label: `${name} (app window)` };
  }
  switch (at.platform) {
    case 'darwin':
      return { command: 'open', args: [url], label: 'the default browser' };
    case 'win32':
      // No shell: start "" url would need cmd.exe; the URL handler takes the address as it is.
      return {
        command: 'rundll32',
        args: ['url.dll,FileProtocolHandler', url],
        label: 'the default browser',
      };
    default: {
      const command = locate('xdg-open', at);
      return command
        ? { command, args: [url], label: 'the default browser' }
        : { none: 'no browser found (no Chromium, Chrome or Edge, and no xdg-open)' };
    }
  }
}

/** Open the page; says what it did, or why it could not, in one line. Never throws: the URL is printed either way. */
export function openBrowser(url: string, profileDir: string, say: (line: string) => void): void {
  const plan = planOpen(url, {
    platform: process.platform,
    env: process.env,
    exists: existsSync,
    profileDir,
  });
  if ('none' in plan) {
    say(`Not opening a window: ${plan.none}. Open the address above in a browser.`);
    return;
  }
  try {
    const child = spawn(plan.command, plan.args, { stdio: 'ignore', detached: true });
    child.on('error', (err) =>
      say(`Could not open ${plan.label} (${err.message}). Open the address above in a browser.`),
    );
    child.unref();
    say(`Opening it in ${plan.label}. (--no-open turns this off.)`);
  } catch (err) {
    say(`Could not open ${plan.label} (${err instanceof Error ? err.message : String(err)}).`);
  }
}
