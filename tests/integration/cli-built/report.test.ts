/**
 * `backwatch report` as an admin runs it over a stored history: the CSV and the HTML parse, say
 * what they cover, hold the figures the compliance rule gives for the runs, and carry a SHA-256
 * of their job rows that the documented command checks, and that an edit breaks.
 */
import { execFileSync } from 'node:child_process';
import { createHash } from 'node:crypto';
import { readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { jobCompliance } from '../../../src-main/common/compliance.js';
import type { Appliance, Session, SessionStatus } from '../../../src-main/common/model.js';
import { EXIT } from '../../../src-main/cli/exit-codes.js';
import { openHistoryStore } from '../../../src-main/core/history/history-store.js';
import { silentLogger } from '../../../src-main/core/logger.js';
import { builtConfigDir, runBuilt, storeAppliances, UNREACHABLE_SPP } from '../../support/built-cli.js';
import { csvLine, parseCsv } from '../../support/csv.js';
import { makeSession } from '../../unit/common/factories.js';

const DAY = 86_400_000;
const HOUR = 3_600_000;
const TODAY = Math.floor(Date.now() / DAY) * DAY;
const FROM = TODAY - 30 * DAY;
const TO = TODAY - DAY;
const dateOf = (ms: number) => new Date(ms).toISOString().slice(0, 10);
const PERIOD = ['--from', dateOf(FROM), '--to', dateOf(TO)];
const version = (JSON.parse(readFileSync('package.json', 'utf8')) as { version: string }).version;

const dir = builtConfigDir('backwatch-report-');

interface Job {
  readonly id: string;
  readonly name: string;
  /** Status of the run of night d before today (d from 1 to 40); absent: no run. */
  readonly night: (d: number) => SessionStatus | null;
}
const JOBS: readonly Job[] = [
  { id: 'j1', name: 'Nightly VMs', night: () => 'succeeded' },
  { id: 'j2', name: 'SQL, "main"', night: (d) => (d >= 10 && d <= 13 ? null : d === 14 ? 'failed' : 'succeeded') },
  { id: 'j3', name: '=HYPERLINK("x")', night: (d) => (d % 5 === 0 ? 'failed' : 'warning') },
];
const runsOf = (job: Job) =>
  Array.from({ length: 40 }, (_, i) => i + 1).flatMap((d) => {
    const status = job.night(d);
    return status === null ? [] : [{ endMs: TODAY - d * DAY + 2 * HOUR, status }];
  });

/** Stores the appliances in the folder's configuration and each one's jobs' runs in its history. */
async function storeFleet(into: string, fleet: readonly { appliance: Appliance; jobs: readonly Job[] }[]): Promise<void> {
  await storeAppliances(
    into,
    fleet.map((f) => f.appliance),
  );
  const history = openHistoryStore(into, silentLogger);
  for (const { appliance, jobs } of fleet) {
    const sessions: Session[] = jobs.flatMap((job) =>
      runsOf(job).map((run, i) =>
        makeSession({
          id: `${job.id}-${i}`,
          applianceId: appliance.id,
          jobId: job.id,
          jobName: job.name,
          status: run.status,
          start: new Date(run.endMs - HOUR).toISOString(),
          end: new Date(run.endMs).toISOString(),
        }),
      ),
    );
    history.recordPoll(appliance.id, { sessions, cursor: {}, behind: 0 });
  }
  history.close();
}

beforeAll(() => storeFleet(dir, [{ appliance: UNREACHABLE_SPP, jobs: JOBS }]));

const sha256 = (text: string) => createHash('sha256').update(text, 'utf8').digest('hex');

/** The rule's figures for a job over the period, from its runs (RPO 26 h, the default). */
function expected(job: Job) {
  const runs = runsOf(job).map((r) => ({ endMs: r.endMs, protecting: r.status !== 'failed', failed: r.status === 'failed' }));
  return jobCompliance({
    period: { startMs: FROM, endMs: TO + DAY },
    nowMs: Date.now(),
    knownFromMs: Math.min(...runs.map((r) => r.endMs)),
    runs,
    rpo: [{ fromMs: -Infinity, rpoSec: 26 * 3600 }],
    maintenance: [],
  });
}

/** The job names as the report shows them (a formula-like one kept as text), lowest share first. */
const WORST_FIRST = [...JOBS]
  .sort((a, b) => expected(a).share! - expected(b).share!)
  .map((job) => (job.name.startsWith('=') ? `'${job.name}` : job.name));

describe('backwatch report', () => {
  it('writes a CSV that says what it covers, holds the rule’s figures worst first, and whose digest the documented command checks', async () => {
    const run = await runBuilt(['report', ...PERIOD, '--config-dir', dir], { SPP_PW: 'x' });
    expect(run.code).toBe(0);
    const rows = parseCsv(run.out);
    const value = (label: string) => rows.find((r) => r[0] === label)?.slice(1);
    expect(value('Period from')).toEqual([new Date(FROM).toISOString()]);
    expect(value('Period to')).toEqual([new Date(TO + DAY).toISOString()]);
    expect(value('Scope')).toEqual(['All appliances']);
    expect(value('Backwatch version')).toEqual([version]);
    const header = rows.findIndex((r) => r[0] === 'Appliance' && r[1] === 'Job');
    const data = rows.slice(header + 1);
    expect(data.map((r) => r[1])).toEqual(WORST_FIRST);
    for (const job of JOBS) {
      const f = expected(job);
      const row = data.find((r) => r[1]!.endsWith(job.name))!;
      expect(row[2]).toBe((Math.floor(f.share! * 10_000) / 100).toFixed(2));
      expect(row.slice(3, 5)).toEqual([String(f.runs), String(f.failedRuns)]);
      expect(row[6]).toBe(f.longestGap === null ? '' : new Date(f.longestGap.startMs).toISOString());
    }
    const file = path.join(dir, 'report.csv');
    writeFileSync(file, run.out);
    const digest = value('Data rows SHA-256')![0]!;
    const checked = execFileSync('sh', ['-c', value('Verify')![0]!], { cwd: dir, encoding: 'utf8' });
    expect(checked.split(/\s/)[0]).toBe(digest);
    expect(sha256(data.map(csvLine).join(''))).toBe(digest);
    writeFileSync(file, run.out.replace('Nightly VMs', 'Nightly VMS'));
    expect(execFileSync('sh', ['-c', value('Verify')![0]!], { cwd: dir, encoding: 'utf8' }).split(/\s/)[0]).not.toBe(digest);
  });

  it('writes one self-contained HTML file that prints on A4 and Letter, whose job table hashes to its digest', async () => {
    const run = await runBuilt(['report', ...PERIOD, '--format', 'html', '--config-dir', dir], { SPP_PW: 'x' });
    expect(run.code).toBe(0);
    const file = path.join(dir, 'report.html');
    writeFileSync(file, run.out);
    // xmllint ends what it prints with a line feed.
    const xpath = (expr: string) =>
      execFileSync('xmllint', ['--html', '--noout', '--xpath', expr, file], { encoding: 'utf8' }).replace(/\n$/, '');
    // Well-formed enough for libxml2 to read without a complaint.
    expect(execFileSync('xmllint', ['--html', '--noout', file], { encoding: 'utf8', stdio: ['ignore', 'pipe', 'pipe'] })).toBe('');
    const count = Number(xpath('count(//table[@id="jobs"]/tbody/tr)'));
    const rows = Array.from({ length: count }, (_, i) =>
      Array.from({ length: 9 }, (_, j) => xpath(`string(//table[@id="jobs"]/tbody/tr[${i + 1}]/td[${j + 1}])`)),
    );
    expect(rows.map((r) => r[1])).toEqual(WORST_FIRST);
    expect(sha256(rows.map(csvLine).join(''))).toBe(xpath('string(//*[@id="sha256"])'));
    expect(run.out).toMatch(/@page\s*{[^}]*margin/);
    expect(run.out).not.toMatch(/<script|<link|src=|url\(|https?:\/\//i);
  });

  it('answers JSON with the same digest as the CSV', async () => {
    const [csv, json] = await Promise.all(
      ['csv', 'json'].map((format) => runBuilt(['report', ...PERIOD, '--format', format, '--config-dir', dir], { SPP_PW: 'x' })),
    );
    const parsed = JSON.parse(json!.out) as { dataRowsSha256: string; jobs: unknown[] };
    expect(parsed.jobs).toHaveLength(JOBS.length);
    expect(csv!.out).toContain(`Data rows SHA-256,${parsed.dataRowsSha256}\n`);
  });

  it('refuses a period or format it cannot read as a usage error, in one line', async () => {
    const bad = [
      ['--since', '30x'],
      ['--from', '2026-11-01'],
      ['--since', '7d', '--to', '2026-11-01'],
      ['--format', 'pdf'],
      ['--from', '2026-02-30', '--to', '2026-03-01'],
    ];
    const runs = await Promise.all(bad.map((args) => runBuilt(['report', ...args, '--config-dir', dir])));
    for (const refused of runs) {
      expect(refused.code).toBe(64);
      expect(refused.err).toMatch(/^backwatch: [^\n]+\n$/);
    }
  });
});

describe('backwatch report over the last days, and of one appliance', () => {
  const fleetDir = builtConfigDir('backwatch-report-fleet-');
  const LAB: Appliance = { ...UNREACHABLE_SPP, id: 'lab-1', name: 'Lab', credential: { kind: 'env', variable: 'LAB_PW' } };
  const LAB_JOBS: readonly Job[] = [{ id: 'l1', name: 'Lab copies', night: (d) => (d % 2 === 0 ? 'failed' : 'succeeded') }];
  const passwords = { SPP_PW: 'x', LAB_PW: 'y' };
  beforeAll(() =>
    storeFleet(fleetDir, [
      { appliance: UNREACHABLE_SPP, jobs: JOBS },
      { appliance: LAB, jobs: LAB_JOBS },
    ]),
  );

  /** The report's CSV: the value of a label row, the job rows' appliance and job names. */
  function readCsv(out: string) {
    const rows = parseCsv(out);
    const header = rows.findIndex((r) => r[0] === 'Appliance' && r[1] === 'Job');
    return {
      value: (label: string) => rows.find((r) => r[0] === label)?.[1],
      jobs: rows.slice(header + 1).map((r) => `${r[0]} / ${r[1]}`),
    };
  }

  it('--since 30d covers the last 30 days up to now, every appliance and job', async () => {
    const before = Date.now();
    const run = await runBuilt(['report', '--since', '30d', '--config-dir', fleetDir], passwords);
    const after = Date.now();
    expect(run.err).toBe('');
    expect(run.code).toBe(0);
    const csv = readCsv(run.out);
    expect(csv.value('Period from')).toBe(new Date(Math.floor(before / DAY) * DAY - 30 * DAY).toISOString());
    const to = Date.parse(csv.value('Period to')!);
    expect(to).toBeGreaterThanOrEqual(before);
    expect(to).toBeLessThanOrEqual(after);
    expect(csv.value('Scope')).toBe('All appliances');
    expect(new Set(csv.jobs)).toEqual(new Set([...WORST_FIRST.map((name) => `SPP prod / ${name}`), 'Lab / Lab copies']));
  });

  it('--appliance NAME (any case) reports that appliance alone', async () => {
    const run = await runBuilt(['report', '--since', '7d', '--appliance', 'lab', '--config-dir', fleetDir], passwords);
    expect(run.err).toBe('');
    expect(run.code).toBe(0);
    const csv = readCsv(run.out);
    expect(csv.value('Scope')).toBe('Appliance Lab');
    expect(csv.jobs).toEqual(['Lab / Lab copies']);
    expect(run.out).not.toContain('SPP prod');
  });

  it('refuses an appliance name it does not know in one line, naming the ones it knows', async () => {
    const run = await runBuilt(['report', '--appliance', 'Nowhere', '--config-dir', fleetDir], passwords);
    expect(run.code).toBe(EXIT.failed);
    expect(run.err).toBe('backwatch: No appliance is named "Nowhere". Known: SPP prod, Lab.\n');
    expect(run.out).toBe('');
  });
});
