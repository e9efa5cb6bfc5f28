/**
 * The compliance report as a mail: the HTML report as the body, the CSV attached (both from one
 * report, so they carry the same SHA-256), sent through SMTP with nodemailer. The connection is
 * TLS from the start or upgraded with STARTTLS, which is then required: the report never goes in
 * plain text, and the server's certificate is always verified (against the system's CAs, or the
 * CA file the settings name).
 */
import { readFile } from 'node:fs/promises';
import nodemailer from 'nodemailer';
import { percentText, type ComplianceQuery, type ComplianceReport } from '../../common/compliance-report.js';
import type { IpcHandlers } from '../../common/ipc-channels.js';
import { REPORT_MAIL_ACCOUNT, type ReportMailSettings } from '../../common/settings.js';
import { LocalCredentialError, type SecretStore } from '../secrets/secret-store.js';
import { exportReport } from './report-export.js';

/** An SMTP server that stops answering does not hold the next report back for long. */
const SMTP_TIMEOUT_MS = 30_000;

/** The fleet's share as the report gives it: never rounded up, so 99.96 % never reads as 100 %. */
function protectedWords(share: number | null): string {
  const percent = percentText(share);
  return percent === null ? 'no data' : `${percent} % protected`;
}

/** What the mail says: subject, HTML body and the CSV attachment. */
export function reportMailMessage(report: ComplianceReport) {
  const html = exportReport(report, 'html');
  const csv = exportReport(report, 'csv');
  return {
    subject: `Backwatch compliance report ${report.from.slice(0, 10)} to ${report.to.slice(0, 10)}: ${protectedWords(report.fleet.share)}`,
    html: html.text,
    attachments: [{ filename: csv.fileName, content: csv.text, contentType: csv.mimeType }],
  };
}

/** The SMTP password at send time, or null when the server takes mail without logging in. Never logged. */
export async function smtpPassword(mail: ReportMailSettings, secrets: SecretStore, env: NodeJS.ProcessEnv): Promise<string | null> {
  if (mail.smtpUsername === null) return null;
  if (mail.smtpPasswordEnv !== null) {
    const value = env[mail.smtpPasswordEnv];
    if (value === undefined || value === '')
      throw new LocalCredentialError(`${mail.smtpPasswordEnv} is not set on this computer (the SMTP password is read from it).`);
    return value;
  }
  const stored = await secrets.get(REPORT_MAIL_ACCOUNT);
  if (stored === null) throw new LocalCredentialError('No SMTP password is stored in the keychain for the report mail.');
  return stored;
}

async function caOf(mail: ReportMailSettings): Promise<string | undefined> {
  if (mail.smtpCaFile === null) return undefined;
  try {
    return await readFile(mail.smtpCaFile, 'utf8');
  } catch (error) {
    throw new LocalCredentialError(`The SMTP server's CA file ${mail.smtpCaFile} cannot be read: ${(error as Error).message}`);
  }
}

export interface MailCredentials {
  readonly secrets: SecretStore;
  readonly env: NodeJS.ProcessEnv;
}

/** Makes the report (by default of the mail's last days) and sends it; rejects with one sentence when either fails. */
export async function mailComplianceReport(
  reports: Pick<IpcHandlers, 'reports:compliance'>,
  mail: ReportMailSettings,
  credentials: MailCredentials,
  query: ComplianceQuery = { period: { lastDays: mail.lastDays } },
): Promise<ComplianceReport> {
  const made = await reports['reports:compliance'](query);
  if (!made.ok) throw new Error(`The report to mail could not be made: ${made.message}`);
  await sendReportMail(mail, made.value, credentials);
  return made.value;
}

/** Sends the report to the settings' recipients; rejects with one sentence when it could not. */
export async function sendReportMail(mail: ReportMailSettings, report: ComplianceReport, credentials: MailCredentials): Promise<void> {
  if (mail.smtpHost === '' || mail.from === '' || mail.to.length === 0)
    throw new Error('The report mail is not set up: settings.reportMail needs smtpHost, from and to.');
  const password = await smtpPassword(mail, credentials.secrets, credentials.env);
  const ca = await caOf(mail);
  const transport = nodemailer.createTransport({
    host: mail.smtpHost,
    port: mail.smtpPort,
    secure: mail.smtpSecurity === 'tls',
    requireTLS: mail.smtpSecurity === 'starttls',
    ...(mail.smtpUsername === null || password === null ? {} : { auth: { user: mail.smtpUsername, pass: password } }),
    tls: { rejectUnauthorized: true, minVersion: 'TLSv1.2', ...(ca === undefined ? {} : { ca }) },
    connectionTimeout: SMTP_TIMEOUT_MS,
    greetingTimeout: SMTP_TIMEOUT_MS,
    socketTimeout: SMTP_TIMEOUT_MS,
    disableFileAccess: true,
    disableUrlAccess: true,
  });
  try {
    await transport.sendMail({ from: mail.from, to: [...mail.to], ...reportMailMessage(report) });
  } catch (error) {
    throw new Error(`The report mail to ${mail.smtpHost}:${mail.smtpPort} was not sent: ${(error as Error).message}`);
  } finally {
    transport.close();
  }
}
