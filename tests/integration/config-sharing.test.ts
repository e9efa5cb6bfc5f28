/**
 * The CLI and the app share config.json: real processes save changes to one folder at the same
 * time as a store in this process, and no change is lost.
 */
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { isDeepStrictEqual } from 'node:util';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { ConfigData } from '../../src-main/common/settings.js';
import { parseConfig } from '../../src-main/core/config/config-parse.js';
import { openConfigFile } from '../../src-main/core/config/conf-config-file.js';
import { writerStep } from '../support/config-writer.js';
import { withTimeout } from '../support/with-timeout.js';
import { writerProcess } from '../support/writer-process.js';

const WRITER = path.resolve('tests/support/config-writer.ts');

let dir: string;
beforeEach(() => {
  dir = mkdtempSync(path.join(os.tmpdir(), 'backwatch-shared-'));
});
afterEach(() => rmSync(dir, { recursive: true, force: true }));

/** Starts the writer in its own Node process. */
const configWriter = (name: string, count: number, mode: 'fresh' | 'long') => writerProcess(WRITER, [dir, name, String(count), mode], name);

/** What `count` steps of writer `name` leave in the file: kept appliance ids and muted job keys. */
function expectedOf(name: string, count: number): { ids: string[]; muted: string[] } {
  let data = parseConfig({ schemaVersion: 1 }).data;
  for (let i = 0; i < count; i++) data = writerStep(name, i)(data);
  return { ids: data.appliances.map((a) => a.id), muted: Object.keys(data.settings.mutedJobs) };
}

describe('config.json shared by processes', () => {
  it('loses none of 200 interleaved saves from two other processes and this one, and the file stays valid', async () => {
    const counts = { cli: 30, app: 100, here: 70 };
    const store = openConfigFile(dir);
    try {
      const children = [configWriter('cli', counts.cli, 'fresh'), configWriter('app', counts.app, 'long')];
      await withTimeout(Promise.all(children.map((c) => c.ready)), 60_000, 'the writers to start');
      writeFileSync(path.join(dir, 'go'), '');
      let outsideSavesSeen = 0;
      store.onChange(() => outsideSavesSeen++);
      for (let i = 0; i < counts.here; i++) await store.update(writerStep('here', i));
      await Promise.all(children.map((c) => c.done));
      // The saves here ran while the others saved: they found the others' changes under the lock.
      expect(outsideSavesSeen).toBeGreaterThan(0);

      const text = readFileSync(path.join(dir, 'config.json'), 'utf8');
      const final = parseConfig(JSON.parse(text));
      expect(final.problems).toEqual([]);
      const ids = final.data.appliances.map((a) => a.id).sort();
      const muted = Object.keys(final.data.settings.mutedJobs).sort();
      const expected = Object.entries(counts).map(([name, count]) => expectedOf(name, count));
      expect(ids).toEqual(expected.flatMap((e) => e.ids).sort());
      expect(muted).toEqual(expected.flatMap((e) => e.muted).sort());
      expect(muted).toHaveLength(200);

      // The store here follows what the others saved last, through its watch.
      const caughtUp = new Promise<void>((resolve) => {
        const done = (data: ConfigData) => isDeepStrictEqual(data, final.data) && resolve();
        store.onChange(done);
        done(store.read());
      });
      await withTimeout(caughtUp, 2_000, 'the watch to report the last outside save');
    } finally {
      store.close();
    }
  }, 120_000);
});
