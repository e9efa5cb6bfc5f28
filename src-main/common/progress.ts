/**
 * A session's overall progress from its per-resource progress: one rule for the connector that
 * reports it and the detail view that shows it beside each resource's own percent.
 */
import { isActiveStatus, NO_PROGRESS, type Progress, type ResourceProgress } from './model.js';

/** The mean of the resources' percents (one without a percent counts as 0), and resources done of all. */
export function progressOfResources(resources: readonly ResourceProgress[]): Progress {
  if (resources.length === 0) return NO_PROGRESS;
  const percents = resources.map((r) => r.percent).filter((p): p is number => p !== null);
  const percent = percents.length === 0 ? null : Math.round(percents.reduce((a, p) => a + p, 0) / resources.length);
  const completed = resources.filter((r) => r.status !== 'unknown' && !isActiveStatus(r.status)).length;
  return { percent, completed, total: resources.length, unit: 'resources' };
}

/**
 * What a session's overall bar shows: the progress of the resources listed with it when there are
 * any (read at the same moment, so the bar and the rows agree), else what the session reports.
 */
export function overallProgress(sessionProgress: Progress, resources: readonly ResourceProgress[] | null): Progress {
  return resources && resources.length > 0 ? progressOfResources(resources) : sessionProgress;
}
