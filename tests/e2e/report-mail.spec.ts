/**
 * The report mail in Settings: filled in, saved through the services, read back after a reload,
 * the SMTP password kept in the harness's keychain and never shown again; a bad schedule refused
 * in the services' one line.
 */
import type { Page } from '@playwright/test';
import { DEFAULT_SETTINGS, REPORT_MAIL_ACCOUNT } from '../../src-main/common/settings.js';
import { createMemorySecretStore } from '../../src-main/core/secrets/secret-store.js';
import { FILLED_REPORT_MAIL } from '../support/filled-report-mail.js';
import { expect, startDemoFromFirstRun, test } from './fixtures.js';

const SMTP_PASSWORD = 'smtp-Secret-4711';
const mail = FILLED_REPORT_MAIL;
const secrets = createMemorySecretStore();
test.use({ harnessOptions: { secrets } });
test.beforeEach(() => secrets.delete(REPORT_MAIL_ACCOUNT));

async function openReportMail(app: Page) {
  await app.getByRole('button', { name: 'Settings', exact: true }).click();
  const form = app.getByRole('form', { name: 'Report mail' });
  await expect(form).toBeVisible();
  return form;
}

test('the report mail is filled in, saved and read back after a reload; its password goes to the keychain only', async ({
  app,
  harness,
}) => {
  await startDemoFromFirstRun(app);
  let form = await openReportMail(app);
  await expect(form.getByTestId('report-mail-password')).toHaveText('No password saved.');
  await expect(form.getByTestId('report-mail-next')).toHaveText('Not sent: the report mail is off.');
  await form.getByLabel('Send the report by mail').check();
  await form.getByLabel('Schedule (cron)').fill(mail.schedule);
  await form.getByLabel('Days the report covers').fill(String(mail.lastDays));
  await form.getByLabel('Server', { exact: true }).fill(mail.smtpHost);
  await form.getByLabel('Port', { exact: true }).fill(String(mail.smtpPort));
  await form.getByLabel('Security', { exact: true }).selectOption(mail.smtpSecurity);
  await form.getByLabel("CA file (empty: the system's CAs)").fill(mail.smtpCaFile!);
  await form.getByLabel('User name').fill(mail.smtpUsername!);
  await form.getByLabel('New password').fill(SMTP_PASSWORD);
  await form.getByLabel('From', { exact: true }).fill(mail.from);
  await form.getByLabel('To, one address a line').fill(mail.to.join('\n'));
  await form.getByRole('button', { name: 'Save report mail' }).click();
  await expect(form.getByRole('status')).toHaveText('Saved.');

  expect((await harness.core.handlers['settings:get']()).reportMail).toEqual(mail);
  expect(await secrets.get(REPORT_MAIL_ACCOUNT)).toBe(SMTP_PASSWORD);
  await expect(form.getByLabel('New password')).toHaveValue('');
  await expect(form.getByTestId('report-mail-password')).toHaveText('A password is saved in the keychain.');

  await app.reload();
  await expect(app.getByText('Connecting to Backwatch…')).toHaveCount(0);
  form = await openReportMail(app);
  await expect(form.getByLabel('Send the report by mail')).toBeChecked();
  await expect(form.getByLabel('Schedule (cron)')).toHaveValue(mail.schedule);
  await expect(form.getByLabel('Days the report covers')).toHaveValue(String(mail.lastDays));
  await expect(form.getByLabel('Server', { exact: true })).toHaveValue(mail.smtpHost);
  await expect(form.getByLabel('Port', { exact: true })).toHaveValue(String(mail.smtpPort));
  await expect(form.getByLabel('Security', { exact: true })).toHaveValue(mail.smtpSecurity);
  await expect(form.getByLabel('User name')).toHaveValue(mail.smtpUsername!);
  await expect(form.getByLabel('To, one address a line')).toHaveValue(mail.to.join('\n'));
  await expect(form.getByLabel('New password')).toHaveValue('');
  await expect(form.getByTestId('report-mail-password')).toHaveText('A password is saved in the keychain.');
  // Wednesdays at 06:15, local time: the browser and the harness share this computer's zone.
  await expect(form.getByTestId('report-mail-next')).toContainText(/^Next mail Wednesday, .*06:15.*\(in \d+ (h|d)\)\.$/);
  expect(await app.content()).not.toContain(SMTP_PASSWORD);
});

test('a schedule that is no cron expression is refused in one line, and nothing is saved', async ({ app, harness }) => {
  await startDemoFromFirstRun(app);
  const form = await openReportMail(app);
  await form.getByLabel('Schedule (cron)').fill('15 25 * * 3');
  await form.getByLabel('New password').fill(SMTP_PASSWORD);
  await form.getByRole('button', { name: 'Save report mail' }).click();
  const alert = form.getByRole('alert');
  await expect(alert).toHaveText(/^The cron expression cannot be read: [^\n]+\.$/);
  expect((await harness.core.handlers['settings:get']()).reportMail).toEqual(DEFAULT_SETTINGS.reportMail);
  expect(await secrets.get(REPORT_MAIL_ACCOUNT)).toBeNull();

  await form.getByLabel('Schedule (cron)').fill('15 5 * * 3');
  await form.getByRole('button', { name: 'Save report mail' }).click();
  await expect(form.getByRole('status')).toHaveText('Saved.');
  await expect(alert).toHaveCount(0);
  expect((await harness.core.handlers['settings:get']()).reportMail.schedule).toBe('15 5 * * 3');
});
