// Lint, including the layer rules: who may import whom (docs/ARCHITECTURE.md, "Rules of the house").
import js from '@eslint/js';
import globals from 'globals';
import { builtinModules } from 'node:module';
import tseslint from 'typescript-eslint';

/**
 * A `no-restricted-imports` rule from groups of `{paths?, patterns?, message}`: `paths` are exact
 * module names (bare builtins like `events` must not match a relative `./events`), `patterns` are
 * gitignore-style globs.
 */
function forbid(...groups) {
  return [
    'error',
    {
      paths: groups.flatMap(({ paths = [], message }) => paths.map((name) => ({ name, message }))),
      patterns: groups.filter((g) => g.patterns).map(({ patterns, message }) => ({ group: patterns, message })),
    },
  ];
}

const NO_NODE = {
  paths: builtinModules.filter((m) => !m.startsWith('_')),
  patterns: ['node:*'],
  message: 'Node built-ins are not available here: this code also runs in the sandboxed renderer.',
};
const NO_ELECTRON_PKG = {
  paths: ['electron'],
  patterns: ['electron/*'],
  message: 'Only electron/main and electron/preload may import Electron; inject what core needs.',
};
const NO_MAIN_OR_PRELOAD = {
  // Relative imports from core name these folders without the `electron/` prefix (`../main/ipc`).
  patterns: ['**/main', '**/main/**', '**/preload', '**/preload/**'],
  message: 'Core may not depend on the Electron glue.',
};
const NO_RENDERER = { patterns: ['**/renderer', '**/renderer/**'], message: 'Only the renderer imports renderer code.' };
const NO_ELECTRON_DIR = {
  patterns: ['**/electron', '**/electron/**'],
  message: 'The renderer and shared code talk to the main process only through the bridge contract in shared/.',
};

export default tseslint.config(
  { ignores: ['dist/**', 'release/**', 'node_modules/**', 'coverage/**', '.tmp/**', 'test-results/**'] },
  js.configs.recommended,
  ...tseslint.configs.recommended,
  {
    languageOptions: { globals: { ...globals.node } },
    rules: {
      '@typescript-eslint/no-unused-vars': ['error', { argsIgnorePattern: '^_', varsIgnorePattern: '^_' }],
      '@typescript-eslint/consistent-type-imports': 'error',
      'no-console': ['error', { allow: ['error', 'warn'] }],
    },
  },
  {
    files: ['renderer/**/*.{ts,tsx}', 'test/e2e/host/browser-bridge.ts'],
    languageOptions: { globals: { ...globals.browser } },
  },
  { files: ['shared/**/*.ts'], rules: { 'no-restricted-imports': forbid(NO_NODE, NO_ELECTRON_PKG, NO_ELECTRON_DIR, NO_RENDERER) } },
  { files: ['renderer/**/*.{ts,tsx}'], rules: { 'no-restricted-imports': forbid(NO_NODE, NO_ELECTRON_PKG, NO_ELECTRON_DIR) } },
  { files: ['electron/core/**/*.ts', 'electron/sample-api/**/*.ts', 'electron/cli/**/*.ts'], rules: { 'no-restricted-imports': forbid(NO_ELECTRON_PKG, NO_MAIN_OR_PRELOAD, NO_RENDERER) } },
  { files: ['electron/main/**/*.ts'], rules: { 'no-restricted-imports': forbid(NO_RENDERER) } },
  // A sandboxed preload can require only 'electron' (and a few polyfills): no Node built-ins.
  { files: ['electron/preload/**/*.ts'], rules: { 'no-restricted-imports': forbid(NO_RENDERER, NO_NODE) } },
);
