/** A report mail with every field filled in, as the tests save it: Wednesdays at 06:15, local time. */
import { DEFAULT_SETTINGS, type ReportMailSettings } from '../../src-main/common/settings.js';

export const FILLED_REPORT_MAIL: ReportMailSettings = {
  ...DEFAULT_SETTINGS.reportMail,
  enabled: true,
  schedule: '15 6 * * 3',
  lastDays: 14,
  smtpHost: 'smtp.example.test',
  smtpPort: 465,
  smtpSecurity: 'tls',
  smtpUsername: 'backwatch',
  smtpCaFile: '/etc/backwatch/smtp-ca.pem',
  from: 'backwatch@example.test',
  to: ['ops@example.test', 'audit@example.test'],
};
