/**
 * The Electron security checklist as far as it is data: the main window's
 * webPreferences and the Content-Security-Policy, both the header main sends
 * and the meta tag in the renderer's own index.html.
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { CONTENT_SECURITY_POLICY } from '../../src-main/shell/csp';
import { mainWindowOptions } from '../../src-main/shell/window-options';

/** A policy as a map from directive to its sources. */
function parsePolicy(policy: string): Map<string, string[]> {
  const directives = new Map<string, string[]>();
  for (const part of policy.split(';')) {
    const [name, ...sources] = part.trim().split(/\s+/);
    if (name) directives.set(name.toLowerCase(), sources);
  }
  return directives;
}

/** Sources that would let remote or injected code in. */
const UNSAFE_SOURCE =
  /^('unsafe-eval'|'wasm-unsafe-eval'|\*|https?:|wss?:|data:|blob:|.*\.[a-z]{2,}(:\d+)?(\/.*)?$)/i;

function expectStrictPolicy(policy: string): void {
  const directives = parsePolicy(policy);
  expect(directives.get('default-src')).toEqual(["'none'"]);
  expect(directives.get('script-src')).toEqual(["'self'"]);
  expect(directives.get('object-src')).toEqual(["'none'"]);
  expect(directives.get('base-uri')).toEqual(["'none'"]);
  expect(policy).not.toContain("'unsafe-eval'");
  for (const [name, sources] of directives) {
    for (const source of sources) {
      // data: images are the one exception (inline icons); nothing else may come from elsewhere.
      if (name === 'img-src' && source === 'data:') continue;
      expect(source, `${name} ${source}`).not.toMatch(UNSAFE_SOURCE);
    }
  }
}

describe('main window options', () => {
  const options = mainWindowOptions('/app/out/preload/index.js', '/app/resources/icon.png');
  const prefs = options.webPreferences ?? {};

  it('isolates and sandboxes the renderer, with no Node in it', () => {
    expect(prefs.contextIsolation).toBe(true);
    expect(prefs.sandbox).toBe(true);
    expect(prefs.nodeIntegration).toBe(false);
    expect(prefs.nodeIntegrationInWorker).toBe(false);
    expect(prefs.nodeIntegrationInSubFrames).toBe(false);
  });

  it('keeps web security on and refuses insecure content and webviews', () => {
    expect(prefs.webSecurity).toBe(true);
    expect(prefs.allowRunningInsecureContent).toBe(false);
    expect(prefs.webviewTag).toBe(false);
    expect(prefs.experimentalFeatures).toBe(false);
  });

  it('loads the given preload script and nothing else from outside', () => {
    expect(prefs.preload).toBe('/app/out/preload/index.js');
    expect(options.icon).toBe('/app/resources/icon.png');
  });
});

describe('content security policy', () => {
  it("is strict in the header main sends: default-src 'none', script-src 'self', no eval", () => {
    expectStrictPolicy(CONTENT_SECURITY_POLICY);
    expect(parsePolicy(CONTENT_SECURITY_POLICY).get('frame-ancestors')).toEqual(["'none'"]);
  });

  it('is strict in the meta tag of src-renderer/index.html, with no remote hosts', () => {
    const html = readFileSync(join(__dirname, '../../src-renderer/index.html'), 'utf8');
    // The policy is in double quotes: its own sources are single-quoted ('self').
    const meta = /<meta\s+http-equiv=["']Content-Security-Policy["']\s+content="([^"]*)"/i.exec(html);
    expect(meta, 'a CSP meta tag').not.toBeNull();
    const policy = meta?.[1] ?? '';
    expect(policy).not.toBe('');
    expectStrictPolicy(policy);
    expect(policy).not.toMatch(/https?:\/\/|wss?:\/\//i);
  });
});
