import js from '@eslint/js';
import prettier from 'eslint-config-prettier';
import reactHooks from 'eslint-plugin-react-hooks';
import globals from 'globals';
import tseslint from 'typescript-eslint';

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
  {
    // The engine is pure Node: it runs under Electron, the web shell and unit tests alike.
    files: ['src-main/engine/**/*.ts', 'src-shared/**/*.ts'],
    rules: {
      'no-restricted-imports': [
        'error',
        { paths: [{ name: 'electron', message: 'The engine and shared code must not depend on Electron.' }] },
      ],
    },
  },
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
