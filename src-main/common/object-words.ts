/**
 * Protected objects in words, the same in a notification, the CLI and the log: "web-prod-02 has no
 * restore point within 26 h", "test-07 is in no backup". Pure.
 */
import { formatRpo } from './duration.js';
import { countOf } from './format.js';
import type { ObjectRiskReason } from './object-views.js';
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

/** "3 machines unprotected", "1 machine at risk": the counts that turn the tray red, none when all are fine. */
export function objectCountWords(counts: Readonly<Record<'unprotected' | 'at_risk', number>>): string[] {
  return [
    ...(counts.unprotected > 0 ? [`${machines(counts.unprotected)} unprotected`] : []),
    ...(counts.at_risk > 0 ? [`${machines(counts.at_risk)} at risk`] : []),
  ];
}
