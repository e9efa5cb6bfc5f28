/**
 * Reading one thing by its URL, where a 404 is an answer: the session was deleted, or cleaned up
 * from the appliance's history.
 */
import type { Session } from '../../common/model.js';
import { isConnectorError } from '../http/errors.js';
import type { ActiveRefresh } from './connector.js';

/** Whether the appliance answered 404. */
export const isNotFound = (e: unknown): boolean => isConnectorError(e) && e.kind === 'http' && e.extra.status === 404;

/** What `read` resolves to; null when the appliance answers 404. */
export async function nullOn404<T>(read: Promise<T>): Promise<T | null> {
  try {
    return await read;
  } catch (e) {
    if (isNotFound(e)) return null;
    throw e;
  }
}

/** Reads each session by id, one after the other: fresh where the appliance still has it, gone where not. */
export async function refreshEach(active: readonly Session[], read: (id: string) => Promise<Session | null>): Promise<ActiveRefresh> {
  const updated: Session[] = [];
  const gone: string[] = [];
  for (const s of active) {
    const now = await read(s.id);
    if (now) updated.push(now);
    else gone.push(s.id);
  }
  return { updated, gone };
}
