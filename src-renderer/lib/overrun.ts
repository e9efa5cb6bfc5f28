/**
 * Which running sessions overrun: already longer than `factor` × the median of their job's recent
 * finished runs (the same rule the core notifies on), for the "Overrun" badge.
 */
import type { Session } from '../../src-main/common/model.js';
import { median } from '../../src-main/common/changes.js';
import { jobKey, sessionKey } from '../../src-main/common/snapshot.js';
import { toMs } from '../../src-main/common/time.js';

const MIN_SAMPLES = 3;

export function overrunKeys(sessions: readonly Session[], now: number, factor = 2, samples = 10): Set<string> {
  const finished = new Map<string, { end: number; ms: number }[]>();
  for (const s of sessions) {
    const start = toMs(s.start);
    const end = toMs(s.end);
    if ((s.status !== 'succeeded' && s.status !== 'warning') || start === null || end === null || end <= start) continue;
    const key = jobKey(s.applianceId, s.jobId);
    const list = finished.get(key) ?? [];
    list.push({ end, ms: end - start });
    finished.set(key, list);
  }
  const result = new Set<string>();
  for (const s of sessions) {
    const start = toMs(s.start);
    if (s.status !== 'running' || start === null) continue;
    const recent = (finished.get(jobKey(s.applianceId, s.jobId)) ?? []).sort((a, b) => b.end - a.end).slice(0, samples);
    if (recent.length >= MIN_SAMPLES && now - start > factor * median(recent.map((r) => r.ms))) result.add(sessionKey(s));
  }
  return result;
}
