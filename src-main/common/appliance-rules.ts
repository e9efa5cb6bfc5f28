/**
 * The rules of an appliance's fields, shared by the configuration file's schema, the services'
 * checks of every request and the window's form, so the form refuses what the services would and
 * says it in the same words. Each message names its field, in words the person filling it in uses.
 */
import { z } from 'zod';
import { type ApplianceOptions, type Vendor } from './model.js';
import { vendorInfo, VENDORS } from './vendors/index.js';
import { CONTROL_OR_BIDI } from './text.js';
import { VENDOR_INFOS } from './vendors/index.js';

export const APPLIANCE_NAME_MAX = 100;
export const BASE_URL_MAX = 2048;
export const USERNAME_MAX = 256;
export const PASSWORD_MAX = 1024;

/** A name as people read it: trimmed, one Unicode normal form (NFC), no control or bidi characters. */
export const applianceNameSchema = z
  .string()
  .trim()
  .min(1, 'the name is required')
  .max(APPLIANCE_NAME_MAX, `the name is too long (at most ${APPLIANCE_NAME_MAX} characters)`)
  .refine((name) => !CONTROL_OR_BIDI.test(name), 'the name cannot contain control or text-direction characters')
  .transform((name) => name.normalize('NFC'));

/** An appliance base URL: https only, no credentials in it (they would end up in logs). */
export const baseUrlSchema = z
  .string()
  .trim()
  .max(BASE_URL_MAX, `the address is too long (at most ${BASE_URL_MAX} characters)`)
  .refine((text) => URL.canParse(text), 'the address is not a URL: give it as https://host[:port]')
  .refine(
    (text) => !URL.canParse(text) || new URL(text).protocol === 'https:',
    'the address must start with https:// (Backwatch connects over HTTPS only)',
  )
  .refine((text) => {
    if (!URL.canParse(text)) return true;
    const url = new URL(text);
    return url.username === '' && url.password === '';
  }, 'the address must not contain a user name or password');

export const usernameSchema = z
  .string()
  .trim()
  .min(1, 'the user name is required')
  .max(USERNAME_MAX, `the user name is too long (at most ${USERNAME_MAX} characters)`);

export const passwordSchema = z
  .string()
  .min(1, 'the password is empty')
  .max(PASSWORD_MAX, `the password is too long (at most ${PASSWORD_MAX} characters)`);

export const envVariableSchema = z
  .string()
  .regex(/^[A-Za-z_][A-Za-z0-9_]{0,127}$/, 'the variable name takes letters, digits and _ (at most 128, not starting with a digit)');

export const credentialSchema = z.discriminatedUnion('kind', [
  z.strictObject({ kind: z.literal('keychain') }),
  z.strictObject({ kind: z.literal('env'), variable: envVariableSchema }),
]);

export const vendorSchema = z.enum(VENDORS, { error: 'the product is not one Backwatch knows' });

/** Every option key some vendor takes; which vendor takes which, and in what form, is checked below. */
const VENDOR_OPTION_KEYS = [...new Set(VENDOR_INFOS.flatMap((info) => info.options.map((option) => option.key)))];

/**
 * Appliance options of any vendor: the vendor-neutral ones, and each vendor option as text (its
 * vendor's schema checks it, see `checkVendorOptions`). Typed as the model's options, which that check guarantees.
 */
export const applianceOptionsSchema = z.strictObject({
  ...Object.fromEntries(
    VENDOR_OPTION_KEYS.map((key) => [key, z.string().max(64, `the ${key} option is too long (at most 64 characters)`).optional()]),
  ),
  pollIntervalSec: z.number().int().min(5, 'the poll interval is at least 5 s').max(86_400, 'the poll interval is at most 24 h').optional(),
}) as unknown as z.ZodType<ApplianceOptions, ApplianceOptions>;

/** Adds an issue per option the vendor does not take or whose value its schema refuses. */
export function checkVendorOptions(vendor: Vendor, options: ApplianceOptions | undefined, ctx: z.RefinementCtx): void {
  const info = vendorInfo(vendor);
  for (const key of VENDOR_OPTION_KEYS) {
    const value = options?.[key];
    if (value === undefined) continue;
    const option = info.options.find((candidate) => candidate.key === key);
    if (!option) {
      ctx.addIssue({ code: 'custom', path: ['options', key], message: `${info.label} takes no ${key} option` });
      continue;
    }
    const checked = option.schema.safeParse(value);
    if (!checked.success) ctx.addIssue({ code: 'custom', path: ['options', key], message: checked.error.issues[0]?.message ?? 'invalid' });
  }
}

/** The fields of an appliance draft a person fills in (the services add the certificate pin they accepted). */
export const draftFields = {
  name: applianceNameSchema,
  vendor: vendorSchema,
  baseUrl: baseUrlSchema,
  username: usernameSchema,
  password: passwordSchema.optional(),
  credential: credentialSchema.optional(),
  options: applianceOptionsSchema.optional(),
};

/** The issues whose message is zod's own (a caller that sent the wrong shape), not one written above. */
const SHAPE_ISSUES: ReadonlySet<string> = new Set(['invalid_type', 'unrecognized_keys', 'invalid_union']);

/**
 * A refused draft's first issue as a sentence for the person who filled in the form ("The name is
 * too long (at most 100 characters)."); null for a wrong shape, which only a faulty caller sends,
 * and for what is no field of the form (an appliance id).
 */
export function draftIssueSentence(error: z.ZodError): string | null {
  const issue = error.issues[0];
  if (!issue || SHAPE_ISSUES.has(issue.code) || !Object.hasOwn(draftFields, String(issue.path[0]))) return null;
  return `${issue.message.charAt(0).toUpperCase()}${issue.message.slice(1)}.`;
}

const formDraftSchema = z.object(draftFields).superRefine((draft, ctx) => checkVendorOptions(draft.vendor, draft.options, ctx));

/** What the form would be refused for, as a sentence, before anything is sent; null when the services take it. */
export function draftProblem(draft: unknown): string | null {
  const result = formDraftSchema.safeParse(draft);
  return result.success ? null : (draftIssueSentence(result.error) ?? 'Some of the fields are not filled in as they should be.');
}
