#!/usr/bin/env node
// `npm start`: builds, then runs the desktop app. Electron's binary is fetched on first start
// when the install skipped it (see electron-binary.mjs). Where Electron cannot start (no binary because the machine is
// offline, no display), says so in one line and serves the same UI in browser mode instead.
// `--browser` goes straight to browser mode (handy for UI work).
import { spawn, spawnSync } from 'node:child_process';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { findElectronBinary } from './electron-binary.mjs';

const root = path.join(path.dirname(fileURLToPath(import.meta.url)), '..');
const electronDir = path.join(root, 'node_modules', 'electron');
const forceBrowser = process.argv.includes('--browser');

/** The binary, or why Electron cannot start here. */
function electron() {
  if (forceBrowser) return { problem: 'it was asked for' };
  const found = findElectronBinary({
    electronDir,
    env: process.env,
    now: new Date(),
    retry: process.argv.includes('--fetch-electron'),
    log: (line) => console.log(line),
  });
  if ('problem' in found) return found;
  if (process.platform === 'linux' && !process.env.DISPLAY && !process.env.WAYLAND_DISPLAY) return { problem: 'there is no display' };
  return found;
}

const built = spawnSync(process.execPath, [path.join(root, 'scripts', 'build.mjs')], { cwd: root, encoding: 'utf8' });
if (built.status !== 0) {
  process.stderr.write(`${built.stdout}${built.stderr}`);
  process.exit(built.status ?? 1);
}

function browserMode(reason) {
  console.log(`Backwatch runs in browser mode: ${reason}.`);
  const child = spawn(process.execPath, ['--import', 'tsx', path.join(root, 'src-main', 'harness', 'main.ts'), '--browser-mode'], {
    cwd: root,
    stdio: 'inherit',
  });
  child.on('exit', (code) => process.exit(code ?? 0));
}

const found = electron();
if ('problem' in found) {
  browserMode(found.problem);
} else {
  const startedAt = Date.now();
  const app = spawn(found.binary, [root], { cwd: root, stdio: 'inherit' });
  app.on('error', (error) => browserMode(error.message));
  // An Electron that dies at once (missing libraries, no GPU, broken display) gets the fallback too.
  app.on('exit', (code) =>
    code !== 0 && Date.now() - startedAt < 5000 ? browserMode(`Electron exited with code ${code}`) : process.exit(code ?? 0),
  );
}
