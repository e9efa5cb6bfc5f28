import { svelte } from '@sveltejs/vite-plugin-svelte';
import { defineConfig } from 'vite';

// The window's bundle. Relative base so Electron can load it from file:// and the harness from http://.
export default defineConfig({
  root: import.meta.dirname,
  base: './',
  plugins: [svelte()],
  build: {
    outDir: `${import.meta.dirname}/../dist/renderer`,
    emptyOutDir: true,
    target: 'es2022',
    // Styles go to a file, never inline, so the CSP can forbid inline styles and scripts.
    cssCodeSplit: false,
  },
});
