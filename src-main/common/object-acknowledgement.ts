/**
 * An acknowledged machine: the admin has seen that it is unprotected or at risk, and it stops
 * turning the tray red while it stays exactly as it was seen. The acknowledgement names that state
 * (unprotected, or at risk for one reason since one newest good point), so it lapses by itself when
 * the machine gets worse (its point ages past the RPO, a run fails, it falls out of every backup)
 * or is protected again and then breaks. It stays listed and counted: only the colour changes. Pure.
 */
import type { AcknowledgedCounts, ObjectView } from './object-views.js';

/** One acknowledged machine, kept in the shared settings by its key (`ObjectView.key`). */
export interface ObjectAcknowledgement {
  /** The state it was acknowledged in (`objectProblemOf`); any other state of it is not acknowledged. */
  readonly problem: string;
}

/** Acknowledged machines kept at most, as for the other per-object settings. */
export const MAX_OBJECT_ACKNOWLEDGEMENTS = 5_000;

type Judged = Pick<ObjectView, 'state' | 'reason' | 'lastGoodPoint'>;

/** What is wrong with a machine now, as one string ("at_risk:point_too_old@2026-…"); null when nothing is. */
export function objectProblemOf(view: Judged): string | null {
  if (view.state === 'unprotected') return 'unprotected';
  if (view.state !== 'at_risk') return null;
  return `at_risk:${view.reason ?? 'unknown'}@${view.lastGoodPoint ?? 'never'}`;
}

/** Whether the machine is in the very state it was acknowledged in. */
export function isObjectAcknowledged(
  view: Judged & Pick<ObjectView, 'key'>,
  acknowledged: Readonly<Record<string, ObjectAcknowledgement>>,
): boolean {
  const problem = objectProblemOf(view);
  return problem !== null && acknowledged[view.key]?.problem === problem;
}

/**
 * The acknowledgements still worth keeping: a machine judged now in another state than the one
 * acknowledged drops its own; one not judged now (its appliance not read yet) keeps it.
 */
export function liveAcknowledgements(
  acknowledged: Readonly<Record<string, ObjectAcknowledgement>>,
  views: readonly (Judged & Pick<ObjectView, 'key'>)[],
): Record<string, ObjectAcknowledgement> {
  const byKey = new Map(views.map((view) => [view.key, view]));
  return Object.fromEntries(
    Object.entries(acknowledged).filter(([key, ack]) => {
      const view = byKey.get(key);
      return view === undefined || objectProblemOf(view) === ack.problem;
    }),
  );
}

export function acknowledgedCounts(views: readonly Pick<ObjectView, 'state' | 'acknowledged'>[]): AcknowledgedCounts {
  let unprotected = 0;
  let atRisk = 0;
  for (const view of views) {
    if (!view.acknowledged) continue;
    if (view.state === 'unprotected') unprotected++;
    else if (view.state === 'at_risk') atRisk++;
  }
  return { unprotected, at_risk: atRisk };
}
