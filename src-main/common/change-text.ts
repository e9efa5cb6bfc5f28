/** One sentence per change event: the `watch` lines and the log file say the same thing. */
import { HEALTH_LABELS, STATUS_LABELS } from './format.js';
import type { ChangeEvent } from './snapshot.js';

export function describeChangeEvent(event: ChangeEvent, applianceName: (id: string) => string): string {
  switch (event.kind) {
    case 'session_started':
    case 'session_finished':
    case 'session_failed':
    case 'job_recovered':
    case 'overrun':
      return `${event.kind.replace('_', ' ')}: ${event.session.jobName} on ${applianceName(event.session.applianceId)} (${STATUS_LABELS[event.session.status]})`;
    case 'missed_run':
      return `missed run: ${event.job.name} on ${applianceName(event.applianceId)}, due ${event.dueAt}`;
    case 'appliance_unhealthy':
      return `${event.applianceName}: ${HEALTH_LABELS[event.health.state] ?? 'error'} — ${event.health.message}`;
    case 'appliance_healthy':
      return `${event.applianceName}: healthy again`;
    case 'rpo_breached':
      return `no successful backup within RPO: ${event.jobName} on ${applianceName(event.applianceId)} (last success ${event.lastSuccess ?? 'never'})`;
    case 'protection_restored':
      return `protection restored: ${event.session.jobName} on ${applianceName(event.session.applianceId)}`;
    case 'object_restored':
      return `object protected again: ${event.objectName} on ${applianceName(event.applianceId)} (last good point ${event.lastGoodPoint ?? 'never'})`;
    case 'object_breached':
      return `object ${event.state === 'unprotected' ? 'unprotected' : `at risk (${event.reason ?? 'unknown'})`}: ${event.objectName} on ${applianceName(event.applianceId)} (last good point ${event.lastGoodPoint ?? 'never'})`;
  }
}

/**
 * The events a person reads, once each: a failed session is said by its `session_failed` event,
 * so its `session_finished` twin of the same poll is left out.
 */
export function eventsToTell(events: readonly ChangeEvent[]): ChangeEvent[] {
  const failed = new Set(events.flatMap((e) => (e.kind === 'session_failed' ? [e.session.id] : [])));
  return events.filter((e) => !(e.kind === 'session_finished' && failed.has(e.session.id)));
}
