/** `backwatch maintenance add|list|remove`, run as built, on a configuration folder of its own. */
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import type { MaintenanceWindowView } from '../../../src-main/common/ipc-contract.js';
import { builtConfigDir, runBuilt, storeAppliances, UNREACHABLE_SPP } from '../../support/built-cli.js';

const dir = builtConfigDir('backwatch-maintenance-test-');

/** Berlin time, so that the local times typed and shown are the zone's. */
const run = (...args: string[]) => runBuilt([...args, '--config-dir', dir], { TZ: 'Europe/Berlin', SPP_PW: 'x' });

describe('backwatch maintenance', () => {
  it('adds one-off, weekly and cron windows, lists them and removes one', async () => {
    await storeAppliances(dir, [UNREACHABLE_SPP]);

    const once = await run(
      'maintenance',
      'add',
      'Firmware',
      '--appliance',
      'spp prod',
      '--from',
      '2026-12-24 22:00',
      '--to',
      '2026-12-25 06:00',
    );
    expect(once.err).toBe('');
    expect(once.out).toMatch(/^Added maintenance window [\w-]+: Firmware, 2026-12-24 22:00 to 2026-12-25 06:00\.\n$/);
    expect((await run('maintenance', 'add', 'Weekend', '--days', 'sat,sun', '--start', '22:00', '--end', '04:00')).code).toBe(0);
    expect((await run('maintenance', 'add', 'Nightly', '--cron', '0 1 * * *', '--duration', '2h')).code).toBe(0);

    const listed = await run('maintenance', 'list', '--json');
    const windows = JSON.parse(listed.out) as MaintenanceWindowView[];
    expect(windows.map((w) => [w.label, w.scope, w.schedule])).toEqual([
      [
        'Firmware',
        { kind: 'appliance', applianceId: UNREACHABLE_SPP.id },
        { kind: 'once', fromMs: Date.parse('2026-12-24T21:00:00Z'), toMs: Date.parse('2026-12-25T05:00:00Z') },
      ],
      ['Weekend', { kind: 'all' }, { kind: 'weekly', days: [0, 6], start: '22:00', end: '04:00' }],
      ['Nightly', { kind: 'all' }, { kind: 'cron', expression: '0 1 * * *', durationMin: 120 }],
    ]);
    const table = (await run('maintenance', 'list')).out;
    expect(table).toMatch(/^ID +NAME +COVERS +WHEN +OPEN\n/);
    expect(table).toContain('SPP prod');
    expect(table).toContain('sun,sat 22:00–04:00');
    expect(table).toContain('cron "0 1 * * *" for 120 min');

    const removed = await run('maintenance', 'remove', windows[1]!.id);
    expect(removed).toMatchObject({ code: 0, out: `Removed maintenance window ${windows[1]!.id}.\n` });
    const saved = JSON.parse(readFileSync(path.join(dir, 'config.json'), 'utf8')) as {
      settings: { maintenanceWindows: { label: string }[] };
    };
    expect(saved.settings.maintenanceWindows.map((w) => w.label)).toEqual(['Firmware', 'Nightly']);
  }, 90_000);

  it('refuses what cannot be a window in one line, with the usage or failure exit code', async () => {
    const badCron = await run('maintenance', 'add', 'X', '--cron', '0 25 * * *', '--duration', '1h');
    expect(badCron).toMatchObject({ code: 4, out: '' });
    expect(badCron.err).toMatch(/^backwatch: Invalid value: schedule\.expression: The cron expression cannot be read: .*\n$/);
    const twoSchedules = await run('maintenance', 'add', 'X', '--cron', '0 1 * * *', '--days', 'sat', '--duration', '1h');
    expect(twoSchedules).toMatchObject({ code: 64 });
    expect(twoSchedules.err).toMatch(/^backwatch: Give one schedule/);
    expect((await run('maintenance', 'add', 'X', '--days', 'caturday', '--start', '1:00', '--end', '2:00')).code).toBe(64);
    expect((await run('maintenance', 'remove', 'nope')).err).toBe('backwatch: No maintenance window has the id "nope".\n');
    expect((await run('maintenance', 'frobnicate')).code).toBe(64);
  }, 90_000);
});
