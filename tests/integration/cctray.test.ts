/**
 * The CCTray feed of `backwatch serve`, validated with xmllint (Debian's libxml2-utils) against the
 * cctray.org schema (tests/fixtures/cctray), from a served SPP simulator and from job names chosen
 * to break a careless writer.
 */
import { spawnSync } from 'node:child_process';
import { mkdtempSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { makeJobState } from '../unit/common/factories.js';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { renderCctray } from '../../src-main/serve/cctray.js';
import type { JobFacts } from '../../src-main/serve/job-facts.js';
import { httpGet, startServedFleet, type ServedFleet } from '../support/served-fleet.js';

const fixtures = path.join(import.meta.dirname, '../fixtures/cctray');
const xmllintMissing = spawnSync('xmllint', ['--version']).error !== undefined;
if (xmllintMissing) console.warn('SKIPPED: the CCTray schema tests need xmllint (Debian: libxml2-utils).');

function xmllint(xml: string, schema: string): { status: number | null; errors: string } {
  const file = path.join(mkdtempSync(path.join(os.tmpdir(), 'backwatch-cctray-')), 'cctray.xml');
  writeFileSync(file, xml);
  const result = spawnSync('xmllint', ['--noout', '--schema', path.join(fixtures, schema), file], { encoding: 'utf8' });
  return { status: result.status, errors: result.stderr.replace(/^.* validates$/m, '').trim() };
}

const attributesOf = (xml: string) =>
  [...xml.matchAll(/<Project ([^>]*)\/>/g)].map((m) =>
    Object.fromEntries([...m[1]!.matchAll(/(\w+)="([^"]*)"/g)].map((a) => [a[1]!, a[2]!])),
  );

describe.skipIf(xmllintMissing)('the CCTray feed', () => {
  let fleet: ServedFleet;
  beforeAll(async () => {
    fleet = await startServedFleet(1, { settings: { pollIntervalSec: 3600 } });
    await fleet.core.handlers['appliances:refresh']();
  });
  afterAll(() => fleet.close());

  it('lists every job of the appliance and validates against the schema as cctray.org specifies it', async () => {
    const sim = fleet.sims[0]!;
    const [running, failed] = sim.scenario.jobs();
    sim.scenario.startRun(running!.id);
    sim.scenario.finishRun(sim.scenario.startRun(failed!.id).id, 'failed');
    await fleet.core.handlers['appliances:refresh']();
    const answer = await httpGet(`${fleet.server.url}/cctray.xml`);
    expect(answer.status).toBe(200);
    expect(answer.headers['content-type']).toBe('application/xml; charset=utf-8');
    expect(xmllint(answer.text, 'cctray-1-as-specified.xsd')).toEqual({ status: 0, errors: '' });
    const projects = attributesOf(answer.text);
    expect(projects.map((p) => p.name).sort()).toEqual(
      sim.scenario
        .jobs()
        .map((j) => `SPP 1 :: ${j.name.replace('&', '&amp;')}`)
        .sort(),
    );
    const byName = new Map(projects.map((p) => [p.name, p]));
    expect(byName.get(`SPP 1 :: ${running!.name}`)).toMatchObject({ activity: 'Building' });
    const failedSession = sim.scenario.sessions().findLast((s) => s.jobId === failed!.id)!;
    expect(byName.get(`SPP 1 :: ${failed!.name}`)).toMatchObject({
      activity: 'Sleeping',
      lastBuildStatus: 'Failure',
      lastBuildLabel: failedSession.id,
      webUrl: sim.url,
    });
    for (const p of projects) {
      expect(p.lastBuildTime).toMatch(/^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d\.\d{3}Z$/);
      expect(p.lastBuildStatus).not.toBe('Exception');
    }
  });

  it('differs from the published schema file only where that file is stricter than its specification', async () => {
    const { errors } = xmllint((await httpGet(`${fleet.server.url}/cctray.xml`)).text, 'cctray-1.xsd');
    const problems = errors.split('\n').filter((line) => line.includes('error'));
    expect(problems.length).toBeGreaterThan(0);
    for (const line of problems)
      expect(line).toMatch(/attribute 'name': '[^']* :: [^']*' is not a valid value of the atomic type 'xs:NMTOKEN'/);
  });

  it('escapes what a vendor may put in a job name and still validates', () => {
    const [facts] = fleet.core.fleet().appliances.map((state) => state.appliance);
    const nasty = ['Mail & "Files" <prod>', "O'Brien\u0001\ttab", 'emoji 💾 ]]> end', '--> <!-- &amp;'];
    const jobs: JobFacts[] = nasty.map((name, i) => ({
      appliance: { ...facts!, name: `SPP <${i}>` },
      label: name,
      lastFinished: null,
      running: null,
      job: {
        ...makeJobState({
          applianceId: facts!.id,
          jobId: String(i),
          jobName: name,
          lastOutcome: i % 2 ? 'warning' : null,
          lastOutcomeSessionId: i % 2 ? `s<${i}>` : null,
          lastSuccess: null,
          rpoSec: null,
          nextRun: '2026-01-01T10:00:00+02:00',
          successRate: null,
        }),
        applianceName: facts!.name,
        vendor: 'spp',
      },
    }));
    const xml = renderCctray(jobs, { warningIsSuccess: false });
    expect(xmllint(xml, 'cctray-1-as-specified.xsd')).toEqual({ status: 0, errors: '' });
    expect(attributesOf(xml).map((p) => p.nextBuildTime)).toEqual(nasty.map(() => '2026-01-01T08:00:00.000Z'));
    expect(xmllint(renderCctray([], { warningIsSuccess: false }), 'cctray-1-as-specified.xsd').status).toBe(0);
  });
});
