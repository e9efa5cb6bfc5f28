import { describe, expect, it } from 'vitest';
import { SESSION_STATUSES, type SessionStatus } from '../../../src-main/common/model.js';
import type { ApplianceView, StatusSnapshot } from '../../../src-main/common/snapshot.js';
import { OVERALL_STATUSES } from '../../../src-main/common/snapshot.js';
import {
  applianceLine,
  TRAY_APPLIANCE_LINE_LIMIT,
  tomorrowMorning,
  trayModel,
  type TrayCommand,
  type TrayMenuItem,
} from '../../../src-main/common/tray-model.js';

const NOW = Date.parse('2025-03-10T12:04:30Z');
// Fixed "time zone": local time = UTC, so clock texts do not depend on the machine.
const utcMinutes = (ms: number) => Math.floor((ms % 86_400_000) / 60_000);
const opts = { startAtLogin: false, startAtLoginSupported: true, localMinutes: utcMinutes };

function counts(partial: Partial<Record<SessionStatus, number>> = {}): Record<SessionStatus, number> {
  return Object.fromEntries(SESSION_STATUSES.map((s) => [s, partial[s] ?? 0])) as Record<SessionStatus, number>;
}

function appliance(over: Partial<ApplianceView> & { name: string }): ApplianceView {
  return {
    id: over.name.toLowerCase().replace(/\W+/g, '-'),
    vendor: 'spp',
    baseUrl: 'https://spp.example.com',
    username: 'admin',
    credential: { kind: 'keychain' },
    hasSecret: true,
    missedRuns: [],
    certificateFingerprint: null,
    options: {},
    enabled: true,
    health: { state: 'ok', message: '', lastGoodPoll: null, lastPoll: null },
    status: 'ok',
    jobCounts: counts(),
    protectionCounts: { protected: 0, at_risk: 0, disabled: 0, new: 0 },
    jobs: [],
    jobsOmitted: 0,
    runningSessionIds: [],
    ...over,
  };
}

function snapshot(over: Partial<StatusSnapshot> = {}): StatusSnapshot {
  return {
    at: new Date(NOW).toISOString(),
    overall: 'ok',
    failedJobs: 0,
    atRiskJobs: 0,
    jobsNeedingAttention: 0,
    appliances: [],
    problems: [],
    lastPoll: '2025-03-10T12:04:05Z',
    notificationsPausedUntil: null,
    setAsideAppliances: [],
    ...over,
  };
}

/** Every command reachable in the menu, with the path of labels leading to it. */
function commands(items: readonly TrayMenuItem[], path: string[] = []): { path: string[]; command: TrayCommand }[] {
  return items.flatMap((item) => {
    if (item.kind === 'submenu') return commands(item.items, [...path, item.label]);
    if (item.kind === 'action' || item.kind === 'checkbox') return [{ path: [...path, item.label], command: item.command }];
    return [];
  });
}

const find = (menu: readonly TrayMenuItem[], label: string) => commands(menu).find((c) => c.path[c.path.length - 1] === label);

describe('trayModel icon and badge', () => {
  it('shows the overall status as the icon, for every state', () => {
    for (const overall of OVERALL_STATUSES) {
      expect(trayModel(snapshot({ overall }), NOW, opts).icon).toBe(overall);
    }
  });

  it('badges the number of failed jobs and never goes negative', () => {
    expect(trayModel(snapshot({ overall: 'failed', failedJobs: 3, jobsNeedingAttention: 3 }), NOW, opts).badge).toBe(3);
    expect(trayModel(snapshot({ overall: 'at_risk', failedJobs: 0, atRiskJobs: 2, jobsNeedingAttention: 2 }), NOW, opts).badge).toBe(2);
    expect(trayModel(snapshot({ jobsNeedingAttention: 0 }), NOW, opts).badge).toBe(0);
    expect(trayModel(snapshot({ jobsNeedingAttention: -2 }), NOW, opts).badge).toBe(0);
  });
});

describe('trayModel tooltip', () => {
  it('has a headline, one line per appliance and the last poll time', () => {
    const model = trayModel(
      snapshot({
        overall: 'failed',
        appliances: [
          appliance({ name: 'SPP prod', status: 'failed', jobCounts: counts({ failed: 2 }), runningSessionIds: ['a'] }),
          appliance({ name: 'VBO', vendor: 'vb365', status: 'ok' }),
        ],
      }),
      NOW,
      opts,
    );
    expect(model.tooltipLines).toEqual(['Backwatch: Backup failed', 'SPP prod: 2 failed, 1 running', 'VBO: OK', 'Last poll 12:04']);
    expect(model.tooltip).toBe(model.tooltipLines.join('\n'));
  });

  it('says when nothing was polled yet', () => {
    expect(trayModel(snapshot({ overall: 'no_data', lastPoll: null }), NOW, opts).tooltipLines).toEqual([
      'Backwatch: No data yet',
      'Not polled yet',
    ]);
  });

  it('caps the appliance lines and says how many were left out', () => {
    const many = Array.from({ length: TRAY_APPLIANCE_LINE_LIMIT + 3 }, (_, i) => appliance({ name: `A${i}` }));
    const lines = trayModel(snapshot({ appliances: many }), NOW, opts).tooltipLines;
    expect(lines).toHaveLength(TRAY_APPLIANCE_LINE_LIMIT + 3);
    expect(lines).toContain('…and 3 more');
    expect(lines).not.toContain(`A${TRAY_APPLIANCE_LINE_LIMIT}: OK`);
  });
});

describe('applianceLine', () => {
  it('names an unhealthy appliance’s problem before its counts', () => {
    const health = { state: 'unreachable', message: 'timeout', lastGoodPoll: null, lastPoll: null } as const;
    expect(applianceLine(appliance({ name: 'SPP prod', health, jobCounts: counts({ failed: 1 }) }), NOW)).toBe(
      'SPP prod: unreachable, 1 failed',
    );
    expect(applianceLine(appliance({ name: 'V', health: { ...health, state: 'auth_failed' } }), NOW)).toBe('V: sign-in failed');
    expect(applianceLine(appliance({ name: 'V', health: { ...health, state: 'keychain_locked' } }), NOW)).toBe('V: keychain locked');
    expect(applianceLine(appliance({ name: 'V', health: { ...health, state: 'untrusted_certificate' } }), NOW)).toBe(
      'V: certificate not trusted',
    );
  });

  it('counts warnings, says paused for a disabled appliance and no data before the first result', () => {
    expect(applianceLine(appliance({ name: 'X', jobCounts: counts({ warning: 2 }) }), NOW)).toBe('X: 2 with warnings');
    expect(applianceLine(appliance({ name: 'X', enabled: false, jobCounts: counts({ failed: 5 }) }), NOW)).toBe('X: paused');
    expect(applianceLine(appliance({ name: 'X', status: 'no_data' }), NOW)).toBe('X: no data yet');
  });

  it('does not throw on an unknown health word from a newer core', () => {
    const health = { state: 'melted', message: '', lastGoodPoll: null, lastPoll: null } as unknown as ApplianceView['health'];
    expect(applianceLine(appliance({ name: 'X', health }), NOW)).toBe('X: error');
  });
});

describe('trayModel menu', () => {
  it('has the fixed entries in order', () => {
    const menu = trayModel(snapshot(), NOW, opts).menu;
    const top = menu.map((i) => (i.kind === 'separator' ? '—' : i.label));
    expect(top).toEqual([
      'Open Backwatch',
      '—',
      'No jobs yet',
      '—',
      'Refresh now',
      'Pause notifications',
      'Start at login',
      '—',
      'Quit Backwatch',
    ]);
    expect(find(menu, 'Open Backwatch')?.command).toEqual({ type: 'open' });
    expect(find(menu, 'Refresh now')?.command).toEqual({ type: 'refresh' });
    expect(find(menu, 'Quit Backwatch')?.command).toEqual({ type: 'quit' });
  });

  it('offers pauses of 1 h, 4 h, until tomorrow morning, and off', () => {
    const menu = trayModel(snapshot(), NOW, opts).menu;
    const pause = commands(menu).filter((c) => c.path[0] === 'Pause notifications');
    expect(pause.map((c) => c.path[1])).toEqual(['For 1 hour', 'For 4 hours', 'Until tomorrow', 'Off']);
    expect(pause[0]?.command).toEqual({ type: 'pause', until: '2025-03-10T13:04:30.000Z' });
    expect(pause[1]?.command).toEqual({ type: 'pause', until: '2025-03-10T16:04:30.000Z' });
    expect(pause[2]?.command).toEqual({ type: 'pause', until: new Date(tomorrowMorning(NOW)).toISOString() });
    expect(pause[3]?.command).toEqual({ type: 'pause', until: null });
  });

  it('shows an active pause in the submenu label and unchecks Off', () => {
    const paused = trayModel(snapshot({ notificationsPausedUntil: '2025-03-10T16:00:00Z' }), NOW, opts).menu;
    const sub = paused.find((i) => i.kind === 'submenu');
    expect(sub?.kind === 'submenu' && sub.label).toBe('Notifications paused until 16:00');
    const off = sub?.kind === 'submenu' ? sub.items.find((i) => i.kind === 'checkbox') : undefined;
    expect(off?.kind === 'checkbox' && off.checked).toBe(false);

    const expired = trayModel(snapshot({ notificationsPausedUntil: '2025-03-10T10:00:00Z' }), NOW, opts).menu;
    expect(expired.some((i) => i.kind === 'submenu' && i.label === 'Pause notifications')).toBe(true);
  });

  it('toggles start at login to the opposite state, and hides it where unsupported', () => {
    const off = find(trayModel(snapshot(), NOW, opts).menu, 'Start at login');
    expect(off?.command).toEqual({ type: 'start-at-login', enabled: true });
    const onMenu = trayModel(snapshot(), NOW, { ...opts, startAtLogin: true }).menu;
    const on = onMenu.find((i) => i.kind === 'checkbox' && i.label === 'Start at login');
    expect(on).toEqual({ kind: 'checkbox', label: 'Start at login', checked: true, command: { type: 'start-at-login', enabled: false } });
    expect(find(trayModel(snapshot(), NOW, { ...opts, startAtLoginSupported: false }).menu, 'Start at login')).toBeUndefined();
  });
});

describe('tomorrowMorning', () => {
  it('is 08:00 local time on the next calendar day, across month and year ends', () => {
    for (const iso of ['2025-03-10T12:04:30Z', '2025-01-31T23:59:00Z', '2024-12-31T00:30:00Z', '2025-10-26T01:00:00Z']) {
      const now = Date.parse(iso);
      const t = new Date(tomorrowMorning(now));
      const today = new Date(now);
      expect([t.getHours(), t.getMinutes(), t.getSeconds()]).toEqual([8, 0, 0]);
      const dayAfter = new Date(today.getFullYear(), today.getMonth(), today.getDate() + 1);
      expect([t.getFullYear(), t.getMonth(), t.getDate()]).toEqual([dayAfter.getFullYear(), dayAfter.getMonth(), dayAfter.getDate()]);
    }
  });
});
