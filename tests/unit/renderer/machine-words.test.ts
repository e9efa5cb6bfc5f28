import { describe, expect, it } from 'vitest';
import type { ExclusionRule } from '../../../src-main/common/object-coverage.js';
import {
  coverageSentence,
  exclusionWords,
  matchWords,
  namesWithMore,
  objectReason,
  problemLead,
} from '../../../src-renderer/lib/machine-words.js';
import { backup, coverage, machine } from './object-fixtures.js';

const NOW = Date.parse('2025-01-02T12:00:00.000Z');
const unprotected = (name: string, applianceId = 'vc1') =>
  machine({
    name,
    state: 'unprotected',
    backups: [],
    lastGoodPoint: null,
    inventory: { applianceId, applianceName: applianceId, folder: null, tags: [] },
  });

describe('coverageSentence', () => {
  it('says how many VMs an inventory has protected and names those in no backup', () => {
    const objects = [unprotected('web-old-01'), unprotected('test-07'), unprotected('elsewhere', 'vc2')];
    expect(coverageSentence(coverage({ protected: 42, unprotected: 2 }), objects)).toBe(
      '42 of 44 VMs in vcenter-prod are protected; web-old-01 and test-07 are in no backup',
    );
  });

  it('counts the VMs at risk and excluded, and the unprotected ones the window does not hold', () => {
    const sentence = coverageSentence(coverage({ protected: 1, unprotected: 5, at_risk: 2, excluded: 3 }), [
      unprotected('a'),
      unprotected('b'),
    ]);
    expect(sentence).toBe('1 of 8 VMs in vcenter-prod is protected; a, b and 3 more are in no backup; 2 at risk; 3 excluded');
  });

  it('speaks of one VM in the singular', () => {
    expect(coverageSentence(coverage({ unprotected: 1 }), [unprotected('lonely')])).toBe(
      '0 of 1 VM in vcenter-prod are protected; lonely is in no backup',
    );
  });

  it('says so when every VM is excluded, or the inventory lists none', () => {
    expect(coverageSentence(coverage({ excluded: 4 }), [])).toBe('All 4 VMs in vcenter-prod are excluded');
    expect(coverageSentence(coverage({}), [])).toBe('vcenter-prod lists no VM');
  });
});

describe('namesWithMore', () => {
  it('names three at most and counts the rest', () => {
    expect(namesWithMore(['a'], 1)).toBe('a');
    expect(namesWithMore(['a', 'b', 'c'], 3)).toBe('a, b and c');
    expect(namesWithMore(['a', 'b', 'c', 'd', 'e'], 9)).toBe('a, b, c and 6 more');
    expect(namesWithMore([], 2)).toBe('2 VMs');
  });
});

describe('objectReason', () => {
  it('leads with the cause of each state', () => {
    expect(objectReason(unprotected('web-old-01'), NOW)).toBe('In no backup; vc1 lists it');
    expect(objectReason(machine({ name: 'x', lastGoodPoint: '2025-01-02T09:00:00.000Z' }), NOW)).toBe('Newest good restore point 3 h ago');
    expect(objectReason(machine({ name: 'x', state: 'at_risk', reason: 'no_point', lastGoodPoint: null }), NOW)).toBe(
      'No good restore point yet',
    );
  });

  it('says how old the newest point is against the RPO', () => {
    const old = machine({
      name: 'x',
      state: 'at_risk',
      reason: 'point_too_old',
      lastGoodPoint: '2024-12-30T12:00:00.000Z',
      rpoSec: 93_600,
    });
    expect(objectReason(old, NOW)).toBe('No restore point within 26 h: the newest is 3 d old');
  });

  it('says when the newest backup failed, taking the newest failure of every appliance', () => {
    const failed = machine({
      name: 'x',
      state: 'at_risk',
      reason: 'last_run_failed',
      lastGoodPoint: '2025-01-01T12:00:00.000Z',
      backups: [
        backup({ lastFailure: '2025-01-02T08:00:00.000Z' }),
        backup({ applianceId: 'spp1', lastFailure: '2025-01-02T10:00:00.000Z' }),
      ],
    });
    expect(objectReason(failed, NOW)).toBe('Its newest backup failed 2 h ago; the newest good point is 24 h old');
  });
});

describe('exclusionWords', () => {
  const names = (id: string) => ({ vc1: 'vcenter-prod' })[id] ?? id;
  const rule = (match: ExclusionRule['match'], applianceId: string | null = null): ExclusionRule => ({ id: 'r', applianceId, match });

  it('says what a rule leaves out and where', () => {
    expect(exclusionWords(rule({ kind: 'name', pattern: 'test-*' }), names, (k) => k)).toBe('Name matches test-* · everywhere');
    expect(exclusionWords(rule({ kind: 'folder', folder: '/DC/vm/Lab' }, 'vc1'), names, (k) => k)).toBe(
      'In folder /DC/vm/Lab · on vcenter-prod',
    );
    expect(exclusionWords(rule({ kind: 'tag', tag: 'no-backup' }), names, (k) => k)).toBe('Tagged no-backup · everywhere');
    expect(exclusionWords(rule({ kind: 'object', key: 'vm:u/vm-7' }), names, () => 'test-07')).toBe('The object test-07 · everywhere');
  });
});

describe('matchWords', () => {
  it('states the name-only fallback plainly', () => {
    expect(matchWords(machine({ name: 'x', matchedBy: 'name' }))).toMatch(/^By name only/);
    expect(matchWords(machine({ name: 'x' }))).toMatch(/platform ids/);
    expect(matchWords(machine({ name: 'x', inventory: null }))).toBe('No inventory lists it');
  });
});

describe('problemLead', () => {
  it('opens a problem machine’s page with its notification’s words and where it stands', () => {
    expect(problemLead(unprotected('web-old-01'), NOW)).toEqual({
      title: 'web-old-01 is in no backup',
      detail: 'vc1 lists it, and no backup covers it.',
    });
    const old = machine({
      name: 'web-prod-02',
      state: 'at_risk',
      reason: 'point_too_old',
      lastGoodPoint: '2024-12-30T12:00:00.000Z',
      backups: [backup(), backup({ applianceId: 'spp1', applianceName: 'SPP prod' }), backup({ objectId: 'vm-2' })],
    });
    const lead = problemLead(old, NOW)!;
    expect(lead.title).toBe('web-prod-02 has no restore point within 26 h');
    expect(lead.detail).toMatch(/, on VBR prod, SPP prod; its RPO is 26 h\.$/);
  });

  it('has none for a protected or excluded machine', () => {
    expect(problemLead(machine({ name: 'x' }), NOW)).toBeNull();
    expect(problemLead(machine({ name: 'x', state: 'excluded', excludedBy: 'r' }), NOW)).toBeNull();
  });
});
