import { describe, expect, it } from 'vitest';
import { SessionsStore } from '../../../src-renderer/lib/sessions-store.svelte.js';
import { StatusStore } from '../../../src-renderer/lib/status-store.svelte.js';
import { SettingsStore } from '../../../src-renderer/lib/settings-store.svelte.js';
import { Router } from '../../../src-renderer/lib/router.svelte.js';
import { AppInfoStore } from '../../../src-renderer/lib/app-info-store.svelte.js';
import { DEFAULT_SETTINGS } from '../../../src-main/common/settings.js';
import type { StatusSnapshot } from '../../../src-main/common/snapshot.js';
import { fakeMain, flush, session } from './fixtures.js';

const NOW = Date.parse('2025-01-01T12:00:00.000Z');

describe('SessionsStore', () => {
  it('loads, then applies deltas so a live row changes in place', async () => {
    const running = session({ id: 'r', status: 'running', end: null, durationMs: null, start: '2025-01-01T11:00:00.000Z' });
    const main = fakeMain({ 'sessions:list': () => [session({ id: 'old' }), running] });
    const store = new SessionsStore(main.api, () => NOW);
    const off = store.connect();
    await flush();
    expect(store.visible.map((s) => s.id)).toEqual(['r', 'old']);

    main.emit('sessions:changed', {
      reset: false,
      upserted: [{ ...running, status: 'failed', end: '2025-01-01T11:30:00.000Z' }],
      removed: [],
    });
    expect(store.visible.map((s) => [s.id, s.status])).toEqual([
      ['r', 'failed'],
      ['old', 'succeeded'],
    ]);
    expect(store.get('a1/r')?.status).toBe('failed');

    store.filter = { ...store.filter, statuses: ['failed'] };
    expect(store.visible.map((s) => s.id)).toEqual(['r']);
    off();
    expect(main.listenerCount('sessions:changed')).toBe(0);
  });
});

describe('StatusStore', () => {
  it('follows status:changed', async () => {
    const first = { overall: 'ok', appliances: [] } as unknown as StatusSnapshot;
    const main = fakeMain({ 'status:snapshot': () => first });
    const store = new StatusStore(main.api);
    expect(store.overall).toBe('no_data');
    store.connect();
    await flush();
    expect(store.loaded).toBe(true);
    main.emit('status:changed', { ...first, overall: 'failed' });
    expect(store.overall).toBe('failed');
  });
});

describe('SettingsStore', () => {
  it('keeps main’s answer on success and its message on refusal', async () => {
    let accept = true;
    const main = fakeMain({
      'settings:get': () => DEFAULT_SETTINGS,
      'settings:update': (patch) =>
        accept ? { ok: true, value: { ...DEFAULT_SETTINGS, ...(patch as object) } } : { ok: false, message: 'poll interval too short' },
    });
    const store = new SettingsStore(main.api);
    await store.load();
    expect(await store.update({ pollIntervalSec: 120 })).toBe(true);
    expect(store.settings?.pollIntervalSec).toBe(120);
    accept = false;
    expect(await store.update({ pollIntervalSec: 1 })).toBe(false);
    expect(store.error).toBe('poll interval too short');
    expect(store.settings?.pollIntervalSec).toBe(120);
  });
});

describe('Router', () => {
  it('follows app:navigate and goes back to the list from a detail', () => {
    const main = fakeMain({});
    const router = new Router();
    router.connect(main.api);
    main.emit('app:navigate', { view: 'session', ref: { applianceId: 'a1', sessionId: 's1' } });
    expect(router.route).toEqual({ view: 'session', ref: { applianceId: 'a1', sessionId: 's1' } });
    expect(router.tab).toBe('sessions');
    router.back();
    expect(router.route).toEqual({ view: 'overview' });
    main.emit('app:navigate', { view: 'appliance', applianceId: 'a1' });
    expect(router.route).toEqual({ view: 'appliances', applianceId: 'a1' });
  });

  it('opens a job’s page from app:navigate, and back walks the way the user came (session → job → jobs)', () => {
    const main = fakeMain({});
    const router = new Router();
    router.connect(main.api);
    router.go({ view: 'jobs' });
    main.emit('app:navigate', { view: 'job', applianceId: 'a1', jobId: 'j1' });
    expect(router.route).toEqual({ view: 'job', applianceId: 'a1', jobId: 'j1' });
    expect(router.tab).toBe('jobs');
    router.go({ view: 'session', ref: { applianceId: 'a1', sessionId: 's1' } });
    router.back();
    expect(router.route).toEqual({ view: 'job', applianceId: 'a1', jobId: 'j1' });
    router.back();
    expect(router.route).toEqual({ view: 'jobs' });
  });

  it('goes back to the page’s own list when there is nowhere else to go', () => {
    const router = new Router();
    router.go({ view: 'job', applianceId: 'a1', jobId: 'j1' });
    router.go({ view: 'job', applianceId: 'a1', jobId: 'j2' });
    router.back();
    expect(router.route).toEqual({ view: 'jobs' });
  });
});

describe('AppInfoStore’s updates', () => {
  const info = (readyVersion: string | null) => ({
    version: '0.1.0',
    platform: 'win32',
    shell: 'electron',
    keychainAvailable: true,
    keychainMessage: '',
    startupNotices: [],
    updates: { unavailableReason: null, readyVersion },
  });

  it('knows a version downloaded before the window opened, and one announced while it is open', async () => {
    const main = fakeMain({ 'app:info': () => info('0.2.0') });
    const store = new AppInfoStore(main.api);
    expect(store.updateReady).toBeNull();
    await store.load();
    expect(store.updateReady).toBe('0.2.0');

    const events = fakeMain({ 'app:info': () => info(null) });
    const live = new AppInfoStore(events.api);
    const off = live.connect();
    await live.load();
    expect(live.updateReady).toBeNull();
    events.emit('app:update-ready', { version: '0.3.0' });
    expect(live.updateReady).toBe('0.3.0');
    off();
    expect(events.listenerCount('app:update-ready')).toBe(0);
  });

  it('asks main to restart and passes on its refusal', async () => {
    let ready = false;
    const main = fakeMain({
      'app:restart-to-update': () =>
        ready ? { ok: true, value: undefined } : { ok: false, message: 'No update has been downloaded yet.' },
    });
    const store = new AppInfoStore(main.api);
    await expect(store.restartToUpdate()).resolves.toBe('No update has been downloaded yet.');
    ready = true;
    await expect(store.restartToUpdate()).resolves.toBeNull();
  });
});
