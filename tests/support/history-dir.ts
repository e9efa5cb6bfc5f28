/**
 * The history tests' folder: a fresh temp folder for every test, the history stores opened in it
 * (on the folder's log, whose lines the test can read), all closed and removed after the test.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterEach, beforeEach } from 'vitest';
import { HISTORY_FILE_NAME, openHistoryStore, type HistoryStore } from '../../src-main/core/history/history-store.js';
import { createLogger, type LogLine } from '../../src-main/core/logger.js';

export interface HistoryDir {
  /** This test's folder, and its history.db. */
  readonly dir: () => string;
  readonly file: () => string;
  /** The lines logged by the stores opened so far. */
  readonly lines: () => readonly LogLine[];
  /** A store on the folder (one more process, or a restart), closed after the test. */
  readonly open: () => HistoryStore;
  /** Closes `store` after the test. */
  readonly closeLater: (store: HistoryStore) => HistoryStore;
}

export function historyDirPerTest(prefix: string): HistoryDir {
  let dir = '';
  let lines: LogLine[] = [];
  const stores: HistoryStore[] = [];
  const closeLater = (store: HistoryStore) => (stores.push(store), store);
  beforeEach(() => {
    dir = mkdtempSync(path.join(tmpdir(), prefix));
    lines = [];
  });
  afterEach(() => {
    for (const store of stores.splice(0)) store.close();
    rmSync(dir, { recursive: true, force: true });
  });
  return {
    dir: () => dir,
    file: () => path.join(dir, HISTORY_FILE_NAME),
    lines: () => lines,
    open: () =>
      closeLater(
        openHistoryStore(
          dir,
          createLogger((line) => lines.push(line)),
        ),
      ),
    closeLater,
  };
}
