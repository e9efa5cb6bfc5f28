/** Veeam Backup & Replication in the demo fleet. */
import { vbrInfo } from '../../common/vendors/vbr/vbr-info.js';
import { compressSchedule, defineDemoVendor, demoSimulator, scenarioOptions, serverOptions } from '../demo-vendor.js';
import { stableGuid } from '../sim/stable-guid.js';
import type { ScenarioJobSpec } from '../sim/scenario.js';
import { VBR_DEMO_JOBS, createVbrScenario, startVbrSimulator } from './vbr-simulator.js';

const HOUR = 3_600_000;
const LAPSED_JOB_ID = stableGuid('vbr/job/exchange');
const WEB_FARM_ID = stableGuid('vbr/job/web');
/** The web farm VM a snapshot lock keeps out of its job's runs, which still end in success. */
export const DEMO_SKIPPED_VM = 'web-04';

/**
 * The demo's daily Exchange job last succeeded 30 hours ago: past the default 26-hour RPO, so a job
 * at risk is on show until its next run.
 */
const DEMO_JOBS: readonly ScenarioJobSpec[] = VBR_DEMO_JOBS.map((job) =>
  job.id === LAPSED_JOB_ID ? { ...job, lastRunAgoMs: 30 * HOUR } : job,
);

export const vbrDemo = defineDemoVendor({
  info: vbrInfo,
  start: async (o) => {
    const scenario = createVbrScenario({ ...scenarioOptions(o), jobs: compressSchedule(DEMO_JOBS, o.tempo) });
    // From now on the web farm's runs skip one VM; the last of them ended in "Success" minutes ago.
    scenario.skipFrom(WEB_FARM_ID, DEMO_SKIPPED_VM);
    scenario.injectSessions([
      { jobId: WEB_FARM_ID, createdAt: scenario.applianceNow() - 10 * 60_000, outcome: 'succeeded', runMs: 5 * 60_000 },
    ]);
    const sim = await startVbrSimulator({ scenario, server: serverOptions('vbr-demo.backwatch.local', o) });
    return demoSimulator(vbrInfo, 'Veeam B&R demo', o, sim, () => sim.expireTokens());
  },
});
