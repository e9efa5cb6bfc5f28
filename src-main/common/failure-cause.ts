/**
 * Why a run failed or warned, in one line for the top of its pages: the worst of its resources
 * ("web-prod-02: the storage target is out of space"), else the worst lines of its log, else the
 * session's own summary ("1 of 5 vm failed"), which counts failures without naming them.
 */
import type { JobLogEntry, ResourceProgress, Session, SessionStatus } from './model.js';

/** The statuses whose runs have a cause worth leading with. */
const WITH_CAUSE: ReadonlySet<SessionStatus> = new Set(['failed', 'warning']);

/** How many causes a line names before it counts the rest. */
const NAMED = 2;

export function hasCause(status: SessionStatus): boolean {
  return WITH_CAUSE.has(status);
}

/** "name: message", unless the vendor's message already starts with the resource's name. */
function resourceWords(r: ResourceProgress): string {
  const message = r.message?.trim();
  if (!message) return `${r.resourceName} ${r.status === 'failed' ? 'failed' : 'ended with warnings'}`;
  const named = message.startsWith(r.resourceName) && !/[\w-]/.test(message.charAt(r.resourceName.length));
  return named ? message : `${r.resourceName}: ${message}`;
}

/** The first causes, then how many more there are: "a; b and 3 more". */
function joined(causes: readonly string[]): string | null {
  const distinct = [...new Set(causes)];
  if (distinct.length === 0) return null;
  const named = distinct.slice(0, NAMED).join('; ');
  const rest = distinct.length - NAMED;
  return rest > 0 ? `${named} and ${rest} more` : named;
}

/** The worst resources' words: the failed ones, else those with warnings. */
function fromResources(resources: readonly ResourceProgress[]): string | null {
  const failed = resources.filter((r) => r.status === 'failed');
  const worst = failed.length > 0 ? failed : resources.filter((r) => r.status === 'warning');
  return joined(worst.map(resourceWords));
}

/** The worst log lines: errors, else warnings. */
function fromLog(entries: readonly JobLogEntry[]): string | null {
  const errors = entries.filter((e) => e.level === 'error');
  const worst = errors.length > 0 ? errors : entries.filter((e) => e.level === 'warning');
  return joined(worst.map((e) => e.message.trim()).filter((m) => m !== ''));
}

/**
 * The cause of a failed or warning run, from what its appliance said about it (null for other
 * runs, or when nothing names a cause). Resources or log may be null where they were not read.
 */
export function failureCause(
  session: Pick<Session, 'status' | 'message'>,
  resources: readonly ResourceProgress[] | null,
  log: readonly JobLogEntry[] | null,
): string | null {
  if (!hasCause(session.status)) return null;
  return fromResources(resources ?? []) ?? fromLog(log ?? []) ?? (session.message?.trim() || null);
}
