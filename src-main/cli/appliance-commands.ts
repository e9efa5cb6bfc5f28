/** `backwatch appliance add | list | remove | test | trust`. */
import { type Vendor } from '../common/model.js';
import { VENDORS } from '../common/vendors/index.js';
import type { ApplianceDraft, CertificateProbe } from '../common/ipc-contract.js';
import type { ApplianceView } from '../common/snapshot.js';
import { sameName, withoutControlCharacters as shown } from '../common/text.js';
import { normalizeFingerprint } from '../core/http/tls-trust.js';
import { checkRequestArg } from '../core/services/request-validation.js';
import type { CliContext } from './cli-context.js';
import { findByName } from './appliance-lookup.js';
import { EXIT } from './exit-codes.js';
import { CliError, type Flags } from './cli-error.js';
import { noteLines, table } from './report.js';
import { vendorOptionsOf } from './vendor-flags.js';

function required(flags: Flags, name: string): string {
  const value = flags[name];
  if (typeof value !== 'string' || value.trim() === '') throw new CliError(`--${name} is required.`, EXIT.usage);
  return value.trim();
}

function vendorOf(flags: Flags): Vendor {
  const vendor = required(flags, 'vendor');
  if (!(VENDORS as readonly string[]).includes(vendor))
    throw new CliError(`Unknown vendor "${vendor}": use one of ${VENDORS.join(', ')}.`, EXIT.usage);
  return vendor as Vendor;
}

/** The URL as given (a trailing slash dropped); the services check it, and never echo it back. */
function urlOf(flags: Flags): string {
  return required(flags, 'url').replace(/\/+$/, '');
}

/** Decides which certificate to pin, following the admin's flags; refuses to guess. */
export async function fingerprintToTrust(
  ctx: CliContext,
  baseUrl: string,
  flags: Flags,
  probeCertificate: (baseUrl: string) => Promise<CertificateProbe> = ctx.core.handlers['appliances:probe-certificate'],
): Promise<string | undefined> {
  const probe = await probeCertificate(baseUrl);
  if (!probe.certificate) throw new CliError(probe.message);
  if (probe.trustedBySystem) return undefined;
  const presented = probe.certificate.fingerprint256;
  const given = flags['trust-fingerprint'];
  if (typeof given === 'string') {
    const wanted = normalizeFingerprint(given);
    if (!wanted) throw new CliError('--trust-fingerprint takes the SHA-256 fingerprint as 64 hex digits (colons optional).', EXIT.usage);
    if (wanted !== presented)
      throw new CliError(`Certificate mismatch: ${baseUrl} presents ${presented}, not ${wanted}. Nothing was saved.`);
    return presented;
  }
  if (flags['trust-on-first-use'] === true) {
    ctx.term.err(`Trusting the certificate presented now: SHA-256 ${presented} (${probe.certificate.subject}).`);
    return presented;
  }
  const { subject, issuer } = probe.certificate;
  const untrusted = `${baseUrl} presents a certificate this computer does not trust:\n  SHA-256 ${presented}\n  subject ${subject}\n  issuer  ${issuer}`;
  if (!ctx.term.ask) {
    throw new CliError(
      `${untrusted}\nCompare it with the appliance, then run again with --trust-fingerprint <SHA256> (or --trust-on-first-use).`,
    );
  }
  ctx.term.err(untrusted);
  const answer = await ctx.term.ask('Compare it with the appliance. Trust this certificate? [y/N] ');
  if (/^y(es)?$/i.test(answer.trim())) return presented;
  throw new CliError('The certificate was not trusted. Nothing was saved.');
}

async function add(ctx: CliContext, flags: Flags): Promise<number> {
  const vendor = vendorOf(flags);
  const baseUrl = urlOf(flags);
  const name = required(flags, 'name');
  const username = required(flags, 'username');
  const passwordEnv = flags['password-env'];
  let password: string | undefined;
  if (typeof passwordEnv !== 'string') {
    if (flags['password-stdin'] !== true)
      throw new CliError('Give the password with --password-stdin (piped) or --password-env VAR.', EXIT.usage);
    password = (await ctx.term.readStdin()).replace(/\r?\n$/, '');
    if (!password) throw new CliError('No password arrived on standard input.');
  }
  const options = vendorOptionsOf(vendor, flags);
  const unpinned: ApplianceDraft = {
    name,
    vendor,
    baseUrl,
    username,
    options,
    ...(password === undefined ? { credential: { kind: 'env', variable: String(passwordEnv) } } : { password }),
  };
  // Every field is checked before the network is touched: a wrong flag is said as such, not as a dead address.
  const checked = checkRequestArg('appliances:test', { draft: unpinned });
  if (!checked.ok) throw new CliError(`${checked.sentence ?? `Invalid ${checked.issue}.`} Nothing was saved.`, EXIT.usage);
  const trusted = await fingerprintToTrust(ctx, baseUrl, flags);
  const draft: ApplianceDraft = { ...unpinned, ...(trusted ? { trustedFingerprint: trusted } : {}) };
  const test = await ctx.core.handlers['appliances:test']({ draft });
  if (!test.ok) throw new CliError(`${test.message} Nothing was saved.`);
  const saved = await ctx.core.handlers['appliances:add'](draft);
  if (!saved.ok) throw new CliError(saved.message);
  ctx.term.out(`Added ${shown(name)}. ${shown(test.message)}`);
  return 0;
}

async function list(ctx: CliContext, flags: Flags): Promise<number> {
  const all = await ctx.core.handlers['appliances:list']();
  if (flags.json === true) ctx.term.out(JSON.stringify(all, null, 2));
  else if (all.length === 0) ctx.term.out('No appliance is configured.');
  else {
    // "missing" only when the keychain answered; an unreachable one may well hold the password.
    const keychain = await ctx.secrets.availability();
    const password = (a: ApplianceView) => {
      if (a.credential.kind === 'env') return `env ${a.credential.variable}`;
      if (a.hasSecret) return 'keychain';
      if (keychain.available) return 'missing';
      return keychain.locked ? 'unknown (keychain locked)' : 'unknown (keychain unreachable)';
    };
    const rows = all.map((a) => [a.name, a.vendor, a.baseUrl, a.username, password(a), a.certificateFingerprint ?? 'system CA']);
    ctx.term.out(table([['NAME', 'VENDOR', 'URL', 'USER', 'PASSWORD', 'CERTIFICATE'], ...rows]));
    for (const line of noteLines(all)) ctx.term.out(line);
  }
  if (flags.json !== true) {
    for (const entry of ctx.config.rejected()) {
      ctx.term.out(`Set aside in ${ctx.config.path}, not monitored: ${entry.name ?? 'an entry without a name'}. ${entry.reason}`);
    }
  }
  return 0;
}

/** An appliance, or an entry the file sets aside as invalid (it may still own a keychain entry). */
async function remove(ctx: CliContext, name: string | undefined): Promise<number> {
  const setAside = name !== undefined && ctx.config.rejected().some((r) => r.name !== null && sameName(r.name, name));
  const target = setAside ? null : await findByName(ctx, name);
  const result = target
    ? await ctx.core.handlers['appliances:remove'](target.id)
    : await ctx.core.handlers['appliances:discard-set-aside'](name ?? '');
  if (!result.ok) throw new CliError(result.message);
  const what = target ? shown(target.name) : `the set-aside entry ${shown(name ?? '')}`;
  const removal = result.value;
  if (removal.password === 'kept') {
    ctx.term.out(`Removed ${what}.`);
    ctx.term.err(`warning: its password may still be in the OS keychain (${removal.why}); delete it there when the keychain is back.`);
  } else ctx.term.out(`Removed ${what}${removal.password === 'deleted' ? ' and its stored password' : ''}.`);
  return 0;
}

async function test(ctx: CliContext, name: string | undefined): Promise<number> {
  const appliance = await findByName(ctx, name);
  const result = await ctx.core.handlers['appliances:test']({ id: appliance.id });
  if (!result.ok) {
    const cert = result.certificate
      ? `\n  presented SHA-256 ${result.certificate.fingerprint256}${result.previousFingerprint ? `\n  trusted   SHA-256 ${result.previousFingerprint}` : ''}`
      : '';
    throw new CliError(`${appliance.name}: ${result.message}${cert}`);
  }
  ctx.term.out(result.message);
  return 0;
}

async function trust(ctx: CliContext, name: string | undefined, flags: Flags): Promise<number> {
  const appliance = await findByName(ctx, name);
  const fingerprint = await fingerprintToTrust(ctx, appliance.baseUrl, flags);
  if (!fingerprint) throw new CliError(`${appliance.name}'s certificate is trusted by this computer: no pin is needed.`);
  const result = await ctx.core.handlers['appliances:trust-certificate']({ id: appliance.id, fingerprint256: fingerprint });
  if (!result.ok) throw new CliError(result.message);
  ctx.term.out(`${appliance.name} now trusts SHA-256 ${fingerprint}.`);
  return 0;
}

export function applianceCommand(ctx: CliContext, action: string | undefined, args: readonly string[], flags: Flags): Promise<number> {
  switch (action) {
    case 'add':
      return add(ctx, flags);
    case 'list':
      return list(ctx, flags);
    case 'remove':
      return remove(ctx, args[0]);
    case 'test':
      return test(ctx, args[0]);
    case 'trust':
      return trust(ctx, args[0], flags);
    default:
      throw new CliError(
        action
          ? `Unknown appliance command "${action}": use add, list, remove, test or trust.`
          : 'backwatch appliance needs a command: add, list, remove, test or trust.',
        EXIT.usage,
      );
  }
}
