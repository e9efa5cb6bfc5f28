import { app, resetElectronMock, Tray, type FakeMenu } from './electron-mock.js';
import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { beforeEach, describe, expect, it, vi } from 'vitest';
import { SESSION_STATUSES } from '../../../src-main/common/model.js';
import { OVERALL_STATUSES, type StatusSnapshot } from '../../../src-main/common/snapshot.js';
import { trayModel, type TrayCommand } from '../../../src-main/common/tray-model.js';
import { createElectronTray, trayIconFile } from '../../../src-main/electron/tray.js';

import { makeJobState } from '../common/factories.js';

vi.mock('electron', () => import('./electron-mock.js'));

const NOW = Date.parse('2025-03-10T12:00:00Z');
const ICONS = join(import.meta.dirname, '..', '..', '..', 'assets', 'tray');

const failing: StatusSnapshot = {
  at: '2025-03-10T12:00:00Z',
  overall: 'failed',
  failedJobs: 2,
  atRiskJobs: 0,
  jobsNeedingAttention: 2,
  appliances: [
    {
      id: 'spp-prod',
      name: 'SPP prod',
      vendor: 'spp',
      baseUrl: 'https://spp.example.com',
      username: 'admin',
      missedRuns: [],
      credential: { kind: 'keychain' },
      hasSecret: true,
      certificateFingerprint: null,
      options: {},
      enabled: true,
      health: { state: 'ok', message: '', lastGoodPoll: null, lastPoll: null },
      status: 'failed',
      jobCounts: Object.fromEntries(SESSION_STATUSES.map((s) => [s, s === 'failed' ? 2 : 0])) as never,
      protectionCounts: { protected: 1, at_risk: 0, disabled: 0, new: 0 },
      jobs: [
        makeJobState({
          applianceId: 'spp-prod',
          jobId: 'j9',
          jobName: 'Nightly',
          lastOutcome: 'failed',
          lastOutcomeSessionId: 's9',
          lastOutcomeAt: '2025-03-10T10:00:00Z',
          lastSuccess: '2025-03-10T09:00:00Z',
          lastSuccessSessionId: 's8',
          successRate: 0.5,
        }),
      ],
      jobsOmitted: 0,
      runningSessionIds: [],
    },
  ],
  problems: [
    { applianceId: 'spp-prod', applianceName: 'SPP prod', sessionId: 's9', title: 'Nightly failed', at: null, severity: 'failed' },
  ],
  lastPoll: '2025-03-10T11:59:00Z',
  notificationsPausedUntil: null,
  setAsideAppliances: [],
};
const model = (s: StatusSnapshot) => trayModel(s, NOW, { startAtLogin: false, startAtLoginSupported: true });

/** Finds a menu entry by its labels, descending into submenus. */
function entry(menu: FakeMenu, ...labels: string[]): Record<string, unknown> | undefined {
  let items: readonly Record<string, unknown>[] = menu.template;
  let found: Record<string, unknown> | undefined;
  for (const label of labels) {
    found = items.find((i) => i.label === label);
    items = (found?.submenu as Record<string, unknown>[] | undefined) ?? [];
  }
  return found;
}

function setup(platform: NodeJS.Platform) {
  const commands: TrayCommand[] = [];
  const view = createElectronTray({ iconDir: ICONS, platform, onCommand: (c) => commands.push(c) });
  const tray = Tray.all[0] as Tray;
  return { view, tray, commands };
}

describe('createElectronTray', () => {
  beforeEach(resetElectronMock);

  it('has an icon file (and its @2x) for every state on every platform', () => {
    for (const platform of ['win32', 'darwin', 'linux'] as const) {
      for (const state of OVERALL_STATUSES) {
        const file = join(ICONS, trayIconFile(state, platform));
        expect(existsSync(file), file).toBe(true);
        expect(existsSync(file.replace(/\.png$/, '@2x.png'))).toBe(true);
      }
    }
  });

  it('uses template images on macOS only for the calm states', () => {
    expect(trayIconFile('ok', 'darwin')).toBe('okTemplate.png');
    expect(trayIconFile('failed', 'darwin')).toBe('failed.png');
    expect(trayIconFile('ok', 'win32')).toBe('ok.ico');
  });

  it('renders the model: icon, tooltip and menu', () => {
    const { view, tray } = setup('linux');
    view.render(model(failing));
    expect(tray.images.at(-1)).toEqual({ path: join(ICONS, 'failed.png') });
    expect(tray.tooltips.at(-1)).toBe(model(failing).tooltip);
    expect(tray.tooltips.at(-1)).toContain('\nSPP prod: 2 failed\nLast poll ');
    const menu = tray.menus.at(-1) as FakeMenu;
    expect(menu.template.map((i) => i.label ?? i.type)).toEqual([
      'Open Backwatch',
      'separator',
      'Nightly (SPP prod) — failed 2 h ago',
      'separator',
      'Refresh now',
      'Pause notifications',
      'Start at login',
      'separator',
      'Quit Backwatch',
    ]);
    expect(entry(menu, 'Start at login')).toMatchObject({ type: 'checkbox', checked: false });
  });

  it('sends menu clicks to the command handler', () => {
    const { view, tray, commands } = setup('linux');
    view.render(model(failing));
    const menu = tray.menus.at(-1) as FakeMenu;
    (entry(menu, 'Nightly (SPP prod) — failed 2 h ago')?.click as () => void)();
    (entry(menu, 'Pause notifications', 'Off')?.click as () => void)();
    (entry(menu, 'Quit Backwatch')?.click as () => void)();
    expect(commands).toEqual([
      { type: 'navigate', target: { view: 'session', ref: { applianceId: 'spp-prod', sessionId: 's9' } } },
      { type: 'pause', until: null },
      { type: 'quit' },
    ]);
  });

  it('changes the image only when the state changes', () => {
    const { view, tray } = setup('win32');
    view.render(model(failing));
    view.render(model({ ...failing, failedJobs: 3, jobsNeedingAttention: 3 }));
    view.render(model({ ...failing, overall: 'ok', failedJobs: 0, jobsNeedingAttention: 0 }));
    expect(tray.images.map((i) => (i as { path: string }).path.split(/[\\/]/).pop())).toEqual(['no_data.ico', 'failed.ico', 'ok.ico']);
  });

  it('shows the failure count: title on macOS, badge on Linux, nothing extra on Windows', () => {
    setup('darwin').view.render(model(failing));
    expect(Tray.all[0]?.titles.at(-1)).toBe('2');
    expect(app.setBadgeCount).toHaveBeenLastCalledWith(2);

    resetElectronMock();
    setup('linux').view.render(model({ ...failing, overall: 'ok', failedJobs: 0, jobsNeedingAttention: 0 }));
    expect(app.setBadgeCount).toHaveBeenLastCalledWith(0);
    expect(Tray.all[0]?.titles).toEqual([]);

    resetElectronMock();
    setup('win32').view.render(model(failing));
    expect(app.setBadgeCount).not.toHaveBeenCalled();
  });

  it('opens the window on a left click except on macOS', () => {
    const win = setup('win32');
    win.tray.emit('click');
    expect(win.commands).toEqual([{ type: 'open' }]);
    resetElectronMock();
    const mac = setup('darwin');
    mac.tray.emit('click');
    expect(mac.commands).toEqual([]);
  });
});
