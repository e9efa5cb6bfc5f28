/**
 * Property test over answers the vendors' documents allow: seeded random bodies generated from the
 * schema extracts (and checked against them) go to every parser of a documented call, and what the
 * session parsers read goes on through the status rules and the session query. Nothing throws but
 * a `malformed` ConnectorError (a single answer without an id, a token without a token), and every
 * session served with an id is listed.
 */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import type { Session } from '../../../src-main/common/model.js';
import { buildStatusSnapshot } from '../../../src-main/common/status-rules.js';
import { ConnectorError } from '../../../src-main/core/http/errors.js';
import { onceLogger, silentLogger } from '../../../src-main/core/logger.js';
import { querySessions } from '../../../src-main/core/session-query.js';
import * as vb365 from '../../../src-main/core/connectors/vb365/vb365-parser.js';
import * as vbr from '../../../src-main/core/connectors/vbr/vbr-parser.js';
import * as vcsa from '../../../src-main/core/connectors/vcsa/vcsa-parser.js';
import type { VcsaApiStyle } from '../../../src-main/common/vendors/vcsa/vcsa-options.js';
import { schemaArbitraries } from '../../support/schema-arbitrary.js';
import { documentCheck, readExtract } from '../../support/vendor-schemas.js';
import { makeApplianceState, makeFleet, makeSettings, T0 } from '../common/factories.js';

const RUNS = 100;
const SEED = 20_260_302;

type Body = Record<string, unknown>;
/** What one parser made of an answer, and the ids of the sessions the answer served. */
interface Read {
  readonly sessions: readonly Session[];
  readonly served: readonly string[];
}
type Parse = (body: unknown) => Read | void;

const ctx = () => ({ applianceId: 'a-1', log: onceLogger(silentLogger) });
const idsOf = (list: unknown): string[] =>
  (Array.isArray(list) ? list : []).flatMap((s) =>
    typeof (s as Body)?.['id'] === 'string' && (s as Body)['id'] !== '' ? [(s as Body)['id'] as string] : [],
  );
const page = (sessions: readonly Session[], served: readonly string[]): Read => ({ sessions, served });
const one = (s: Session | null, body: unknown): Read => page(s ? [s] : [], idsOf([body]));

const VBR_CALLS: Readonly<Record<string, Parse>> = {
  'POST /api/oauth2/token': (b) => void vbr.parseVbrToken(b, T0),
  'GET /api/v1/sessions': (b) => page(vbr.parseVbrSessionPage(b, ctx()).items, idsOf((b as Body)['data'])),
  'GET /api/v1/sessions/{id}': (b) => one(vbr.parseVbrSingleSession(b, ctx()), b),
  'GET /api/v1/sessions/{id}/logs': (b) => void vbr.parseVbrSessionLog(b, ctx()),
  'GET /api/v1/sessions/{id}/taskSessions': (b) => void vbr.parseVbrTaskSessions(b, ctx()),
  'GET /api/v1/jobs/states': (b) => void vbr.parseVbrJobStates(b, ctx()),
};

const vb365Calls = (v: string): Readonly<Record<string, Parse>> => ({
  [`POST /${v}/token`]: (b) => void vb365.parseVb365Token(b, T0),
  [`GET /${v}/Jobs`]: (b) => void vb365.parseVb365Jobs(b, ctx()),
  [`GET /${v}/JobSessions`]: (b) => page(vb365.parseVb365SessionPage(b, ctx()).items, idsOf((b as Body)['results'])),
  [`GET /${v}/JobSessions/{jobSessionsId}`]: (b) => one(vb365.parseVb365SingleSession(b, ctx()), b),
  [`GET /${v}/JobSessions/{sessionId}/LogItems`]: (b) => void vb365.parseVb365LogItems(b, ctx()),
});

const detailsIds = (b: unknown, style: VcsaApiStyle): string[] =>
  (style === 'api' ? Object.keys(b as Body) : ((b as { value: { key: string }[] }).value ?? []).map((e) => e.key)).filter(
    (id) => id !== '',
  );
const vcsaCalls = (style: VcsaApiStyle): Readonly<Record<string, Parse>> => ({
  [`GET /${style}/appliance/recovery/backup/job/details`]: (b) => page(vcsa.parseJobDetails(b, style, ctx()), detailsIds(b, style)),
  [`GET /${style}/appliance/recovery/backup/job/{id}`]: (b) => {
    const s = vcsa.parseJobStatus('20260302-090000-1', b, style, ctx());
    return page(s ? [s] : [], s ? [s.id] : []);
  },
});

const DOCUMENTS: readonly (readonly [string, string, Readonly<Record<string, Parse>>])[] = [
  ['vbr-rest-1.2-rev1.json', 'Error', VBR_CALLS],
  ['vbr-rest-1.3-rev1.json', 'Error', VBR_CALLS],
  ['vb365-rest-v7.json', 'RESTExceptionInfo', vb365Calls('v7')],
  ['vb365-rest-v8.json', 'RESTExceptionInfo', vb365Calls('v8')],
  ['vcsa-backup-job.json', 'ApiError', { ...vcsaCalls('api'), ...vcsaCalls('rest') }],
];

/** Runs a parser; a `malformed` refusal is an answer too (null), anything else thrown fails. */
function parsed(parse: Parse, body: unknown): Read | null {
  try {
    return parse(body) ?? null;
  } catch (e) {
    if (e instanceof ConnectorError && e.kind === 'malformed') return null;
    throw e;
  }
}

/** What the status rules and the session query make of the sessions: no throw, every one listed. */
function throughTheRules(sessions: readonly Session[]): void {
  const fleet = makeFleet([makeApplianceState({ sessions })]);
  const snapshot = buildStatusSnapshot(fleet, makeSettings(), T0, () => true);
  expect(() => JSON.stringify(snapshot)).not.toThrow();
  const listed = new Set(querySessions(fleet, { limit: 100_000 }).map((s) => s.id));
  expect(sessions.every((s) => listed.has(s.id))).toBe(true);
}

describe.each(DOCUMENTS)('answers %s allows', (file, errorSchema, calls) => {
  const extract = readExtract(file);
  const check = documentCheck(extract, { errorSchema });
  const { of } = schemaArbitraries(extract.components.schemas);

  it.each(Object.keys(calls))('%s: no throw, every served session listed', (call) => {
    const schema = extract.endpoints[call]?.['200'] ?? extract.endpoints[call]?.['201'];
    expect(schema).toBeTruthy();
    fc.assert(
      fc.property(of(schema!), (body) => {
        expect(check({ call, label: 'generated', status: 200, text: JSON.stringify(body) })).toEqual([]);
        const read = parsed(calls[call]!, body);
        if (read === null) return;
        const ids = new Set(read.sessions.map((s) => s.id));
        expect(read.served.filter((id) => !ids.has(id))).toEqual([]);
        throughTheRules(read.sessions);
      }),
      { numRuns: RUNS, seed: SEED },
    );
  });
});
