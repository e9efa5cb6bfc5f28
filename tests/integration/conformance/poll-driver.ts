/**
 * What the poller does with a connector, reduced to the calls the conformance suite checks:
 * keep the known sessions and the cursor, read incrementally, then refresh the active ones.
 */
import type { Session } from '../../../src-main/common/model.js';
import { isActiveStatus } from '../../../src-main/common/model.js';
import type { Connector, SessionBatch, SessionCursor } from '../../../src-main/core/connectors/connector.js';

export function createPollDriver(connector: Connector) {
  const sessions = new Map<string, Session>();
  let cursor: SessionCursor | null = null;
  const active = () => [...sessions.values()].filter((s) => isActiveStatus(s.status));

  async function poll(): Promise<SessionBatch> {
    const batch = await connector.listSessions(cursor, { active: active(), has: (id) => sessions.has(id) });
    cursor = batch.cursor;
    for (const s of batch.sessions) sessions.set(s.id, s);
    const running = active();
    if (running.length > 0) for (const s of await connector.refreshActive(running)) sessions.set(s.id, s);
    return batch;
  }

  return { poll, sessions, cursor: () => cursor };
}
