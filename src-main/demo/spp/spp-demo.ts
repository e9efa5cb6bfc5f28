/** IBM Spectrum Protect Plus in the demo fleet. */
import { sppInfo } from '../../common/vendors/spp.js';
import { compressSchedule, defineDemoVendor, demoName, pinOf, scenarioOptions, serverOptions } from '../demo-vendor.js';
import type { ScenarioJobSpec } from '../sim/scenario.js';
import { SPP_DEMO_JOBS, createSppScenario, startSppSimulator } from './spp-simulator.js';

const HOUR = 3_600_000;

/** A weekly job that last succeeded 30 hours ago: past the default 26-hour RPO, so the demo shows a job at risk. */
const WEEKLY_ARCHIVE: ScenarioJobSpec = {
  id: '1030',
  name: 'Weekly Archive VMs',
  type: 'protection',
  subType: 'vmware',
  intervalMs: 7 * 24 * HOUR,
  durationMs: 45 * 60_000,
  resources: ['archive-vm-01', 'archive-vm-02', 'archive-vm-03'],
  lastRunAgoMs: 30 * HOUR,
};

export const sppDemo = defineDemoVendor({
  info: sppInfo,
  start: async (o) => {
    const scenario = createSppScenario({ ...scenarioOptions(o), jobs: compressSchedule([...SPP_DEMO_JOBS, WEEKLY_ARCHIVE], o.tempo) });
    const sim = await startSppSimulator({ scenario, server: serverOptions('spp-demo.backwatch.local', o) });
    return {
      appliance: {
        name: demoName('SPP demo', o),
        vendor: sppInfo.key,
        baseUrl: sim.url,
        ...sim.credentials,
        certificate: pinOf(sim.server),
      },
      server: sim.server,
      scenario,
      expireSessions: () => sim.expireSessions(),
      close: () => sim.close(),
    };
  },
});
