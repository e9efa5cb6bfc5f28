/**
 * The ledger over a real memory file in a temp folder: a restart is a second ledger opened on the
 * same file, so "once across restarts" is what a user would see after quitting and starting again.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { Session } from '../../../src-main/common/model.js';
import type { Settings } from '../../../src-main/common/settings.js';
import type { ChangeEvent } from '../../../src-main/common/snapshot.js';
import { silentLogger } from '../../../src-main/core/logger.js';
import { openHistoryStore, type HistoryStore } from '../../../src-main/core/history/history-store.js';
import type { MonitorUpdate } from '../../../src-main/core/poller/monitor-types.js';
import { createNotificationLedger, WATERMARK_STEP_MS } from '../../../src-main/core/notification-ledger.js';
import { T0, at, makeAppliance, makeApplianceState, makeHealth, makeSession, makeSettings } from '../common/factories.js';

let dir: string;
let clock: number;
let localMinutes: number;
let settings: Settings;

const appliance = makeAppliance({ id: 'a1', name: 'SPP prod' });

const stores: HistoryStore[] = [];

/** A ledger on the history database in `dir`; each call is a restart of the app. */
function openLedger(watch?: (store: HistoryStore) => HistoryStore) {
  const store = openHistoryStore(dir, silentLogger);
  stores.push(store);
  return createNotificationLedger({
    memory: watch ? watch(store) : store,
    settings: () => settings,
    now: () => clock,
    localMinutes: () => localMinutes,
    applianceName: (id) => (id === appliance.id ? appliance.name : undefined),
    log: silentLogger,
  });
}

function failed(id: string): ChangeEvent {
  const session: Session = makeSession({ id, applianceId: appliance.id, jobId: `job-${id}`, jobName: `Job ${id}`, status: 'failed' });
  return { kind: 'session_failed', key: `failed:${appliance.id}/${id}`, session };
}

function update(changes: readonly ChangeEvent[], lastGoodPoll: string | null = new Date(clock).toISOString()): MonitorUpdate {
  const state = makeApplianceState({ appliance, health: makeHealth({ lastGoodPoll, lastPoll: lastGoodPoll }) });
  return { appliance: state, changes, changedSessions: [], removedSessionKeys: [] };
}

beforeEach(() => {
  dir = mkdtempSync(path.join(tmpdir(), 'bw-ledger-'));
  clock = T0;
  localMinutes = 12 * 60;
  settings = makeSettings();
});
afterEach(() => {
  for (const store of stores.splice(0)) store.close();
  rmSync(dir, { recursive: true, force: true });
});

describe('notification ledger', () => {
  it('notifies an event once, also after a restart on the same memory file', () => {
    const first = openLedger();
    expect(first.record(update([failed('s1')])).map((n) => n.keys)).toEqual([['failed:a1/s1']]);
    expect(first.record(update([failed('s1')]))).toEqual([]);
    const restarted = openLedger();
    expect(restarted.record(update([failed('s1'), failed('s2')])).flatMap((n) => n.keys)).toEqual(['failed:a1/s2']);
  });

  it('holds events during quiet hours, across a restart, and releases them as one digest', () => {
    settings = makeSettings({ quietHours: { enabled: true, start: '22:00', end: '07:00' } });
    localMinutes = 23 * 60;
    expect(openLedger().record(update([failed('s1'), failed('s2')]))).toEqual([]);
    localMinutes = 8 * 60;
    const notices = openLedger().record(update([]));
    expect(notices).toHaveLength(1);
    expect(notices[0]).toMatchObject({ kind: 'digest', keys: ['failed:a1/s1', 'failed:a1/s2'] });
    expect(openLedger().record(update([failed('s1')]))).toEqual([]);
  });

  it('keeps the restart watermark, rewriting it only once it is a step old', () => {
    const writes: string[] = [];
    const ledger = openLedger((store) => ({
      ...store,
      setWatermark: (id, atIso) => {
        writes.push(atIso);
        store.setWatermark(id, atIso);
      },
    }));
    expect(ledger.watermark(appliance.id)).toBeNull();
    ledger.record(update([]));
    expect(ledger.watermark(appliance.id)).toBe(at(0));

    clock = T0 + WATERMARK_STEP_MS - 1;
    ledger.record(update([]));
    expect(writes).toEqual([at(0)]);

    clock = T0 + WATERMARK_STEP_MS;
    ledger.record(update([]));
    expect(openLedger().watermark(appliance.id)).toBe(new Date(T0 + WATERMARK_STEP_MS).toISOString());
  });

  it('a poll that failed keeps the last good watermark', () => {
    const ledger = openLedger();
    ledger.record(update([]));
    clock = T0 + 10 * WATERMARK_STEP_MS;
    ledger.record(update([], at(0)));
    expect(openLedger().watermark(appliance.id)).toBe(at(0));
  });

  describe('maintenance windows', () => {
    const HOUR_MS = 3_600_000;
    /** A one-off window for the first hour over `scope`. */
    const windowOver = (scope: Settings['maintenanceWindows'][number]['scope']): Settings['maintenanceWindows'] => [
      { id: 'w1', label: 'Firmware', scope, schedule: { kind: 'once', fromMs: T0, toMs: T0 + HOUR_MS } },
    ];

    it('holds what a window covers while it is open, notifies the rest, and releases the held as one digest when it closes', () => {
      settings = makeSettings({ maintenanceWindows: windowOver({ kind: 'job', applianceId: 'a1', jobId: 'job-s1' }) });
      const ledger = openLedger();
      expect(ledger.record(update([failed('s1'), failed('s2')])).flatMap((n) => n.keys)).toEqual(['failed:a1/s2']);
      clock += HOUR_MS / 2;
      expect(ledger.record(update([failed('s1')]))).toEqual([]);
      settings = makeSettings({ maintenanceWindows: windowOver({ kind: 'appliance', applianceId: 'a1' }) });
      clock += HOUR_MS / 4;
      expect(ledger.record(update([failed('s3')]))).toEqual([]);
      // The window closes: what it held comes out once, as one digest, also after a restart.
      clock = T0 + HOUR_MS;
      const notices = openLedger().record(update([]));
      expect(notices).toHaveLength(1);
      expect(notices[0]).toMatchObject({ kind: 'digest', keys: ['failed:a1/s1', 'failed:a1/s3'] });
      expect(openLedger().record(update([failed('s1'), failed('s3')]))).toEqual([]);
    });

    it('drops what a window covers when the setting says so, for good', () => {
      settings = makeSettings({ maintenanceWindows: windowOver({ kind: 'all' }), maintenanceNotices: 'drop' });
      const ledger = openLedger();
      expect(ledger.record(update([failed('s1')]))).toEqual([]);
      clock += 2 * HOUR_MS;
      expect(ledger.record(update([]))).toEqual([]);
      expect(ledger.record(update([failed('s1'), failed('s2')])).flatMap((n) => n.keys)).toEqual(['failed:a1/s2']);
    });
  });
});
