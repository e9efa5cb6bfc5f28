/**
 * Property-based fuzzing of every vendor's session parser (10,000 answers each) and of the IPC
 * argument validation: no exception but a `malformed` ConnectorError escapes, every status is in
 * the unified set and unknown words map to `unknown`, times are ISO UTC, and nothing the appliance
 * sent is dropped without a log line.
 */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { SESSION_STATUSES, type Session, type SessionStatus } from '../../../src-main/common/model.js';
import type { VendorKey } from '../../../src-main/common/vendors/index.js';
import { REQUEST_CHANNELS } from '../../../src-main/common/ipc-channels.js';
import { ConnectorError } from '../../../src-main/core/http/errors.js';
import { checkRequestArg } from '../../../src-main/core/services/request-validation.js';
import { createLogger } from '../../../src-main/core/logger.js';
import { parseSessionPage } from '../../../src-main/core/connectors/spp/spp-parser.js';
import { mapSppStatus } from '../../../src-main/core/connectors/spp/spp-status.js';
import { parseVb365SessionPage } from '../../../src-main/core/connectors/vb365/vb365-parser.js';
import { mapVb365Status } from '../../../src-main/core/connectors/vb365/vb365-status.js';
import { parseJobDetails } from '../../../src-main/core/connectors/vcsa/vcsa-parser.js';
import { mapVcsaStatus } from '../../../src-main/core/connectors/vcsa/vcsa-status.js';
import { parseVbrSessionPage } from '../../../src-main/core/connectors/vbr/vbr-parser.js';
import { mapVbrStatus } from '../../../src-main/core/connectors/vbr/vbr-status.js';

const RUNS = 10_000;

/** Values an appliance might send in any field: right, wrong type, text for numbers, junk. */
const fieldValue = (...valid: fc.Arbitrary<unknown>[]) =>
  fc.oneof(
    { weight: 4, arbitrary: fc.oneof(...valid) },
    fc.constant(null),
    fc.constant(undefined),
    fc.integer().map(String),
    fc.double({ noNaN: false }),
    fc.string({ maxLength: 12 }),
    fc.jsonValue({ maxDepth: 2 }),
  );

const epoch = fc.oneof(
  fc.integer({ min: 1_500_000_000, max: 1_900_000_000 }),
  fc.integer({ min: 1_500_000_000_000, max: 1_900_000_000_000 }),
  fc.integer({ min: 1_500_000_000_000_000, max: 1_900_000_000_000_000 }),
);
const isoTime = fc.date({ min: new Date('2001-01-01'), max: new Date('2099-01-01'), noInvalidDate: true }).map((d) => d.toISOString());
const fractionTime = isoTime.map((t) => t.replace(/\.\d{3}Z$/, '.5852401Z'));
const word = (words: readonly string[]) =>
  fc.oneof(
    fc.constantFrom(...words),
    fc.constantFrom(...words).map((w) => w.toLowerCase()),
    fc.string({ maxLength: 10 }),
  );

const SPP_WORDS = [
  'RUNNING',
  'PENDING',
  'HELD',
  'WAITING',
  'PAUSED',
  'STOPPED',
  'CANCELED',
  'FAILED',
  'PARTIAL',
  'COMPLETED',
  'UNKNOWN',
  'RESOURCE ACTIVE',
];
const VB365_WORDS = ['Running', 'Queued', 'Success', 'Warning', 'Failed', 'Stopped', 'Disconnected', 'NotConfigured', 'Succeeded'];
const VBR_STATES = [
  'Stopped',
  'Starting',
  'Stopping',
  'Working',
  'Pausing',
  'Resuming',
  'WaitingTape',
  'Idle',
  'Postprocessing',
  'WaitingRepository',
  'WaitingSlot',
];
const VBR_RESULTS = ['Success', 'Warning', 'Failed', 'None'];
const VCSA_WORDS = ['PENDING', 'RUNNING', 'BLOCKED', 'SUCCEEDED', 'FAILED', 'INPROGRESS', 'NONE'];

const sppSession = fc.record(
  {
    id: fieldValue(fc.integer({ min: 1 }).map(String), fc.integer({ min: 1 })),
    jobId: fieldValue(fc.integer({ min: 1000, max: 1100 }).map(String)),
    jobName: fieldValue(fc.string({ maxLength: 20 })),
    type: fieldValue(fc.constantFrom('protection', 'catalog')),
    status: fieldValue(word(SPP_WORDS)),
    start: fieldValue(epoch),
    end: fieldValue(epoch),
    duration: fieldValue(fc.nat()),
    percent: fieldValue(fc.integer({ min: 0, max: 100 })),
    properties: fieldValue(
      fc.record({ statistics: fc.array(fc.record({ resourceType: fc.string(), total: fc.nat(), failed: fc.nat() })) }),
    ),
  },
  { requiredKeys: [] },
);
const vb365Session = fc.record(
  {
    id: fieldValue(fc.uuid()),
    creationTime: fieldValue(fractionTime, isoTime),
    endTime: fieldValue(fractionTime, fc.constant(null)),
    progress: fieldValue(fc.nat()),
    status: fieldValue(word(VB365_WORDS)),
    retryCount: fieldValue(fc.nat()),
    jobWillBeRetried: fieldValue(fc.boolean()),
    statistics: fieldValue(
      fc.record({
        processingRateBytesPS: fieldValue(fc.nat(), fc.constant('99.1 KB/s')),
        transferredDataBytes: fieldValue(fc.nat()),
        bottleneck: fieldValue(fc.string()),
      }),
    ),
    _links: fieldValue(fc.record({ log: fc.record({ href: fc.string() }), job: fc.record({ href: fc.constant('/v6/Jobs/abc') }) })),
  },
  { requiredKeys: [] },
);
const vcsaInfo = fc.record(
  {
    status: fieldValue(word(VCSA_WORDS)),
    type: fieldValue(fc.constantFrom('SCHEDULED', 'MANUAL')),
    start_time: fieldValue(isoTime),
    end_time: fieldValue(isoTime),
    duration: fieldValue(fc.nat()),
    size: fieldValue(fc.nat()),
    progress: fieldValue(fc.record({ total: fieldValue(fc.nat()), completed: fieldValue(fc.nat()) })),
    messages: fieldValue(fc.array(fc.record({ id: fc.string(), default_message: fc.string() }))),
    error: fieldValue(fc.record({ default_message: fc.string() })),
  },
  { requiredKeys: [] },
);

// Local offsets, no offset at all, 0 to 7 fraction digits.
const vbrTime = isoTime.chain((t) =>
  fc.constantFrom(t, t.replace('Z', '+05:30'), t.replace('Z', ''), t.replace(/\.\d{3}Z$/, '.7075849-07:00'), t.replace(/\.\d{3}Z$/, 'Z')),
);
const vbrSession = fc.record(
  {
    id: fieldValue(fc.uuid()),
    name: fieldValue(fc.string({ maxLength: 20 })),
    jobId: fieldValue(fc.uuid()),
    activityId: fieldValue(fc.uuid()),
    sessionType: fieldValue(fc.constantFrom('BackupJob', 'Job', 'ReplicaJob')),
    creationTime: fieldValue(vbrTime),
    endTime: fieldValue(vbrTime, fc.constant(null)),
    state: fieldValue(word(VBR_STATES)),
    progressPercent: fieldValue(fc.integer({ min: 0, max: 100 }), fc.integer({ min: -5, max: 500 })),
    result: fieldValue(
      fc.record(
        { result: fieldValue(word(VBR_RESULTS)), message: fieldValue(fc.string({ maxLength: 20 })), isCanceled: fieldValue(fc.boolean()) },
        { requiredKeys: [] },
      ),
    ),
  },
  { requiredKeys: [] },
);

const elements = <T>(arb: fc.Arbitrary<T>) =>
  fc.array(fc.oneof({ weight: 6, arbitrary: arb }, fc.jsonValue({ maxDepth: 1 })), { maxLength: 6 });

interface Case {
  readonly body: unknown;
  readonly sent: number;
}
interface VendorFuzz {
  readonly name: string;
  readonly cases: fc.Arbitrary<Case>;
  readonly parse: (body: unknown, log: ReturnType<typeof createLogger>) => { sessions: readonly Session[]; received: number };
  /** The statuses the vendor's table allows for a kept vendor word (one, unless the word alone does not decide). */
  readonly statusesOf: (vendorStatus: string) => readonly SessionStatus[];
}

const FUZZ = {
  spp: {
    name: 'spp',
    cases: fc
      .tuple(elements(sppSession), fieldValue(fc.nat()))
      .map(([sessions, total]) => ({ body: { sessions, total, page: 1 }, sent: sessions.length })),
    parse: (body, log) => {
      const page = parseSessionPage(body, { applianceId: 'a', log });
      return { sessions: page.items, received: page.received };
    },
    statusesOf: (w) => [mapSppStatus(w)],
  },
  vb365: {
    name: 'vb365',
    cases: elements(vb365Session).chain((results) =>
      fc.constantFrom<Case>({ body: { offset: 0, limit: 30, results }, sent: results.length }, { body: results, sent: results.length }),
    ),
    parse: (body, log) => {
      const page = parseVb365SessionPage(body, { applianceId: 'a', log });
      return { sessions: page.items, received: page.received };
    },
    statusesOf: (w) => [mapVb365Status(w)],
  },
  vcsa: {
    name: 'vcsa',
    cases: fc
      .dictionary(fc.string({ minLength: 1, maxLength: 20 }), fc.oneof({ weight: 6, arbitrary: vcsaInfo }, fc.jsonValue({ maxDepth: 1 })), {
        maxKeys: 6,
      })
      .chain((map) => {
        const entries = Object.entries(map);
        return fc.constantFrom<Case>(
          { body: map, sent: entries.length },
          { body: { value: entries.map(([key, value]) => ({ key, value })) }, sent: entries.length },
        );
      }),
    parse: (body, log) => {
      const style = body && typeof body === 'object' && 'value' in body ? 'rest' : 'api';
      const sessions = parseJobDetails(body, style, { applianceId: 'a', log });
      return { sessions, received: Number.NaN };
    },
    statusesOf: (w) => [mapVcsaStatus(w)],
  },
  vbr: {
    name: 'vbr',
    cases: fc
      .tuple(elements(vbrSession), fieldValue(fc.nat()))
      .map(([data, total]) => ({ body: { data, pagination: { total, count: data.length, skip: 0, limit: 200 } }, sent: data.length })),
    parse: (body, log) => {
      const page = parseVbrSessionPage(body, { applianceId: 'a', log });
      return { sessions: page.items, received: page.received };
    },
    // A stopped session keeps its result word, whose `None` depends on `isCanceled`; any other keeps its state.
    statusesOf: (w) => [
      mapVbrStatus({ state: w, result: null, isCanceled: null }),
      ...[false, true].map((isCanceled) => mapVbrStatus({ state: 'Stopped', result: w, isCanceled })),
    ],
  },
} satisfies Record<VendorKey, VendorFuzz>;

const VENDORS: VendorFuzz[] = Object.values(FUZZ);

const ISO_UTC = /^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d(\.\d+)?Z$/;

describe.each(VENDORS)('$name parser under fuzzing', (vendor) => {
  it(`survives ${RUNS} generated answers and keeps its promises`, () => {
    let cases = 0;
    fc.assert(
      fc.property(vendor.cases, ({ body, sent }) => {
        cases += 1;
        const warnings: string[] = [];
        const log = createLogger((line) => line.level !== 'debug' && warnings.push(line.message));
        let result: { sessions: readonly Session[]; received: number };
        try {
          result = vendor.parse(body, log);
        } catch (error) {
          expect(error).toBeInstanceOf(ConnectorError);
          expect((error as ConnectorError).kind).toBe('malformed');
          return;
        }
        for (const s of result.sessions) {
          expect(SESSION_STATUSES).toContain(s.status);
          // The table is the only source of a status: an unknown word is `unknown`, never a guess.
          expect(vendor.statusesOf(s.vendorStatus)).toContain(s.status);
          for (const t of [s.start, s.end]) if (t !== null) expect(t).toMatch(ISO_UTC);
          if (s.durationMs !== null) expect(Number.isFinite(s.durationMs)).toBe(true);
          if (s.progress.percent !== null) expect(s.progress.percent).toBeGreaterThanOrEqual(0);
          if (s.progress.percent !== null) expect(s.progress.percent).toBeLessThanOrEqual(100);
        }
        // Whatever the appliance sent and we did not keep was logged.
        if (result.sessions.length < sent) expect(warnings.length).toBeGreaterThan(0);
      }),
      { numRuns: RUNS, seed: 2026 },
    );
    expect(cases).toBe(RUNS);
  });
});

describe('IPC argument validation under fuzzing', () => {
  it(`answers ${RUNS} arbitrary arguments with a value or a short issue, never a throw`, () => {
    fc.assert(
      fc.property(fc.constantFrom(...REQUEST_CHANNELS), fc.anything({ withNullPrototype: true, withBigInt: true }), (channel, arg) => {
        const check = checkRequestArg(channel, arg);
        if (!check.ok) expect(check.issue.length).toBeLessThanOrEqual(200);
      }),
      { numRuns: RUNS, seed: 2026 },
    );
  });
});
