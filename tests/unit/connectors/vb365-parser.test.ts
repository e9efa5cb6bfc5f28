import { describe, expect, it } from 'vitest';
import { ConnectorError } from '../../../src-main/core/http/errors.js';
import type { LogLine } from '../../../src-main/core/logger.js';
import { createLogger, onceLogger } from '../../../src-main/core/logger.js';
import {
  parseVb365Jobs,
  parseVb365LogItems,
  parseVb365SessionPage,
  parseVb365SingleSession,
  parseVb365Time,
  parseVb365Token,
  readVb365Quantity,
} from '../../../src-main/core/connectors/vb365/vb365-parser.js';
import { mapVb365Status } from '../../../src-main/core/connectors/vb365/vb365-status.js';
import { fixtureSet } from './fixtures.js';

const FIXTURES = fixtureSet('vb365');
const JOB_NAMES: Record<string, string> = {
  '196e4df2-0faf-4b8e-ba17-ce8c0eb4edc5': 'Exchange Online - All Mailboxes',
  '0f6c2d1e-1111-4aaa-8bbb-000000000002': 'SharePoint Online - Intranet',
};

function context() {
  const lines: LogLine[] = [];
  const log = onceLogger(createLogger((l) => lines.push(l)));
  return { lines, ctx: { applianceId: 'vbo-1', log, jobName: (id: string) => JOB_NAMES[id] } };
}

const PARSERS = { sessions: parseVb365SessionPage, jobs: parseVb365Jobs, logitems: parseVb365LogItems } as const;

describe('VB365 fixtures (raw → normalized), per version and scenario', () => {
  const names = FIXTURES.names();
  it('has a fixture for each version v5..v8', () => {
    for (const v of ['v5', 'v6', 'v7', 'v8']) expect(names.some((f) => f.startsWith(`${v}-`))).toBe(true);
  });
  it.each(names)('%s', (name) => {
    const kind = name.split('.')[1] as keyof typeof PARSERS;
    const { ctx } = context();
    expect(PARSERS[kind](FIXTURES.read(name, 'raw'), ctx)).toEqual(FIXTURES.read(name, 'normalized'));
  });
});

describe('parseVb365Time', () => {
  it.each([
    ['2020-12-13T22:00:00.5852401Z', '2020-12-13T22:00:00.585Z'],
    ['2020-12-13T22:02:17.6515649Z', '2020-12-13T22:02:17.651Z'],
    ['2021-03-01T08:15:00.1234567-07:00', '2021-03-01T15:15:00.123Z'],
    ['2024-03-10T06:00:00.0000001+02:00', '2024-03-10T04:00:00.000Z'],
    ['2024-03-10T06:00:00+0530', '2024-03-10T00:30:00.000Z'],
    ['2021-06-02T22:00:00', '2021-06-02T22:00:00.000Z'],
    ['2021-06-02T22:00Z', '2021-06-02T22:00:00.000Z'],
    ['2021-12-31T23:59:59.9999999-01:00', '2022-01-01T00:59:59.999Z'],
  ])('%s → %s', (text, iso) => {
    expect(parseVb365Time(text)).toBe(iso);
  });

  it.each([null, undefined, 42, '', 'yesterday', '2021-02-30T10:00:00Z', '2021-01-01T24:00:00Z', '0001-01-01T00:00:00'])(
    '%s → null',
    (v) => {
      expect(parseVb365Time(v)).toBeNull();
    },
  );
});

describe('readVb365Quantity', () => {
  it.each([
    [71012, 71012],
    ['2184', 2184],
    ['99.1 KB/s', 101478],
    ['1.5 MB/s', 1572864],
    ['60.6 MB', 63543706],
    ['9 items/s', 9],
    ['12 B', 12],
    ['2 GB', 2 * 1024 ** 3],
  ])('%s → %s', (v, n) => {
    expect(readVb365Quantity(v)).toBe(n);
  });
  it.each(['fast', '', '12 parsecs', 'NaN', null, {}, Number.POSITIVE_INFINITY])('%s → null', (v) => {
    expect(readVb365Quantity(v)).toBeNull();
  });
});

describe('mapVb365Status', () => {
  it.each([
    ['Running', 'running'],
    ['Queued', 'queued'],
    ['Success', 'succeeded'],
    ['Warning', 'warning'],
    ['Failed', 'failed'],
    ['Stopped', 'canceled'],
    ['Disconnected', 'warning'],
    ['NotConfigured', 'unknown'],
    ['FAILED', 'failed'],
    [' success ', 'succeeded'],
    ['Succeeded', 'unknown'],
    ['toString', 'unknown'],
    ['', 'unknown'],
  ])('%s → %s', (word, status) => {
    expect(mapVb365Status(word)).toBe(status);
  });
});

describe('VB365 sessions', () => {
  it('keeps the vendor word and logs an unmapped word once however often it comes', () => {
    const { ctx, lines } = context();
    const body = FIXTURES.read('v7-odd-status.sessions', 'raw');
    parseVb365SessionPage(body, ctx);
    parseVb365SessionPage(body, ctx);
    const unknownWords = lines.filter((l) => l.message.includes('status word not mapped'));
    expect(unknownWords).toHaveLength(1);
  });

  it('reads the job id from `_links.job` when the session has no `jobId` (v5, v6)', () => {
    const { ctx } = context();
    const [session] = parseVb365SessionPage(FIXTURES.read('v5-seed.sessions', 'raw'), ctx).items;
    expect(session?.jobId).toBe('196e4df2-0faf-4b8e-ba17-ce8c0eb4edc5');
  });

  it('keeps a job link that is not valid percent-encoding (a bare %) as it is', () => {
    const { ctx } = context();
    const linked = (href: string) => parseVb365SingleSession({ id: 'x', status: 'Success', _links: { job: { href } } }, ctx).jobId;
    expect(linked('/v6/Jobs/100%')).toBe('100%');
    expect(linked('/v6/Jobs/a%20b')).toBe('a b');
  });

  it('treats progress as a count of objects, never as a percent', () => {
    const { ctx } = context();
    const session = parseVb365SingleSession({ id: 'x', status: 'Running', creationTime: '2024-01-01T00:00:00Z', progress: 250 }, ctx);
    expect(session.progress).toEqual({ percent: null, completed: 250, total: null, unit: 'objects' });
  });

  it('skips unreadable entries, logs that once and counts what was received', () => {
    const { ctx, lines } = context();
    const page = parseVb365SessionPage(FIXTURES.read('v6-nulls.sessions', 'raw'), ctx);
    expect(page.items.map((s) => s.id)).toEqual(['n-1', 'n-2']);
    expect(page.received).toBe(5);
    expect(lines.filter((l) => l.message.includes('skipped unreadable job session'))).toHaveLength(1);
  });

  it('refuses a body that is neither a list nor a page', () => {
    const { ctx } = context();
    for (const body of [null, 'text', { results: 'nope' }, { items: [] }]) {
      expect(() => parseVb365SessionPage(body, ctx)).toThrow(ConnectorError);
    }
    expect(() => parseVb365SingleSession({ status: 'Success' }, ctx)).toThrow(ConnectorError);
  });
});

describe('VB365 tokens', () => {
  it('dates the token from expires_in, numbers as text included, 3600 s by default', () => {
    expect(parseVb365Token({ access_token: 'a', refresh_token: 'r', expires_in: '600' }, 1000)).toEqual({
      accessToken: 'a',
      refreshToken: 'r',
      expiresAtMs: 601_000,
    });
    expect(parseVb365Token({ access_token: 'a' }, 0)).toEqual({ accessToken: 'a', refreshToken: null, expiresAtMs: 3_600_000 });
    expect(() => parseVb365Token({ token: 'a' }, 0)).toThrow(ConnectorError);
  });
});
