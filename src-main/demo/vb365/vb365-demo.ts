/** Veeam Backup for Microsoft 365 in the demo fleet. */
import { vb365Info } from '../../common/vendors/vb365/vb365-info.js';
import { compressSchedule, defineDemoVendor, demoSimulator, scenarioOptions, serverOptions } from '../demo-vendor.js';
import { VB365_DEMO_JOBS, createVb365Scenario, startVb365Simulator } from './vb365-simulator.js';

export const vb365Demo = defineDemoVendor({
  info: vb365Info,
  start: async (o) => {
    const scenario = createVb365Scenario({ ...scenarioOptions(o), jobs: compressSchedule(VB365_DEMO_JOBS, o.tempo) });
    const sim = await startVb365Simulator({ scenario, server: serverOptions('vbo-demo.backwatch.local', o) });
    return demoSimulator(vb365Info, 'Veeam M365 demo', o, sim, () => sim.expireTokens());
  },
});
