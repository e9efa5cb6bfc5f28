/**
 * The monitor's memory in the history database (the ledger of notified keys, held events, restart
 * watermarks), its import from monitor-state.json, and the daily prune shared by every process.
 */
import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import type { ChangeEvent } from '../../../src-main/common/snapshot.js';
import { MEMORY_FILE_NAME, type MonitorMemoryData } from '../../../src-main/core/poller/monitor-memory.js';
import { historyDirPerTest } from '../../support/history-dir.js';
import { HOUR, T0, at, makeRunning, makeSession } from '../common/factories.js';

const DAY = 24 * HOUR;
const { dir, open } = historyDirPerTest('bw-history-memory-');

const failed = (id: string): ChangeEvent => ({
  kind: 'session_failed',
  key: `failed:a1/${id}`,
  session: makeSession({ id, status: 'failed' }),
});

describe('history store: the monitor memory', () => {
  it('remembers notified keys, held events and watermarks across a reopening', () => {
    const store = open();
    expect(store.notifiedAmong(['k1', 'k2'])).toEqual(new Set());
    store.markNotified(['k1', 'k3'], at(0));
    store.markNotified([], at(0));
    store.setHeld([failed('s1'), failed('s2')]);
    store.setWatermark('a1', at(0));
    store.setWatermark('a1', at(HOUR));
    const reopened = open();
    expect(reopened.notifiedAmong(['k1', 'k2', 'k3'])).toEqual(new Set(['k1', 'k3']));
    expect(reopened.notifiedAmong([])).toEqual(new Set());
    expect(reopened.held()).toStrictEqual([failed('s1'), failed('s2')].map((e) => JSON.parse(JSON.stringify(e)) as ChangeEvent));
    expect(reopened.watermark('a1')).toBe(at(HOUR));
    expect(reopened.watermark('a2')).toBeNull();
    reopened.setHeld([]);
    expect(store.held()).toEqual([]);
  });

  it('imports monitor-state.json into a new database once, and keeps it renamed', () => {
    const memory: MonitorMemoryData = {
      notified: { 'failed:a1/s1': at(-HOUR), 'failed:a1/s2': at(0) },
      held: [failed('s3')],
      watermarks: { a1: at(-DAY) },
    };
    const file = path.join(dir(), MEMORY_FILE_NAME);
    writeFileSync(file, JSON.stringify(memory));
    const store = open();
    expect(store.notifiedAmong(['failed:a1/s1', 'failed:a1/s2', 'failed:a1/s9'])).toEqual(new Set(['failed:a1/s1', 'failed:a1/s2']));
    expect(store.held().map((e) => e.key)).toEqual(['failed:a1/s3']);
    expect(store.watermark('a1')).toBe(at(-DAY));
    expect(existsSync(file)).toBe(false);
    expect(JSON.parse(readFileSync(`${file}.imported`, 'utf8'))).toEqual(memory);
    // A file that turns up later (an old Backwatch still running) is not the history's business any more.
    writeFileSync(file, JSON.stringify({ notified: { late: at(0) }, held: [], watermarks: {} }));
    expect(open().notifiedAmong(['late'])).toEqual(new Set());
    expect(existsSync(file)).toBe(true);
  });
});

describe('history store: pruning', () => {
  it('deletes finished sessions and notified keys older than the retention, once a day across processes', () => {
    const now = T0;
    const first = open();
    const second = open();
    first.recordPoll('a1', {
      sessions: [
        makeSession({ id: 'ended-long-ago', start: at(-40 * DAY), end: at(-31 * DAY) }),
        makeSession({ id: 'ended-lately', start: at(-40 * DAY), end: at(-29 * DAY) }),
        makeSession({ id: 'never-ended', status: 'failed', start: at(-31 * DAY), end: null }),
        makeRunning(-90 * DAY, { id: 'still-running' }),
        makeSession({ id: 'no-start', start: null, end: at(-31 * DAY) }),
        // Without a time, its age is when Backwatch wrote it: now, long after the test's clock.
        makeSession({ id: 'no-times', start: null, end: null }),
        makeSession({ id: 'recent' }),
      ],
      cursor: {},
      behind: 0,
    });
    first.markNotified(['old-key'], at(-31 * DAY));
    first.markNotified(['new-key'], at(-DAY));
    expect(first.pruneIfDue(now, 30)).toBe(4);
    expect(second.pruneIfDue(now + HOUR, 30)).toBe(0);
    expect(first.pruneIfDue(now + 23 * HOUR, 30)).toBe(0);
    const left = second.sessions({ applianceId: 'a1', limit: 10 }).map((s) => s.id);
    expect(left.sort()).toEqual(['ended-lately', 'no-times', 'recent', 'still-running']);
    expect(second.notifiedAmong(['old-key', 'new-key'])).toEqual(new Set(['new-key']));
    // Two days on, the next prune is due in whichever process asks first.
    expect(second.pruneIfDue(now + 2 * DAY, 30)).toBe(1);
    expect(first.pruneIfDue(now + 2 * DAY, 30)).toBe(0);
  });

  it('prunes a large backlog a bounded step a call, and is done for the day once a step finds less than a batch', () => {
    const store = open();
    const now = T0;
    const old = Array.from({ length: 1200 }, (_, i) => makeSession({ id: `old-${i}`, start: at(-60 * DAY), end: at(-60 * DAY + i) }));
    store.recordPoll('a1', { sessions: [...old, makeSession({ id: 'recent' })], cursor: {}, behind: 0 });
    const steps = [store.pruneIfDue(now, 30), store.pruneIfDue(now, 30), store.pruneIfDue(now, 30), store.pruneIfDue(now, 30)];
    expect(steps).toEqual([500, 500, 200, 0]);
    expect(store.sessions({ applianceId: 'a1', limit: 10 }).map((s) => s.id)).toEqual(['recent']);
  });
});
