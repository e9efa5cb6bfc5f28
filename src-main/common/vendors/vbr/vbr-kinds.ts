/**
 * The kinds of run a Veeam Backup & Replication server does that Backwatch watches, named for
 * people, and the RPO of a job of each kind. The connector maps Veeam's own words to them.
 */
import type { RunKind } from '../vendor-info.js';

const HOUR = 3600;
const DAY = 24 * HOUR;

export const VBR_KINDS = {
  backup: { label: 'Backup' },
  backupCopy: { label: 'Backup copy' },
  agentBackup: { label: 'Agent backup' },
  // Transaction logs go every 15 minutes by default: a missed hour already loses data a restore needs.
  logBackup: { label: 'Log backup', defaultRpoSec: HOUR },
  replica: { label: 'Replica' },
  configurationBackup: { label: 'Configuration backup' },
  // Restore verification runs weekly or so, not nightly.
  sureBackup: { label: 'SureBackup', defaultRpoSec: 8 * DAY },
  archiveBackup: { label: 'Archive backup' },
  // Backup health checks run monthly by default.
  healthCheck: { label: 'Health check', defaultRpoSec: 32 * DAY },
} as const satisfies Readonly<Record<string, RunKind>>;

export type VbrKind = keyof typeof VBR_KINDS;
