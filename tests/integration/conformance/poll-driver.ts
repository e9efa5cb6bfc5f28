/**
 * What the poller does with a connector, reduced to the calls the conformance suite checks: keep
 * the known sessions and the cursor, and read them the way the monitor does (`readSessions`).
 */
import type { Session } from '../../../src-main/common/model.js';
import type { Connector, SessionCursor } from '../../../src-main/core/connectors/connector.js';
import { readSessions, type SessionRead } from '../../../src-main/core/poller/session-read.js';

export function createPollDriver(connector: Connector, now: () => number = Date.now) {
  const sessions = new Map<string, Session>();
  let cursor: SessionCursor | null = null;

  async function poll(): Promise<SessionRead> {
    const read = await readSessions(connector, { sessions, cursor }, now);
    cursor = read.cursor;
    for (const s of read.sessions) sessions.set(s.id, s);
    return read;
  }

  return { poll, sessions, cursor: () => cursor };
}
