import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { ConnectorError } from '../../../src-main/core/http/errors.js';
import { silentLogger } from '../../../src-main/core/logger.js';
import { readEpochIso, readNumber } from '../../../src-main/common/read-fields.js';
import {
  parseJobLogPage,
  parseJobPage,
  parseLogin,
  parseProgressPage,
  parseSessionPage,
  parseSingleSession,
} from '../../../src-main/core/connectors/spp/spp-parser.js';
import { SPP_ACTIVE_WORDS, mapSppStatus, mapSppSummaryStatus } from '../../../src-main/core/connectors/spp/spp-status.js';
import type { Session } from '../../../src-main/common/model.js';
import { progressOfResources } from '../../../src-main/common/progress.js';
import { fixtureNames, parseFixture, readFixture } from './spp-fixtures.js';

const ctx = { applianceId: 'spp-1', log: silentLogger };

describe('SPP parser on recorded and scenario fixtures', () => {
  it.each(fixtureNames())('%s matches its normalized twin', (name) => {
    expect(parseFixture(name)).toEqual(readFixture(name, 'normalized'));
  });

  it('reads the seed session: seconds start, ms end, PARTIAL → warning', () => {
    const { result } = parseFixture('jobsession-seed') as { result: { items: Session[] } };
    const seed = result.items[0];
    expect(seed).toMatchObject({
      id: '1564688656142',
      jobId: '1003',
      status: 'warning',
      vendorStatus: 'PARTIAL',
      start: '2020-01-01T12:20:34.000Z',
      end: '2020-01-01T12:37:14.123Z',
      durationMs: 1_000_000,
    });
  });

  it('keeps paging information when total is 0 but sessions came back (the defect)', () => {
    const page = parseSessionPage(readFixture('jobsession-total-zero', 'raw'), ctx);
    expect(page.total).toBe(0);
    expect(page.received).toBe(2);
    expect(page.items.map((s) => s.id)).toEqual(['1600000000011', '1600000000010']);
  });

  it('logs one line per kind of oddity, keeps unknown words, skips unreadable elements', () => {
    const { result, warnings } = parseFixture('jobsession-odd-fields') as {
      result: { items: Session[]; received: number };
      warnings: string[];
    };
    expect(result.received).toBe(7);
    expect(result.items.map((s) => s.vendorStatus)).toEqual(['ARCHIVING', 'running', 'SHELVED', '']);
    expect(result.items.filter((s) => s.status === 'unknown')).toHaveLength(3);
    expect(warnings).toHaveLength(new Set(warnings).size);
    expect(warnings.filter((w) => w.includes('unknown job session status'))).toHaveLength(1);
  });

  it('reads numbers sent as text', () => {
    const { result } = parseFixture('jobsession-odd-fields') as { result: { items: Session[] } };
    expect(result.items[1]).toMatchObject({ id: '1600000000022', jobId: '1021', progress: { percent: 37.5, completed: 1, total: 2 } });
  });

  it.each([
    ['null', null],
    ['an array', []],
    ['text', 'Gateway error'],
    ['sessions not a list', { sessions: { id: '1' } }],
    ['no sessions key', { total: 3, page: 1 }],
  ])('rejects a job session list that is %s as malformed', (_label, body) => {
    const attempt = () => parseSessionPage(body, ctx);
    expect(attempt).toThrow(ConnectorError);
    expect(attempt).toThrow(expect.objectContaining({ kind: 'malformed' }));
  });

  it('rejects other lists of the wrong shape as malformed', () => {
    for (const parse of [parseJobPage, parseProgressPage, parseJobLogPage]) {
      expect(() => parse({ sessions: [] }, ctx)).toThrow(expect.objectContaining({ kind: 'malformed' }));
    }
    expect(() => parseSingleSession({ status: 'RUNNING' }, ctx)).toThrow(expect.objectContaining({ kind: 'malformed' }));
  });

  it('reads the login answer, and refuses one without a session id', () => {
    expect(parseLogin({ sessionid: '0123456789abcdef0123456789abcdef', user: { name: 'admin' } })).toBe('0123456789abcdef0123456789abcdef');
    expect(() => parseLogin({ user: {} })).toThrow(expect.objectContaining({ kind: 'malformed' }));
  });

  it('never throws on arbitrary elements inside a well-shaped list', () => {
    const element = fc.oneof(
      fc.anything(),
      fc.record({
        id: fc.oneof(fc.string(), fc.integer(), fc.constant(null)),
        status: fc.anything(),
        start: fc.anything(),
        end: fc.anything(),
        properties: fc.anything(),
      }),
    );
    fc.assert(
      fc.property(fc.array(element, { maxLength: 8 }), fc.anything(), (sessions, total) => {
        const page = parseSessionPage({ sessions, total }, ctx);
        expect(page.items.length).toBeLessThanOrEqual(sessions.length);
        expect(page.received).toBe(sessions.length);
      }),
      { numRuns: 300 },
    );
  });
});

describe('SPP status tables', () => {
  it.each([
    ['RUNNING', 'running'],
    ['PENDING', 'queued'],
    ['HELD', 'queued'],
    ['WAITING', 'queued'],
    ['PAUSING', 'paused'],
    ['PAUSED', 'paused'],
    ['SUSPENDING', 'paused'],
    ['SUSPENDED', 'paused'],
    ['STOPPING', 'canceled'],
    ['STOPPED', 'canceled'],
    ['CANCELING', 'canceled'],
    ['CANCELED', 'canceled'],
    ['COMPLETED', 'succeeded'],
    ['PARTIAL', 'warning'],
    ['FAILED', 'failed'],
    ['UNKNOWN', 'unknown'],
    ['ARCHIVING', 'unknown'],
    ['constructor', 'unknown'],
    ['', 'unknown'],
    [' partial ', 'warning'],
  ])('session word %j → %s', (word, status) => {
    expect(mapSppStatus(word)).toBe(status);
  });

  it.each([
    ['complete', 'succeeded'],
    ['partial', 'warning'],
    ['skipped', 'canceled'],
    ['failed', 'failed'],
    ['running', 'running'],
    ['pending', 'queued'],
    ['COMPLETE', 'succeeded'],
    ['aborted', 'unknown'],
  ])('summaryStatus %j → %s', (word, status) => {
    expect(mapSppSummaryStatus(word)).toBe(status);
  });

  it('asks for every word of a session that has not ended', () => {
    expect([...SPP_ACTIVE_WORDS].sort()).toEqual(
      ['CANCELING', 'HELD', 'PAUSED', 'PAUSING', 'PENDING', 'RUNNING', 'STOPPING', 'SUSPENDED', 'SUSPENDING', 'WAITING'].sort(),
    );
  });
});

describe('defensive field readers', () => {
  it.each([
    [1577881234, '2020-01-01T12:20:34.000Z'],
    [1577881234123, '2020-01-01T12:20:34.123Z'],
    [1577881234123456, '2020-01-01T12:20:34.123Z'],
    ['1577881234123456789', '2020-01-01T12:20:34.123Z'],
    ['1577881234', '2020-01-01T12:20:34.000Z'],
    ['2020-01-01T12:20:34.123Z', '2020-01-01T12:20:34.123Z'],
    [0, null],
    [-5, null],
    [null, null],
    ['soon', null],
    [{}, null],
  ])('epoch %j → %j', (value, iso) => {
    expect(readEpochIso(value)).toBe(iso);
  });

  it.each([
    [42, 42],
    ['217081904', 217081904],
    [' 37.5 ', 37.5],
    ['37.59 GB', null],
    ['', null],
    [Number.NaN, null],
    [true, null],
  ])('number %j → %j', (value, n) => {
    expect(readNumber(value)).toBe(n);
  });
});

describe('session progress from resource summaries', () => {
  it('averages percents over all resources and counts finished ones', () => {
    const page = parseProgressPage(readFixture('progress-seed', 'raw'), ctx);
    // 50 + 100 + 35 + (no percent) over 4 resources; partial and complete are finished.
    expect(progressOfResources(page.items)).toEqual({ percent: 46, completed: 2, total: 4, unit: 'resources' });
  });

  it('keeps a resource’s own reason for failing, where SPP gives one', () => {
    const raw = structuredClone(readFixture('progress-seed', 'raw')) as { summaries: Record<string, unknown>[] };
    raw.summaries[0]!['message'] = '  web-prod-02: the storage target is out of space ';
    const page = parseProgressPage(raw, ctx);
    expect(page.items[0]!.message).toBe('web-prod-02: the storage target is out of space');
    expect(page.items[1]).not.toHaveProperty('message');
  });

  it('has no progress without resources', () => {
    expect(progressOfResources([])).toEqual({ percent: null, completed: null, total: null, unit: null });
  });
});
