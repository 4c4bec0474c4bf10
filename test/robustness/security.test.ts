/**
 * Security decisions, tested without Electron (its binary cannot run here):
 * the guards index.ts wires to navigation, window.open, permissions and IPC;
 * the window's webPreferences; the web shell's loopback default and its
 * warning on another address; and no HTML or shell sink in the sources.
 * Token, Origin and Host checks of the web shell: test/shell/web-host.test.ts.
 * The CSP in header and meta tag: test/shell/window-options.test.ts.
 */
import { ESLint } from 'eslint';
import { readdirSync, readFileSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { afterAll, describe, expect, it } from 'vitest';
import { createEngine } from '../../src-main/app/compose';
import { createService } from '../../src-main/service/service';
import {
  FORBIDDEN,
  ipcCall,
  isOwnUrl,
  navigationAllowed,
  permissionAllowed,
  windowOpenDecision,
  type IpcSender,
} from '../../src-main/shell/guards';
import { mainWindowOptions } from '../../src-main/shell/window-options';
import { runShell, stopAllShells, waitUntil } from './support';

const appUrl = pathToFileURL('/opt/Socket Workbench/resources/app/out/renderer/index.html').href;
const packaged = { appUrl };
const dev = { appUrl: 'http://localhost:5173/', devUrl: 'http://localhost:5173/' };

afterAll(() => stopAllShells());

describe('navigation guard', () => {
  it('allows our own renderer file, with any query or fragment', () => {
    expect(navigationAllowed(appUrl, packaged)).toBe(true);
    expect(navigationAllowed(`${appUrl}?lang=zh#log`, packaged)).toBe(true);
  });

  it.each([
    'https://example.com/',
    'http://127.0.0.1:8080/',
    'file:///etc/passwd',
    appUrl.replace('index.html', 'other.html'),
    `${appUrl.replace('index.html', '')}../index.html`,
    'javascript:alert(1)',
    'data:text/html,<script>alert(1)</script>',
    'about:blank',
    'http://localhost:5173/',
    '',
    'not a url',
  ])('refuses %s in the packaged app', (url) => {
    expect(navigationAllowed(url, packaged)).toBe(false);
  });

  it('allows the dev server only in development, and only its exact origin', () => {
    expect(isOwnUrl('http://localhost:5173/src/main.tsx', dev)).toBe(true);
    expect(isOwnUrl('http://localhost:5173/', packaged)).toBe(false);
    // The old prefix check let these through: same characters, another host or port.
    expect(isOwnUrl('http://localhost:5173.evil.example/', dev)).toBe(false);
    expect(isOwnUrl('http://localhost:51730/', dev)).toBe(false);
    expect(isOwnUrl('http://localhost:5173@evil.example/', dev)).toBe(false);
    expect(isOwnUrl('https://localhost:5173/', dev)).toBe(false);
    expect(isOwnUrl(appUrl, dev)).toBe(false);
  });
});

describe('window.open and permissions', () => {
  it('denies every new window', () => {
    expect(windowOpenDecision()).toEqual({ action: 'deny' });
  });

  it.each(['media', 'geolocation', 'notifications', 'clipboard-read', 'openExternal', 'fullscreen'])(
    'denies the %s permission',
    (permission) => {
      expect(permissionAllowed(permission)).toBe(false);
    },
  );
});

describe('IPC sender check', () => {
  const engine = createEngine();
  const service = createService(engine, { shell: 'electron', version: 'test' });
  const trusted = (url: string): boolean => isOwnUrl(url, packaged);
  const ours: IpcSender = { fromOurWindow: true, fromMainFrame: true, frameUrl: appUrl };
  afterAll(() => engine.shutdown());

  it('answers our own window’s top frame', async () => {
    const r = await ipcCall(ours, trusted, service, 'sessions.list', {});
    expect(r).toEqual({ ok: true, value: [] });
  });

  it.each<[string, IpcSender]>([
    ['another window', { ...ours, fromOurWindow: false }],
    ['an iframe of our page', { ...ours, fromMainFrame: false }],
    ['our window after navigating elsewhere', { ...ours, frameUrl: 'https://example.com/' }],
    ['a frame that is gone', { ...ours, frameUrl: undefined }],
    ['another file URL', { ...ours, frameUrl: 'file:///tmp/evil.html' }],
  ])('refuses %s with FORBIDDEN, and the command never runs', async (_label, sender) => {
    const r = await ipcCall(sender, trusted, service, 'udp.open', {
      bind: true,
      address: '127.0.0.1',
      port: 0,
    });
    expect(r).toEqual(FORBIDDEN);
    expect(r).toEqual({
      ok: false,
      error: { code: 'FORBIDDEN', message: 'Request refused: it did not come from the workbench window.' },
    });
    expect(engine.list()).toEqual([]);
  });
});

describe('the window', () => {
  it('keeps contextIsolation, sandbox and webSecurity on, Node off', () => {
    const prefs = mainWindowOptions('/p.js', '/i.png').webPreferences;
    expect(prefs).toMatchObject({
      contextIsolation: true,
      sandbox: true,
      nodeIntegration: false,
      nodeIntegrationInWorker: false,
      nodeIntegrationInSubFrames: false,
      webSecurity: true,
      allowRunningInsecureContent: false,
      webviewTag: false,
    });
  });

  it('index.ts wires the guards (no second, divergent copy of the decisions)', () => {
    const index = readFileSync('src-main/index.ts', 'utf8');
    expect(index).toMatch(/from '\.\/shell\/guards'/);
    expect(index).toMatch(/setWindowOpenHandler\(\(\) => windowOpenDecision\(\)\)/);
    expect(index).toMatch(/will-navigate[\s\S]*navigationAllowed/);
    expect(index).toMatch(/setPermissionRequestHandler[\s\S]*permissionAllowed/);
    expect(index).not.toMatch(/startsWith\(devUrl\)/);
    expect(readFileSync('src-main/shell/ipc-adapter.ts', 'utf8')).toMatch(/ipcCall\(/);
  });
});

describe('the web shell on the command line', () => {
  it('listens on loopback by default and prints no warning', async () => {
    const { child, output } = runShell(['--port', '0']);
    await waitUntil(() => /token=/.test(output()), 'URL');
    expect(output()).toMatch(/^Socket Workbench web shell: http:\/\/127\.0\.0\.1:\d+\/\?token=\S+$/m);
    expect(output()).not.toMatch(/reachable from other machines/);
    child.kill('SIGTERM');
  });

  it('says clearly when bound to every interface (bind only: nothing is sent anywhere)', async () => {
    const { child, output } = runShell(['--host', '0.0.0.0', '--port', '0']);
    await waitUntil(() => /token=/.test(output()), 'URL');
    const lines = output().trim().split('\n');
    expect(lines).toContain(
      'Socket Workbench: listening on 0.0.0.0, reachable from other machines. Anyone with the URL below can open sockets here.',
    );
    // The warning comes before the URL, so it is on screen with it.
    expect(lines.findIndex((l) => l.includes('reachable'))).toBeLessThan(
      lines.findIndex((l) => l.includes('token=')),
    );
    child.kill('SIGTERM');
  });
});

// ---------------------------------------------------------------------------
// No user-supplied text reaches innerHTML or a shell

const SOURCE_DIRS = ['src-main', 'src-preload', 'src-renderer', 'src-shared'];

function sources(dir: string): string[] {
  return readdirSync(dir).flatMap((name) => {
    const path = join(dir, name);
    if (statSync(path).isDirectory()) return sources(path);
    return /\.(ts|tsx|html)$/.test(name) ? [path] : [];
  });
}

/** Code without its comments: a comment may name a sink to say it is not used. */
const code = (text: string): string =>
  text.replace(/\/\*[\s\S]*?\*\//g, '').replace(/(^|[^:'"`])\/\/.*$/gm, '$1');

const SINKS: Array<[string, RegExp]> = [
  ['innerHTML', /\binnerHTML\b/],
  ['outerHTML', /\bouterHTML\b/],
  ['insertAdjacentHTML', /\binsertAdjacentHTML\b/],
  ['dangerouslySetInnerHTML', /\bdangerouslySetInnerHTML\b/],
  ['document.write', /\bdocument\.write(ln)?\s*\(/],
  ['eval / new Function', /\beval\s*\(|\bnew Function\s*\(/],
  [
    'child_process exec',
    /\b(exec|execSync)\s*\(\s*[`'"]|import\s*\{[^}]*\bexec(Sync)?\b[^}]*\}\s*from\s*['"](node:)?child_process/,
  ],
  ['shell: true', /\bshell\s*:\s*true\b/],
];

describe('no HTML or shell sink in the sources', () => {
  const files = SOURCE_DIRS.flatMap(sources);

  it(`greps ${SOURCE_DIRS.join(', ')} for ${SINKS.map(([n]) => n).join(', ')}`, () => {
    expect(files.length).toBeGreaterThan(50);
    const found: string[] = [];
    for (const file of files) {
      const text = code(readFileSync(file, 'utf8'));
      for (const [name, pattern] of SINKS) if (pattern.test(text)) found.push(`${file}: ${name}`);
    }
    expect(found).toEqual([]);
  });

  it('and ESLint refuses them in new code (the rule in eslint.config.mjs bites)', async () => {
    const eslint = new ESLint();
    const [tsx] = await eslint.lintText(
      [
        'export function Bad({ text }: { text: string }) {',
        '  document.body.innerHTML = text;',
        "  document.body.insertAdjacentHTML('beforeend', text);",
        '  return <div dangerouslySetInnerHTML={{ __html: text }} />;',
        '}',
      ].join('\n'),
      { filePath: 'src-renderer/src/features/log/Bad.tsx' },
    );
    const [ts] = await eslint.lintText(
      [
        "import { exec } from 'node:child_process';",
        "import { spawn } from 'node:child_process';",
        'export const run = (host: string): void => {',
        '  exec(`ping ${host}`);',
        "  spawn('ping', [host], { shell: true });",
        '};',
      ].join('\n'),
      { filePath: 'src-main/engine/bad.ts' },
    );
    const rules = (r: ESLint.LintResult | undefined): string[] =>
      (r?.messages ?? []).map((m) => m.ruleId ?? m.message);
    expect(rules(tsx).filter((id) => /no-restricted/.test(id))).toHaveLength(3);
    expect(rules(ts).filter((id) => /no-restricted/.test(id))).toHaveLength(2);
  }, 30_000);
});
