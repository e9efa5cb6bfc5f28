/**
 * What every CLI command runs on: the shared config file, the keychain, the monitor memory and
 * an app core, plus the terminal streams. Built once per invocation.
 */
import os from 'node:os';
import { mkdtempSync, rmSync } from 'node:fs';
import path from 'node:path';
import type { AppInfo } from '../common/ipc-contract.js';
import type { ConfigData, Settings } from '../common/settings.js';
import { createAppCore, type AppCore, type DemoApplianceSpec } from '../core/app/app-core.js';
import { resolveConfigDir, type ConfigStore } from '../core/config/config-store.js';
import { openConfigFile } from '../core/config/conf-config-file.js';
import { ConfigUnusableError } from '../core/config/config-unusable.js';
import { CliError } from './cli-error.js';
import { createLogger, type Logger } from '../core/logger.js';
import { openHistoryStore, openMemoryHistoryStore } from '../core/history/history-store.js';
import { privateLedgerMemory } from '../core/notification-ledger.js';
import { createKeytarSecretStore, createMemorySecretStore, type SecretStore } from '../core/secrets/secret-store.js';

export interface Terminal {
  readonly out: (text: string) => void;
  readonly err: (text: string) => void;
  /** Reads all of standard input (for `--password-stdin`). */
  readonly readStdin: () => Promise<string>;
  readonly isTTY: boolean;
  /** The terminal itself, when stdout is one: `watch` draws its live screen there. */
  readonly screen?: TerminalScreen;
  /** Asks a question on the terminal; absent when nobody is there to answer (piped stdin, CI). */
  readonly ask?: (question: string) => Promise<string>;
}

export interface TerminalScreen {
  /** Writes as it is: escape sequences, no newline added. */
  readonly write: (text: string) => void;
  readonly size: () => { readonly columns: number; readonly rows: number };
  /** Calls `listener` when the terminal is resized; returns the unsubscribe. */
  readonly onResize: (listener: () => void) => () => void;
}

export interface CliContext {
  readonly core: AppCore;
  readonly config: ConfigStore;
  readonly secrets: SecretStore;
  readonly term: Terminal;
  readonly log: Logger;
  /** The configuration directory this invocation reads and writes. */
  readonly dir: string;
  /** Milliseconds since the epoch: the clock every command reads. */
  readonly now: () => number;
  close(): Promise<void>;
}

export interface ContextOptions {
  readonly configDir?: string;
  /** The demo: a throwaway folder and secrets in memory, so nothing reaches the config folder or the keychain. */
  readonly ephemeral?: boolean;
  readonly verbose?: boolean;
  /** A command that only reads: a config file it cannot use is refused as it is, never moved aside. */
  readonly readOnly?: boolean;
  readonly startDemoFleet?: () => Promise<readonly DemoApplianceSpec[]>;
  readonly env: NodeJS.ProcessEnv;
  readonly now: () => number;
  readonly version: string;
  /** Settings for this run only (e.g. `watch --interval`); never written to the file. */
  readonly settingsOverride?: Partial<Settings>;
  /** Where log lines go instead of stderr (serve mode logs JSON lines on stdout). */
  readonly log?: Logger;
}

/** A view of the store whose settings carry `override`; what is written keeps the file's own values. */
export function withSettingsOverride(store: ConfigStore, override: Partial<Settings>): ConfigStore {
  const keys = Object.keys(override) as (keyof Settings)[];
  const overlay = (data: ConfigData): ConfigData => ({ ...data, settings: { ...data.settings, ...override } });
  const restore = (data: ConfigData, file: ConfigData): ConfigData => ({
    ...data,
    settings: { ...data.settings, ...Object.fromEntries(keys.map((k) => [k, file.settings[k]])) },
  });
  return {
    path: store.path,
    notices: store.notices,
    read: () => overlay(store.read()),
    rejected: () => store.rejected(),
    discardRejected: (name) => store.discardRejected(name),
    update: async (fn) => overlay(await store.update((file) => restore(fn(overlay(file)), file))),
    onChange: (listener) => store.onChange((data) => listener(overlay(data))),
    close: () => store.close(),
  };
}

function openConfig(dir: string, readOnly: boolean): ConfigStore {
  try {
    return openConfigFile(dir, undefined, !readOnly);
  } catch (error) {
    if (error instanceof ConfigUnusableError) throw new CliError(error.message);
    throw error;
  }
}

export function openCliContext(term: Terminal, options: ContextOptions): CliContext {
  // The demo reads and writes only a throwaway folder, removed when it stops: no later command sees it.
  const dir = options.ephemeral
    ? mkdtempSync(path.join(os.tmpdir(), 'backwatch-demo-'))
    : resolveConfigDir(options.configDir, process.platform, options.env, os.homedir());
  // Logs go to stderr so that --json and --jsonl output stays machine-readable.
  const log =
    options.log ??
    createLogger((line) => {
      if (line.level === 'error' || line.level === 'warn' || options.verbose) term.err(`${line.level}: ${line.message}`);
    });
  const file = openConfig(dir, options.readOnly === true);
  for (const notice of file.notices) term.err(`warning: ${notice}`);
  const config = options.settingsOverride ? withSettingsOverride(file, options.settingsOverride) : file;
  const secrets = options.ephemeral ? createMemorySecretStore() : createKeytarSecretStore();
  const info = async (): Promise<AppInfo> => {
    const keychain = await secrets.availability();
    return {
      version: options.version,
      platform: process.platform,
      shell: 'cli',
      keychainAvailable: keychain.available,
      keychainMessage: keychain.message,
      startupNotices: config.notices,
    };
  };
  // The demo's history lives as long as the demo; every other run shares the app's history database.
  const history = options.ephemeral ? openMemoryHistoryStore() : openHistoryStore(dir, log);
  const core = createAppCore({
    config,
    history,
    // The CLI notifies nobody: it reads what the app remembers and keeps its own ledger to itself.
    memory: privateLedgerMemory(history),
    secrets,
    log,
    info,
    openExternal: async () => {},
    env: options.env,
    now: options.now,
    ...(options.startDemoFleet ? { startDemoFleet: options.startDemoFleet } : {}),
  });
  const close = async () => {
    await core.close();
    config.close();
    history.close();
    if (options.ephemeral) rmSync(dir, { recursive: true, force: true });
  };
  return { core, config, secrets, term, log, dir, now: options.now, close };
}
