/**
 * A desktop that reads a `backwatch serve` follows the server's maintenance windows at their edges
 * on its own clock: the real server over the SPP simulator on loopback, the desktop's real core on
 * a fake clock, its tray and notifications through the Electron shell's. The server's clock never
 * reaches the window, so only the desktop's timer can open and close it; a window added or removed
 * on the server reaches the desktop's timer with the server's next status.
 */
import { Notification, resetElectronMock } from './electron-mock.js';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it, vi } from 'vitest';
import { on } from '../../../src-main/common/event.js';
import type { MaintenanceDraft } from '../../../src-main/common/ipc-contract.js';
import type { ChangeEvent } from '../../../src-main/common/snapshot.js';
import { createAppCore, type AppCore } from '../../../src-main/core/app/app-core.js';
import { openConfigFile } from '../../../src-main/core/config/conf-config-file.js';
import type { ConfigStore } from '../../../src-main/core/config/config-store.js';
import { openMemoryHistoryStore } from '../../../src-main/core/history/history-store.js';
import { silentLogger } from '../../../src-main/core/logger.js';
import { createMemorySecretStore } from '../../../src-main/core/secrets/secret-store.js';
import { fingerprint256Of, makeSelfSignedCertificate } from '../../../src-main/demo/sim/sim-certificate.js';
import type { ShellFeed } from '../../../src-main/electron/shell-feed.js';
import { openTokenStore } from '../../../src-main/serve/token-store.js';
import { eventually } from '../../support/eventually.js';
import { createFakeTime, type FakeTime } from '../../support/fake-time.js';
import { startServedFleet, type ServedFleet } from '../../support/served-fleet.js';
import { testAppInfo } from '../../support/throwaway-core.js';
import { feedMockedShell, icon, trayIcon } from './mocked-shell.js';

vi.mock('electron', () => import('./electron-mock.js'));

const MINUTE = 60_000;

let dir: string;
let fleet: ServedFleet;
let operator: string;
let pin: { fingerprint256: string; pem: string };
let time: FakeTime;
let config: ConfigStore;
let core: AppCore;
let feed: ShellFeed;
const changes: ChangeEvent[] = [];

/** Waits (on the real network) for the server's answer to reach the desktop. */
const settled = (check: () => boolean, what: string) => eventually(check, 10_000, what, { intervalMs: 20 });

beforeAll(async () => {
  dir = mkdtempSync(join(tmpdir(), 'backwatch-team-edge-'));
  const tokens = openTokenStore(join(dir, 'tokens'));
  operator = await tokens.add('oncall', 'operate', new Date());
  const tls = await makeSelfSignedCertificate('backwatch.team');
  pin = { fingerprint256: fingerprint256Of(tls.cert), pem: tls.cert };
  fleet = await startServedFleet(1, { settings: { pollIntervalSec: 3600 }, serve: { tokens, tls } });
  await fleet.core.handlers['appliances:refresh']();
});

afterAll(async () => {
  await fleet.close();
  rmSync(dir, { recursive: true, force: true });
});

beforeEach(async () => {
  resetElectronMock();
  changes.length = 0;
  config = openConfigFile(mkdtempSync(join(dir, 'desktop-')));
  const teamServer = { url: fleet.server.url, credential: { kind: 'env' as const, variable: 'BW_TOKEN' }, certificate: pin };
  await config.update((d) => ({ ...d, teamServer }));
  time = createFakeTime(Date.now());
  core = createAppCore({
    config,
    history: openMemoryHistoryStore(),
    secrets: createMemorySecretStore(),
    log: silentLogger,
    info: testAppInfo,
    openExternal: async () => {},
    env: { BW_TOKEN: operator },
    now: time.now,
    scheduler: time.scheduler,
    localMinutes: () => 600,
  });
  on(core.events, 'changes', (c) => changes.push(...c));
  feed = feedMockedShell(core.events, time.now);
  core.start();
  await core.handlers['appliances:refresh']();
});

afterEach(async () => {
  feed.stop();
  await core.close();
  config.close();
  // Each test begins with a server without windows.
  for (const window of await fleet.core.handlers['maintenance:list']()) await fleet.core.handlers['maintenance:remove'](window.id);
});

const shown = () => Notification.shown.map((n) => `${n.options.title} ${n.options.body}`);

/** A run of the job that fails on the server, and the desktop hearing of it from the server. */
async function failOnServer(jobIndex: number): Promise<string> {
  const sim = fleet.sims[0]!;
  const job = sim.scenario.jobs()[jobIndex]!;
  const run = sim.scenario.startRun(job.id);
  sim.scenario.finishRun(run.id, 'failed');
  await fleet.core.handlers['appliances:refresh']();
  await settled(() => changes.some((c) => c.kind === 'session_failed' && c.session.id === run.id), `the failure of ${job.name}`);
  return job.name;
}

/** A window over everything, added on the server; resolves once the desktop's timer waits for its opening. */
async function addWindow(fromMs: number, toMs: number): Promise<string> {
  const draft: MaintenanceDraft = { label: 'Storage firmware', scope: { kind: 'all' }, schedule: { kind: 'once', fromMs, toMs } };
  const added = await core.handlers['maintenance:add'](draft);
  if (!added.ok) throw new Error(added.message);
  await settled(() => time.pending().includes(fromMs - time.now()), "the desktop's timer at the window's opening");
  return added.value.id;
}

describe("a team server's maintenance window on the desktop", () => {
  it('turns the tray to maintenance when it opens and back, with the held failure as a notice, when it closes', async () => {
    const first = await failOnServer(0);
    await settled(() => shown().some((n) => n.includes(first)), 'the notice of the first failure');
    // The notice and the tray follow the same status on their own ways: the tray's may come a moment later.
    await settled(() => JSON.stringify(trayIcon()) === JSON.stringify(icon('failed')), 'the tray turned red');
    const opens = time.now() + 10 * MINUTE;
    const closes = opens + 30 * MINUTE;
    await addWindow(opens, closes);

    time.advance(opens - time.now() - 1);
    expect(trayIcon()).toEqual(icon('failed'));
    // The edge itself, with no answer of the server in between.
    time.advance(1);
    expect(trayIcon()).toEqual(icon('maintenance'));
    const jobs = await core.handlers['jobs:list']({});
    expect(new Set(jobs.map((job) => job.maintenanceUntil))).toEqual(new Set([new Date(closes).toISOString()]));

    // The server, whose clock is outside the window, reports a failure: the desktop holds it.
    const before = Notification.shown.length;
    const second = await failOnServer(1);
    expect(Notification.shown).toHaveLength(before);
    expect(trayIcon()).toEqual(icon('maintenance'));

    time.advance(closes - time.now() - 1);
    expect(Notification.shown).toHaveLength(before);
    time.advance(1);
    expect(trayIcon()).toEqual(icon('failed'));
    const released = shown().slice(before);
    expect(released).toHaveLength(1);
    expect(released[0]).toContain(second);
  });

  it('follows a window removed on the server, and leaves no timer behind once closed', async () => {
    await failOnServer(0);
    const opens = time.now() + 10 * MINUTE;
    const id = await addWindow(opens, opens + 30 * MINUTE);
    expect(await core.handlers['maintenance:remove'](id)).toEqual({ ok: true, value: undefined });
    await settled(() => !time.pending().includes(opens - time.now()), 'the timer of the removed window cleared');
    time.advance(opens - time.now() + MINUTE);
    expect(trayIcon()).toEqual(icon('failed'));

    feed.stop();
    await core.close();
    expect(time.pending()).toEqual([]);
  });
});
