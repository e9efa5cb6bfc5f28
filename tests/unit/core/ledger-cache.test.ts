/**
 * The decoded ledgers a store keeps between reads: a ledger whose row did not change is the one
 * decoded before, and a row built again (a poll, a smaller RPO, another process, an appliance
 * removed and its jobs seen again) is decoded again before it answers.
 */
import { describe, expect, it } from 'vitest';
import { DAY_MS, type JobLedger, type LedgerBasis } from '../../../src-main/common/compliance-ledger.js';
import type { Session } from '../../../src-main/common/model.js';
import type { HistoryStore } from '../../../src-main/core/history/history-store.js';
import { historyDirPerTest } from '../../support/history-dir.js';
import { makeSession } from '../common/factories.js';

const TODAY = Date.UTC(2026, 11, 7);
const { open } = historyDirPerTest('bw-ledger-cache-');

const nightly = (jobId: string, nights: number, from = 1): Session[] =>
  Array.from({ length: nights }, (_, n) => {
    const endMs = TODAY - (from + n) * DAY_MS + 2 * 3_600_000;
    return makeSession({
      id: `${jobId}-${from + n}`,
      jobId,
      start: new Date(endMs - 600_000).toISOString(),
      end: new Date(endMs).toISOString(),
    });
  });

const basis =
  (splitMs: number): (() => LedgerBasis) =>
  () => ({ splitMs, warningsAreUnprotected: false });

function byJob(store: HistoryStore, splitMs = 26 * 3_600_000): Map<string, JobLedger> {
  return new Map(store.jobLedgers(null, basis(splitMs)).map((l) => [l.jobId, l]));
}

describe('decoded ledgers kept between reads', () => {
  it('answers an unchanged job with the ledger decoded before, and decodes again the job a poll wrote', () => {
    const store = open();
    store.recordPoll('a1', { sessions: [...nightly('j1', 10), ...nightly('j2', 10)], cursor: {}, behind: 0 });
    const first = byJob(store);
    const second = byJob(store);
    expect(second.get('j1')).toBe(first.get('j1'));
    expect(second.get('j2')).toBe(first.get('j2'));

    store.recordPoll('a1', {
      sessions: [makeSession({ id: 'today', jobId: 'j2', end: new Date(TODAY + 3_600_000).toISOString() })],
      cursor: {},
      behind: 0,
    });
    const third = byJob(store);
    expect(third.get('j1')).toBe(first.get('j1'));
    expect(third.get('j2')).not.toBe(first.get('j2'));
    expect(third.get('j2')!.lastEndMs).toBe(TODAY + 3_600_000);
  });

  it('decodes again a ledger built for a smaller RPO', () => {
    const store = open();
    store.recordPoll('a1', { sessions: nightly('j1', 10), cursor: {}, behind: 0 });
    const wide = byJob(store).get('j1')!;
    const narrow = byJob(store, 3_600_000).get('j1')!;
    expect(narrow).not.toBe(wide);
    // Nightly runs more than an hour apart: one streak a night once split by the hour.
    expect([wide.streaks.length, narrow.streaks.length]).toEqual([1, 10]);
  });

  it('decodes again a row another process built again', () => {
    const mine = open();
    const theirs = open();
    mine.recordPoll('a1', { sessions: nightly('j1', 10), cursor: {}, behind: 0 });
    const before = byJob(mine).get('j1')!;
    theirs.recordPoll('a1', { sessions: nightly('j1', 5, 11), cursor: {}, behind: 0 });
    // The other process reads first: the row is clean again when this one looks, only its version moved.
    expect(byJob(theirs).get('j1')!.firstEndMs).toBe(TODAY - 15 * DAY_MS + 2 * 3_600_000);
    const after = byJob(mine).get('j1')!;
    expect(after).not.toBe(before);
    expect(after.firstEndMs).toBe(TODAY - 15 * DAY_MS + 2 * 3_600_000);
  });

  it('decodes again the jobs of an appliance removed and seen again, whose rows were made anew', () => {
    const store = open();
    store.recordPoll('a1', { sessions: nightly('j1', 10), cursor: {}, behind: 0 });
    expect(
      byJob(store)
        .get('j1')!
        .runsByDay.reduce((a, b) => a + b, 0),
    ).toBe(10);
    store.retainAppliances([]);
    expect(byJob(store).size).toBe(0);
    store.recordPoll('a1', { sessions: nightly('j1', 3), cursor: {}, behind: 0 });
    expect(
      byJob(store)
        .get('j1')!
        .runsByDay.reduce((a, b) => a + b, 0),
    ).toBe(3);
  });
});
