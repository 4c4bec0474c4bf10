import { ESLint } from 'eslint';
import { describe, expect, it } from 'vitest';

/**
 * The layer rules in eslint.config.mjs (no-restricted-imports per folder) are
 * what keeps main's floors apart; `npm test` runs eslint over the tree. Here
 * each rule is shown to bite: a wrong arrow is an error, a right one is not.
 */
const eslint = new ESLint({ cwd: process.cwd() });

async function restrictedImports(code: string, filePath: string): Promise<string[]> {
  const [result] = await eslint.lintText(code, { filePath });
  return (result?.messages ?? []).filter((m) => m.ruleId === 'no-restricted-imports').map((m) => m.message);
}

/** One import of `what` from `from`, used so no other rule complains. */
const importing = (what: string, from: string): string =>
  `import { ${what} } from '${from}';\nexport const used = ${what};\n`;

describe('main layers (eslint no-restricted-imports)', () => {
  const wrong: [string, string, string, RegExp][] = [
    [
      'the engine importing capture',
      'src-main/engine/bad.ts',
      importing('CaptureRegistry', '../capture/registry'),
      /engine\/needs\.ts/,
    ],
    [
      'the engine importing system',
      'src-main/engine/bad.ts',
      importing('UdpDropWatcher', '../system/udp-drops'),
      /engine imports only/,
    ],
    [
      'the engine importing the service',
      'src-main/engine/bad.ts',
      importing('createService', '../service/service'),
      /engine imports only/,
    ],
    [
      'the engine importing storage',
      'src-main/engine/bad.ts',
      importing('SettingsStore', '../storage/settings-store'),
      /engine imports only/,
    ],
    ['the engine importing Electron', 'src-main/engine/bad.ts', importing('app', 'electron'), /Electron/],
    [
      'errors importing the engine',
      'src-main/errors/bad.ts',
      importing('Engine', '../engine/engine'),
      /ground floor of main/,
    ],
    [
      'storage importing the engine',
      'src-main/storage/bad.ts',
      importing('Engine', '../engine/engine'),
      /Storage imports only/,
    ],
    [
      'capture importing system',
      'src-main/capture/bad.ts',
      importing('listPorts', '../system/ports'),
      /capture\//,
    ],
    [
      'the service importing a shell',
      'src-main/service/bad.ts',
      importing('attachIpc', '../shell/ipc-adapter'),
      /knows no shell/,
    ],
    [
      'a shell importing storage',
      'src-main/shell/bad.ts',
      importing('SettingsStore', '../storage/settings-store'),
      /composition root/,
    ],
    [
      'a CLI command importing the service',
      'src-main/cli/commands/bad.ts',
      importing('createService', '../../service/service'),
      /command line/,
    ],
    [
      'src-shared importing main',
      'src-shared/bad.ts',
      importing('Engine', '../src-main/engine/engine'),
      /ground floor/,
    ],
    [
      'src-shared importing the renderer',
      'src-shared/codec/bad.ts',
      importing('App', '../../src-renderer/src/App'),
      /ground floor/,
    ],
    ['src-shared importing a Node module', 'src-shared/bad.ts', importing('readFile', 'node:fs'), /browser/],
    [
      'the renderer importing main',
      'src-renderer/src/bad.ts',
      importing('Engine', '../../src-main/engine/engine'),
      /bridge/,
    ],
    [
      'the renderer importing a Node module',
      'src-renderer/src/bad.ts',
      importing('readFile', 'node:fs'),
      /browser/,
    ],
  ];
  it.each(wrong)(
    'refuses %s',
    async (_what, filePath, code, message) => {
      const messages = await restrictedImports(code, filePath);
      expect(messages).toHaveLength(1);
      expect(messages[0]).toMatch(message);
    },
    30_000,
  );

  const right: [string, string, string][] = [
    [
      'the engine importing errors',
      'src-main/engine/ok.ts',
      importing('EngineError', '../errors/engine-error'),
    ],
    [
      'the engine importing shared code named capture',
      'src-main/engine/ok.ts',
      importing('CAPTURE_DEFAULT_BYTES', '../../src-shared/capture/settings'),
    ],
    [
      "capture implementing the engine's interface",
      'src-main/capture/ok.ts',
      "import type { Captures } from '../engine/needs';\nexport type Used = Captures;\n",
    ],
    [
      'storage importing errors',
      'src-main/storage/ok.ts',
      importing('EngineError', '../errors/engine-error'),
    ],
    [
      'the service importing the engine',
      'src-main/service/ok.ts',
      importing('listInterfaces', '../engine/interfaces'),
    ],
    ['a shell importing Electron', 'src-main/shell/ok.ts', importing('ipcMain', 'electron')],
    [
      'the composition root importing capture',
      'src-main/app/ok.ts',
      importing('CaptureRegistry', '../capture/registry'),
    ],
    [
      'the web entry importing the composition root',
      'src-main/shell/web-main.ts',
      importing('composeApp', '../app/compose'),
    ],
    [
      'the renderer importing the contract',
      'src-renderer/src/ok.ts',
      importing('COMMAND_NAMES', '../../src-shared/commands'),
    ],
  ];
  it.each(right)(
    'allows %s',
    async (_what, filePath, code) => {
      expect(await restrictedImports(code, filePath)).toEqual([]);
    },
    30_000,
  );
});
