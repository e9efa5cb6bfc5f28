/**
 * VB365's object read (v7 and later): the users, sites and teams each backup repository holds, each
 * with the newest backup time of its parts (`/BackupRepositories/{id}/UserData`, `SiteData`,
 * `TeamData`), and how each object of every job's newest run ended (`/JobSessions/{id}/ProcessedObjects`).
 * A user is as recent as the stalest part its jobs back up (mailbox, archive, OneDrive, personal site),
 * so an archive left behind puts the user at risk however fresh the mailbox is. The v8 `Protected*`
 * lists name the same objects without any time, so they are not read. v5 and v6 document none of
 * this: the read is empty, and the log says so once.
 */
import type { BackedUpObject } from '../../../common/protected-objects.js';
import type { Session } from '../../../common/model.js';
import type { HttpRequest } from '../../http/http-client.js';
import type { Logger } from '../../logger.js';
import type { ObjectRead } from '../connector.js';
import { foldObjectResults } from '../object-results.js';
import type { Vb365HeldObject, Vb365ProcessedObject } from './vb365-object-parser.js';
import { parseVb365Held, parseVb365Processed, parseVb365Repositories } from './vb365-object-parser.js';
import type { Vb365Page, Vb365ParseContext } from './vb365-parser.js';
import { parseVb365SessionPage } from './vb365-parser.js';
import type { Vb365Version } from './vb365-requests.js';
import {
  allSessionsRequest,
  hasObjectReads,
  processedObjectsRequest,
  repositoriesRequest,
  repositoryDataRequest,
} from './vb365-requests.js';

/** What the reader needs of the connector. */
export interface Vb365ObjectCalls {
  readonly parse: Vb365ParseContext;
  currentVersion(): Vb365Version;
  readPages<T>(first: HttpRequest, parsePage: (body: unknown) => Vb365Page<T>, max: number, signal?: AbortSignal): Promise<{ items: T[] }>;
}

/** The documented maximum page: one request per list at the sizes Backwatch expects. */
const PAGE = { offset: 0, limit: 10_000 };
/**
 * Runs that ended this long ago or later are each job's candidates for its newest run: a daily
 * job's is in it; a job that ran before it has its failures unseen (its point still ages).
 */
const NEWEST_RUN_WINDOW_MS = 48 * 3_600_000;

const HELD = [
  ['UserData', 'user'],
  ['SiteData', 'site'],
  ['TeamData', 'team'],
] as const;

export class Vb365ObjectReader {
  /** Finished runs' results, by run id (only the jobs' newest runs are kept). */
  #results = new Map<string, readonly Vb365ProcessedObject[]>();

  constructor(
    private readonly applianceId: string,
    private readonly calls: Vb365ObjectCalls,
    private readonly now: () => number,
    private readonly log: Logger,
  ) {}

  async read(signal?: AbortSignal): Promise<ObjectRead> {
    const v = this.calls.currentVersion();
    if (!hasObjectReads(v)) {
      this.log.info(`VB365 ${v} lists no backed-up objects (they came with v7): no objects are read`);
      return { backedUp: [], inventory: [] };
    }
    const parse = this.calls.parse;
    const repositories = (
      await this.calls.readPages(repositoriesRequest(v, PAGE), (b) => parseVb365Repositories(b, parse), Infinity, signal)
    ).items;
    const held = new Map<string, Vb365HeldObject>();
    for (const repositoryId of repositories) {
      for (const [kind, word] of HELD) {
        const first = repositoryDataRequest(v, repositoryId, kind, PAGE);
        const items = (await this.calls.readPages(first, (b) => parseVb365Held(b, word, parse), Infinity, signal)).items;
        for (const item of items) held.set(item.id, mergeCopies(held.get(item.id), item));
      }
    }
    const results = await this.#newestResults(v, signal);
    return { backedUp: [...held.values()].map((o) => this.#judged(o, results)), inventory: [] };
  }

  #judged(o: Vb365HeldObject, results: readonly { jobId: string; end: number | null; result: Vb365ProcessedObject }[]): BackedUpObject {
    const times = Object.values(o.partTimes);
    const mine = results.filter((r) => r.result.id === o.id).map((r) => ({ jobId: r.jobId, failed: r.result.failed, endedMs: r.end }));
    return {
      applianceId: this.applianceId,
      id: o.id,
      name: o.name,
      kind: o.kind,
      platform: null,
      // The stalest part; a part backed up without a time has no good point.
      lastGoodPointMs: times.length === 0 || times.includes(null) ? null : Math.min(...(times as number[])),
      ...foldObjectResults(mine, this.now()),
    };
  }

  /** How each object of every job's newest run in the window ended; a finished run is read once. */
  async #newestResults(v: Vb365Version, signal?: AbortSignal) {
    const since = new Date(this.now() - NEWEST_RUN_WINDOW_MS).toISOString();
    const parse = this.calls.parse;
    const first = allSessionsRequest(v, { offset: 0, limit: 1000 }, { endTimeLowerBound: since });
    const sessions = (await this.calls.readPages(first, (b) => parseVb365SessionPage(b, parse), Infinity, signal)).items;
    const newest = new Map<string, Session>();
    const endOf = (s: Session): number => (s.end === null ? -Infinity : Date.parse(s.end));
    for (const s of sessions) {
      const known = newest.get(s.jobId);
      if (s.end !== null && (!known || endOf(s) > endOf(known))) newest.set(s.jobId, s);
    }
    const kept = new Map<string, readonly Vb365ProcessedObject[]>();
    const found: { jobId: string; end: number | null; result: Vb365ProcessedObject }[] = [];
    for (const s of newest.values()) {
      const results =
        this.#results.get(s.id) ??
        (await this.calls.readPages(processedObjectsRequest(v, s.id, PAGE), (b) => parseVb365Processed(b, parse), Infinity, signal)).items;
      kept.set(s.id, results);
      found.push(...results.map((result) => ({ jobId: s.jobId, end: endOf(s), result })));
    }
    this.#results = kept;
    return found;
  }
}

/** One object in two repositories (a copy): each part as recent as its newest copy. */
function mergeCopies(known: Vb365HeldObject | undefined, item: Vb365HeldObject): Vb365HeldObject {
  if (!known) return item;
  const partTimes: Record<string, number | null> = { ...known.partTimes };
  for (const [part, t] of Object.entries(item.partTimes)) {
    const before = partTimes[part];
    partTimes[part] = before === undefined || before === null ? t : t === null ? before : Math.max(before, t);
  }
  return { ...known, partTimes };
}
