/** What VBR's object readers need of the connector: its paged and single calls, its revision and the jobs' newest runs. */
import type { HttpRequest } from '../../http/http-client.js';
import type { VbrPage, VbrParseContext } from './vbr-parser.js';
import type { VbrPaging, VbrRevision } from './vbr-requests.js';

export type Build = (revision: VbrRevision) => HttpRequest;

export interface VbrObjectCalls {
  readonly parse: VbrParseContext;
  currentRevision(): VbrRevision;
  call(build: Build, signal?: AbortSignal): Promise<unknown>;
  readPages<T>(
    request: (paging: VbrPaging) => Build,
    parsePage: (body: unknown) => VbrPage<T>,
    max: number,
    signal?: AbortSignal,
    pageSize?: number,
  ): Promise<{ items: T[]; left: number }>;
  /** Each job's newest run id, by job id (reads `/jobs/states`). */
  lastRuns(signal?: AbortSignal): Promise<ReadonlyMap<string, string>>;
}
