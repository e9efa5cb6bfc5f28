/**
 * Launches the built desktop app (dist/main/electron/main.js) in a child Node process with the
 * Electron stand-in, and connects the test to the Chromium behind its window over DevTools.
 */
import { fork, type ChildProcess } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { chromium, type Browser, type Page } from '@playwright/test';
import type { ControlRequest, ShellRecord } from './control.js';
import { WIRE_ORIGIN } from './wire.js';

const ROOT = resolve(import.meta.dirname, '..', '..');
const MAIN_BUNDLE = join(ROOT, 'dist', 'main', 'electron', 'main.js');

type WithoutId<T> = T extends unknown ? Omit<T, 'id'> : never;
type Request = WithoutId<ControlRequest>;

export interface RunningShell {
  /** The window's page (the built renderer on the app:// origin, carried over the wire origin). */
  readonly window: Page;
  state(): Promise<ShellRecord>;
  /** Clicks a tray menu entry by its labels (submenu first); false when no such clickable entry. */
  clickTray(...labels: string[]): Promise<boolean>;
  /** Resolves with the exit code once the process has ended. */
  exited(): Promise<number | null>;
  close(): Promise<void>;
}

async function windowPage(browser: Browser): Promise<Page> {
  const context = browser.contexts()[0]!;
  // The window's page opens blank and then loads the app: wait for the page showing it.
  for (const deadline = Date.now() + 30_000; Date.now() < deadline;) {
    const found = context.pages().find((page) => page.url().startsWith(`${WIRE_ORIGIN}/`));
    if (found) return found;
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
  throw new Error('The shell opened no window on its page within 30 s.');
}

export async function launchShell(): Promise<RunningShell> {
  const configDir = mkdtempSync(join(tmpdir(), 'backwatch-shell-'));
  const child: ChildProcess = fork(MAIN_BUNDLE, [], {
    cwd: ROOT,
    execArgv: ['--import', 'tsx', '--import', join(ROOT, 'tests', 'shell', 'register-electron.mjs')],
    env: { ...process.env, BACKWATCH_CONFIG_DIR: configDir },
    stdio: ['ignore', 'inherit', 'inherit', 'ipc'],
  });
  const exit = new Promise<number | null>((done) => child.once('exit', (code) => done(code)));
  let browser: Browser;
  let window: Page;
  try {
    const ready = await Promise.race([
      new Promise<{ cdpPort: number }>((done) =>
        child.on('message', (m: { type?: string; cdpPort: number }) => m.type === 'ready' && done(m)),
      ),
      exit.then((code) => Promise.reject(new Error(`The shell exited (${code}) before its browser was ready.`))),
    ]);
    browser = await chromium.connectOverCDP(`http://127.0.0.1:${ready.cdpPort}`);
    window = await windowPage(browser);
  } catch (e) {
    child.kill('SIGKILL');
    rmSync(configDir, { recursive: true, force: true });
    throw e;
  }
  let nextId = 0;
  const ask = <T>(request: Request) =>
    new Promise<T>((done) => {
      const id = (nextId += 1);
      const listener = (m: { id?: number } & T) => {
        if (m.id !== id) return;
        child.off('message', listener);
        done(m);
      };
      child.on('message', listener);
      child.send({ ...request, id });
    });
  return {
    window,
    state: async () => (await ask<{ state: ShellRecord }>({ type: 'state' })).state,
    clickTray: async (...labels) => (await ask<{ clicked: boolean }>({ type: 'click', labels })).clicked,
    exited: () => exit,
    async close() {
      await browser.close().catch(() => undefined);
      if (child.exitCode === null) child.kill('SIGKILL');
      await exit;
      rmSync(configDir, { recursive: true, force: true });
    },
  };
}
