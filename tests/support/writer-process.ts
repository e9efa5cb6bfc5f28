/**
 * Another Backwatch process for the tests of files shared by processes: a support script run in
 * its own Node process through tsx (`runWriter`). The script prints "ready", then waits for the
 * file `go` in its folder, so that every writer starts at the same time.
 */
import { spawn } from 'node:child_process';
import { existsSync } from 'node:fs';
import path from 'node:path';

export interface WriterProcess {
  /** Once the script waits for the go. */
  readonly ready: Promise<void>;
  /** Once it exited cleanly; rejected with its stderr otherwise. */
  readonly done: Promise<void>;
}

export function writerProcess(script: string, args: readonly string[], name: string): WriterProcess {
  const child = spawn(process.execPath, ['--import', 'tsx', script, ...args], { stdio: ['ignore', 'pipe', 'pipe'] });
  let stderr = '';
  child.stderr.on('data', (chunk: Buffer) => (stderr += chunk.toString()));
  const done = new Promise<void>((resolve, reject) => {
    child.on('error', reject);
    child.on('exit', (code) => (code === 0 ? resolve() : reject(new Error(`writer ${name} exited with ${code}: ${stderr}`))));
  });
  const ready = new Promise<void>((resolve, reject) => {
    child.stdout.on('data', (chunk: Buffer) => chunk.toString().includes('ready') && resolve());
    done.then(() => reject(new Error(`writer ${name} ended before it was ready`)), reject);
  });
  return { ready, done };
}

/**
 * A writer's whole run, from its arguments `DIR NAME COUNT fresh|long`: COUNT steps on a store of
 * DIR once the go is given. `fresh` opens the store anew for every step (as one CLI run after
 * another does); `long` keeps one store open (as the app does).
 */
export async function runWriter<S extends { close(): void }>(
  open: (dir: string) => S,
  step: (store: S, name: string, i: number) => unknown,
): Promise<void> {
  const [dir, name, count, mode] = process.argv.slice(2);
  if (!dir || !name || !count || (mode !== 'fresh' && mode !== 'long')) throw new Error('usage: DIR NAME COUNT fresh|long');
  process.stdout.write('ready\n');
  while (!existsSync(path.join(dir, 'go'))) await new Promise((resolve) => setTimeout(resolve, 5));
  let store: S | null = null;
  for (let i = 0; i < Number(count); i++) {
    store ??= open(dir);
    await step(store, name, i);
    if (mode === 'fresh') {
      store.close();
      store = null;
    }
  }
  store?.close();
}
