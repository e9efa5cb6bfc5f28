import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { SESSION_STATUSES } from '../../../src-main/common/model.js';
import { buildQuery } from '../../../src-main/core/http/http-request.js';
import { ConnectorError } from '../../../src-main/core/http/errors.js';
import { silentLogger } from '../../../src-main/core/logger.js';
import { parseVbrSessionPage, parseVbrToken } from '../../../src-main/core/connectors/vbr/vbr-parser.js';
import { bestVbrRevision, readVbrRevision, sessionsRequest } from '../../../src-main/core/connectors/vbr/vbr-requests.js';
import { mapVbrLogLevel, mapVbrStatus } from '../../../src-main/core/connectors/vbr/vbr-status.js';
import {
  newVbrZone,
  parseVbrTime,
  readUnsupportedRevisions,
  readVbrDurationSec,
  readVbrQuantity,
} from '../../../src-main/core/connectors/vbr/vbr-values.js';
import { fixtureNames, parseFixture, readFixture } from './vbr-fixtures.js';

const ctx = { applianceId: 'vbr-1', log: silentLogger };

describe('VBR fixtures (raw → normalized), per revision and scenario', () => {
  const names = fixtureNames();
  it('has session fixtures for 1.1-rev0 and 1.3-rev1', () => {
    for (const r of ['1.1-rev0', '1.3-rev1']) expect(names).toContainEqual(expect.stringMatching(new RegExp(`^${r}-.*\\.sessions$`)));
  });
  it.each(names)('%s', (name) => {
    expect(parseFixture(name)).toEqual(readFixture(name, 'normalized'));
  });
});

describe('mapVbrStatus', () => {
  it.each([
    ['Working', null, null, 'running'],
    ['working', 'None', false, 'running'],
    ['Postprocessing', 'None', false, 'running'],
    ['Stopping', 'None', false, 'running'],
    ['Starting', 'None', false, 'queued'],
    ['WaitingTape', 'None', false, 'queued'],
    ['waitingslot', 'None', false, 'queued'],
    ['Stopped', 'Success', false, 'succeeded'],
    ['STOPPED', 'success', false, 'succeeded'],
    ['Stopped', 'Warning', false, 'warning'],
    ['Stopped', 'Failed', false, 'failed'],
    ['Stopped', 'None', true, 'canceled'],
    ['Stopped', 'None', false, 'unknown'],
    ['Stopped', 'Interrupted', false, 'unknown'],
    ['Stopped', null, null, 'unknown'],
    // A backup copy job waiting for new restore points.
    ['Idle', 'None', false, 'queued'],
    // 1.3-rev2's word, in neither document here (1.2-rev1, 1.3-rev1): someone has to act, a warning.
    ['ActionRequired', 'None', false, 'warning'],
    ['actionrequired', null, null, 'warning'],
    ['', null, null, 'unknown'],
  ] as const)('%s / %s / canceled %s → %s', (state, result, isCanceled, status) => {
    expect(mapVbrStatus({ state, result, isCanceled })).toBe(status);
  });

  it('maps the session log words, which differ from the session words', () => {
    expect(['Succeeded', 'warning', 'FAILED', 'None', 'Pending'].map(mapVbrLogLevel)).toEqual(['info', 'warning', 'error', 'info', null]);
  });
});

describe('parseVbrTime', () => {
  it.each([
    ['2023-03-17T10:00:01.707+05:30', '2023-03-17T04:30:01.707Z'],
    ['2023-03-17T10:00:01+05:30', '2023-03-17T04:30:01.000Z'],
    ['2023-03-17T10:00:01.7+05:30', '2023-03-17T04:30:01.700Z'],
    ['2023-03-17T10:00:01.7075849+05:30', '2023-03-17T04:30:01.707Z'],
    ['2023-03-17T10:00:01.70758+0530', '2023-03-17T04:30:01.707Z'],
    ['2023-03-17T01:00:00.000-07:00', '2023-03-17T08:00:00.000Z'],
    ['2023-03-17T10:00:01Z', '2023-03-17T10:00:01.000Z'],
  ])('%s → %s', (text, iso) => {
    expect(parseVbrTime(text)).toBe(iso);
  });

  it('reads a time without a zone in the zone the server last named (UTC before any)', () => {
    const zone = newVbrZone();
    expect(parseVbrTime('2023-03-17T10:00:00', zone)).toBe('2023-03-17T10:00:00.000Z');
    parseVbrTime('2023-03-17T09:00:00+05:30', zone);
    expect(parseVbrTime('2023-03-17T10:00:00.5', zone)).toBe('2023-03-17T04:30:00.500Z');
  });

  it.each([null, undefined, 1679043601, '', 'yesterday', '2023-02-30T10:00:00+05:30', '2023-03-17T24:00:00Z', '0001-01-01T00:00:00'])(
    '%s → null',
    (v) => {
      expect(parseVbrTime(v)).toBeNull();
    },
  );
});

describe('readVbrQuantity and readVbrDurationSec', () => {
  it.each([
    [138_307_174, 138_307_174],
    ['2184', 2184],
    ['131,9 MB', 138_307_174],
    ['131,9 MB/s', 138_307_174],
    ['131.9 MB/s', 138_307_174],
    ['1.234,5 KB', 1_264_128],
    ['1,234.5 KB', 1_264_128],
    ['1 234,5 KB', 1_264_128],
    ['1.234.567 B', 1_234_567],
    ['12 B', 12],
    ['2 GB', 2 * 1024 ** 3],
  ])('%s → %s', (v, n) => {
    expect(readVbrQuantity(v)).toBe(n);
  });
  it.each(['fast', '', '12 parsecs', '1,2,3 MB', null, {}, Number.NaN])('%s → null', (v) => {
    expect(readVbrQuantity(v)).toBeNull();
  });
  it.each([
    [312, 312],
    ['00:05:12', 312],
    ['1.02:03:04.5', 93_784],
    ['soon', null],
    [-4, null],
  ])('duration %s → %s', (v, s) => {
    expect(readVbrDurationSec(v)).toBe(s);
  });
});

describe('revisions', () => {
  it('reads the list of an "Unsupported RESTAPI version" answer, and nothing else', () => {
    const message =
      'HTTP 400 from /api/oauth2/token: {"errorCode":"BadRequest","message":"Unsupported RESTAPI version. The following versions are supported: v1.0-rev1, v1.0-rev2, v1.1-rev0."}';
    expect(readUnsupportedRevisions(message)).toEqual(['1.0-rev1', '1.0-rev2', '1.1-rev0']);
    expect(readUnsupportedRevisions('HTTP 400 from /api/v1/sessions: typeFilter 1.1-rev0')).toBeNull();
  });

  it('picks the newest revision it knows among those listed; 1.0-rev1 is older than it speaks', () => {
    expect(bestVbrRevision(['1.0-rev1', '1.0-rev2', '1.1-rev0', '1.3-rev2'])).toBe('1.1-rev0');
    expect(bestVbrRevision(['1.0-rev1'])).toBeNull();
    expect(readVbrRevision(' V1.2-REV1 ')).toBe('1.2-rev1');
    expect(readVbrRevision('12.3')).toBeNull();
  });

  it('asks 1.3-rev1 for every kind it watches in one list; earlier revisions, which take one type, for all kinds', () => {
    for (const r of ['1.1-rev0', '1.2-rev1', '1.3-rev0'] as const) {
      const query = sessionsRequest(r, { skip: 0, limit: 5 }).query;
      expect(query).toMatchObject({ orderColumn: 'CreationTime', orderAsc: false });
      expect(query?.['typeFilter']).toBeUndefined();
    }
    const request = sessionsRequest('1.3-rev1', { skip: 0, limit: 5 });
    expect(request.headers).toEqual({ 'x-api-version': '1.3-rev1' });
    const query = buildQuery(request.query);
    for (const word of ['BackupJob', 'BackupCopyJob', 'AgentBackup', 'SqlLogBackup', 'ReplicaJob', 'ConfigurationBackup', 'SureBackup']) {
      expect(query).toContain(`typeFilter=${word}&`);
    }
    expect(query).not.toContain('RestoreVm');
  });

  it('answers a session waiting for someone to act as a warning that says so', () => {
    const raw = { id: 's1', name: 'Agent - Laptops', sessionType: 'AgentBackup', state: 'ActionRequired', result: { result: 'None' } };
    expect(parseVbrSessionPage({ data: [raw] }, ctx).items[0]).toMatchObject({
      type: 'Agent backup',
      status: 'warning',
      vendorStatus: 'ActionRequired',
      end: null,
      message: expect.stringMatching(/^Needs attention/),
    });
  });
});

describe('VBR answers of the wrong shape', () => {
  it('throws malformed for a session list without data, or a token without access_token', () => {
    for (const body of [null, [], { items: [] }, 'text']) {
      expect(() => parseVbrSessionPage(body, ctx)).toThrow(ConnectorError);
    }
    expect(() => parseVbrToken({ token_type: 'bearer' }, 0)).toThrow(/access_token/);
    expect(parseVbrToken({ access_token: 'a', refresh_token: 'r', expires_in: '900' }, 1000)).toEqual({
      accessToken: 'a',
      refreshToken: 'r',
      expiresAtMs: 901_000,
    });
  });

  it('never throws anything but malformed on fuzzed session pages, and keeps every status in the unified set', () => {
    const field = fc.oneof(
      fc.constant(null),
      fc.string({ maxLength: 8 }),
      fc.integer().map(String),
      fc.double(),
      fc.jsonValue({ maxDepth: 1 }),
    );
    const session = fc.record(
      {
        id: fc.oneof(fc.uuid(), field),
        name: field,
        state: fc.oneof(fc.constantFrom('Working', 'stopped', 'WAITINGTAPE', 'Idle'), field),
        creationTime: fc.oneof(fc.constant('2023-03-17T10:00:01.7075849+05:30'), fc.constant('2023-03-17T10:00:01'), field),
        progressPercent: field,
        result: fc.oneof(fc.record({ result: fc.constantFrom('Success', 'none', 'FAILED'), isCanceled: fc.boolean() }), field),
      },
      { requiredKeys: [] },
    );
    const body = fc.oneof(fc.record({ data: fc.array(fc.oneof(session, field), { maxLength: 5 }), pagination: field }), field);
    fc.assert(
      fc.property(body, (b) => {
        try {
          const page = parseVbrSessionPage(b, ctx);
          for (const s of page.items) expect(SESSION_STATUSES).toContain(s.status);
        } catch (e) {
          expect(e).toMatchObject({ name: 'ConnectorError', kind: 'malformed' });
        }
      }),
      { numRuns: 2000 },
    );
  });
});
