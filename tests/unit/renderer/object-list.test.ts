import { describe, expect, it } from 'vitest';
import { EMPTY_OBJECT_FILTER, machineListItems, matchesObjectFilter, selectObjects } from '../../../src-renderer/lib/object-list.js';
import { backup, machine } from './object-fixtures.js';

const web = machine({ name: 'web-prod-02', state: 'at_risk', reason: 'point_too_old' });
const old = machine({ name: 'web-old-01', state: 'unprotected', backups: [], lastGoodPoint: null });
const db = machine({
  name: 'db-01',
  inventory: { applianceId: 'vc1', applianceName: 'vcenter-prod', folder: '/DC/vm/Databases', tags: ['sql', 'gold'] },
  backups: [backup({ applianceId: 'spp1', applianceName: 'SPP lab', jobs: [{ jobId: 's1', jobName: 'SQL Gold' }] })],
});
const test07 = machine({ name: 'test-07', state: 'excluded', excludedBy: 'rule-1' });
const mailbox = machine({ name: 'Adele Vance', kind: 'user', inventory: null, matchedBy: null });
const all = [db, test07, mailbox, web, old];
const names = (list: readonly { name: string }[]) => list.map((o) => o.name);

describe('matchesObjectFilter', () => {
  it('finds a machine by any part of its name, folder, tag, appliance or job, ignoring case and spaces', () => {
    for (const text of ['DB-0', ' databases ', 'GOLD', 'spp lab', 'sql gold']) {
      expect(matchesObjectFilter(db, { ...EMPTY_OBJECT_FILTER, text }), text).toBe(true);
    }
    expect(matchesObjectFilter(db, { ...EMPTY_OBJECT_FILTER, text: 'web' })).toBe(false);
  });

  it('keeps only the chosen states', () => {
    expect(matchesObjectFilter(web, { states: ['unprotected', 'at_risk'], text: '' })).toBe(true);
    expect(matchesObjectFilter(db, { states: ['unprotected', 'at_risk'], text: '' })).toBe(false);
  });
});

describe('selectObjects', () => {
  it('lists the machines in play worst first, then by name, and the excluded ones apart', () => {
    const selection = selectObjects(all, EMPTY_OBJECT_FILTER);
    expect(names(selection.listed)).toEqual(['web-old-01', 'web-prod-02', 'Adele Vance', 'db-01']);
    expect(names(selection.excluded)).toEqual(['test-07']);
  });

  it('applies the search to the excluded machines too, and never changes its input', () => {
    const copy = [...all];
    const selection = selectObjects(all, { states: [], text: 'test' });
    expect(names(selection.listed)).toEqual([]);
    expect(names(selection.excluded)).toEqual(['test-07']);
    expect(all).toEqual(copy);
  });

  it('shows only the excluded machines when only that state is chosen', () => {
    const selection = selectObjects(all, { states: ['excluded'], text: '' });
    expect(selection.listed).toEqual([]);
    expect(names(selection.excluded)).toEqual(['test-07']);
  });
});

describe('machineListItems', () => {
  it('puts the excluded machines under their own heading after the others, counted', () => {
    const items = machineListItems(selectObjects(all, EMPTY_OBJECT_FILTER), false);
    expect(items.map((i) => (i.kind === 'object' ? i.object.name : `heading ${i.count}`))).toEqual([
      'web-old-01',
      'web-prod-02',
      'Adele Vance',
      'db-01',
      'heading 1',
      'test-07',
    ]);
    expect(new Set(items.map((i) => i.key)).size).toBe(items.length);
  });

  it('keeps the heading and its count when the excluded machines are folded', () => {
    const items = machineListItems(selectObjects(all, EMPTY_OBJECT_FILTER), true);
    expect(items.at(-1)).toMatchObject({ kind: 'excluded', count: 1, collapsed: true });
    expect(items).toHaveLength(5);
  });

  it('has no heading when no excluded machine matches', () => {
    const items = machineListItems(selectObjects([web, db], EMPTY_OBJECT_FILTER), false);
    expect(items.every((i) => i.kind === 'object')).toBe(true);
  });
});
