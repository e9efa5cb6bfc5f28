/**
 * The desktop app, the CLI and `serve` share history.db: real processes create the file together
 * and record polls into it at the same time as a store in this process, and no write is lost
 * (nor refused with SQLITE_BUSY: a writer that met one would exit with an error).
 */
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { openHistoryStore } from '../../src-main/core/history/history-store.js';
import { createLogger, type LogLine } from '../../src-main/core/logger.js';
import { SHARED_APPLIANCE, writerKey, writerSessionId } from '../support/history-writer.js';
import { withTimeout } from '../support/with-timeout.js';
import { writerProcess } from '../support/writer-process.js';

const WRITER = path.resolve('tests/support/history-writer.ts');

let dir: string;
beforeEach(() => {
  dir = mkdtempSync(path.join(os.tmpdir(), 'backwatch-history-'));
});
afterEach(() => rmSync(dir, { recursive: true, force: true }));

describe('history.db shared by processes', () => {
  it('keeps every poll, key and watermark of four processes writing at once from the first open', async () => {
    const writers = { cli: 60, 'cli-2': 60, app: 200, serve: 200 };
    const children = Object.entries(writers).map(([name, count]) =>
      writerProcess(WRITER, [dir, name, String(count), name.startsWith('cli') ? 'fresh' : 'long'], name),
    );
    await withTimeout(Promise.all(children.map((c) => c.ready)), 60_000, 'the writers to start');
    writeFileSync(path.join(dir, 'go'), '');
    // This process reads while they write, as the window does.
    const lines: LogLine[] = [];
    const store = openHistoryStore(
      dir,
      createLogger((line) => lines.push(line)),
    );
    try {
      let reads = 0;
      let writing = true;
      const finished = Promise.all(children.map((c) => c.done));
      const stop = () => (writing = false);
      finished.then(stop, stop);
      while (writing) {
        store.loadAppliance(SHARED_APPLIANCE, { windowSize: 50, perJob: 5 });
        reads++;
        await new Promise((resolve) => setImmediate(resolve));
      }
      await finished;
      expect(reads).toBeGreaterThan(0);

      const total = Object.values(writers).reduce((sum, n) => sum + n, 0);
      const shared = store.sessions({ applianceId: SHARED_APPLIANCE, limit: total + 1 }).map((s) => s.id);
      const expectedIds = Object.entries(writers).flatMap(([name, count]) =>
        Array.from({ length: count }, (_, i) => writerSessionId(name, i)),
      );
      expect(shared.sort()).toEqual(expectedIds.sort());
      for (const [name, count] of Object.entries(writers)) {
        expect(store.sessions({ applianceId: name, limit: count + 1 })).toHaveLength(count);
        expect(store.loadAppliance(name, { windowSize: 1, perJob: 1 }).cursor).toEqual({ poll: count - 1 });
        const keys = Array.from({ length: count }, (_, i) => writerKey(name, i));
        expect(store.notifiedAmong(keys).size).toBe(count);
        expect(store.watermark(name)).toBe(new Date(Date.UTC(2025, 0, 1) + (count - 1) * 60_000).toISOString());
      }
      expect(lines.filter((line) => line.level !== 'debug')).toEqual([]);
    } finally {
      store.close();
    }
  }, 60_000);
});
