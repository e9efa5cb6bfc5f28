/**
 * Every exit code of `backwatch`, in one table that the help and the README show. `status`
 * answers 0–3 only, as monitoring plugins do; every command answers 64 for a usage error.
 */
export const EXIT = {
  ok: 0,
  warning: 1,
  critical: 2,
  unknown: 3,
  failed: 4,
  usage: 64,
} as const;

export const EXIT_CODES: readonly { readonly code: number; readonly meaning: string }[] = [
  { code: EXIT.ok, meaning: 'done; status: OK' },
  { code: EXIT.warning, meaning: 'status: WARNING (a job ended with warnings)' },
  { code: EXIT.critical, meaning: 'status: CRITICAL (a job failed or is at risk, or an appliance cannot be polled)' },
  {
    code: EXIT.unknown,
    meaning: 'status: UNKNOWN (no data yet, no answer within --timeout, a password or file this computer cannot read)',
  },
  { code: EXIT.failed, meaning: 'any other command could not do what was asked; the line on stderr says why' },
  { code: EXIT.usage, meaning: 'usage error: an unknown command or option, a missing or malformed value' },
];
