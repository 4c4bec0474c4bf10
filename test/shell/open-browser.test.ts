import { describe, expect, it } from 'vitest';
import { planOpen, type OpenEnv } from '../../src-main/shell/open-browser';

const URL = 'http://127.0.0.1:47800/?token=t';
const at = (platform: NodeJS.Platform, env: NodeJS.ProcessEnv, files: string[] = []): OpenEnv => ({
  platform,
  env,
  exists: (path) => files.includes(path),
  profileDir: '/data/app-window',
});

describe('where the web shell opens its page', () => {
  it('Chromium on PATH: its app mode, a window of its own', () => {
    const plan = planOpen(URL, at('linux', { DISPLAY: ':0', PATH: '/usr/bin:/bin' }, ['/usr/bin/chromium']));
    expect(plan).toMatchObject({ command: '/usr/bin/chromium' });
    expect('args' in plan && plan.args).toEqual([
      `--app=${URL}`,
      '--user-data-dir=/data/app-window',
      '--no-first-run',
      '--no-default-browser-check',
    ]);
  });

  it('no Chromium-like browser: the default browser (xdg-open, open, the Windows URL handler)', () => {
    expect(planOpen(URL, at('linux', { DISPLAY: ':0', PATH: '/usr/bin' }, ['/usr/bin/xdg-open']))).toEqual({
      command: '/usr/bin/xdg-open',
      args: [URL],
      label: 'the default browser',
    });
    expect(planOpen(URL, at('darwin', {}))).toMatchObject({ command: 'open', args: [URL] });
    expect(planOpen(URL, at('win32', {}))).toMatchObject({
      command: 'rundll32',
      args: ['url.dll,FileProtocolHandler', URL],
    });
  });

  it('Chrome installed on macOS is found where it installs', () => {
    const chrome = '/Applications/Google Chrome.app/Contents/MacOS/Google Chrome';
    expect(planOpen(URL, at('darwin', {}, [chrome]))).toMatchObject({ command: chrome });
  });

  it('a Linux session with no display: nothing to open, and says why', () => {
    const plan = planOpen(URL, at('linux', { PATH: '/usr/bin' }, ['/usr/bin/chromium']));
    expect(plan).toEqual({ none: expect.stringContaining('no display') });
  });

  it('WORKBENCH_BROWSER wins; app mode only for a Chromium-like one', () => {
    expect(planOpen(URL, at('linux', { WORKBENCH_BROWSER: 'firefox' }))).toMatchObject({
      command: 'firefox',
      args: [URL],
    });
    expect(planOpen(URL, at('linux', { WORKBENCH_BROWSER: 'brave-browser' }))).toMatchObject({
      args: expect.arrayContaining([`--app=${URL}`]),
    });
  });
});
