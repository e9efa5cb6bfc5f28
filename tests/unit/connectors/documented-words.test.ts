/**
 * Every state, result and status word the vendors' documents list (read from the schema extracts
 * in tests/fixtures/vendor-schemas) maps to a sensible status, word by word: a documented failure
 * never reads as success, a running or waiting word never reads as unknown.
 */
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import type { SessionStatus } from '../../../src-main/common/model.js';
import { mapSppStatus } from '../../../src-main/core/connectors/spp/spp-status.js';
import { mapVb365LogLevel, mapVb365Status } from '../../../src-main/core/connectors/vb365/vb365-status.js';
import { isVbrJobDisabled, mapVbrLogLevel, mapVbrStatus } from '../../../src-main/core/connectors/vbr/vbr-status.js';
import { mapVcsaStatus } from '../../../src-main/core/connectors/vcsa/vcsa-status.js';

type Schema = { enum?: string[]; properties?: Record<string, Schema> };

function schemasOf(file: string): Record<string, Schema> {
  const extract = JSON.parse(readFileSync(new URL(`../../fixtures/vendor-schemas/${file}`, import.meta.url), 'utf8')) as {
    components: { schemas: Record<string, Schema> };
  };
  return extract.components.schemas;
}

const words = (schema: Schema | undefined): string[] => {
  expect(schema?.enum?.length).toBeGreaterThan(0);
  return schema?.enum ?? [];
};

const ACTIVE: readonly SessionStatus[] = ['queued', 'paused', 'running'];

describe.each(['vbr-rest-1.2-rev1.json', 'vbr-rest-1.3-rev1.json'])('VBR words of %s', (file) => {
  const schemas = schemasOf(file);

  it.each(words(schemas['ESessionState']).filter((w) => w !== 'Stopped'))('state %s is a run still going, whatever its result', (state) => {
    for (const result of words(schemas['ESessionResult'])) {
      expect(ACTIVE).toContain(mapVbrStatus({ state, result, isCanceled: false }));
    }
  });

  it.each([
    ['Success', false, 'succeeded'],
    ['Warning', false, 'warning'],
    ['Failed', false, 'failed'],
    ['Failed', true, 'failed'],
    ['None', true, 'canceled'],
    // Stopped with no result and not canceled says nothing about the run: kept as unknown, never success.
    ['None', false, 'unknown'],
  ] as const)('a stopped session with result %s (canceled %s) is %s', (result, isCanceled, status) => {
    expect(words(schemas['ESessionResult'])).toContain(result);
    expect(mapVbrStatus({ state: 'Stopped', result, isCanceled })).toBe(status);
  });

  it('knows every result word a stopped session can carry', () => {
    expect(words(schemas['ESessionResult']).sort()).toEqual(['Failed', 'None', 'Success', 'Warning']);
  });

  it.each(words(schemas['ETaskLogRecordStatus']))('log status %s has a level', (word) => {
    expect(mapVbrLogLevel(word)).toBe(word === 'Failed' ? 'error' : word === 'Warning' ? 'warning' : 'info');
  });

  it.each(words(schemas['EJobStatus']))('job status %s is disabled only when it says so', (word) => {
    expect(isVbrJobDisabled(word)).toBe(word.toLowerCase() === 'disabled');
  });
});

const VB365_SESSION: Readonly<Record<string, SessionStatus>> = {
  Stopped: 'canceled',
  Running: 'running',
  Success: 'succeeded',
  Failed: 'failed',
  Warning: 'warning',
  // The proxy lost the session: not a confirmed backup, worth a look.
  Disconnected: 'warning',
  // A job never configured ran nothing: neither success nor failure.
  NotConfigured: 'unknown',
  Queued: 'queued',
};

describe.each(['vb365-rest-v7.json', 'vb365-rest-v8.json'])('VB365 words of %s', (file) => {
  const schemas = schemasOf(file);

  it.each(words(schemas['RESTJobSession']?.properties?.['status']))('job session status %s', (word) => {
    expect(VB365_SESSION[word]).toBeDefined();
    expect(mapVb365Status(word)).toBe(VB365_SESSION[word]);
  });
});

describe('VB365 v8 log item types', () => {
  const schemas = schemasOf('vb365-rest-v8.json');
  // A stopped run is worth a look, as a warning; Running and Success are plain information.
  const levelOf = (word: string) => (word === 'Error' ? 'error' : word === 'Warning' || word === 'Stop' ? 'warning' : 'info');
  it.each(words(schemas['RESTLogItem']?.properties?.['type']))('%s', (word) => expect(mapVb365LogLevel(word)).toBe(levelOf(word)));
});

describe("VCSA words of VMware's bindings", () => {
  const schemas = schemasOf('vcsa-backup-job.json');
  const expected: Readonly<Record<string, SessionStatus>> = {
    PENDING: 'queued',
    BLOCKED: 'queued',
    // `/job/{id}`: "not started".
    NONE: 'queued',
    RUNNING: 'running',
    INPROGRESS: 'running',
    SUCCEEDED: 'succeeded',
    FAILED: 'failed',
  };
  const all = [...words(schemas['DetailsInfo']?.properties?.['status']), ...words(schemas['BackupJobStatus']?.properties?.['state'])];
  it.each(all)('%s', (word) => expect(mapVcsaStatus(word)).toBe(expected[word]));
});

describe('SPP words of the API notes (IBM publishes no schema)', () => {
  const waiting = ['RUNNING', 'PENDING', 'HELD', 'WAITING', 'PAUSING', 'PAUSED', 'SUSPENDING', 'SUSPENDED'];
  it.each(waiting)('%s is a run still going', (word) => expect(ACTIVE).toContain(mapSppStatus(word)));
  it.each(['STOPPING', 'STOPPED', 'CANCELING', 'CANCELED'])('%s is canceled', (word) => expect(mapSppStatus(word)).toBe('canceled'));
  it('reads the outcomes as they are, and UNKNOWN as unknown', () => {
    expect(['FAILED', 'PARTIAL', 'COMPLETED', 'UNKNOWN'].map(mapSppStatus)).toEqual(['failed', 'warning', 'succeeded', 'unknown']);
  });
});
