/**
 * `npm run demo:web -- --port N [--config-dir DIR] [--no-demo]`: the window in a browser,
 * driven by the real core and the demo fleet. Build the renderer first:
 * `npx vite build --config src-renderer/vite.config.ts`.
 *
 * `--browser-mode` is `npm start`'s fallback where Electron cannot run: the user's own config
 * folder and OS keychain, no demo unless asked for from the first-run screen.
 */
import { existsSync } from 'node:fs';
import { homedir } from 'node:os';
import { resolve } from 'node:path';
import { parseArgs } from 'node:util';
import { resolveConfigDir } from '../core/config/config-store.js';
import { fileLogSink } from '../core/file-log.js';
import { createLogger, type Logger } from '../core/logger.js';
import { createKeytarSecretStore } from '../core/secrets/secret-store.js';
import { startHarness } from './harness.js';

/** Browser mode logs like the desktop app: everything to the log file, what needs a person to the terminal. */
function appLogger(dir: string): Logger {
  const toFile = fileLogSink({ dir });
  return createLogger((line) => {
    if (line.level === 'debug') return;
    if (line.level !== 'info') process.stderr.write(`[backwatch] ${line.level}: ${line.message}\n`);
    toFile(line);
  });
}

async function main(): Promise<void> {
  const { values } = parseArgs({
    options: {
      port: { type: 'string', default: '0' },
      'config-dir': { type: 'string' },
      'renderer-dir': { type: 'string', default: 'dist/renderer' },
      'no-demo': { type: 'boolean', default: false },
      'browser-mode': { type: 'boolean', default: false },
    },
  });
  const browserMode = values['browser-mode'];
  const port = Number(values.port);
  if (!Number.isInteger(port) || port < 0 || port > 65535) throw new Error(`--port must be 0..65535, not ${values.port}`);
  const rendererDir = resolve(values['renderer-dir']);
  if (!existsSync(resolve(rendererDir, 'index.html'))) {
    throw new Error(`No built renderer in ${rendererDir}: run \`npx vite build --config src-renderer/vite.config.ts\` first.`);
  }
  const configDir = browserMode ? resolveConfigDir(values['config-dir'], process.platform, process.env, homedir()) : values['config-dir'];
  const harness = await startHarness({
    port,
    rendererDir,
    demo: !values['no-demo'] && !browserMode,
    ...(configDir ? { configDir: resolve(configDir) } : {}),
    ...(browserMode && configDir ? { secrets: createKeytarSecretStore(), log: appLogger(resolve(configDir, 'logs')) } : {}),
  });
  process.stdout.write(`Backwatch in browser mode: ${harness.url}\n`);
  let stopping: Promise<void> | null = null;
  const stop = (): void => void (stopping ??= harness.close().then(() => process.exit(0)));
  // `on`, not `once`: the lock library's exit hook re-raises a signal nobody else still listens to.
  process.on('SIGINT', stop);
  process.on('SIGTERM', stop);
}

main().catch((error: unknown) => {
  process.stderr.write(`backwatch demo:web: ${error instanceof Error ? error.message : String(error)}\n`);
  process.exit(1);
});
