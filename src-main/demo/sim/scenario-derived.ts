/**
 * What a scenario derives from a session instead of storing it (so history costs nothing): which
 * resource a warning or a stop lands on, each resource's state, and the session's log.
 */
import type { ScenarioLogEntry, ScenarioResource, ScenarioSession } from './scenario-model.js';

/** The resource a warning is blamed on: a pure function of the session, so nothing is stored. */
export function warnedIndex(s: ScenarioSession, seed: number): number {
  return (Math.imul(s.seq ^ seed, 0x27d4eb2d) >>> 0) % s.total;
}

/** The resource being processed when a run stopped (failed or canceled). */
export function stoppedIndex(s: ScenarioSession): number {
  return Math.min(s.total - 1, Math.floor(s.progress * s.total));
}

/**
 * Resources are processed one after another: resource i covers progress [i/n, (i+1)/n).
 * A failure or cancel lands on the resource being processed; a warning on `warned`; a skipped
 * resource of a run that went on ends failed.
 */
export function resourcesOf(s: ScenarioSession, warned: number): ScenarioResource[] {
  const n = s.total;
  const start = s.startedAt;
  const runSpan = start === null ? 0 : (s.endedAt ?? start) - start;
  const stoppedAt = stoppedIndex(s);
  const ended = s.endedAt !== null;
  return s.resources.map((name, index) => {
    const fraction = Math.min(1, Math.max(0, s.progress * n - index));
    let state: ScenarioResource['state'] = fraction >= 1 ? 'succeeded' : fraction > 0 ? 'running' : 'pending';
    if (ended && (s.state === 'failed' || s.state === 'canceled')) {
      if (index === stoppedAt) state = s.state;
      else if (index > stoppedAt) state = 'canceled';
    } else if (ended && s.skipped.includes(name)) {
      state = 'failed';
    } else if (ended && s.state === 'warning' && index === warned) {
      state = 'warning';
    }
    const perResource = s.progress > 0 && runSpan > 0 ? runSpan / (s.progress * n) : 0;
    return {
      name,
      index,
      state,
      fraction,
      bytes: Math.round(fraction * s.bytesPerResource * (0.8 + ((index * 7919) % 40) / 100)),
      startedAt: start === null || fraction === 0 ? null : Math.round(start + index * perResource),
      endedAt: start === null || fraction < 1 ? (ended && fraction > 0 ? s.endedAt : null) : Math.round(start + (index + 1) * perResource),
    };
  });
}

/** The log lines of a session up to now. */
export function logOf(s: ScenarioSession, resources: readonly ScenarioResource[]): ScenarioLogEntry[] {
  const lines: ScenarioLogEntry[] = [{ time: s.createdAt, level: 'info', message: `Job ${s.jobName} queued` }];
  if (s.startedAt !== null) lines.push({ time: s.startedAt, level: 'info', message: `Job ${s.jobName} started` });
  for (const r of resources) {
    if (r.startedAt !== null) lines.push({ time: r.startedAt, level: 'info', message: `Processing ${r.name}` });
    const at = r.endedAt ?? r.startedAt ?? s.createdAt;
    if (r.state === 'succeeded') lines.push({ time: at, level: 'info', message: `${r.name} completed` });
    if (r.state === 'warning') lines.push({ time: at, level: 'warning', message: `${r.name}: ${s.message ?? 'warning'}` });
    if (r.state === 'failed') lines.push({ time: at, level: 'error', message: s.message ?? `${r.name} failed` });
  }
  if (s.endedAt !== null) {
    lines.push({
      time: s.endedAt,
      level: 'summary',
      message: `Job ${s.jobName} ${s.state}: ${s.processed} of ${s.total} resources processed`,
    });
  }
  return lines;
}

/** What a resource's own entry says: the run's reason on the resource that failed or warned, else nothing. */
export function resourceMessage(s: ScenarioSession, r: ScenarioResource): string | null {
  return r.state === 'failed' || r.state === 'warning' ? s.message : null;
}
