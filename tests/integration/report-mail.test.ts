/**
 * serve's scheduled report mail against a real SMTP server on loopback: the schedule moves on a
 * fake clock, the mail goes over STARTTLS with the server's self-signed certificate trusted through
 * the CA file the settings name, and the test parses what arrived: the HTML body, the CSV
 * attachment and the SHA-256 both carry. An untrusted server is refused, logged in one line and
 * counted, and the next scheduled time tries again.
 */
import { createHash } from 'node:crypto';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { openConfigFile } from '../../src-main/core/config/conf-config-file.js';
import { DEFAULT_SETTINGS, type ReportMailSettings } from '../../src-main/common/settings.js';
import { createMemorySecretStore } from '../../src-main/core/secrets/secret-store.js';
import { makeSelfSignedCertificate } from '../../src-main/demo/sim/sim-certificate.js';
import { runCliIn } from '../support/cli-run.js';
import { eventually } from '../support/eventually.js';
import { createFakeTime, type FakeTime } from '../support/fake-time.js';
import { httpGet, startServedFleet, type ServedFleet } from '../support/served-fleet.js';
import { startSmtpSink, type SmtpSink } from '../support/smtp-sink.js';

const LOGIN = { user: 'reports', pass: 'smtp-pass-never-logged' };
const HOUR = 3_600_000;

/** The metric's value in a text exposition. */
const metric = (text: string, name: string) =>
  Number(
    text
      .split('\n')
      .find((l) => l.startsWith(`${name} `))
      ?.split(' ')[1],
  );

/** Waits (in real time, briefly) until the schedule has armed its next timer after an async step. */
async function rearmed(time: FakeTime): Promise<void> {
  const deadline = Date.now() + 15_000;
  while (time.pending().length !== 1) {
    if (Date.now() > deadline) throw new Error('The report mail schedule armed no timer.');
    await new Promise((resolve) => setImmediate(resolve));
  }
}

/** Moves the fake clock by `ms`, timer by timer, letting each wake of the schedule finish. */
async function advance(time: FakeTime, ms: number): Promise<void> {
  const end = time.now() + ms;
  for (await rearmed(time); time.now() + time.pending()[0]! <= end; await rearmed(time)) time.advance(time.pending()[0]!);
  time.advance(end - time.now());
}

/** What `sed '1,/^Appliance,Job,/d' report.csv | sha256sum` prints. */
function rowsDigest(csv: string): string {
  const lines = csv.split('\n');
  const header = lines.findIndex((l) => l.startsWith('Appliance,Job,'));
  return createHash('sha256')
    .update(lines.slice(header + 1).join('\n'), 'utf8')
    .digest('hex');
}

describe('the scheduled report mail of backwatch serve', () => {
  let dir: string;
  let sink: SmtpSink;
  let fleet: ServedFleet;
  let time: FakeTime;
  let mail: ReportMailSettings;
  // Sunday 23:00 local time: the default schedule (Monday 07:00) is eight hours ahead.
  const sunday = new Date(2026, 11, 6, 23, 0).getTime();

  beforeAll(async () => {
    dir = mkdtempSync(path.join(os.tmpdir(), 'backwatch-mail-'));
    const certificate = await makeSelfSignedCertificate('localhost');
    writeFileSync(path.join(dir, 'smtp-ca.pem'), certificate.cert);
    sink = await startSmtpSink(certificate, LOGIN);
    time = createFakeTime(sunday);
    mail = {
      ...DEFAULT_SETTINGS.reportMail,
      enabled: true,
      smtpHost: 'localhost',
      smtpPort: sink.port,
      smtpUsername: LOGIN.user,
      smtpPasswordEnv: 'BACKWATCH_SMTP_PASSWORD',
      // First no CA file: the self-signed certificate is not trusted, and the mail is refused.
      smtpCaFile: null,
      from: 'backwatch@example.org',
      to: ['auditor@example.org', 'backup-team@example.org'],
    };
    fleet = await startServedFleet(1, {
      settings: { pollIntervalSec: 3600, reportMail: mail },
      serve: {
        mailCredentials: { secrets: createMemorySecretStore(), env: { BACKWATCH_SMTP_PASSWORD: LOGIN.pass } },
        mailClock: { now: time.now, scheduler: time.scheduler },
      },
    });
    await fleet.core.handlers['appliances:refresh']();
  });
  afterAll(async () => {
    await fleet?.close();
    await sink?.close();
    rmSync(dir, { recursive: true, force: true });
  });

  it('refuses a server whose certificate nothing vouches for: one log line, a metric, serve goes on', async () => {
    await advance(time, 8 * HOUR - 1);
    expect(fleet.logLines.filter((l) => l.includes('report mail'))).toEqual([]);
    await advance(time, 1);
    await rearmed(time);
    const lines = fleet.logLines.filter((l) => l.includes('was not sent'));
    expect(lines).toHaveLength(1);
    const failed = JSON.parse(lines[0]!) as { level: string; msg: string };
    expect(failed.level).toBe('error');
    expect(failed.msg).toMatch(/certificate/i);
    expect(failed.msg).toContain('tried again at the next scheduled time');
    expect(fleet.logLines.join('\n')).not.toContain(LOGIN.pass);
    expect(sink.received).toEqual([]);
    const metrics = (await httpGet(`${fleet.server.url}/metrics`)).text;
    expect(metric(metrics, 'backwatch_report_mail_failures_total')).toBe(1);
    expect(metric(metrics, 'backwatch_report_mail_last_success_timestamp_seconds')).toBe(0);
    expect((await httpGet(`${fleet.server.url}/healthz`)).status).toBe(200);
  });

  it('mails the next Monday once the CA is named: HTML body, CSV attached, the same SHA-256 in both', async () => {
    const updated = await fleet.core.handlers['settings:update']({
      reportMail: { ...mail, smtpCaFile: path.join(dir, 'smtp-ca.pem') },
    });
    expect(updated.ok).toBe(true);
    await advance(time, 7 * 24 * HOUR - 1);
    // Nothing in between: the schedule is weekly.
    expect(sink.received).toEqual([]);
    await advance(time, 1);
    await eventually(() => sink.received.length > 0, 15_000, 'the mail at the SMTP server');
    expect(sink.received).toHaveLength(1);
    const arrived = sink.received[0]!;
    expect(arrived.secure).toBe(true);
    expect(arrived.user).toBe(LOGIN.user);
    const { parsed } = arrived;
    expect(parsed.from?.text).toBe('backwatch@example.org');
    expect([parsed.to].flat().map((a) => a?.text)).toEqual(['auditor@example.org, backup-team@example.org']);
    expect(parsed.subject).toMatch(/^Backwatch compliance report \d{4}-\d\d-\d\d to \d{4}-\d\d-\d\d: /);
    const html = typeof parsed.html === 'string' ? parsed.html : '';
    const htmlDigest = /id="sha256">([0-9a-f]{64})</.exec(html)?.[1];
    expect(html).toContain('SPP 1');
    const [csv] = parsed.attachments;
    expect(csv?.contentType).toBe('text/csv');
    expect(csv?.filename).toMatch(/^backwatch-compliance-.*\.csv$/);
    const csvText = csv!.content.toString('utf8');
    expect(csvText.split('\n').filter((l) => l.startsWith('SPP 1,')).length).toBeGreaterThan(0);
    const stated = /^Data rows SHA-256,([0-9a-f]{64})$/m.exec(csvText)?.[1];
    expect(rowsDigest(csvText)).toBe(stated);
    expect(htmlDigest).toBe(stated);
    const metrics = (await httpGet(`${fleet.server.url}/metrics`)).text;
    expect(metric(metrics, 'backwatch_report_mail_last_success_timestamp_seconds')).toBe(time.now() / 1000);
    expect(metric(metrics, 'backwatch_report_mail_failures_total')).toBe(1);
  });

  it('sends one now from the CLI: backwatch report --mail', async () => {
    const configDir = path.join(dir, 'cli');
    const config = openConfigFile(configDir);
    await config.update((d) => ({ ...d, settings: { ...d.settings, reportMail: { ...mail, smtpCaFile: path.join(dir, 'smtp-ca.pem') } } }));
    config.close();
    const env = { BACKWATCH_SMTP_PASSWORD: LOGIN.pass };
    const refused = await runCliIn(configDir, ['report', '--mail', '--format', 'csv'], env);
    expect(refused.code).toBe(64);
    const before = sink.received.length;
    const sent = await runCliIn(configDir, ['report', '--mail', '--since', '30d'], env);
    expect(sent.err).toBe('');
    expect(sent.out).toMatch(/^Report \d{4}-\d\d-\d\d to \d{4}-\d\d-\d\d mailed to auditor@example.org, backup-team@example.org\.$/);
    expect(sent.code).toBe(0);
    expect(sink.received).toHaveLength(before + 1);
    const csv = sink.received.at(-1)!.parsed.attachments[0]!.content.toString('utf8');
    expect(rowsDigest(csv)).toBe(/^Data rows SHA-256,([0-9a-f]{64})$/m.exec(csv)?.[1]);
    const wrongPassword = await runCliIn(configDir, ['report', '--mail'], { BACKWATCH_SMTP_PASSWORD: 'wrong' });
    expect(wrongPassword.code).toBe(4);
    expect(wrongPassword.err.split('\n')).toHaveLength(1);
    expect(wrongPassword.err).toContain('was not sent');
    expect(wrongPassword.err).not.toContain('wrong');
  });
});
