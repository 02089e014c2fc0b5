import { defineConfig } from 'vite';

// The renderer is a static bundle served from app:// (Electron) or the test host; no dev server, no HMR,
// so the shipped CSP needs no 'unsafe-eval' or localhost exception.
export default defineConfig({
  root: 'renderer',
  base: '/',
  build: {
    outDir: '../dist/renderer',
    emptyOutDir: true,
    target: 'chrome130',
    sourcemap: false,
    modulePreload: { polyfill: false },
  },
});
