/** The services: maintenance windows listed, added and removed, checked once, kept in the configuration file. */
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { HOUR } from '../common/factories.js';
import { addOk, config, h, time, useServicesRig } from './services-rig.js';

useServicesRig();

describe('maintenance windows', () => {
  it('adds a window with an id of its own, lists it open until its end, and removes it', async () => {
    const now = time.now();
    const added = await h()['maintenance:add']({
      label: 'Firmware',
      scope: { kind: 'all' },
      schedule: { kind: 'once', fromMs: now - HOUR, toMs: now + HOUR },
    });
    if (!added.ok) throw new Error(added.message);
    expect(added.value.id).toMatch(/^[A-Za-z0-9_-]+$/);
    expect(JSON.parse(readFileSync(config.path, 'utf8')).settings.maintenanceWindows).toEqual([added.value]);
    expect(await h()['maintenance:list']()).toEqual([{ ...added.value, openUntil: new Date(now + HOUR).toISOString() }]);
    time.advance(2 * HOUR);
    expect((await h()['maintenance:list']())[0]?.openUntil).toBeNull();
    expect(await h()['maintenance:remove'](added.value.id)).toEqual({ ok: true, value: undefined });
    expect(await h()['maintenance:list']()).toEqual([]);
    expect(await h()['maintenance:remove'](added.value.id)).toEqual({
      ok: false,
      message: `No maintenance window has the id "${added.value.id}".`,
    });
  });

  it('refuses a scope naming an appliance that is not configured, and a schedule that cannot open, in words', async () => {
    const nightly = { kind: 'cron', expression: '0 1 * * *', durationMin: 120 } as const;
    expect(await h()['maintenance:add']({ label: 'x', scope: { kind: 'appliance', applianceId: 'nope' }, schedule: nightly })).toEqual({
      ok: false,
      message: 'That appliance no longer exists.',
    });
    const { id } = await addOk();
    expect((await h()['maintenance:add']({ label: 'x', scope: { kind: 'job', applianceId: id, jobId: 'j' }, schedule: nightly })).ok).toBe(
      true,
    );
    const bad = await h()['maintenance:add']({ label: 'x', scope: { kind: 'all' }, schedule: { ...nightly, expression: '0 25 * * *' } });
    expect(bad).toMatchObject({
      ok: false,
      message: expect.stringMatching(/^Invalid value: schedule\.expression: The cron expression cannot be read/),
    });
    expect(await h()['maintenance:list']()).toHaveLength(1);
  });

  it('shows what an open window covers in maintenance in the snapshot', async () => {
    const { id } = await addOk();
    const now = time.now();
    await h()['maintenance:add']({
      label: 'Patching',
      scope: { kind: 'appliance', applianceId: id },
      schedule: { kind: 'once', fromMs: now, toMs: now + HOUR },
    });
    const snapshot = await h()['status:snapshot']();
    expect(snapshot.appliances[0]?.maintenanceUntil).toBe(new Date(now + HOUR).toISOString());
  });
});
