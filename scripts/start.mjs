#!/usr/bin/env node
// `npm start`: builds, then runs the desktop app. Electron's binary is fetched on first start
// (package installs skip it). Where Electron cannot start (no binary because the machine is
// offline, no display), says so in one line and serves the same UI in browser mode instead.
// `--browser` goes straight to browser mode (handy for UI work).
import { spawn, spawnSync } from 'node:child_process';
import { existsSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

const root = path.join(path.dirname(fileURLToPath(import.meta.url)), '..');
const electronDir = path.join(root, 'node_modules', 'electron');
const forceBrowser = process.argv.includes('--browser');

function electronBinary() {
  const pathFile = path.join(electronDir, 'path.txt');
  if (!existsSync(pathFile)) return null;
  const binary = path.join(electronDir, 'dist', readFileSync(pathFile, 'utf8').trim());
  return existsSync(binary) ? binary : null;
}

/** Why Electron cannot start here, or null when it can. */
function electronProblem() {
  if (forceBrowser) return 'browser mode was asked for';
  let binary = electronBinary();
  if (!binary && process.env.ELECTRON_SKIP_BINARY_DOWNLOAD !== '1' && existsSync(path.join(electronDir, 'install.js'))) {
    console.log('Fetching the Electron binary (first start)…');
    spawnSync(process.execPath, [path.join(electronDir, 'install.js')], { stdio: 'ignore', timeout: 300_000 });
    binary = electronBinary();
  }
  if (!binary) return 'no Electron binary (it could not be downloaded on this machine)';
  if (process.platform === 'linux' && !process.env.DISPLAY && !process.env.WAYLAND_DISPLAY) return 'no display';
  return null;
}

const built = spawnSync(process.execPath, [path.join(root, 'scripts', 'build.mjs')], { cwd: root, encoding: 'utf8' });
if (built.status !== 0) {
  process.stderr.write(`${built.stdout}${built.stderr}`);
  process.exit(built.status ?? 1);
}

function browserMode(reason) {
  console.log(`Electron cannot start here (${reason}): serving Backwatch in browser mode instead.`);
  const child = spawn(process.execPath, ['--import', 'tsx', path.join(root, 'src-main', 'harness', 'main.ts'), '--browser-mode'], {
    cwd: root,
    stdio: 'inherit',
  });
  child.on('exit', (code) => process.exit(code ?? 0));
}

const problem = electronProblem();
if (problem) {
  browserMode(problem);
} else {
  const startedAt = Date.now();
  const app = spawn(electronBinary(), [root], { cwd: root, stdio: 'inherit' });
  app.on('error', (error) => browserMode(error.message));
  // An Electron that dies at once (missing libraries, no GPU, broken display) gets the fallback too.
  app.on('exit', (code) =>
    code !== 0 && Date.now() - startedAt < 5000 ? browserMode(`Electron exited with code ${code}`) : process.exit(code ?? 0),
  );
}
