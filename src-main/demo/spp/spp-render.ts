/**
 * Renders scenario sessions and jobs in SPP's JSON shapes, following the seed documents
 * (`/api/endeavour/jobsession`, `/api/endeavour/job/{id}`, `/api/progress`, `/api/endeavour/log/job`).
 */
import { createHash } from 'node:crypto';
import type { RunState, Scenario, ScenarioJob, ScenarioResource, ScenarioSession } from '../sim/scenario.js';
import { binaryScale } from '../sim/byte-units.js';
import { resourceMessage } from '../sim/scenario-derived.js';

/** How the SPP simulator bends its answers like the real appliance does. */
export interface SppQuirks {
  /** Every third session's `start` in seconds while `end` stays in ms (as in the seed). Default true. */
  mixedEpochs: boolean;
  /** Job session lists answer `total: 0` while sessions come back (the known defect). Default false. */
  totalZero: boolean;
}

const SESSION_WORD: Readonly<Record<RunState, string>> = {
  queued: 'PENDING',
  running: 'RUNNING',
  succeeded: 'COMPLETED',
  warning: 'PARTIAL',
  failed: 'FAILED',
  canceled: 'CANCELED',
};

const SUMMARY_WORD: Readonly<Record<ScenarioResource['state'], string>> = {
  pending: 'pending',
  queued: 'pending',
  running: 'running',
  succeeded: 'complete',
  warning: 'partial',
  failed: 'failed',
  canceled: 'skipped',
};

const LOG_TYPE = { info: 'INFO', warning: 'WARN', error: 'ERROR', summary: 'SUMMARY' } as const;

const titleCase = (word: string): string => word.charAt(0) + word.slice(1).toLowerCase();
const seconds = (ms: number): number => Math.floor(ms / 1000);

/** `1234567890` → `"1.15 GB"`, as SPP writes `totalDataTransferred`. */
export function formatBytes(bytes: number): string {
  const { value, unit } = binaryScale(bytes);
  return unit === null ? `${value} bytes` : `${value.toFixed(2)} ${unit}`;
}

/** `type`, `subType` and their display names, as sessions and jobs both carry them. */
const typeFields = (t: { readonly type: string; readonly subType?: string | undefined }) => ({
  type: t.type,
  typeDisplayName: titleCase(t.type),
  subType: t.subType ?? null,
  subTypeDisplayName: t.subType ? titleCase(t.subType) : null,
});

export function sessionWord(state: RunState): string {
  return SESSION_WORD[state];
}

/** The `/api/progress` resource type of a job's sub-type. */
function progressType(subType: string | undefined): string {
  if (subType === 'vmware' || subType === 'hyperv' || subType === 'awsec2') return 'HYPERVISORVM';
  if (subType === 'office365') return 'INSTANCES';
  return 'DATABASE';
}

function serviceId(s: { readonly type: string; readonly subType?: string | undefined }): string {
  return `serviceprovider.${s.type}.${s.subType ?? 'generic'}`;
}

export class SppRenderer {
  constructor(
    private readonly scenario: Scenario,
    private readonly quirks: SppQuirks,
    private readonly baseUrl: () => string,
  ) {}

  logHref(sessionId: string): string {
    const filter = JSON.stringify([{ property: 'jobsessionId', value: sessionId, op: '=' }]);
    return `${this.baseUrl()}/api/endeavour/log/job?filter=${encodeURIComponent(filter)}`;
  }

  private durationOf(s: ScenarioSession): number {
    const began = s.startedAt ?? s.createdAt;
    return (s.endedAt ?? Math.max(began, this.scenario.now())) - began;
  }

  private statistics(s: ScenarioSession): unknown[] {
    const resources = this.scenario.resourcesOf(s);
    const count = (...states: ScenarioResource['state'][]) => resources.filter((r) => states.includes(r.state)).length;
    return [
      { resourceType: 'vm', total: s.total, success: count('succeeded', 'warning'), failed: count('failed'), skipped: count('canceled') },
    ];
  }

  session(s: ScenarioSession): Record<string, unknown> {
    const word = SESSION_WORD[s.state];
    const ended = s.endedAt !== null;
    return {
      links: { self: { href: `${this.baseUrl()}/api/endeavour/jobsession/${s.id}` }, log: { href: this.logHref(s.id) } },
      jobName: s.jobName,
      jobId: s.jobId,
      ...typeFields(s),
      subPolicyType: null,
      serviceId: serviceId(s),
      displayName: null,
      start: this.quirks.mixedEpochs && s.seq % 3 === 0 ? seconds(s.createdAt) : s.createdAt,
      end: s.endedAt,
      duration: this.durationOf(s),
      status: word,
      statusDisplayName: titleCase(word),
      indexStatus: ended ? 'COMPLETED' : 'PENDING',
      description: s.manual ? 'Started manually' : 'Autorun',
      results: s.message ?? (ended ? 'Completed' : 'Started'),
      properties: { statistics: this.statistics(s) },
      numTasks: s.total,
      previousLastTask: 0,
      lastUpdate: s.endedAt ?? this.scenario.now(),
      percent: Math.round(s.progress * 100),
      expiresAt: null,
      expired: false,
      hasCatalog: false,
      rerunnable: ended,
      actions: [],
      statistics: null,
      id: s.id,
    };
  }

  private lastRun(s: ScenarioSession | null): Record<string, unknown> | null {
    if (!s) return null;
    return {
      sessionId: s.id,
      jobName: s.jobName,
      type: s.type,
      subType: s.subType ?? null,
      serviceId: serviceId(s),
      start: s.createdAt,
      end: s.endedAt,
      duration: this.durationOf(s),
      status: SESSION_WORD[s.state],
      results: s.message ?? 'Completed',
      properties: null,
      numTasks: s.total,
      previousLastTask: 0,
      lastUpdate: s.endedAt,
      percent: Math.round(s.progress * 100),
      policySnapshot: null,
    };
  }

  job(j: ScenarioJob, active: ScenarioSession | undefined): Record<string, unknown> {
    const status = active ? (active.state === 'queued' ? 'PENDING' : 'RUNNING') : j.enabled === false ? 'HELD' : 'IDLE';
    const last = j.lastFinished;
    const lastWord = last ? SESSION_WORD[last.state] : null;
    return {
      links: { self: { href: `${this.baseUrl()}/api/endeavour/job/${j.id}` } },
      name: j.name,
      description: null,
      policyId: j.id,
      policyName: j.name,
      ...typeFields(j),
      serviceId: serviceId(j),
      displayName: j.name,
      status,
      statusDisplayName: titleCase(status),
      lastSessionStatus: lastWord,
      lastSessionStatusDisplayName: lastWord ? titleCase(lastWord) : null,
      triggerIds: [j.id],
      triggerData: [{ triggerId: j.id, triggerInfo: null }],
      lastRunTime: last?.createdAt ?? null,
      nextFireTime: j.nextRunAt,
      lastSessionDuration: last ? this.durationOf(last) : null,
      tenantId: 1000,
      actions: null,
      statistics: null,
      lastrun: this.lastRun(last),
      id: j.id,
    };
  }

  /** One `/api/progress` summary per resource of the session. */
  summaries(s: ScenarioSession): Record<string, unknown>[] {
    const type = progressType(s.subType);
    return this.scenario.resourcesOf(s).map((r) => {
      const resourcePk = createHash('md5').update(`${s.jobId}/${r.name}`).digest('hex');
      const elapsedMs = r.startedAt === null ? 0 : (r.endedAt ?? this.scenario.now()) - r.startedAt;
      const summary = {
        name: r.name,
        type,
        siteId: '1000',
        location: `/${s.subType ?? 'host'}-site1.example.invalid/Production/${r.name}`,
        jobPK: `${s.jobId}_${s.id}`,
        resourceName: r.name,
        resourcePk,
        proxyUsed: '10.0.1.1',
        isBase: s.seq % 7 === 1,
        transportMethod: type === 'HYPERVISORVM' ? '[hotadd]' : null,
        totalDataTransferred: formatBytes(r.bytes),
        total: 0,
        throughput: String(elapsedMs > 0 ? Math.round(r.bytes / (elapsedMs / 1000)) : 0),
        queueTimeStart: 0,
        queueTimeEnd: 0,
        isSuccess: r.state === 'succeeded' || r.state === 'warning',
        summaryStatus: SUMMARY_WORD[r.state],
        percentageCompleted: Math.round(r.fraction * 100),
        message: resourceMessage(s, r),
        backupStartTime: r.startedAt === null ? 0 : seconds(r.startedAt),
        backupEndTime: r.endedAt === null ? 0 : seconds(r.endedAt),
        errorCode: r.state === 'failed' ? 1 : 0,
        elapsedTime: seconds(elapsedMs),
        id: `${s.id}.${resourcePk}`,
        host: '10.250.250.13',
        resourceType: 'resourcesummary',
      };
      return { links: { up: { rel: 'self', href: `${this.baseUrl()}/api/progress` } }, ...summary, resourceSummary: summary };
    });
  }

  /** `/api/endeavour/log/job` entries of a session, oldest first. */
  logs(s: ScenarioSession): Record<string, unknown>[] {
    return this.scenario.logOf(s).map((e, i) => ({
      links: {},
      id: `${s.id}-${i}`,
      jobsessionId: s.id,
      logTime: e.time,
      type: LOG_TYPE[e.level],
      messageId: `CTGGA${String(2000 + i).padStart(4, '0')}`,
      message: e.message,
      messageParams: [],
    }));
  }
}
