/**
 * Renders scenario jobs, sessions, logs and task sessions in the JSON shapes of Veeam Backup &
 * Replication's REST API, per revision, as Veeam's OpenAPI documents (1.2-rev1, 1.3-rev1) describe
 * them: times in the server's local offset (`+05:30`) with 0–7 fraction digits, `activityId` (1.1)
 * vs `jobId` (1.2-rev1+), each kind's words (vbr-sim-kinds.ts), job words lower-case up to 1.3-rev0
 * and PascalCase from 1.3-rev1, absent fields left out. What real servers do otherwise is in `VbrQuirks`.
 */
import { binaryScale } from '../sim/byte-units.js';
import { resourceMessage } from '../sim/scenario-derived.js';
import type { RunState, Scenario, ScenarioJob, ScenarioLogEntry, ScenarioResource, ScenarioSession } from '../sim/scenario.js';
import { stableGuid } from '../sim/stable-guid.js';
import type { VbrDocLine } from './vbr-sim-kinds.js';
import { hasTaskSessions, kindWords } from './vbr-sim-kinds.js';

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

/** The document line whose words a revision speaks. */
export const lineOf = (r: VbrSimRevision): VbrDocLine =>
  revisionAtLeast(r, '1.3-rev0') ? '1.3' : revisionAtLeast(r, '1.2-rev0') ? '1.2' : '1.1';

/** Live switches of the VBR simulator: the server's zone, and departures from the documents seen in the field (all off by default). */
export interface VbrQuirks {
  /** The server's local offset, minutes east of UTC. Default 330 (`+05:30`). */
  offsetMinutes: number;
  /** Every n-th session writes its `endTime` in local time without an offset; 0: never. Default 0. */
  zonelessEvery: number;
  /** Task session sizes and rates as localised text (`"131,9 MB"`), not the documented integers. Default false. */
  localisedRates: boolean;
  /** A refused token gets 401 with an empty body (else the documented `{errorCode, message}`). Default false. */
  emptyUnauthorized: boolean;
  /**
   * Fields without a value sent as `null` instead of left out: `parentSessionId`, a running
   * session's or task's `endTime`, a job's `nextRun`, `lastRun`, `sessionId`. Default false.
   */
  nullForAbsent: boolean;
}

/** The documented defaults: every quirk off. */
export const VBR_DOCUMENTED: VbrQuirks = {
  offsetMinutes: 330,
  zonelessEvery: 0,
  localisedRates: false,
  emptyUnauthorized: false,
  nullForAbsent: false,
};

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

/** `137_000_000` → `"130.7 MB"`, binary units as the documents' examples write rates; `","` as a German-locale server writes them. */
export function sizeText(bytes: number, decimalMark: '.' | ',' = '.'): string {
  const { value, unit } = binaryScale(bytes);
  return `${value.toFixed(1).replace('.', decimalMark)} ${unit ?? 'B'}`;
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

  /** A session's `sessionType` in revision `r`; null when `r` has no word for its kind (it is not listed). */
  sessionType(r: VbrSimRevision, s: ScenarioSession): string | null {
    return kindWords(s.type, lineOf(r)).session;
  }

  /** A job's `type` in revision `r`; null when `r` has no word for its kind (it is not listed). */
  jobType(r: VbrSimRevision, j: ScenarioJob): string | null {
    return kindWords(j.type, lineOf(r)).job;
  }

  /** Whether the server keeps per-object task sessions for runs of this session's kind. */
  hasTasks(s: ScenarioSession): boolean {
    return hasTaskSessions(s.type);
  }

  /** A session's `state` word (session lists filter on it). */
  stateOf(s: ScenarioSession): string {
    if (s.state === 'queued') return s.seq % 2 === 0 ? 'WaitingRepository' : 'Starting';
    return s.state === 'running' ? 'Working' : 'Stopped';
  }

  /** `{[name]: value}`, or when there is no value nothing (as documented) or `null` (the quirk). */
  private optional(name: string, value: unknown): Record<string, unknown> {
    if (value !== null) return { [name]: value };
    return this.quirks.nullForAbsent ? { [name]: null } : {};
  }

  session(r: VbrSimRevision, s: ScenarioSession): Record<string, unknown> {
    const zonelessEnd = this.quirks.zonelessEvery > 0 && s.seq % this.quirks.zonelessEvery === 0;
    return {
      id: s.id,
      name: s.jobName,
      ...(revisionAtLeast(r, '1.2-rev1') ? { jobId: s.jobId } : { activityId: s.jobId }),
      sessionType: this.sessionType(r, s),
      creationTime: this.time(s.createdAt, s.seq),
      ...this.optional('endTime', s.endedAt === null ? null : this.time(s.endedAt, s.seq + 3, zonelessEnd)),
      state: this.stateOf(s),
      progressPercent: Math.round(s.progress * 100),
      result: { result: RESULT_WORD[s.state], message: s.message ?? '', isCanceled: s.state === 'canceled' },
      resourceId: stableGuid(`vbr/resource/${s.jobId}`),
      resourceReference: `/api/v1/jobs/${s.jobId}`,
      ...this.optional('parentSessionId', null),
      usn: s.seq,
      ...(revisionAtLeast(r, '1.3-rev0') ? { initiatedBy: s.manual ? 'CONTOSO\\backup.admin' : 'Scheduler' } : {}),
    };
  }

  job(r: VbrSimRevision, j: ScenarioJob, active: ScenarioSession | undefined): Record<string, unknown> {
    const last = j.lastFinished;
    const latest = active ?? last;
    const status = j.enabled === false ? 'disabled' : active ? 'running' : 'inactive';
    // 1.3-rev1 switched the job enums to PascalCase.
    const word = (w: string): string => (revisionAtLeast(r, '1.3-rev1') ? w[0]!.toUpperCase() + w.slice(1) : w);
    return {
      id: j.id,
      name: j.name,
      type: this.jobType(r, j),
      description: `${j.resources.length} VMs`,
      status: word(status),
      ...this.optional('lastRun', latest ? this.time(latest.createdAt, latest.seq) : null),
      lastResult: last ? RESULT_WORD[last.state] : 'None',
      ...this.optional('nextRun', j.nextRunAt === null ? null : this.time(j.nextRunAt, 0)),
      workload: word(kindWords(j.type, lineOf(r)).workload),
      repositoryName: 'Default Backup Repository',
      objectsCount: j.resources.length,
      ...this.optional('sessionId', latest?.id ?? null),
      // Required from 1.3.
      ...(revisionAtLeast(r, '1.3-rev0') ? { highPriority: false, progressPercent: active ? Math.round(active.progress * 100) : 0 } : {}),
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
    const localised = this.quirks.localisedRates;
    const size = (bytes: number) => (localised ? sizeText(bytes, ',') : bytes);
    const stateResult = res.state === 'pending' ? 'running' : res.state;
    return {
      id: stableGuid(`${s.id}/task/${res.index}`),
      type: 'Backup',
      sessionId: s.id,
      sessionType: this.sessionType(r, s),
      creationTime: this.time(res.startedAt ?? s.createdAt, s.seq + res.index),
      ...this.optional('endTime', res.endedAt === null ? null : this.time(res.endedAt, s.seq + res.index + 1)),
      state,
      // The task that failed or warned carries the run's reason, as the session does.
      result: { result: RESULT_WORD[stateResult], message: resourceMessage(s, res) ?? '', isCanceled: res.state === 'canceled' },
      name: res.name,
      usn: s.seq * 100 + res.index,
      progress: {
        progressPercent: Math.round(res.fraction * 100),
        processedSize: size(res.bytes),
        readSize: size(res.bytes),
        transferredSize: size(Math.round(res.bytes / 2)),
        processingRate: `${sizeText(rate, localised ? ',' : '.')}/s`,
        duration: timeSpan(seconds),
        bottleneck: res.endedAt === null ? 'None' : 'Source',
      },
    };
  }
}
