#!/usr/bin/env node
// `npm test`: one build of what ships, which every suite then runs; type-check, lint and security
// lint (beside the build and each other, the fault soak beside them all); every vitest suite (the
// keychain ones inside a private D-Bus session with an unlocked gnome-keyring when this machine has
// one); the browser suites in Debian Chromium; the built desktop app with its window in Chromium;
// and the Electron suite (which skips without a binary).
// Ends with one line `N passed, N failed[, N skipped]` for CI.
import { spawn, spawnSync } from 'node:child_process';
import { existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

const root = path.dirname(path.dirname(fileURLToPath(import.meta.url)));
const results = path.join(root, 'test-results');
mkdirSync(results, { recursive: true });
const totals = { passed: 0, failed: 0, skipped: 0 };
const failures = [];
const has = (command) => spawnSync('sh', ['-c', `command -v ${command}`]).status === 0;
// npm and npx are .cmd scripts on Windows, which Node starts only through a shell.
const shell = process.platform === 'win32';
const seconds = (started) => `${((Date.now() - started) / 1000).toFixed(1)} s`;
// The suites use the build this run makes (tests/support/fresh-build.ts), once it is made.
const suiteEnv = {};

function run(title, command, args, env = {}) {
  console.log(`\n=== ${title}`);
  const started = Date.now();
  const result = spawnSync(command, args, { cwd: root, stdio: 'inherit', env: { ...process.env, ...suiteEnv, ...env }, shell });
  const ok = result.status === 0;
  console.log(`=== ${title}: ${ok ? 'ok' : `FAILED (exit ${result.status ?? result.signal})`} in ${seconds(started)}`);
  if (!ok) failures.push(title);
  return ok;
}

/** Runs a step with its output kept aside, to be printed whole by `report` once it ended. */
function runAside(title, command, args, env = {}) {
  const started = Date.now();
  return new Promise((resolve) => {
    const child = spawn(command, args, {
      cwd: root,
      stdio: ['ignore', 'pipe', 'pipe'],
      env: { ...process.env, ...suiteEnv, ...env },
      shell,
    });
    const output = [];
    child.stdout.on('data', (chunk) => output.push(chunk));
    child.stderr.on('data', (chunk) => output.push(chunk));
    const done = (status) => resolve({ title, status, took: seconds(started), output: Buffer.concat(output).toString('utf8') });
    child.on('close', (code, signal) => done(code ?? signal));
    child.on('error', (error) => (output.push(Buffer.from(`${error.message}\n`)), done(error.code)));
  });
}

/** Prints a step that ran aside, as `run` prints its own. */
function report({ title, status, took, output }) {
  const ok = status === 0;
  console.log(`\n=== ${title}\n${output}=== ${title}: ${ok ? 'ok' : `FAILED (exit ${status})`} in ${took}`);
  if (!ok) failures.push(title);
}

/** Runs the steps one after the other, each aside; resolves with all of them. */
async function lane(...steps) {
  const done = [];
  for (const step of steps) done.push(await runAside(...step));
  return done;
}

function countVitest(file) {
  if (!existsSync(file)) return false;
  const report = JSON.parse(readFileSync(file, 'utf8'));
  totals.passed += report.numPassedTests ?? 0;
  // A suite that fails to load has no failed test of its own: count it too.
  totals.failed += Math.max(report.numFailedTests ?? 0, report.numFailedTestSuites ?? 0);
  totals.skipped += (report.numPendingTests ?? 0) + (report.numTodoTests ?? 0);
  return true;
}

function countPlaywright(file) {
  if (!existsSync(file)) return false;
  const { stats } = JSON.parse(readFileSync(file, 'utf8'));
  totals.passed += (stats.expected ?? 0) + (stats.flaky ?? 0);
  totals.failed += stats.unexpected ?? 0;
  totals.skipped += stats.skipped ?? 0;
  return true;
}

const npx = (args, env) => ['npx', ['--no-install', ...args], env];

// The checks are separate processes, each mostly on one core: type-checking runs beside the build
// of what ships and then linting and the security lint; the fault soak, which mostly waits on real
// time, runs beside them all from the moment its build is there.
const build = runAside('build of what ships', 'node', ['scripts/build.mjs']);
const typecheck = runAside('typecheck', 'npm', ['run', '--silent', 'typecheck']);
const built = await build;
if (built.status === 0) suiteEnv.BACKWATCH_FRESH_BUILD = '1';
const soakJson = path.join(results, 'vitest-soak.json');
rmSync(soakJson, { force: true });
const soak = runAside('fault soak (beside the checks)', 'npx', [
  '--no-install',
  'vitest',
  'run',
  '--config',
  'vitest.soak.config.ts',
  '--reporter=default',
  '--reporter=json',
  `--outputFile.json=${soakJson}`,
]);
const lints = await lane(
  ['lint', 'npm', ['run', '--silent', 'lint']],
  ...(existsSync(path.join(root, 'scripts/electronegativity.mjs'))
    ? [['electron security lint', 'node', ['scripts/electronegativity.mjs']]]
    : []),
);
for (const step of [built, await typecheck, ...lints]) report(step);

const keyring = has('dbus-run-session') && has('gnome-keyring-daemon');
if (!keyring) console.log('\nNOTE: dbus-run-session or gnome-keyring-daemon missing: the keychain tests will report themselves skipped.');

/**
 * `npx <args>` inside a private session bus with a fresh, unlocked gnome-keyring when this machine has
 * one, as a title, command, arguments and environment; `done` removes the keyring's folder.
 */
function withKeyring(title, args) {
  if (!keyring) return { step: [title, 'npx', ['--no-install', ...args], {}], done: () => {} };
  const keyringHome = mkdtempSync(path.join(os.tmpdir(), 'backwatch-keyring-'));
  const inner = `echo -n backwatch-test | gnome-keyring-daemon --unlock --components=secrets >/dev/null 2>&1; exec npx --no-install ${args.join(' ')}`;
  const env = { XDG_DATA_HOME: keyringHome, HOME: process.env.HOME };
  return {
    step: [`${title} (real Secret Service)`, 'dbus-run-session', ['--', 'sh', '-c', inner], env],
    done: () => rmSync(keyringHome, { recursive: true, force: true }),
  };
}

function runWithKeyring(title, args) {
  const { step, done } = withKeyring(title, args);
  const ok = run(...step);
  done();
  return ok;
}

// The fault soak ran beside the checks above: its output now.
report(await soak);
if (!countVitest(soakJson)) failures.push('soak report missing');

// Unit and integration suites; the keychain tests use a real Secret Service where there is one.
const vitestJson = path.join(results, 'vitest.json');
rmSync(vitestJson, { force: true });
runWithKeyring('unit and integration tests', ['vitest', 'run', '--reporter=default', '--reporter=json', `--outputFile.json=${vitestJson}`]);
if (!countVitest(vitestJson)) failures.push('vitest report missing');

// The built desktop app (main bundle, preload, app:// protocol, IPC) with an Electron stand-in whose
// window is Debian's Chromium, passwords in the keyring session. It mostly waits for the demo's first
// failure, so it runs beside the browser suites, its output kept aside.
const shellJson = path.join(results, 'shell-results.json');
rmSync(shellJson, { force: true });
const shellSuite = withKeyring('desktop shell in Chromium', ['playwright', 'test', '--config', 'playwright.shell.config.ts']);
const shellRun = runAside(...shellSuite.step);

// Browser suites: the real UI and core through the harness, in Debian's Chromium.
const e2eJson = path.join(results, 'e2e-results.json');
rmSync(e2eJson, { force: true });
run('browser suites (Chromium)', ...npx(['playwright', 'test']));
if (!countPlaywright(e2eJson)) failures.push('browser report missing');

report(await shellRun);
shellSuite.done();
if (!countPlaywright(shellJson)) failures.push('shell report missing');

// The Electron suite runs wherever an Electron binary exists and says plainly when it skipped.
if (existsSync(path.join(root, 'playwright.electron.config.ts'))) {
  const electronJson = path.join(results, 'e2e-electron-results.json');
  rmSync(electronJson, { force: true });
  run('electron suite', ...npx(['playwright', 'test', '--config', 'playwright.electron.config.ts']));
  countPlaywright(electronJson);
}

console.log('');
if (failures.length > 0) console.log(`Failed steps: ${failures.join(', ')}`);
console.log(`${totals.passed} passed, ${totals.failed} failed${totals.skipped ? `, ${totals.skipped} skipped` : ''}`);
process.exit(failures.length > 0 || totals.failed > 0 ? 1 : 0);
