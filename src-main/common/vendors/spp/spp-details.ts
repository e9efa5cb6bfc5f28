/**
 * What SPP's sessions keep beyond the model: the per-type task statistics. One reader serves the
 * parser (the job session's `statistics[]`) and the detail view (the stored record, which may come
 * back from the history file or a team server in any shape): both name the fields alike.
 */
import type { VendorDetails } from '../../model.js';
import { asRecord, readArray, readCount, readString } from '../../read-fields.js';

export type SppTaskStatistic = {
  readonly resourceType: string;
  readonly total: number | null;
  readonly success: number | null;
  readonly failed: number | null;
  readonly skipped: number | null;
};

/** A type, not an interface: the parser stores it as the session's opaque record. */
export type SppDetails = {
  readonly taskStatistics?: readonly SppTaskStatistic[];
};

/** A list of task statistics, skipping what is no object. */
export function readSppTaskStatistics(list: unknown): SppTaskStatistic[] {
  return (readArray(list) ?? []).flatMap((raw) => {
    const s = asRecord(raw);
    if (!s) return [];
    return [
      {
        resourceType: readString(s['resourceType']) ?? 'resource',
        total: readCount(s['total']),
        success: readCount(s['success']),
        failed: readCount(s['failed']),
        skipped: readCount(s['skipped']),
      },
    ];
  });
}

export function readSppDetails(details: VendorDetails): SppDetails {
  return { taskStatistics: readSppTaskStatistics(details['taskStatistics']) };
}
