// Layering rules (see ../shared/style.md): each folder may import only what runs where it runs.
import js from '@eslint/js';
import tseslint from 'typescript-eslint';
import svelte from 'eslint-plugin-svelte';
import globals from 'globals';

const node = ['node:*', 'fs', 'path', 'os', 'crypto', 'http', 'https', 'net', 'tls', 'child_process', 'url', 'util', 'events', 'stream'];
const banned = (patterns, message) => ({
  'no-restricted-imports': ['error', { patterns: patterns.map((group) => ({ group: [group], message })) }],
});

export default tseslint.config(
  { ignores: ['dist/**', 'release/**', 'node_modules/**', 'test-results/**', 'playwright-report/**', '.tmp/**'] },
  js.configs.recommended,
  ...tseslint.configs.recommended,
  ...svelte.configs['flat/recommended'],
  {
    languageOptions: { globals: { ...globals.node } },
    rules: {
      '@typescript-eslint/no-unused-vars': ['error', { argsIgnorePattern: '^_', varsIgnorePattern: '^_' }],
      '@typescript-eslint/consistent-type-imports': 'error',
    },
  },
  {
    files: ['**/*.svelte', '**/*.svelte.ts'],
    languageOptions: { parserOptions: { parser: tseslint.parser, extraFileExtensions: ['.svelte'] }, globals: { ...globals.browser } },
  },
  {
    files: ['src-main/common/**'],
    rules: banned(
      [
        ...node,
        'electron',
        '**/core/**',
        '**/electron/**',
        '**/cli/**',
        '**/demo/**',
        '**/preload/**',
        '**/serve/**',
        'undici',
        'keytar',
        'electron-store',
      ],
      'common/ is pure TypeScript: no Node, no Electron, no other layer.',
    ),
  },
  {
    files: ['src-main/core/**'],
    rules: banned(
      [
        'electron',
        'electron-store',
        '**/electron/**',
        '**/cli/**',
        '**/demo/**',
        '**/preload/**',
        '**/harness/**',
        '**/serve/**',
        '**/src-renderer/**',
      ],
      'core/ runs in plain Node: never Electron, never an outer layer.',
    ),
  },
  {
    files: ['src-main/demo/**'],
    rules: banned(
      ['electron', 'electron-store', '**/electron/**', '**/cli/**', '**/preload/**', '**/harness/**'],
      'demo/ (the simulators) runs in plain Node.',
    ),
  },
  {
    files: ['src-main/cli/**'],
    rules: banned(
      ['electron', 'electron-store', '**/electron/**', '**/preload/**', '**/harness/**'],
      'the CLI runs in plain Node: no Electron.',
    ),
  },
  {
    files: ['src-main/serve/**'],
    rules: banned(
      ['electron', 'electron-store', '**/electron/**', '**/cli/**', '**/demo/**', '**/preload/**', '**/harness/**', '**/src-renderer/**'],
      'serve/ (the headless server) runs in plain Node: core/ and common/ only, never Electron.',
    ),
  },
  {
    files: ['src-main/preload/**'],
    rules: banned(
      [...node.filter((m) => m !== 'node:*'), '**/core/**', '**/demo/**', '**/cli/**', '**/electron/**', '**/harness/**'],
      'preload is contextBridge only: the contract, nothing else.',
    ),
  },
  {
    files: ['src-renderer/**'],
    rules: banned(
      [
        ...node,
        'electron',
        '**/src-main/core/**',
        '**/src-main/electron/**',
        '**/src-main/demo/**',
        '**/src-main/cli/**',
        '**/src-main/preload/**',
        '**/src-main/harness/**',
      ],
      'the renderer reaches main only through window.backwatch (and may import src-main/common).',
    ),
  },
  {
    files: ['src-main/**', 'src-renderer/**'],
    ignores: ['src-main/electron/ipc-main.ts', 'src-main/preload/**'],
    rules: {
      'no-restricted-syntax': [
        'error',
        {
          selector: 'ImportSpecifier[imported.name=/^ipc(Main|Renderer)$/]',
          message: 'Use the typed IPC wrappers, not ipcMain/ipcRenderer directly.',
        },
      ],
    },
  },
);
