import { describe, expect, it } from 'vitest';
import { DEFAULT_SETTINGS } from '../../../src-main/common/settings.js';
import { parseConfig } from '../../../src-main/core/config/config-parse.js';

const older = {
  schemaVersion: 1,
  appliances: [],
  settings: {
    pollIntervalSec: 120,
    notifications: { failure: false, recovery: true, applianceProblems: true, missedRuns: true, overruns: false, digestThreshold: 3 },
    acknowledged: { 'a1/j1': { sessionId: 's9', until: null } },
  },
};

describe('protection settings in the configuration file', () => {
  it('gives a file written before them the defaults, and keeps what it says', () => {
    const { data, problems } = parseConfig(older);
    expect(problems).toEqual([]);
    expect(data.settings).toMatchObject({
      pollIntervalSec: 120,
      rpoSec: 26 * 3600,
      warningsAreUnprotected: false,
      jobRpo: {},
      notifications: { failure: false, rpoBreaches: true },
      acknowledged: { 'a1/j1': { sessionId: 's9', until: null } },
    });
  });

  it('keeps per-job RPOs, off included, and acknowledged breaches', () => {
    const settings = {
      ...older.settings,
      rpoSec: 12 * 3600,
      warningsAreUnprotected: true,
      jobRpo: { 'a1/j1': { rpoSec: 3600 }, 'a1/j2': { rpoSec: null } },
      acknowledged: { 'a1/j3': { sessionId: null, rpoBreach: 'never', until: null } },
    };
    const { data, problems } = parseConfig({ ...older, settings });
    expect(problems).toEqual([]);
    expect(data.settings).toMatchObject(settings);
  });

  it.each([
    ['rpoSec', { rpoSec: 10 }],
    ['rpoSec', { rpoSec: 'daily' }],
    ['jobRpo', { jobRpo: { 'a1/j1': { rpoSec: 400 * 86_400 } } }],
    ['warningsAreUnprotected', { warningsAreUnprotected: 'yes' }],
  ])('resets an invalid %s to its default with a problem and keeps the rest', (key, bad) => {
    const { data, problems } = parseConfig({ ...older, settings: { ...older.settings, ...bad } });
    expect(problems).toEqual([`The setting "${key}" is invalid; its default is used.`]);
    expect(data.settings[key as 'rpoSec']).toEqual(DEFAULT_SETTINGS[key as 'rpoSec']);
    expect(data.settings.pollIntervalSec).toBe(120);
  });
});
