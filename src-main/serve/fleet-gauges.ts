/**
 * The job and appliance gauges of `/metrics`, written from the core's state at scrape time. The
 * lines of an appliance are written again only when what they come from is no longer the same
 * object: the core keeps a job's state (and its view) while its sessions, jobs, settings and the
 * clock leave it unchanged, and replaces an appliance's health at each of its polls. A scrape
 * after a poll cycle thus costs the appliances that changed, not the whole fleet.
 */
import type { JobView } from '../common/ipc-contract.js';
import { HEALTH_STATES, isActiveStatus, SESSION_STATUSES } from '../common/model.js';
import type { ApplianceState, FleetState } from '../common/snapshot.js';
import { each, gaugeHeader, labelPairs, oneHot, sampleLines, type GaugeFamily, type Labelled } from './exposition.js';
import { gatherJobFacts, type JobFacts } from './job-facts.js';

/** The status words of a finished session: one `backwatch_job_last_status` series each. */
const FINISHED_STATUSES = SESSION_STATUSES.filter((status) => !isActiveStatus(status));

const seconds = (iso: string | null): number | null => (iso === null ? null : Date.parse(iso) / 1000);

const JOB_FAMILIES: readonly GaugeFamily<JobFacts>[] = [
  {
    name: 'backwatch_job_last_status',
    help: 'Outcome of the job’s latest finished session: 1 for its status word, 0 for the others.',
    samples: oneHot('status', FINISHED_STATUSES, (f) => f.job.lastOutcome),
  },
  {
    name: 'backwatch_job_last_success_timestamp_seconds',
    help: 'End of the newest session that counts as a successful backup.',
    samples: each((f) => seconds(f.job.lastSuccess)),
  },
  {
    name: 'backwatch_job_rpo_seconds',
    help: 'The recovery point objective in force for the job (absent when off).',
    samples: each((f) => f.job.rpoSec),
  },
  {
    name: 'backwatch_job_protected',
    help: '0 while the job has had no successful backup within its RPO, else 1.',
    samples: each((f) => (f.job.protection === 'at_risk' ? 0 : 1)),
  },
  { name: 'backwatch_job_running', help: '1 while a session of the job runs.', samples: each((f) => (f.job.running ? 1 : 0)) },
  {
    name: 'backwatch_job_progress_ratio',
    help: 'Progress (0..1) of the running session, when the appliance reports one.',
    samples: each((f) => (f.running?.progress.percent == null ? null : f.running.progress.percent / 100)),
  },
  {
    name: 'backwatch_job_last_duration_seconds',
    help: 'Duration of the job’s latest finished session.',
    samples: each((f) => (f.lastFinished?.durationMs == null ? null : f.lastFinished.durationMs / 1000)),
  },
];

const APPLIANCE_FAMILIES: readonly GaugeFamily<ApplianceState>[] = [
  {
    name: 'backwatch_appliance_up',
    help: '1 when the latest poll of the appliance succeeded.',
    samples: each((a) => (a.health.state === 'ok' ? 1 : 0)),
  },
  {
    name: 'backwatch_appliance_health',
    help: 'Health of the appliance: 1 for its current state word, 0 for the others.',
    samples: oneHot('state', HEALTH_STATES, (a) => a.health.state),
  },
  {
    name: 'backwatch_appliance_last_good_poll_timestamp_seconds',
    help: 'Time of the latest successful poll of the appliance.',
    samples: each((a) => seconds(a.health.lastGoodPoll)),
  },
];

/**
 * Per appliance, the sample lines of each family, kept while their inputs are the same objects.
 * They are kept encoded: a scrape copies bytes instead of joining megabytes of strings on the heap.
 */
function createLineCache() {
  const entries = new Map<string, { inputs: readonly unknown[]; lines: readonly Buffer[] }>();
  return {
    get(id: string, inputs: readonly unknown[], write: () => readonly Buffer[]): readonly Buffer[] {
      const hit = entries.get(id);
      if (hit && hit.inputs.length === inputs.length && hit.inputs.every((input, i) => input === inputs[i])) return hit.lines;
      const lines = write();
      entries.set(id, { inputs, lines });
      return lines;
    },
    keepOnly(ids: ReadonlySet<string>) {
      for (const id of entries.keys()) if (!ids.has(id)) entries.delete(id);
    },
  };
}

const linesOf = <T>(families: readonly GaugeFamily<T>[], rows: readonly Labelled<T>[]) =>
  families.map((f) => Buffer.from(sampleLines(f, rows), 'utf8'));

/** Every family's header, then its lines from every appliance in order. */
function familiesBytes<T>(families: readonly GaugeFamily<T>[], perAppliance: readonly (readonly Buffer[])[]): Buffer[] {
  return families.flatMap((family, i) => [
    Buffer.from(gaugeHeader(family as GaugeFamily<never>), 'utf8'),
    ...perAppliance.map((lines) => lines[i]!),
  ]);
}

export interface FleetGauges {
  /** The exposition of the job and appliance gauges for the fleet and its jobs' views, as UTF-8 pieces in order. */
  render(fleet: FleetState, jobs: readonly JobView[]): Buffer[];
}

export function createFleetGauges(): FleetGauges {
  const jobLines = createLineCache();
  const applianceLines = createLineCache();
  return {
    render(fleet, jobs) {
      const byAppliance = new Map<string, JobView[]>();
      for (const job of jobs) {
        const list = byAppliance.get(job.applianceId);
        if (list) list.push(job);
        else byAppliance.set(job.applianceId, [job]);
      }
      const perAppliance = fleet.appliances.map((state) => {
        const { appliance } = state;
        const own = byAppliance.get(appliance.id) ?? [];
        const jobRows = () =>
          gatherJobFacts(own, { at: fleet.at, appliances: [state] }).map((f) => ({
            row: f,
            labels: labelPairs({ appliance: appliance.name, vendor: appliance.vendor, job: f.label }),
          }));
        const applianceRow = () => [{ row: state, labels: labelPairs({ appliance: appliance.name, vendor: appliance.vendor }) }];
        return {
          jobs: jobLines.get(appliance.id, [appliance, ...own], () => linesOf(JOB_FAMILIES, jobRows())),
          appliance: applianceLines.get(appliance.id, [appliance, state.health], () => linesOf(APPLIANCE_FAMILIES, applianceRow())),
        };
      });
      const ids = new Set(fleet.appliances.map((state) => state.appliance.id));
      jobLines.keepOnly(ids);
      applianceLines.keepOnly(ids);
      return [
        ...familiesBytes(
          JOB_FAMILIES,
          perAppliance.map((p) => p.jobs),
        ),
        ...familiesBytes(
          APPLIANCE_FAMILIES,
          perAppliance.map((p) => p.appliance),
        ),
      ];
    },
  };
}
