/**
 * serve mode under the real engines: Debian's Prometheus scrapes `backwatch serve` (in this
 * process) watching SPP simulators, evaluates deploy/prometheus/backwatch-rules.yml and sends to
 * Alertmanager configured with deploy/prometheus/alertmanager.yml. Where the binaries are missing
 * the suite says so and skips.
 */
import { spawnSync } from 'node:child_process';
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { SppSimulator } from '../../src-main/demo/spp/spp-simulator.js';
import { ENGINE_BINARIES, missingEngines, startAlertmanager, startPrometheus, type Engine } from '../support/prometheus-engines.js';
import { httpGet, startServedFleet, type ServedFleet } from '../support/served-fleet.js';
import { eventually } from '../support/eventually.js';

const deploy = path.join(import.meta.dirname, '../../deploy/prometheus');
const missing = missingEngines();
if (missing.length > 0)
  console.warn(`SKIPPED: the Prometheus alerting tests need ${missing.join(', ')} (Debian: prometheus prometheus-alertmanager).`);

/** Scrape and rule evaluation both run every second. */
const INTERVAL_SEC = 1;
/** "Within two scrape-and-evaluate intervals": two rounds of one scrape then one evaluation. */
const ALERT_DEADLINE_MS = 2 * (INTERVAL_SEC + INTERVAL_SEC) * 1000;

interface AmAlert {
  labels: Record<string, string>;
  status: { state: 'active' | 'suppressed' | 'unprocessed'; inhibitedBy: string[]; silencedBy: string[] };
}

/** The deploy rules with their debounce (`for:`) shortened, so that a test need not wait minutes. */
const testRules = () => readFileSync(path.join(deploy, 'backwatch-rules.yml'), 'utf8').replace(/^(\s+)for: \S+$/gm, '$1for: 0s');

/** The deploy Alertmanager file with a receiver that sends nothing and a short first wait; routes and inhibitions as shipped. */
const testAlertmanagerConfig = () =>
  readFileSync(path.join(deploy, 'alertmanager.yml'), 'utf8')
    .replace(/^receivers:[\s\S]*?(?=^inhibit_rules:)/m, 'receivers:\n  - name: backup-admins\n\n')
    .replace(/group_wait: \S+/, 'group_wait: 1s');

describe.skipIf(missing.length > 0)('backwatch serve with Prometheus and Alertmanager', () => {
  let fleet: ServedFleet;
  let alertmanager: Engine;
  let prometheus: Engine;

  const alerts = async (): Promise<AmAlert[]> => (await (await fetch(`${alertmanager.url}/api/v2/alerts`)).json()) as AmAlert[];
  const find = (list: AmAlert[], labels: Record<string, string>) =>
    list.find((a) => Object.entries(labels).every(([k, v]) => a.labels[k] === v));

  /** Polls Alertmanager until `accept` holds, within `deadlineMs`; the wait it took, ms. */
  async function alertWithin(deadlineMs: number, accept: (list: AmAlert[]) => boolean): Promise<number> {
    const started = Date.now();
    let last: AmAlert[] = [];
    const detail = () => `Alertmanager holds: ${JSON.stringify(last.map((a) => [a.labels, a.status.state]))}`;
    await eventually(async () => accept((last = await alerts())), deadlineMs, 'the alert', { detail });
    return Date.now() - started;
  }

  /** A run of the simulator's first job that ends failed, seen by the server's next poll. */
  async function failFirstJob(sim: SppSimulator): Promise<string> {
    const job = sim.scenario.jobs()[0]!;
    sim.scenario.finishRun(sim.scenario.startRun(job.id).id, 'failed');
    await fleet.core.handlers['appliances:refresh']();
    return job.name;
  }

  beforeAll(async () => {
    // Polls are driven by the test (refresh); the poller's own interval stays out of the way.
    fleet = await startServedFleet(2, { settings: { pollIntervalSec: 3600 } });
    await fleet.core.handlers['appliances:refresh']();
    alertmanager = await startAlertmanager(testAlertmanagerConfig());
    prometheus = await startPrometheus({
      target: new URL(fleet.server.url).host,
      alertmanager: new URL(alertmanager.url).host,
      rules: testRules(),
      intervalSec: INTERVAL_SEC,
    });
    // Wait for the first good scrape, so that the deadlines below measure alerting, not start-up.
    const deadline = Date.now() + 15_000;
    for (;;) {
      const answer = (await (await fetch(`${prometheus.url}/api/v1/query?query=up{job="backwatch"}`)).json()) as {
        data: { result: { value: [number, string] }[] };
      };
      if (answer.data.result[0]?.value[1] === '1') break;
      if (Date.now() > deadline) throw new Error(`Prometheus never scraped backwatch serve:\n${prometheus.output().slice(-2000)}`);
      await new Promise((resolve) => setTimeout(resolve, 100));
    }
  }, 60_000);

  afterAll(async () => {
    await prometheus?.stop();
    await alertmanager?.stop();
    await fleet?.close();
  });

  it('turns a failed session into a firing alert in Alertmanager within two scrape-and-evaluate intervals', async () => {
    const labels = { alertname: 'BackwatchBackupFailed', appliance: 'SPP 1' };
    const jobName = fleet.sims[0]!.scenario.jobs()[0]!.name;
    expect(find(await alerts(), { ...labels, job: jobName })).toBeUndefined();
    await failFirstJob(fleet.sims[0]!);
    const took = await alertWithin(ALERT_DEADLINE_MS, (list) => find(list, { ...labels, job: jobName })?.status.state === 'active');
    console.log(`failed session → firing alert in Alertmanager: ${took} ms (deadline ${ALERT_DEADLINE_MS} ms)`);
    expect(find(await alerts(), { ...labels, job: jobName })!.labels).toMatchObject({ severity: 'critical', scope: 'job', vendor: 'spp' });
  });

  it('silences the job alerts of an appliance that is down, and only of that one', async () => {
    const secondJob = await failFirstJob(fleet.sims[1]!);
    const firstJob = fleet.sims[0]!.scenario.jobs()[0]!.name;
    await alertWithin(ALERT_DEADLINE_MS, (list) => find(list, { alertname: 'BackwatchBackupFailed', appliance: 'SPP 2' }) !== undefined);

    await fleet.sims[0]!.server.setDown(true);
    await fleet.core.handlers['appliances:refresh']();
    await alertWithin(ALERT_DEADLINE_MS, (list) => {
      const down = find(list, { alertname: 'BackwatchApplianceDown', appliance: 'SPP 1' });
      const job = find(list, { alertname: 'BackwatchBackupFailed', appliance: 'SPP 1', job: firstJob });
      return down?.status.state === 'active' && job?.status.state === 'suppressed';
    });
    const list = await alerts();
    expect(find(list, { alertname: 'BackwatchBackupFailed', appliance: 'SPP 1' })!.status.inhibitedBy).toHaveLength(1);
    expect(find(list, { alertname: 'BackwatchBackupFailed', appliance: 'SPP 2', job: secondJob })!.status.state).toBe('active');
    expect(find(list, { alertname: 'BackwatchApplianceDown', appliance: 'SPP 2' })).toBeUndefined();

    const groups = (await (await fetch(`${alertmanager.url}/api/v2/alerts/groups`)).json()) as { labels: Record<string, string> }[];
    expect(groups.map((g) => g.labels).sort((a, b) => (a.appliance ?? '').localeCompare(b.appliance ?? ''))).toEqual([
      { appliance: 'SPP 1' },
      { appliance: 'SPP 2' },
    ]);
    await fleet.sims[0]!.server.setDown(false);
  });

  it('holds back the alerts of a job while a maintenance window covers it, and lets them out once it closes', async () => {
    const jobName = await failFirstJob(fleet.sims[1]!);
    const jobId = fleet.sims[1]!.scenario.jobs()[0]!.id;
    const failed = { alertname: 'BackwatchBackupFailed', appliance: 'SPP 2', job: jobName };
    const window = { alertname: 'BackwatchMaintenance', appliance: 'SPP 2', job: jobName };
    await alertWithin(ALERT_DEADLINE_MS, (list) => find(list, failed)?.status.state === 'active');

    const now = Date.now();
    const added = await fleet.core.handlers['maintenance:add']({
      label: 'Storage firmware',
      scope: { kind: 'job', applianceId: 'spp-2', jobId },
      schedule: { kind: 'once', fromMs: now - 60_000, toMs: now + 3_600_000 },
    });
    if (!added.ok) throw new Error(added.message);
    const took = await alertWithin(ALERT_DEADLINE_MS, (list) => find(list, failed)?.status.state === 'suppressed');
    console.log(`maintenance window added → job alert inhibited in Alertmanager: ${took} ms`);
    const list = await alerts();
    expect(find(list, window)!.status.state).toBe('active');
    expect(find(list, failed)!.status.inhibitedBy).toHaveLength(1);
    expect(list.filter((a) => a.labels.alertname === 'BackwatchMaintenance').map((a) => a.labels.job)).toEqual([jobName]);

    // The window closes with the failure still there: its alert is let out again.
    await fleet.core.handlers['maintenance:remove'](added.value.id);
    await alertWithin(2 * ALERT_DEADLINE_MS, (l) => find(l, failed)?.status.state === 'active');
  });

  it('holds back the job alerts of an appliance while a window covers the whole appliance', async () => {
    const jobName = fleet.sims[1]!.scenario.jobs()[0]!.name;
    const failed = { alertname: 'BackwatchBackupFailed', appliance: 'SPP 2', job: jobName };
    await alertWithin(ALERT_DEADLINE_MS, (list) => find(list, failed)?.status.state === 'active');

    const now = Date.now();
    const added = await fleet.core.handlers['maintenance:add']({
      label: 'Appliance upgrade',
      scope: { kind: 'appliance', applianceId: 'spp-2' },
      schedule: { kind: 'once', fromMs: now - 60_000, toMs: now + 3_600_000 },
    });
    if (!added.ok) throw new Error(added.message);
    await alertWithin(ALERT_DEADLINE_MS, (list) => find(list, failed)?.status.state === 'suppressed');
    const list = await alerts();
    expect(find(list, failed)!.status.inhibitedBy).toHaveLength(1);
    // One maintenance alert for each job the window covers, and one for the appliance itself (the scrape's job label).
    const windows = list.filter((a) => a.labels.alertname === 'BackwatchMaintenance' && a.labels.appliance === 'SPP 2');
    expect(windows.map((a) => a.labels.job)).toEqual(expect.arrayContaining([jobName, 'backwatch']));
    expect(list.filter((a) => a.labels.alertname === 'BackwatchMaintenance' && a.labels.appliance !== 'SPP 2')).toEqual([]);

    await fleet.core.handlers['maintenance:remove'](added.value.id);
    await alertWithin(2 * ALERT_DEADLINE_MS, (l) => find(l, failed)?.status.state === 'active');
  });

  it('ships rules and an Alertmanager file the engines accept, and metrics promtool finds well formed', async () => {
    const rules = spawnSync(ENGINE_BINARIES.promtool, ['check', 'rules', path.join(deploy, 'backwatch-rules.yml')], { encoding: 'utf8' });
    expect(rules.status, rules.stdout + rules.stderr).toBe(0);
    const am = spawnSync(ENGINE_BINARIES.amtool, ['check-config', path.join(deploy, 'alertmanager.yml')], { encoding: 'utf8' });
    expect(am.status, am.stdout + am.stderr).toBe(0);
    const scrape = await httpGet(`${fleet.server.url}/metrics`);
    expect(scrape.text).toContain('backwatch_job_last_status{');
    const metrics = spawnSync(ENGINE_BINARIES.promtool, ['check', 'metrics'], { input: scrape.text, encoding: 'utf8' });
    expect(metrics.status, metrics.stdout + metrics.stderr).toBe(0);
    expect(metrics.stdout + metrics.stderr).toBe('');
  });
});
