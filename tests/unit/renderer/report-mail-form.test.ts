/** The report mail's form: its fields as typed, turned into the settings main checks, and back. */
import { describe, expect, it } from 'vitest';
import { DEFAULT_SETTINGS, type ReportMailSettings } from '../../../src-main/common/settings.js';
import { fieldsOf, mailOf, nextSendWords, passwordWords } from '../../../src-renderer/lib/report-mail-form.js';

const mail: ReportMailSettings = {
  ...DEFAULT_SETTINGS.reportMail,
  enabled: true,
  smtpHost: 'smtp.example.test',
  smtpUsername: 'backwatch',
  from: 'backwatch@example.test',
  to: ['ops@example.test', 'audit@example.test'],
};

describe('the report mail form', () => {
  it('gives back the settings it was filled from', () => {
    expect(mailOf(fieldsOf(mail))).toEqual(mail);
    expect(mailOf(fieldsOf(DEFAULT_SETTINGS.reportMail))).toEqual(DEFAULT_SETTINGS.reportMail);
  });

  it('reads recipients one a line or comma-separated, and an empty optional field as none', () => {
    const fields = {
      ...fieldsOf(mail),
      to: ' ops@example.test,audit@example.test\n\n  cio@example.test ',
      smtpUsername: '  ',
      smtpCaFile: ' ',
    };
    expect(mailOf(fields)).toEqual({
      ...mail,
      to: ['ops@example.test', 'audit@example.test', 'cio@example.test'],
      smtpUsername: null,
      smtpCaFile: null,
    });
  });

  it('says when the next mail goes, or why none does', () => {
    const now = Date.parse('2026-12-07T12:00:00Z');
    const view = { mail, password: 'none' as const, nextSendAt: '2026-12-14T07:00:00.000Z' };
    expect(nextSendWords(view, now)).toMatch(/^Next mail \p{L}+, .+ \(in 6 d\)\.$/u);
    expect(nextSendWords({ ...view, nextSendAt: null }, now)).toBe('Not sent: no time in the next year matches the schedule.');
    expect(nextSendWords({ ...view, mail: { ...mail, enabled: false }, nextSendAt: null }, now)).toBe('Not sent: the report mail is off.');
  });

  it('says where serve finds the password without ever holding it', () => {
    const view = { mail, password: 'saved' as const, nextSendAt: null };
    expect(passwordWords(view)).toBe('A password is saved in the keychain.');
    expect(passwordWords({ ...view, password: 'none' })).toBe('No password saved.');
    expect(passwordWords({ ...view, mail: { ...mail, smtpPasswordEnv: 'SMTP_PASSWORD' } })).toBe(
      'serve reads the password from SMTP_PASSWORD, not from the keychain.',
    );
  });
});
