import { describe, expect, it } from 'vitest';
import type { SessionStatus } from '../../../src-main/common/model.js';
import type { ProtectionState } from '../../../src-main/common/snapshot.js';
import { cctrayStatus, xmlAttribute } from '../../../src-main/serve/cctray.js';
import type { JobFacts } from '../../../src-main/serve/job-facts.js';

const factsOf = (lastOutcome: SessionStatus | null, protection: ProtectionState = 'protected') =>
  ({ job: { lastOutcome, protection } }) as unknown as JobFacts;

describe('CCTray build status of a job', () => {
  it.each([
    ['succeeded', 'protected', false, 'Success'],
    ['failed', 'protected', true, 'Failure'],
    ['succeeded', 'at_risk', true, 'Failure'],
    [null, 'at_risk', false, 'Failure'],
    [null, 'new', false, 'Unknown'],
    ['warning', 'protected', false, 'Failure'],
    ['warning', 'protected', true, 'Success'],
    ['canceled', 'protected', false, 'Failure'],
    ['unknown', 'protected', true, 'Success'],
  ] as const)('%s, %s, warnings as success %s → %s', (outcome, protection, warningIsSuccess, expected) => {
    expect(cctrayStatus(factsOf(outcome, protection), { warningIsSuccess })).toBe(expected);
  });
});

describe('xmlAttribute', () => {
  it('escapes the special characters and replaces what XML cannot carry', () => {
    expect(xmlAttribute(`a&b<c>"d"'e'`)).toBe('a&amp;b&lt;c&gt;&quot;d&quot;&apos;e&apos;');
    expect(xmlAttribute('tab\there\nnl\u0000nul\uD800x')).toBe('tab&#9;here&#10;nl\uFFFDnul\uFFFDx');
    expect(xmlAttribute('💾')).toBe('💾');
  });
});
