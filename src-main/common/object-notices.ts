/** A machine's notification in words: not protected ("web-04: its latest backup failed"), or protected again. Opens its page. Pure. */
import type { NavigateTarget } from './ipc-contract.js';
import { objectProblemDetail, objectProblemTitle } from './object-words.js';
import { ageWords } from './problems.js';
import type { ChangeEvent } from './snapshot.js';

type ObjectEvent = Extract<ChangeEvent, { readonly kind: 'object_breached' | 'object_restored' }>;

export function objectNotice(
  event: ObjectEvent,
  appliance: string,
  now: number,
): { readonly title: string; readonly body: string; readonly target: NavigateTarget } {
  const target = { view: 'object', key: event.objectKey } as const;
  if (event.kind === 'object_breached') {
    const problem = { ...event, name: event.objectName };
    return { title: objectProblemTitle(problem), body: objectProblemDetail(problem, appliance, now), target };
  }
  const point = event.lastGoodPoint === null ? 'It is protected again' : `Newest good restore point ${ageWords(event.lastGoodPoint, now)}`;
  return { title: `Protection restored: ${event.objectName}`, body: `${point}, on ${appliance}.`, target };
}
