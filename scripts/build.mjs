// `npm run build`: bundles the Electron main process (ESM, the demo fleet in a chunk loaded on demand), the preload (CommonJS: sandboxed
// preloads cannot load ESM) and the `backwatch` command (dist/cli/backwatch.mjs, which bin/backwatch.mjs runs when it is there),
// then builds the renderer with Vite.
import { build } from 'esbuild';
import { spawnSync } from 'node:child_process';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';

const root = join(dirname(fileURLToPath(import.meta.url)), '..');
// `--out <dir>` builds into another folder than dist/ (the shell tests build a throwaway copy there).
const outFlag = process.argv.indexOf('--out');
const out = outFlag === -1 ? join(root, 'dist') : resolve(process.argv[outFlag + 1] ?? '');
const common = { bundle: true, platform: 'node', target: 'node22', sourcemap: true, logLevel: 'info', absWorkingDir: root };
// Bundled CommonJS dependencies call require() for Node built-ins: give the ESM bundles one.
const requireBanner = {
  js: "import { createRequire as __createRequire } from 'node:module'; const require = __createRequire(import.meta.url);",
};

/** The `backwatch` command in one file; keytar and better-sqlite3 are native modules loaded from node_modules. */
async function buildCli() {
  await build({
    ...common,
    entryPoints: ['src-main/cli/main.ts'],
    outfile: join(out, 'cli', 'backwatch.mjs'),
    // The command runs on the user's Node, which may be the oldest that engines accepts.
    target: 'node20',
    format: 'esm',
    external: ['keytar', 'better-sqlite3'],
    banner: requireBanner,
    logLevel: 'warning',
  });
}

// `--cli-only` builds the command alone (the CLI tests run it through bin/backwatch.mjs).
if (process.argv.includes('--cli-only')) {
  await buildCli();
  process.exit(0);
}

await build({
  ...common,
  entryPoints: ['src-main/electron/main.ts'],
  // Splitting puts what main.js imports on demand (the demo fleet) in chunks of its own, beside it.
  outdir: join(out, 'main', 'electron'),
  splitting: true,
  chunkNames: 'chunks/[name]-[hash]',
  format: 'esm',
  // Electron is provided by the runtime; keytar and better-sqlite3 are native modules loaded from node_modules.
  external: ['electron', 'keytar', 'better-sqlite3'],
  banner: requireBanner,
});

await build({
  ...common,
  entryPoints: ['src-main/preload/preload.ts'],
  outfile: join(out, 'main', 'preload', 'preload.cjs'),
  format: 'cjs',
  platform: 'browser',
  external: ['electron'],
});

await buildCli();

// `--main-only` builds the two bundles alone (the shell's wiring test uses it).
if (!process.argv.includes('--main-only')) {
  const vite = spawnSync(
    process.execPath,
    [
      join(root, 'node_modules', 'vite', 'bin', 'vite.js'),
      'build',
      '--config',
      'src-renderer/vite.config.ts',
      '--outDir',
      join(out, 'renderer'),
      '--emptyOutDir',
    ],
    {
      cwd: root,
      stdio: 'inherit',
    },
  );
  if (vite.status !== 0) process.exit(vite.status ?? 1);
}
