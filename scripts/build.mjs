// `npm run build`: bundles the Electron main process (ESM) and the preload (CommonJS: sandboxed
// preloads cannot load ESM), then builds the renderer with Vite.
import { build } from 'esbuild';
import { spawnSync } from 'node:child_process';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

const root = join(dirname(fileURLToPath(import.meta.url)), '..');
const common = { bundle: true, platform: 'node', target: 'node22', sourcemap: true, logLevel: 'info', absWorkingDir: root };

await build({
  ...common,
  entryPoints: ['src-main/electron/main.ts'],
  outfile: 'dist/main/electron/main.js',
  format: 'esm',
  // Electron is provided by the runtime; keytar is a native module loaded from node_modules.
  external: ['electron', 'keytar'],
  // Bundled CommonJS dependencies call require() for Node built-ins: give the ESM bundle one.
  banner: { js: "import { createRequire as __createRequire } from 'node:module'; const require = __createRequire(import.meta.url);" },
});

await build({
  ...common,
  entryPoints: ['src-main/preload/preload.ts'],
  outfile: 'dist/main/preload/preload.cjs',
  format: 'cjs',
  platform: 'browser',
  external: ['electron'],
});

// `--main-only` builds the two bundles alone (the shell's wiring test uses it).
if (!process.argv.includes('--main-only')) {
  const vite = spawnSync(
    process.execPath,
    [join(root, 'node_modules', 'vite', 'bin', 'vite.js'), 'build', '--config', 'src-renderer/vite.config.ts'],
    {
      cwd: root,
      stdio: 'inherit',
    },
  );
  if (vite.status !== 0) process.exit(vite.status ?? 1);
}
