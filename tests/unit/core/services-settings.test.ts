/** The services: settings, notifications, the app, and restarting to update. */
import { describe, expect, it, vi } from 'vitest';
import type { Appliance } from '../../../src-main/common/model.js';
import { demoRunsElsewhere, holdDemoLock } from '../../../src-main/core/config/demo-lock.js';
import { HOUR, at, makeJob } from '../common/factories.js';
import { PASSWORD, addOk, config, h, monitor, secrets, services, start, useServicesRig } from './services-rig.js';

useServicesRig();

describe('settings, notifications and app', () => {
  it('settings:update merges a valid patch and refuses an invalid one', async () => {
    expect(await h()['settings:update']({ pollIntervalSec: 120 })).toMatchObject({
      ok: true,
      value: { pollIntervalSec: 120, activePollIntervalSec: 10 },
    });
    expect((await h()['settings:update']({ pollIntervalSec: 0 })).ok).toBe(false);
    expect((await h()['settings:get']()).pollIntervalSec).toBe(120);
  });

  it('notifications:pause writes the setting, tells the scheduler and shows in the snapshot', async () => {
    const pauses: (string | null)[] = [];
    services.dispose();
    start({ notificationState: { pause: (until) => pauses.push(until) } });
    await h()['notifications:pause']({ until: at(HOUR) });
    expect(config.read().settings.notificationsPausedUntil).toBe(at(HOUR));
    expect((await h()['status:snapshot']()).notificationsPausedUntil).toBe(at(HOUR));
    await h()['notifications:pause']({ until: null });
    expect(pauses).toEqual([at(HOUR), null]);
  });

  it('opens only configured appliance URLs', async () => {
    const opened: string[] = [];
    services.dispose();
    start({ openExternal: async (url) => void opened.push(url) });
    const { id } = await addOk();
    await h()['app:open-appliance'](id);
    await h()['app:open-appliance']('unknown');
    expect(opened).toEqual(['https://spp.example.test']);
  });

  it('start-demo replaces earlier demo appliances of the same name; without a demo it says so', async () => {
    expect(await h()['app:start-demo']()).toEqual({ ok: false, message: 'The demo fleet is not available here.' });
    let run = 0;
    const demo = (): Appliance[] => [
      {
        id: `demo-${++run}`,
        name: 'Demo SPP',
        vendor: 'spp',
        baseUrl: `https://127.0.0.1:${4000 + run}`,
        username: 'demo',
        credential: { kind: 'env', variable: 'SPP_PW' },
        options: {},
        enabled: true,
      },
    ];
    services.dispose();
    start({ startDemo: async () => demo() });
    await addOk();
    expect(await h()['app:start-demo']()).toEqual({ ok: true, value: undefined });
    expect(await h()['app:start-demo']()).toEqual({ ok: true, value: undefined });
    expect(config.read().appliances.map((a) => a.name)).toEqual(['SPP prod', 'Demo SPP']);
    expect(config.read().appliances[1]?.id).toBe('demo-2');
  });

  const demoAppliance = (id: string): Appliance => ({
    id,
    name: `Demo ${id}`,
    vendor: 'spp',
    baseUrl: 'https://127.0.0.1:4001',
    username: 'demo',
    credential: { kind: 'keychain' },
    options: {},
    enabled: true,
    demo: true,
  });

  it('leave-demo stops the simulators and removes the demo appliances, their passwords and job flags', async () => {
    const stops: string[] = [];
    services.dispose();
    start({ startDemo: async () => [demoAppliance('demo-a'), demoAppliance('demo-b')], stopDemo: async () => void stops.push('stopped') });
    const real = await addOk();
    await secrets.set('demo-a', 'pw-a');
    await secrets.set('demo-b', 'pw-b');
    expect(await h()['app:start-demo']()).toEqual({ ok: true, value: undefined });
    for (const a of config.read().appliances) monitor.poll(a, [], [makeJob({ applianceId: a.id, id: 'j1' })]);
    await h()['notifications:mute']({ applianceId: 'demo-a', jobId: 'j1', on: true });
    await h()['notifications:mute']({ applianceId: real.id, jobId: 'j1', on: true });
    expect((await h()['appliances:list']()).filter((a) => a.demo).map((a) => a.id)).toEqual(['demo-a', 'demo-b']);

    expect(await h()['app:leave-demo']()).toEqual({ ok: true, value: undefined });
    expect(stops).toEqual(['stopped']);
    expect(config.read().appliances.map((a) => a.id)).toEqual([real.id]);
    expect(await secrets.get('demo-a')).toBeNull();
    expect(await secrets.get('demo-b')).toBeNull();
    expect(await secrets.get(real.id)).toBe(PASSWORD);
    expect(Object.keys(config.read().settings.mutedJobs)).toEqual([`${real.id}/j1`]);
    expect(monitor.setCalls.at(-1)?.map((a) => a.id)).toEqual([real.id]);
  });

  it('removes demo appliances left by an earlier run at any start, keeps those of a demo another process runs', async () => {
    const real = await addOk();
    await config.update((d) => ({ ...d, appliances: [...d.appliances, demoAppliance('left-over')] }));
    await secrets.set('left-over', 'pw');
    const release = await holdDemoLock(config.path);
    services.dispose();
    start();
    // Another process runs a demo: the CLI's status leaves that demo alone.
    expect((await h()['appliances:list']()).map((a) => a.id)).toEqual([real.id, 'left-over']);
    await release!();
    services.dispose();
    start();
    expect((await h()['appliances:list']()).map((a) => a.id)).toEqual([real.id]);
    expect(config.read().appliances.map((a) => a.id)).toEqual([real.id]);
    expect(await secrets.get('left-over')).toBeNull();
  });

  it('holds the demo lock while its demo runs, so other processes keep its appliances', async () => {
    services.dispose();
    start({ startDemo: async () => [demoAppliance('live')] });
    expect(await h()['app:start-demo']()).toEqual({ ok: true, value: undefined });
    expect(await demoRunsElsewhere(config.path)).toBe(true);
    expect(await h()['app:leave-demo']()).toEqual({ ok: true, value: undefined });
    expect(await demoRunsElsewhere(config.path)).toBe(false);
  });
});

describe('restart to update', () => {
  it('asks the shell’s updater, after checking the argument, and says so where there is none', async () => {
    const restartToUpdate = vi.fn(() => ({ ok: true, value: undefined }) as const);
    services.dispose();
    start({ restartToUpdate });
    await expect(h()['app:restart-to-update']()).resolves.toEqual({ ok: true, value: undefined });
    await expect((h()['app:restart-to-update'] as (arg: unknown) => Promise<unknown>)({ force: true })).rejects.toThrow();
    expect(restartToUpdate).toHaveBeenCalledTimes(1);

    services.dispose();
    start();
    await expect(h()['app:restart-to-update']()).resolves.toEqual({ ok: false, message: 'Only the desktop app updates itself.' });
  });
});
