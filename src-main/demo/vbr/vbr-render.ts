/**
 * Renders scenario jobs, sessions, logs and task sessions in the JSON shapes of Veeam Backup &
 * Replication's REST API, per revision, following the API notes: the server's local offset
 * (`+05:30`) with 0–7 fraction digits and now and then no offset at all, `activityId` (1.1) vs
 * `jobId` (1.2-rev1+), `Job` vs `BackupJob`, job status words lower-case up to 1.3-rev0 and
 * PascalCase from 1.3-rev1, rates as localised text (`"131,9 MB"`).
 */
import { binaryScale } from '../sim/byte-units.js';
import type { RunState, Scenario, ScenarioJob, ScenarioLogEntry, ScenarioResource, ScenarioSession } from '../sim/scenario.js';
import { stableGuid } from '../sim/stable-guid.js';

/** The revisions a simulated server may speak, oldest first. */
export const VBR_SIM_REVISIONS = [
  '1.0-rev1',
  '1.0-rev2',
  '1.1-rev0',
  '1.1-rev1',
  '1.1-rev2',
  '1.2-rev0',
  '1.2-rev1',
  '1.3-rev0',
  '1.3-rev1',
] as const;
export type VbrSimRevision = (typeof VBR_SIM_REVISIONS)[number];

/** Whether `r` is `since` or newer. */
export const revisionAtLeast = (r: VbrSimRevision, since: VbrSimRevision): boolean =>
  VBR_SIM_REVISIONS.indexOf(r) >= VBR_SIM_REVISIONS.indexOf(since);

/** `Job` up to 1.1, `BackupJob` from 1.2. */
export const sessionTypeWord = (r: VbrSimRevision): string => (revisionAtLeast(r, '1.2-rev0') ? 'BackupJob' : 'Job');

/** Live switches of the VBR simulator. */
export interface VbrQuirks {
  /** The server's local offset, minutes east of UTC. Default 330 (`+05:30`). */
  offsetMinutes: number;
  /** Every n-th session writes its `endTime` in local time without an offset; 0: never. Default 7. */
  zonelessEvery: number;
  /** Task session rates and sizes as localised text (`"131,9 MB"`). Default true. */
  localisedRates: boolean;
  /** A refused token gets 401 with an empty body (else `{errorCode, message}`). Default true. */
  emptyUnauthorized: boolean;
}

const RESULT_WORD: Readonly<Record<RunState, string>> = {
  queued: 'None',
  running: 'None',
  succeeded: 'Success',
  warning: 'Warning',
  failed: 'Failed',
  canceled: 'None',
};

const LOG_WORD: Readonly<Record<Exclude<ScenarioLogEntry['level'], 'summary'>, string>> = {
  info: 'Succeeded',
  warning: 'Warning',
  error: 'Failed',
};

const SUMMARY_WORD: Readonly<Record<RunState, string>> = {
  queued: 'None',
  running: 'None',
  succeeded: 'Succeeded',
  warning: 'Warning',
  failed: 'Failed',
  canceled: 'Warning',
};

const pad = (n: number, width = 2): string => String(n).padStart(width, '0');

/**
 * `ms` in the server's zone with `digits` (0–7) fraction digits: ms precision plus four stable
 * sub-ms digits from `salt`; `zoneless` drops the offset (the text is still local time).
 */
export function vbrTime(ms: number, offsetMinutes: number, digits: number, salt: number, zoneless = false): string {
  const local = new Date(ms + offsetMinutes * 60_000).toISOString().slice(0, 19);
  const fraction = `${pad(ms % 1000, 3)}${pad(Math.abs(Math.imul(salt, 7919)) % 10_000, 4)}`.slice(0, digits);
  const a = Math.abs(offsetMinutes);
  const zone = offsetMinutes === 0 ? 'Z' : `${offsetMinutes < 0 ? '-' : '+'}${pad(Math.floor(a / 60))}:${pad(a % 60)}`;
  return `${local}${fraction ? `.${fraction}` : ''}${zoneless ? '' : zone}`;
}

/** `137_000_000` → `"130,7 MB"`: binary units, decimal comma, as a German-locale server writes them. */
export function localisedSize(bytes: number): string {
  const { value, unit } = binaryScale(bytes);
  return `${value.toFixed(1).replace('.', ',')} ${unit ?? 'B'}`;
}

/** `312` → `"00:05:12"`, a .NET time span. */
export function timeSpan(seconds: number): string {
  const s = Math.max(0, Math.round(seconds));
  const days = Math.floor(s / 86_400);
  const clock = `${pad(Math.floor((s % 86_400) / 3600))}:${pad(Math.floor((s % 3600) / 60))}:${pad(s % 60)}`;
  return days > 0 ? `${days}.${clock}` : clock;
}

export class VbrRenderer {
  constructor(
    private readonly scenario: Scenario,
    private readonly quirks: VbrQuirks,
  ) {}

  /** Fraction digits vary with the record, 0 to 7, as seen on real servers. */
  time(ms: number, salt: number, zoneless = false): string {
    return vbrTime(ms, this.quirks.offsetMinutes, Math.abs(salt) % 8, salt, zoneless);
  }

  /** A session's `state` word (session lists filter on it). */
  stateOf(s: ScenarioSession): string {
    if (s.state === 'queued') return s.seq % 2 === 0 ? 'WaitingRepository' : 'Starting';
    return s.state === 'running' ? 'Working' : 'Stopped';
  }

  session(r: VbrSimRevision, s: ScenarioSession): Record<string, unknown> {
    const zonelessEnd = this.quirks.zonelessEvery > 0 && s.seq % this.quirks.zonelessEvery === 0;
    return {
      id: s.id,
      name: s.jobName,
      ...(revisionAtLeast(r, '1.2-rev1') ? { jobId: s.jobId } : { activityId: s.jobId }),
      sessionType: sessionTypeWord(r),
      creationTime: this.time(s.createdAt, s.seq),
      // Unclear on real servers while running: absent on some, null on others.
      ...(s.endedAt !== null ? { endTime: this.time(s.endedAt, s.seq + 3, zonelessEnd) } : s.seq % 2 === 0 ? { endTime: null } : {}),
      state: this.stateOf(s),
      progressPercent: Math.round(s.progress * 100),
      result: { result: RESULT_WORD[s.state], message: s.message ?? '', isCanceled: s.state === 'canceled' },
      resourceId: stableGuid(`vbr/resource/${s.jobId}`),
      resourceReference: `/api/v1/jobs/${s.jobId}`,
      parentSessionId: null,
      usn: s.seq,
      ...(revisionAtLeast(r, '1.3-rev0') ? { initiatedBy: s.manual ? 'CONTOSO\\backup.admin' : 'Scheduler' } : {}),
    };
  }

  job(r: VbrSimRevision, j: ScenarioJob, active: ScenarioSession | undefined): Record<string, unknown> {
    const last = j.lastFinished;
    const latest = active ?? last;
    const status = j.enabled === false ? 'disabled' : active ? 'running' : 'inactive';
    return {
      id: j.id,
      name: j.name,
      type: revisionAtLeast(r, '1.2-rev0') ? 'VSphereBackup' : 'Backup',
      description: `${j.resources.length} VMs`,
      // 1.3-rev1 switched the job enums to PascalCase.
      status: revisionAtLeast(r, '1.3-rev1') ? status[0]!.toUpperCase() + status.slice(1) : status,
      lastRun: latest ? this.time(latest.createdAt, latest.seq) : null,
      lastResult: last ? RESULT_WORD[last.state] : 'None',
      nextRun: j.nextRunAt === null ? null : this.time(j.nextRunAt, 0),
      workload: 'Vm',
      repositoryName: 'Default Backup Repository',
      objectsCount: j.resources.length,
      sessionId: latest?.id ?? null,
    };
  }

  logRecords(s: ScenarioSession): Record<string, unknown>[] {
    return this.scenario.logOf(s).map((line, i) => ({
      id: i + 1,
      status: line.level === 'summary' ? SUMMARY_WORD[s.state] : LOG_WORD[line.level],
      startTime: this.time(line.time, i),
      updateTime: this.time(line.time, i + 1),
      title: line.message,
      description: '',
    }));
  }

  taskSession(r: VbrSimRevision, s: ScenarioSession, res: ScenarioResource): Record<string, unknown> {
    const state = res.state === 'pending' ? 'Starting' : res.state === 'running' ? 'Working' : 'Stopped';
    // Resources run one after another, each taking an equal share of the run so far.
    const now = this.scenario.now();
    const elapsed = ((s.endedAt ?? now) - (s.startedAt ?? now)) / 1000;
    const seconds = s.progress > 0 ? (res.fraction * elapsed) / (s.progress * s.total) : 0;
    const rate = seconds > 0 ? Math.round(res.bytes / seconds) : 0;
    const size = (bytes: number) => (this.quirks.localisedRates ? localisedSize(bytes) : bytes);
    const stateResult = res.state === 'pending' ? 'running' : res.state;
    return {
      id: stableGuid(`${s.id}/task/${res.index}`),
      type: 'Backup',
      sessionId: s.id,
      sessionType: sessionTypeWord(r),
      creationTime: this.time(res.startedAt ?? s.createdAt, s.seq + res.index),
      endTime: res.endedAt === null ? null : this.time(res.endedAt, s.seq + res.index + 1),
      state,
      result: { result: RESULT_WORD[stateResult], message: '', isCanceled: res.state === 'canceled' },
      name: res.name,
      usn: s.seq * 100 + res.index,
      progress: {
        progressPercent: Math.round(res.fraction * 100),
        processedSize: size(res.bytes),
        readSize: size(res.bytes),
        transferredSize: size(Math.round(res.bytes / 2)),
        processingRate: this.quirks.localisedRates ? `${localisedSize(rate)}/s` : rate,
        duration: timeSpan(seconds),
        bottleneck: res.endedAt === null ? 'None' : 'Source',
      },
    };
  }
}
