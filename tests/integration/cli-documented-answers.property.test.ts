/**
 * Property test of the CLI over answers the vendors' documents allow: stubbed VB365 (v8) and VBR
 * (1.3-rev1) appliances serve seeded random job sessions generated from the schema extracts, and
 * `backwatch status` and `backwatch sessions --json` answer every time, listing every session
 * (of VBR's, every one of a kind that protects data: the stub serves restores too, as a server that
 * ignores the type filter would).
 */
import fc from 'fast-check';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { addArgs, cliRunner } from '../support/cli-runner.js';
import { schemaArbitraries } from '../support/schema-arbitrary.js';
import type { StubAppliance } from '../support/stub-appliances.js';
import { startVb365Stub, startVbrStub } from '../support/stub-appliances.js';
import { readExtract } from '../support/vendor-schemas.js';
import { vbrSessionKind } from '../../src-main/core/connectors/vbr/vbr-kind-words.js';

const RUNS = 20;
const SEED = 20_260_302;

const sessionsOf = (file: string, model: string) => {
  const extract = readExtract(file);
  return fc.array(schemaArbitraries(extract.components.schemas).of({ $ref: `#/components/schemas/${model}` }), { maxLength: 6 });
};

/**
 * Distinct ids, so that "every session is listed" can be told apart from "one of two twins", and
 * new in each run, so that what an earlier run stored is not taken for what this one listed.
 */
let run = 0;
const numbered = (prefix: string, sessions: unknown[]): Record<string, unknown>[] =>
  sessions.map((s, i) => ({
    ...(s as object),
    id: `${prefix}${String(run).padStart(4, '0')}-0000-4000-8000-${String(i).padStart(12, '0')}`,
  }));

describe('backwatch status and sessions over documented random answers', () => {
  const cli = cliRunner({ STUB_PW: 'secret' });
  let m365: StubAppliance;
  let vbr: StubAppliance;

  beforeAll(async () => {
    m365 = await startVb365Stub();
    vbr = await startVbrStub();
    expect((await cli(addArgs('vb365', 'M365', m365.server))).code).toBe(0);
    expect((await cli(addArgs('vbr', 'VBR', vbr.server))).code).toBe(0);
  });
  afterAll(async () => {
    await m365.close();
    await vbr.close();
  });

  it('answers with a status and lists every session served', { timeout: 60_000 }, async () => {
    const answers = fc.record({
      m365: sessionsOf('vb365-rest-v8.json', 'RESTJobSession'),
      vbr: sessionsOf('vbr-rest-1.3-rev1.json', 'SessionModel'),
    });
    await fc.assert(
      fc.asyncProperty(answers, async (served) => {
        run += 1;
        m365.sessions = numbered('aaaaaaaa-', served.m365);
        vbr.sessions = numbered('bbbbbbbb-', served.vbr);
        const status = await cli(['status']);
        expect(status.err).not.toMatch(/error/i);
        expect([0, 1, 2, 3]).toContain(status.code);
        const sessions = await cli(['sessions', '--json', '--limit', '100000']);
        // Oddities (a missing status word) are logged as warnings; never an error.
        expect(sessions.code).toBe(0);
        expect(sessions.err).not.toMatch(/error/i);
        const listed = new Set((JSON.parse(sessions.out) as { id: string }[]).map((s) => s.id));
        const watched = vbr.sessions.filter((s) => vbrSessionKind(String(s['sessionType'])) !== 'skipped');
        expect([...m365.sessions, ...watched].filter((s) => !listed.has(String(s['id'])))).toEqual([]);
        expect(vbr.sessions.filter((s) => !watched.includes(s) && listed.has(String(s['id'])))).toEqual([]);
      }),
      { numRuns: RUNS, seed: SEED },
    );
  });
});
