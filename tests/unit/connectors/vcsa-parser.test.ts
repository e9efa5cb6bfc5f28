import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import type { Session } from '../../../src-main/common/model.js';
import { ConnectorError } from '../../../src-main/core/http/errors.js';
import { silentLogger } from '../../../src-main/core/logger.js';
import {
  VCSA_JOB_ID,
  parseDetailsEntry,
  parseJobDetails,
  parseJobLog,
  parseSessionToken,
  readVcsaTime,
} from '../../../src-main/core/connectors/vcsa/vcsa-parser.js';
import { backupJob, compareJobIds, nextScheduledRun, parseSchedules } from '../../../src-main/core/connectors/vcsa/vcsa-job.js';
import { VCSA_STATUS, mapVcsaStatus } from '../../../src-main/core/connectors/vcsa/vcsa-status.js';
import { jobDetailsRequest, loginRequest } from '../../../src-main/core/connectors/vcsa/vcsa-requests.js';
import { buildQuery } from '../../../src-main/core/http/http-request.js';
import { parseVcsaFixture, readVcsaFixture, vcsaFixtureNames } from './vcsa-fixtures.js';

const ctx = { applianceId: 'vcsa-1', log: silentLogger };

/** The `/rest` `[{key, value}]` payload of a fixture, re-spelled as an `/api` map. */
function asApiMap(restBody: unknown): Record<string, unknown> {
  const list = (restBody as { value: { key?: string; value: unknown }[] }).value;
  return Object.fromEntries(list.flatMap((e) => (e.key === undefined ? [] : [[e.key, e.value]])));
}

describe('VCSA parser on recorded fixtures', () => {
  it.each(vcsaFixtureNames())('%s matches its normalized twin', (name) => {
    expect(parseVcsaFixture(name)).toEqual(readVcsaFixture(name, 'normalized'));
  });

  it('reads the seed answer: PENDING is queued and its end_time is ignored until it finishes', () => {
    const [seed] = parseJobDetails(readVcsaFixture('rest-details-seed', 'raw'), 'rest', ctx);
    expect(seed).toMatchObject({
      id: 'obj-103',
      jobId: VCSA_JOB_ID,
      jobName: 'vCenter backup',
      type: 'SCHEDULED',
      status: 'queued',
      end: null,
    });
    expect(seed?.details).toEqual({ sizeBytes: 1, location: 'http://myurl.com', messages: ['string', 'string'], user: 'string' });
  });

  it('gives the same sessions for the same data in both API styles', () => {
    const rest = readVcsaFixture('rest-details-odd', 'raw');
    expect(parseJobDetails(asApiMap(rest), 'api', ctx)).toEqual(parseJobDetails(rest, 'rest', ctx));
  });

  it('turns the error of a failed job into the message, in either error shape', () => {
    const api = parseJobDetails(readVcsaFixture('api-details-mixed', 'raw'), 'api', ctx).find((s) => s.status === 'failed');
    const rest = parseJobDetails(readVcsaFixture('rest-details-odd', 'raw'), 'rest', ctx).find((s) => s.status === 'failed');
    expect(api?.message).toBe('Backup failed: common: the storage target is out of space.');
    expect(rest?.message).toBe('The backup location is not reachable');
  });

  it('joins several messages as sentences', () => {
    const session = parseDetailsEntry(
      'j',
      { status: 'SUCCEEDED', messages: [{ default_message: 'Backup done' }, { id: 'only.an.id' }, 'Plain text!'] },
      ctx,
    );
    expect(session?.message).toBe('Backup done. only.an.id. Plain text!');
  });

  it('refuses answers of the wrong overall shape as malformed', () => {
    expect(() => parseJobDetails({ jobs: [] }, 'rest', ctx)).toThrow(ConnectorError);
    expect(() => parseJobDetails('text', 'api', ctx)).toThrow(/not a map/);
    expect(() => parseSessionToken({ value: 'abc' }, 'api')).toThrow(/no session token/);
    expect(parseSessionToken('abc', 'api')).toBe('abc');
  });

  it('never throws on odd details entries', () => {
    fc.assert(
      fc.property(fc.string(), fc.jsonValue(), (id, raw) => {
        const session = parseDetailsEntry(id, raw, ctx);
        if (session) expect(session.jobId).toBe(VCSA_JOB_ID);
      }),
      { numRuns: 300 },
    );
  });
});

describe('VCSA status words', () => {
  it('maps both word sets, case-insensitively', () => {
    const expected: Record<string, string> = {
      PENDING: 'queued',
      blocked: 'queued',
      RUNNING: 'running',
      InProgress: 'running',
      SUCCEEDED: 'succeeded',
      FAILED: 'failed',
      NONE: 'queued',
      CANCELED: 'unknown',
      '': 'unknown',
    };
    for (const [word, status] of Object.entries(expected)) expect(mapVcsaStatus(word)).toBe(status);
    expect(Object.keys(VCSA_STATUS).sort()).toEqual(['BLOCKED', 'FAILED', 'INPROGRESS', 'NONE', 'PENDING', 'RUNNING', 'SUCCEEDED']);
  });

  it('keeps an unknown word verbatim', () => {
    expect(parseDetailsEntry('j', { status: 'Paused' }, ctx)).toMatchObject({ status: 'unknown', vendorStatus: 'Paused' });
  });
});

describe('VCSA times, ids and requests', () => {
  it('reads ISO times with or without fractions and zones', () => {
    expect(readVcsaTime('2026-01-22T01:30:00Z')).toBe('2026-01-22T01:30:00.000Z');
    expect(readVcsaTime('2026-01-22T01:30:00.123456Z')).toBe('2026-01-22T01:30:00.123Z');
    expect(readVcsaTime('2026-01-22T01:30:00')).toBe('2026-01-22T01:30:00.000Z');
    expect(readVcsaTime('2026-01-22T03:30:00+02:00')).toBe('2026-01-22T01:30:00.000Z');
    expect(readVcsaTime('yesterday')).toBeNull();
    expect(readVcsaTime(null)).toBeNull();
  });

  it('orders job ids by their time, whatever the build suffix', () => {
    const ids = ['20260122-013000-9', '20251231-235959-24322831', '20260122-013000-10', '20260101-000000-1'];
    expect([...ids].sort(compareJobIds)).toEqual([
      '20251231-235959-24322831',
      '20260101-000000-1',
      '20260122-013000-10',
      '20260122-013000-9',
    ]);
  });

  it('filters details by repeated filter.jobs (/rest) or jobs (/api)', () => {
    const rest = jobDetailsRequest('rest', ['a', 'b']);
    const api = jobDetailsRequest('api', ['a', 'b']);
    expect(rest.path).toBe('/rest/appliance/recovery/backup/job/details');
    expect(buildQuery(rest.query)).toBe('?filter.jobs=a&filter.jobs=b');
    expect(api.path).toBe('/api/appliance/recovery/backup/job/details');
    expect(buildQuery(api.query)).toBe('?jobs=a&jobs=b');
  });

  it('logs in with HTTP Basic at the style’s session path', () => {
    expect(loginRequest('api', 'u', 'p€')).toMatchObject({
      method: 'POST',
      path: '/api/session',
      headers: { Authorization: `Basic ${Buffer.from('u:p€').toString('base64')}` },
    });
    expect(loginRequest('rest', 'u', 'p').path).toBe('/rest/com/vmware/cis/session');
  });
});

describe('VCSA schedules and the synthetic job', () => {
  const daily = parseSchedules(readVcsaFixture('api-schedules', 'raw'), 'api', ctx);
  const mixed = parseSchedules(readVcsaFixture('rest-schedules', 'raw'), 'rest', ctx);

  it('fires a daily schedule today if its time is still ahead, else tomorrow', () => {
    expect(nextScheduledRun(daily, Date.parse('2026-01-22T00:00:00Z'))).toBe('2026-01-22T01:30:00.000Z');
    expect(nextScheduledRun(daily, Date.parse('2026-01-22T01:30:00Z'))).toBe('2026-01-23T01:30:00.000Z');
  });

  it('fires a weekly schedule on its next listed weekday; disabled and timeless schedules never fire', () => {
    // 2026-01-22 is a Thursday; the schedule runs Monday and Thursday at 23:05.
    expect(nextScheduledRun(mixed, Date.parse('2026-01-22T12:00:00Z'))).toBe('2026-01-22T23:05:00.000Z');
    expect(nextScheduledRun(mixed, Date.parse('2026-01-23T00:00:00Z'))).toBe('2026-01-26T23:05:00.000Z');
    expect(
      nextScheduledRun(
        mixed.filter((s) => s.id !== 'weekly'),
        Date.parse('2026-01-22T12:00:00Z'),
      ),
    ).toBeNull();
  });

  it('is one job named "vCenter backup", off only when every schedule is disabled', () => {
    const now = Date.parse('2026-01-22T00:00:00Z');
    expect(backupJob('vcsa-1', daily, now)).toEqual({
      id: VCSA_JOB_ID,
      applianceId: 'vcsa-1',
      name: 'vCenter backup',
      type: 'appliance-backup',
      nextRun: '2026-01-22T01:30:00.000Z',
      lastRun: null,
      enabled: true,
    });
    expect(backupJob('vcsa-1', [], now)).toMatchObject({ nextRun: null, enabled: true });
    expect(
      backupJob(
        'vcsa-1',
        mixed.filter((s) => s.id === 'old'),
        now,
      ),
    ).toMatchObject({ nextRun: null, enabled: false });
  });
});

describe('VCSA job log', () => {
  it('lists the job’s messages, then its error, with levels from the message ids', () => {
    const body = readVcsaFixture('api-details-mixed', 'raw');
    const entries = parseJobLog(body, 'api', '20260121-101512-24322831', ctx);
    expect(entries).toEqual([
      { time: '2026-01-21T10:15:22.117Z', level: 'error', message: 'Backup job failed' },
      { time: '2026-01-21T10:22:04.480Z', level: 'error', message: 'Backup failed: common: the storage target is out of space.' },
    ]);
    const ok = parseJobLog(body, 'api', '20260120-013000-24322831', ctx);
    expect(ok.map((e) => e.level)).toEqual(['info']);
    expect(parseJobLog(body, 'api', 'no-such-job', ctx)).toEqual([]);
  });

  it('sessions parsed from /rest and /api fixtures carry no log link (the log is read by id)', () => {
    const sessions: Session[] = parseJobDetails(readVcsaFixture('api-details-mixed', 'raw'), 'api', ctx);
    expect(sessions.every((s) => s.logLink === null)).toBe(true);
  });
});
