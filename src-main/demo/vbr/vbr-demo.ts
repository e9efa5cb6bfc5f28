/** Veeam Backup & Replication in the demo fleet. */
import { vbrInfo } from '../../common/vendors/vbr.js';
import { compressSchedule, defineDemoVendor, demoName, pinOf, scenarioOptions, serverOptions } from '../demo-vendor.js';
import { stableGuid } from '../sim/stable-guid.js';
import type { ScenarioJobSpec } from '../sim/scenario.js';
import { VBR_DEMO_JOBS, createVbrScenario, startVbrSimulator } from './vbr-simulator.js';

const HOUR = 3_600_000;

/** A weekly job that last succeeded 30 hours ago: past the default 26-hour RPO, so the demo shows a job at risk. */
const WEEKLY_ARCHIVE: ScenarioJobSpec = {
  id: stableGuid('vbr/job/weekly-archive'),
  name: 'Backup Job - Weekly Archive',
  type: 'backup',
  subType: 'vsphere',
  intervalMs: 7 * 24 * HOUR,
  durationMs: 45 * 60_000,
  resources: ['archive-vm-01', 'archive-vm-02', 'archive-vm-03'],
  bytesPerResource: 4e10,
  lastRunAgoMs: 30 * HOUR,
};

export const vbrDemo = defineDemoVendor({
  info: vbrInfo,
  start: async (o) => {
    const scenario = createVbrScenario({ ...scenarioOptions(o), jobs: compressSchedule([...VBR_DEMO_JOBS, WEEKLY_ARCHIVE], o.tempo) });
    const sim = await startVbrSimulator({ scenario, server: serverOptions('vbr-demo.backwatch.local', o) });
    return {
      appliance: {
        name: demoName('Veeam B&R demo', o),
        vendor: vbrInfo.key,
        baseUrl: sim.url,
        ...sim.credentials,
        certificate: pinOf(sim.server),
      },
      server: sim.server,
      scenario,
      expireSessions: () => sim.expireTokens(),
      close: () => sim.close(),
    };
  },
});
