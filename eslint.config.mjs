import js from '@eslint/js';
import prettier from 'eslint-config-prettier';
import reactHooks from 'eslint-plugin-react-hooks';
import globals from 'globals';
import tseslint from 'typescript-eslint';

/*
 * The layers, ground floor first; a folder imports only from its own floor or below
 * (docs/architecture.md draws them):
 *
 *   src-shared                                        pure TS, used by main and the renderer
 *   < src-main/errors                                 EngineError, describeError
 *   < src-main/engine | system | storage | capture    sockets; OS facts; settings; capture files
 *   < src-main/service                                the command tables and router
 *   < src-main/shell | cli                            Electron IPC, web host; the command line
 *   < src-main/app, src-main/index.ts, shell/web-main.ts   the composition root and the entries
 *
 * On the engine's floor the arrows point at the engine: it declares what it needs
 * (engine/needs.ts) and capture/ and system/ implement it, so the engine imports none of them.
 * The renderer (src-renderer) talks to main only through src-shared/contract.ts and the preload.
 * test/architecture/layers.test.ts proves these rules bite.
 */
/** An import of src-main/<folder>, written relative from inside src-main. */
const mainFolder = (names) => `^(\\.\\./)+(src-main/)?(${names.join('|')})(/|$)`;
const ELECTRON = {
  name: 'electron',
  message: 'Only the shells (src-main/shell, src-main/index.ts) and the preload use Electron.',
};
const layer = (files, folders, why, extra = {}) => ({
  files,
  ignores: extra.ignores ?? [],
  rules: {
    'no-restricted-imports': [
      'error',
      {
        paths: extra.electronAllowed ? [] : [ELECTRON],
        patterns: [
          ...(folders.length > 0 ? [{ regex: mainFolder(folders), message: why }] : []),
          ...(extra.patterns ?? []),
        ],
      },
    ],
  },
});
const RENDERER = {
  regex: '(^|/)src-renderer(/|$)',
  message: 'Main never imports the renderer; share code through src-shared.',
};
const ENTRIES = ['src-main/index.ts', 'src-main/shell/web-main.ts'];
const layerRules = [
  layer(['src-shared/**/*.ts'], [], 'unused', {
    patterns: [
      {
        regex: '(^|/)src-(main|renderer)(/|$)',
        message: 'src-shared is the ground floor: it imports neither main nor the renderer.',
      },
      { regex: '^node:', message: 'src-shared also runs in the browser: no Node modules.' },
    ],
  }),
  layer(
    ['src-main/errors/**/*.ts'],
    ['engine', 'system', 'storage', 'capture', 'service', 'shell', 'cli', 'app'],
    'Errors are the ground floor of main: they import only src-shared.',
    { patterns: [RENDERER] },
  ),
  layer(
    ['src-main/engine/**/*.ts'],
    ['system', 'storage', 'capture', 'service', 'shell', 'cli', 'app'],
    'The engine imports only src-shared and errors; declare what it needs in engine/needs.ts and have it passed in (src-main/app/compose.ts).',
    { patterns: [RENDERER] },
  ),
  layer(
    ['src-main/system/**/*.ts'],
    ['storage', 'capture', 'service', 'shell', 'cli', 'app'],
    "system/ reads OS facts; it may implement the engine's interfaces (engine/needs.ts) but imports nothing above.",
    { patterns: [RENDERER] },
  ),
  layer(
    ['src-main/capture/**/*.ts'],
    ['system', 'storage', 'service', 'shell', 'cli', 'app'],
    "capture/ implements the engine's interfaces (engine/needs.ts) and imports nothing above.",
    { patterns: [RENDERER] },
  ),
  layer(
    ['src-main/storage/**/*.ts'],
    // engine/needs.ts is the engine's list of what it needs: storage may implement it (the self-signed certificate).
    ['engine(?!/needs)', 'system', 'capture', 'service', 'shell', 'cli', 'app'],
    'Storage imports only src-shared and errors (and may implement an interface of engine/needs.ts).',
    { patterns: [RENDERER] },
  ),
  layer(
    ['src-main/service/**/*.ts'],
    ['shell', 'cli', 'app'],
    'The service knows no shell: both shells call it.',
    {
      patterns: [RENDERER],
    },
  ),
  layer(
    ['src-main/shell/**/*.ts'],
    ['system', 'storage', 'capture', 'cli', 'app'],
    'A shell gets its engine and service from the composition root (src-main/app/compose.ts) through its entry.',
    { electronAllowed: true, ignores: ENTRIES, patterns: [RENDERER] },
  ),
  // The CLI drives its own sockets (cli/link.ts); cli/io.ts reads the renderer's Chinese messages, so no renderer rule yet.
  layer(
    ['src-main/cli/**/*.ts'],
    ['system', 'storage', 'capture', 'service', 'shell', 'app'],
    'The command line uses src-shared, errors and the engine only.',
  ),
  layer(
    ['src-main/app/**/*.ts'],
    ['shell', 'cli'],
    'The composition root sits below the entries that call it.',
    {
      patterns: [RENDERER],
    },
  ),
  layer(ENTRIES, [], 'unused', { electronAllowed: true, patterns: [RENDERER] }),
  layer(['src-preload/**/*.ts'], [], 'unused', {
    electronAllowed: true,
    patterns: [
      {
        regex: '(^|/)src-(main|renderer)(/|$)',
        message: 'The preload passes the contract through: it imports only src-shared.',
      },
    ],
  }),
  layer(['src-renderer/**/*.{ts,tsx}'], [], 'unused', {
    patterns: [
      {
        regex: '(^|/)src-main(/|$)',
        message: 'The renderer reaches main only through the bridge (src-shared/contract.ts).',
      },
      { regex: '^node:', message: 'The renderer runs in a browser: no Node modules.' },
    ],
  }),
];

export default tseslint.config(
  { ignores: ['out/**', 'node_modules/**', 'test-results/**', 'playwright-report/**', 'coverage/**'] },
  js.configs.recommended,
  ...tseslint.configs.strict,
  {
    files: ['**/*.{ts,tsx}'],
    rules: {
      '@typescript-eslint/no-explicit-any': 'error',
      '@typescript-eslint/consistent-type-imports': 'error',
      '@typescript-eslint/no-unused-vars': ['error', { argsIgnorePattern: '^_', varsIgnorePattern: '^_' }],
    },
  },
  {
    files: [
      'src-main/**/*.ts',
      'src-preload/**/*.ts',
      'test/**/*.ts',
      'e2e/**/*.ts',
      'bench/**/*.ts',
      'scripts/**/*.mjs',
      'bin/**/*.mjs',
      '*.config.{ts,mts,mjs}',
    ],
    languageOptions: { globals: { ...globals.node } },
  },
  {
    files: ['src-renderer/**/*.{ts,tsx}'],
    languageOptions: { globals: { ...globals.browser } },
    plugins: { 'react-hooks': reactHooks },
    rules: reactHooks.configs.recommended.rules,
  },
  ...layerRules,
  {
    // No user-supplied text ever reaches an HTML parser or a shell: React renders text,
    // child processes take argument arrays (test/robustness/security.test.ts checks this rule bites).
    files: ['src-main/**/*.ts', 'src-preload/**/*.ts', 'src-renderer/**/*.{ts,tsx}', 'src-shared/**/*.ts'],
    rules: {
      'no-restricted-properties': [
        'error',
        { property: 'innerHTML', message: 'Render text with React; never parse HTML.' },
        { property: 'outerHTML', message: 'Render text with React; never parse HTML.' },
        { property: 'insertAdjacentHTML', message: 'Render text with React; never parse HTML.' },
        { object: 'document', property: 'write', message: 'Render text with React; never parse HTML.' },
      ],
      'no-restricted-syntax': [
        'error',
        {
          selector: "JSXAttribute[name.name='dangerouslySetInnerHTML']",
          message: 'Render text with React; never parse HTML.',
        },
        {
          selector:
            'ImportDeclaration[source.value=/^(node:)?child_process$/] ImportSpecifier[imported.name=/^exec(Sync)?$/]',
          message: 'exec runs a shell: use execFile or spawn with an argument array.',
        },
        {
          selector: "Property[key.name='shell'][value.value=true]",
          message: 'No shell: pass an argument array instead.',
        },
      ],
    },
  },
  {
    // Renderer components never call main by name: a feature's actions hook (use-*-actions.ts)
    // is the one place that chooses a command (test/renderer/layers.test.ts checks this rule bites).
    files: ['src-renderer/src/features/**/*.tsx', 'src-renderer/src/ui/**/*.tsx'],
    rules: {
      'no-restricted-imports': [
        'error',
        {
          patterns: [
            {
              group: ['**/bridge', '**/bridge/*'],
              message: "Components call their feature's actions (use-*-actions.ts), never the bridge.",
            },
            {
              group: ['**/src-main/**', 'node:*'],
              message: 'The renderer touches no socket and no Node API.',
            },
          ],
        },
      ],
    },
  },
  {
    // Playwright fixtures must destructure their (sometimes empty) dependencies.
    files: ['e2e/**/*.ts'],
    rules: { 'no-empty-pattern': 'off' },
  },
  prettier,
);
