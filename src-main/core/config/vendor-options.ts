/**
 * Appliance options, checked against the vendor's descriptor: an option its vendor does not take
 * is refused, and a value is checked by the vendor's own schema (VB365's `v8`, VBR's `1.1-rev0`).
 */
import { z } from 'zod';
import { vendorInfo, type ApplianceOptions, type Vendor } from '../../common/model.js';
import { VENDOR_INFOS } from '../../common/vendors/index.js';

/** Every option key some vendor takes; which vendor takes which, and in what form, is checked below. */
const VENDOR_OPTION_KEYS = [...new Set(VENDOR_INFOS.flatMap((info) => info.options.map((option) => option.key)))];

/**
 * Appliance options of any vendor: the vendor-neutral ones, and each vendor option as text (its
 * vendor's schema checks it, see `checkVendorOptions`). Typed as the model's options, which that check guarantees.
 */
export const applianceOptionsSchema = z.strictObject({
  ...Object.fromEntries(VENDOR_OPTION_KEYS.map((key) => [key, z.string().max(64).optional()])),
  pollIntervalSec: z.number().int().min(5).max(86_400).optional(),
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
