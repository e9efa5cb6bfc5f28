/**
 * Another Backwatch process for the shared-history test: `node --import tsx history-writer.ts DIR
 * NAME COUNT fresh|long` records COUNT polls into DIR's history.db through the real store, each
 * with a session of its own on the shared appliance and one of its own appliance, a notified key
 * and a watermark, opening the store for each poll (`fresh`, the CLI) or once (`long`, the app and
 * `serve`); see writer-process.ts.
 */
import { openHistoryStore, type HistoryStore } from '../../src-main/core/history/history-store.js';
import { createLogger } from '../../src-main/core/logger.js';
import { makeSession } from '../unit/common/factories.js';
import { runWriter } from './writer-process.js';

export const SHARED_APPLIANCE = 'shared';

/** What poll `i` of writer `name` records: the session ids and the notified key the test then looks for. */
export const writerSessionId = (name: string, i: number) => `${name}-${i}`;
export const writerKey = (name: string, i: number) => `notified:${name}/${i}`;

function step(store: HistoryStore, name: string, i: number): void {
  const id = writerSessionId(name, i);
  const at = new Date(Date.UTC(2025, 0, 1) + i * 60_000).toISOString();
  store.recordPoll(SHARED_APPLIANCE, {
    sessions: [makeSession({ id, applianceId: SHARED_APPLIANCE, jobId: name, start: at, end: at })],
    cursor: { writer: name, poll: i },
    behind: 0,
  });
  store.recordPoll(name, { sessions: [makeSession({ id, applianceId: name, start: at, end: at })], cursor: { poll: i }, behind: 0 });
  store.markNotified([writerKey(name, i)], at);
  store.setWatermark(name, at);
}

if (import.meta.url === `file://${process.argv[1]}`) {
  const log = createLogger((line) => process.stderr.write(`${line.level}: ${line.message}\n`));
  await runWriter((dir) => openHistoryStore(dir, log), step);
}
