// Layering rules (see ../shared/style.md): each folder may import only what runs where it runs.
import js from '@eslint/js';
import tseslint from 'typescript-eslint';
import svelte from 'eslint-plugin-svelte';
import globals from 'globals';

const node = ['node:*', 'fs', 'path', 'os', 'crypto', 'http', 'https', 'net', 'tls', 'child_process', 'url', 'util', 'events', 'stream'];
const banned = (patterns, message) => ({
  'no-restricted-imports': ['error', { patterns: patterns.map((group) => ({ group: [group], message })) }],
});
// src-main's folders as a test's import path names them. A bare 'electron' pattern also bans
// any path through a folder of that name (src-main/electron, tests/unit/electron).
const layers = (...names) => names.map((name) => `**/src-main/${name}/**`);

// Globals of plain Node that pure code must not reach for (the renderer has none of them).
const nodeOnlyGlobals = [
  'process',
  'Buffer',
  'require',
  'module',
  'exports',
  '__dirname',
  '__filename',
  'global',
  'setImmediate',
  'clearImmediate',
];
const pureGlobals = {
  ...globals['shared-node-browser'],
  ...Object.fromEntries(
    Object.keys(globals.node)
      .filter((name) => !(name in globals['shared-node-browser']))
      .map((name) => [name, 'off']),
  ),
};
const noNodeGlobals = (message) => ({
  'no-restricted-globals': ['error', ...nodeOnlyGlobals.map((name) => ({ name, message }))],
  'no-restricted-properties': ['error', ...nodeOnlyGlobals.map((property) => ({ object: 'globalThis', property, message }))],
});

// A default or namespace import of electron reaches ipcMain/ipcRenderer unseen: name what you import.
const ipcBan = 'Use the typed IPC wrappers, not ipcMain/ipcRenderer directly.';
const wholeElectron = "Import what you need from 'electron' by name: a default or namespace import hides ipcMain/ipcRenderer.";
const fromElectron = "[source.value='electron']";

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
    languageOptions: { globals: pureGlobals },
    rules: noNodeGlobals('common/ is pure TypeScript: what Node alone provides is not there in the renderer.'),
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
    files: ['src-main/harness/**'],
    rules: banned(
      ['electron', 'electron-store', 'keytar', '**/preload/**', '**/cli/**', '**/src-renderer/**'],
      'the browser harness runs the core in plain Node and serves the built renderer: no Electron, no other front end.',
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
        { selector: 'ImportSpecifier[imported.name=/^ipc(Main|Renderer)$/]', message: ipcBan },
        { selector: `ExportNamedDeclaration${fromElectron} > ExportSpecifier[local.name=/^ipc(Main|Renderer)$/]`, message: ipcBan },
        { selector: `ImportDeclaration${fromElectron}[importKind!='type'] > ImportDefaultSpecifier`, message: wholeElectron },
        { selector: `ImportDeclaration${fromElectron}[importKind!='type'] > ImportNamespaceSpecifier`, message: wholeElectron },
        { selector: `ExportAllDeclaration${fromElectron}`, message: wholeElectron },
        { selector: `ImportExpression[source.value='electron']`, message: wholeElectron },
        { selector: `CallExpression[callee.name='require'][arguments.0.value='electron']`, message: wholeElectron },
      ],
    },
  },
  // Sizes: a file says one thing, a function does one thing. Blank lines and comments count, as
  // the reader pays for them too. A factory closure is a function, however many it holds.
  {
    files: ['src-main/**/*.ts', 'src-renderer/**/*.ts', 'src-renderer/**/*.svelte'],
    rules: {
      'max-lines': ['error', { max: 300, skipBlankLines: false, skipComments: false }],
      'max-lines-per-function': ['error', { max: 80, skipBlankLines: false, skipComments: false, IIFEs: true }],
    },
  },
  // Tests keep to the layer they test. Only the shell's tests (tests/unit/electron, with the
  // Electron fake) and the platform suite (tests/e2e-electron) reach Electron.
  {
    files: [
      'tests/unit/{architecture,connectors,core,demo,fuzz,scripts,serve}/**',
      'tests/integration/**',
      'tests/soak/**',
      'tests/bench/**',
      'tests/e2e/**',
    ],
    rules: banned(
      ['electron', 'electron-store', ...layers('preload'), '**/electron-mock*'],
      'only the shell tests (tests/unit/electron) reach Electron, through its fake; these test plain Node.',
    ),
  },
  {
    files: ['tests/unit/common/**'],
    rules: banned(
      [
        ...node,
        'electron',
        'electron-store',
        'undici',
        'keytar',
        ...layers('core', 'demo', 'cli', 'serve', 'harness', 'preload'),
        '**/src-renderer/**',
      ],
      'tests of common/ are pure like it: src-main/common and their own helpers only.',
    ),
  },
  {
    files: ['tests/unit/renderer/**'],
    rules: banned(
      ['electron', 'electron-store', ...layers('core', 'demo', 'cli', 'serve', 'harness', 'preload')],
      'renderer tests see what the renderer sees: src-renderer and src-main/common.',
    ),
  },
);
