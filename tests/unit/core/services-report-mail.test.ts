// The schedule is local wall-clock time: pin a zone with daylight saving for this file.
process.env.TZ = 'America/New_York';
/** The services: the scheduled report mail read and saved, checked once, its SMTP password kept in the keychain only. */
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { DEFAULT_SETTINGS, REPORT_MAIL_ACCOUNT } from '../../../src-main/common/settings.js';
import type { SecretStore } from '../../../src-main/core/secrets/secret-store.js';
import { FILLED_REPORT_MAIL } from '../../support/filled-report-mail.js';
import { config, expectNoSecret, h, PASSWORD, secrets, services, start, time, useSecrets, useServicesRig } from './services-rig.js';

useServicesRig();

const mail = FILLED_REPORT_MAIL;

/** The first Wednesday 06:15 local after `ms`, found day by day from the calendar. */
function nextWednesdayMorning(ms: number): string {
  const day = new Date(ms);
  for (let i = 0; ; i++) {
    const at = new Date(day.getFullYear(), day.getMonth(), day.getDate() + i, 6, 15);
    if (at.getDay() === 3 && at.getTime() > ms) return at.toISOString();
  }
}

const savedMail = () => config.read().settings.reportMail;

describe('the report mail settings', () => {
  it('saves every field, keeps the password in the keychain and says when serve sends next, in local time', async () => {
    const saved = await h()['report-mail:save']({ mail, password: PASSWORD });
    expect(saved).toEqual({ ok: true, value: { mail, password: 'saved', nextSendAt: nextWednesdayMorning(time.now()) } });
    expect(JSON.parse(readFileSync(config.path, 'utf8')).settings.reportMail).toEqual(mail);
    expect((await h()['settings:get']()).reportMail).toEqual(mail);
    expect(await secrets.get(REPORT_MAIL_ACCOUNT)).toBe(PASSWORD);
    const read = await h()['report-mail:get']();
    expect(read).toEqual(saved);
    expectNoSecret(saved, read);

    // Two weeks on, the next send moves with the clock; switched off, there is none.
    time.advance(14 * 86_400_000);
    expect(await h()['report-mail:get']()).toMatchObject({ value: { nextSendAt: nextWednesdayMorning(time.now()) } });
    expect(await h()['report-mail:save']({ mail: { ...mail, enabled: false } })).toMatchObject({
      ok: true,
      value: { password: 'saved', nextSendAt: null },
    });
    expect(await secrets.get(REPORT_MAIL_ACCOUNT)).toBe(PASSWORD);
  });

  it('finds a yearly send months ahead, and none for a schedule that falls on no day within a year', async () => {
    const newYear = await h()['report-mail:save']({ mail: { ...mail, schedule: '0 7 1 1 *' } });
    const year = new Date(time.now()).getFullYear() + 1;
    expect(newYear).toMatchObject({ ok: true, value: { nextSendAt: new Date(year, 0, 1, 7, 0).toISOString() } });
    // 29 February: the clock stands in March of a leap year, the next is four years on.
    expect(new Date(time.now()).getMonth()).toBe(2);
    const leapDay = await h()['report-mail:save']({ mail: { ...mail, schedule: '0 7 29 2 *' } });
    expect(leapDay).toMatchObject({ ok: true, value: { nextSendAt: null } });
  });

  it('refuses a schedule that is no cron expression in one line, and saves nothing of it, the password included', async () => {
    const refused = await h()['report-mail:save']({ mail: { ...mail, schedule: '15 25 * * 3' }, password: PASSWORD });
    expect(refused).toMatchObject({ ok: false, message: expect.stringMatching(/^The cron expression cannot be read: .+\.$/) });
    expect(refused.ok ? '' : refused.message).not.toContain('\n');
    expect(savedMail()).toEqual(DEFAULT_SETTINGS.reportMail);
    expect(await secrets.get(REPORT_MAIL_ACCOUNT)).toBeNull();
    expect(await h()['report-mail:save']({ mail: { ...mail, schedule: '15 6 * *' } })).toEqual({
      ok: false,
      message: 'A cron expression has five fields: minute, hour, day of month, month, day of week (e.g. "0 22 * * 6").',
    });
  });

  it('names the field of a refused address or port as the form labels it', async () => {
    expect(await h()['report-mail:save']({ mail: { ...mail, to: ['ops@example.test', 'audit'] } })).toEqual({
      ok: false,
      message: 'To (address 2): a mail address looks like backup-team@example.org.',
    });
    expect(await h()['report-mail:save']({ mail: { ...mail, from: '' } })).toEqual({
      ok: false,
      message: 'The report mail needs a From address.',
    });
    expect(await h()['report-mail:save']({ mail: { ...mail, smtpPort: 70_000 } })).toMatchObject({
      ok: false,
      message: expect.stringMatching(/^Port: .+\.$/),
    });
    expect(savedMail()).toEqual(DEFAULT_SETTINGS.reportMail);
  });

  it('never sends the password back, keeps it when none is given and deletes it when asked', async () => {
    await h()['report-mail:save']({ mail, password: PASSWORD });
    const kept = await h()['report-mail:save']({ mail: { ...mail, lastDays: 30 } });
    expect(kept).toMatchObject({ ok: true, value: { password: 'saved' } });
    expect(await secrets.get(REPORT_MAIL_ACCOUNT)).toBe(PASSWORD);
    const deleted = await h()['report-mail:save']({ mail, password: null });
    expect(deleted).toMatchObject({ ok: true, value: { password: 'none' } });
    expect(await secrets.get(REPORT_MAIL_ACCOUNT)).toBeNull();
    expectNoSecret(kept, deleted, await h()['report-mail:get'](), await h()['settings:get']());
  });

  it('says in one line when the keychain refuses the password, and keeps the settings as they were', async () => {
    const locked: SecretStore = {
      get: async () => {
        throw new Error('The keychain is locked.');
      },
      set: async () => {
        throw new Error('The keychain is locked.');
      },
      delete: async () => {},
      availability: async () => ({ available: false, message: 'locked' }),
    };
    services.dispose();
    useSecrets(locked);
    start();
    expect(await h()['report-mail:save']({ mail, password: PASSWORD })).toEqual({
      ok: false,
      message: 'The SMTP password could not be saved in the keychain: The keychain is locked.',
    });
    expect(savedMail()).toEqual(DEFAULT_SETTINGS.reportMail);
    expect(await h()['report-mail:get']()).toMatchObject({ ok: true, value: { password: 'unreachable' } });
  });
});
