/** The scheduled report mail's settings as the configuration file holds them, checked once. */
import { z } from 'zod';
import { envVariableSchema } from '../../common/appliance-rules.js';
import type { ReportMailSettings } from '../../common/settings.js';
import { cronProblem } from '../maintenance/cron-starts.js';

const address = z
  .string()
  .trim()
  .max(254)
  .regex(/^[^\s@<>]+@[^\s@<>]+$/, 'a mail address looks like backup-team@example.org');

export const reportMailSchema = z
  .strictObject({
    enabled: z.boolean(),
    schedule: z.string().max(200),
    lastDays: z.number().int().min(1).max(366),
    smtpHost: z.string().trim().max(253),
    smtpPort: z.number().int().min(1).max(65_535),
    smtpSecurity: z.enum(['starttls', 'tls']),
    smtpUsername: z.string().min(1).max(256).nullable(),
    smtpPasswordEnv: envVariableSchema.nullable(),
    smtpCaFile: z.string().min(1).max(4096).nullable(),
    from: z.union([z.literal(''), address]),
    to: z.array(address).max(50),
  })
  .superRefine((mail, ctx) => {
    const problem = cronProblem(mail.schedule);
    if (problem !== null) ctx.addIssue({ code: 'custom', path: ['schedule'], message: problem });
    if (!mail.enabled) return;
    if (mail.smtpHost === '') ctx.addIssue({ code: 'custom', path: ['smtpHost'], message: 'the report mail needs an SMTP host' });
    if (mail.from === '') ctx.addIssue({ code: 'custom', path: ['from'], message: 'the report mail needs a From address' });
    if (mail.to.length === 0) ctx.addIssue({ code: 'custom', path: ['to'], message: 'the report mail needs at least one recipient' });
  }) satisfies z.ZodType<ReportMailSettings, unknown>;

/** The report mail's fields as the Settings view labels them, for a refusal's sentence. */
const FIELD_LABELS: Readonly<Record<string, string>> = {
  enabled: 'Send the report by mail',
  schedule: 'Schedule (cron)',
  lastDays: 'Days the report covers',
  smtpHost: 'Server',
  smtpPort: 'Port',
  smtpSecurity: 'Security',
  smtpUsername: 'User name',
  smtpPasswordEnv: 'Password variable',
  smtpCaFile: 'CA file',
  from: 'From',
  to: 'To',
};

/** The first issue with a report mail (under `mail`) as one sentence that names the field as the form does. */
export function reportMailIssueSentence(error: z.ZodError): string | null {
  const issue = error.issues[0];
  if (issue?.path[0] !== 'mail') return null;
  const [key, index] = issue.path.slice(1);
  const text = issue.message.replace(/\.$/, '');
  // The rules' own issues are sentences already: a cron expression's problem, a field the mail needs.
  if (issue.code === 'custom') return `${text.charAt(0).toUpperCase()}${text.slice(1)}.`;
  const label = typeof key === 'string' ? (FIELD_LABELS[key] ?? key) : 'The report mail';
  return `${label}${typeof index === 'number' ? ` (address ${index + 1})` : ''}: ${text}.`;
}
