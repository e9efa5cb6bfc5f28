/**
 * The vendor options as command-line flags, from the vendors' descriptors: the usage lines that
 * explain them (a flag two vendors share means what each says), and the options a command's flags set.
 */
import { type ApplianceOptions, type Vendor } from '../common/model.js';
import { VENDORS, vendorLabel, vendorInfo } from '../common/vendors/index.js';
import { VENDOR_INFOS } from '../common/vendors/index.js';
import { EXIT } from './exit-codes.js';
import { CliError, type Flags } from './cli-error.js';

const ALL_OPTIONS = VENDOR_INFOS.flatMap((info) => info.options.map((option) => ({ info, option })));

/** Every flag some vendor takes, once. */
export const VENDOR_FLAGS: readonly string[] = [...new Set(ALL_OPTIONS.map(({ option }) => option.flag))];

/** Every vendor key, `a|b|c`, for the usage text. */
export const VENDOR_CHOICES = VENDORS.join('|');

/** The usage lines of the vendor flags: `[--flag a|b]`, then what each vendor means by it. */
export function vendorFlagUsage(indent: string): string {
  const synopsis = VENDOR_FLAGS.map((flag) => {
    const placeholders = [...new Set(ALL_OPTIONS.filter(({ option }) => option.flag === flag).map(({ option }) => option.placeholder))];
    return `[--${flag} ${placeholders.join('|')}]`;
  }).join(' ');
  const byFlag = [...ALL_OPTIONS].sort((a, b) => VENDOR_FLAGS.indexOf(a.option.flag) - VENDOR_FLAGS.indexOf(b.option.flag));
  const meanings = byFlag.map(({ info, option }) => `${indent}  --${option.flag} (${info.key}): ${option.help}`);
  return [`${indent}${synopsis}`, ...meanings].join('\n');
}

/** The options the flags set for an appliance of `vendor`; a flag its vendor does not take is refused. */
export function vendorOptionsOf(vendor: Vendor, flags: Flags): ApplianceOptions {
  const info = vendorInfo(vendor);
  const options: Record<string, string> = {};
  for (const flag of VENDOR_FLAGS) {
    const value = flags[flag];
    if (typeof value !== 'string') continue;
    const option = info.options.find((candidate) => candidate.flag === flag);
    if (!option) throw new CliError(`--${flag} does not apply to ${vendorLabel(vendor)}. Nothing was saved.`, EXIT.usage);
    options[option.key] = value;
  }
  return options as ApplianceOptions;
}
