/**
 * Compliance of a machine (a VM, a computer, a Microsoft 365 user…) over a period, from the jobs
 * that back it up: a machine is protected at a moment while any of its jobs was protected then.
 * Its counted time is the union of its jobs' counted time less the maintenance of any of them (the
 * windows of their appliance and their own, as for a job); its protected time is the union of
 * theirs inside it. Runs and failed runs are its jobs' summed. A machine backed up by two
 * appliances is one machine, protected while either protects it. A machine no job backs up has no
 * judged time: no share, and the reason, never 100 %. Pure.
 */
import { timeFigures, type ComplianceFigures } from './compliance.js';
import type { ComplianceTime } from './compliance-time.js';
import { union, type Interval } from './intervals.js';
import type { JudgedObject } from './object-judgement.js';

/** One job's part in a machine's compliance: where its time went over the period, and its figures. */
export interface JobTime {
  /** Where its time went; worked out only for a machine of several jobs (one job's figures are its machine's). */
  readonly time: () => ComplianceTime;
  readonly figures: ComplianceFigures;
  /** Epoch ms of its newest good run, null if none. */
  readonly lastSuccessMs: number | null;
}

/**
 * Why a machine has no share: nothing backs it up; its backups name no job (restore points of a
 * job since deleted); its jobs have no stored run; or no time of the period could be judged (its
 * jobs began after it, or their RPO was off).
 */
export type MachineNoShare = 'in_no_backup' | 'no_job' | 'no_history' | 'not_judged';

export interface MachineFigures {
  readonly figures: ComplianceFigures;
  /** Its newest good restore point where the appliances said it, else its jobs' newest good run; null if none. */
  readonly lastSuccessMs: number | null;
  /** Why `figures.share` is null; null when it has one. */
  readonly noShare: MachineNoShare | null;
}

/** The figures of the union of some jobs' time: protected while any was, their runs summed. */
function unionFigures(jobs: readonly JobTime[]): ComplianceFigures {
  const times = jobs.map((job) => job.time());
  const unionOf = (part: (time: ComplianceTime) => readonly Interval[]) =>
    times.reduce<Interval[]>((sum, time) => union(sum, part(time)), []);
  // Counted time is walked less the maintenance of any of the jobs, as a job's is less its own.
  const segments = unionOf((t) => t.counted).map((segment) => ({ segment, rpoMs: 0 }));
  const figures = timeFigures({ segments, maintenance: unionOf((t) => t.maintenance), covered: unionOf((t) => t.covered) });
  let runs = 0;
  let failedRuns = 0;
  for (const job of jobs) {
    runs += job.figures.runs;
    failedRuns += job.figures.failedRuns;
  }
  return { ...figures, runs, failedRuns };
}

/** A machine's figures from its jobs' (empty: none of its jobs has a stored run) and its newest good point. */
export function machineCompliance(jobs: readonly JobTime[], lastGoodPointMs: number | null): MachineFigures {
  // Most machines are in one job: its own time is the union already, its figures the machine's.
  const figures = jobs.length === 1 ? jobs[0]!.figures : unionFigures(jobs);
  let newestRunMs: number | null = null;
  for (const { lastSuccessMs } of jobs) {
    if (lastSuccessMs !== null && (newestRunMs === null || lastSuccessMs > newestRunMs)) newestRunMs = lastSuccessMs;
  }
  return {
    figures,
    lastSuccessMs: lastGoodPointMs ?? newestRunMs,
    noShare: figures.countedMs > 0 ? null : jobs.length === 0 ? 'no_history' : 'not_judged',
  };
}

/** A machine of the report with its figures. */
export interface MachineCompliance extends MachineFigures {
  readonly object: JudgedObject;
  /** The appliances whose backups of it count here, each once, in the fleet's order. */
  readonly applianceIds: readonly string[];
}

export interface MachinesCompliance {
  /** In no particular order. */
  readonly machines: readonly MachineCompliance[];
  /** Machines an exclusion rule leaves out: counted, not listed. */
  readonly excluded: number;
}

/** A job's figures in the read; undefined for a job with none (no stored run, or outside the read's scope). */
export type JobTimeOf = (applianceId: string, jobId: string) => JobTime | undefined;

/** The machine's backups that count in a report on one appliance (null: on every one). */
function backupsInScope(object: JudgedObject, applianceId: string | null): JudgedObject['backups'] {
  return applianceId === null ? object.backups : object.backups.filter((b) => b.backup.applianceId === applianceId);
}

/**
 * A report on one appliance lists the machines it backs up, and those its inventory lists that
 * nothing backs up; a machine it lists that another appliance backs up is in that one's report.
 */
function inScope(object: JudgedObject, applianceId: string | null, backups: JudgedObject['backups']): boolean {
  if (applianceId === null || backups.length > 0) return true;
  return object.backups.length === 0 && object.inventory?.inventoryId === applianceId;
}

/** The figures of every machine in the scope, from the jobs' figures of the same read. */
export function machinesCompliance(objects: readonly JudgedObject[], jobTimeOf: JobTimeOf, applianceId: string | null): MachinesCompliance {
  const machines: MachineCompliance[] = [];
  let excluded = 0;
  for (const object of objects) {
    const backups = backupsInScope(object, applianceId);
    if (!inScope(object, applianceId, backups)) continue;
    if (object.state === 'excluded') {
      excluded++;
      continue;
    }
    const jobs: JobTime[] = [];
    const seen = new Set<string>();
    const applianceIds: string[] = [];
    let lastGoodPointMs: number | null = null;
    for (const { backup } of backups) {
      if (!applianceIds.includes(backup.applianceId)) applianceIds.push(backup.applianceId);
      const good = backup.lastGoodPointMs;
      if (good !== null && (lastGoodPointMs === null || good > lastGoodPointMs)) lastGoodPointMs = good;
      for (const jobId of backup.jobIds) {
        const job = jobTimeOf(backup.applianceId, jobId);
        const key = `${backup.applianceId}\n${jobId}`;
        if (job !== undefined && !seen.has(key)) jobs.push(job);
        seen.add(key);
      }
    }
    const figures = machineCompliance(jobs, lastGoodPointMs);
    const noShare = backups.length === 0 ? 'in_no_backup' : seen.size === 0 ? 'no_job' : figures.noShare;
    machines.push({ ...figures, noShare, object, applianceIds });
  }
  return { machines, excluded };
}
