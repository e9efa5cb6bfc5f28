/**
 * The window of a desktop that reads a shared `backwatch serve`: the real server over TLS (the
 * project's own self-signed certificate, tokens from its token store) over the SPP simulator, and
 * the harness's real core added to it from the Appliances view, certificate step included.
 */
import { mkdtempSync } from 'node:fs';
import { request } from 'node:https';
import os from 'node:os';
import path from 'node:path';
import type { Page } from '@playwright/test';
import type { JobState } from '../../src-main/common/snapshot.js';
import { makeSelfSignedCertificate } from '../../src-main/demo/sim/sim-certificate.js';
import { openTokenStore } from '../../src-main/serve/token-store.js';
import { startServedFleet, type ServedFleet } from '../support/served-fleet.js';
import { seriousViolations } from './axe-check.js';
import { expect, recordedState, test } from './fixtures.js';

let fleet: ServedFleet;
let serverCert: string;
let operator: string;
let reader: string;

test.beforeAll(async () => {
  const tokens = openTokenStore(mkdtempSync(path.join(os.tmpdir(), 'backwatch-e2e-tokens-')));
  operator = await tokens.add('oncall', 'operate', new Date());
  reader = await tokens.add('wallboard', 'read', new Date());
  const tls = await makeSelfSignedCertificate('backwatch.team');
  serverCert = tls.cert;
  // The server polls when the test says so, never on its own timer.
  fleet = await startServedFleet(1, { settings: { pollIntervalSec: 3600 }, serve: { tokens, tls } });
  await fleet.core.handlers['appliances:refresh']();
});
test.afterAll(() => fleet.close());

/** The server's jobs as its team API answers them, over TLS verified against its own certificate. */
function serverJobs(): Promise<JobState[]> {
  return new Promise((resolve, reject) => {
    const req = request(`${fleet.server.url}/api/v1/jobs`, { ca: serverCert, headers: { authorization: `Bearer ${operator}` } }, (res) => {
      const chunks: Buffer[] = [];
      res.on('data', (c: Buffer) => chunks.push(c));
      res.on('end', () => {
        const text = Buffer.concat(chunks).toString('utf8');
        if (res.statusCode === 200) resolve(JSON.parse(text) as JobState[]);
        else reject(new Error(`GET /api/v1/jobs answered ${res.statusCode}: ${text}`));
      });
    });
    req.on('error', reject);
    req.end();
  });
}

/** Fails the job's next run on the simulator and lets the server poll it. */
async function failOnServer(jobIndex: number) {
  const scenario = fleet.sims[0]!.scenario;
  const job = scenario.jobs()[jobIndex]!;
  // A second later, so the failure is the job's newest session beyond doubt (SPP gives some starts in whole seconds).
  scenario.advance(1_000);
  const run = scenario.startRun(job.id);
  scenario.finishRun(run.id, 'failed');
  await fleet.core.handlers['appliances:refresh']();
  return { job, run };
}

/** Adds the server from the Appliances view the way an admin does: URL, token, the certificate. */
async function readServer(app: Page, token: string): Promise<void> {
  await app.getByRole('button', { name: 'Appliances', exact: true }).click();
  const source = app.getByTestId('team-source');
  await source.getByLabel('Server URL').fill(fleet.server.url);
  await source.getByLabel('Token').fill(token);
  await source.getByRole('button', { name: 'Read this server' }).click();
  await expect(app.getByRole('heading', { name: 'Trust this certificate?' })).toBeVisible();
  await app.getByRole('button', { name: 'Trust this certificate' }).click();
  const jobCount = fleet.sims[0]!.scenario.jobs().length;
  await expect(source.getByRole('status')).toHaveText(`This desktop now reads ${fleet.server.url} (1 appliance, ${jobCount} jobs).`);
  const banner = app.getByTestId('team-server');
  await expect(banner).toContainText(`Read-only: this desktop shows the Backwatch server ${fleet.server.url}`);
  await expect(banner).toContainText('Connected: what changes on the server shows here as it happens.');
}

test('the window reads the server live, acknowledges for the team, and stops reading it', async ({ app, harness }) => {
  await readServer(app, operator);
  // The server's appliances are shown, not managed: no add, edit, test or remove.
  await expect(app.getByRole('heading', { name: 'SPP 1', level: 2 })).toBeVisible();
  for (const name of ['Add appliance', 'Edit SPP 1', 'Test connection', 'Remove']) {
    await expect(app.getByRole('button', { name, exact: true })).toHaveCount(0);
  }

  await app.getByRole('button', { name: 'Jobs', exact: true }).click();
  const served = await serverJobs();
  await expect(app.getByTestId('job-count')).toContainText(`${served.length} jobs`);
  for (const job of served) await expect(app.getByTestId('job-row').getByRole('button', { name: job.jobName, exact: true })).toBeVisible();
  // Compliance is the server's to compute: the column shows a dash and says why in its title, no error.
  const shares = app.getByTestId('job-share');
  await expect(shares).toHaveCount(served.length);
  await expect(shares.first()).toContainText('—');
  await expect(shares.first()).toHaveAttribute(
    'title',
    'Compliance reports are made on the Backwatch server this desktop reads, not here.',
  );
  await expect(app.getByRole('alert')).toHaveCount(0);

  // A failure on the simulator reaches the open window over the server's event stream.
  const { job, run } = await failOnServer(1);
  const row = app.getByTestId('job-row').filter({ has: app.getByRole('button', { name: job.name, exact: true }) });
  await expect(row).toHaveAttribute('data-state', 'failed');
  await expect(app.getByTestId('overall-status')).toContainText('Backup failed');
  await app.getByRole('button', { name: 'Overview', exact: true }).click();
  await expect(app.getByTestId('problem-job').filter({ hasText: job.name })).toHaveAttribute('data-kind', 'failed');
  // The desktop raises its own notification from the server's event, once.
  const failureNotices = async () =>
    (await recordedState(app, harness)).notifications.filter((n) => n.kind === 'session_failed' && n.keys.some((k) => k.includes(run.id)));
  await expect.poll(async () => (await failureNotices()).length).toBe(1);

  await app.getByTestId('problem-job').filter({ hasText: job.name }).getByRole('button').click();
  // The job's page offers what goes to the server (acknowledge, mute), not what is the server's to set.
  await expect(app.getByRole('heading', { name: job.name, level: 1 })).toBeVisible();
  await expect(app.getByRole('button', { name: 'Mute notifications for this job' })).toBeVisible();
  await expect(app.getByRole('button', { name: 'Set RPO' })).toHaveCount(0);
  await app.getByRole('button', { name: 'Acknowledge this failure' }).click();
  await expect(app.getByRole('status').filter({ hasText: 'Acknowledged' })).toBeVisible();
  // The window says so only once the server has taken it.
  expect((await serverJobs()).find((j) => j.jobId === job.id)?.acknowledged).toBe(true);
  await expect(app.getByTestId('overall-status')).not.toContainText('Backup failed');
  expect(await failureNotices()).toHaveLength(1);

  await app.getByRole('button', { name: 'Appliances', exact: true }).click();
  await app.getByRole('button', { name: 'Stop reading this server' }).click();
  await expect(app.getByTestId('team-server')).toHaveCount(0);
  await expect(app.getByRole('button', { name: 'Add appliance' })).toBeVisible();
  await expect(app.getByText('No appliance yet.')).toBeVisible();
  expect((await harness.core.snapshot()).teamServer).toBeUndefined();
});

test('a read token’s acknowledgement is refused in one line, and nothing changes on the server', async ({ app }) => {
  await readServer(app, reader);
  const { job } = await failOnServer(2);
  await app.getByRole('button', { name: 'Jobs', exact: true }).click();
  const row = app.getByTestId('job-row').filter({ has: app.getByRole('button', { name: job.name, exact: true }) });
  await expect(row).toHaveAttribute('data-state', 'failed');
  await row.getByRole('button', { name: job.name, exact: true }).click();

  await app.getByRole('button', { name: 'Acknowledge this failure' }).click();
  await expect(app.getByRole('alert')).toHaveText('This token may only read; ask for an operate token.');
  await expect(app.getByRole('status').filter({ hasText: 'Acknowledged' })).toHaveCount(0);
  expect((await serverJobs()).find((j) => j.jobId === job.id)?.acknowledged).toBe(false);

  // The failed session's page too: acknowledge is offered, the RPO is the server's to set, and the
  // job log (the appliance's) is not offered.
  await app.getByRole('button', { name: 'Sessions', exact: true }).click();
  await app.getByTestId('session-row').filter({ hasText: job.name }).first().click();
  await expect(app.getByRole('button', { name: 'Acknowledge this failure' })).toBeVisible();
  await expect(app.getByRole('button', { name: 'Set RPO' })).toHaveCount(0);
  await expect(app.getByRole('button', { name: 'Show the job log' })).toHaveCount(0);
});

test('the read-only Appliances view has no serious or critical axe violations', async ({ app }) => {
  await readServer(app, operator);
  for (const scheme of ['light', 'dark'] as const) {
    await app.emulateMedia({ colorScheme: scheme });
    expect(await seriousViolations(app), scheme).toEqual([]);
  }
});

test('a refused token or a cancelled certificate step saves nothing and says so', async ({ app, harness }) => {
  await app.getByRole('button', { name: 'Appliances', exact: true }).click();
  const source = app.getByTestId('team-source');
  await source.getByLabel('Server URL').fill(fleet.server.url);
  await source.getByLabel('Token').fill('bw_not-a-token');
  await source.getByRole('button', { name: 'Read this server' }).click();
  await app.getByRole('button', { name: 'Cancel' }).click();
  await expect(source.getByRole('status')).toHaveText('Nothing was saved.');

  await source.getByRole('button', { name: 'Read this server' }).click();
  await app.getByRole('button', { name: 'Trust this certificate' }).click();
  await expect(source.getByRole('alert')).toHaveText(
    `The Backwatch server ${new URL(fleet.server.url).host} refused the token: add the server again with a valid one.`,
  );
  await expect(source.getByLabel('Server URL')).toHaveValue(fleet.server.url);
  await expect(app.getByTestId('team-server')).toHaveCount(0);
  expect((await harness.core.snapshot()).teamServer).toBeUndefined();
});

test('Settings list the server’s maintenance windows; an operate token adds one there, a read token is refused in one line', async ({
  app,
}) => {
  const now = Date.now();
  const added = await fleet.core.handlers['maintenance:add']({
    label: 'Firmware',
    scope: { kind: 'all' },
    schedule: { kind: 'once', fromMs: now - 60_000, toMs: now + 3_600_000 },
  });
  expect(added.ok).toBe(true);
  try {
    await readServer(app, operator);
    await app.getByRole('button', { name: 'Settings', exact: true }).click();
    await expect(app.getByTestId('team-maintenance')).toBeVisible();
    // The server's report mail is the server's: this desktop says so and offers no form.
    await expect(app.getByTestId('report-mail-unavailable')).toHaveText(
      'The report mail is set on the Backwatch server this desktop reads, not here.',
    );
    await expect(app.getByRole('form', { name: 'Report mail' })).toHaveCount(0);
    await expect(app.getByRole('button', { name: 'Remove Firmware' })).toBeVisible();
    await expect(app.getByText(/^open until /)).toBeVisible();

    const form = app.getByRole('form', { name: 'Add a maintenance window' });
    await form.getByLabel('Window name').fill('Saturday patching');
    await form.getByRole('button', { name: 'Add window' }).click();
    await expect(app.getByRole('button', { name: 'Remove Saturday patching' })).toBeVisible();
    expect((await fleet.core.handlers['maintenance:list']()).map((w) => w.label).sort()).toEqual(['Firmware', 'Saturday patching']);
    await app.getByRole('button', { name: 'Remove Saturday patching' }).click();
    await expect(app.getByRole('button', { name: 'Remove Saturday patching' })).toHaveCount(0);
    expect((await fleet.core.handlers['maintenance:list']()).map((w) => w.label)).toEqual(['Firmware']);

    // The same server through a read token: its windows are listed, a change is refused and nothing changes there.
    await app.getByRole('button', { name: 'Appliances', exact: true }).click();
    await app.getByRole('button', { name: 'Stop reading this server' }).click();
    await readServer(app, reader);
    await app.getByRole('button', { name: 'Settings', exact: true }).click();
    await expect(app.getByRole('button', { name: 'Remove Firmware' })).toBeVisible();
    await form.getByLabel('Window name').fill('Not allowed');
    await form.getByRole('button', { name: 'Add window' }).click();
    await expect(app.getByRole('alert')).toContainText('This token may only read; ask for an operate token.');
    expect((await fleet.core.handlers['maintenance:list']()).map((w) => w.label)).toEqual(['Firmware']);
  } finally {
    if (added.ok) await fleet.core.handlers['maintenance:remove'](added.value.id);
  }
});
