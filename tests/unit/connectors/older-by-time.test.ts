/** The backfill's page back in time (reading.ts), against an appliance list kept in memory. */
import { describe, expect, it } from 'vitest';
import { readOlderByTime, type OlderTimePosition } from '../../../src-main/core/connectors/reading.js';

interface Run {
  readonly id: string;
  readonly start: string | null;
}

const T = Date.parse('2026-03-01T00:00:00Z');
const run = (id: string, atMs: number): Run => ({ id, start: new Date(atMs).toISOString() });

/** An appliance listing `runs` newest first (runs of one instant always in the same order), filtered by start. */
const listing =
  (runs: readonly Run[]) =>
  (at: OlderTimePosition, limit: number): Promise<Run[]> => {
    const sorted = [...runs].sort((a, b) => Date.parse(b.start!) - Date.parse(a.start!));
    return Promise.resolve(sorted.filter((r) => Date.parse(r.start!) <= at.atMs).slice(at.skip, at.skip + limit));
  };

/** Every page from the mark down, and the pages it took. */
async function readAll(read: (at: OlderTimePosition, limit: number) => Promise<Run[]>, pageSize: number) {
  const ids: string[] = [];
  let position: Record<string, unknown> | null = null;
  let pages = 0;
  do {
    const page: { sessions: Run[]; position: OlderTimePosition | null } = await readOlderByTime(
      position,
      { sinceMs: T + 10_000 },
      T + 20_000,
      pageSize,
      read,
    );
    ids.push(...page.sessions.map((s) => s.id));
    position = page.position;
    pages++;
  } while (position !== null && pages < 50);
  return { ids, pages };
}

describe('readOlderByTime', () => {
  it('reads every run of an instant that several pages share, each once', async () => {
    const runs = [
      ...Array.from({ length: 3 }, (_, i) => run(`new${i}`, T + 5000 - i)),
      ...Array.from({ length: 23 }, (_, i) => run(`same${i}`, T)),
      ...Array.from({ length: 4 }, (_, i) => run(`old${i}`, T - 1000 - i)),
    ];
    const { ids } = await readAll(listing(runs), 10);
    expect([...ids].sort()).toEqual(runs.map((r) => r.id).sort());
  });

  it('stops at a full page dated after the position: an answer that ignored the filter', async () => {
    const newer = Array.from({ length: 5 }, (_, i) => run(`n${i}`, T + 60_000 + i));
    const page = await readOlderByTime(null, { sinceMs: T }, T, 5, () => Promise.resolve(newer));
    expect(page.position).toBeNull();
  });

  it('reads the position earlier versions stored as the instant to go on from', async () => {
    const asked: OlderTimePosition[] = [];
    await readOlderByTime({ beforeMs: T }, { sinceMs: T + 10_000 }, T + 20_000, 5, (at) => {
      asked.push(at);
      return Promise.resolve([]);
    });
    expect(asked).toEqual([{ atMs: T, skip: 0 }]);
  });
});
