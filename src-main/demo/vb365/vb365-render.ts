/**
 * Renders scenario jobs, sessions and logs in the JSON shapes of Veeam Backup for Microsoft 365's
 * REST API, per version (v5..v8), following the seed (`/v5/Jobs/{jobId}/JobSessions`) and the API
 * notes: 7-digit fractions, `endTime: null` while running, `progress` as a count of objects,
 * `jobId` on sessions from v7, absolute links in v5 and relative ones later, log item `title`
 * (v5–v7, local offset) vs `type`+`message` (v8).
 */
import { createHash } from 'node:crypto';
import { binaryScale } from '../sim/byte-units.js';
import type { RunState, Scenario, ScenarioJob, ScenarioLogEntry, ScenarioSession } from '../sim/scenario.js';

export type Vb365ApiVersion = 'v5' | 'v6' | 'v7' | 'v8';

/** Live switches of the VB365 simulator. */
export interface Vb365Quirks {
  /** Token `.issued` / `.expires` in RFC 1123 (`Tue, 03 Mar 2026 09:00:00 GMT`), as OWIN servers write them, not the documented date-time. Default false. */
  rfc1123TokenDates: boolean;
  /** Statistics and progress as text (`"99.1 KB/s"`, `"18"`), as old versions sent. Default false. */
  numbersAsText: boolean;
  /** A failed run says `jobWillBeRetried: true` (VB365 jobs retry by default). Default true. */
  retryFailed: boolean;
  /** Order of session lists: the real default is undocumented. Default newest first. */
  sessionOrder: 'newest' | 'oldest';
}

const STATUS_WORD: Readonly<Record<RunState, string>> = {
  queued: 'Queued',
  running: 'Running',
  succeeded: 'Success',
  warning: 'Warning',
  failed: 'Failed',
  canceled: 'Stopped',
};

/** Log words v5–v7 put in brackets in `title` (free text in the documents). */
const LOG_WORD: Readonly<Record<ScenarioLogEntry['level'], string>> = {
  info: 'Success',
  warning: 'Warning',
  error: 'Failed',
  summary: 'Info',
};

/** v8 log item `type`, one of the documented Running, Warning, Error, Success, Stop; a summary says how the run stands. */
const LOG_TYPE: Readonly<Record<Exclude<ScenarioLogEntry['level'], 'summary'> | RunState, string>> = {
  info: 'Success',
  warning: 'Warning',
  error: 'Error',
  queued: 'Running',
  running: 'Running',
  succeeded: 'Success',
  failed: 'Error',
  canceled: 'Stop',
};

/** Items (mails, files, list items) per processed object, for `processedObjects`. */
const ITEMS_PER_OBJECT = 37;

export const versionNumber = (v: string): number => Number(v.slice(1));

/** A stable GUID for a name, as VB365 ids are GUIDs. */
export function guidOf(name: string): string {
  const h = createHash('sha1').update(name).digest('hex');
  return `${h.slice(0, 8)}-${h.slice(8, 12)}-4${h.slice(13, 16)}-a${h.slice(17, 20)}-${h.slice(20, 32)}`;
}

/** `2020-12-13T22:00:00.5852401Z`: ms time plus four stable sub-ms digits (`salt`). */
export function vbTime(ms: number, salt: number, offsetMinutes = 0): string {
  const local = new Date(ms + offsetMinutes * 60_000).toISOString().slice(0, 23);
  const extra = String(Math.abs(Math.imul(salt, 7919)) % 10_000).padStart(4, '0');
  if (offsetMinutes === 0) return `${local}${extra}Z`;
  const a = Math.abs(offsetMinutes);
  return `${local}${extra}${offsetMinutes < 0 ? '-' : '+'}${String(Math.floor(a / 60)).padStart(2, '0')}:${String(a % 60).padStart(2, '0')}`;
}

/** `102400` → `"100.0 KB"`, as old versions wrote sizes and rates. */
export function sizeText(bytes: number, perSecond = false): string {
  const { value, unit } = binaryScale(bytes);
  return `${value.toFixed(1)} ${unit ?? 'B'}${perSecond ? '/s' : ''}`;
}

/** The time zone of the simulated server's log (Pacific), as seen in v5–v7 log items. */
const LOG_OFFSET_MINUTES = -7 * 60;

export class Vb365Renderer {
  constructor(
    private readonly scenario: Scenario,
    private readonly quirks: Vb365Quirks,
    private readonly baseUrl: () => string,
  ) {}

  /** v5 links are absolute (as in the seed); later versions answer relative ones. */
  href(version: Vb365ApiVersion, path: string): string {
    return versionNumber(version) <= 5 ? `${this.baseUrl()}/${version}/${path}` : `/${version}/${path}`;
  }

  private number(n: number): number | string {
    return this.quirks.numbersAsText ? String(n) : n;
  }

  private statistics(s: ScenarioSession): Record<string, unknown> {
    const resources = this.scenario.resourcesOf(s);
    const transferred = resources.reduce((a, r) => a + r.bytes, 0);
    const began = s.startedAt ?? s.createdAt;
    const seconds = Math.max(1, ((s.endedAt ?? Math.max(began, this.scenario.now())) - began) / 1000);
    const rate = Math.round(transferred / seconds);
    const items = Math.round(s.progress * s.total * ITEMS_PER_OBJECT);
    const text = this.quirks.numbersAsText;
    return {
      processingRateBytesPS: text ? sizeText(rate, true) : rate,
      processingRateItemsPS: text ? `${Math.round(items / seconds)} items/s` : Math.round(items / seconds),
      readRateBytesPS: text ? sizeText(rate * 3, true) : rate * 3,
      writeRateBytesPS: text ? sizeText(Math.round(rate / 2), true) : Math.round(rate / 2),
      transferredDataBytes: text ? sizeText(transferred) : transferred,
      processedObjects: this.number(items),
      bottleneck: s.endedAt === null ? 'Detecting' : s.seq % 3 === 0 ? 'Source' : 'Target',
    };
  }

  session(version: Vb365ApiVersion, s: ScenarioSession): Record<string, unknown> {
    const failed = s.state === 'failed';
    return {
      id: s.id,
      ...(versionNumber(version) >= 7 ? { jobId: s.jobId } : {}),
      creationTime: vbTime(s.createdAt, s.seq),
      endTime: s.endedAt === null ? null : vbTime(s.endedAt, s.seq + 1),
      progress: this.number(s.processed),
      status: STATUS_WORD[s.state],
      retryCount: 0,
      jobWillBeRetried: failed && this.quirks.retryFailed,
      details: s.message ?? '',
      statistics: this.statistics(s),
      _links: {
        self: { href: this.href(version, `JobSessions/${s.id}`) },
        log: { href: this.href(version, `JobSessions/${s.id}/LogItems`) },
        job: { href: this.href(version, `Jobs/${s.jobId}`) },
      },
    };
  }

  job(version: Vb365ApiVersion, j: ScenarioJob, active: ScenarioSession | undefined): Record<string, unknown> {
    const last = j.lastFinished;
    const lastRun = active ?? last;
    return {
      id: j.id,
      name: j.name,
      description: `${j.resources.length} objects`,
      lastRun: lastRun ? vbTime(lastRun.createdAt, lastRun.seq) : null,
      nextRun: j.nextRunAt === null ? null : vbTime(j.nextRunAt, 0),
      isEnabled: j.enabled !== false,
      lastStatus: active ? STATUS_WORD[active.state] : last ? STATUS_WORD[last.state] : 'NotConfigured',
      lastBackup: last?.endedAt ? vbTime(last.endedAt, last.seq + 1) : null,
      _links: {
        self: { href: this.href(version, `Jobs/${j.id}`) },
        jobsessions: {
          href:
            versionNumber(version) >= 7 ? this.href(version, `JobSessions?jobId=${j.id}`) : this.href(version, `Jobs/${j.id}/JobSessions`),
        },
      },
    };
  }

  logItems(version: Vb365ApiVersion, s: ScenarioSession): Record<string, unknown>[] {
    const v8 = versionNumber(version) >= 8;
    return this.scenario.logOf(s).map((line, i) => {
      const word = line.level === 'summary' ? STATUS_WORD[s.state] : LOG_WORD[line.level];
      const id = guidOf(`${s.id}/log/${i}`);
      return v8
        ? { id, type: LOG_TYPE[line.level === 'summary' ? s.state : line.level], message: line.message, creationTime: vbTime(line.time, i) }
        : {
            id,
            title: `[${word}] ${line.message}`,
            creationTime: vbTime(line.time, i, LOG_OFFSET_MINUTES),
            endTime: vbTime(line.time, i, LOG_OFFSET_MINUTES),
          };
    });
  }
}
