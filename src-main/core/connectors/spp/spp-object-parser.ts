/**
 * Reads SPP's object answers: the recovery catalog's VMs (newest copy time and SLA policy each)
 * and, of each job, its newest run's id. Every field is read defensively.
 */
import { asRecord, readEpochIso, readString } from '../../../common/read-fields.js';
import type { SppPage, SppParseContext } from './spp-parser.js';
import { parseSppPage } from './spp-parser.js';

/** One VM with a copy. */
export interface SppRecoveryVm {
  readonly id: string;
  readonly name: string;
  /** Epoch ms of its newest copy; null when unreadable. */
  readonly protectedMs: number | null;
}

/** A job and its newest run. */
export interface SppLastRun {
  readonly jobId: string;
  readonly sessionId: string;
  /** Epoch ms the run ended; null while it runs. */
  readonly endMs: number | null;
}

const ms = (v: unknown): number | null => {
  const iso = readEpochIso(v);
  return iso === null ? null : Date.parse(iso);
};

/** `GET /api/endeavour/catalog/recovery/hypervisorvm` → VMs; one without an id or a name is left out. */
export function parseSppRecoveryVms(body: unknown, ctx: SppParseContext): SppPage<SppRecoveryVm> {
  return parseSppPage(
    body,
    'children',
    'recovery VM',
    (r) => {
      const properties = asRecord(r['properties']);
      const id = readString(r['id'])?.trim();
      const name = (readString(r['name']) ?? readString(properties?.['name']))?.trim();
      if (!id || !name) return null;
      return { id, name, protectedMs: ms(asRecord(properties?.['protectionInfo'])?.['protectionTime']) };
    },
    ctx,
  );
}

/** `GET /api/endeavour/job` → each job's newest run (`lastrun.sessionId`); a job that never ran is left out. */
export function parseSppLastRuns(body: unknown, ctx: SppParseContext): SppPage<SppLastRun> {
  return parseSppPage(
    body,
    'jobs',
    'job',
    (r) => {
      const last = asRecord(r['lastrun']);
      const jobId = readString(r['id'])?.trim();
      const sessionId = readString(last?.['sessionId'])?.trim();
      return jobId && sessionId ? { jobId, sessionId, endMs: ms(last?.['end']) } : null;
    },
    ctx,
  );
}
