/** Veeam Backup for Microsoft 365 in the demo fleet. */
import { vb365Info } from '../../common/vendors/vb365/vb365-info.js';
import { compressSchedule, defineDemoVendor, demoSimulator, scenarioOptions, serverOptions } from '../demo-vendor.js';
import type { ScenarioJobSpec } from '../sim/scenario.js';
import { guidOf } from './vb365-render.js';
import { VB365_DEMO_JOBS, createVb365Scenario, startVb365Simulator } from './vb365-simulator.js';

const HOUR = 3_600_000;
const LAPSED_ARCHIVE_ID = guidOf('job/archive');

/**
 * The demo's archive job last ran 30 hours ago: past the default 26-hour RPO, so the archive
 * mailboxes it backs up are at risk by their newest point, however fresh the users' mailboxes are.
 */
const DEMO_JOBS: readonly ScenarioJobSpec[] = VB365_DEMO_JOBS.map((job) =>
  job.id === LAPSED_ARCHIVE_ID ? { ...job, lastRunAgoMs: 30 * HOUR } : job,
);

export const vb365Demo = defineDemoVendor({
  info: vb365Info,
  start: async (o) => {
    const scenario = createVb365Scenario({ ...scenarioOptions(o), jobs: compressSchedule(DEMO_JOBS, o.tempo) });
    const sim = await startVb365Simulator({ scenario, server: serverOptions('vbo-demo.backwatch.local', o) });
    return demoSimulator(vb365Info, 'Veeam M365 demo', o, sim, () => sim.expireTokens());
  },
});
