/**
 * The report mail's SMTP password from the OS keychain (the Secret Service, through keytar): the
 * mail logs in with what the keychain holds under the report mail's account, and with nothing
 * stored it is refused in one sentence before any connection. Runs only where a Secret Service
 * answers; elsewhere it is skipped with a message saying how to run it:
 *
 *   XDG_DATA_HOME=$(mktemp -d) dbus-run-session -- bash -c \
 *     'echo pw | gnome-keyring-daemon --unlock --components=secrets; npx vitest run tests/integration/report-mail-keychain.test.ts'
 */
import { randomBytes } from 'node:crypto';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { ComplianceReport } from '../../src-main/common/compliance-report.js';
import { DEFAULT_SETTINGS, REPORT_MAIL_ACCOUNT, type ReportMailSettings } from '../../src-main/common/settings.js';
import { sendReportMail } from '../../src-main/core/reports/report-mail.js';
import { createKeytarSecretStore } from '../../src-main/core/secrets/secret-store.js';
import { makeSelfSignedCertificate } from '../../src-main/demo/sim/sim-certificate.js';
import { startSmtpSink, type SmtpSink } from '../support/smtp-sink.js';

const LOGIN = { user: 'reports', pass: `keychain-${randomBytes(6).toString('hex')}` };
const service = `Backwatch-test-${randomBytes(6).toString('hex')}`;
const store = createKeytarSecretStore(service);
const availability = process.env.DBUS_SESSION_BUS_ADDRESS ? await store.availability() : null;

if (!availability?.available) {
  console.warn(
    [
      '',
      '*** SKIPPED tests/integration/report-mail-keychain.test.ts: no Secret Service (OS keychain) is reachable here.',
      `*** ${availability ? availability.message : 'DBUS_SESSION_BUS_ADDRESS is not set.'}`,
      '*** Run it inside a private D-Bus session with an unlocked gnome-keyring (see the comment at its top).',
      '',
    ].join('\n'),
  );
}

const report: ComplianceReport = {
  from: '2026-11-30T00:00:00.000Z',
  to: '2026-12-07T12:00:00.000Z',
  scope: 'All appliances',
  generatedAt: '2026-12-07T12:00:00.000Z',
  version: '9.9.9',
  jobs: [],
  appliances: [],
  fleet: { share: null, countedMs: 0, protectedMs: 0, runs: 0, failedRuns: 0, longestGap: null },
  maintenance: [],
};

describe.skipIf(!availability?.available)(`the report mail's SMTP password in the keychain (service ${service})`, () => {
  let dir: string;
  let sink: SmtpSink;
  let mail: ReportMailSettings;

  beforeAll(async () => {
    dir = mkdtempSync(path.join(os.tmpdir(), 'backwatch-mail-keychain-'));
    const certificate = await makeSelfSignedCertificate('localhost');
    writeFileSync(path.join(dir, 'smtp-ca.pem'), certificate.cert);
    sink = await startSmtpSink(certificate, LOGIN);
    mail = {
      ...DEFAULT_SETTINGS.reportMail,
      smtpHost: 'localhost',
      smtpPort: sink.port,
      smtpUsername: LOGIN.user,
      // Null: the password is the keychain's.
      smtpPasswordEnv: null,
      smtpCaFile: path.join(dir, 'smtp-ca.pem'),
      from: 'backwatch@example.org',
      to: ['auditor@example.org'],
    };
  });
  afterAll(async () => {
    await store.delete(REPORT_MAIL_ACCOUNT);
    await sink?.close();
    rmSync(dir, { recursive: true, force: true });
  });

  it('refuses in one sentence while the keychain holds no SMTP password, and connects to nothing', async () => {
    await expect(sendReportMail(mail, report, { secrets: store, env: {} })).rejects.toThrow(
      /^No SMTP password is stored in the keychain for the report mail\.$/,
    );
    expect(sink.received).toEqual([]);
  });

  it('logs in with the password the keychain holds, over TLS, whatever password variable the environment holds', async () => {
    await store.set(REPORT_MAIL_ACCOUNT, LOGIN.pass);
    // A second store on the service reads it: the password is in the OS keychain, not in memory.
    const secrets = createKeytarSecretStore(service);
    await sendReportMail(mail, report, { secrets, env: { BACKWATCH_SMTP_PASSWORD: 'not-this-one' } });
    expect(sink.received).toHaveLength(1);
    expect(sink.received[0]).toMatchObject({ secure: true, user: LOGIN.user });
    await store.set(REPORT_MAIL_ACCOUNT, 'an old password');
    await expect(sendReportMail(mail, report, { secrets, env: {} })).rejects.toThrow(/was not sent/);
    expect(sink.received).toHaveLength(1);
  });
});
