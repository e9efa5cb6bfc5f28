/**
 * `backwatch_maintenance`: 1 while a maintenance window covers a job (labelled with its job) or a
 * whole appliance (without a job label, like the appliance's own series), absent otherwise. The
 * shipped Alertmanager rules inhibit an alert whose appliance and job a maintenance alert shares.
 * Series exist only for what a window covers: at most one per job and one per appliance.
 */
import type { JobView, MaintenanceWindowView } from '../common/ipc-contract.js';
import type { FleetState } from '../common/snapshot.js';
import { familyHeader, labelPairs } from './exposition.js';
import { jobLabels } from './job-facts.js';

const NAME = 'backwatch_maintenance';
const HELP = '1 while a maintenance window covers the job, or with no job label the whole appliance; absent otherwise.';

/** The family's exposition, from the jobs' views (which say when their windows close) and the windows open now. */
export function maintenanceLines(fleet: FleetState, jobs: readonly JobView[], windows: readonly MaintenanceWindowView[]): Buffer {
  const open = windows.filter((w) => w.openUntil !== null);
  const wholeAppliance = (id: string) =>
    open.some((w) => w.scope.kind === 'all' || (w.scope.kind === 'appliance' && w.scope.applianceId === id));
  let text = familyHeader(NAME, HELP, 'gauge');
  for (const { appliance } of fleet.appliances) {
    const own = jobs.filter((job) => job.applianceId === appliance.id);
    const base = { appliance: appliance.name, vendor: appliance.vendor };
    if (wholeAppliance(appliance.id)) text += `${NAME}{${labelPairs(base)}} 1\n`;
    const labelOf = jobLabels(own);
    for (const job of own) if (job.maintenanceUntil !== undefined) text += `${NAME}{${labelPairs({ ...base, job: labelOf(job) })}} 1\n`;
  }
  return Buffer.from(text, 'utf8');
}
