/**
 * From the simulators to the tray: the VBR demo's web farm skips a VM in runs that still end in
 * "Success"; the real connectors read it, the monitor judges it against the vCenter's inventory,
 * and the tray turns red counting it among the machines at risk, and a notice covers it. Excluding
 * that one VM counts one machine fewer: the skipped VM itself is what the tray counts.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { on } from '../../src-main/common/event.js';
import type { Appliance } from '../../src-main/common/model.js';
import type { Notice } from '../../src-main/common/notification-policy.js';
import { severityRank } from '../../src-main/common/severity.js';
import { trayModel } from '../../src-main/common/tray-model.js';
import type { AppCore } from '../../src-main/core/app/app-core.js';
import type { DemoSimulator } from '../../src-main/demo/fleet.js';
import { startDemoSimulator } from '../../src-main/demo/fleet.js';
import { DEMO_SKIPPED_VM } from '../../src-main/demo/vbr/vbr-demo.js';
import { throwawayCore } from '../support/throwaway-core.js';

const simulators: DemoSimulator[] = [];
let core: AppCore;
let closeCore: () => Promise<void>;
const notices: Notice[] = [];
const trayOpts = { startAtLogin: false, startAtLoginSupported: false };

function applianceOf(sim: DemoSimulator, id: string): Appliance {
  const { appliance } = sim;
  return {
    id,
    name: appliance.name,
    vendor: appliance.vendor,
    baseUrl: appliance.baseUrl,
    username: appliance.username,
    credential: { kind: 'keychain' },
    certificate: appliance.certificate,
    options: {},
    enabled: true,
  };
}

beforeAll(async () => {
  for (const vendor of ['vbr', 'vcsa'] as const) simulators.push(await startDemoSimulator(vendor, { historySize: 300 }));
  const appliances = [applianceOf(simulators[0]!, 'vbr-demo'), applianceOf(simulators[1]!, 'vcenter-demo')];
  ({ core, close: closeCore } = await throwawayCore({
    appliances,
    passwords: { 'vbr-demo': simulators[0]!.appliance.password, 'vcenter-demo': simulators[1]!.appliance.password },
    settings: { pollIntervalSec: 3600 },
  }));
  on(core.events, 'notice', (notice) => notices.push(notice));
  await core.handlers['appliances:refresh']();
}, 60_000);
afterAll(async () => {
  await closeCore();
  await Promise.all(simulators.map((s) => s.close()));
});

describe('a VM skipped in a "Success" run', () => {
  it('turns the tray red, counted among the machines at risk, and is notified once', async () => {
    const [skipped] = (await core.handlers['objects:list']({ text: DEMO_SKIPPED_VM })).objects;
    expect(skipped).toMatchObject({ name: DEMO_SKIPPED_VM, state: 'at_risk', reason: 'last_run_failed' });
    const snapshot = await core.snapshot();
    const tray = trayModel(snapshot, Date.now(), trayOpts);
    expect(severityRank(tray.icon)).toBeLessThanOrEqual(severityRank('at_risk'));
    const atRisk = snapshot.objects!.counts.at_risk;
    expect(tray.tooltip).toContain(`${atRisk} machines at risk`);
    expect(notices.flatMap((n) => n.keys).filter((k) => k.startsWith(`object_breached:${skipped!.key}:`))).toHaveLength(1);
  });

  it('counts one machine fewer once that one VM is excluded', async () => {
    const before = (await core.snapshot()).objects!.counts.at_risk;
    const key = (await core.handlers['objects:list']({ text: DEMO_SKIPPED_VM })).objects[0]!.key;
    const excluded = await core.handlers['objects:exclude']({ applianceId: null, match: { kind: 'object', key } });
    expect(excluded.ok).toBe(true);
    const after = await core.snapshot();
    expect(after.objects!.counts.at_risk).toBe(before - 1);
    expect(trayModel(after, Date.now(), trayOpts).tooltip).toContain(`${before - 1} machine${before - 1 === 1 ? '' : 's'} at risk`);
  });
});
