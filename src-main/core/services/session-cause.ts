/**
 * The cause of a failed or warning run for its detail, from what the connector already reads: its
 * resources first, then the first page of its log when no resource says why.
 */
import { failureCause, hasCause } from '../../common/failure-cause.js';
import type { ResourceProgress, Session } from '../../common/model.js';
import type { Connector } from '../connectors/connector.js';
import type { Logger } from '../logger.js';
import { messageOf } from './errors.js';

export async function sessionCause(
  session: Session,
  resources: readonly ResourceProgress[] | null,
  connector: Connector | undefined,
  log: Logger,
): Promise<string | null> {
  if (!hasCause(session.status)) return null;
  const fromResources = failureCause({ status: session.status, message: null }, resources, null);
  if (fromResources !== null || !connector?.jobLog) return fromResources ?? failureCause(session, resources, null);
  const entries = await connector.jobLog(session.id, 0).then(
    (page) => page.entries,
    (e: unknown) => {
      log.warn(`Reading the log for a run's cause failed: ${messageOf(e)}`);
      return null;
    },
  );
  return failureCause(session, resources, entries);
}
