/**
 * Protected objects in words, the same in a notification, the CLI and the log: "web-prod-02 has no
 * restore point within 26 h", "test-07 is in no backup". Pure.
 */
import { formatRpo } from './duration.js';
import { countOf } from './format.js';
import type { ObjectRiskReason, ObjectSummary } from './object-views.js';
import type { ObjectState } from './protected-objects.js';
import { ageWords } from './problems.js';

/** What is said of an object that is not protected (unprotected, else at risk for its reason). */
export interface ObjectProblem {
  readonly name: string;
  readonly state: ObjectState;
  readonly reason: ObjectRiskReason | null;
  readonly lastGoodPoint: string | null;
  readonly rpoSec: number | null;
}

/** The headline: what is wrong with the object. */
export function objectProblemTitle(problem: ObjectProblem): string {
  if (problem.state === 'unprotected') return `${problem.name} is in no backup`;
  switch (problem.reason) {
    case 'point_too_old':
      return `${problem.name} has no restore point within ${formatRpo(problem.rpoSec)}`;
    case 'last_run_failed':
      return `${problem.name}: its latest backup failed`;
    default:
      return `${problem.name} has no restore point`;
  }
}

/** The detail: where it stands and since when. */
export function objectProblemDetail(problem: ObjectProblem, where: string, now: number): string {
  if (problem.state === 'unprotected') return `${where} lists it, and no backup covers it.`;
  const point =
    problem.lastGoodPoint === null ? 'No good restore point yet' : `Newest good restore point ${ageWords(problem.lastGoodPoint, now)}`;
  return `${point}, on ${where}; its RPO is ${formatRpo(problem.rpoSec)}.`;
}

const machines = (n: number): string => countOf(n, 'machines');

function countWords(n: number, acknowledged: number, state: string): string {
  const note = acknowledged === 0 ? '' : acknowledged === n ? ' (acknowledged)' : ` (${acknowledged} acknowledged)`;
  return `${machines(n)} ${state}${note}`;
}

/**
 * "3 machines unprotected (1 acknowledged)", "1 machine at risk": the machines not protected, none
 * when all are fine. Acknowledged machines are counted among them and said to be acknowledged.
 */
export function objectCountWords(summary: Pick<ObjectSummary, 'counts' | 'acknowledged'> | undefined): string[] {
  if (summary === undefined) return [];
  const { counts, acknowledged } = summary;
  return [
    ...(counts.unprotected > 0 ? [countWords(counts.unprotected, acknowledged.unprotected, 'unprotected')] : []),
    ...(counts.at_risk > 0 ? [countWords(counts.at_risk, acknowledged.at_risk, 'at risk')] : []),
  ];
}

/**
 * What acknowledging a machine did, said truthfully: it is still not protected, stays listed and
 * counted, and turns the tray red again once its state changes.
 */
export function objectAcknowledgedWords(problem: ObjectProblem): string {
  const still = problem.state === 'unprotected' ? 'unprotected' : 'at risk';
  const again =
    problem.state === 'unprotected'
      ? 'once a backup covers it and then it breaks'
      : 'if it gets worse, or if it is protected again and then breaks';
  return (
    `Acknowledged: ${problem.name} no longer turns Backwatch red while it stays as it is. ` +
    `It is still ${still} (${objectProblemTitle(problem)}), listed and counted as acknowledged; it turns red again ${again}.`
  );
}
