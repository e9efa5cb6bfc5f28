/**
 * What every object reader folds from the per-object results of its jobs' newest runs: the jobs
 * that cover an object and its newest failure. A failed result whose run has no end yet counts as
 * of the read.
 */

/** One object's result in one run. */
export interface ObjectResult {
  readonly jobId: string;
  readonly failed: boolean;
  /** Epoch ms the run (or the object's task) ended; null while it runs. */
  readonly endedMs: number | null;
}

/** The jobs whose results name an object, and its newest failure (null if none). */
export function foldObjectResults(
  results: readonly ObjectResult[],
  readAtMs: number,
): { readonly jobIds: string[]; readonly lastFailureMs: number | null } {
  let lastFailureMs: number | null = null;
  for (const r of results) if (r.failed) lastFailureMs = Math.max(lastFailureMs ?? -Infinity, r.endedMs ?? readAtMs);
  return { jobIds: [...new Set(results.map((r) => r.jobId))], lastFailureMs };
}
