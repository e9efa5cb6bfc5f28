/**
 * The report mail's SMTP password from the OS keychain (the Secret Service, through keytar): the
 * mail logs in with what the keychain holds under the report mail's account, and with nothing
 * stored it is refused in one sentence before any connection. Runs only where a Secret Service
 * answers; elsewhere it is skipped with a message saying how to run it (test-keychain.ts).
 */
import { randomBytes } from 'node:crypto';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DEFAULT_SETTINGS, REPORT_MAIL_ACCOUNT, type ReportMailSettings } from '../../src-main/common/settings.js';
import { sendReportMail } from '../../src-main/core/reports/report-mail.js';
import { createKeytarSecretStore } from '../../src-main/core/secrets/secret-store.js';
import { makeSelfSignedCertificate } from '../../src-main/demo/sim/sim-certificate.js';
import { startSmtpSink, type SmtpSink } from '../support/smtp-sink.js';
import { testKeychain } from '../support/test-keychain.js';
import { makeReport } from '../unit/common/factories.js';

const LOGIN = { user: 'reports', pass: `keychain-${randomBytes(6).toString('hex')}` };
const { service, store, available } = await testKeychain('tests/integration/report-mail-keychain.test.ts');

const report = makeReport();

describe.skipIf(!available)(`the report mail's SMTP password in the keychain (service ${service})`, () => {
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
